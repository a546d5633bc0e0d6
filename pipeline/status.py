"""Where every round stands: the rows of ``mecigep status``."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from .workspace import Workspace


@dataclass(frozen=True)
class RoundStatus:
    round_id: str
    country: str
    topic: str
    stage: str
    deadline_name: str | None
    deadline: dt.date | None
    days: int | None  # days to the next deadline; None when none is ahead
    returned: int
    expected: int

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["id"] = data.pop("round_id")
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        return data


def overview(workspace: Workspace, today: dt.date) -> list[RoundStatus]:
    """One row per round, in id order."""
    rows = []
    for round_ in workspace.ledger.rounds():
        upcoming = round_.next_deadline(today)
        returned = 0  # no questionnaire can come back before the inbox stage exists
        rows.append(
            RoundStatus(
                round_id=round_.id,
                country=round_.country,
                topic=round_.topic,
                stage=round_.stage.value,
                deadline_name=upcoming[0] if upcoming else None,
                deadline=upcoming[1] if upcoming else None,
                days=(upcoming[1] - today).days if upcoming else None,
                returned=returned,
                expected=len(round_.institutions),
            )
        )
    return rows
