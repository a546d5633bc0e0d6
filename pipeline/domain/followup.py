"""What a country says of each recommendation in a follow-up, and the statuses the ledger keeps."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.enums import FollowupStatus

ANSWERING = "country"  # who answers a follow-up: the beneficiary state as a whole (its identity's institution_id)
FRAMEWORK_PREFIX = "followup-"  # a follow-up's framework id is this and the round's id


@dataclass(frozen=True)
class FollowupEntry:
    """One recommendation's status in one follow-up, with the actions taken and the evidence given."""

    recommendation: str  # R-01…
    status: FollowupStatus
    actions: str
    evidence: str


@dataclass(frozen=True)
class FollowupReport:
    """A status as recorded: which round, when it arrived (ISO date and time) and in which file."""

    round: str
    recommendation: str
    status: FollowupStatus
    actions: str
    evidence: str
    received: str
    sha256: str
