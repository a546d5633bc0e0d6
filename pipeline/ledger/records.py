"""What the ledger knows of each file that arrived, and of each questionnaire response."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pipeline.ledger.database import Ledger


class State(str, Enum):
    """Where a received file stands; ARCHIVED still owes its answer, the others are final."""

    ARCHIVED = "archived"
    ANSWERED = "answered"
    QUARANTINED = "quarantined"


class ResponseStatus(str, Enum):
    ACCEPTED = "accepted"
    INCOMPLETE = "incomplete"


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


COLUMNS = ("sha256", "name", "received", "kind", "state", "round", "institution", "reason", "stored", "answer", "claim")


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
    values = [getattr(doc, c).value if c == "state" else getattr(doc, c) for c in COLUMNS]
    ledger.db.execute(
        f"INSERT INTO documents ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)}) "
        f"ON CONFLICT(sha256) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in COLUMNS[1:])}",
        values,
    )


def count_attempt(ledger: Ledger, sha256: str, name: str) -> int:
    """Counts one more attempt at reading the file (a file that kills its reader twice is quarantined)."""
    with ledger.transaction():
        ledger.db.execute(
            "INSERT INTO attempts (sha256, name, count) VALUES (?, ?, 1) ON CONFLICT(sha256) DO UPDATE SET count = count + 1",
            (sha256, name),
        )
    return int(ledger.db.execute("SELECT count FROM attempts WHERE sha256 = ?", (sha256,)).fetchone()[0])


@dataclass(frozen=True)
class Response:
    sha256: str
    round: str
    institution: str
    questionnaire: str
    received: str
    status: ResponseStatus
    answered: int
    required: int
    errors: int
    warnings: int
    answers: dict[str, Any]
    superseded_by: str | None = None


def add_response(ledger: Ledger, response: Response) -> None:
    """Stores a response and marks the institution's earlier ones as superseded (history kept); in a transaction."""
    ledger.db.execute(
        "UPDATE responses SET superseded_by = ? WHERE round = ? AND institution = ? AND superseded_by IS NULL AND sha256 != ?",
        (response.sha256, response.round, response.institution, response.sha256),
    )
    ledger.db.execute(
        "INSERT OR IGNORE INTO responses (sha256, round, institution, questionnaire, received, status, answered, required, "
        "errors, warnings, answers) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (response.sha256, response.round, response.institution, response.questionnaire, response.received,
         response.status.value, response.answered, response.required, response.errors, response.warnings,
         json.dumps(response.answers, ensure_ascii=False, default=str)),
    )


def responses(ledger: Ledger, round_id: str, current_only: bool = True) -> list[Response]:
    """The responses of a round, oldest first; only those not superseded when ``current_only``."""
    sql = ("SELECT sha256, round, institution, questionnaire, received, status, answered, required, errors, warnings, "
           "answers, superseded_by FROM responses WHERE round = ?")
    if current_only:
        sql += " AND superseded_by IS NULL"
    rows = ledger.db.execute(sql + " ORDER BY seq", (round_id,)).fetchall()
    return [Response(r[0], r[1], r[2], r[3], r[4], ResponseStatus(r[5]), r[6], r[7], r[8], r[9], json.loads(r[10]), r[11]) for r in rows]


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
