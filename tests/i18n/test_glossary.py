"""The catalogues name the mechanism's things as the glossaries of docs/ say (docs/glossary.md), in every language."""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pipeline.i18n.messages import terms
from pipeline.i18n.translation import LOCALE_DIR

DOCS = Path(__file__).resolve().parents[2] / "docs"
TRANSLATED = ("es", "pt", "fr")


@dataclass(frozen=True)
class Term:
    label: str
    forms: tuple[str, ...]  # the words a sentence uses for it
    never: tuple[str, ...]


def _words(cell: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in cell.split(",") if w.strip())


@lru_cache(maxsize=None)
def glossary(lang: str) -> dict[str, Term]:
    """The glossary of ``lang``: each term's key (its English name) and what the catalogue says for it."""
    found = {}
    for line in (DOCS / f"glossary-{lang}.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            found[cells[0].strip("`")] = Term(cells[1], _words(cells[2]), _words(cells[3]))
    return found


@lru_cache(maxsize=None)
def catalog(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "mecigep.po").open("rb") as handle:
        return read_po(handle)


def forms(text):
    return list(text) if isinstance(text, (tuple, list)) else [text]


def prose(text: str) -> str:
    """The words of a message, without its placeholders and the commands it quotes (``mecigep round panel …``)."""
    return re.sub(r"\{[^{}]*\}|mecigep(?: [a-z][\w.-]*)+|--[\w-]+", " ", text)


def says(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", prose(text), re.IGNORECASE) for w in words)


def test_the_four_glossaries_have_the_same_terms():
    assert len(glossary("en")) >= 30
    for lang in TRANSLATED:
        assert glossary(lang).keys() == glossary("en").keys(), lang


def test_every_term_of_the_catalogue_is_in_the_glossary():
    labels = {t.label for t in glossary("en").values()}
    defined = {name: value for name, value in vars(terms).items() if name.startswith("TERM_")}
    listed = {name for name, value in defined.items() if value in labels}
    assert listed >= {"TERM_ROUND", "TERM_ANALYTICAL_FRAMEWORK", "TERM_DIMENSION", "TERM_ELEMENT", "TERM_QUESTIONNAIRE",
                      "TERM_PANEL", "TERM_DRAFT"}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_label_is_translated_as_its_glossary_says(lang):
    po = catalog(lang)
    wrong = []
    for key, term in glossary("en").items():
        message = po.get(term.label)
        if message is not None and message.string != glossary(lang)[key].label:
            wrong.append((term.label, message.string, glossary(lang)[key].label))
    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_sentence_says_each_term_with_a_word_of_the_glossary(lang):
    english, own = glossary("en"), glossary(lang)
    wrong = []
    for message in catalog(lang):
        if not message.id or (isinstance(message.id, str) and message.id.startswith("file:")):
            continue  # a word of a file's name ("file:receipt"), written without accents for every file system
        for key, term in english.items():
            if term.forms and own[key].forms and says(forms(message.id)[-1], term.forms):
                wrong += [(key, text) for text in forms(message.string) if not says(text, own[key].forms)]
    assert wrong == []


@pytest.mark.parametrize("lang", ("en",) + TRANSLATED)
def test_no_message_uses_a_word_its_glossary_rules_out(lang):
    never = [w for term in glossary(lang).values() for w in term.never]
    texts = [t for m in catalog(lang) if m.id for t in forms(m.id if lang == "en" else m.string)]
    assert [(w, t) for t in texts for w in never if says(t, (w,))] == []
