"""The ledger keeps rounds and a hash-chained event log that shows any tampering."""
import os
import sqlite3
import subprocess
import sys

import pytest

from pipeline.ledger.database import Ledger
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import open_round
from tests.conftest import a_round


def test_opening_a_round_records_it_with_its_event(workspace):
    open_round(workspace, a_round())
    assert workspace.ledger.get_round("2026-per-planning").country == "PER"
    assert [e.kind for e in workspace.ledger.events("2026-PER-planning")] == ["round.opened", "framework.pinned"]
    assert workspace.ledger.get_round("2026-PER-planning").framework_version == "2026.1"  # pinned when opened


def test_the_ledger_uses_write_ahead_logging(workspace):
    assert workspace.ledger.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_untouched_chain_verifies(workspace):
    open_round(workspace, a_round())
    workspace.ledger.set_participation("CUB", False)
    result = workspace.ledger.verify()
    assert (result.count, result.broken_at) == (3, None)  # opened, framework pinned, participation changed


def test_the_event_log_refuses_updates_and_deletes(workspace):
    open_round(workspace, a_round())
    with pytest.raises(sqlite3.IntegrityError):
        workspace.ledger.db.execute("UPDATE events SET kind = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        workspace.ledger.db.execute("DELETE FROM events")


def test_a_rewritten_event_is_detected(workspace):
    open_round(workspace, a_round())
    open_round(workspace, a_round(id="2026-PER-civil_service", topic="civil_service"))
    db = sqlite3.connect(workspace.ledger_path)
    db.execute("DROP TRIGGER events_no_update")
    db.execute("UPDATE events SET payload = '{\"country\": \"CHL\"}' WHERE seq = 1")
    db.commit()
    result = Ledger(workspace.ledger_path).verify()
    assert result.broken_at == 1


def test_a_deleted_event_is_detected(workspace):
    for topic in ("planning", "civil_service", "public_budget"):
        open_round(workspace, a_round(id=f"2026-PER-{topic}", topic=topic))
    db = sqlite3.connect(workspace.ledger_path)
    db.execute("DROP TRIGGER events_no_delete")
    db.execute("DELETE FROM events WHERE seq = 2")
    db.commit()
    assert Ledger(workspace.ledger_path).verify().broken_at == 2


CREATE_ROUND = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from pipeline.stages.rounds import open_round
from pipeline.ledger.workspace import Workspace
from tests.conftest import a_round
open_round(Workspace.open(Path({root!r})), a_round())
"""


@pytest.mark.parametrize("crash_at", ["round-written", "ledger-before-commit"])
def test_a_process_killed_mid_write_leaves_the_round_wholly_absent(workspace, crash_at):
    script = CREATE_ROUND.format(tests=str(os.getcwd()), root=str(workspace.root))
    env = dict(os.environ, MECIGEP_CRASH_AT=crash_at)
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=os.getcwd())
    assert done.returncode == -9
    reopened = Workspace.open(workspace.root)
    assert reopened.ledger.get_round("2026-PER-planning") is None
    assert reopened.ledger.verify().count == 0
    # and the same write goes through once the process is not killed
    subprocess.run([sys.executable, "-c", script], check=True, cwd=os.getcwd())
    assert Workspace.open(workspace.root).ledger.get_round("2026-PER-planning") is not None
