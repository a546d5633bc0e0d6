"""The follow-ups' statuses as the ledger keeps them, one row per recommendation and follow-up file."""
from __future__ import annotations

from pipeline.domain.enums import FollowupStatus
from pipeline.domain.followup import FollowupEntry, FollowupReport
from pipeline.ledger.database import Ledger


def store(ledger: Ledger, round_id: str, entries: tuple[FollowupEntry, ...], received: str, sha256: str, followup_id: str) -> None:
    """Records what one follow-up says of each recommendation; call inside a transaction."""
    for entry in entries:
        ledger.db.execute("INSERT OR IGNORE INTO followups VALUES (?,?,?,?,?,?,?,?)",
                          (round_id, entry.recommendation, entry.status.value, entry.actions, entry.evidence, received, sha256,
                           followup_id))


def statuses(ledger: Ledger) -> dict[tuple[str, str], list[FollowupReport]]:
    """Each recommendation's statuses over time, by (round, recommendation id), oldest first."""
    found: dict[tuple[str, str], list[FollowupReport]] = {}
    for row in ledger.db.execute("SELECT round, recommendation, status, actions, evidence, received, sha256 "
                                 "FROM followups ORDER BY received, rowid"):
        report = FollowupReport(row[0], row[1], FollowupStatus(row[2]), *row[3:])
        found.setdefault((report.round, report.recommendation), []).append(report)
    return found
