"""The stable ids of a round's recommendations (``R-01``…), kept so that every version of the report, the
follow-ups and the register name each recommendation the same way."""
from __future__ import annotations

from pipeline.domain.notes import NoteRow, note_key, same_recommendation
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
    updating the stored text and priority of known ones; one transaction.

    A new note that repeats a recommendation word for word (``same_recommendation``) gets that recommendation's id and
    no id of its own: the report shows one recommendation with both notes as its sources. When the note that first
    made it is gone, a stored recommendation with the same words whose note is no longer among ``notes`` passes its
    id to the new note, so the recommendation keeps its id."""
    with ledger.transaction() as db:
        stored = {key: (id_, text, priority) for key, id_, text, priority in db.execute(
            "SELECT key, id, text, priority FROM recommendations WHERE round = ?", (round_id,))}
        numbers = [int(i.split("-")[1]) for i, _, _ in stored.values() if i.split("-")[-1].isdigit()]
        next_number = max(numbers, default=0) + 1
        current = {note_key(n) for n in notes if n.recommendation.strip()}
        found, by_text = {}, {}
        for note in notes:  # first the notes that have their id: they keep it
            key = note_key(note)
            if note.recommendation.strip() and key in stored:
                found[key] = stored[key][0]
                by_text.setdefault(same_recommendation(note.recommendation), found[key])
                if stored[key][1:] != (note.recommendation, note.priority):
                    db.execute("UPDATE recommendations SET text = ?, priority = ? WHERE round = ? AND key = ?",
                               (note.recommendation, note.priority, round_id, key))
                    ledger.note_row("recommendations", (round_id, key))
        orphans: dict[str, str] = {}
        for key, (id_, text, _) in sorted(stored.items(), key=lambda item: (len(item[1][0]), item[1][0])):  # lowest id first
            if key not in current:
                orphans.setdefault(same_recommendation(text), key)
        for note in notes:
            key, words = note_key(note), same_recommendation(note.recommendation)
            if not note.recommendation.strip() or key in found:
                continue
            if words in by_text:
                found[key] = by_text[words]
                continue
            if words in orphans:
                old = orphans.pop(words)
                found[key] = stored[old][0]
                db.execute("UPDATE recommendations SET key = ?, text = ?, priority = ?, element = ?, institution = ?, expert = ? "
                           "WHERE round = ? AND key = ?", (key, note.recommendation, note.priority, note.element, note.institution,
                                                          note.expert, round_id, old))
                ledger.note_row("recommendations", (round_id, old))  # gone under its old key
                ledger.note_row("recommendations", (round_id, key))
            else:
                found[key] = f"R-{next_number:02d}"
                next_number += 1
                rows.put(ledger, "recommendations", {"round": round_id, "key": key, "id": found[key], "text": note.recommendation,
                                                     "priority": note.priority, "element": note.element,
                                                     "institution": note.institution, "expert": note.expert}, replace=False)
            by_text[words] = found[key]
    return found
