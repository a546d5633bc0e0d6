"""The head of the hash chain, kept outside the database so that the ledger can prove it is complete.

The chain alone shows an event that was changed, not events that are gone: a log cut after its last good
event, or rewritten from some event on with recomputed hashes, is a valid chain. So after each transaction
that records events, the count of events and the last one's hash are written to ``mecigep.head`` beside the
ledger (and into each receipt the pipeline sends): ``verify`` then finds a ledger shorter than its head, or
whose event at the head's count has another hash. The file only moves forward; writers racing each other
may leave it a transaction behind, which still proves everything up to it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Head:
    """``count`` events, the last one with hash ``hash``, recorded at ``at``."""

    count: int
    hash: str
    at: str = ""


def head_path(ledger: Path) -> Path:
    return ledger.with_suffix(".head")


def read(path: Path) -> Head | None:
    """The head recorded at ``path``; None when there is none (or it cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Head(int(data["count"]), str(data["hash"]), str(data.get("at", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(path: Path, head: Head, force: bool = False) -> None:
    """Records ``head`` atomically, unless the file already records as many events (or more) and not ``force``."""
    if not force:
        current = read(path)
        if current is not None and current.count >= head.count:
            return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump({"count": head.count, "hash": head.hash, "at": head.at}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
