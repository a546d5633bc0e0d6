"""The ledger's records that no file of the workspace holds (rounds, pinned frameworks, questionnaires
issued, drafts, approvals, choices…), each version also kept as a small JSON file in ``archive/records/``.

Written after the transaction that recorded it commits, so a file never holds a change that was rolled
back; read by ``verify`` (a record the ledger lost) and by ``verify --repair``, which rebuilds what an empty
or damaged ledger lost from these files and the archived documents.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.ledger.names import safe


@dataclass(frozen=True)
class KeptRecord:
    seq: int  # the event that recorded it
    at: str
    at_ns: int  # when, to the nanosecond, to replay records and documents in the order they happened
    table: str
    key: tuple[Any, ...]
    row: dict[str, Any] | None
    path: Path


def _folder(root: Path, table: str, key: tuple[Any, ...]) -> Path:
    text = "|".join(str(k) for k in key)
    return root / table / f"{safe(text.replace('|', '--'), 60)}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def write(root: Path, seq: int, at: str, at_ns: int, table: str, key: tuple[Any, ...], row: dict[str, Any] | None) -> Path:
    """Keeps one version of a record, read-only; returns its path."""
    folder = _folder(root, table, key)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{seq:010d}.json"
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    body = {"seq": seq, "at": at, "at_ns": at_ns, "table": table, "key": list(key), "row": row}
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o444)
    os.replace(tmp, target)
    return target


def read_all(root: Path) -> list[KeptRecord]:
    """Every kept version, in the order they were recorded (files that cannot be read are skipped: ``verify``
    names them)."""
    found = []
    for path in root.rglob("*.json") if root.exists() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(KeptRecord(int(data["seq"]), data["at"], int(data["at_ns"]), data["table"], tuple(data["key"]),
                                    data["row"], path))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: (r.at_ns, r.seq))
