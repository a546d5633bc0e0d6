"""The hash chain of the event log: each event's hash covers its content and the hash of the one before.

``walk`` recomputes it from the first event and says where it first breaks, and how: an event missing from
the sequence, an event whose content no longer gives its hash, or an event rewritten with a recomputed hash
(then the next event's record of it differs: the rewritten one is named, not its successor).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from enum import Enum

GENESIS = "0" * 64


class Break(str, Enum):
    """How the chain is broken."""

    MISSING = "missing"  # the sequence jumps: events were deleted
    CONTENT = "content"  # the event's content no longer gives its hash
    REWRITTEN = "rewritten"  # the event and its hash were both rewritten: the next event recorded another hash
    UNREADABLE = "unreadable"  # the event cannot be read (a damaged page)


def event_hash(seq: int, at: str, kind: str, round_id: str | None, payload: str, documents: str, prev: str,
               rows: str = "") -> str:
    """The hash of one event; ``rows`` (the table rows it recorded) is covered when there are any, so events
    written before rows were recorded keep their hashes."""
    fields: list[object] = [seq, at, kind, round_id, payload, documents, prev]
    if rows:
        fields.append(rows)
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Walk:
    """The chain as far as it holds: ``count`` events in sequence with valid hashes, the last one's hash, and
    where (``broken_at``) and how (``how``) it breaks; ``broken_at`` None when it holds to the end."""

    count: int
    head: str = GENESIS
    broken_at: int | None = None
    how: Break | None = None
    hashes: tuple[str, ...] = ()  # hashes[i] is event i+1's


def walk(db: sqlite3.Connection) -> Walk:
    """Recomputes the chain from the first event."""
    prev, count, hashes = GENESIS, 0, []
    columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    rows_column = "rows" if "rows" in columns else "''"
    try:
        rows = db.execute(f"SELECT seq, at, kind, round, payload, documents, prev_hash, hash, {rows_column} FROM events ORDER BY seq")
        for seq, at, kind, round_id, payload, documents, prev_hash, digest, event_rows in rows:
            if seq != count + 1:
                return Walk(count, prev, count + 1, Break.MISSING, tuple(hashes))
            valid = event_hash(seq, at, kind, round_id, payload, documents, prev_hash, event_rows or "") == digest
            if prev_hash != prev:
                # the previous event matched its own content, so it was rewritten with a new hash (unless this
                # event's record of it is what was edited: then this event no longer matches its own hash)
                if valid:
                    return Walk(count - 1, hashes[-2] if len(hashes) > 1 else GENESIS, seq - 1, Break.REWRITTEN,
                                tuple(hashes[:-1]))
                return Walk(count, prev, seq, Break.CONTENT, tuple(hashes))
            if not valid:
                return Walk(count, prev, seq, Break.CONTENT, tuple(hashes))
            prev = digest
            hashes.append(digest)
            count += 1
    except sqlite3.DatabaseError:
        return Walk(count, prev, count + 1, Break.UNREADABLE, tuple(hashes))
    return Walk(count, prev, None, None, tuple(hashes))
