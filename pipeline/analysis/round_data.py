"""Everything known about a round's self-assessment, gathered once for the documents made from it
(the consolidated workbook, the interview guides, the reports): pure, from the round, its framework and
its institutions' current responses."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from pipeline.analysis.scoring import Gap, InstitutionScores, Score, element_means, gaps, score_institution
from pipeline.domain.answers import NO_ANSWERS, QuestionnaireAnswers, Response
from pipeline.domain.framework import Framework
from pipeline.domain.models import Institution, Round


@dataclass(frozen=True)
class InstitutionData:
    """One institution; ``response`` None means it sent nothing yet."""

    institution: Institution
    response: Response | None
    scores: InstitutionScores | None

    @property
    def answers(self) -> QuestionnaireAnswers:
        return self.response.answers if self.response else NO_ANSWERS


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


def round_data(round_: Round, framework: Framework, current: Mapping[str, Response]) -> RoundData:
    """The round's data from each institution's current response (by institution id): scores and gaps."""
    institutions = []
    for inst in round_.institutions:
        response = current.get(inst.id)
        scores = score_institution(framework, inst.id, response.answers) if response else None
        institutions.append(InstitutionData(inst, response, scores))
    scored = [i.scores for i in institutions if i.scores is not None]
    found = gaps(framework, scored, {i.institution.id: i.answers for i in institutions}, [i.id for i in round_.institutions])
    return RoundData(round_, framework, tuple(institutions), tuple(found), element_means(scored),
                     tuple(r.sha256 for r in current.values()))
