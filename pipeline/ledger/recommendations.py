"""The stable ids of a round's recommendations (``R-01``…), kept so that every version of the report, the
follow-ups and the register name each recommendation the same way."""
from __future__ import annotations

from pipeline.domain.notes import NoteRow, note_key
from pipeline.ledger import rows
from pipeline.ledger.database import Ledger


def ids(ledger: Ledger, round_id: str) -> dict[str, str]:
    """The ids already assigned in the round, by note key."""
    return dict(ledger.db.execute("SELECT key, id FROM recommendations WHERE round = ?", (round_id,)).fetchall())


def texts(ledger: Ledger, round_id: str) -> dict[str, str]:
    """The text last stored for each recommendation of the round, by id."""
    return dict(ledger.db.execute("SELECT id, text FROM recommendations WHERE round = ? ORDER BY id", (round_id,)).fetchall())


def assign(ledger: Ledger, round_id: str, notes: list[NoteRow]) -> dict[str, str]:
    """The id of every recommendation of ``notes`` (in that order) by note key, assigning ``R-nn`` to new ones and
    updating the stored text and priority of known ones; one transaction."""
    with ledger.transaction() as db:
        stored = {key: (id_, text, priority) for key, id_, text, priority in db.execute(
            "SELECT key, id, text, priority FROM recommendations WHERE round = ?", (round_id,))}
        numbers = [int(i.split("-")[1]) for i, _, _ in stored.values() if i.split("-")[-1].isdigit()]
        next_number = max(numbers, default=0) + 1
        found = {}
        for note in notes:
            key = note_key(note)
            if not note.recommendation.strip():
                continue
            if key in stored:
                found[key] = stored[key][0]
                if stored[key][1:] != (note.recommendation, note.priority):
                    db.execute("UPDATE recommendations SET text = ?, priority = ? WHERE round = ? AND key = ?",
                               (note.recommendation, note.priority, round_id, key))
                    ledger.note_row("recommendations", (round_id, key))
                continue
            found[key] = f"R-{next_number:02d}"
            next_number += 1
            rows.put(ledger, "recommendations", {"round": round_id, "key": key, "id": found[key], "text": note.recommendation,
                                                 "priority": note.priority, "element": note.element,
                                                 "institution": note.institution, "expert": note.expert}, replace=False)
    return found
