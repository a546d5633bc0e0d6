"""The watcher's own processes (pool workers, isolated readers) die with it, and none outlives a run.

On Linux each child asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``), so a watcher
killed with SIGKILL takes its workers and their readers with it; everywhere, a worker checks between files
that its parent is still the one that started it. Workers also leave a small file in ``work/.processes/``
while they live: a watcher starting reaps any whose parent is gone (a kill that came before the kernel
could be asked, a platform without the request).
"""
from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1
FOLDER = ".processes"


def die_with_parent(parent: int | None = None) -> None:
    """Asks to be killed when the parent process dies; exits at once when it already has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(0)


def parent_alive(parent: int) -> bool:
    """Whether the process that started this one is still its parent (an orphan is adopted by another)."""
    return os.getppid() == parent


def _started(pid: int) -> str | None:
    """When the process started, as the kernel counts it (to tell it from a later one given the same pid)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def register(work: Path, parent: int) -> None:
    """Notes this process (a worker of ``parent``) in work/.processes/, for a later watcher to reap."""
    try:
        folder = work / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        (folder / str(os.getpid())).write_text(json.dumps({"parent": parent, "started": _started(os.getpid())}))
    except OSError:
        pass


def unregister(work: Path) -> None:
    try:
        (work / FOLDER / str(os.getpid())).unlink(missing_ok=True)
    except OSError:
        pass


def reap(work: Path) -> list[int]:
    """Kills the workers an earlier watcher left behind (their parent gone); returns their pids."""
    killed = []
    folder = work / FOLDER
    if not folder.is_dir():
        return killed
    for note in folder.iterdir():
        try:
            pid, data = int(note.name), json.loads(note.read_text())
        except (OSError, ValueError):
            note.unlink(missing_ok=True)
            continue
        if pid == os.getpid() or _alive(int(data.get("parent", 0))) and data.get("parent") != os.getpid():
            continue  # a live watcher's worker
        if _alive(pid) and data.get("started") is not None and _started(pid) == data["started"]:
            try:
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
                killed.append(pid)
            except OSError:
                pass
        note.unlink(missing_ok=True)
    return killed
