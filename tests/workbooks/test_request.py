"""A country opens a round by filling the request form; what is wrong is named by sheet and cell."""
import datetime as dt

import openpyxl
import pytest

from pipeline.demo.build import PERU_REQUEST
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger.workspace import Workspace
from pipeline.stages.request import open_from_request
from pipeline.workbooks.request import TABLE_HEADER, RequestContent, write_form
from tests.support.office import rename_sheet


def filled(path, workspace, **values):
    content = RequestContent({**PERU_REQUEST.values, **values}, PERU_REQUEST.institutions, PERU_REQUEST.experts)
    return write_form(path, workspace.catalog, "es", content)


def test_a_filled_form_opens_the_round_with_its_institutions_and_panel(workspace, tmp_path):
    round_ = open_from_request(workspace, filled(tmp_path / "solicitud.xlsx", workspace))
    assert round_.id == "2026-PER-planning"
    assert [i.acronym for i in round_.institutions] == ["CEPLAN", "MEF", "PCM", "GRC"]
    assert [e.state for e in round_.panel.experts] == ["CHL", "MEX", "BRA"]
    assert round_.calendar.visit_start == dt.date(2027, 2, 8)
    event = workspace.ledger.events(round_.id)[0]
    assert event.documents[0]["role"] == "round_request" and len(event.documents[0]["sha256"]) == 64


def test_the_form_reads_through_its_names_after_sheets_are_renamed(workspace, tmp_path):
    path = filled(tmp_path / "solicitud.xlsx", workspace)
    rename_sheet(path, "Solicitud", "Datos")
    assert open_from_request(workspace, path).country == "PER"


def test_a_wrong_country_is_reported_with_its_cell(workspace, tmp_path):
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, filled(tmp_path / "s.xlsx", workspace, req_country="Narnia"))
    problem = raised.value.problems[0]
    assert problem.message == m.UNKNOWN_COUNTRY
    assert (problem.where.sheet, problem.where.cell) == ("Solicitud", "B3")
    assert raised.value.render("es").startswith("archivo s.xlsx, hoja Solicitud, celda B3: ") or "B3" in raised.value.render("es")


def test_every_wrong_cell_is_reported_at_once(workspace, tmp_path):
    path = filled(tmp_path / "s.xlsx", workspace, req_topic="Astrología", req_requested="31/02/2026", req_contact_email=None)
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    assert [p.message for p in raised.value.problems] == [m.UNKNOWN_TOPIC, m.REQUEST_BAD_DATE, m.REQUEST_MISSING_VALUE]
    assert [p.where.cell for p in raised.value.problems] == ["B4", "B6", "B13"]


def test_a_missing_sheet_is_named(workspace, tmp_path):
    path = filled(tmp_path / "s.xlsx", workspace)
    wb = openpyxl.load_workbook(path)
    del wb["Expertos propuestos"]
    wb.save(path)
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    assert raised.value.message == m.REQUEST_MISSING_SHEET
    assert "Expertos propuestos" in raised.value.render("es")


def test_a_csv_renamed_xlsx_is_told_apart(workspace, tmp_path):
    path = tmp_path / "solicitud.xlsx"
    path.write_text("pais;tema\nPerú;Planificación\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    assert raised.value.message == m.REQUEST_NOT_XLSX
    assert "CSV" in raised.value.render("en")


def test_a_workbook_that_is_not_a_request_is_refused(workspace, tmp_path):
    path = tmp_path / "otro.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    assert raised.value.message == m.REQUEST_NOT_A_REQUEST


def test_an_institution_row_without_acronym_names_its_row(workspace, tmp_path):
    content = RequestContent(PERU_REQUEST.values, PERU_REQUEST.institutions + [("Contraloría General", "", "")], PERU_REQUEST.experts)
    path = write_form(tmp_path / "s.xlsx", workspace.catalog, "es", content)
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    assert raised.value.problems[0].where.row == TABLE_HEADER + 5  # the fifth institution, under the table's header


def test_the_panel_rules_apply_to_proposed_experts(workspace, tmp_path):
    experts = PERU_REQUEST.experts + [("Otro", "o@example.org", "Canadá (CAN)", "X", "Y")]
    path = write_form(tmp_path / "s.xlsx", workspace.catalog, "es", RequestContent(PERU_REQUEST.values, PERU_REQUEST.institutions, experts))
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    assert raised.value.message == m.PANEL_TOO_MANY


def test_the_forms_lists_offer_only_participating_states(workspace, tmp_path):

    workspace.ledger.set_participation("HTI", False)
    path = write_form(tmp_path / "f.xlsx", Workspace.open(workspace.root).catalog, "es")
    states = [c.value for c in openpyxl.load_workbook(path)[translate(m.REQUEST_SHEET_LISTS, "es")]["A"] if c.value]
    assert any(s.endswith("(PER)") for s in states) and not any(s.endswith("(HTI)") for s in states)


def test_each_proposed_expert_is_checked_in_its_row_with_its_name(workspace, tmp_path):
    experts = [PERU_REQUEST.experts[0], ("Luis Alberto Pérez", "lperez@example.gob.mx", "México (MEX)", "", "Presupuesto", "de")]
    path = write_form(tmp_path / "s.xlsx", workspace.catalog, "es", RequestContent(PERU_REQUEST.values, PERU_REQUEST.institutions, experts))
    with pytest.raises(UserError) as raised:
        open_from_request(workspace, path)
    second = TABLE_HEADER + 2
    assert [(p.message, p.where.row) for p in raised.value.problems] == [(m.UNKNOWN_LANGUAGE, second), (m.PANEL_NO_INSTITUTION, second)]
    assert raised.value.problems[1].render("es").endswith(translate(m.PANEL_NO_INSTITUTION, "es", name="Luis Alberto Pérez"))


def test_the_institutions_and_experts_sheets_say_what_they_are_and_what_to_write(workspace, tmp_path):
    wb = openpyxl.load_workbook(write_form(tmp_path / "f.xlsx", workspace.catalog, "pt"))
    for sheet, title, help_ in ((m.REQUEST_SHEET_INSTITUTIONS, m.REQUEST_INSTITUTIONS_TITLE, m.REQUEST_INSTITUTIONS_HELP),
                                (m.REQUEST_SHEET_EXPERTS, m.REQUEST_EXPERTS_TITLE, m.REQUEST_EXPERTS_HELP)):
        ws = wb[translate(sheet, "pt")]
        assert (ws["A1"].value, ws["A2"].value) == (translate(title, "pt"), translate(help_, "pt"))
        assert ws.cell(TABLE_HEADER, 1).value == translate(m.LABEL_NAME, "pt") and ws.freeze_panes == f"A{TABLE_HEADER + 1}"
