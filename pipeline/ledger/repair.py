"""Putting the ledger back where its own log and the archive allow (``mecigep verify --repair``).

The ledger's file is first copied aside, untouched. Rows that differ from what the events recorded are put
back as recorded. A ledger whose file is damaged, or whose log cannot be trusted past some event, is rebuilt
into a new file from the events it can prove (copied as they are, hashes and all) and the tables those
events' rows make. What came after, the archive gives back (see ``inbox.recovery``), as events marked
recovered; nothing that cannot be derived is invented.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from pipeline.ledger import head, kept, rows
from pipeline.ledger.database import Ledger
from pipeline.ledger.kept import KeptRecord

EVENT_COLUMNS = "seq, at, kind, round, payload, documents, prev_hash, hash, rows"


def set_aside(path: Path) -> Path | None:
    """Copies the ledger's files (with its journal) beside it, named by the time; returns the copy's path."""
    if not path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.before-repair-{stamp}")
    shutil.copy2(path, copy)
    for suffix in ("-wal", "-shm"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            shutil.copy2(journal, copy.with_name(copy.name + suffix))
    return copy


def put_back_rows(ledger: Ledger, found: list[rows.Difference]) -> int:
    """Writes every differing row as the events recorded it; returns how many."""
    if not found:
        return 0
    with ledger.transaction() as db:
        return rows.restore(db, found)


def _readable_events(path: Path, keep: int) -> tuple[list[tuple], int | None, dict[str, list[dict]]]:
    """The first ``keep`` events of a (perhaps damaged) ledger as far as they read, its rows_from, and the rows
    of each table (for a ledger older than rows in events)."""
    events: list[tuple] = []
    tables: dict[str, list[dict]] = {}
    rows_from = None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return events, rows_from, tables
    try:
        try:
            for values in db.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE seq <= ? ORDER BY seq", (keep,)):
                events.append(values)
        except sqlite3.DatabaseError:
            pass
        try:
            found = db.execute("SELECT value FROM ledger_meta WHERE key = 'rows_from'").fetchone()
            rows_from = int(found[0]) if found else None
        except sqlite3.DatabaseError:
            pass
        for table in rows.KEYS:
            try:
                cursor = db.execute(f"SELECT * FROM {table}")
                names = [d[0] for d in cursor.description]
                tables[table] = [dict(zip(names, r)) for r in cursor.fetchall()]
            except sqlite3.DatabaseError:
                continue
    finally:
        db.close()
    return events, rows_from, tables


def rebuild(path: Path, keep: int, kept_folder: Path | None) -> int:
    """Replaces the ledger at ``path`` by a new file holding its first ``keep`` events (those that read) and
    the tables they make; rows of tables older than rows in events are carried over as they were. Returns
    how many events were kept. Close every connection to ``path`` first."""
    events, rows_from, tables = _readable_events(path, keep)
    tmp = path.with_name(f".{path.name}.rebuilding")
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    fresh = Ledger(tmp, kept=None, check=False)
    try:
        with fresh.transaction() as db:
            db.executemany(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", events)
            expected = rows.replay(values[8] for values in events)
            covered = {(t, k) for t, k in expected}
            for (table, key), row in expected.items():
                if row is not None:
                    columns = list(row)
                    db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                               [row[c] for c in columns])
            if rows_from != 1:  # rows written before events carried them: kept as the old file had them
                for table, found in tables.items():
                    for row in found:
                        if (table, tuple(row[k] for k in rows.KEYS[table])) in covered:
                            continue
                        columns = [c for c in row]
                        db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                   [row[c] for c in columns])
            db.execute("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('rows_from', ?)",
                       (str(rows_from if rows_from is not None else (len(events) + 1 if events else 1)),))
        fresh.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        fresh.close()
    for suffix in ("-wal", "-shm"):  # the old file's journal must never be applied to the new one
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    tmp.replace(path)
    for suffix in ("-wal", "-shm"):
        tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
    last = events[-1] if events else None
    head.write(head.head_path(path), head.Head(last[0], last[7], last[1]) if last else head.Head(0, "0" * 64), force=True)
    return len(events)


def apply_kept(ledger: Ledger, record: KeptRecord) -> None:
    """Records a kept record the ledger lost, with an event marked recovered."""
    with ledger.transaction():
        if record.row is None:
            ledger.db.execute(f"DELETE FROM {record.table} WHERE " + " AND ".join(f"{k} = ?" for k in rows.KEYS[record.table]),
                              list(record.key))
            ledger.note_row(record.table, record.key)
        else:
            columns = list(record.row)
            ledger.db.execute(f"INSERT OR REPLACE INTO {record.table} ({', '.join(columns)}) "
                              f"VALUES ({', '.join('?' * len(columns))})", [record.row[c] for c in columns])
            ledger.note_row(record.table, record.key)
        round_id = record.row.get("round") if record.row and record.table != "rounds" else record.key[0] if record.table == "rounds" else None
        ledger.record("record.recovered", round_id if isinstance(round_id, str) else None,
                      {"table": record.table, "key": list(record.key), "seq": record.seq, "recovered": True})


def keep_missing(ledger: Ledger, folder: Path, present: set[tuple[str, tuple, int]]) -> int:
    """Writes the kept copy of every record an event holds whose copy is missing; returns how many."""
    written = 0
    for seq, at, text in ledger.db.execute("SELECT seq, at, rows FROM events WHERE rows != '' ORDER BY seq").fetchall():
        for table, key, row in rows.decode(text):
            if table in rows.KEPT and (table, key, seq) not in present:
                when = dt.datetime.fromisoformat(at)
                kept.write(folder, seq, at, int(when.timestamp() * 1e9), table, key, row)
                written += 1
    return written
