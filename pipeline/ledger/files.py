"""Writing files so that a crash never leaves half of one: temporary name, flush, rename.

The archive keeps every accepted original under its SHA-256, read-only; the
quarantine keeps what could not be taken, unchanged, beside a note.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp")


def atomic_write(target: Path, write: Callable[[Path], object]) -> Path:
    """Has ``write`` write the file at a temporary name beside ``target``, flushes it to disk, then renames it onto
    ``target``: readers see the old file or the new one, never half of one. The temporary is removed when
    ``write`` fails. Returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle_fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    # a name of its own: two writers of one target never share a temporary; locked while it is written, so that
    # another process's ``remove_leftovers`` takes it for a live one, not for what a crash left behind
    fcntl.flock(handle_fd, fcntl.LOCK_EX)
    tmp = Path(name)
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; what we write is as readable as any other file
        write(tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(handle_fd)
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
    with _held(tmp), tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        tmp.replace(target)
    return target


@contextmanager
def _held(tmp: Path) -> Iterator[None]:
    """Creates ``tmp`` and holds its lock while the block writes and renames it (see ``remove_leftovers``)."""
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def archive_copy(source: Path, archive: Path, sha256: str, suffix: str) -> Path:
    """The archived copy of ``source`` (made now unless the same bytes are already there), read-only."""
    target = archive / sha256[:2] / f"{sha256}{suffix}"
    if target.exists() and sha256_of(target) == sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target)
    with _held(tmp):
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
            try:
                with tmp.open("rb") as handle:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a writer still at work
                    tmp.unlink(missing_ok=True)
            except (BlockingIOError, FileNotFoundError):
                continue
            removed += 1
    return removed
