"""Everything known about a round's self-assessment, gathered once for the documents made from it
(the consolidated workbook, the interview guides, the reports): pure, from the round, its framework, its
institutions' current responses with DGPE's corrections, the versions those responses replaced, the checks staff
marked explained, and the earlier round it is compared with."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping, Sequence

from pipeline.analysis.checks import Gap, gaps, quality_checks
from pipeline.analysis.comparison import Comparison, EarlierRound, compare
from pipeline.analysis.corrections import corrected
from pipeline.analysis.scoring import InstitutionScores, Score, element_means, score_institution
from pipeline.domain.answers import NO_ANSWERS, QuestionnaireAnswers, Response
from pipeline.domain.corrections import CheckMark, Correction
from pipeline.domain.enums import ResponseStatus
from pipeline.domain.framework import Framework
from pipeline.domain.models import Institution, Round


@dataclass(frozen=True)
class InstitutionData:
    """One institution; ``response`` None means it sent nothing yet. ``corrections`` are DGPE's corrections of its
    current response, in the order made; ``previous`` the response that one replaced (None: it is the first).
    ``left_out``: its return is incomplete and the documents were asked for complete returns only, so it has no
    scores and enters no mean."""

    institution: Institution
    response: Response | None
    scores: InstitutionScores | None
    corrections: tuple[Correction, ...] = ()
    previous: Response | None = None
    left_out: bool = False

    @property
    def incomplete(self) -> bool:
        """Whether its current return is incomplete (received, but with answers still to give or to correct)."""
        return self.response is not None and self.response.status is ResponseStatus.INCOMPLETE

    @cached_property
    def answers(self) -> QuestionnaireAnswers:
        """Its answers as scored: the official's, with DGPE's corrections in place."""
        answers = self.response.answers if self.response else NO_ANSWERS
        return corrected(answers, self.corrections) if self.corrections else answers

    @property
    def corrected(self) -> dict[str, Correction]:
        """The latest correction of each corrected question, by question."""
        return {c.question: c for c in self.corrections}


@dataclass(frozen=True)
class RoundData:
    round: Round
    framework: Framework
    institutions: tuple[InstitutionData, ...]
    gaps: tuple[Gap, ...]  # the gaps, then the quality checks that fire
    elements: dict[str, Score]  # the round's score per element
    sources: tuple[str, ...]  # SHA-256 of every response it was built from
    marks: Mapping[str, CheckMark] = field(default_factory=dict)  # checks marked explained, by key
    comparison: Comparison | None = None  # with the earlier round; None when there is none

    @property
    def received(self) -> list[InstitutionData]:
        return [i for i in self.institutions if i.response is not None]

    @property
    def missing(self) -> list[InstitutionData]:
        return [i for i in self.institutions if i.response is None]

    @property
    def scored(self) -> list[InstitutionData]:
        """The institutions with scores: those that answered, less those left out."""
        return [i for i in self.institutions if i.scores is not None]

    @property
    def incomplete_in_means(self) -> list[InstitutionData]:
        """The incomplete returns the round's means include (none when they were left out)."""
        return [i for i in self.scored if i.incomplete]


def round_data(round_: Round, framework: Framework, current: Mapping[str, Response],
               corrections: Sequence[Correction] = (), previous: Mapping[str, Response] | None = None,
               marks: Mapping[str, CheckMark] | None = None, earlier: EarlierRound | None = None,
               complete_only: bool = False) -> RoundData:
    """The round's data from each institution's current response (by institution id) and what DGPE added: its
    corrections (those of each current response apply), the responses the current ones replaced, the marks, and
    the earlier round to compare with. Scores, gaps and quality checks are computed here; ``complete_only`` leaves
    the incomplete returns out of the scores and means (their answers stay, marked as such)."""
    previous = previous or {}
    institutions = []
    for inst in round_.institutions:
        response = current.get(inst.id)
        mine = tuple(c for c in corrections if response is not None and c.response == response.sha256)
        data = InstitutionData(inst, response, None, mine, previous.get(inst.id))
        left_out = complete_only and data.incomplete
        scores = score_institution(framework, inst.id, data.answers) if response and not left_out else None
        institutions.append(InstitutionData(inst, response, scores, mine, previous.get(inst.id), left_out))
    scored = [i.scores for i in institutions if i.scores is not None]
    answers = {i.institution.id: i.answers for i in institutions}
    before = {i.institution.id: i.previous.answers for i in institutions if i.previous is not None}
    expected = [i.institution.id for i in institutions if not i.left_out]  # one left out is not "not received"
    found = gaps(framework, scored, answers, expected) + quality_checks(framework, scored, answers, before)
    means = element_means(scored)
    return RoundData(round_, framework, tuple(institutions), tuple(found), means, tuple(r.sha256 for r in current.values()),
                     dict(marks or {}), compare(framework, means, earlier) if earlier else None)
