"""What a round's report says, gathered from its data and the panel's merged notes (no Word here).

The self-assessment results per dimension (every institution, a missing one with no score), the interview
findings grouped by positive element, the cooperation needs, the reform and innovation challenges and the
recommendations, each attributed to the note it comes from (its *trace*: expert's state / institution /
element, e.g. ``CHL/MEF/pl_e1``), and the SHA-256 of every response and notes file used.

Recommendations keep their ids from one draft to the next: the ledger (``ledger/recommendations.py``) gives
each note key (``expert|institution|element``) the id ``R-01``, ``R-02``… the first time a recommendation
appears there (in the report's order) and keeps it; a recommendation whose text or priority changed keeps its
id and gets the new text. Ids are never reused, even when a recommendation is later dropped.

Identical recommendations (the same words, ``domain.notes.same_recommendation``) made in several notes are one
recommendation: it keeps the lowest id among them and lists every note it comes from (``sources``), at the
highest priority any of them gave. A note the ledger gave no id of its own (it repeated another's recommendation)
joins the one it repeats.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from pipeline.analysis.round_data import InstitutionData, RoundData
from pipeline.analysis.scoring import Score
from pipeline.domain.framework import Dimension, pick
from pipeline.domain.notes import NoteRow, note_key, same_recommendation


@dataclass(frozen=True)
class DimensionResult:
    """One dimension: each institution's score (None: it sent nothing) and the mean of those that scored."""

    dimension: Dimension
    scores: tuple[tuple[InstitutionData, Score | None], ...]
    mean: float | None
    scored: int  # institutions with a score in the dimension

    @property
    def total(self) -> int:
        """The dimension's maturity questions (0: it has none, so no score and no chart)."""
        return next((s.total for _, s in self.scores if s is not None), 0)


@dataclass(frozen=True)
class Item:
    """A finding, need or challenge, with the note it was read from."""

    text: str
    note: NoteRow
    trace: str


@dataclass(frozen=True)
class ElementFindings:
    element: str
    score: Score | None  # the round's self-assessed score of the element
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: str
    priority: str  # high, medium, low or empty
    note: NoteRow  # the first note it comes from (the lowest id)
    trace: str
    sources: tuple[NoteRow, ...] = ()  # every note it comes from, ``note`` first; () means ``note`` alone

    @property
    def notes(self) -> tuple[NoteRow, ...]:
        return self.sources or (self.note,)


@dataclass(frozen=True)
class ReportContent:
    data: RoundData
    notes: tuple[NoteRow, ...]  # in the report's order (element, institution, expert)
    traces: dict[str, str]  # note key -> trace
    dimensions: tuple[DimensionResult, ...]
    findings: tuple[ElementFindings, ...]
    needs: tuple[Item, ...]
    challenges: tuple[Item, ...]
    recommendations: tuple[Recommendation, ...]  # by id
    sources: tuple[str, ...]  # SHA-256 of every response and notes file, sorted

    def acronym(self, institution: str) -> str:
        found = self.data.round.institution(institution)
        return found.acronym if found else institution

    def element(self, element: str, lang: str) -> str:
        """The element's name in ``lang`` (its id when the framework has no such element)."""
        fw = self.data.framework
        return pick(fw.elements.get(element, {}), lang, fw.default_language) or element

    def rows_of(self, expert: str) -> int:
        """How many current note rows the expert (an e-mail) has."""
        return sum(n.expert == expert.lower() for n in self.notes)


def trace(data: RoundData, note: NoteRow) -> str:
    """``CHL/MEF/pl_e1``: the expert's member state (else the e-mail's name), the institution's acronym, the element."""
    expert = next((e.state for e in data.round.panel.experts if e.email.lower() == note.expert.lower()), None)
    institution = data.round.institution(note.institution)
    return "/".join((expert or note.expert.split("@")[0].upper() or "PANEL", institution.acronym if institution else note.institution,
                     note.element))


def ordered(data: RoundData, notes: list[NoteRow]) -> list[NoteRow]:
    """Notes in the report's order: the framework's elements, the round's institutions, then the experts."""
    elements = {e: n for n, e in enumerate(data.framework.elements)}
    institutions = {i.id: n for n, i in enumerate(data.round.institutions)}
    return sorted(notes, key=lambda r: (elements.get(r.element, len(elements)), r.element,
                                        institutions.get(r.institution, len(institutions)), r.institution, r.expert))


def dimension_results(data: RoundData) -> list[DimensionResult]:
    results = []
    for d in data.framework.dimensions:
        scores = tuple((i, i.scores.dimensions[d.name] if i.scores else None) for i in data.institutions)
        values = [s.value for _, s in scores if s is not None and s.value is not None]
        results.append(DimensionResult(d, scores, mean(values) if values else None, len(values)))
    return results


PRIORITY_ORDER = ("high", "medium", "low", "")


def _id_order(id_: str) -> tuple[int, str]:
    last = id_.split("-")[-1]
    return (int(last) if last.isdigit() else 0, id_)


def merged_recommendations(notes: list[NoteRow], ids: dict[str, str], traces: dict[str, str]) -> list[Recommendation]:
    """The recommendations of ``notes`` by id, identical ones merged into the one with the lowest id (with every note
    it comes from, in the report's order, and the highest priority among them); a note without an id of its own is
    kept only when it repeats one that has an id."""
    given = [n for n in notes if n.recommendation.strip()]
    groups: dict[str, list[NoteRow]] = {}
    for n in given:
        groups.setdefault(same_recommendation(n.recommendation), []).append(n)
    found = []
    for group in groups.values():
        numbered = sorted({ids[note_key(n)] for n in group if note_key(n) in ids}, key=_id_order)
        if not numbered:
            continue
        first = next(n for n in group if ids.get(note_key(n)) == numbered[0])
        sources = (first, *[n for n in group if n is not first])
        priority = min((n.priority for n in group), key=lambda p: PRIORITY_ORDER.index(p) if p in PRIORITY_ORDER else len(PRIORITY_ORDER))
        found.append(Recommendation(numbered[0], first.recommendation, priority, first, traces[note_key(first)],
                                    sources if len(sources) > 1 else ()))
    return sorted(found, key=lambda r: _id_order(r.id))


def report_content(data: RoundData, notes: list[NoteRow], ids: dict[str, str]) -> ReportContent:
    """The report's content from the round's data, its merged notes and the recommendations' ids (by note key)."""
    notes = ordered(data, notes)
    traces = {note_key(n): trace(data, n) for n in notes}

    def items(field_: str) -> tuple[Item, ...]:
        return tuple(Item(getattr(n, field_), n, traces[note_key(n)]) for n in notes if getattr(n, field_).strip())

    findings: dict[str, list[Item]] = {}
    for n in notes:
        if n.finding.strip() or n.assessment:
            findings.setdefault(n.element, []).append(Item(n.finding, n, traces[note_key(n)]))
    recommendations = merged_recommendations(notes, ids, traces)
    return ReportContent(
        data=data, notes=tuple(notes), traces=traces, dimensions=tuple(dimension_results(data)),
        findings=tuple(ElementFindings(e, data.elements.get(e), tuple(found)) for e, found in findings.items()),
        needs=items("need"), challenges=items("challenge"), recommendations=tuple(recommendations),
        sources=tuple(sorted(set(data.sources) | {n.sha256 for n in notes})))
