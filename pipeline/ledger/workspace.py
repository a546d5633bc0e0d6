"""The workspace: the folders DGPE staff watch and the ledger beside them.

    inbox/        whatever comes back, dropped by staff
    outbox/       what the pipeline answers and emits, per round
    archive/      every accepted original, by SHA-256, read-only
    quarantine/   what could not be taken, beside a note saying why
    work/         files claimed from the inbox while they are processed
    logs/         the log of unexpected failures
    mecigep.sqlite  the ledger, and mecigep.head beside it: the head of its hash chain
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from pipeline.domain.catalog import Catalog
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.ledger.database import Ledger
from pipeline.ledger.schema import pending
from pipeline.ledger.storage import problem

FOLDERS = ("inbox", "outbox", "archive", "quarantine", "logs")
LEDGER_NAME = "mecigep.sqlite"


def resolve(path: Path | None) -> Path:
    """The workspace folder: ``path`` when given, else MECIGEP_HOME, else the current directory."""
    if path is not None:
        return path
    home = os.environ.get("MECIGEP_HOME")
    return Path(home) if home else Path.cwd()


class Workspace:
    """The workspace at ``root``. ``read_only`` opens its ledger for reading only (commands that only read: they
    work on a full or read-only disk); ``check`` False opens a ledger that fails its integrity check (``verify``)."""

    def __init__(self, root: Path, read_only: bool = False, check: bool = True) -> None:
        self.read_only, self.check = read_only, check
        self.root = root.resolve()
        self.inbox = self.root / "inbox"
        self.outbox = self.root / "outbox"
        self.archive = self.root / "archive"
        self.quarantine = self.root / "quarantine"
        self.logs = self.root / "logs"
        self.ledger_path = self.root / LEDGER_NAME
        self.work = self.root / "work"
        self.records = self.archive / "records"

    @classmethod
    def init(cls, root: Path) -> "Workspace":
        """Creates the folders and the ledger (keeping whatever is already there)."""
        workspace = cls(root)
        for name in FOLDERS:
            (workspace.root / name).mkdir(parents=True, exist_ok=True)
        workspace.ledger  # creates the database and its schema
        return workspace

    @classmethod
    def open(cls, root: Path, read_only: bool = False, check: bool = True) -> "Workspace":
        """The workspace in ``root``; a folder with an inbox/ or a ledger is one. Raises UserError otherwise.
        Read-only, nothing is created (and a ledger that still needs a migration is opened to apply it)."""
        workspace = cls(root, read_only, check)
        if not (workspace.ledger_path.exists() or workspace.inbox.is_dir()):
            raise UserError(m.NOT_A_WORKSPACE, path=str(root))
        if read_only and workspace.ledger_path.exists():
            return workspace
        return cls.init(root) if check else workspace

    @cached_property
    def ledger(self) -> Ledger:
        if self.read_only and self.ledger_path.exists():
            ledger = Ledger(self.ledger_path, read_only=True)
            if not pending(ledger.db):
                return ledger
            ledger.close()
            try:  # an older ledger: migrated once, then read
                Ledger(self.ledger_path, kept=self.records, check=self.check).close()
            except Exception as error:
                if problem(error, self.ledger_path) is None:
                    raise
                raise problem(error, self.ledger_path).error() from error  # type: ignore[union-attr]
            return Ledger(self.ledger_path, read_only=True)
        return Ledger(self.ledger_path, kept=self.records, check=self.check)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.ledger.state_overrides(), self.ledger.added_topics())

    def round_outbox(self, round_id: str) -> Path:
        folder = self.outbox / round_id
        folder.mkdir(parents=True, exist_ok=True)
        return folder
