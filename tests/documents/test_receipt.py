"""The receipt an institution gets for an accepted questionnaire, and the renderer behind it."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from jinja2.exceptions import SecurityError, UndefinedError
from pydantic import BaseModel, ValidationError

from pipeline.documents.receipt import RECEIPT_TEMPLATE, ReceiptContent, completion_ratio, receipt_context, write_receipt
from pipeline.documents.render import clean, render, template_variables
from pipeline.i18n.messages.receipt import RECEIPT_NO_WARNINGS, RECEIPT_RECEIVED_AT, RECEIPT_WARNINGS_INTRO
from pipeline.i18n.translation import LANGUAGES, translate

SHA = "3f" * 32
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
HOSTILE = '<b>&"x"</b> {{ 7*7 }} {% if 1 %} 😀 \u200f\x01 \'quoted\' {_{ y }_}'
HOSTILE_AS_SHOWN = '<b>&"x"</b> {{ 7*7 }} {% if 1 %} 😀 \u200f \'quoted\' {_{ y }_}'


def content(**changes) -> ReceiptContent:
    base = dict(
        round_id="2026-PER-planning",
        country="Peru",
        topic="Planning",
        institution="Ministry of Economy and Finance (MEF)",
        questionnaire_id="2026-PER-planning-mef",
        file_name="cuestionario MEF final.xlsx",
        received_at=dt.datetime(2026, 3, 3, 14, 5, tzinfo=dt.timezone.utc),
        sha256=SHA,
        answered=17,
        required=20,
        warnings=["Question 2.3 has no evidence.", "Question 4.1 is answered 'insufficient information'."],
        language="en",
    )
    return ReceiptContent(**{**base, **changes})


def texts(path: Path) -> list[str]:
    """Every paragraph of the body, the tables, the header and the footer, in order."""
    document = docx.Document(str(path))
    body = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    section = document.sections[0]
    edges = [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return body + cells + edges


def facts(path: Path) -> dict[str, str]:
    table = docx.Document(str(path)).tables[0]
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


def bullets(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in docx.Document(str(path)).paragraphs if p.style.name == "List Bullet"]


def a_template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph().add_run(text)
    path = tmp_path / "template.docx"
    document.save(str(path))
    return path


# What the receipt says


def test_the_receipt_states_the_facts_of_the_questionnaire_received(tmp_path):
    path = write_receipt(content(), tmp_path / "receipt.docx")
    assert facts(path) == {
        "Round": "2026-PER-planning",
        "Beneficiary state": "Peru",
        "Topic": "Planning",
        "Institution": "Ministry of Economy and Finance (MEF)",
        "Questionnaire reference": "2026-PER-planning-mef",
        "File, as received": "cuestionario MEF final.xlsx",
        "File format": "Excel workbook (.xlsx), accepted",
        "Received on": "March 3, 2026, 2:05:00\u202fPM UTC",
        "SHA-256 fingerprint of the file": SHA,
    }
    shown = texts(path)
    assert shown[0] == "Acknowledgement of receipt"
    assert "Completion: 85%" in shown
    assert "17 of 20 required questions answered." in shown


def test_each_warning_is_one_bullet_after_the_introduction(tmp_path):
    path = write_receipt(content(), tmp_path / "receipt.docx")
    assert [p.text for p in bullets(path)] == list(content().warnings)
    assert translate(RECEIPT_WARNINGS_INTRO, "en") in texts(path)
    assert translate(RECEIPT_NO_WARNINGS, "en") not in texts(path)


def test_without_warnings_the_receipt_says_so_in_a_sentence(tmp_path):
    path = write_receipt(content(warnings=[]), tmp_path / "receipt.docx")
    assert bullets(path) == []
    assert translate(RECEIPT_NO_WARNINGS, "en") in texts(path)
    assert translate(RECEIPT_WARNINGS_INTRO, "en") not in texts(path)


def test_the_letterhead_and_the_footer_name_the_oas_and_mecigep(tmp_path):
    document = docx.Document(str(write_receipt(content(), tmp_path / "receipt.docx")))
    section = document.sections[0]
    assert "Organization of American States" in [p.text for p in section.header.paragraphs]
    assert "MECIGEP" in " ".join(p.text for p in section.footer.paragraphs)
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_template_serves_every_language(tmp_path, language):
    path = write_receipt(content(language=language), tmp_path / f"receipt-{language}.docx")
    shown = texts(path)
    assert translate("Round", language) in facts(path)
    assert shown[0] == translate("Acknowledgement of receipt", language)
    assert not any("{{" in text or "{%" in text for text in shown)


def test_dates_and_numbers_are_written_the_way_the_language_writes_them(tmp_path):
    spanish = write_receipt(content(language="es", answered=1234, required=2000), tmp_path / "es.docx")
    assert facts(spanish)["Ronda"] == "2026-PER-planning"
    assert facts(spanish)[translate(RECEIPT_RECEIVED_AT, "es")] == "3 de marzo de 2026, 14:05:00 UTC"
    shown = texts(spanish)
    assert any(text.endswith(": 61\xa0%") for text in shown)  # Spanish puts a space before %
    assert any("1.234" in text and "2.000" in text for text in shown)


def test_completion_never_shows_a_questionnaire_complete_before_it_is():
    assert completion_ratio(199, 200) == 0.99
    assert completion_ratio(200, 200) == 1.0
    assert completion_ratio(0, 0) == 1.0
    assert receipt_context(content(answered=199, required=200))["completion"] == "99%"


# Text people typed comes out exactly as typed


def test_typed_markup_template_syntax_emoji_and_direction_marks_come_out_as_typed(tmp_path):
    path = write_receipt(content(file_name=HOSTILE, warnings=[HOSTILE]), tmp_path / "receipt.docx")
    assert facts(path)["File, as received"] == HOSTILE_AS_SHOWN
    assert [p.text for p in bullets(path)] == [HOSTILE_AS_SHOWN]


def test_a_line_break_in_a_warning_is_a_line_break_within_its_bullet(tmp_path):
    path = write_receipt(content(warnings=["First line\nsecond line", "Alone"]), tmp_path / "receipt.docx")
    first, second = bullets(path)
    assert first.text == "First line\nsecond line"
    assert len(first._p.findall(".//" + qn("w:br"))) == 1
    assert second.text == "Alone"


def test_carriage_returns_and_control_characters_are_cleaned_everywhere():
    class Typed(BaseModel):
        name: str

    dirty = {"a": "x\x00y\r\nz\rw\t.", "b": ["\x07bell", ("\x0cform", 3)], "c": Typed(name="\ufffeok\x1f")}
    assert clean(dirty) == {"a": "xy\nz\nw\t.", "b": ["bell", ("form", 3)], "c": {"name": "ok"}}


# What the template may use


def test_the_template_uses_only_variables_the_receipt_provides():
    assert template_variables(RECEIPT_TEMPLATE) <= set(receipt_context(content()))


def test_every_tag_of_the_template_is_in_a_single_run():
    document = docx.Document(str(RECEIPT_TEMPLATE))
    section = document.sections[0]
    paragraphs = list(document.paragraphs) + [p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    paragraphs += list(section.header.paragraphs) + list(section.footer.paragraphs)
    tagged = [p for p in paragraphs if TAG.search(p.text)]
    assert len(tagged) > 30
    for paragraph in tagged:
        assert TAG.findall(paragraph.text) == [tag for run in paragraph.runs for tag in TAG.findall(run.text)]


# The renderer


@pytest.mark.parametrize("expression", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ labels.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__ }}",
])
def test_a_template_reaching_into_python_is_refused_by_the_sandbox(tmp_path, expression):
    template = a_template(tmp_path, "Receipt", expression)
    target = tmp_path / "out.docx"
    target.write_bytes(b"the previous receipt")
    with pytest.raises(SecurityError):
        render(template, {"labels": {"title": "x"}}, target)
    assert target.read_bytes() == b"the previous receipt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx", "template.docx"]


def test_a_template_cannot_change_the_context(tmp_path):
    template = a_template(tmp_path, "{{ warnings.append('forged') }}{{ warnings }}")
    with pytest.raises(SecurityError):
        render(template, {"warnings": []}, tmp_path / "out.docx")


def test_a_variable_missing_from_the_context_fails_instead_of_printing_nothing(tmp_path):
    template = a_template(tmp_path, "{{ labels.title }} {{ labels.missing }}")
    with pytest.raises(UndefinedError):
        render(template, {"labels": {"title": "x"}}, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_rendering_replaces_the_target_whole_and_leaves_no_temporary_file(tmp_path):
    template = a_template(tmp_path, "{{ greeting }}")
    target = tmp_path / "out" / "doc.docx"
    render(template, {"greeting": "first"}, target)
    render(template, {"greeting": "second"}, target)
    assert docx.Document(str(target)).paragraphs[0].text == "second"
    assert [p.name for p in target.parent.iterdir()] == ["doc.docx"]


def test_template_variables_lists_the_names_a_template_needs(tmp_path):
    template = a_template(tmp_path, "{{ a }} {{ b.c }}", "{%p for w in items %}", "{{ w }}", "{%p endfor %}")
    assert template_variables(template) == {"a", "b", "items"}


# What a receipt may state


@pytest.mark.parametrize("changes", [
    {"answered": 21},
    {"answered": -1},
    {"sha256": "not a hash"},
    {"language": "de"},
    {"institution": ""},
])
def test_a_receipt_that_would_state_something_impossible_is_refused(changes):
    with pytest.raises(ValidationError):
        content(**changes)


def test_the_content_is_frozen_and_normalised():
    receipt = content(sha256=SHA.upper(), language=" ES ")
    assert (receipt.sha256, receipt.language) == (SHA, "es")
    with pytest.raises(ValidationError):
        receipt.answered = 20  # type: ignore[misc]
