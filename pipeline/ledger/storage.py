"""When the disk, not the file, is the problem: telling full, read-only and failing disks (and a damaged
ledger) apart from everything else, in one place.

The inbox blames a file only for what the file did. An error while writing the pipeline's own files (the
archive, the outbox, the ledger) says nothing about the file being processed: ``problem`` recognises it,
so the file is kept where it is and the work is retried once the disk is back, and the command line says
in one sentence which folder to look at and what to do.
"""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Iterator

from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid


class Trouble(str, Enum):
    FULL = "full"
    READ_ONLY = "read_only"
    IO = "io"
    DAMAGED = "damaged"  # the ledger's file itself


SENTENCES: dict[Trouble, Msgid] = {Trouble.FULL: m.STORAGE_FULL, Trouble.READ_ONLY: m.STORAGE_READ_ONLY,
                                    Trouble.IO: m.STORAGE_IO, Trouble.DAMAGED: m.LEDGER_DAMAGED}
ERRNOS = {errno.ENOSPC: Trouble.FULL, errno.EDQUOT: Trouble.FULL, errno.EROFS: Trouble.READ_ONLY, errno.EIO: Trouble.IO}
# What SQLite says (its message, lower case) for each; "disk I/O error" is also what it says on a full disk
# when it cannot even create its shared-memory file, so it is read as I/O unless ENOSPC came with it.
SQLITE = (("database or disk is full", Trouble.FULL), ("readonly database", Trouble.READ_ONLY),
          ("read-only", Trouble.READ_ONLY), ("unable to open database", Trouble.READ_ONLY),
          ("disk i/o error", Trouble.IO), ("malformed", Trouble.DAMAGED), ("not a database", Trouble.DAMAGED),
          ("could not decode", Trouble.DAMAGED))


@dataclass(frozen=True)
class StorageProblem:
    """What is wrong with the storage, and the folder (or file) where it showed."""

    trouble: Trouble
    where: Path

    def error(self) -> UserError:
        return UserError(SENTENCES[self.trouble], path=str(self.where))


class StorageUnavailable(Exception):
    """Raised through the inbox when the disk, not the file, failed; the file stays where it was."""

    def __init__(self, problem: StorageProblem) -> None:
        super().__init__(f"{problem.trouble.value}: {problem.where}")
        self.problem = problem

    def __reduce__(self):  # crosses from a worker process to the watcher
        return (StorageUnavailable, (self.problem,))


def _refine(trouble: Trouble, where: Path) -> Trouble:
    """An I/O error on a disk that is in fact full or mounted read-only is that (SQLite says "disk I/O error"
    when it cannot even make its shared-memory file)."""
    if trouble is not Trouble.IO:
        return trouble
    folder = where if where.is_dir() else where.parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return Trouble.READ_ONLY
        if shutil.disk_usage(folder).free < 256 * 1024:
            return Trouble.FULL
    except OSError:
        pass
    return trouble


@contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Names ``folder`` in a storage error raised inside (the libraries that write often give no file name)."""
    try:
        yield
    except OSError as error:
        if error.errno in ERRNOS and not error.filename:
            raise OSError(error.errno, error.strerror, str(folder)) from error
        raise


def problem(error: BaseException, ledger: Path | None = None) -> StorageProblem | None:
    """The storage problem ``error`` shows, or None when it is anything else (a bug, a damaged input…).
    ``ledger`` is the ledger's path, named when SQLite is what failed. Follows the cause chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, StorageUnavailable):
            return seen.problem
        if isinstance(seen, OSError) and seen.errno in ERRNOS:
            named = seen.filename2 if isinstance(seen.filename2, str) else seen.filename  # a copy names its target second
            where = Path(named) if isinstance(named, str) else ledger or Path.cwd()
            where = where.parent if where.suffix == ".tmp" or where.name.startswith(".") else where
            return StorageProblem(_refine(ERRNOS[seen.errno], where), where)
        if isinstance(seen, sqlite3.DatabaseError):
            text = str(seen).lower()
            for fragment, trouble in SQLITE:
                if fragment in text:
                    return StorageProblem(_refine(trouble, ledger or Path.cwd()), ledger or Path.cwd())
        seen = seen.__cause__ or seen.__context__
    return None
