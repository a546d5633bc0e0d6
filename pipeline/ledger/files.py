"""Writing files so that a crash never leaves half of one: temporary name, flush, rename.

The archive keeps every accepted original under its SHA-256, read-only; the
quarantine keeps what could not be taken, unchanged, beside a note.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

from pipeline.ledger.names import safe


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def temporary(target: Path) -> Path:
    """The hidden name ``target`` is written under first; the process id in it keeps two processes writing the same
    file (two watchers refreshing the status page) from renaming each other's."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def atomic_write(target: Path, write: Callable[[Path], object]) -> Path:
    """Has ``write`` write the file at a temporary name beside ``target``, flushes it to disk, then renames it onto
    ``target``: readers see the old file or the new one, never half of one. The temporary is removed when
    ``write`` fails. Returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle_fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle_fd)  # a name of its own: two writers of one target never share a temporary
    tmp = Path(name)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; what we write is as readable as any other file
    try:
        write(tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """Makes a rename itself durable where the system allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_with(source: Path, target: Path) -> Path:
    """A copy of ``source`` written atomically at ``target``; returns ``target``."""
    return atomic_write(target, lambda tmp: shutil.copyfile(source, tmp))


def write_bytes(target: Path, data: bytes) -> Path:
    """Writes ``data`` to ``target`` atomically (the temporary file removed when it fails: a full disk)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def archived(archive: Path, sha256: str) -> Path | None:
    """The archived copy of the content with that hash, whatever name it was archived under; None when none."""
    folder = archive / sha256[:2]
    for found in sorted(folder.glob(f"{sha256}*")) if folder.is_dir() else ():
        if not found.name.startswith(".") and sha256_of(found) == sha256:
            return found
    return None


def archive_copy(source: Path, archive: Path, sha256: str, suffix: str, name: str | None = None,
                 when_ns: int | None = None) -> Path:
    """The archived copy of ``source`` (made now unless the same bytes are already there), read-only:
    ``archive/<2 hex>/<sha256>[--<safe form of name>]<suffix>``, its modification time ``when_ns`` (when it
    was received) when given. Removes its temporary file when the copy fails (a full disk)."""
    found = archived(archive, sha256)
    if found is not None:
        return found
    stem = safe(name).rsplit(".", 1)[0] if name and "." in safe(name) else safe(name) if name else ""
    target = archive / sha256[:2] / (f"{sha256}--{stem}{suffix}" if stem else f"{sha256}{suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target)
    try:
        shutil.copyfile(source, tmp)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        if when_ns is not None:
            os.utime(tmp, ns=(when_ns, when_ns))
        os.chmod(tmp, 0o444)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def keep_aside(source: Path, folder: Path, name: str) -> Path:
    """Moves ``source`` into ``folder`` under ``name`` (made unique), read-only: the bytes of a file that is
    not needed (a second copy of an archived file) are kept all the same, never deleted. Returns where."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{number}-{name}"
    os.rename(source, target)
    try:
        os.chmod(target, 0o444)
    except OSError:
        pass
    return target


LEFTOVER_AGE = 15 * 60.0  # seconds: a temporary file untouched this long is no live writer's


def remove_leftovers(*folders: Path, older_than: float = LEFTOVER_AGE) -> int:
    """Deletes the pipeline's own temporary files that a crash left behind; returns how many. Only those untouched
    for ``older_than`` seconds go: a temporary written now belongs to another process at work (a second watcher,
    ``report draft``), which renames it within seconds."""
    removed, now = 0, time.time()
    for folder in folders:
        if not folder.exists():
            continue
        for tmp in folder.rglob(".*.tmp"):
            try:
                if now - tmp.stat().st_mtime < older_than:
                    continue
                tmp.unlink(missing_ok=True)
                removed += 1
            except OSError:  # gone meanwhile, read-only, or another process's: left for the next start
                continue
    return removed
