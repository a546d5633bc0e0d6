"""The ledger: an embedded SQLite database holding rounds and an append-only, hash-chained event log.

Every change of state is written in one transaction together with the event that records it, so after a
crash a change is either wholly there or absent. Each event's hash covers the previous one and the table
rows it recorded (see ``rows``); after each commit the chain's head is written beside the ledger (``head``)
and the records no other file holds are kept in the archive (``kept``), so that ``verify`` can prove the
ledger complete and ``verify --repair`` rebuild it.

Opening: read-write opens use WAL where the filesystem allows it (a journal otherwise) and run SQLite's quick
integrity check, so a damaged ledger is refused at once rather than written into; read-only opens write
nothing and work on a full or read-only disk.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pipeline.domain.framework import Framework
from pipeline.domain.models import Round
from pipeline.ledger import crashpoints, head, kept, rows
from pipeline.ledger.chain import GENESIS, event_hash, walk
from pipeline.ledger.schema import migrate, pending
from pipeline.ledger.storage import StorageProblem, Trouble

__all__ = ["GENESIS", "Event", "Ledger", "LedgerDamaged", "Verification"]


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    kind: str
    round: str | None
    payload: dict[str, Any]
    documents: list[dict[str, str]]
    hash: str
    rows: list[tuple[str, tuple[Any, ...], dict[str, Any] | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Verification:
    """The chain checked against itself and its head file; ``broken_at`` None means it holds."""

    count: int
    broken_at: int | None = None
    reason: str = ""  # a chain.Break value, or "truncated"


class LedgerDamaged(Exception):
    """The ledger's file failed SQLite's integrity check: nothing may be written into it."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path, self.detail = path, detail

    def __reduce__(self):
        return (LedgerDamaged, (self.path, self.detail))

    @property
    def problem(self) -> StorageProblem:
        return StorageProblem(Trouble.DAMAGED, self.path)


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(target, uri=uri, isolation_level=None, timeout=30, check_same_thread=False)


class Ledger:
    """The ledger at ``path``. ``read_only`` opens it for reading only (the inbox's isolated reader and the
    commands that only read do): nothing is created or migrated and any write fails. ``kept`` is the folder
    where records are also kept as files (none: not kept); ``check`` False skips the integrity check (for
    ``verify``, which reports what it finds instead)."""

    def __init__(self, path: Path, read_only: bool = False, kept: Path | None = None, check: bool = True) -> None:
        self.path = path
        self.read_only = read_only
        self.kept = kept
        self._depth = 0
        self._pending: dict[tuple[str, tuple[Any, ...]], None] = {}
        self._recorded: list[Event] = []
        self.db = self._open_read_only() if read_only else self._open(check)

    def _open_read_only(self) -> sqlite3.Connection:
        try:
            db = _connect(f"file:{self.path}?mode=ro", uri=True)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            # on a full or read-only disk SQLite cannot make the files WAL reading needs: read the file as it is
            db = _connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db

    def _open(self, check: bool) -> sqlite3.Connection:
        db = _connect(str(self.path))
        try:
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode=DELETE")  # a filesystem without shared memory (a network share)
        except sqlite3.OperationalError:
            db.close()
            raise
        db.execute("PRAGMA synchronous=FULL")
        if check:
            found = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if found != "ok":
                db.close()
                raise LedgerDamaged(self.path, str(found))
        if pending(db):
            migrate(db)
        return db

    def close(self) -> None:
        self.db.close()

    # Transactions, rows and events

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: committed on success, rolled back on any exception or crash. Nested
        transactions join the outer one, so a store's own writes can be part of a larger unit."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.db
            if self._pending:
                self.record("ledger.rows")
            crashpoints.reach("ledger-before-commit")
            self.db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0
        recorded, self._recorded = self._recorded, []
        if recorded:
            self._after_commit(recorded)

    def _rollback(self) -> None:
        self._pending.clear()
        self._recorded = []
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:  # a failed COMMIT may already have ended it
            pass

    def note_row(self, table: str, key: tuple[Any, ...]) -> None:
        """Marks a row as written, for the next event recorded (see ``rows.put``)."""
        self._pending[(table, key)] = None

    def _after_commit(self, recorded: list[Event]) -> None:
        last = recorded[-1]
        try:
            head.write(head.head_path(self.path), head.Head(last.seq, last.hash, last.at))
            if self.kept is not None:
                at_ns = time.time_ns()
                for event in recorded:
                    for table, key, row in event.rows:
                        if table in rows.KEPT:
                            kept.write(self.kept, event.seq, event.at, at_ns, table, key, row)
        except OSError:  # the change is committed; verify finds the missing copy and --repair writes it
            pass

    def record(self, kind: str, round_id: str | None = None, payload: dict[str, Any] | None = None,
               documents: list[dict[str, str]] | None = None) -> Event:
        """Appends an event, with the rows written since the last one; call inside ``transaction`` to make
        it atomic with the change it records."""
        last = self.db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        written = [(table, key, rows.read(self.db, table, key)) for table, key in self._pending]
        self._pending.clear()
        payload_text = json.dumps(payload or {}, ensure_ascii=False, sort_keys=True, default=str)
        documents_text = json.dumps(documents or [], ensure_ascii=False, sort_keys=True)
        rows_text = rows.encode(written)
        digest = event_hash(seq, at, kind, round_id, payload_text, documents_text, prev, rows_text)
        self.db.execute(
            "INSERT INTO events (seq, at, kind, round, payload, documents, prev_hash, hash, rows) VALUES (?,?,?,?,?,?,?,?,?)",
            (seq, at, kind, round_id, payload_text, documents_text, prev, digest, rows_text),
        )
        event = Event(seq, at, kind, round_id, payload or {}, documents or [], digest, written)
        self._recorded.append(event)
        return event

    def head(self) -> tuple[int, str]:
        """The number of events and the last one's hash."""
        last = self.db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(last[0]), str(last[1])) if last else (0, GENESIS)

    def events(self, round_id: str | None = None, limit: int | None = None, kind: str | None = None) -> list[Event]:
        """Events oldest first; of one round when ``round_id`` is given, of one kind when ``kind`` is; the last
        ``limit`` when given."""
        sql = "SELECT seq, at, kind, round, payload, documents, hash FROM events"
        args: list[Any] = []
        where = [f"{column} = ?" for column, value in (("round", round_id), ("kind", kind)) if value is not None]
        if where:
            sql += " WHERE " + " AND ".join(where)
            args += [v for v in (round_id, kind) if v is not None]
        sql += " ORDER BY seq DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        found = self.db.execute(sql, args).fetchall()
        return [Event(s, a, k, r, json.loads(p), json.loads(d), h) for s, a, k, r, p, d, h in reversed(found)]

    def verify(self) -> Verification:
        """Recomputes the hash chain from the first event and holds it against the head file beside the
        ledger (see ``verification`` for everything else ``mecigep verify`` checks)."""
        chain = walk(self.db)
        if chain.broken_at is not None:
            return Verification(chain.count, chain.broken_at, chain.how.value if chain.how else "")
        recorded = head.read(head.head_path(self.path))
        if recorded is not None and recorded.count > chain.count:
            return Verification(chain.count, chain.count + 1, "truncated")
        if recorded is not None and recorded.count and chain.hashes[recorded.count - 1] != recorded.hash:
            return Verification(chain.count, recorded.count, "rewritten")
        return Verification(chain.count)

    # Rounds

    def save_round(self, round_: Round, kind: str, payload: dict[str, Any] | None = None,
                   documents: list[dict[str, str]] | None = None) -> None:
        """Stores ``round_`` and the event ``kind`` that explains the change, atomically."""
        with self.transaction():
            rows.put(self, "rounds", {"id": round_.id, "data": round_.model_dump_json()})
            crashpoints.reach("round-written")
            self.record(kind, round_.id, payload, documents)

    def get_round(self, round_id: str) -> Round | None:
        """The round with that id (case-insensitive); None when there is none."""
        row = self.db.execute("SELECT data FROM rounds WHERE id = ? COLLATE NOCASE", (round_id,)).fetchone()
        return Round.model_validate_json(row[0]) if row else None

    def rounds(self) -> list[Round]:
        return [Round.model_validate_json(r[0]) for r in self.db.execute("SELECT data FROM rounds ORDER BY id").fetchall()]

    # Frameworks pinned by rounds, and questionnaires issued

    def pin_framework(self, framework: Framework) -> None:
        """Keeps the compiled framework a round was opened with, so later changes to its file do not alter it."""
        rows.put(self, "frameworks", {"id": framework.id, "version": framework.version, "structure_hash": framework.structure_hash,
                                      "data": framework.model_dump_json()}, replace=False)

    def framework(self, framework_id: str, version: str) -> Framework | None:
        """The pinned framework; None when no round pinned that id and version."""
        row = self.db.execute("SELECT data FROM frameworks WHERE id = ? AND version = ?", (framework_id, version)).fetchone()
        return Framework.model_validate_json(row[0]) if row else None

    def framework_hash(self, framework_id: str, version: str) -> str | None:
        """The structure hash of a pinned framework, without reading the framework; None when it is not pinned."""
        row = self.db.execute("SELECT structure_hash FROM frameworks WHERE id = ? AND version = ?", (framework_id, version)).fetchone()
        return row[0] if row else None

    def frameworks(self) -> list[Framework]:
        """Every pinned framework."""
        return [Framework.model_validate_json(data) for (data,) in self.db.execute("SELECT data FROM frameworks")]

    def pin(self, round_: Round, framework: Framework) -> Round:
        """Keeps ``framework`` and makes it the round's, with its event; returns the round as stored."""
        updated = round_.model_copy(update={"framework_id": framework.id, "framework_version": framework.version})
        with self.transaction():
            self.pin_framework(framework)
            self.save_round(updated, "framework.pinned", {"framework": framework.id, "version": framework.version,
                                                          "structure_hash": framework.structure_hash})
        return updated

    def record_questionnaire(self, row: dict[str, str]) -> None:
        columns = ("id", "round", "institution", "framework_id", "framework_version", "structure_hash", "language", "file", "sha256", "issued")
        self.db.execute(f"INSERT INTO questionnaires ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                        tuple(row[c] for c in columns))
        self.note_row("questionnaires", (row["id"],))

    def questionnaires(self, round_id: str, institution: str | None = None) -> list[dict[str, str]]:
        """The questionnaires issued for a round (for one institution when given), oldest first."""
        sql, args = "SELECT * FROM questionnaires WHERE round = ?", [round_id]
        if institution is not None:
            sql += " AND institution = ?"
            args.append(institution)
        cursor = self.db.execute(sql + " ORDER BY issued, rowid", args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def questionnaire(self, questionnaire_id: str) -> dict[str, str] | None:
        """The issued questionnaire with that id; None when none was issued."""
        return rows.read(self.db, "questionnaires", (questionnaire_id,))

    # Catalog overrides

    def state_overrides(self) -> dict[str, bool]:
        return {code: bool(p) for code, p in self.db.execute("SELECT code, participating FROM catalog_states")}

    def set_participation(self, code: str, participating: bool) -> None:
        with self.transaction():
            rows.put(self, "catalog_states", {"code": code, "participating": int(participating)})
            self.record("catalog.state", None, {"state": code, "participating": participating})

    def added_topics(self) -> dict[str, dict[str, str]]:
        return {tid: json.loads(names) for tid, names in self.db.execute("SELECT id, names FROM catalog_topics")}

    def add_topic(self, topic_id: str, names: dict[str, str]) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO catalog_topics (id, names) VALUES (?, ?)", (topic_id, json.dumps(names, ensure_ascii=False)))
            self.note_row("catalog_topics", (topic_id,))
            self.record("catalog.topic", None, {"topic": topic_id, "names": names})
