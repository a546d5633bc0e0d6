"""A round compared with the country's earlier published round on the same topic: per element the earlier and
current scores and the change, what became of each earlier recommendation, and how the framework's questions and
elements map from one version to the other. Pure.

Like APRM, MESICIC and the OECD's follow-up reviews, the comparison is element by element, and the earlier
recommendations keep the status the country last reported in a follow-up (statuses are the country's word, never
computed from scores). So that scores compare like with like, the earlier answers are scored on the current
framework: each current question takes the earlier answer to the question of the same name, or to the one it
declares it replaces (the ``replaces`` column of the survey sheet), wherever the question now sits. An element
none of whose questions existed before takes the earlier score of the elements it replaces (the ``replaces``
column of the elements sheet). Earlier questions and elements that nothing maps to are listed as removed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from statistics import mean
from typing import Mapping

from pipeline.analysis.methods import Score
from pipeline.analysis.scoring import counted, element_means, score_institution
from pipeline.domain.answers import QuestionnaireAnswers
from pipeline.domain.enums import FollowupStatus
from pipeline.domain.framework import Framework, Labels
from pipeline.domain.models import Round


class QuestionChange(str, Enum):
    SAME = "same"  # same name, same element and dimension
    MOVED = "moved"  # same name, another element or dimension
    RENAMED = "renamed"  # declares the earlier question it replaces
    NEW = "new"  # no earlier counterpart
    REMOVED = "removed"  # an earlier question nothing maps to


class Basis(str, Enum):
    """Where an element's earlier score comes from."""

    RECOMPUTED = "recomputed"  # the earlier answers to its questions, scored on the current framework
    AS_SCORED = "as_scored"  # the earlier round's scores of the elements it replaces
    NEW = "new"  # nothing earlier


@dataclass(frozen=True)
class EarlierRecommendation:
    """A recommendation of the earlier round's report, with the status its latest follow-up gave (``reported``:
    the follow-up's date, empty when none)."""

    id: str
    text: str
    element: str
    institution: str
    status: FollowupStatus = FollowupStatus.NONE
    reported: str = ""


@dataclass(frozen=True)
class EarlierRound:
    """What the comparison reads of the earlier round: its framework, each institution's answers (corrected), its
    recommendations."""

    round: Round
    framework: Framework
    answers: Mapping[str, QuestionnaireAnswers]
    recommendations: tuple[EarlierRecommendation, ...] = ()


@dataclass(frozen=True)
class QuestionLink:
    question: str | None  # the current question; None when removed
    earlier: str | None  # the earlier question; None when new
    change: QuestionChange
    element: str | None = None  # the current question's element
    earlier_element: str | None = None


@dataclass(frozen=True)
class ElementChange:
    element: str
    earlier: float | None
    current: float | None
    basis: Basis
    replaces: tuple[str, ...]  # the earlier elements it corresponds to

    @property
    def change(self) -> float | None:
        return None if self.earlier is None or self.current is None else self.current - self.earlier


@dataclass(frozen=True)
class RemovedElement:
    element: str
    label: Labels
    earlier: float | None  # the earlier round's score of it


@dataclass(frozen=True)
class Comparison:
    earlier_round: Round
    earlier_framework: Framework
    elements: tuple[ElementChange, ...]
    removed: tuple[RemovedElement, ...]
    questions: tuple[QuestionLink, ...]  # every current question, then the removed ones
    recommendations: tuple[tuple[EarlierRecommendation, str | None], ...]  # with the current element (None: removed)


def _declared(names: tuple[str, ...], earlier: Framework, known: set[str]) -> list[str]:
    """The names of ``earlier`` a ``replaces`` cell gives: plain, or prefixed by that framework's id."""
    found = []
    for name in names:
        prefix, colon, rest = name.partition(":")
        plain = rest if colon and prefix == earlier.id else None if colon else name
        if plain in known:
            found.append(plain)
    return found


def element_map(framework: Framework, earlier: Framework) -> dict[str, tuple[str, ...]]:
    """Each current element and the earlier elements it corresponds to (itself by name, or those it replaces)."""
    known = set(earlier.elements) | {q.element for q in earlier.questions if q.element}
    result = {}
    for element in framework.elements or {q.element: {} for q in framework.questions if q.element}:
        declared = _declared(framework.scoring.element_replaces.get(element, ()), earlier, known)  # type: ignore[arg-type]
        result[element] = tuple(declared or ([element] if element in known else []))
    return result  # type: ignore[return-value]


def question_links(framework: Framework, earlier: Framework) -> list[QuestionLink]:
    """How every current question maps to the earlier framework's, then the earlier questions nothing maps to."""
    before = {q.name: q for q in earlier.questions if q.answerable}
    dimension_of = {q.name: d.name for d in framework.dimensions for q in d.questions}
    earlier_dimension = {q.name: d.name for d in earlier.dimensions for q in d.questions}
    elements = element_map(framework, earlier)
    links, used = [], set()
    for q in (q for q in framework.questions if q.answerable):
        declared = _declared(framework.scoring.question_replaces.get(q.name, ()), earlier, set(before))
        old = declared[0] if declared else q.name if q.name in before else None
        if old is None:
            links.append(QuestionLink(q.name, None, QuestionChange.NEW, q.element))
            continue
        used.add(old)
        was = before[old]
        same_place = (was.element in elements.get(q.element or "", ()) or was.element == q.element) and (
            earlier_dimension.get(old) == dimension_of.get(q.name))
        change = QuestionChange.RENAMED if old != q.name else QuestionChange.SAME if same_place else QuestionChange.MOVED
        links.append(QuestionLink(q.name, old, change, q.element, was.element))
    links += [QuestionLink(None, name, QuestionChange.REMOVED, None, q.element) for name, q in before.items() if name not in used]
    return links


def _round_means(framework: Framework, answers: Mapping[str, QuestionnaireAnswers]) -> dict[str, Score]:
    return element_means([score_institution(framework, institution, a) for institution, a in answers.items()])


def compare(framework: Framework, current: Mapping[str, Score], earlier: EarlierRound) -> Comparison:
    """The current round (its ``framework`` and the round's score per element, ``current``) against ``earlier``."""
    links = question_links(framework, earlier.framework)
    mapped = {link.question: link.earlier for link in links if link.question and link.earlier}
    moved = {institution: QuestionnaireAnswers(
        {new: replace(record, question=new) for new, old in mapped.items() if (record := a.get(old)) is not None}, a.respondent)
        for institution, a in earlier.answers.items()}
    recomputed = _round_means(framework, moved)
    as_scored = _round_means(earlier.framework, earlier.answers)
    elements = element_map(framework, earlier.framework)
    rows = []
    for element, replaces in elements.items():
        questions = [q for q in framework.questions if q.element == element and q.answerable]
        scored = counted(framework, questions, framework.scoring.element(element))
        now = current.get(element)
        if any(q.name in mapped for q in scored):
            before, basis = recomputed.get(element), Basis.RECOMPUTED
            value = before.value if before else None
        elif replaces:
            values = [as_scored[e].value for e in replaces if e in as_scored and as_scored[e].value is not None]
            value, basis = (mean(values) if values else None), Basis.AS_SCORED  # type: ignore[assignment]
        else:
            value, basis = None, Basis.NEW
        if now is None and value is None and basis is Basis.NEW:
            continue
        rows.append(ElementChange(element, value, now.value if now else None, basis, replaces))
    corresponding = {old for olds in elements.values() for old in olds}
    earlier_elements = earlier.framework.elements or {q.element: {} for q in earlier.framework.questions if q.element}
    removed = tuple(RemovedElement(e, labels, as_scored[e].value if e in as_scored else None)  # type: ignore[arg-type]
                    for e, labels in earlier_elements.items() if e not in corresponding)
    now_of = {old: new for new, olds in elements.items() for old in olds}
    recommendations = tuple((r, now_of.get(r.element)) for r in earlier.recommendations)
    return Comparison(earlier.round, earlier.framework, tuple(rows), removed, tuple(links), recommendations)
