"""Opening rounds and moving them through the steps (steps 1 and 3: the round record; the panel is in panel.py).

A round changes stage only here, through ``move_round`` (``mecigep round move``): the commands that make
documents never move it, and say which move they need. Each move checks the rules, records its reason and
its event. Nothing here prints.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import UserError, raise_if_errors
from pipeline.domain.rules import MoveFacts, check_round, move
from pipeline.domain.stages import BACK
from pipeline.i18n import messages as m
from pipeline.ledger import notes, settings
from pipeline.ledger.drafts import approval, current
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import pinned

FINAL_EVENT = "report.final"


def get(workspace: Workspace, round_id: str) -> Round:
    """The round with that id; raises UserError when there is none."""
    found = workspace.ledger.get_round(round_id)
    if found is None:
        raise UserError(m.UNKNOWN_ROUND, round=round_id)
    return found


def open_round(workspace: Workspace, round_: Round, source: dict[str, str] | None = None) -> Round:
    """Stores a new round after checking every rule; ``source`` names the request document it came from."""
    if workspace.ledger.get_round(round_.id) is not None:
        raise UserError(m.ROUND_EXISTS, round=round_.id)
    raise_if_errors(check_round(round_, workspace.catalog))
    payload = {"country": round_.country, "topic": round_.topic}
    workspace.ledger.save_round(round_, "round.opened", payload, [source] if source else None)
    return _pin_framework(workspace, round_)


def _pin_framework(workspace: Workspace, round_: Round) -> Round:
    """The round with the current version of its topic's framework pinned; unchanged when the topic has none yet."""

    try:
        return pinned(workspace, round_)[0]
    except UserError:
        return round_


def final_version(workspace: Workspace, round_id: str) -> int | None:
    """The draft version the round's latest final report was made from; None before any final report."""
    found = workspace.ledger.events(round_id, limit=1, kind=FINAL_EVENT)
    return int(found[0].payload["version"]) if found else None


def facts(workspace: Workspace, round_: Round) -> MoveFacts:
    """What the ledger knows of the round that its moves depend on."""
    draft, approved = current(workspace, round_.id), approval(workspace, round_.id)
    return MoveFacts(today=settings.load(workspace.ledger).today(),
                     questionnaires_issued=len(workspace.ledger.questionnaires(round_.id)),
                     notes_received=notes.received_count(workspace.ledger, round_.id),
                     draft_version=draft.version if draft else None,
                     approved_version=approved.draft_version if approved else None,
                     final_version=final_version(workspace, round_.id))


@dataclass(frozen=True)
class Move:
    before: Round
    after: Round
    back: bool  # a step back


def move_round(workspace: Workspace, round_id: str, stage: Stage, reason: str = "") -> Move:
    """Moves the round to ``stage`` with ``reason`` (required to go back or to withdraw); raises UserError when the
    steps do not allow it or the round is not ready."""
    before = get(workspace, round_id)
    after = move(before, stage, facts(workspace, before), reason)
    back = BACK.get(before.stage) is stage
    workspace.ledger.save_round(after, "round.stage", {"from": before.stage.value, "to": after.stage.value,
                                                       "reason": reason.strip(), "back": back})
    return Move(before, after, back)


def set_stage(workspace: Workspace, round_id: str, stage: Stage, reason: str = "") -> tuple[Round, Round]:
    """``move_round``, as (before, after)."""
    done = move_round(workspace, round_id, stage, reason)
    return done.before, done.after


def needs_stage(round_: Round, allowed: tuple[Stage, ...], message: str) -> None:
    """Raises UserError ``message`` (with the round, its stage and the move to run) unless the round is in one of
    ``allowed``; the move suggested is to the first of them."""
    if round_.stage not in allowed:
        raise UserError(message, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value], target=m.STAGE_NAMES[allowed[0].value])


def today(workspace: Workspace) -> dt.date:
    """Today in the workspace's time zone."""
    return settings.load(workspace.ledger).today()
