"""The ledger proves it is complete: a cut, rewritten, edited, half-lost, damaged or read-only ledger is named by
`mecigep verify` in a sentence, and `verify --repair` puts back what the archive allows."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli.app import main
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.ledger.chain import event_hash
from pipeline.ledger.files import sha256_of
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.status import institutions
from tests.support.returns import ROUND, filled, issue, variants

SETPRIV = shutil.which("setpriv")
KILL_AFTER = """
import os, signal, sys
from pathlib import Path
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger.workspace import Workspace
run_once(Workspace(Path(sys.argv[1])), REGISTRY, settle=0.0, workers=1, lang="es")
os.kill(os.getpid(), signal.SIGKILL)  # killed before any checkpoint: what it wrote is in mecigep.sqlite-wal
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A workspace where ten returns of MEF and PCM were each answered, made once; the returns."""
    folder = tmp_path_factory.mktemp("busy")
    workspace = Workspace.init(folder / "ws")
    issued = issue(workspace)
    files = variants(filled(issued, "mef", folder / "mef.xlsx"), 5, folder / "m", "m")
    files += variants(filled(issued, "pcm", folder / "pcm.xlsx"), 5, folder / "p", "p")
    for path in files:
        shutil.copyfile(path, workspace.inbox / path.name)
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    workspace.ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.ledger.close()
    return workspace.root, files


@pytest.fixture
def busy(made, workspace):
    """A copy of that workspace, for one test to damage; the returns."""
    root, files = made
    shutil.rmtree(workspace.root)
    shutil.copytree(root, workspace.root, symlinks=True)
    return files


def issue_again(workspace) -> dict:
    """What ``issue`` returned, for a round already open: its questionnaires and framework."""
    folder = workspace.outbox / ROUND
    return {"mef": next(folder.glob(f"{ROUND}-mef-*.xlsx")), "pcm": next(folder.glob(f"{ROUND}-pcm-*.xlsx")),
            "framework": available(workspace)["planning"].framework}


def verify(root: Path, *extra: str, capsys) -> tuple[int, str]:
    code = main(["--workspace", str(root), "--lang", "en", "verify", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def database(root: Path) -> sqlite3.Connection:
    db = sqlite3.connect(root / "mecigep.sqlite", isolation_level=None)
    db.execute("DROP TRIGGER IF EXISTS events_no_update")
    db.execute("DROP TRIGGER IF EXISTS events_no_delete")
    return db


def counts(root: Path) -> tuple[int, int]:
    ws = Workspace.open(root)
    return (len(records.responses(ws.ledger, ROUND, current_only=False)),
            ws.ledger.db.execute("SELECT count(*) FROM documents WHERE state = 'answered'").fetchone()[0])


def test_a_ledger_with_its_last_events_deleted_is_found_short_and_repaired(workspace, busy, capsys):
    total = Workspace.open(workspace.root).ledger.head()[0]
    db = database(workspace.root)
    db.execute("DELETE FROM events WHERE seq > ?", (total - 10,))
    db.close()
    code, said = verify(workspace.root, capsys=capsys)
    assert code == 2
    assert translate(m.VERIFY_TRUNCATED, "en", count=total - 10, where=translate(m.VERIFY_HEAD_FILE, "en"), recorded=total,
                     lost=10) in said
    code, said = verify(workspace.root, "--repair", capsys=capsys)
    assert code == 0 and translate(m.LEDGER_INTACT, "en", count=Workspace.open(workspace.root).ledger.head()[0]) in said


def test_a_chain_rewritten_from_some_event_on_is_caught_by_its_anchors_and_repaired(workspace, busy, capsys):
    db = database(workspace.root)
    start = 12
    prev = db.execute("SELECT hash FROM events WHERE seq = ?", (start - 1,)).fetchone()[0]
    for seq, at, kind, round_id, payload, documents, rows in db.execute(
            "SELECT seq, at, kind, round, payload, documents, rows FROM events WHERE seq >= ? ORDER BY seq", (start,)).fetchall():
        payload = json.dumps({**json.loads(payload), "edited": True}, sort_keys=True)
        digest = event_hash(seq, at, kind, round_id, payload, documents, prev, rows)
        db.execute("UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?", (payload, prev, digest, seq))
        prev = digest
    db.close()
    code, said = verify(workspace.root, capsys=capsys)
    assert code == 2 and "was rewritten after event" in said
    good = int(said.split("rewritten after event ")[1].split(":")[0])
    assert good <= start - 1 and start - 1 - good <= 2  # the anchors pin it to the transaction it began in
    before = counts(workspace.root)
    code, said = verify(workspace.root, "--repair", capsys=capsys)
    assert code == 0, said
    assert counts(workspace.root) == before == (10, 10)


def test_one_event_rewritten_with_a_new_hash_is_named_itself(workspace, busy, capsys):
    db = database(workspace.root)
    seq, at, kind, round_id, payload, documents, prev, rows = db.execute(
        "SELECT seq, at, kind, round, payload, documents, prev_hash, rows FROM events WHERE seq = 9").fetchone()
    payload = json.dumps({**json.loads(payload), "edited": True}, sort_keys=True)
    db.execute("UPDATE events SET payload = ?, hash = ? WHERE seq = 9", (payload, event_hash(seq, at, kind, round_id, payload,
                                                                                            documents, prev, rows)))
    db.close()
    code, said = verify(workspace.root, capsys=capsys)
    assert code == 2 and translate(m.VERIFY_REWRITTEN, "en", seq=9) in said.splitlines()[0]


def test_an_edited_derived_table_is_named_and_put_back(workspace, busy, capsys):
    db = database(workspace.root)
    sha = db.execute("SELECT sha256 FROM responses WHERE institution = 'mef' AND superseded_by IS NULL AND held = 0").fetchone()[0]
    db.execute("UPDATE responses SET status = 'incomplete' WHERE sha256 = ?", (sha,))
    db.close()
    [mef] = [i for i in institutions(Workspace.open(workspace.root), ROUND) if i.institution == "mef"]
    assert mef.status.value == "incomplete"  # what the edit did to the status
    code, said = verify(workspace.root, capsys=capsys)
    assert code == 2 and translate(m.VERIFY_ROW_CHANGED, "en", table="responses", key=sha, column="status", actual="incomplete",
                                   expected="accepted") in said
    code, said = verify(workspace.root, "--repair", capsys=capsys)
    assert code == 0
    [mef] = [i for i in institutions(Workspace.open(workspace.root), ROUND) if i.institution == "mef"]
    assert mef.status.value == "accepted"


def test_a_deleted_wal_after_a_kill_is_found_and_the_lost_returns_recorded_again(workspace, busy, tmp_path, capsys):
    more = variants(filled(issue_again(workspace), "mef", tmp_path / "other.xlsx", q_pl_29="Otra"), 5, tmp_path / "more", "x")
    for path in more:
        shutil.copyfile(path, workspace.inbox / path.name)
    done = subprocess.run([sys.executable, "-c", KILL_AFTER, str(workspace.root)], cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == -9
    assert (workspace.root / "mecigep.sqlite-wal").stat().st_size > 0
    (workspace.root / "mecigep.sqlite-wal").unlink()  # what a sync client or a careless copy does
    (workspace.root / "mecigep.sqlite-shm").unlink(missing_ok=True)
    assert counts(workspace.root)[0] < 15
    code, said = verify(workspace.root, capsys=capsys)
    assert code == 2 and "missing at its end" in said and "is not known to the ledger" in said
    code, said = verify(workspace.root, "--repair", capsys=capsys)
    assert code == 0, said
    assert counts(workspace.root) == (15, 15)
    ws = Workspace.open(workspace.root)
    assert all(records.document(ws.ledger, sha256_of(p)).answer for p in busy + more)


def test_a_damaged_page_is_named_stops_the_inbox_and_is_rebuilt_from_the_archive(workspace, busy, capsys):
    path = workspace.root / "mecigep.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = db.execute("PRAGMA page_size").fetchone()[0]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    root_page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'responses'").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    start = (root_page - 1) * page
    data[start + 100: start + page] = bytes([0xA5]) * (page - 100)  # a page in the middle, scrambled
    path.write_bytes(bytes(data))
    assert pages > root_page
    code, said = verify(workspace.root, capsys=capsys)
    assert code == 2 and said.startswith("The ledger's file is damaged")
    assert main(["--workspace", str(workspace.root), "--lang", "en", "watch", "--once"]) == 2
    assert translate(m.LEDGER_DAMAGED, "en", path=str(path)) in capsys.readouterr().err
    code, said = verify(workspace.root, "--repair", capsys=capsys)
    assert code == 0, said
    assert counts(workspace.root) == (10, 10)
    assert list(workspace.root.glob("mecigep.sqlite.before-repair-*"))


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="root writes any file, and setpriv is not here to drop that")
def test_a_read_only_ledger_is_said_so_and_still_read(workspace, busy):
    path = workspace.root / "mecigep.sqlite"
    Workspace.open(workspace.root).ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path.chmod(0o444)
    prefix = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    cli = prefix + [sys.executable, "-c", "from pipeline.cli.app import main; main()", "--workspace", str(workspace.root), "--lang", "en"]
    try:
        checked = subprocess.run(cli + ["verify"], capture_output=True, text=True, timeout=120)
        assert checked.returncode == 2
        assert translate(m.VERIFY_READ_ONLY, "en", path=str(path)) in checked.stderr
        status = subprocess.run(cli + ["status", ROUND], capture_output=True, text=True, timeout=120)
        assert status.returncode == 0 and "MEF" in status.stdout, status.stderr
        shutil.copyfile(busy[0], workspace.inbox / "again.xlsx")
        watched = subprocess.run(cli + ["watch", "--once", "--settle", "0.05"], capture_output=True, text=True, timeout=120)
        assert watched.returncode == 2 and "cannot be written" in watched.stderr and "Traceback" not in watched.stderr
    finally:
        path.chmod(0o644)
