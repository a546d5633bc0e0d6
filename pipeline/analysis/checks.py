"""What to ask about in the interviews: the gaps of the self-assessment and the quality checks run before the
scores are read. Pure.

Gaps: a required answer missing, a low level, a level claimed without the evidence the framework asks for,
institutions far apart on an element, an institution that sent nothing. Quality checks (the kind survey tools such
as SurveyCTO and the IPA high-frequency checks run): an institution's score on an element far from the others',
a high share of "insufficient information" and "not applicable" from one institution, free text identical across
institutions, the same evidence for every claim, and answers that changed a lot between an institution's last two
versions. Each rule is written out with its thresholds below and in the consolidated workbook; each check has a
``key`` by which staff mark it explained (``mecigep check explain``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from statistics import median
from typing import Mapping

from pipeline.analysis.normalise import fold
from pipeline.analysis.scoring import DISAGREEMENT, LOW_SCORE, InstitutionScores, score_institution
from pipeline.domain.answers import NO_ANSWERS, AnswerStatus, QuestionnaireAnswers
from pipeline.domain.framework import INSUFFICIENT_INFORMATION, MATURITY_LEVELS, NOT_APPLICABLE, Framework, QuestionType

OUTLIER_DISTANCE = 1.5  # points from the median of the other institutions' scores on an element
OUTLIER_OTHERS = 2  # other institutions that must have scored the element
UNKNOWN_SHARE = 0.25  # share of maturity answers that are "insufficient information" or "not applicable"
UNKNOWN_MIN = 2  # and at least this many
COPIED_LENGTH = 20  # characters of text (folded) from which identical answers count as copied
SAME_EVIDENCE_MIN = 3  # claims with evidence, all the same
CHANGE_SHARE = 0.25  # share of the maturity answers of both versions whose answer changed
CHANGE_MIN = 2  # and at least this many
PUNCTUATION = re.compile(r"[^\w\s]")


class GapKind(str, Enum):
    MISSING = "missing"  # a required question left unanswered
    LOW = "low"  # a score at or below LOW_SCORE
    NO_EVIDENCE = "no_evidence"  # a level claimed without the evidence the framework asks for
    DISAGREEMENT = "disagreement"  # institutions far apart on one element
    NOT_RECEIVED = "not_received"  # an institution that sent nothing
    OUTLIER = "outlier"  # an institution's score on an element far from the others'
    UNKNOWN_SHARE = "unknown_share"  # many "insufficient information" and "not applicable" answers
    COPIED_TEXT = "copied_text"  # free text identical to another institution's
    SAME_EVIDENCE = "same_evidence"  # one evidence for every claim
    BIG_CHANGE = "big_change"  # answers changed a lot between the last two versions

    @property
    def quality_check(self) -> bool:
        """Whether it is one of the quality checks (rather than a gap of the self-assessment)."""
        return self in QUALITY_CHECKS


QUALITY_CHECKS = frozenset({GapKind.OUTLIER, GapKind.UNKNOWN_SHARE, GapKind.COPIED_TEXT, GapKind.SAME_EVIDENCE,
                            GapKind.BIG_CHANGE, GapKind.NO_EVIDENCE})


@dataclass(frozen=True)
class Gap:
    """A gap or a quality check: what, where, and the figures that make it one (``detail``; institution ids as
    ids, ``others`` a tuple of them)."""

    kind: GapKind
    institution: str | None = None
    question: str | None = None  # a QuestionName: the question's name, said by its number and text
    element: str | None = None
    detail: dict[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Its stable name, by which it is marked explained: ``kind:institution:question`` (absent parts left out)."""
        return ":".join(p for p in (self.kind.value, self.institution, self.question or self.element) if p)


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
                found.append(Gap(GapKind.MISSING, s.institution, framework.reference(question), question.element))
            lvl = s.levels.get(question.name)
            if lvl is not None and lvl <= LOW_SCORE:
                found.append(Gap(GapKind.LOW, s.institution, framework.reference(question), question.element, {"level": lvl}))
            if lvl is not None and question.evidence_asked(str(lvl)) and not (given and given.evidence):
                found.append(Gap(GapKind.NO_EVIDENCE, s.institution, framework.reference(question), question.element, {"level": lvl}))
    for element in _elements(framework):
        values = _element_values(scores, element)
        if len(values) >= 2 and max(values.values()) - min(values.values()) >= DISAGREEMENT:
            high = max(values, key=values.__getitem__)
            low = min(values, key=values.__getitem__)
            found.append(Gap(GapKind.DISAGREEMENT, None, None, element,
                             {"high": high, "high_score": round(values[high], 2), "low": low, "low_score": round(values[low], 2)}))
    return found


def _elements(framework: Framework) -> list[str]:
    return sorted(framework.elements or {q.element for q in framework.questions if q.element})


def _element_values(scores: list[InstitutionScores], element: str) -> dict[str, float]:
    return {s.institution: s.elements[element].value for s in scores  # type: ignore[misc]
            if element in s.elements and s.elements[element].value is not None}


def quality_checks(framework: Framework, scores: list[InstitutionScores], answers: Mapping[str, QuestionnaireAnswers],
                   previous: Mapping[str, QuestionnaireAnswers] | None = None) -> list[Gap]:
    """The quality checks that fire, in the order of the kinds: ``answers`` are the institutions' current answers,
    ``previous`` those of the version each one's current response replaced (by institution id)."""
    received = [s.institution for s in scores]
    return (_outliers(framework, scores) + _unknowns(framework, received, answers) + _copied(framework, received, answers)
            + _same_evidence(framework, received, answers) + _changes(framework, scores, answers, previous or {}))


def _outliers(framework: Framework, scores: list[InstitutionScores]) -> list[Gap]:
    found = []
    for element in _elements(framework):
        values = _element_values(scores, element)
        for institution, value in values.items():
            others = [v for i, v in values.items() if i != institution]
            if len(others) >= OUTLIER_OTHERS and abs(value - median(others)) >= OUTLIER_DISTANCE:
                found.append(Gap(GapKind.OUTLIER, institution, None, element,
                                 {"score": round(value, 2), "median": round(median(others), 2), "count": len(others)}))
    return found


def _unknowns(framework: Framework, received: list[str], answers: Mapping[str, QuestionnaireAnswers]) -> list[Gap]:
    found = []
    maturity = [q.name for q in framework.questions if framework.is_maturity(q)]
    for institution in received:
        codes = [answers.get(institution, NO_ANSWERS).value(q) for q in maturity]
        given = [c for c in codes if c in (*MATURITY_LEVELS, INSUFFICIENT_INFORMATION, NOT_APPLICABLE)]
        ii, na = given.count(INSUFFICIENT_INFORMATION), given.count(NOT_APPLICABLE)
        if given and ii + na >= UNKNOWN_MIN and (ii + na) / len(given) >= UNKNOWN_SHARE:
            found.append(Gap(GapKind.UNKNOWN_SHARE, institution, None, None,
                             {"ii": ii, "na": na, "answered": len(given), "share": round((ii + na) / len(given), 4)}))
    return found


def folded(text: str) -> str:
    """Text as the copied-text check compares it: without case, accents, punctuation or extra spaces."""
    return " ".join(PUNCTUATION.sub(" ", fold(text)).split())


def _copied(framework: Framework, received: list[str], answers: Mapping[str, QuestionnaireAnswers]) -> list[Gap]:
    found = []
    for q in (q for q in framework.questions if q.type is QuestionType.TEXT):
        by_text: dict[str, list[str]] = {}
        for institution in received:
            value = answers.get(institution, NO_ANSWERS).value(q.name)
            if isinstance(value, str) and len(text := folded(value)) >= COPIED_LENGTH:
                by_text.setdefault(text, []).append(institution)
        for same in (s for s in by_text.values() if len(s) > 1):
            found += [Gap(GapKind.COPIED_TEXT, i, framework.reference(q), q.element, {"others": tuple(o for o in same if o != i)})
                      for i in same]
    return sorted(found, key=lambda g: (received.index(g.institution or ""), g.question or ""))


def _same_evidence(framework: Framework, received: list[str], answers: Mapping[str, QuestionnaireAnswers]) -> list[Gap]:
    found = []
    for institution in received:
        given = [a.evidence for q in framework.questions if (a := answers.get(institution, NO_ANSWERS).get(q.name)) and a.evidence]
        if len(given) >= SAME_EVIDENCE_MIN and all(folded(e) == folded(given[0]) for e in given[1:]):  # stops at the first other
            found.append(Gap(GapKind.SAME_EVIDENCE, institution, None, None, {"count": len(given), "evidence": given[0]}))
    return found


def _changes(framework: Framework, scores: list[InstitutionScores], answers: Mapping[str, QuestionnaireAnswers],
             previous: Mapping[str, QuestionnaireAnswers]) -> list[Gap]:
    found = []
    codes = (*MATURITY_LEVELS, INSUFFICIENT_INFORMATION, NOT_APPLICABLE)
    maturity = [q.name for q in framework.questions if framework.is_maturity(q)]
    for s in scores:
        before = previous.get(s.institution)
        if before is None:
            continue
        now = answers.get(s.institution, NO_ANSWERS)
        both = [q for q in maturity if before.value(q) in codes and now.value(q) in codes]
        changed = [q for q in both if before.value(q) != now.value(q)]
        if len(changed) >= CHANGE_MIN and len(changed) / len(both) >= CHANGE_SHARE:
            earlier = score_institution(framework, s.institution, before).overall.value
            found.append(Gap(GapKind.BIG_CHANGE, s.institution, None, None,
                             {"changed": len(changed), "compared": len(both), "questions": tuple(framework.reference(q) for q in changed),
                              "before": None if earlier is None else round(earlier, 2),
                              "after": None if s.overall.value is None else round(s.overall.value, 2)}))
    return found
