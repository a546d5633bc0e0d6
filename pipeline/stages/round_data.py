"""Everything known about a round's self-assessment, gathered once for the documents made from it
(the consolidated workbook, the interview guides, the reports)."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from pipeline.analysis.scoring import Gap, InstitutionScores, Score, element_means, gaps, score_institution
from pipeline.domain.framework import Framework
from pipeline.domain.models import Institution, Round
from pipeline.frameworks.library import pinned
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import get

EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True)
class InstitutionData:
    """One institution; ``response`` None means it sent nothing yet. Its mappings are read-only views."""

    institution: Institution
    response: records.Response | None
    scores: InstitutionScores | None

    @property
    def answers(self) -> Mapping[str, object]:
        return MappingProxyType(self.response.answers.get("answers", {})) if self.response else EMPTY

    @property
    def raw(self) -> Mapping[str, object]:
        return MappingProxyType(self.response.answers.get("raw", {})) if self.response else EMPTY

    @property
    def evidence(self) -> Mapping[str, object]:
        return MappingProxyType(self.response.answers.get("evidence", {})) if self.response else EMPTY

    @property
    def statuses(self) -> Mapping[str, str]:
        return MappingProxyType(self.response.answers.get("statuses", {})) if self.response else EMPTY  # type: ignore[return-value]


@dataclass(frozen=True)
class RoundData:
    round: Round
    framework: Framework
    institutions: tuple[InstitutionData, ...]
    gaps: tuple[Gap, ...]
    elements: dict[str, Score]  # the round's score per element
    sources: tuple[str, ...]  # SHA-256 of every response it was built from

    @property
    def received(self) -> list[InstitutionData]:
        return [i for i in self.institutions if i.response is not None]

    @property
    def missing(self) -> list[InstitutionData]:
        return [i for i in self.institutions if i.response is None]


def load(workspace: Workspace, round_id: str) -> RoundData:
    """The round's current responses (the latest of each institution), scores and gaps."""
    round_, framework = pinned(workspace, get(workspace, round_id))
    current = {r.institution: r for r in records.responses(workspace.ledger, round_.id)}
    institutions = []
    for inst in round_.institutions:
        response = current.get(inst.id)
        scores = score_institution(framework, inst.id, response.answers.get("answers", {})) if response else None
        institutions.append(InstitutionData(inst, response, scores))
    scored = [i.scores for i in institutions if i.scores is not None]
    found = gaps(framework, scored, {i.institution.id: i.statuses for i in institutions},
                 {i.institution.id: i.evidence for i in institutions}, [i.id for i in round_.institutions])
    return RoundData(round_, framework, tuple(institutions), tuple(found), element_means(scored),
                     tuple(r.sha256 for r in current.values()))
