"""What was changed in a round after it was opened (its dates, contact, language, institutions, coordinator),
as the ledger keeps it: one row per field changed, beside the event that records the edit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.domain.models import Round
from pipeline.ledger.database import Ledger


@dataclass(frozen=True)
class Edit:
    round: str
    field: str  # a calendar field, "contact_email", "language", "institution", "coordinator"…
    before: str  # as text; empty when there was nothing
    after: str
    at: str  # ISO date and time, UTC
    event: int  # the sequence number of the event that records it


def save_edited(ledger: Ledger, round_: Round, kind: str, changes: dict[str, tuple[str, str]],
                payload: dict[str, object] | None = None) -> None:
    """Stores the edited round, a row per change and the event ``kind``, in one transaction."""
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with ledger.transaction():
        ledger.save_round(round_, kind, {**(payload or {}), "changes": {k: list(v) for k, v in changes.items()}})
        event = ledger.db.execute("SELECT MAX(seq) FROM events").fetchone()[0]
        for name, (before, after) in changes.items():
            cursor = ledger.db.execute("INSERT INTO round_edits (round, field, before, after, at, event) VALUES (?,?,?,?,?,?)",
                                       (round_.id, name, before, after, at, event))
            ledger.note_row("round_edits", (cursor.lastrowid,))  # carried by the next event (ledger/rows.py)


def edits(ledger: Ledger, round_id: str) -> list[Edit]:
    """The round's edits, oldest first."""
    rows = ledger.db.execute("SELECT round, field, before, after, at, event FROM round_edits WHERE round = ? ORDER BY seq", (round_id,))
    return [Edit(*row) for row in rows.fetchall()]
