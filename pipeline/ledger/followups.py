"""The follow-ups' statuses as the ledger keeps them, one row per recommendation and follow-up file."""
from __future__ import annotations

from pipeline.domain.enums import FollowupStatus
from pipeline.domain.followup import FollowupEntry, FollowupReport
from pipeline.ledger import rows
from pipeline.ledger.database import Ledger


def store(ledger: Ledger, round_id: str, entries: tuple[FollowupEntry, ...], received: str, sha256: str, followup_id: str) -> None:
    """Records what one follow-up says of each recommendation; call inside a transaction."""
    for entry in entries:
        rows.put(ledger, "followups", {"round": round_id, "recommendation": entry.recommendation, "status": entry.status.value,
                                       "actions": entry.actions, "evidence": entry.evidence, "received": received,
                                       "sha256": sha256, "followup": followup_id}, replace=False)


def statuses(ledger: Ledger) -> dict[tuple[str, str], list[FollowupReport]]:
    """Each recommendation's statuses over time, by (round, recommendation id), oldest first."""
    found: dict[tuple[str, str], list[FollowupReport]] = {}
    for row in ledger.db.execute("SELECT round, recommendation, status, actions, evidence, received, sha256 "
                                 "FROM followups ORDER BY received, rowid"):
        report = FollowupReport(row[0], row[1], FollowupStatus(row[2]), *row[3:])
        found.setdefault((report.round, report.recommendation), []).append(report)
    return found
