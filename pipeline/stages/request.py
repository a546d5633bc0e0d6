"""Step 1: a country's filled request form becomes a round."""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.domain.models import Round
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import open_round
from pipeline.workbooks.request import read_request, round_from_request


def open_from_request(workspace: Workspace, path: Path) -> Round:
    """Opens the round the form at ``path`` asks for; raises UserError with each problem and its cell."""
    content = read_request(path)
    round_ = round_from_request(content, workspace.catalog, path.name)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return open_round(workspace, round_, {"role": "round_request", "name": path.name, "sha256": digest})
