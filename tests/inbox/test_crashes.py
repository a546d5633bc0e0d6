"""A watcher killed at any step loses nothing: on restart every file is accounted for exactly once."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.demo.answers import complete_answers
from pipeline.domain import file_names
from pipeline.domain.models import Institution
from pipeline.i18n import messages as m
from pipeline.inbox.readiness import work_files
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.records import State
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from tests.conftest import a_round
from tests.support import hostile
from tests.support.filling import fill

CRASH_POINTS = ["ledger-before-commit", "hashed", "analysed", "archived", "recorded", "answered", "finished",
                "quarantine-recorded"]


def watch_once(root: Path, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MECIGEP_CRASH_AT"}
    if crash_at:
        env["MECIGEP_CRASH_AT"] = crash_at
    command = [sys.executable, "-c", "from pipeline.cli.app import main; main()",
               "--workspace", str(root), "watch", "--once", "--settle", "0.05", "--workers", "1"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def arrivals(workspace, tmp_path):
    """A complete response, its duplicate, an incomplete one and a CSV, waiting in the inbox."""
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM"),
    )))
    mef, pcm = emit(workspace, "2026-PER-planning")
    answers = complete_answers(available(workspace)["planning"].framework)
    sources = [
        fill(mef, answers, tmp_path / "mef.xlsx"),
        fill(pcm, {k: v for k, v in answers.items() if k != "q_pl_03"}, tmp_path / "pcm.xlsx"),
        hostile.csv_as_xlsx(tmp_path),
    ]
    for source in sources:
        shutil.copyfile(source, workspace.inbox / source.name)
    shutil.copyfile(sources[0], workspace.inbox / "mef (copia).xlsx")
    return sources


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_every_file_is_accounted_for_exactly_once_after_a_kill(workspace, arrivals, crash_at):
    killed = watch_once(workspace.root, crash_at)
    assert killed.returncode == -9, killed.stderr
    finished = watch_once(workspace.root)
    assert finished.returncode == 0, finished.stderr
    ws = Workspace.open(workspace.root)
    documents = [records.document(ws.ledger, sha256_of(s)) for s in arrivals]
    assert [d.state for d in documents] == [State.ANSWERED, State.ANSWERED, State.QUARANTINED]
    for source, doc in zip(arrivals, documents):
        assert (ws.root / doc.stored).read_bytes() == source.read_bytes()
    outbox = ws.outbox / "2026-PER-planning"
    assert len(list(outbox.glob(f"{file_names.word(m.FILE_RECEIPT, 'es')}-mef-*.docx"))) == 1
    assert len(list(outbox.glob(f"{file_names.word(m.FILE_FEEDBACK, 'es')}-pcm-*.xlsx"))) == 1
    assert len(records.responses(ws.ledger, "2026-PER-planning", current_only=False)) == 2
    assert len(list(ws.quarantine.glob("*.txt"))) == 1
    leftovers = [p for folder in (ws.outbox, ws.archive, ws.quarantine) for p in folder.rglob("*")
                 if p.is_file() and (p.name.endswith(".tmp") or p.stat().st_size == 0)]
    assert leftovers == []
    assert list(ws.inbox.iterdir()) == [] and work_files(ws.work) == []
    assert ws.ledger.verify().broken_at is None


def test_two_watchers_on_one_workspace_take_each_file_once(workspace, tmp_path):
    open_round(workspace, a_round())
    [mef] = emit(workspace, "2026-PER-planning")
    answers = complete_answers(available(workspace)["planning"].framework)
    for n in range(10):
        fill(mef, {**answers, "resp_name": f"Persona {n}"}, workspace.inbox / f"r{n}.xlsx")
    env = {k: v for k, v in os.environ.items() if k != "MECIGEP_CRASH_AT"}
    command = [sys.executable, "-c", "from pipeline.cli.app import main; main()",
               "--workspace", str(workspace.root), "watch", "--once", "--settle", "0.05", "--workers", "1"]
    watchers = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [w.communicate(timeout=300) for w in watchers]
    assert all(w.returncode == 0 for w in watchers), outputs
    lines = [line for out, _ in outputs for line in out.splitlines() if line.startswith("r")]
    assert sorted(line.split(":")[0] for line in lines) == sorted(f"r{n}.xlsx" for n in range(10))
    ws = Workspace.open(workspace.root)
    assert len(records.responses(ws.ledger, "2026-PER-planning", current_only=False)) == 10
