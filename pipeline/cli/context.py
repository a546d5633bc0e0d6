"""What every command shares: the workspace, the language and the console."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.i18n.translation import cli_language, translate

if TYPE_CHECKING:
    from pipeline.ledger.workspace import Workspace

LANG = cli_language()
# The message each text without parameters came from: help texts are made once, when the commands are declared,
# and are made again in the language of each run (``voice.voiced``) from this. (Texts with parameters are what a
# command prints as it runs; they are not kept, so that a long-running watcher does not gather them.)
SOURCES: dict[str, tuple[str, dict[str, Any]]] = {}


def _(message: str, **params: Any) -> str:
    """``message`` in the command line's language."""
    text = translate(message, STATE.lang, **params)
    if not params:
        SOURCES.setdefault(text, (message, params))
    return text


@dataclass
class State:
    """The run's workspace and the language of the command line's messages (documents keep their round's)."""

    workspace_path: Path | None = None
    lang: str = LANG

    def workspace(self, read_only: bool = False, check: bool = True) -> "Workspace":
        """The workspace; ``read_only`` for commands that only read (they work on a full or read-only disk);
        ``check`` False to open a ledger that fails its integrity check (``verify``)."""
        from pipeline.ledger.workspace import Workspace, resolve  # imported here: --help need not load the models

        return Workspace.open(resolve(self.workspace_path), read_only=read_only, check=check)


STATE = State()
_CONSOLES = {  # rich's consoles, made when first asked for: --help prints through Click and does not import rich
    # Piped output (scripts, logs) gets a wide page rather than rich's 80 columns.
    "console": lambda: {"highlight": False, "soft_wrap": True, "width": None if sys.stdout.isatty() else 160},
    "errors": lambda: {"stderr": True, "highlight": False, "soft_wrap": True},
}


def __getattr__(name: str) -> Any:
    """``console`` and ``errors``, rich Consoles for standard output and standard error."""
    if name not in _CONSOLES:
        raise AttributeError(name)
    from rich.console import Console

    made = globals()[name] = Console(**_CONSOLES[name]())
    return made


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_date(text: str | None, option: str) -> "dt.date | None":
    """The date typed for ``option`` (YYYY-MM-DD); None when none was given. Raises UserError naming the option."""
    import datetime as dt

    from pipeline.domain.problems import UserError
    from pipeline.i18n import messages as m

    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(m.BAD_DATE_OPTION, value=text, option=option) from None


if TYPE_CHECKING:
    import datetime as dt
