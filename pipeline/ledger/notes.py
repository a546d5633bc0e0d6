"""The panel's interview notes as the ledger keeps them: the workbooks issued, and each expert's rows
(a later accepted workbook of the same expert supersedes the earlier rows; the history stays)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline.domain.notes import ROW_COLUMNS, NoteRow
from pipeline.ledger import rows as stored
from pipeline.ledger.database import Ledger


@dataclass(frozen=True)
class IssuedNotes:
    """A notes workbook as issued; ``expert`` is the e-mail, empty for the whole panel's one."""

    id: str
    round: str
    expert: str
    framework_id: str
    framework_version: str
    language: str
    institutions: tuple[str, ...]
    file: str
    sha256: str
    issued: str


def issued(ledger: Ledger, notes_id: str) -> IssuedNotes | None:
    """The notes workbook issued with that id; None when none was."""
    row = ledger.db.execute("SELECT id, round, expert, framework_id, framework_version, language, institutions, file, sha256, "
                            "issued FROM notes_issued WHERE id = ?", (notes_id,)).fetchone()
    if row is None:
        return None
    return IssuedNotes(*row[:6], tuple(json.loads(row[6])), *row[7:])  # type: ignore[misc]


def issued_count(ledger: Ledger, round_id: str, expert: str) -> int:
    return int(ledger.db.execute("SELECT COUNT(*) FROM notes_issued WHERE round = ? AND expert = ?", (round_id, expert)).fetchone()[0])


def record_issued(ledger: Ledger, notes: IssuedNotes) -> None:
    """Records a notes workbook as issued, with its event."""
    with ledger.transaction():
        stored.put(ledger, "notes_issued", {"id": notes.id, "round": notes.round, "expert": notes.expert,
                                          "framework_id": notes.framework_id, "framework_version": notes.framework_version,
                                          "language": notes.language, "institutions": json.dumps(list(notes.institutions)),
                                          "file": notes.file, "sha256": notes.sha256, "issued": notes.issued}, replace=False)
        ledger.record("notes.issued", notes.round, {"expert": notes.expert or "panel", "notes": notes.id},
                      [{"role": "interview_notes", "name": notes.file, "sha256": notes.sha256}])


def store_rows(ledger: Ledger, rows: list[NoteRow]) -> None:
    """Stores an expert's rows from one accepted workbook, superseding that expert's earlier rows of the round;
    call inside a transaction. Every row is of the same round, expert and file."""
    if not rows:
        return
    first = rows[0]
    current = "round = ? AND expert = ? AND superseded_by IS NULL"
    stored.changed(ledger, "notes", current, (first.round, first.expert))
    ledger.db.execute(f"UPDATE notes SET superseded_by = ? WHERE {current}", (first.sha256, first.round, first.expert))
    for row in rows:
        stored.put(ledger, "notes", {c: getattr(row, c) for c in ROW_COLUMNS}, replace=False)


def current_rows(ledger: Ledger, round_id: str) -> list[NoteRow]:
    """Every expert's current rows of the round (from each expert's latest accepted notes), each attributed."""
    rows = ledger.db.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM notes WHERE round = ? AND superseded_by IS NULL "
                             "ORDER BY expert, seq", (round_id,)).fetchall()
    return [NoteRow(**dict(zip(ROW_COLUMNS, r))) for r in rows]


def received_count(ledger: Ledger, round_id: str) -> int:
    """How many notes workbooks of the round have arrived (accepted or not): the interviews have begun once one has."""
    return int(ledger.db.execute("SELECT COUNT(*) FROM documents WHERE round = ? AND kind = 'interview_notes'",
                                 (round_id,)).fetchone()[0])


def issued_of(ledger: Ledger, round_id: str) -> list[IssuedNotes]:
    """The notes workbooks issued for the round, oldest first."""
    rows = ledger.db.execute("SELECT id FROM notes_issued WHERE round = ? ORDER BY issued, rowid", (round_id,)).fetchall()
    return [found for (notes_id,) in rows if (found := issued(ledger, notes_id)) is not None]
