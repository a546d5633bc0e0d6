"""Maturity scores, computed from the responses with the framework's methods and weights.

Each element and each dimension is scored by the method the framework declares for it (``analysis/methods.py``
gives the rules; the weighted mean unless the framework says otherwise, so a framework without a ``method``
column scores as it always has). An institution's overall score is the weighted mean of all its maturity
questions; the round's score for an element is the mean of the institutions' scores for it. The consolidated
workbook's Method sheet writes the same out, with the working of every score.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from pipeline.analysis.methods import Input, Score, evaluate, weighted
from pipeline.domain.answers import AnswerStatus, QuestionnaireAnswers
from pipeline.domain.enums import Method
from pipeline.domain.framework import NOT_APPLICABLE, Framework, Question
from pipeline.domain.methods import MethodSpec

__all__ = [
    "DISAGREEMENT",
    "LOW_SCORE",
    "InstitutionScores",
    "Score",
    "element_means",
    "level",
    "score_institution",
    "weighted",
]

LOW_SCORE = 1.0  # at or below: a gap to raise in the interview
DISAGREEMENT = 2.0  # institutions' scores for one element this far apart: a gap


def level(framework: Framework, question: Question, value: object) -> int | None:
    """The maturity level an answer gives, or None (not a maturity question, unanswered, n/a, i.i.)."""
    if not framework.is_maturity(question) or not isinstance(value, str) or not value.isdigit():
        return None
    return int(value)


def _code(answers: QuestionnaireAnswers, question: str) -> str | None:
    """A question's answer as the methods read it; one left empty because its relevant rule is false is "not
    applicable" (a value typed there anyway still counts, as it always has)."""
    record = answers.get(question)
    code = record.value if record is not None and isinstance(record.value, str) else None
    if code is None and record is not None and record.status is AnswerStatus.NOT_APPLICABLE:
        code = NOT_APPLICABLE
    return code


def counted(framework: Framework, questions: list[Question], spec: MethodSpec, maturity: set[str] | None = None) -> list[Question]:
    """The questions a method reads: the maturity ones (``maturity``: their names, when known), and for the cumulative
    method the requirements too."""
    cumulative = spec.method is Method.CUMULATIVE
    maturity = maturity if maturity is not None else {q.name for q in questions if framework.is_maturity(q)}
    return [q for q in questions if q.name in maturity or (cumulative and q.name in framework.scoring.levels)]


@dataclass(frozen=True)
class InstitutionScores:
    institution: str
    levels: dict[str, int | None]  # maturity question -> level
    elements: dict[str, Score]
    dimensions: dict[str, Score]
    overall: Score


def score_institution(framework: Framework, institution: str, answers: QuestionnaireAnswers) -> InstitutionScores:
    """The scores of one institution's answers: each element and dimension by its method, the overall by the
    weighted mean of every maturity question."""
    maturity = [q for q in framework.questions if framework.is_maturity(q)]
    names = {q.name for q in maturity}
    inputs = {q.name: Input(q.name, _code(answers, q.name), q.weight, q.name in names, framework.scoring.levels.get(q.name))
              for q in framework.questions if q.answerable}
    scoring, table = framework.scoring, framework.scoring.averaging

    def score(questions: list[Question], spec: MethodSpec) -> Score:
        return evaluate(spec, [inputs[q.name] for q in counted(framework, questions, spec, names)], table)

    by_element: dict[str, list[Question]] = {}
    for q in framework.questions:
        if q.element and q.answerable:
            by_element.setdefault(q.element, []).append(q)
    elements = {e: score(qs, scoring.element(e)) for e, qs in sorted(by_element.items())
                if counted(framework, qs, scoring.element(e), names)}
    return InstitutionScores(
        institution=institution,
        levels={q.name: inputs[q.name].level for q in maturity},
        elements=elements,
        dimensions={d.name: score([q for q in d.questions if q.answerable], scoring.dimension(d.name)) for d in framework.dimensions},
        overall=evaluate(None, [inputs[q.name] for q in maturity]),
    )


def element_means(scores: list[InstitutionScores]) -> dict[str, Score]:
    """The round's score per element: the mean of the institutions' scores for it."""
    elements = sorted({e for s in scores for e in s.elements})
    result = {}
    for e in elements:
        values = [s.elements[e].value for s in scores if e in s.elements and s.elements[e].value is not None]
        result[e] = Score(mean(values) if values else None, len(values), len(scores))  # type: ignore[arg-type]
    return result
