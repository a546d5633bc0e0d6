"""Choosing between versions of a questionnaire that conflict (step 2): staff say which one counts."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.ledger import conflicts
from pipeline.ledger.conflicts import Version
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import get


@dataclass(frozen=True)
class Chosen:
    round: str
    institution: str
    chosen: Version
    superseded: tuple[str, ...]


def describe(found: list[Version]) -> str:
    """The versions as staff name them: file name and the first characters of the hash."""
    return "; ".join(f"{v.name} ({v.sha256[:12]})" for v in found)


def choose(workspace: Workspace, round_id: str, institution: str, version: str) -> Chosen:
    """Makes the version named by ``version`` (its file name, or the start of its hash) the institution's current
    response, superseding the others in play; raises UserError when there is nothing to choose or ``version``
    does not name exactly one of them."""
    round_ = get(workspace, round_id)
    member = next((i for i in round_.institutions if institution.lower() in (i.id.lower(), i.acronym.lower())), None)
    if member is None:
        raise UserError(m.UNKNOWN_INSTITUTION, round=round_.id, institution=institution)
    found = conflicts.versions(workspace.ledger, round_.id, member.id)
    if not any(v.held for v in found):
        raise UserError(m.NOTHING_TO_CHOOSE, round=round_.id, institution=member.acronym)
    wanted = version.strip().lower()
    matches = [v for v in found if v.name.lower() == wanted or len(wanted) >= 6 and v.sha256.startswith(wanted)]
    if len(matches) != 1:
        raise UserError(m.CHOOSE_WHICH, version=version, round=round_.id, institution=member.acronym, versions=describe(found))
    others = conflicts.choose(workspace.ledger, round_.id, member.id, matches[0].sha256)
    return Chosen(round_.id, member.acronym, matches[0], tuple(others))
