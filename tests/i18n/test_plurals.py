"""Every counted message reads right with 0, 1, 2 and 5 in every language: each language's plural form, never "1
problemas", and no message with a count that is not said through a plural form."""
import re

import pytest
from babel.messages.pofile import read_po

from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, LOCALE_DIR, Msgid, counted_parameters, plural_of, translate
from tests.support.language_check import problems

PLACEHOLDER = re.compile(r"\{(\w+)(?::\w+)?\}")

# Placeholders whose names sound like counts but hold something else: a position, a limit that is always many, a list
# of names, a figure with its own unit, a formula's terms.
NOT_COUNTS = {
    "ANSWER_TOO_LONG": {"length", "over", "limit"}, "CHECK_DETAILS": {"length", "limit", "others", "questions"},
    "CHECK_RULES": {"length"}, "EXPR_TOO_DEEP": {"limit"}, "EXPR_TOO_LONG": {"limit"}, "FW_AVERAGING_DUPLICATE": {"first"},
    "FW_DUPLICATE_CHOICE": {"first"}, "FW_DUPLICATE_NAME": {"first"}, "FW_DUPLICATE_NAME_IN_GROUP": {"first"},
    "FW_END_MISMATCH": {"expected", "first"}, "GUIDE_CHECKS": {"others", "questions"}, "GUIDE_SCORED_COUNT": {"scored", "total"},
    "HISTORY_VERSION": {"received"}, "MSG_HUGE_SHEET": {"max_rows", "max_columns"}, "MSG_TOO_LARGE": {"size_mb", "max_mb"},
    "MSG_ZIP_BOMB": {"uncompressed_mb"}, "NOTES_ELEMENT_QUESTIONS": {"questions"}, "NOTES_FOREIGN": {"notes"},
    "NOTES_TAMPERED": {"notes"}, "OUTCOME_DRAFT_MERGED": {"taken", "same", "conflicts", "outside"},
    "OUTCOME_DUPLICATE": {"first"}, "REPORT_SCORED": {"scored", "total"}, "ROUND_EDITED": {"changes"},
    "SEMINAR_TOPIC_NOTE": {"rounds"}, "VAL_WRONG_TYPE": {"expected"}, "VERIFY_ROW_CHANGED": {"expected"},
    "VERIFY_TRUNCATED": {"count"}, "WORKING_ROUND": {"count"}, "REVIEW_INCOMPLETE_OUTCOME": {"answered", "required"},
    "VAL_TOO_FEW_ROWS": {"count"}, "EVENT_SENTENCES": {"answered", "received", "first"},
    "RETURN_INCOMPLETE": {"answered", "required"}, "RETURN_LEFT_OUT": {"answered", "required"},
    "RETURN_RECEIVED_INCOMPLETE": {"answered", "required"}, "RETURN_RECEIVED_ON_INCOMPLETE": {"answered", "required"},
}
COUNTS = {"count", "total", "answered", "required", "errors", "days", "expected", "received", "missing", "gaps", "guides",
          "notes", "kept", "appended", "changes", "comments", "needs", "recommendations", "rounds", "dimensions",
          "questions", "entries", "rows", "columns", "restored", "events", "records", "files", "lost", "recorded", "owed",
          "drafted", "uncertain", "left", "taken", "conflicts", "outside", "changed", "compared", "ii", "na", "least",
          "scored", "others", "same", "length", "over", "limit", "first"}


def catalogue() -> list[tuple[str, Msgid]]:
    """Every message of the catalogue, with the name of the constant (or of the table) it is in."""
    found = []
    for name, value in vars(m).items():
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, dict):
            found += [(name, v) for v in value.values() if isinstance(v, str)]
        elif isinstance(value, tuple):
            found += [(name, v) for v in value if isinstance(v, str)]
    return found


def counted() -> list[tuple[str, Msgid]]:
    return sorted({(name, message) for name, message in catalogue() if plural_of(message) or counted_parameters(message)})


def render(message: str, lang: str, n: int) -> str:
    numbers = set(counted_parameters(message)) | ({plural_of(message).number} if plural_of(message) else set())
    params = {p: n if p in numbers else "Planificación" for p in PLACEHOLDER.findall(message)}
    params.update({p: n for p in numbers})  # a singular may say "an incomplete return" without its number
    return translate(message, lang, **params)


def test_there_are_counted_messages_in_every_topic_that_counts():
    assert len(counted()) >= 80


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_counted_message_reads_right_with_0_1_2_and_5(lang):
    wrong = []
    for name, message in counted():
        for n in (0, 1, 2, 5):
            text = render(message, lang, n)
            assert str(n) in text or (n == 1 and plural_of(message) and "{%s}" % plural_of(message).number not in message), (name, text)
            wrong += [f"{name} ({n}): {p}" for p in problems([text], lang) if "1 with a plural" in p or "placeholder" in p]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_counted_noun_changes_with_its_number(lang):
    assert render(m.OUTCOME_INCOMPLETE, lang, 1) != render(m.OUTCOME_INCOMPLETE, lang, 2)
    assert render(m.CONS_WRITTEN, lang, 1) != render(m.CONS_WRITTEN, lang, 5)
    same = {"pt": (0, 1), "fr": (0, 1), "es": (2, 5), "en": (2, 5)}[lang]  # 0 takes the singular in French and Portuguese
    assert render(m.LEDGER_INTACT, lang, same[0]).replace(str(same[0]), "#") == render(m.LEDGER_INTACT, lang, same[1]).replace(str(same[1]), "#")


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_each_catalogue_has_its_language_plural_rule_and_every_form(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "mecigep.po").open("rb") as handle:
        po = read_po(handle)
    assert po.plural_forms == {"es": "nplurals=2; plural=(n != 1);", "pt": "nplurals=2; plural=(n > 1);",
                               "fr": "nplurals=2; plural=(n > 1);"}[lang]
    plural = [message for message in po if isinstance(message.id, tuple)]
    assert len(plural) >= 80 and all(len(message.string) == 2 and all(message.string) for message in plural)


def test_no_message_shows_a_count_without_its_plural_form():
    loose = sorted({(name, p) for name, message in catalogue() if not (plural_of(message) or counted_parameters(message))
                    for p in PLACEHOLDER.findall(message) if p in COUNTS and p not in NOT_COUNTS.get(name, ())})
    assert loose == []
