"""The ledger: an embedded SQLite database (WAL) holding rounds and an append-only,
hash-chained event log.

Every change of state is written in one transaction together with the event
that records it, so after a crash a change is either wholly there or absent.
Each event's hash covers the previous one: ``verify`` recomputes the chain and
names the first event whose history was altered.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from pipeline.domain.framework import Framework
from pipeline.domain.models import Round
from pipeline.ledger import crashpoints
from pipeline.ledger.schema import migrate

GENESIS = "0" * 64


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    kind: str
    round: str | None
    payload: dict[str, Any]
    documents: list[dict[str, str]]
    hash: str


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain; ``broken_at`` None means intact."""

    count: int
    broken_at: int | None = None
    reason: str = ""


def _event_hash(seq: int, at: str, kind: str, round_id: str | None, payload: str, documents: str, prev: str) -> str:
    body = json.dumps([seq, at, kind, round_id, payload, documents, prev], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Ledger:
    """The ledger at ``path``. ``read_only`` opens it for reading only (the inbox's isolated reader does):
    nothing is created or migrated and any write fails."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._depth = 0
        if read_only:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
            return
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

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
        except BaseException:
            self._depth = 0
            self.db.execute("ROLLBACK")
            raise
        self._depth = 0
        crashpoints.reach("ledger-before-commit")
        self.db.execute("COMMIT")

    def record(
        self,
        kind: str,
        round_id: str | None = None,
        payload: dict[str, Any] | None = None,
        documents: list[dict[str, str]] | None = None,
    ) -> Event:
        """Appends an event; call inside ``transaction`` to make it atomic with the change it records."""
        last = self.db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        payload_text = json.dumps(payload or {}, ensure_ascii=False, sort_keys=True, default=str)
        documents_text = json.dumps(documents or [], ensure_ascii=False, sort_keys=True)
        digest = _event_hash(seq, at, kind, round_id, payload_text, documents_text, prev)
        self.db.execute(
            "INSERT INTO events (seq, at, kind, round, payload, documents, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
            (seq, at, kind, round_id, payload_text, documents_text, prev, digest),
        )
        return Event(seq, at, kind, round_id, payload or {}, documents or [], digest)

    # Rounds

    def save_round(
        self,
        round_: Round,
        kind: str,
        payload: dict[str, Any] | None = None,
        documents: list[dict[str, str]] | None = None,
    ) -> None:
        """Stores ``round_`` and the event ``kind`` that explains the change, atomically."""
        with self.transaction():
            self.db.execute(
                "INSERT INTO rounds (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                (round_.id, round_.model_dump_json()),
            )
            crashpoints.reach("round-written")
            self.record(kind, round_.id, payload, documents)

    def get_round(self, round_id: str) -> Round | None:
        """The round with that id (case-insensitive); None when there is none."""
        row = self.db.execute("SELECT data FROM rounds WHERE id = ? COLLATE NOCASE", (round_id,)).fetchone()
        return Round.model_validate_json(row[0]) if row else None

    def rounds(self) -> list[Round]:
        rows = self.db.execute("SELECT data FROM rounds ORDER BY id").fetchall()
        return [Round.model_validate_json(r[0]) for r in rows]

    # Events

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
        rows = self.db.execute(sql, args).fetchall()
        return [Event(s, a, k, r, json.loads(p), json.loads(d), h) for s, a, k, r, p, d, h in reversed(rows)]

    def verify(self) -> Verification:
        """Recomputes the hash chain from the first event."""
        prev = GENESIS
        count = 0
        expected_seq = 1
        rows = self.db.execute(
            "SELECT seq, at, kind, round, payload, documents, prev_hash, hash FROM events ORDER BY seq"
        )
        for seq, at, kind, round_id, payload, documents, prev_hash, digest in rows:
            if seq != expected_seq:
                return Verification(count, expected_seq, "missing")
            if prev_hash != prev:
                return Verification(count, seq, "previous hash differs")
            if _event_hash(seq, at, kind, round_id, payload, documents, prev_hash) != digest:
                return Verification(count, seq, "content differs from its hash")
            prev = digest
            count += 1
            expected_seq += 1
        return Verification(count)

    # Frameworks pinned by rounds, and questionnaires issued

    def pin_framework(self, framework: Framework) -> None:
        """Keeps the compiled framework a round was opened with, so later changes to its file do not alter it."""
        self.db.execute(
            "INSERT OR IGNORE INTO frameworks (id, version, structure_hash, data) VALUES (?, ?, ?, ?)",
            (framework.id, framework.version, framework.structure_hash, framework.model_dump_json()),
        )

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
        self.db.execute(
            f"INSERT INTO questionnaires ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            tuple(row[c] for c in columns),
        )

    def questionnaires(self, round_id: str, institution: str | None = None) -> list[dict[str, str]]:
        """The questionnaires issued for a round (for one institution when given), oldest first."""
        sql = "SELECT * FROM questionnaires WHERE round = ?"
        args = [round_id]
        if institution is not None:
            sql += " AND institution = ?"
            args.append(institution)
        cursor = self.db.execute(sql + " ORDER BY issued, rowid", args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def questionnaire(self, questionnaire_id: str) -> dict[str, str] | None:
        """The issued questionnaire with that id; None when none was issued."""
        cursor = self.db.execute("SELECT * FROM questionnaires WHERE id = ?", (questionnaire_id,))
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row)) if row else None

    # Catalog overrides

    def state_overrides(self) -> dict[str, bool]:
        return {code: bool(p) for code, p in self.db.execute("SELECT code, participating FROM catalog_states")}

    def set_participation(self, code: str, participating: bool) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO catalog_states (code, participating) VALUES (?, ?) "
                "ON CONFLICT(code) DO UPDATE SET participating = excluded.participating",
                (code, int(participating)),
            )
            self.record("catalog.state", None, {"state": code, "participating": participating})

    def added_topics(self) -> dict[str, dict[str, str]]:
        return {tid: json.loads(names) for tid, names in self.db.execute("SELECT id, names FROM catalog_topics")}

    def add_topic(self, topic_id: str, names: dict[str, str]) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO catalog_topics (id, names) VALUES (?, ?)", (topic_id, json.dumps(names, ensure_ascii=False)))
            self.record("catalog.topic", None, {"topic": topic_id, "names": names})
