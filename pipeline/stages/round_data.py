"""A round's data, loaded from the ledger (see ``analysis/round_data.py`` for what it holds)."""
from __future__ import annotations

from pipeline.analysis.round_data import RoundData, round_data
from pipeline.ledger import corrections, records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.comparison import load_earlier
from pipeline.stages.frameworks import pinned
from pipeline.stages.rounds import get


def load(workspace: Workspace, round_id: str, complete_only: bool = False) -> RoundData:
    """The round's current responses (the latest of each institution) with DGPE's corrections, the versions they
    replaced, the checks marked explained and the earlier round it is compared with; scores, gaps and checks
    (``complete_only``: of the complete returns only)."""
    round_, framework = pinned(workspace, get(workspace, round_id))
    ledger = workspace.ledger
    every = records.responses(ledger, round_.id, current_only=False)
    current = {r.institution: r for r in every if r.superseded_by is None}
    previous = {r.institution: r for r in every if r.institution in current and r.superseded_by == current[r.institution].sha256}
    return round_data(round_, framework, current, corrections.corrections(ledger, round_.id), previous,
                      corrections.marks(ledger, round_.id), load_earlier(ledger, round_, framework), complete_only)
