"""Step 4: what the panel takes to the bilateral interviews."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.documents.guide import write_guides
from pipeline.domain.models import Stage
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.notes import emit_notes


@dataclass(frozen=True)
class InterviewDocuments:
    guides: list[Path]
    notes: list[Path]


def prepare(workspace: Workspace, round_id: str, lang: str | None = None) -> InterviewDocuments:
    """Writes the guides and the notes workbooks; a round whose questionnaire is open moves to interviews
    (which needs its full panel). ``lang`` None means the round's working language."""
    round_ = rounds.get(workspace, round_id)
    if round_.stage is Stage.QUESTIONNAIRE_OPEN:
        rounds.set_stage(workspace, round_.id, Stage.INTERVIEWS)
    guides = write_guides(workspace, round_.id, lang)
    notes = emit_notes(workspace, round_.id, lang)
    return InterviewDocuments(guides, notes)
