"""The inbox's log of what went wrong (logs/mecigep.log): tracebacks for staff, never a reason to stop."""
from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path


def log(logs: Path, text: str, with_traceback: bool = True) -> None:
    """Appends ``text`` (and the traceback being handled) to the log; a log that cannot be written (a full
    disk) is skipped, never raised."""
    try:
        logs.mkdir(parents=True, exist_ok=True)
        with (logs / "mecigep.log").open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"{dt.datetime.now().isoformat(timespec='seconds')} {text}\n")
            if with_traceback:
                handle.write(traceback.format_exc() + "\n")
    except OSError:
        pass
