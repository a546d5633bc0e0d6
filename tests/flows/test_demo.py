"""`make demo` runs a whole round; every output it names exists and opens."""
import datetime as dt
import json
import re
import shutil
import zipfile
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import openpyxl
import pytest

from pipeline.cli.app import main
from pipeline.domain.models import STAGE_ORDER, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace


@pytest.fixture(scope="module")
def demo(demos):
    return demos("es")[0]


def test_the_demo_runs_every_step_and_every_output_opens(demo, demos):
    _, code, out = demos("es")
    assert code == 0
    named = re.findall(r"(?<=\s)((?:/|outbox/)\S+\.(?:xlsx|docx|pdf))", out)
    paths = [Path(p) if p.startswith("/") else demo / p for p in named]
    assert len(paths) >= 12
    for path in paths:
        assert path.exists(), path
        if path.suffix == ".xlsx":
            openpyxl.load_workbook(path)
        elif path.suffix == ".docx":
            docx.Document(str(path))
        else:
            assert path.read_bytes().startswith(b"%PDF")
    workspace = Workspace.open(demo)
    stages = {r.id: r.stage for r in workspace.ledger.rounds()}
    assert stages["2026-PER-planning"] is Stage.PUBLISHED
    assert Stage.REQUESTED in stages.values() and Stage.QUESTIONNAIRE_OPEN in stages.values()
    statuses = [r.status.value for r in records.responses(workspace.ledger, "2026-PER-planning", current_only=False)]
    assert "incomplete" in statuses and "accepted" in statuses
    assert any((workspace.outbox / "2026-PER-planning").glob("observaciones-*.xlsx"))
    assert {p.name for p in paths} >= {"consolidado.xlsx", "2026-PER-planning-informe-final.docx", "registro-cooperacion.xlsx",
                                       f"seminario-{dt.date.today().year}.docx"}
    assert workspace.ledger.verify().broken_at is None
    moves = [(e.payload["from"], e.payload["to"]) for e in workspace.ledger.events("2026-PER-planning", kind="round.stage")]
    assert moves == list(zip(STAGE_ORDER, STAGE_ORDER[1:]))  # every step an explicit move
    mail = sorted((workspace.outbox / "2026-PER-planning" / "mail").glob("*.eml"))
    kinds = {p.stem.split("-")[1] for p in mail}
    assert kinds == {"questionnaire", "receipt", "feedback", "interviews", "notes_receipt", "draft"}
    for path in mail:
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert message["X-Unsent"] == "1" and list(message.iter_attachments())
    reminders = list((workspace.outbox / "2026-CRI-service_quality" / "mail").glob("*-reminder-*.eml"))
    assert len(reminders) == 2 and all(str(p) in out for p in reminders + mail)
    for archived in workspace.archive.rglob("*.*"):
        assert zipfile.is_zipfile(archived) or workspace.records in archived.parents  # records are kept as JSON


def test_the_demo_compares_with_an_earlier_round_corrects_an_answer_and_flags_a_check(demo):
    workspace = Workspace.open(demo)
    earlier, current = workspace.ledger.get_round("2022-PER-planning"), workspace.ledger.get_round("2026-PER-planning")
    assert earlier.stage is Stage.PUBLISHED and earlier.framework_version != current.framework_version
    assert "Illustrative" in workspace.ledger.framework(earlier.framework_id, earlier.framework_version).note
    [correction] = [e for e in workspace.ledger.events("2026-PER-planning") if e.kind == "response.corrected"]
    assert (correction.payload["question"], correction.payload["before"], correction.payload["after"]) == ("pl_23", 1, 120)
    wb = openpyxl.load_workbook(workspace.outbox / "2026-PER-planning" / "consolidado.xlsx")
    assert translate(m.CMP_SHEET, "es") in wb.sheetnames
    gaps = wb[translate(m.CONS_SHEET_GAPS, "es")]
    kinds = {row[0].value for row in gaps[gaps.tables["Gaps"].ref]}
    assert translate(m.CHECK_KINDS["copied_text"], "es") in kinds


def _status(root, capsys, *args) -> object:
    assert main(["--workspace", str(root), "status", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_demo_rebuilt_from_its_folders_into_an_empty_ledger_has_the_same_status(demo, tmp_path, capsys):
    views = ([], ["2026-PER-planning"], ["2026-CRI-service_quality"])
    before = [_status(demo, capsys, *view) for view in views]
    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(demo, rebuilt, symlinks=True)
    for name in ("mecigep.sqlite", "mecigep.sqlite-wal", "mecigep.sqlite-shm", "mecigep.head"):
        (rebuilt / name).unlink(missing_ok=True)  # the ledger gone: the archive is the ground truth
    assert main(["--workspace", str(rebuilt), "verify", "--repair"]) == 0
    capsys.readouterr()
    assert [_status(rebuilt, capsys, *view) for view in views] == before
    assert main(["--workspace", str(rebuilt), "verify"]) == 0
