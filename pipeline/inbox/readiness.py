"""When a file in the inbox may be taken, and taking it exactly once.

Filesystem events are only a hint: they come before the data, as moves for Office-style saves, get dropped
in bursts and never fire for files already there. So the truth is a scan, of the inbox and its sub-folders
(replies often arrive as a folder). A file is ready when it is not empty, its size, modification time and
inode are unchanged across two looks at least ``settle`` seconds apart, no program has it open for writing
(where the platform can tell, see ``writers``), it can be read and, for a zip, its directory reads. A file
that keeps changing waits, as long as it changes; one that never becomes a whole zip is taken once it has
sat still for ten settle windows (and is then set aside as damaged). Lock and temporary files, links and
pipes are never taken: each is reported, with the reason, to whoever asks (``mecigep status``).

A ready file is claimed by an atomic rename out of the inbox into ``work/``, under a name that always fits
(see ``ledger.names``), after its name is recorded in the ledger: of two watchers, only one rename
succeeds. It is looked at once more after the rename and put back if it changed in between.
"""
from __future__ import annotations

import os
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.domain.arrivals import Waiting, ignored, ignored_folder
from pipeline.domain.enums import WaitReason
from pipeline.inbox.writers import open_for_writing
from pipeline.ledger import claims
from pipeline.ledger.names import display, safe
from pipeline.ledger.workspace import Workspace

CLAIM_SEPARATOR = "--"
MAX_DEPTH = 8  # sub-folders looked into
DAMAGED_AFTER = 10  # settle windows a file that never reads as a whole zip waits before it is taken anyway

Look = tuple[int, int, int]  # size, modification time (ns), inode


@dataclass(frozen=True)
class Arrival:
    """A regular file of the inbox, as last looked at; ``relative`` is its path from the inbox, as bytes."""

    path: Path
    relative: bytes
    size: int
    mtime_ns: int
    inode: int

    @property
    def look(self) -> Look:
        return (self.size, self.mtime_ns, self.inode)

    @property
    def name(self) -> str:
        return display(self.relative)


def scan(inbox: Path) -> tuple[list[Arrival], list[Waiting]]:
    """The regular files of the inbox and its sub-folders that are not ignored, oldest first; and what is
    never taken (temporary and lock files, links, pipes). Files that vanish while listed are skipped."""
    arrivals: list[Arrival] = []
    waiting: list[Waiting] = []

    def visit(folder: Path, prefix: bytes, depth: int) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            relative = prefix + os.fsencode(entry.name)
            try:
                if entry.is_symlink():
                    waiting.append(Waiting(display(relative), WaitReason.NOT_REGULAR))
                elif entry.is_dir(follow_symlinks=False):
                    if ignored_folder(entry.name) or depth >= MAX_DEPTH:
                        waiting.append(Waiting(display(relative) + "/", WaitReason.TEMPORARY))
                    else:
                        visit(Path(entry.path), relative + b"/", depth + 1)
                elif entry.is_file(follow_symlinks=False):
                    seen = entry.stat(follow_symlinks=False)
                    if ignored(entry.name):
                        waiting.append(Waiting(display(relative), WaitReason.TEMPORARY, seen.st_size, seen.st_mtime))
                    else:
                        arrivals.append(Arrival(Path(entry.path), relative, seen.st_size, seen.st_mtime_ns, seen.st_ino))
                else:
                    waiting.append(Waiting(display(relative), WaitReason.NOT_REGULAR))
            except OSError:  # gone while listed (another watcher took it, staff moved it)
                continue

    visit(inbox, b"", 0)
    return sorted(arrivals, key=lambda a: a.mtime_ns), waiting


def probe(path: Path) -> WaitReason | None:
    """None when the file can be read and (for a zip) its directory reads; else why it waits."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        if head == b"PK\x03\x04":
            with zipfile.ZipFile(path) as archive:
                archive.infolist()
        return None
    except PermissionError:
        return WaitReason.UNREADABLE
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return WaitReason.INCOMPLETE


@dataclass
class Settler:
    """Remembers what each file looked like, to tell when it has stopped changing."""

    settle: float
    seen: dict[bytes, tuple[Look, float]] = field(default_factory=dict)  # relative path -> (look, unchanged since)

    def sort(self, arrivals: list[Arrival], now: float | None = None) -> tuple[list[Arrival], list[Waiting]]:
        """The files ready to be taken, and why each of the others waits."""
        now = time.monotonic() if now is None else now
        current: dict[bytes, tuple[Look, float]] = {}
        ready: list[Arrival] = []
        waiting: list[Waiting] = []
        settled: list[tuple[Arrival, float]] = []
        for arrival in arrivals:
            before = self.seen.get(arrival.relative)
            since = before[1] if before is not None and before[0] == arrival.look else now
            current[arrival.relative] = (arrival.look, since)
            wait = Waiting(arrival.name, WaitReason.NOT_SETTLED, arrival.size, arrival.mtime_ns / 1e9)
            if arrival.size == 0:
                waiting.append(Waiting(arrival.name, WaitReason.EMPTY, 0, wait.since))
            elif before is None or now - since < self.settle or since == now:
                waiting.append(wait)
            else:
                settled.append((arrival, since))
        busy = open_for_writing(a.path for a, _ in settled)
        for arrival, since in settled:
            reason = WaitReason.BEING_WRITTEN if arrival.path in busy else probe(arrival.path)
            if reason is WaitReason.INCOMPLETE and now - since >= self.settle * DAMAGED_AFTER:
                reason = None  # a damaged file still gets taken (and set aside) once it has sat still long enough
            if reason is None:
                ready.append(arrival)
            else:
                waiting.append(Waiting(arrival.name, reason, arrival.size, arrival.mtime_ns / 1e9))
        self.seen = current
        return ready, waiting


def survey(inbox: Path, work: Path, settle: float = 2.0) -> list[Waiting]:
    """One look at what waits in the inbox and why (``mecigep status``), and what is being processed in work/."""
    arrivals, waiting = scan(inbox)
    now = time.time()
    candidates = []
    for arrival in arrivals:
        if arrival.size == 0:
            waiting.append(Waiting(arrival.name, WaitReason.EMPTY, 0, arrival.mtime_ns / 1e9))
        elif now - arrival.mtime_ns / 1e9 < settle:
            waiting.append(Waiting(arrival.name, WaitReason.NOT_SETTLED, arrival.size, arrival.mtime_ns / 1e9))
        else:
            candidates.append(arrival)
    busy = open_for_writing(a.path for a in candidates)
    for arrival in candidates:
        reason = WaitReason.BEING_WRITTEN if arrival.path in busy else probe(arrival.path) or WaitReason.READY
        waiting.append(Waiting(arrival.name, reason, arrival.size, arrival.mtime_ns / 1e9))
    for path in work_files(work):
        waiting.append(Waiting(original_name(path), WaitReason.PROCESSING))
    return waiting


def work_files(work: Path) -> list[Path]:
    """The claimed files in ``work/`` (not the pipeline's own hidden files there)."""
    try:
        return sorted(Path(e.path) for e in os.scandir(work) if e.is_file(follow_symlinks=False) and not e.name.startswith("."))
    except OSError:
        return []


def claim_all(arrivals: list[Arrival], workspace: Workspace) -> list[Path]:
    """Moves each ready file into work/ under a claim name, its name recorded first; returns the claimed paths
    (those another process took first, or that changed at the last moment, are left)."""
    if not arrivals:
        return []
    workspace.work.mkdir(parents=True, exist_ok=True)
    named = [(uuid.uuid4().hex[:12], arrival) for arrival in arrivals]
    claims.record(workspace.ledger, [(claim, arrival.relative) for claim, arrival in named])
    claimed, lost = [], []
    for claim, arrival in named:
        target = workspace.work / f"{claim}{CLAIM_SEPARATOR}{safe(arrival.relative)}"
        try:
            os.rename(arrival.path, target)
            now = os.stat(target)
        except (FileNotFoundError, PermissionError):  # taken by another process; on Windows, still open
            lost.append(claim)
            continue
        if (now.st_size, now.st_mtime_ns, now.st_ino) != arrival.look:
            put_back(target, workspace.inbox, arrival.relative)
            lost.append(claim)
            continue
        claimed.append(target)
    claims.forget(workspace.ledger, lost)
    return claimed


def put_back(claimed: Path, inbox: Path, relative: bytes) -> Path:
    """Moves a claimed file back to where it was in the inbox (beside a file that took its name meanwhile,
    under that name with the claim id added); returns where it went."""
    target = inbox / os.fsdecode(relative)
    if target.exists():
        target = target.with_name(f"{target.stem} ({claimed.name.split(CLAIM_SEPARATOR)[0]}){target.suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(claimed, target)
    return target


def claim_id(claimed: Path) -> str:
    return claimed.name.split(CLAIM_SEPARATOR, 1)[0]


def original_name(claimed: Path, workspace: Workspace | None = None) -> str:
    """The name (relative to the inbox, shown escaped) the claimed file had in the inbox."""
    if workspace is not None:
        found = claims.name_of(workspace.ledger, claim_id(claimed))
        if found is not None:
            return display(found)
    return claimed.name.split(CLAIM_SEPARATOR, 1)[-1]
