"""Follow-up of the recommendations of a published round: emitted, filled (openpyxl, LibreOffice), ingested, answered."""
import datetime as dt
import shutil

import docx
import openpyxl
import pytest

from pipeline.analysis.followup import STATUS_LIST
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.stages import publication as f
from pipeline.stages.rounds import open_round
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.response import read_identity
from tests.conftest import a_round
from tests.stages.test_register import COSTA_RICA, PERU, published_workspace
from tests.support import libreoffice
from tests.support.filling import fill


def status(code):
    """What the status list shows, in the workbook's language (Spanish)."""
    return translate(m.FOLLOWUP_STATUSES[code], "es")


GOOD = {"q_r01_status": status("implemented"), "q_r01_actions": "Ley 31 aprobada en 2027.", "q_r01_evidence": "https://example.gob.pe/ley31",
        "q_r02_status": status("in_progress"), "q_r02_actions": "Mesa de trabajo con el MEF.",
        "q_r03_status": status("no_longer_relevant"), "q_r03_evidence": "La ley cambió & <se> derogó.", "resp_name": "Rosa Quispe"}


@pytest.fixture(scope="module")
def emitted(tmp_path_factory):
    workspace = published_workspace(tmp_path_factory)
    return {"workspace": workspace, "path": f.emit_followup(workspace, PERU)}


def ingest(workspace, source, name, answers=None):
    target = workspace.inbox / name
    fill(source, answers, target) if answers is not None else shutil.copyfile(source, target)
    return run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")


def test_the_follow_up_lists_each_recommendation_by_its_stable_id(emitted):
    workspace, path = emitted["workspace"], emitted["path"]
    assert path == workspace.outbox / PERU / f"{PERU}-seguimiento-1.xlsx"
    wb = openpyxl.load_workbook(path)
    for base in ("r01", "r02", "r03"):
        assert all(named_cells(wb, f"q_{base}_{part}") for part in ("status", "actions", "evidence")), base
    assert named_cells(wb, "q_r04_status") is None
    sheet = named_cells(wb, "q_r01_status")[0].parent
    assert any("R-01 — Vincular el plan con el presupuesto." == c.value for c in sheet["B"])
    identity = read_identity(path)
    assert (identity["kind"], identity["questionnaire_id"], identity["framework_id"]) == ("followup", f"{PERU}.followup.1", f"followup-{PERU}")
    issued = workspace.ledger.questionnaire(f"{PERU}.followup.1")
    assert issued["framework_version"] == dt.date.today().isoformat()
    framework = workspace.ledger.framework(issued["framework_id"], issued["framework_version"])
    assert [d.label["en"] for d in framework.dimensions] == ["Recommendations"]
    assert [c.name for c in framework.choices[STATUS_LIST]] == ["not_started", "in_progress", "implemented", "no_longer_relevant"]
    title = translate(m.FOLLOWUP_TITLE, "es", topic="")
    assert wb.worksheets[0]["A1"].value.startswith(title)  # its own instructions, not the self-assessment's


def test_the_follow_up_asks_who_answers_without_putting_the_country_in_the_person_s_cells(emitted):
    wb = openpyxl.load_workbook(emitted["path"])
    for name in ("resp_name", "resp_position", "resp_institution", "resp_email", "resp_date"):
        [cell] = named_cells(wb, name)
        assert cell.value in (None, ""), name  # the country is on the first sheet, not where a person writes who they are


def test_only_a_published_round_is_followed_up(workspace):
    open_round(workspace, a_round())
    with pytest.raises(UserError) as refused:
        f.emit_followup(workspace, "2026-PER-planning")
    assert refused.value.message == m.FOLLOWUP_NOT_PUBLISHED


def test_a_wrong_follow_up_gets_a_feedback_workbook_and_records_nothing(emitted, tmp_path):
    workspace = emitted["workspace"]
    wrong = {"q_r01_status": status("implemented"), "q_r02_status": "Quizás", "resp_name": "Rosa Quispe"}
    [outcome] = ingest(workspace, emitted["path"], "seguimiento mal.xlsx", wrong)
    assert (outcome.result, outcome.message) == ("incomplete", m.FOLLOWUP_INCOMPLETE)
    feedback = openpyxl.load_workbook(workspace.root / outcome.answer)
    comments = {n: (named_cells(feedback, n)[0].comment.text if named_cells(feedback, n)[0].comment else None)
                for n in ("q_r01_actions", "q_r02_status", "q_r03_status", "q_r01_evidence")}
    assert "R-01" in comments["q_r01_actions"] and "Quizás" in comments["q_r02_status"] and "R-03" in comments["q_r03_status"]
    assert comments["q_r01_evidence"] == translate(m.FOLLOWUP_EVIDENCE_ASKED, "es", id="R-01")  # asked, not required
    assert named_cells(feedback, "q_r02_status")[0].value == "Quizás"  # what was typed comes back
    assert read_identity(workspace.root / outcome.answer)["kind"] == "followup"
    assert f.recommendation_status(workspace) == {}


def test_a_right_follow_up_is_recorded_answered_and_shows_in_the_register(emitted):
    workspace = emitted["workspace"]
    [outcome] = ingest(workspace, emitted["path"], "seguimiento.xlsx", GOOD)
    assert (outcome.result, outcome.round) == ("accepted", PERU)
    receipt = "\n".join(p.text for p in docx.Document(str(workspace.root / outcome.answer)).paragraphs)
    assert "Follow-up" in receipt or "seguimiento" in receipt
    statuses = f.recommendation_status(workspace)
    assert [(k[1], v[-1].status) for k, v in sorted(statuses.items())] == [("R-01", "implemented"), ("R-02", "in_progress"),
                                                                          ("R-03", "no_longer_relevant")]
    assert statuses[(PERU, "R-01")][-1].evidence == "https://example.gob.pe/ley31"
    assert statuses[(PERU, "R-03")][-1].evidence == "La ley cambió & <se> derogó." and statuses[(PERU, "R-03")][-1].actions == ""
    assert f.followup_summary(workspace, PERU) == {"not_started": 0, "in_progress": 1, "implemented": 1, "no_longer_relevant": 1, "none": 0}
    assert f.followup_summary(workspace, COSTA_RICA)["none"] == 1
    rows = {(r.round, r.recommendation): r for r in f.register_rows_of(workspace, "es") if r.kind == "recommendation"}
    assert rows[(PERU, "R-01")].status == "implemented" and rows[(PERU, "R-01")].status_date == dt.date.today().isoformat()
    assert rows[(COSTA_RICA, "R-01")].status == "none" and rows[(COSTA_RICA, "R-01")].status_date == ""


def test_a_changed_follow_up_is_quarantined(emitted, tmp_path):
    workspace = emitted["workspace"]
    changed = tmp_path / "changed.xlsx"
    wb = openpyxl.load_workbook(emitted["path"])
    meta = wb["_mecigep"]
    next(row for row in meta.iter_rows() if row[0].value == "framework_version")[1].value = "1999-01-01"
    wb.save(changed)
    [outcome] = ingest(workspace, changed, "cambiado.xlsx")
    assert outcome.result == "quarantined"
    assert outcome.params["reason"] == translate(m.FOLLOWUP_FOREIGN, "es", followup=f"{PERU}.followup.1")


@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with Python-UNO is not installed")
def test_a_follow_up_filled_in_libreoffice_calc_is_taken(emitted, tmp_path):
    workspace = emitted["workspace"]
    second = f.emit_followup(workspace, PERU)
    assert second.name == f"{PERU}-seguimiento-2.xlsx"
    answers = {"q_r01_status": status("implemented"), "q_r01_actions": "Reglamento publicado.", "q_r01_evidence": "Decreto 5-2028",
               "q_r02_status": status("implemented"), "q_r02_actions": "Informes trimestrales en línea.",
               "q_r03_status": status("not_started")}
    edited = libreoffice.edit(second, tmp_path / "calc.xlsx",
                              [{"op": "set_named", "name": n, "value": v} for n, v in answers.items()] + [{"op": "recalculate"}])
    [outcome] = ingest(workspace, edited, "seguimiento calc.xlsx")
    assert outcome.result == "accepted", outcome.render("es")
    history = f.recommendation_status(workspace)[(PERU, "R-02")]
    assert [h.status for h in history][-1] == "implemented"
    assert f.followup_summary(workspace, PERU)["implemented"] == 2
