"""A watcher killed with SIGKILL (alone or with its process group) at any moment of a burst takes its workers with
it, blames no file for its own death, and a drain afterwards finishes every file exactly once."""
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.inbox.readiness import work_files
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.records import State
from pipeline.ledger.workspace import Workspace
from tests.support.returns import filled, issue, variants

BURST = 150


def command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli.app import main; main()", "--workspace", str(root), *args]


def environment(crash_at: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MECIGEP_CRASH_AT"}
    if crash_at:
        env["MECIGEP_CRASH_AT"] = crash_at
    return env


def descendants(pid: int) -> set[int]:
    """The processes under ``pid`` (children, their children…), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def outlived(pids: set[int], patience: float = 5.0) -> list[int]:
    """Those of ``pids`` still alive ``patience`` seconds after their watcher was killed."""
    deadline = time.monotonic() + patience
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


def test_a_file_is_not_blamed_for_a_watcher_killed_while_reading_it(workspace, tmp_path):
    issued = issue(workspace)
    source = filled(issued, "mef", tmp_path / "mef.xlsx")
    shutil.copyfile(source, workspace.inbox / "mef.xlsx")
    once = command(workspace.root, "watch", "--once", "--settle", "0.05", "--workers", "1")
    for _ in range(3):
        assert subprocess.run(once, env=environment("analysed"), capture_output=True, timeout=120).returncode == -9
    assert subprocess.run(once, env=environment(), capture_output=True, timeout=120).returncode == 0
    document = records.document(Workspace.open(workspace.root).ledger, sha256_of(source))
    assert document.state is State.ANSWERED


def test_sigkills_during_a_burst_leave_no_orphan_and_lose_nothing(workspace, tmp_path):
    issued = issue(workspace)
    files = variants(filled(issued, "mef", tmp_path / "mef.xlsx"), BURST, tmp_path / "burst")
    for path in files:
        shutil.copyfile(path, workspace.inbox / path.name)
    rng = random.Random(13)
    watch = command(workspace.root, "watch", "--settle", "0.05", "--workers", "2")
    killed_with_workers = 0
    for kill in range(4):
        if not any(workspace.inbox.iterdir()) and not work_files(workspace.root / "work"):
            break  # the burst is all taken: nothing is left to kill a watcher during
        watcher = subprocess.Popen(watch, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(rng.uniform(2.0, 4.0))
        children = descendants(watcher.pid)
        killed_with_workers += bool(children)
        if kill % 2:
            os.killpg(watcher.pid, signal.SIGKILL)  # the whole process group, as a supervisor stopping a service
        else:
            os.kill(watcher.pid, signal.SIGKILL)  # the watcher alone
        watcher.wait(timeout=30)
        assert outlived(children) == [], "workers outlived the watcher"
    assert killed_with_workers >= 2  # the watcher was killed while its workers were at work
    drain = subprocess.run(command(workspace.root, "watch", "--once", "--settle", "0.05", "--workers", "2"), env=environment(),
                           capture_output=True, text=True, timeout=600)
    assert drain.returncode == 0, drain.stderr
    ws = Workspace.open(workspace.root)
    documents = [records.document(ws.ledger, sha256_of(p)) for p in files]
    assert [d.state for d in documents] == [State.ANSWERED] * BURST
    archived = [p for p in ws.archive.rglob("*.xlsx") if ws.archive / "duplicates" not in p.parents]
    assert sorted(p.name[:64] for p in archived) == sorted(d.sha256 for d in documents)
    assert len(list((ws.outbox / "2026-PER-planning").glob("acuse-mef-*.docx"))) == BURST
    assert list(ws.quarantine.iterdir()) == [] and list(ws.inbox.iterdir()) == [] and work_files(ws.work) == []
    assert subprocess.run(command(workspace.root, "verify"), capture_output=True, timeout=120).returncode == 0
