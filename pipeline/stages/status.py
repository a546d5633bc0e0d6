"""Where every round stands: the rows of ``mecigep status`` and of ``mecigep status ROUND``."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace


@dataclass(frozen=True)
class RoundStatus:
    round_id: str
    country: str
    topic: str
    stage: str
    deadline_name: str | None
    deadline: dt.date | None
    days: int | None  # days to the next deadline; None when none is ahead
    returned: int  # institutions with a current response, accepted or not
    expected: int

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["id"] = data.pop("round_id")
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        return data


@dataclass(frozen=True)
class InstitutionStatus:
    """One institution of a round; ``status`` None means nothing received yet."""

    institution: str
    acronym: str
    name: str
    status: str  # accepted, incomplete or missing
    received: int  # how many files it sent
    answered: int
    required: int
    errors: int
    last: str | None  # when the current response arrived

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def overview(workspace: Workspace, today: dt.date) -> list[RoundStatus]:
    """One row per round, in id order."""
    rows = []
    for round_ in workspace.ledger.rounds():
        finished = round_.stage.value in ("published", "withdrawn")
        upcoming = None if finished else round_.next_deadline(today)  # a finished round has no deadline left
        current = {r.institution for r in records.responses(workspace.ledger, round_.id)}
        rows.append(
            RoundStatus(
                round_id=round_.id,
                country=round_.country,
                topic=round_.topic,
                stage=round_.stage.value,
                deadline_name=upcoming[0] if upcoming else None,
                deadline=upcoming[1] if upcoming else None,
                days=(upcoming[1] - today).days if upcoming else None,
                returned=len(current & {i.id for i in round_.institutions}),
                expected=len(round_.institutions),
            )
        )
    return rows


def institutions(workspace: Workspace, round_id: str) -> list[InstitutionStatus]:
    """Per institution of the round: what it sent and where its current response stands."""
    from pipeline.stages.rounds import get

    round_ = get(workspace, round_id)
    history = records.responses(workspace.ledger, round_.id, current_only=False)
    rows = []
    for inst in round_.institutions:
        sent = [r for r in history if r.institution == inst.id]
        current = next((r for r in sent if r.superseded_by is None), None)
        rows.append(InstitutionStatus(
            institution=inst.id, acronym=inst.acronym, name=inst.name,
            status=current.status.value if current else "missing",
            received=len(sent),
            answered=current.answered if current else 0,
            required=current.required if current else 0,
            errors=current.errors if current else 0,
            last=current.received if current else None,
        ))
    return rows

