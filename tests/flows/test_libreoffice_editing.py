"""Files edited and saved by LibreOffice the way people do it still work: questionnaires in Calc, drafts in Writer.

Each edit drives a real headless LibreOffice through tests/lo_driver.py (system python with uno).
"""
from __future__ import annotations

import datetime as dt
import time
import warnings
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire
from tests.support import libreoffice
from tests.support.sample_framework import sample_framework

pytestmark = pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with the Python-UNO bridge is not installed")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VISION, MONITORING, RENAMED = "1. Visión y planes", "2. Seguimiento", "2. Monitoreo"
BOOKMARK = "mecigep_panel_summary"
PLACEHOLDER = "⟦Texto del panel⟧"
PANEL_TEXT = "El panel constata un plan nacional de largo plazo."
TRACKED = " La ley lo exige desde 2005."
INTRO = "Resumen redactado por el panel."
SECONDS = 60  # a LibreOffice edit takes a few seconds; this only catches a hang


def timed_edit(source: Path, target: Path, operations: list[dict], author: str | None = None) -> Path:
    started = time.monotonic()
    result = libreoffice.edit(source, target, operations, author=author)
    seconds = time.monotonic() - started
    print(f"LibreOffice edit {source.name} -> {target.name}: {seconds:.1f} s")
    assert seconds < SECONDS
    return result


def load(path: Path, data_only: bool = False) -> openpyxl.Workbook:
    with warnings.catch_warnings():  # LibreOffice writes extensions openpyxl does not read
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(path, data_only=data_only)


@pytest.fixture
def questionnaire(tmp_path):
    fw = sample_framework()
    identity = Identity("2026-PER-planning.mef.1", "2026-PER-planning", "mef", fw.id, fw.version, "es", fw.structure_hash, "2026-11-28")
    cover = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18), "J. Morales <jm@example.org>")
    return write_questionnaire(tmp_path / "q.xlsx", fw, identity, cover)


def position(wb: openpyxl.Workbook, name: str) -> tuple[str, int, int]:
    cell = named_cells(wb, name)[0]
    return cell.parent.title, cell.row, cell.column


def test_an_official_inserts_a_row_types_answers_and_renames_a_sheet_in_calc(questionnaire, tmp_path):
    before = load(questionnaire)
    law_row = position(before, "q_law")[1]
    moved = {n: position(before, n) for n in ("q_law", "e_law", "q_law_year", "e_law_year")}
    stayed = {n: position(before, n) for n in ("q_plan", "e_plan")}
    yes = translate(m.Q_YES, "es")
    answers = {"q_plan": "3 – Nivel 3 en español", "e_plan": "Plan Bicentenario 2050", "q_law": yes,
               "e_law": "Ley 28522", "q_law_year": 2005, "q_tools__dashboards": yes, "q_budget_share": 12.5,
               "q_obstacles": "Falta de datos", "resp_name": "Luis Ramos"}
    operations = [{"op": "insert_rows", "sheet": VISION, "before_row": law_row, "count": 1}]
    operations += [{"op": "set_named", "name": n, "value": v} for n, v in answers.items()]
    operations += [{"op": "set_named", "name": "q_last_review", "value": {"date": "2026-03-15"}},
                   {"op": "set_named", "name": "resp_date", "value": {"date": "2026-04-01"}},
                   {"op": "rename_sheet", "old": MONITORING, "new": RENAMED},
                   {"op": "recalculate"}]
    saved = timed_edit(questionnaire, tmp_path / "edited.xlsx", operations)

    wb = load(saved)
    assert RENAMED in wb.sheetnames and MONITORING not in wb.sheetnames
    for name, (title, row, column) in moved.items():
        assert position(wb, name) == (title, row + 1, column), name  # the names moved with the inserted row
    for name, where in stayed.items():
        assert position(wb, name) == where, name
    assert position(wb, "q_obstacles")[0] == RENAMED
    sheet = wb[VISION]
    assert sheet.protection.sheet is True  # inserting the row did not need unprotecting
    assert all(sheet.cell(law_row, c).value is None for c in range(1, 7))
    assert sheet.cell(law_row + 1, 1).value == sample_framework().number("law")  # the question's number moved down with it
    for name, value in answers.items():
        assert named_cells(wb, name)[0].value == value, name
    assert named_cells(wb, "q_last_review")[0].value == dt.datetime(2026, 3, 15)
    status = sheet.cell(law_row + 1, 6).value
    assert status.startswith("=IF(") and "q_law" in status and "e_law" in status
    assert "q_law_year" in sheet.cell(law_row + 2, 6).value
    assert str(wb.defined_names["status_d1"].attr_text).endswith(f"$F${moved['q_law_year'][1] + 1}")

    values = load(saved, data_only=True)  # the statuses LibreOffice calculated and saved
    answered = translate(m.Q_STATUS_ANSWERED, "es")
    sheet = values[VISION]
    assert [sheet.cell(r, 6).value for r in (law_row - 1, law_row + 1, law_row + 2)] == [answered] * 3
    for name in ("q_tools", "q_budget_share", "q_last_review", "q_obstacles"):
        row = named_cells(values, name)[0].row - (1 if name == "q_tools" else 0)
        assert values[RENAMED].cell(row, 6).value == answered, name


def test_calc_refuses_to_insert_rows_where_the_protection_forbids_it(questionnaire, tmp_path):
    respondent = translate(m.Q_SHEET_RESPONDENT, "es")
    with pytest.raises(libreoffice.LibreOfficeError, match="inserting rows"):
        timed_edit(questionnaire, tmp_path / "refused.xlsx", [{"op": "insert_rows", "sheet": respondent, "before_row": 4}])
    edited = timed_edit(questionnaire, tmp_path / "unprotected.xlsx", [
        {"op": "unprotect", "sheet": respondent}, {"op": "insert_rows", "sheet": respondent, "before_row": 4}])
    assert position(load(edited), "resp_position") == (respondent, 5, 2)


def report_draft(path: Path) -> Path:
    """A heading carrying the panel bookmark, then the section's placeholder (docs/report-drafts.md)."""
    document = docx.Document()
    document.styles.add_style("MECIGEP Placeholder", WD_STYLE_TYPE.PARAGRAPH).font.italic = True
    document.add_heading("Informe preliminar", level=1)
    heading = document.add_heading("Resumen del panel", level=2)
    heading._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="7" w:name="{BOOKMARK}"/>'))
    heading._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="7"/>'))
    document.add_paragraph(PLACEHOLDER, style="MECIGEP Placeholder")
    document.add_heading("Anexo", level=1)
    document.save(path)
    return path


def xml(path: Path, part: str) -> etree._Element | None:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part)) if part in package.namelist() else None


def all_text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{W}}}t"))


def test_an_expert_writes_tracks_and_comments_in_writer_then_accepts_everything(tmp_path):
    draft = report_draft(tmp_path / "draft.docx")
    edited = timed_edit(draft, tmp_path / "edited.docx", [
        {"op": "replace_paragraph_containing", "text": PLACEHOLDER, "new_text": PANEL_TEXT, "style": "Standard"},
        {"op": "insert_after_bookmark", "bookmark": BOOKMARK, "text": INTRO},
        {"op": "track_changes", "on": True},
        {"op": "insert_text_at_end_of_paragraph_containing", "text": PANEL_TEXT, "insert": TRACKED},
        {"op": "add_comment", "on_text": "plan nacional", "comment": "¿Cuál es la fuente?", "author": "Rosa Quispe"},
    ], author="Ana Souza")

    body = xml(edited, "word/document.xml")
    starts = body.findall(f".//{{{W}}}bookmarkStart")
    heading = next(b for b in starts if b.get(f"{{{W}}}name") == BOOKMARK).getparent()
    assert all_text(heading) == "Resumen del panel"
    assert all_text(heading.getnext()) == INTRO and "Heading" not in etree.tostring(heading.getnext()).decode()
    assert PANEL_TEXT in all_text(body) and PLACEHOLDER not in all_text(body)
    insertions = body.findall(f".//{{{W}}}ins")
    assert any(i.get(f"{{{W}}}author") == "Ana Souza" and all_text(i) == TRACKED for i in insertions)
    comments = xml(edited, "word/comments.xml")
    assert [(c.get(f"{{{W}}}author"), all_text(c)) for c in comments.findall(f"{{{W}}}comment")] == [
        ("Rosa Quispe", "¿Cuál es la fuente?")]
    assert docx.Document(edited).paragraphs[3].text.startswith(PANEL_TEXT)  # python-docx still reads it

    clean = timed_edit(edited, tmp_path / "clean.docx", [
        {"op": "track_changes", "on": False}, {"op": "accept_all_changes"}, {"op": "delete_all_comments"}])
    body = xml(clean, "word/document.xml")
    assert body.findall(f".//{{{W}}}ins") == [] and body.findall(f".//{{{W}}}del") == []
    assert body.findall(f".//{{{W}}}commentReference") == [] and body.findall(f".//{{{W}}}commentRangeStart") == []
    comments = xml(clean, "word/comments.xml")
    assert comments is None or comments.findall(f"{{{W}}}comment") == []
    assert PANEL_TEXT + TRACKED in all_text(body)
    assert any(b.get(f"{{{W}}}name") == BOOKMARK for b in body.iter(f"{{{W}}}bookmarkStart"))


def test_a_refused_operation_fails_with_libreoffices_reason(tmp_path):
    draft = report_draft(tmp_path / "draft.docx")
    with pytest.raises(libreoffice.LibreOfficeError, match="no bookmark 'mecigep_panel_missing'"):
        libreoffice.edit(draft, tmp_path / "out.docx", [{"op": "insert_after_bookmark", "bookmark": "mecigep_panel_missing", "text": "x"}])
    assert not (tmp_path / "out.docx").exists()
