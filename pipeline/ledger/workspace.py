"""The workspace: the folders DGPE staff watch and the ledger beside them.

    inbox/        whatever comes back, dropped by staff
    outbox/       what the pipeline answers and emits, per round
    archive/      every accepted original, by SHA-256, read-only
    quarantine/   what could not be taken, beside a note saying why
    logs/         the log of unexpected failures
    mecigep.sqlite  the ledger
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from pipeline.domain.catalog import Catalog
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.ledger.database import Ledger

FOLDERS = ("inbox", "outbox", "archive", "quarantine", "logs")
LEDGER_NAME = "mecigep.sqlite"


def resolve(path: Path | None) -> Path:
    """The workspace folder: ``path`` when given, else MECIGEP_HOME, else the current directory."""
    if path is not None:
        return path
    home = os.environ.get("MECIGEP_HOME")
    return Path(home) if home else Path.cwd()


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.inbox = self.root / "inbox"
        self.outbox = self.root / "outbox"
        self.archive = self.root / "archive"
        self.quarantine = self.root / "quarantine"
        self.logs = self.root / "logs"
        self.ledger_path = self.root / LEDGER_NAME

    @classmethod
    def init(cls, root: Path) -> "Workspace":
        """Creates the folders and the ledger (keeping whatever is already there)."""
        workspace = cls(root)
        for name in FOLDERS:
            (workspace.root / name).mkdir(parents=True, exist_ok=True)
        workspace.ledger  # creates the database and its schema
        return workspace

    @classmethod
    def open(cls, root: Path) -> "Workspace":
        """The workspace in ``root``; a folder with an inbox/ or a ledger is one. Raises UserError otherwise."""
        workspace = cls(root)
        if not (workspace.ledger_path.exists() or workspace.inbox.is_dir()):
            raise UserError(m.NOT_A_WORKSPACE, path=str(root))
        return cls.init(root)

    @cached_property
    def ledger(self) -> Ledger:
        return Ledger(self.ledger_path)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.ledger.state_overrides(), self.ledger.added_topics())

    def round_outbox(self, round_id: str) -> Path:
        folder = self.outbox / round_id
        folder.mkdir(parents=True, exist_ok=True)
        return folder
