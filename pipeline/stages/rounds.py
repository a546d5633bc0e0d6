"""Opening and following rounds: the round record and its panel (steps 1 and 3: the round record and its panel).

Each operation checks the rules, then stores the new record with the event that
explains it. Nothing here prints.
"""
from __future__ import annotations

from pipeline.domain.models import Coordinator, Expert, Round, Stage
from pipeline.domain.problems import UserError, raise_if_errors
from pipeline.domain.rules import check_panel, check_round, move
from pipeline.i18n import messages as m
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import pinned


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


def set_stage(workspace: Workspace, round_id: str, stage: Stage) -> tuple[Round, Round]:
    """Moves the round to ``stage``; returns (before, after)."""
    before = get(workspace, round_id)
    after = move(before, stage)
    workspace.ledger.save_round(after, "round.stage", {"from": before.stage.value, "to": after.stage.value})
    return before, after


def _save_panel(workspace: Workspace, round_: Round, kind: str, payload: dict[str, str]) -> Round:
    problems = [p for p in check_panel(round_.panel, round_.country) if p.message != m.PANEL_NO_COORDINATOR]
    for expert in round_.panel.experts:
        workspace.catalog.state(expert.state)
    raise_if_errors(problems)
    workspace.ledger.save_round(round_, kind, payload)
    return round_


def add_expert(workspace: Workspace, round_id: str, expert: Expert) -> Round:
    """The round with ``expert`` on its panel; raises UserError naming every panel rule broken."""
    round_ = get(workspace, round_id)
    panel = round_.panel.model_copy(update={"experts": round_.panel.experts + (expert,)})
    updated = round_.model_copy(update={"panel": panel})
    return _save_panel(workspace, updated, "panel.expert_added", {"name": expert.name, "state": expert.state})


def remove_expert(workspace: Workspace, round_id: str, email: str) -> Round:
    round_ = get(workspace, round_id)
    kept = tuple(e for e in round_.panel.experts if e.email.lower() != email.strip().lower())
    if len(kept) == len(round_.panel.experts):
        raise UserError(m.PANEL_UNKNOWN_EXPERT, email=email, round=round_.id)
    updated = round_.model_copy(update={"panel": round_.panel.model_copy(update={"experts": kept})})
    return _save_panel(workspace, updated, "panel.expert_removed", {"email": email})


def set_coordinator(workspace: Workspace, round_id: str, coordinator: Coordinator) -> Round:
    round_ = get(workspace, round_id)
    updated = round_.model_copy(update={"panel": round_.panel.model_copy(update={"coordinator": coordinator})})
    return _save_panel(workspace, updated, "panel.coordinator", {"name": coordinator.name})
