"""A round's data, loaded from the ledger (see ``analysis/round_data.py`` for what it holds)."""
from __future__ import annotations

from pipeline.analysis.round_data import RoundData, round_data
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import pinned
from pipeline.stages.rounds import get


def load(workspace: Workspace, round_id: str) -> RoundData:
    """The round's current responses (the latest of each institution), scores and gaps."""
    round_, framework = pinned(workspace, get(workspace, round_id))
    return round_data(round_, framework, {r.institution: r for r in records.responses(workspace.ledger, round_.id)})
