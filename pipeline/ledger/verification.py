"""What the ledger can say about itself for ``mecigep verify``: its file's integrity, its chain, the rows its
tables hold against the rows its events recorded, and what it knows of the workspace's files.

Checking the files themselves (the archive, the quarantine, the outbox, the receipts' anchors) is
``stages.verification``'s; this module only reads the database.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ledger import rows
from pipeline.ledger.chain import Walk, walk
from pipeline.ledger.database import Ledger


def integrity(ledger: Ledger) -> str | None:
    """SQLite's first complaint about the ledger's file; None when it finds none."""
    try:
        found = ledger.db.execute("PRAGMA integrity_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if found == "ok" else str(found)


def writable(path: Path) -> bool:
    """Whether the ledger's file (and its folder, where SQLite makes its journal) can be written."""
    try:
        read_only_mount = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY) if hasattr(os, "statvfs") else False
    except OSError:
        read_only_mount = False
    return not read_only_mount and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def chain(ledger: Ledger) -> Walk:
    return walk(ledger.db)


def rows_from(ledger: Ledger) -> int | None:
    """The first event that recorded its rows (1: every row of the ledger was recorded); None when unknown."""
    try:
        found = ledger.db.execute("SELECT value FROM ledger_meta WHERE key = 'rows_from'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(found[0]) if found else None


def recorded_rows(ledger: Ledger, upto: int) -> list[tuple[int, str]]:
    """(seq, rows) of the events up to ``upto`` that recorded rows."""
    try:
        return [(s, r) for s, r in ledger.db.execute("SELECT seq, rows FROM events WHERE seq <= ? AND rows != '' ORDER BY seq", (upto,))]
    except sqlite3.DatabaseError:
        return []


def differences(ledger: Ledger, upto: int) -> list[rows.Difference]:
    """Every row of the tables that is not what the first ``upto`` events recorded."""
    expected = rows.replay(text for _, text in recorded_rows(ledger, upto))
    try:
        return rows.differences(ledger.db, expected, strict=rows_from(ledger) == 1)
    except sqlite3.DatabaseError:
        return []


@dataclass(frozen=True)
class Repair:
    seq: int
    at: str
    lost_from: int | None  # the first event of the history the repair could not keep


def repairs(ledger: Ledger) -> list[Repair]:
    found = []
    for seq, at, payload in ledger.db.execute("SELECT seq, at, payload FROM events WHERE kind = 'ledger.repaired' ORDER BY seq"):
        lost = json.loads(payload).get("lost_from")
        found.append(Repair(seq, at, int(lost) if lost is not None else None))
    return found


@dataclass
class Known:
    """What the ledger knows of the workspace's files."""

    documents: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)  # sha -> (state, stored, answer)
    drafts: dict[str, str] = field(default_factory=dict)  # sha -> archived file
    issued: dict[str, str] = field(default_factory=dict)  # outbox path (round/file) -> sha of an issued questionnaire
    shas: set[str] = field(default_factory=set)  # every hash an event names
    kept_aside: set[str] = field(default_factory=set)  # duplicate copies kept in archive/duplicates/
    events: set[tuple[str, str]] = field(default_factory=set)  # (table, json of key and row) every event recorded


def known(ledger: Ledger) -> Known:
    found = Known()
    db = ledger.db
    for sha, state, stored, answer in db.execute("SELECT sha256, state, stored, answer FROM documents"):
        found.documents[sha] = (state, stored, answer)
    for sha, file in db.execute("SELECT sha256, file FROM drafts"):
        found.drafts[sha] = file
    for round_id, file, sha in db.execute("SELECT round, file, sha256 FROM questionnaires"):
        found.issued[f"{round_id}/{file}"] = sha
    for documents, payload, text in db.execute("SELECT documents, payload, rows FROM events"):
        found.shas.update(d.get("sha256", "") for d in json.loads(documents))
        kept = json.loads(payload).get("kept")
        if isinstance(kept, str) and kept:
            found.kept_aside.add(kept)
        for table, key, row in rows.decode(text):
            found.events.add((table, json.dumps([list(key), row], sort_keys=True, ensure_ascii=False)))
    return found
