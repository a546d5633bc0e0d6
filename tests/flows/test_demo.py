"""`make demo` runs a whole round; every output it names exists and opens."""
import datetime as dt
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from pipeline.cli.app import main
from pipeline.domain.models import Stage
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "demo"
    return root


def test_the_demo_runs_every_step_and_every_output_opens(demo, capsys):
    assert main(["demo", "--workspace", str(demo)]) == 0
    out = capsys.readouterr().out
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
    assert any((workspace.outbox / "2026-PER-planning").glob("feedback-*.xlsx"))
    assert {p.name for p in paths} >= {"consolidado.xlsx", "2026-PER-planning-informe-final.docx", "registro-cooperacion.xlsx",
                                       f"seminario-{dt.date.today().year}.docx"}
    assert workspace.ledger.verify().broken_at is None
    for archived in workspace.archive.rglob("*.*"):
        assert zipfile.is_zipfile(archived) or workspace.records in archived.parents  # records are kept as JSON


def _status(root, capsys, *args) -> object:
    assert main(["--workspace", str(root), "status", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_demo_rebuilt_from_its_folders_into_an_empty_ledger_has_the_same_status(demo, tmp_path, capsys):
    if not (demo / "mecigep.sqlite").exists():
        assert main(["demo", "--workspace", str(demo)]) == 0
    capsys.readouterr()
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
