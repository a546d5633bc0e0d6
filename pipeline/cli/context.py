"""What every command shares: the workspace, the language and the console."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from pipeline.i18n.translation import cli_language, translate

if TYPE_CHECKING:
    from pipeline.ledger.workspace import Workspace

LANG = cli_language()


def _(message: str, **params: Any) -> str:
    """``message`` in the command line's language."""
    return translate(message, STATE.lang, **params)


@dataclass
class State:
    workspace_path: Path | None = None
    lang: str = LANG
    lang_explicit: bool = False  # --lang given: documents too are made in that language

    def workspace(self, read_only: bool = False, check: bool = True) -> "Workspace":
        """The workspace; ``read_only`` for commands that only read (they work on a full or read-only disk);
        ``check`` False to open a ledger that fails its integrity check (``verify``)."""
        from pipeline.ledger.workspace import Workspace, resolve  # imported here: --help need not load the models

        return Workspace.open(resolve(self.workspace_path), read_only=read_only, check=check)


STATE = State()
# Piped output (scripts, logs) gets a wide page rather than rich's 80 columns.
console = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
