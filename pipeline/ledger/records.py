"""What the ledger knows of each file that arrived, and of each questionnaire response.

A response's answers are stored as JSON in the record's own form, and decoded here, once, back into a
``QuestionnaireAnswers``: dates, times and tuples keep their types (``{"date": "2026-05-01"}``, lists).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pipeline.domain.answers import AnswerRecord, AnswerStatus, QuestionnaireAnswers, Response
from pipeline.domain.enums import ResponseStatus
from pipeline.domain.problems import Location
from pipeline.ledger import rows
from pipeline.ledger.database import Ledger


class State(str, Enum):
    """Where a received file stands; ARCHIVED still owes its answer, the others are final."""

    ARCHIVED = "archived"
    ANSWERED = "answered"
    QUARANTINED = "quarantined"


@dataclass(frozen=True)
class Document:
    sha256: str
    name: str
    received: str
    kind: str | None
    state: State
    round: str | None
    institution: str | None
    reason: str | None
    stored: str | None  # archive or quarantine path, relative to the workspace
    answer: str | None  # receipt or feedback path, relative to the workspace
    claim: str | None  # the name it was claimed under in work/, to tell a redo after a crash from a duplicate
    raw_name: str | None = None  # the name's bytes in hex, when ``name`` (shown escaped) is not the name itself


COLUMNS = ("sha256", "name", "received", "kind", "state", "round", "institution", "reason", "stored", "answer", "claim", "raw_name")


def document(ledger: Ledger, sha256: str) -> Document | None:
    """The record of the file with that hash; None when it never arrived (or never got this far)."""
    row = ledger.db.execute(f"SELECT {', '.join(COLUMNS)} FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        return None
    values = dict(zip(COLUMNS, row))
    values["state"] = State(values["state"])
    return Document(**values)


def save_document(ledger: Ledger, doc: Document) -> None:
    """Inserts or updates the record; call inside a ledger transaction."""
    rows.put(ledger, "documents", {c: getattr(doc, c).value if c == "state" else getattr(doc, c) for c in COLUMNS})


def count_attempt(ledger: Ledger, sha256: str, name: str) -> int:
    """Counts one more attempt at reading the file (a file that kills its reader twice is quarantined)."""
    with ledger.transaction():
        ledger.db.execute(
            "INSERT INTO attempts (sha256, name, count) VALUES (?, ?, 1) ON CONFLICT(sha256) DO UPDATE SET count = count + 1",
            (sha256, name),
        )
    return int(ledger.db.execute("SELECT count FROM attempts WHERE sha256 = ?", (sha256,)).fetchone()[0])


TEMPORAL = {"date": dt.date, "datetime": dt.datetime, "time": dt.time}


def _encode(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    for name, kind in (("datetime", dt.datetime), ("date", dt.date), ("time", dt.time)):  # datetime first: it is a date
        if isinstance(value, kind):
            return {name: value.isoformat()}
    return value


def _decode(value: object) -> object:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in TEMPORAL:
        name, text = next(iter(value.items()))
        return TEMPORAL[name].fromisoformat(text)  # type: ignore[attr-defined]
    return value


def encode_answers(answers: QuestionnaireAnswers) -> str:
    """The answers as the ledger stores them."""
    def one(a: AnswerRecord) -> dict[str, object]:
        where = [a.where.sheet, a.where.cell] if a.where else None
        return {"s": a.status.value, "v": _encode(a.value), "r": _encode(a.raw), "e": a.evidence, "at": where}

    data: dict[str, object] = {"v": 2, "answers": {name: one(a) for name, a in answers.answers.items()},
                               "respondent": {k: _encode(v) for k, v in answers.respondent.items()}}
    if answers.repeats:
        data["repeats"] = {name: [{q: one(a) for q, a in row.items()} for row in rows] for name, rows in answers.repeats.items()}
    return json.dumps(data, ensure_ascii=False)


def decode_answers(text: str) -> QuestionnaireAnswers:
    """The answers a response row holds (see ``encode_answers``)."""
    data = json.loads(text)

    def one(name: str, a: dict[str, Any]) -> AnswerRecord:
        at = a.get("at")
        return AnswerRecord(name, AnswerStatus(a["s"]), _decode(a.get("v")), _decode(a.get("r")),  # type: ignore[arg-type]
                            a.get("e"), Location(sheet=at[0], cell=at[1]) if at else None)

    repeats = {name: tuple({q: one(q, a) for q, a in row.items()} for row in rows) for name, rows in data.get("repeats", {}).items()}
    return QuestionnaireAnswers({name: one(name, a) for name, a in data.get("answers", {}).items()},
                                {k: _decode(v) for k, v in data.get("respondent", {}).items()}, repeats)  # type: ignore[misc]


def add_response(ledger: Ledger, response: Response, held: bool = False) -> None:
    """Stores a response and marks the institution's earlier ones as superseded (history kept); in a transaction.
    A ``held`` response (a version in conflict with the current one, see ``conflicts``) supersedes nothing and
    is not current until staff choose it."""
    if not held:
        current = "round = ? AND institution = ? AND superseded_by IS NULL AND sha256 != ?"
        args = (response.round, response.institution, response.sha256)
        rows.changed(ledger, "responses", current, args)
        ledger.db.execute(f"UPDATE responses SET superseded_by = ?, held = 0 WHERE {current}", (response.sha256, *args))
    if rows.read(ledger.db, "responses", (response.sha256,)) is not None:
        return
    rows.put(ledger, "responses", {
        "sha256": response.sha256, "round": response.round, "institution": response.institution,
        "questionnaire": response.questionnaire, "received": response.received, "status": response.status.value,
        "answered": response.answered, "required": response.required, "errors": response.errors,
        "warnings": response.warnings, "answers": encode_answers(response.answers), "held": int(held)}, replace=False)


def responses(ledger: Ledger, round_id: str, current_only: bool = True) -> list[Response]:
    """The responses of a round, oldest first; only those not superseded when ``current_only``."""
    sql = ("SELECT sha256, round, institution, questionnaire, received, status, answered, required, errors, warnings, "
           "answers, superseded_by FROM responses WHERE round = ?")
    if current_only:
        sql += " AND superseded_by IS NULL AND held = 0"
    rows = ledger.db.execute(sql + " ORDER BY seq", (round_id,)).fetchall()
    return [Response(r[0], r[1], r[2], r[3], r[4], ResponseStatus(r[5]), r[6], r[7], r[8], r[9], decode_answers(r[10]), r[11]) for r in rows]


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def at(ns: int) -> str:
    """The time ``ns`` (nanoseconds since the epoch) as the ledger writes times."""
    return dt.datetime.fromtimestamp(ns / 1e9, dt.timezone.utc).isoformat(timespec="seconds")
