"""The questionnaire workbook explains itself, prevents what it can and identifies itself."""
import datetime as dt

import openpyxl
import pytest

from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire
from tests.support.filling import fill, values
from tests.support.office import libreoffice_convert, rename_sheet, soffice
from tests.support.sample_framework import sample_framework

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


@pytest.fixture
def questionnaire(tmp_path):
    fw = sample_framework()
    identity = Identity("2026-PER-planning.mef.1", "2026-PER-planning", "mef", fw.id, fw.version, "es", fw.structure_hash, "2026-11-28")
    cover = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18), "J. Morales <jm@example.org>")
    return write_questionnaire(tmp_path / "q.xlsx", fw, identity, cover)


def test_it_has_instructions_respondent_summary_and_a_sheet_per_dimension(questionnaire):
    wb = openpyxl.load_workbook(questionnaire)
    expected = [translate(s, "es") for s in (m.Q_SHEET_INSTRUCTIONS, m.Q_SHEET_RESPONDENT, m.Q_SHEET_SUMMARY)]
    assert wb.sheetnames == expected + ["1. Visión y planes", "2. Seguimiento", "_lists", "_mecigep"]
    assert wb["_lists"].sheet_state == "hidden"
    assert wb["_mecigep"].sheet_state == "veryHidden"
    instructions = " ".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value)
    assert "18 de diciembre de 2026" in instructions and "jm@example.org" in instructions


def test_every_answer_cell_has_a_name_and_is_unlocked_on_a_protected_sheet(questionnaire):
    wb = openpyxl.load_workbook(questionnaire)
    for name in ("q_plan", "q_law", "q_law_year", "q_tools__dashboards", "q_budget_share", "q_last_review", "q_obstacles",
                 "e_plan", "resp_name", "resp_date"):
        cell = named_cells(wb, name)[0]
        assert cell.protection.locked is False, name
        assert cell.parent.protection.sheet is True
    assert named_cells(wb, "q_intro") is None  # a note has no answer


def test_choice_questions_have_dropdowns_from_the_lists_sheet(questionnaire):
    wb = openpyxl.load_workbook(questionnaire)
    sheet = wb["1. Visión y planes"]
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    plan_cell = named_cells(wb, "q_plan")[0].coordinate
    rule = next(dv for ref, dv in rules.items() if plan_cell in ref.split())
    assert rule.type == "list" and rule.formula1.startswith("'_lists'!$A$")
    assert rule.showErrorMessage and rule.prompt
    year = next(dv for ref, dv in rules.items() if named_cells(wb, "q_law_year")[0].coordinate in ref.split())
    assert year.type == "whole"
    labels = [c.value for c in named_cells(wb, "list_plan_levels")][::2]
    assert labels[0] == "0 – Nivel 0 en español" and labels[-1] == "Información insuficiente"


def test_it_identifies_itself_in_a_hidden_sheet_and_in_the_document_properties(questionnaire):
    wb = openpyxl.load_workbook(questionnaire)
    meta = {row[0].value: row[1].value for row in wb["_mecigep"].iter_rows()}
    assert meta["kind"] == "questionnaire"
    assert meta["questionnaire_id"] == "2026-PER-planning.mef.1"
    assert meta["structure_hash"] == sample_framework().structure_hash
    properties = {p.name: p.value for p in wb.custom_doc_props.props}
    assert properties["mecigep_round_id"] == "2026-PER-planning"
    assert properties["mecigep_framework_version"] == "2026.1"


def test_the_status_and_summary_are_formulas(questionnaire):
    wb = openpyxl.load_workbook(questionnaire)
    status = wb["1. Visión y planes"]["F4"].value
    assert status.startswith("=IF(") and "q_plan" in status and f'"{translate(m.Q_STATUS_PENDING, "es")}"' in status
    assert wb.worksheets[2]["E4"].value == "=IF(B4=0,1,C4/B4)"


def test_a_text_that_looks_like_a_formula_stays_text(tmp_path):
    fw = sample_framework()
    hostile = fw.model_copy(update={"title": {"es": "=HYPERLINK(\"http://x\",\"y\")"}})
    identity = Identity("i", "r", "mef", fw.id, fw.version, "es", fw.structure_hash, "2026-11-28")
    path = write_questionnaire(tmp_path / "q.xlsx", hostile, identity, Cover("=1+1", "Perú", "MEF", None, "x"))
    wb = openpyxl.load_workbook(path)
    cells = [c for row in wb.worksheets[0].iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


@needs_libreoffice
def test_libreoffice_computes_the_status_and_progress_as_the_official_answers(questionnaire, tmp_path):
    yes = translate(m.Q_YES, "es")
    filled = fill(questionnaire, {"q_plan": "3 – Nivel 3 en español", "q_law": "No", "q_tools__reports": yes,
                                  "q_budget_share": 140}, tmp_path / "filled.xlsx")
    saved = libreoffice_convert(filled, tmp_path / "lo")
    wb = openpyxl.load_workbook(saved, data_only=True)
    sheet = named_cells(wb, "q_plan")[0].parent
    assert sheet["F4"].value == translate(m.Q_STATUS_EVIDENCE, "es")  # level 3 asks for evidence
    assert sheet["F6"].value == translate(m.Q_STATUS_NOT_APPLICABLE, "es")  # the year of a law that does not exist
    budget_status = named_cells(wb, "q_budget_share")[0].offset(column=2).value
    assert budget_status == translate(m.Q_STATUS_CHECK, "es")
    # answered: the law, the tools; still to do: the plan's evidence, the budget share out of range
    assert values(saved, "progress_total")["progress_total"] == pytest.approx(2 / 4)


@needs_libreoffice
def test_names_and_validations_survive_a_save_by_libreoffice(questionnaire, tmp_path):
    saved = libreoffice_convert(questionnaire, tmp_path / "lo")
    wb = openpyxl.load_workbook(saved)
    assert named_cells(wb, "q_plan") and named_cells(wb, "q_tools__audits") and named_cells(wb, "e_plan")
    sheet = named_cells(wb, "q_plan")[0].parent
    assert any(dv.type == "list" for dv in sheet.data_validations.dataValidation)
    assert wb["_mecigep"].sheet_state in ("hidden", "veryHidden")  # LibreOffice keeps it out of sight, not very hidden
    assert {p.name for p in wb.custom_doc_props.props} >= {"mecigep_questionnaire_id", "mecigep_structure_hash"}


@needs_libreoffice
def test_it_keeps_working_after_a_sheet_is_renamed(questionnaire, tmp_path):
    rename_sheet(questionnaire, "1. Visión y planes", "Planes")
    fill(questionnaire, {"q_plan": "1 – Nivel 1 en español"})
    saved = libreoffice_convert(questionnaire, tmp_path / "lo")
    wb = openpyxl.load_workbook(saved, data_only=True)
    assert wb["Planes"]["F4"].value == translate(m.Q_STATUS_ANSWERED, "es")
