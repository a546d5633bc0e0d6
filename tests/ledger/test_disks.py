"""A full or read-only disk stops nothing for good: the watcher keeps every input where it is, says what is wrong
once, waits, and carries on by itself when there is room again; status stays readable meanwhile.

Each case mounts a small tmpfs (skipped where mounting is not allowed) at the folder whose writes are to fail:
the archive, the outbox, or the whole workspace (so the ledger's own writes fail first)."""
import errno
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.inbox.readiness import work_files
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.workspace import Workspace
from tests.support.returns import filled, issue, variants


def mount(folder: Path, size: str = "4m") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here ({done.stderr.strip() or 'mount refused'})")


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill_up(folder: Path) -> Path:
    """Takes every free byte of the filesystem holding ``folder``; returns the file to delete to free them."""
    filler = folder / ".filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(bytes(64 * 1024))
                handle.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def cli(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli.app import main; main()", "--workspace", str(root), "--lang", "en", *args]


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def mounted():
    folders = []
    yield folders
    for folder in reversed(folders):
        unmount(folder)


@pytest.mark.parametrize("full", ["archive", "outbox", "workspace"])
def test_a_full_disk_makes_the_watcher_wait_and_it_carries_on_by_itself(tmp_path, mounted, full):
    root = tmp_path / "ws"
    if full == "workspace":
        mount(root, "16m")
        mounted.append(root)
    workspace = Workspace.init(root)
    issued = issue(workspace)
    returns = variants(filled(issued, "mef", tmp_path / "mef.xlsx"), 3, tmp_path / "r")
    if full in ("archive", "outbox"):
        folder = root / full
        kept = tmp_path / f"{full}-before"
        shutil.copytree(folder, kept)
        mount(folder, "1m")
        mounted.append(folder)
        shutil.copytree(kept, folder, dirs_exist_ok=True)
    workspace.ledger.close()
    for path in returns:
        shutil.copyfile(path, root / "inbox" / path.name)
    filler = fill_up(root / full if full != "workspace" else root)
    log = (tmp_path / "watch.err").open("w")
    watcher = subprocess.Popen(cli(root, "watch", "--settle", "0.1", "--workers", "1"), stdout=subprocess.DEVNULL, stderr=log)
    try:
        time.sleep(3.0)
        assert watcher.poll() is None  # still there, waiting
        said = (tmp_path / "watch.err").read_text()
        assert "is full" in said and "Traceback" not in said
        held = [p.name for p in (root / "inbox").iterdir()] + [p.name.split("--", 1)[1] for p in work_files(root / "work")]
        assert sorted(held) == sorted(p.name for p in returns)  # every input where it was (or claimed, in work/)
        status = subprocess.run(cli(root, "status", "2026-PER-planning"), capture_output=True, text=True, timeout=60)
        assert status.returncode == 0 and "MEF" in status.stdout, status.stderr
        filler.unlink()
        assert wait_for(lambda: len(list((root / "outbox" / "2026-PER-planning").glob("acuse-mef-*.docx"))) == 3, 30)
    finally:
        watcher.kill()
        watcher.wait()
        log.close()
    ws = Workspace.open(root)
    assert all(records.document(ws.ledger, sha256_of(p)).answer for p in returns)
    assert list((root / "quarantine").iterdir()) == []
    assert subprocess.run(cli(root, "verify"), capture_output=True, timeout=60).returncode == 0


def test_a_read_only_disk_is_said_so_waited_for_and_read_meanwhile(tmp_path, mounted):
    root = tmp_path / "ws"
    mount(root, "16m")
    mounted.append(root)
    workspace = Workspace.init(root)
    issued = issue(workspace)
    [first] = variants(filled(issued, "mef", tmp_path / "mef.xlsx"), 1, tmp_path / "r")
    shutil.copyfile(first, root / "inbox" / first.name)
    workspace.ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.ledger.close()
    assert subprocess.run(["mount", "-o", "remount,ro", str(root)], capture_output=True).returncode == 0
    log = (tmp_path / "watch.err").open("w")
    watcher = subprocess.Popen(cli(root, "watch", "--settle", "0.1", "--workers", "1"), stdout=subprocess.DEVNULL, stderr=log)
    try:
        time.sleep(3.0)
        said = (tmp_path / "watch.err").read_text()
        assert "cannot be written (the disk or the file is read-only)" in said and "Traceback" not in said
        assert (root / "inbox" / first.name).exists() and watcher.poll() is None
        status = subprocess.run(cli(root, "status", "2026-PER-planning"), capture_output=True, text=True, timeout=60)
        assert status.returncode == 0 and "MEF" in status.stdout, status.stderr
        checked = subprocess.run(cli(root, "verify"), capture_output=True, text=True, timeout=60)
        assert checked.returncode == 2 and "cannot be written" in checked.stderr and "Traceback" not in checked.stderr
        assert subprocess.run(["mount", "-o", "remount,rw", str(root)], capture_output=True).returncode == 0
        assert wait_for(lambda: len(list((root / "outbox" / "2026-PER-planning").glob("acuse-*.docx"))) == 1, 30)
    finally:
        watcher.kill()
        watcher.wait()
        log.close()
    assert subprocess.run(cli(root, "verify"), capture_output=True, timeout=60).returncode == 0
