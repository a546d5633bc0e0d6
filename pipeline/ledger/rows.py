"""Every row the ledger's tables hold travels in the event that records it, so the tables can be proven
(and rebuilt) from the hash-chained log.

A module that writes a row does it through ``put`` (or tells ``changed`` which rows an UPDATE touches); the
ledger then copies each such row, as it stands when the event is recorded, into that event's ``rows``, which
its hash covers. Replaying the rows of every event in order gives what each table must hold: ``differences``
compares that with the tables, ``restore`` writes it back. Rows written in a transaction that records no
event get one of their own (``ledger.rows``).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable, Protocol

# The key columns of each table whose rows are the ledger's state (the operational ones, claims and
# attempts, are not).
KEYS: dict[str, tuple[str, ...]] = {
    "rounds": ("id",), "frameworks": ("id", "version"), "questionnaires": ("id",), "documents": ("sha256",),
    "responses": ("sha256",), "drafts": ("round", "version"), "approvals": ("round",), "catalog_states": ("code",),
    "catalog_topics": ("id",), "notes_issued": ("id",), "notes": ("sha256", "institution", "element"),
    "followups": ("sha256", "recommendation"), "recommendations": ("round", "key"), "choices": ("id",),
    "round_edits": ("seq",), "settings": ("key",), "mail": ("id",), "reminders": ("round", "institution", "deadline", "step"),
    "corrections": ("seq",), "check_marks": ("seq",), "draft_returns": ("sha256",), "review_items": ("round", "key"),
    "review_answers": ("seq",), "consents": ("seq",),
}
# Tables no file of the workspace holds: each of their rows is also kept as a file in archive/records/ (see
# ``kept``), so that an empty ledger can be rebuilt from the workspace. The others are read again from the
# archived files they came from.
KEPT = frozenset({"rounds", "frameworks", "questionnaires", "drafts", "approvals", "catalog_states", "catalog_topics",
                  "notes_issued", "recommendations", "choices", "round_edits", "settings", "mail", "reminders", "corrections",
                  "check_marks", "draft_returns", "review_items", "consents"})

Key = tuple[Any, ...]
Row = dict[str, Any]


class Holder(Protocol):
    db: sqlite3.Connection

    def note_row(self, table: str, key: Key) -> None: ...


def put(ledger: Holder, table: str, values: Row, replace: bool = True) -> None:
    """Inserts ``values`` into ``table`` (updating the row with the same key when ``replace``, keeping it
    otherwise) and notes the row for the event being recorded; call inside a transaction."""
    keys = KEYS[table]
    columns = list(values)
    conflict = ", ".join(keys)
    action = "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys) if replace else "DO NOTHING"
    if replace and all(c in keys for c in columns):
        action = "DO NOTHING"
    ledger.db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
                      f"ON CONFLICT({conflict}) {action}", [values[c] for c in columns])
    ledger.note_row(table, tuple(values[k] for k in keys))


def changed(ledger: Holder, table: str, where: str, args: Iterable[Any]) -> None:
    """Notes the rows of ``table`` matching ``where`` (an UPDATE about to change them, or that just did)."""
    keys = KEYS[table]
    for key in ledger.db.execute(f"SELECT {', '.join(keys)} FROM {table} WHERE {where}", list(args)).fetchall():
        ledger.note_row(table, tuple(key))


def read(db: sqlite3.Connection, table: str, key: Key) -> Row | None:
    """The row of ``table`` with ``key``, every column; None when there is none."""
    cursor = db.execute(f"SELECT * FROM {table} WHERE " + " AND ".join(f"{k} = ?" for k in KEYS[table]), list(key))
    found = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], found)) if found else None


def encode(entries: list[tuple[str, Key, Row | None]]) -> str:
    return json.dumps([[table, list(key), row] for table, key, row in entries], ensure_ascii=False, sort_keys=True) if entries else ""


def decode(text: str | None) -> list[tuple[str, Key, Row | None]]:
    return [(table, tuple(key), row) for table, key, row in json.loads(text)] if text else []


def replay(texts: Iterable[str | None]) -> dict[tuple[str, Key], Row | None]:
    """What each table must hold, by (table, key), after the events whose ``rows`` are ``texts``, in order."""
    state: dict[tuple[str, Key], Row | None] = {}
    for text in texts:
        for table, key, row in decode(text):
            state[(table, key)] = row
    return state


@dataclass(frozen=True)
class Difference:
    """A row that is not what the events recorded: ``expected`` None when no event recorded it, ``actual``
    None when it is missing; ``column`` the first column that differs, when both are there."""

    table: str
    key: Key
    expected: Row | None
    actual: Row | None
    column: str | None = None


def differences(db: sqlite3.Connection, expected: dict[tuple[str, Key], Row | None], strict: bool) -> list[Difference]:
    """Every row that is not as ``expected``; with ``strict`` (a ledger that recorded rows from its first
    event) rows that no event recorded are differences too."""
    found = []
    for table, keys in KEYS.items():
        try:
            cursor = db.execute(f"SELECT * FROM {table}")
        except sqlite3.OperationalError:  # a table this ledger does not have yet
            continue
        names = [d[0] for d in cursor.description]
        actual = {}
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            actual[tuple(row[k] for k in keys)] = row
        for (kind, key), row in expected.items():
            if kind != table:
                continue
            have = actual.pop(key, None)
            if row is None and have is None:
                continue
            if row is None or have is None:
                found.append(Difference(table, key, row, have))
                continue
            column = next((c for c in names if c in row and row[c] != have[c]), None)
            if column is not None:
                found.append(Difference(table, key, row, have, column))
        if strict:
            found += [Difference(table, key, None, row) for key, row in actual.items()]
    return found


def restore(db: sqlite3.Connection, rows: Iterable[Difference]) -> int:
    """Puts back every row as the events recorded it (and removes rows no event recorded); returns how many."""
    count = 0
    for difference in rows:
        table, keys = difference.table, KEYS[difference.table]
        db.execute(f"DELETE FROM {table} WHERE " + " AND ".join(f"{k} = ?" for k in keys), list(difference.key))
        if difference.expected is not None:
            columns = list(difference.expected)
            db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                       [difference.expected[c] for c in columns])
        count += 1
    return count
