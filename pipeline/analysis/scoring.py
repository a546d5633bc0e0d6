"""Maturity scores and gaps, computed from the responses with the framework's weights.

The method, written out so an expert can check it (the consolidated workbook
shows the same text): a maturity question scores its level, 0 to 4; "not
applicable" and "insufficient information" do not score. An element's score is
the weighted mean of the scores of its questions (weights from the framework's
``weight`` column); a dimension's is the weighted mean of its questions; an
institution's overall score is the weighted mean of all its questions. The
round's score for an element is the mean of the institutions' scores for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from statistics import mean
from typing import Iterable, Mapping

from pipeline.domain.answers import NO_ANSWERS, AnswerStatus, QuestionnaireAnswers
from pipeline.domain.framework import Framework, Question

LOW_SCORE = 1.0  # at or below: a gap to raise in the interview
DISAGREEMENT = 2.0  # institutions' scores for one element this far apart: a gap


@dataclass(frozen=True)
class Score:
    """A weighted mean on the 0–4 scale; ``value`` None when no question of it was scored."""

    value: float | None
    scored: int  # questions that scored
    total: int  # maturity questions it covers

    @property
    def percent(self) -> float | None:
        return None if self.value is None else self.value / 4


def weighted(pairs: Iterable[tuple[float, float]], total: int) -> Score:
    items = [(v, w) for v, w in pairs]
    weight = sum(w for _, w in items)
    value = sum(v * w for v, w in items) / weight if weight else None
    return Score(value, len(items), total)


def level(framework: Framework, question: Question, value: object) -> int | None:
    """The maturity level an answer gives, or None (not a maturity question, unanswered, n/a, i.i.)."""
    if not framework.is_maturity(question) or not isinstance(value, str) or not value.isdigit():
        return None
    return int(value)


@dataclass(frozen=True)
class InstitutionScores:
    institution: str
    levels: dict[str, int | None]  # question -> level
    elements: dict[str, Score]
    dimensions: dict[str, Score]
    overall: Score


def score_institution(framework: Framework, institution: str, answers: QuestionnaireAnswers) -> InstitutionScores:
    """The scores of one institution's answers."""
    maturity = [q for q in framework.questions if framework.is_maturity(q)]
    levels = {q.name: level(framework, q, answers.value(q.name)) for q in maturity}

    def score(questions: list[Question]) -> Score:
        return weighted(((levels[q.name], q.weight) for q in questions if levels[q.name] is not None), len(questions))  # type: ignore[misc]

    elements = sorted({q.element for q in maturity if q.element})
    return InstitutionScores(
        institution=institution,
        levels=levels,
        elements={e: score([q for q in maturity if q.element == e]) for e in elements},
        dimensions={d.name: score([q for q in d.questions if q.name in levels]) for d in framework.dimensions},
        overall=score(maturity),
    )


class GapKind(str, Enum):
    MISSING = "missing"  # a required question left unanswered
    LOW = "low"  # a score at or below LOW_SCORE
    NO_EVIDENCE = "no_evidence"  # a level claimed without the evidence the framework asks for
    DISAGREEMENT = "disagreement"  # institutions far apart on one element
    NOT_RECEIVED = "not_received"  # an institution that sent nothing


@dataclass(frozen=True)
class Gap:
    kind: GapKind
    institution: str | None = None
    question: str | None = None
    element: str | None = None
    detail: dict[str, object] = field(default_factory=dict)


def gaps(framework: Framework, scores: list[InstitutionScores], answers: Mapping[str, QuestionnaireAnswers],
         expected: list[str]) -> list[Gap]:
    """Every gap of the round: per institution (missing, low, no evidence), across them (disagreement, not received).
    ``answers`` are each institution's, by institution id."""
    found: list[Gap] = []
    received = {s.institution for s in scores}
    for institution in expected:
        if institution not in received:
            found.append(Gap(GapKind.NOT_RECEIVED, institution))
    for s in scores:
        for question in framework.questions:
            given = answers.get(s.institution, NO_ANSWERS).get(question.name)
            if given is not None and given.status is AnswerStatus.MISSING:
                found.append(Gap(GapKind.MISSING, s.institution, question.name, question.element))
            lvl = s.levels.get(question.name)
            if lvl is not None and lvl <= LOW_SCORE:
                found.append(Gap(GapKind.LOW, s.institution, question.name, question.element, {"level": lvl}))
            if lvl is not None and question.evidence_asked(str(lvl)) and not (given and given.evidence):
                found.append(Gap(GapKind.NO_EVIDENCE, s.institution, question.name, question.element, {"level": lvl}))
    for element in sorted(framework.elements or {q.element for q in framework.questions if q.element}):
        values = {s.institution: s.elements[element].value for s in scores
                  if element in s.elements and s.elements[element].value is not None}
        if len(values) >= 2 and max(values.values()) - min(values.values()) >= DISAGREEMENT:
            high = max(values, key=values.__getitem__)
            low = min(values, key=values.__getitem__)
            found.append(Gap(GapKind.DISAGREEMENT, None, None, element,
                             {"high": high, "high_score": round(values[high], 2), "low": low, "low_score": round(values[low], 2)}))
    return found


def element_means(scores: list[InstitutionScores]) -> dict[str, Score]:
    """The round's score per element: the mean of the institutions' scores for it."""
    elements = sorted({e for s in scores for e in s.elements})
    result = {}
    for e in elements:
        values = [s.elements[e].value for s in scores if e in s.elements and s.elements[e].value is not None]
        result[e] = Score(mean(values) if values else None, len(values), len(scores))  # type: ignore[arg-type]
    return result
