"""The demo's main round taken through every step in each working language reads as its native readers expect: every
Word document, workbook and page it makes passes the language check (tests/support/language_check.py), and the check
stops at a mistake of each kind planted in one of them."""
import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest

from pipeline.domain import file_names
from pipeline.domain.catalog import Catalog
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, format_date, translate
from tests.support.language_check import problems, texts_of

ROUND = "2026-PER-planning"


def outputs(root: Path, lang: str) -> list[Path]:
    """Every document the main round's people read: the round's outbox, and the seminar compendium and register made
    in its language."""
    outbox = root / "outbox"
    found = [p for p in (outbox / ROUND).rglob("*") if p.suffix in (".docx", ".xlsx", ".html")]
    seminar = file_names.word(m.FILE_SEMINAR, lang)
    return sorted(found + list(outbox.glob(f"{seminar}-*.docx")) + [p for p in [outbox / file_names.register(lang)] if p.exists()])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_document_of_a_round_reads_as_its_language(demos, lang):
    root, code, _ = demos(lang)
    assert code == 0
    made = outputs(root, lang)
    names = " ".join(p.name for p in made)  # every kind of document, named in the round's language
    kinds = (m.FILE_RECEIPT, m.FILE_FEEDBACK, m.FILE_CONSOLIDATED, m.FILE_DRAFT, m.FILE_FOLLOWUP, m.FILE_SEMINAR, m.FILE_REGISTER)
    assert len(made) >= 30 and [k for k in kinds if file_names.word(k, lang) not in names] == []
    found = [problem for path in made for problem in problems(texts_of(path), lang, path.name)]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_final_report_names_the_country_its_framework_and_dates_as_its_language_does(demos, lang):
    root = demos(lang)[0]
    text = "\n".join(texts_of(root / "outbox" / ROUND / file_names.final_report(ROUND, lang)))
    peru = Catalog().state("PER")
    assert {"es": "el Perú solicitó", "pt": "o Peru solicitou", "fr": "le Pérou a demandé", "en": "Peru asked"}[lang] in text
    assert format_date(dt.date(2026, 3, 2), lang) in text
    assert peru.text(lang) in text
    assert "(planning" not in text and ") (" not in text


@pytest.mark.parametrize("lang", ["pt", "fr"])
def test_a_questionnaire_names_its_questions_by_number_and_says_its_note_in_its_language(demos, lang):
    root = demos(lang)[0]
    wb = openpyxl.load_workbook(next((root / "outbox" / ROUND).glob(f"{ROUND}-mef-{lang}-*.xlsx")))
    first = wb.worksheets[0]
    texts = [c.value for row in first.iter_rows() for c in row if isinstance(c.value, str)]
    assert translate(m.FRAMEWORK_ILLUSTRATIVE, lang) in texts
    dimension = wb.worksheets[3]
    column = [dimension.cell(r, 1).value for r in range(1, 40) if dimension.cell(r, 1).value]
    heading = column.index(translate(m.Q_HEADER_ID, lang))
    assert column[heading + 1:heading + 3] == ["1.1", "1.2"]  # under the "No." heading, the numbers, never the ids


def test_the_check_stops_at_a_mistake_of_each_kind_planted_in_a_document(demos, tmp_path):
    root = demos("fr")[0]
    report = docx.Document(str(root / "outbox" / ROUND / file_names.final_report(ROUND, "fr")))
    planted = {
        "another language": translate(m.NOTES_PURPOSE, "es"), "internal code": "Question pl_20 : sans réponse.",
        "1 with a plural": "1 recommandations", "doubled word": "le le rapport", "doubled parenthesis": "Cadre (indicatif) (planning)",
        "placeholder": "Date limite : {deadline}",
    }
    for text in planted.values():
        report.add_paragraph(text)
    report.save(str(tmp_path / "planted.docx"))
    found = {p.split(": ")[1] for p in problems(texts_of(tmp_path / "planted.docx"), "fr")}
    assert found == set(planted)
    spanish = tmp_path / "pregunta.xlsx"
    book = openpyxl.load_workbook(root / "outbox" / file_names.register("fr"))
    book.worksheets[0]["A1"] = "Qué evidencia lo respalda?"
    book.save(spanish)
    assert [p.split(": ")[1] for p in problems(texts_of(spanish), "es") if "¿" in p.split(": ")[1]] == ["question without ¿"]
