"""Writing files so that a crash never leaves half of one: temporary name, flush, rename.

The archive keeps every accepted original under its SHA-256, read-only; the
quarantine keeps what could not be taken, unchanged, beside a note.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable


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
    """Writes ``data`` to ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target)
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(target)
    return target


def archive_copy(source: Path, archive: Path, sha256: str, suffix: str) -> Path:
    """The archived copy of ``source`` (made now unless the same bytes are already there), read-only."""
    target = archive / sha256[:2] / f"{sha256}{suffix}"
    if target.exists() and sha256_of(target) == sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target)
    shutil.copyfile(source, tmp)
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o444)
    tmp.replace(target)
    return target


def remove_leftovers(*folders: Path) -> int:
    """Deletes the pipeline's own temporary files that a crash left behind; returns how many."""
    removed = 0
    for folder in folders:
        if not folder.exists():
            continue
        for tmp in folder.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
