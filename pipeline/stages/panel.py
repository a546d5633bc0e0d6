"""Step 3: the panel of a round — up to three experts of participating member states other than the beneficiary,
each once, and the DGPE coordinator. Each change checks every rule and is stored with its event."""
from __future__ import annotations

from pipeline.domain.models import Coordinator, Expert, Round
from pipeline.domain.problems import UserError, raise_if_errors
from pipeline.domain.rules import check_panel
from pipeline.i18n import messages as m
from pipeline.ledger.edits import save_edited
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import get


def _save(workspace: Workspace, round_: Round, kind: str, payload: dict[str, str]) -> Round:
    raise_if_errors(check_panel(round_.panel, round_.country, workspace.catalog, require_coordinator=False))
    workspace.ledger.save_round(round_, kind, payload)
    return round_


def add_expert(workspace: Workspace, round_id: str, expert: Expert) -> Round:
    """The round with ``expert`` on its panel; raises UserError naming every panel rule broken, each with the person."""
    round_ = get(workspace, round_id)
    expert = expert.model_copy(update={"name": expert.name.strip(), "email": expert.email.strip(), "state": expert.state.strip().upper(),
                                       "institution": expert.institution.strip(), "experience": expert.experience.strip()})
    updated = round_.model_copy(update={"panel": round_.panel.model_copy(update={"experts": round_.panel.experts + (expert,)})})
    return _save(workspace, updated, "panel.expert_added", {"name": expert.name, "email": expert.email, "state": expert.state})


def remove_expert(workspace: Workspace, round_id: str, email: str) -> Round:
    """The round without the expert of that e-mail; raises UserError when the panel has none such."""
    round_ = get(workspace, round_id)
    gone = round_.expert(email)
    if gone is None:
        raise UserError(m.PANEL_UNKNOWN_EXPERT, email=email, round=round_.id)
    kept = tuple(e for e in round_.panel.experts if e is not gone)
    updated = round_.model_copy(update={"panel": round_.panel.model_copy(update={"experts": kept})})
    return _save(workspace, updated, "panel.expert_removed", {"name": gone.name, "email": gone.email})


def set_coordinator(workspace: Workspace, round_id: str, coordinator: Coordinator) -> Round:
    """The round with ``coordinator``; a change of coordinator is an edit the status shows (documents issued before
    name the earlier one)."""
    round_ = get(workspace, round_id)
    coordinator = Coordinator(name=coordinator.name.strip(), email=coordinator.email.strip())
    updated = round_.model_copy(update={"panel": round_.panel.model_copy(update={"coordinator": coordinator})})
    raise_if_errors(check_panel(updated.panel, updated.country, workspace.catalog, require_coordinator=False))
    before = round_.panel.coordinator
    text = lambda c: f"{c.name} <{c.email}>" if c else ""  # noqa: E731
    save_edited(workspace.ledger, updated, "panel.coordinator", {"coordinator": (text(before), text(coordinator))},
                {"name": coordinator.name})
    return updated
