"""A returned questionnaire is read the way the official filled it, wherever the cells ended up."""
import datetime as dt

import openpyxl
import pytest

from pipeline.analysis.normalise import date, normalise, number
from pipeline.domain.problems import Location, Severity
from pipeline.i18n import messages as m
from pipeline.i18n.messages.answers import (
    RESP_NOT_A_DATE,
    RESP_NOT_A_NUMBER,
    RESP_NOT_WHOLE,
    RESP_NOT_YES_NO,
    RESP_UNKNOWN_CHOICE,
)
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire
from pipeline.workbooks.response import read_answers, read_identity
from tests.support.filling import fill
from tests.support.office import libreoffice_convert, rename_sheet, soffice
from tests.support.sample_framework import sample_framework

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
SHEET1, SHEET2 = "1. Visión y planes", "2. Seguimiento"
YES = translate(m.Q_YES, "es")
NO = translate(m.Q_NO, "es")

AS_AN_OFFICIAL_TYPES = {
    "q_plan": "N/A",  # typed over the dropdown of the maturity question
    "q_law": "SI",  # typed instead of choosing "Sí"
    "q_law_year": "1 995",  # a number typed as text, with a thousands space
    "q_tools__dashboards": YES,  # chosen from the yes/no dropdown
    "q_tools__audits": NO,
    "q_budget_share": "12,5",  # decimal comma
    "q_last_review": "15/03/2026",  # a date typed as text
    "q_obstacles": "  =SUM(A1:A3) no es una fórmula  ",
    "e_law": "Ley 28522, art. 3",
    "resp_name": "Ana Quispe",
    "resp_date": dt.datetime(2026, 12, 1),
}


@pytest.fixture
def framework():
    return sample_framework()


@pytest.fixture
def questionnaire(tmp_path, framework):
    identity = Identity("2026-PER-planning.mef.1", "2026-PER-planning", "mef", framework.id, framework.version, "es",
                        framework.structure_hash, "2026-11-28")
    cover = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18), "jm@example.org")
    return write_questionnaire(tmp_path / "q.xlsx", framework, identity, cover)


@pytest.fixture
def filled(questionnaire, tmp_path):
    return fill(questionnaire, AS_AN_OFFICIAL_TYPES, tmp_path / "filled.xlsx")


def check_the_official_answers(result, file="filled.xlsx", sheet1=SHEET1):
    assert result.errors == ()
    values = {name: answer.value for name, answer in result.answers.items()}
    assert values["plan"] == "na"
    assert values["law"] == "yes"
    assert values["law_year"] == 1995 and isinstance(values["law_year"], int)
    assert values["tools"] == ("dashboards",)
    assert values["tools__dashboards"] is True and values["tools__audits"] is False and values["tools__reports"] is None
    assert values["budget_share"] == pytest.approx(12.5)
    assert values["last_review"] == dt.date(2026, 3, 15)
    assert values["obstacles"] == "=SUM(A1:A3) no es una fórmula"
    assert result.evidence["law"].value == "Ley 28522, art. 3"
    assert result.evidence["plan"].value is None
    assert result.respondent["resp_name"].value == "Ana Quispe"
    assert result.respondent["resp_date"].value == dt.date(2026, 12, 1)
    # the raw values are kept as typed, with where they are
    assert result.answers["law_year"].raw == "1 995"
    assert result.answers["plan"].raw == "N/A"
    assert result.answers["law"].where == Location(file, sheet1, "D5")
    assert result.answers["last_review"].where.sheet == SHEET2
    assert result.identity["questionnaire_id"] == "2026-PER-planning.mef.1"


def test_it_reads_what_the_official_typed_as_answers(filled, framework):
    raw = read_answers(filled, framework)
    assert raw.answers["law"].value == "SI"
    assert raw.answers["tools__dashboards"].where == Location("filled.xlsx", SHEET2, "D6")
    assert raw.epoch == dt.date(1899, 12, 30)
    check_the_official_answers(normalise(raw, framework, "es"))


def test_dropdown_labels_become_codes_in_any_language(questionnaire, framework, tmp_path):
    path = fill(questionnaire, {"q_plan": "3 – Nivel 3 en español", "q_law": "no", "q_tools__reports": "oui",
                                "q_tools__audits": "Sí", "q_law_year": 2001.0, "q_budget_share": "1.234,5",
                                "q_last_review": "2026-01-31"}, tmp_path / "f.xlsx")
    result = normalise(read_answers(path, framework), framework, "es")
    assert result.errors == ()
    assert result.value("plan") == "3" and result.value("law") == "no"
    assert result.value("tools") == ("reports", "audits")
    assert result.value("law_year") == 2001 and result.value("budget_share") == pytest.approx(1234.5)
    assert result.value("last_review") == dt.date(2026, 1, 31)
    path = fill(questionnaire, {"q_plan": "  2 - level 2 ", "q_law": "Yes"}, tmp_path / "g.xlsx")
    result = normalise(read_answers(path, framework), framework, "en")
    assert result.value("plan") == "2" and result.value("law") == "yes"


def test_every_value_that_cannot_be_understood_is_a_problem_at_its_cell(questionnaire, framework, tmp_path):
    path = fill(questionnaire, {"q_plan": "bastante", "q_law_year": "mil novecientos", "q_budget_share": "12 %",
                                "q_last_review": "marzo", "q_tools__reports": "quizás", "q_obstacles": "ninguno"},
                tmp_path / "bad.xlsx")
    result = normalise(read_answers(path, framework), framework, "es")
    found = {(p.message, p.where.cell) for p in result.problems}
    assert found == {(RESP_UNKNOWN_CHOICE, "D4"), (RESP_NOT_A_NUMBER, "D6"), (RESP_NOT_YES_NO, "D7"),
                     (RESP_NOT_A_NUMBER, "D9"), (RESP_NOT_A_DATE, "D10")}
    assert all(p.severity is Severity.ERROR and p.where.file == "bad.xlsx" for p in result.problems)
    plan = next(p for p in result.problems if p.message == RESP_UNKNOWN_CHOICE)
    assert "bastante" in plan.render("es") and "3 – Nivel 3 en español" not in plan.render("es")  # one sentence, no list
    assert f"{framework.number('plan')} “" in plan.render("es")  # the question by its number and text
    assert result.answers["plan"].raw == "bastante" and result.answers["plan"].value is None
    assert result.value("obstacles") == "ninguno"


def test_a_renamed_sheet_and_a_deleted_name_do_not_lose_answers(filled, framework):
    rename_sheet(filled, SHEET1, "Planes")
    wb = openpyxl.load_workbook(filled)
    del wb.defined_names["q_law_year"]
    wb.save(filled)
    result = normalise(read_answers(filled, framework), framework, "es")
    check_the_official_answers(result, sheet1="Planes")
    assert result.answers["law_year"].where == Location("filled.xlsx", "Planes", "D6")


def test_inserted_rows_move_the_cells_but_not_the_answers(filled, framework):
    wb = openpyxl.load_workbook(filled)
    sheet = wb[SHEET1]
    sheet.insert_rows(4, 2)  # openpyxl does not move the names, so find the rows by id in column A
    for name in ("q_plan", "q_law", "q_law_year", "e_plan", "e_law", "e_law_year"):
        del wb.defined_names[name]
    wb.save(filled)
    result = normalise(read_answers(filled, framework), framework, "es")
    assert result.value("law") == "yes" and result.value("law_year") == 1995
    assert result.answers["law"].where.cell == "D7"
    assert result.evidence["law"].where.cell == "E7"


def test_identity_comes_from_the_document_properties_when_the_metadata_sheet_is_gone(filled, framework):
    wb = openpyxl.load_workbook(filled)
    del wb["_mecigep"]
    wb.save(filled)
    assert read_identity(filled)["questionnaire_id"] == "2026-PER-planning.mef.1"
    assert read_identity(filled)["structure_hash"] == framework.structure_hash
    assert read_answers(filled, framework).identity["kind"] == "questionnaire"


def test_numbers_and_dates_typed_in_many_ways():
    assert number("1 995", whole=True) == 1995
    assert number("1.995", whole=True) == 1995 and number("1,995", whole=True) == 1995
    assert number("1,234.5", whole=False) == pytest.approx(1234.5)
    assert number("\u00a012,5 ", whole=False) == pytest.approx(12.5)
    assert number(7.0, whole=True) == 7
    for bad, whole in (("7,5", True), ("abc", False), (True, True)):
        with pytest.raises(Exception):
            number(bad, whole)
    assert date(45366) == dt.date(2024, 3, 15)  # 1900 date system
    assert date(43904, dt.date(1904, 1, 1)) == dt.date(2024, 3, 15)  # 1904 date system
    assert date("5/3/2026") == dt.date(2026, 3, 5) and date(dt.datetime(2026, 3, 5, 10)) == dt.date(2026, 3, 5)
    with pytest.raises(Exception):
        date("31/02/2026")


def test_a_not_whole_year_is_a_problem(questionnaire, framework, tmp_path):
    path = fill(questionnaire, {"q_law_year": 1995.5}, tmp_path / "f.xlsx")
    result = normalise(read_answers(path, framework), framework, "es")
    assert [p.message for p in result.problems] == [RESP_NOT_WHOLE]


@needs_libreoffice
def test_a_copy_saved_by_libreoffice_reads_the_same(filled, framework, tmp_path):
    saved = libreoffice_convert(filled, tmp_path / "lo")
    assert openpyxl.load_workbook(saved)["_mecigep"].sheet_state in ("hidden", "veryHidden", "visible")
    assert named_cells(openpyxl.load_workbook(saved), "q_plan")
    result = normalise(read_answers(saved, framework), framework, "es")
    check_the_official_answers(result, file="filled.xlsx")
