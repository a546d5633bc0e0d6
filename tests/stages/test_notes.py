"""The panel's interview notes: one workbook per expert, filled, checked, stored and merged, each row attributed."""
import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument

from pipeline.analysis.notes import validate_notes
from pipeline.domain.models import Calendar, Institution, Panel, Stage
from pipeline.domain.notes import FIELDS, row_specs
from pipeline.domain.problems import Severity, UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.kinds.notes import cell_of
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.interviews import emit_notes, merged_notes
from pipeline.stages.rounds import open_round, set_stage
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.notes import cell_name, read_notes
from tests.conftest import a_round
from tests.support.filling import fill
from tests.support.office import libreoffice_convert, soffice
from tests.support.workbook_checks import highlighted

ROUND = "2026-PER-planning"
TEMPLATE = Path(__file__).resolve().parents[2] / "templates_xlsx" / "interview_notes.xlsx"
ELEMENTS = [f"pl_e{i}" for i in range(1, 10)]
SPECS = {(s.institution, s.element): s.key for s in row_specs(["mef", "pcm"], ELEMENTS)}


def label(choices, code):
    """What the dropdown shows for ``code``, in Spanish."""
    return translate(choices[code], "es")


def name(institution, element, field):
    return cell_name(SPECS[(institution, element)], field)


@pytest.fixture
def issued(workspace):
    """A round in interviews, with two institutions and a panel of two experts, whose notes were emitted."""
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM"),
    )))
    set_stage(workspace, ROUND, Stage.INTERVIEWS)
    chl, mex = emit_notes(workspace, ROUND)
    return {"chl": chl, "mex": mex}


def good_answers(finding="Existe un plan al 2050, aprobado por ley."):
    return {
        name("mef", "pl_e1", "finding"): finding,
        name("mef", "pl_e1", "assessment"): label(m.NOTES_ASSESSMENTS, "partly"),
        name("mef", "pl_e1", "need"): "Pasantía en un centro de planeamiento de la región.",
        name("mef", "pl_e1", "recommendation"): "Institucionalizar la consulta pública del plan.",
        name("mef", "pl_e1", "priority"): label(m.NOTES_PRIORITIES, "high"),
        name("pcm", "pl_e4", "finding"): "El presupuesto no se vincula con el plan.",
        name("pcm", "pl_e4", "assessment"): label(m.NOTES_ASSESSMENTS, "not_confirmed"),
        name("pcm", "pl_e4", "questions"): "pl_16, pl_17",
    }


def run(workspace, *files):
    for number, path in enumerate(files):
        shutil.copyfile(path, workspace.inbox / f"{number}-{path.name}")
    return run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")


def test_one_protected_workbook_per_expert_with_a_row_per_institution_and_element(workspace, issued):
    assert [p.name for p in issued.values()] == [f"{ROUND}-notas-chl-es-1.xlsx", f"{ROUND}-notas-mex-es-1.xlsx"]  # the round's language
    wb = openpyxl.load_workbook(issued["chl"])
    assert named_cells(wb, "expert_email")[0].value == "chl@example.org"
    assert named_cells(wb, "expert_name")[0].value == "Expert CHL"
    for key in SPECS.values():
        for field in FIELDS:
            cell = named_cells(wb, cell_name(key, field))[0]
            assert cell.value is None and cell.protection.locked is False
    sheet = named_cells(wb, name("mef", "pl_e1", "finding"))[0].parent
    assert sheet.protection.sheet and sheet.cell(named_cells(wb, name("mef", "pl_e1", "finding"))[0].row, 1).protection.locked
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists == {"'_lists'!$A$1:$A$3", "'_lists'!$A$4:$A$6"}
    assert wb["_lists"].sheet_state == "hidden" and wb["_mecigep"].sheet_state == "veryHidden"
    meta = {row[0].value: row[1].value for row in wb["_mecigep"].iter_rows()}
    assert (meta["kind"], meta["round_id"], meta["expert"], meta["notes_id"]) == (
        "interview_notes", ROUND, "chl@example.org", f"{ROUND}.notes.chl.1")
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["mecigep_kind"] == "interview_notes" and props["mecigep_framework_id"] == "planning"
    assert [e.kind for e in workspace.ledger.events(ROUND)].count("notes.issued") == 2


def test_filled_notes_are_receipted_and_stored_row_by_row_for_their_expert(workspace, issued):
    filled = fill(issued["chl"], good_answers(), workspace.root / "chl.xlsx")
    [outcome] = run(workspace, filled)
    assert outcome.result == "accepted", outcome.render("en")
    assert (outcome.params["answered"], outcome.params["required"]) == (2, 18)
    receipt = WordDocument(workspace.root / outcome.answer)
    text = "\n".join(p.text for p in receipt.paragraphs) + "\n".join(
        c.text for t in receipt.tables for row in t.rows for c in row.cells)
    assert f"{ROUND}.notes.chl.1" in text and outcome.sha256 in text and "self-assessment questionnaire" not in text
    rows = {(r.institution, r.element): r for r in merged_notes(workspace, ROUND)}
    assert set(rows) == {("mef", "pl_e1"), ("pcm", "pl_e4")}
    first = rows[("mef", "pl_e1")]
    assert (first.expert, first.expert_name, first.assessment, first.priority) == ("chl@example.org", "Expert CHL", "partly", "high")
    assert first.need.startswith("Pasantía") and rows[("pcm", "pl_e4")].questions == "pl_16, pl_17"
    assert records.document(workspace.ledger, outcome.sha256).kind == "interview_notes"


def test_wrong_notes_get_a_feedback_workbook_with_each_cell_highlighted_and_commented(workspace, issued):
    answers = good_answers()
    answers[name("mef", "pl_e1", "assessment")] = "Más o menos"  # typed past the dropdown
    answers[name("mef", "pl_e1", "priority")] = None  # a recommendation without priority
    [outcome] = run(workspace, fill(issued["chl"], answers, workspace.root / "chl.xlsx"))
    assert outcome.result == "incomplete" and outcome.params["errors"] == 2
    feedback = openpyxl.load_workbook(workspace.root / outcome.answer)
    wrong = named_cells(feedback, name("mef", "pl_e1", "assessment"))[0]
    missing = named_cells(feedback, name("mef", "pl_e1", "priority"))[0]
    assert wrong.value == "Más o menos" and "Más o menos" in wrong.comment.text
    assert missing.value is None and missing.comment is not None
    assert highlighted(wrong) and highlighted(missing)
    kept = named_cells(feedback, name("mef", "pl_e1", "finding"))[0]
    assert kept.value == answers[name("mef", "pl_e1", "finding")] and kept.comment is None
    listed = [row[0].value for row in feedback[translate(m.Q_SHEET_PROBLEMS, "es")].iter_rows(min_row=2)]
    assert f"{wrong.parent.title}!{wrong.coordinate}" in listed and f"{missing.parent.title}!{missing.coordinate}" in listed
    meta = {row[0].value: row[1].value for row in feedback["_mecigep"].iter_rows()}
    assert meta["notes_id"] == f"{ROUND}.notes.chl.1"
    assert merged_notes(workspace, ROUND) == []  # nothing stored until the notes are right
    corrected = fill(workspace.root / outcome.answer, good_answers(), workspace.root / "again.xlsx")
    [again] = run(workspace, corrected)
    assert again.result == "accepted", again.render("en")


def test_the_experts_notes_are_merged_each_attributed_and_a_later_file_replaces_the_earlier(workspace, issued):
    chl = fill(issued["chl"], good_answers(), workspace.root / "chl.xlsx")
    mex = fill(issued["mex"], {name("pcm", "pl_e4", "finding"): "Hay un piloto de presupuesto por resultados.",
                               name("pcm", "pl_e4", "assessment"): label(m.NOTES_ASSESSMENTS, "confirmed")},
               workspace.root / "mex.xlsx")
    assert [o.result for o in run(workspace, chl, mex)] == ["accepted", "accepted"]
    merged = merged_notes(workspace, ROUND)
    assert sorted((r.expert, r.institution, r.element) for r in merged) == [
        ("chl@example.org", "mef", "pl_e1"), ("chl@example.org", "pcm", "pl_e4"), ("mex@example.org", "pcm", "pl_e4")]
    later = fill(issued["chl"], {name("mef", "pl_e2", "finding"): "La rectoría es débil."}, workspace.root / "chl2.xlsx")
    [outcome] = run(workspace, later)
    assert outcome.result == "accepted"
    merged = merged_notes(workspace, ROUND)
    assert sorted((r.expert, r.element) for r in merged) == [("chl@example.org", "pl_e2"), ("mex@example.org", "pl_e4")]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_notes_saved_by_libreoffice_are_read_like_excels(workspace, issued, tmp_path):
    filled = fill(issued["mex"], good_answers(), tmp_path / "mex.xlsx")
    saved = libreoffice_convert(filled, tmp_path / "lo")
    [outcome] = run(workspace, saved)
    assert outcome.result == "accepted", outcome.render("en")
    assert {r.expert for r in merged_notes(workspace, ROUND)} == {"mex@example.org"}
    assert len(merged_notes(workspace, ROUND)) == 2


def test_tampered_or_foreign_notes_are_quarantined(workspace, issued):
    tampered, foreign = workspace.root / "tampered.xlsx", workspace.root / "foreign.xlsx"
    for target, key, value in ((tampered, "expert", "someone@example.org"), (foreign, "notes_id", f"{ROUND}.notes.chl.9")):
        wb = openpyxl.load_workbook(fill(issued["chl"], good_answers(), target))
        for row in wb["_mecigep"].iter_rows():
            if row[0].value == key:
                row[1].value = value
        wb.save(target)
    outcomes = run(workspace, tampered, foreign)
    assert [o.result for o in outcomes] == ["quarantined", "quarantined"]
    assert translate(m.NOTES_TAMPERED, "es", notes=f"{ROUND}.notes.chl.1", field="expert") in outcomes[0].render("es")
    assert f"{ROUND}.notes.chl.9" in outcomes[1].render("es")
    assert merged_notes(workspace, ROUND) == []


def test_a_panel_without_experts_gets_one_workbook_and_each_note_goes_to_the_email_typed(workspace):
    open_round(workspace, a_round(panel=Panel(), stage=Stage.INTERVIEWS))
    [panel] = emit_notes(workspace, ROUND)
    assert panel.name == f"{ROUND}-notas-panel-es-1.xlsx"
    answers = {cell_name(row_specs(["mef"], ELEMENTS)[0].key, "finding"): "Plan vigente."}
    [unsigned] = run(workspace, fill(panel, answers, workspace.root / "a.xlsx"))
    assert unsigned.result == "incomplete"
    email = named_cells(openpyxl.load_workbook(workspace.root / unsigned.answer), "expert_email")[0]
    assert email.comment.text == translate(m.NOTES_EMAIL_MISSING, "es")
    [signed] = run(workspace, fill(panel, {**answers, "expert_email": "Ana@Example.org"}, workspace.root / "b.xlsx"))
    assert signed.result == "accepted" and [r.expert for r in merged_notes(workspace, ROUND)] == ["ana@example.org"]


def test_validation_collects_every_problem_and_takes_labels_in_any_language(workspace, issued, tmp_path):
    answers = {**good_answers(), "expert_email": "not an address",
               name("mef", "pl_e1", "assessment"): "Partly confirmed", name("mef", "pl_e1", "priority"): "HIGH",
               name("mef", "pl_e2", "recommendation"): "Crear una unidad de planeamiento.",
               name("mef", "pl_e3", "priority"): "urgente", name("mef", "pl_e3", "questions"): "pl_99"}
    raw = read_notes(fill(issued["chl"], answers, tmp_path / "x.xlsx"))
    problems = validate_notes(raw, row_specs(["mef", "pcm"], ELEMENTS), questions={"pl_16", "pl_17"})
    cells = sorted((cell_of(p), p.severity) for p in problems)
    assert cells == sorted([("expert_email", Severity.ERROR), (name("mef", "pl_e2", "priority"), Severity.ERROR),
                            (name("mef", "pl_e3", "priority"), Severity.ERROR), (name("mef", "pl_e3", "questions"), Severity.WARNING)])
    wrong = next(p for p in problems if cell_of(p) == name("mef", "pl_e3", "priority"))
    assert wrong.where.cell == named_cells(openpyxl.load_workbook(tmp_path / "x.xlsx"), name("mef", "pl_e3", "priority"))[0].coordinate


def test_notes_are_not_emitted_before_the_questionnaire_is_out(workspace):
    open_round(workspace, a_round(stage=Stage.REQUESTED))
    with pytest.raises(UserError) as refused:
        emit_notes(workspace, ROUND)
    assert refused.value.message == m.NOTES_ROUND_CLOSED


def _content(path):
    """Everything a reader sees in a workbook, but the day it was issued."""
    wb = openpyxl.load_workbook(path)
    sheets = {ws.title: (ws.sheet_state, sorted(str(r) for r in ws.merged_cells.ranges),
                         sorted((dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation),
                         [[c.value for c in row] for row in ws.iter_rows() if row[0].value != "issued"]) for ws in wb.worksheets}
    names = {key: wb.defined_names[key].attr_text for key in wb.defined_names}
    return wb.sheetnames, sheets, names, sorted((p.name, p.value) for p in wb.custom_doc_props.props if p.name != "mecigep_issued")


def example(root):
    """The shipped example: the blank Spanish notes of an illustrative round whose panel has no experts yet."""
    workspace = Workspace.init(root)
    open_round(workspace, a_round(panel=Panel(), stage=Stage.INTERVIEWS, calendar=Calendar(
        requested=dt.date(2026, 3, 2), visit_start=dt.date(2027, 2, 8), visit_end=dt.date(2027, 2, 12)), institutions=(
        Institution(id="ceplan", name="Centro Nacional de Planeamiento Estratégico", acronym="CEPLAN"),
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"))))
    [made] = emit_notes(workspace, ROUND, "es")
    return made


def test_the_shipped_template_is_what_the_code_generates(tmp_path):
    """After a change of layout or wording, regenerate it: MECIGEP_WRITE_TEMPLATES=1 pytest tests/stages/test_notes.py"""
    made = example(tmp_path / "example")
    if os.environ.get("MECIGEP_WRITE_TEMPLATES"):
        shutil.copyfile(made, TEMPLATE)
    assert _content(TEMPLATE) == _content(made)
