"""The review of a round's report as the ledger keeps it: every observation seen in a draft (once, by key) and
every answer of the review matrix (the latest one per observation counts; the history stays)."""
from __future__ import annotations

from pipeline.domain.enums import ReviewDecision
from pipeline.domain.review import Observation, ObservationKind, ReviewAnswer
from pipeline.ledger.database import Ledger


def store_observations(ledger: Ledger, round_id: str, observations: list[Observation]) -> int:
    """Stores the observations not yet known (call inside a transaction); returns how many were new."""
    new = 0
    for o in observations:
        cursor = ledger.db.execute("INSERT OR IGNORE INTO review_items VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
            round_id, o.key, o.version, o.position, o.kind.value, o.author, o.date, o.section, o.text, o.commented, int(o.country)))
        if cursor.rowcount:
            ledger.note_row("review_items", (round_id, o.key))
        new += cursor.rowcount
    return new


def observations(ledger: Ledger, round_id: str) -> list[Observation]:
    """The round's observations, in the order they were first seen."""
    rows = ledger.db.execute("SELECT kind, author, date, section, text, commented, country, version, position FROM review_items "
                             "WHERE round = ? ORDER BY version, position", (round_id,)).fetchall()
    return [Observation(ObservationKind(k), a, d, s, t, c, bool(x), v, p) for k, a, d, s, t, c, x, v, p in rows]


def store_answers(ledger: Ledger, round_id: str, answers: dict[str, ReviewAnswer], sha256: str, received: str) -> None:
    """Records the answers of one returned matrix, by observation key (call inside a transaction)."""
    for key, answer in answers.items():
        cursor = ledger.db.execute("INSERT INTO review_answers (round, key, decision, response, withdrawn, sha256, received) "
                                   "VALUES (?,?,?,?,?,?,?)", (round_id, key, answer.decision.value if answer.decision else "",
                                                              answer.response, int(answer.withdrawn), sha256, received))
        ledger.note_row("review_answers", (cursor.lastrowid,))


def answers(ledger: Ledger, round_id: str) -> dict[str, ReviewAnswer]:
    """The latest answer to each observation of the round, by key."""
    rows = ledger.db.execute("SELECT key, decision, response, withdrawn FROM review_answers WHERE round = ? ORDER BY seq",
                             (round_id,)).fetchall()
    return {k: ReviewAnswer(ReviewDecision(d) if d else None, r, bool(w)) for k, d, r, w in rows}


def answered_by(ledger: Ledger, sha256: str) -> bool:
    """Whether the answers of the matrix with this SHA-256 are already recorded."""
    return ledger.db.execute("SELECT 1 FROM review_answers WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone() is not None
