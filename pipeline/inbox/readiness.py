"""When a file in the inbox may be taken, and taking it exactly once.

Filesystem events are only a hint: they come before the data, as moves for
Office-style saves, get dropped in bursts and never fire for files already
there. So the truth is a scan. A file is ready when its size and modification
time are unchanged across two looks at least ``settle`` seconds apart, it opens,
and (for a zip) its directory reads. It is then claimed by an atomic rename out
of the inbox into ``work/``: of two watchers, only one rename succeeds.
"""
from __future__ import annotations

import os
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

TEMPORARY_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial")
CLAIM_SEPARATOR = "--"


def ignored(name: str) -> bool:
    """Lock, temporary and hidden files, which are never processed."""
    lowered = name.lower()
    return (
        name.startswith(("~$", ".~lock.", "."))
        or lowered.endswith(TEMPORARY_SUFFIXES)
        or lowered.endswith("#")
    )


def candidates(inbox: Path) -> list[Path]:
    """The regular files of the inbox that are not ignored, oldest first."""
    found = []
    try:
        entries = list(os.scandir(inbox))
    except FileNotFoundError:
        return []
    for entry in entries:
        if entry.is_file(follow_symlinks=False) and not ignored(entry.name):
            found.append((entry.stat().st_mtime, Path(entry.path)))
    return [path for _, path in sorted(found)]


def complete(path: Path) -> bool:
    """Whether the file opens and, when it is a zip, its directory reads."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        if head == b"PK\x03\x04":
            with zipfile.ZipFile(path) as archive:
                archive.infolist()
        return True
    except (OSError, zipfile.BadZipFile):
        return False


@dataclass
class Settler:
    """Remembers what each file looked like, to tell when it has stopped changing."""

    settle: float
    seen: dict[Path, tuple[int, float, float]] = field(default_factory=dict)  # path -> (size, mtime, first seen)

    def ready(self, paths: list[Path], now: float | None = None) -> list[Path]:
        """The files unchanged since a look at least ``settle`` seconds ago; the others are remembered."""
        now = time.monotonic() if now is None else now
        ready, current = [], {}
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            key = (stat.st_size, stat.st_mtime)
            before = self.seen.get(path)
            if before is not None and before[:2] == key and now - before[2] >= self.settle:
                if complete(path) or now - before[2] >= self.settle * 10:
                    # a damaged file still gets taken (and quarantined) once it has sat still long enough
                    ready.append(path)
                    continue
            current[path] = key + ((before[2] if before is not None and before[:2] == key else now),)
        self.seen = current
        return ready


def claim(path: Path, work: Path) -> Path | None:
    """Moves ``path`` into ``work`` under a unique name; None when another process took it first."""
    work.mkdir(parents=True, exist_ok=True)
    target = work / f"{uuid.uuid4().hex[:12]}{CLAIM_SEPARATOR}{path.name}"
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return target


def original_name(claimed: Path) -> str:
    """The name the file had in the inbox."""
    return claimed.name.split(CLAIM_SEPARATOR, 1)[-1]
