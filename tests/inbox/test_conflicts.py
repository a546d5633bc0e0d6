"""Two versions of one questionnaire that may both be right are both kept, neither replaces the other, and staff choose."""
import datetime as dt
import shutil

import openpyxl
import pytest
from docx import Document as WordDocument

from pipeline.cli.app import main
from pipeline.domain.arrivals import conflict_copy
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.stages.choices import choose
from pipeline.stages.status import institutions, overview
from tests.support.returns import ROUND, filled, issue


@pytest.mark.parametrize("name, copy", [
    ("mef (Juan Pérez's conflicted copy 2026-12-03).xlsx", True), ("mef (conflicted copy 2026-12-03 101500).xlsx", True),
    ("mef (Copia en conflicto de Ana 2026-12-03).xlsx", True), ("mef.sync-conflict-20261203-101500-ABCDEFG.xlsx", True),
    ("mef-DESKTOP-1234ABC.xlsx", True), ("informe-MEF.xlsx", False), ("mef (1).xlsx", False), ("mef-final-v2.xlsx", False),
])
def test_conflict_copies_of_sync_clients_are_told_by_their_names(name, copy):
    assert conflict_copy(name) is copy


def run(workspace):
    return {o.file: o for o in run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")}


def receipt_text(workspace, outcome) -> str:
    document = WordDocument(workspace.root / outcome.answer)
    return "\n".join(p.text for p in document.paragraphs)


def test_a_conflict_copy_is_kept_answered_and_held_until_staff_choose(workspace, tmp_path, capsys):
    issued = issue(workspace)
    first = filled(issued, "mef", tmp_path / "a.xlsx", q_pl_29="Versión de Juan")
    second = filled(issued, "mef", tmp_path / "b.xlsx", q_pl_29="Versión de Ana")
    shutil.copyfile(first, workspace.inbox / "mef.xlsx")
    run(workspace)
    copy_name = "mef (Ana's conflicted copy 2026-12-03).xlsx"
    shutil.copyfile(second, workspace.inbox / copy_name)
    held = run(workspace)[copy_name]
    assert held.result == "accepted" and held.message == m.OUTCOME_HELD
    assert translate(m.CONFLICT_COPY_WARNING, "es", other="mef.xlsx", when=records.document(
        workspace.ledger, sha256_of(first)).received[:16].replace("T", " ")) in receipt_text(workspace, held)
    [current] = [r for r in records.responses(workspace.ledger, ROUND) if r.institution == "mef"]
    assert current.sha256 == sha256_of(first)  # neither supersedes the other
    assert all((workspace.root / records.document(workspace.ledger, sha256_of(p)).stored).exists() for p in (first, second))
    [mef] = [i for i in institutions(workspace, ROUND) if i.institution == "mef"]
    assert len(mef.versions) == 2 and overview(workspace, dt.date.today())[0].to_choose == 1
    assert main(["--workspace", str(workspace.root), "status", ROUND]) == 0
    assert "mecigep inbox choose 2026-PER-planning MEF" in capsys.readouterr().out
    assert main(["--workspace", str(workspace.root), "inbox", "choose", ROUND, "mef", copy_name]) == 0
    assert translate(m.CHOSEN, "es", file=copy_name, institution="MEF", round=ROUND, count=1) in capsys.readouterr().out
    [current] = [r for r in records.responses(workspace.ledger, ROUND) if r.institution == "mef"]
    assert current.sha256 == sha256_of(second)
    assert [i.versions for i in institutions(workspace, ROUND) if i.institution == "mef"] == [()]
    history = [r for r in records.responses(workspace.ledger, ROUND, current_only=False) if r.institution == "mef"]
    assert [r.superseded_by for r in history] == [sha256_of(second), None]
    assert main(["--workspace", str(workspace.root), "inbox", "choose", ROUND, "mef", copy_name]) == 2
    assert translate(m.NOTHING_TO_CHOOSE, "es", round=ROUND, institution="MEF") in capsys.readouterr().err


def test_two_versions_arriving_within_minutes_with_other_answers_are_a_conflict(workspace, tmp_path):
    issued = issue(workspace)
    first = filled(issued, "pcm", tmp_path / "a.xlsx", q_pl_29="Primera")
    second = filled(issued, "pcm", tmp_path / "b.xlsx", q_pl_29="Segunda")
    shutil.copyfile(first, workspace.inbox / "pcm.xlsx")
    run(workspace)
    shutil.copyfile(second, workspace.inbox / "pcm de otra persona.xlsx")
    held = run(workspace)["pcm de otra persona.xlsx"]
    assert held.message == m.OUTCOME_HELD and "pcm.xlsx" in held.render("es")
    assert "Primera" == [r for r in records.responses(workspace.ledger, ROUND)][0].answers.value("pl_29")
    with pytest.raises(UserError) as refused:
        choose(workspace, ROUND, "PCM", "nada")
    assert refused.value.message == m.CHOOSE_WHICH


def test_the_same_answers_saved_again_simply_follow(workspace, tmp_path):
    issued = issue(workspace)
    first = filled(issued, "pcm", tmp_path / "a.xlsx")
    shutil.copyfile(first, workspace.inbox / "pcm.xlsx")
    run(workspace)
    again = tmp_path / "again.xlsx"
    resaved = openpyxl.load_workbook(first)
    resaved.properties.title = "guardado otra vez"  # other bytes, the same answers
    resaved.save(again)
    shutil.copyfile(again, workspace.inbox / "pcm (conflicted copy 2026-12-03).xlsx")
    outcome = run(workspace)["pcm (conflicted copy 2026-12-03).xlsx"]
    assert outcome.message == m.OUTCOME_ACCEPTED
