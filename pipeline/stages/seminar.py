"""The annual seminar: what DGPE presents once a year on the rounds whose final report was published that year.

A round belongs to the seminar of the year of its event ``report.published``. This module gathers what the
seminar document says (``documents/seminar.py`` lays it out from ``templates_docx/seminar.docx``): each round's
final report content, the findings the rounds share grouped by topic and positive element, and the numbers of the
cross-round charts. ``mecigep seminar YEAR`` writes ``outbox/seminario-<YEAR>.docx``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from pipeline.analysis.register import Publication, publications, published_content
from pipeline.analysis.report_content import Item, ReportContent
from pipeline.domain.problems import UserError
from pipeline.i18n.translation import N_
from pipeline.ledger.workspace import Workspace

SEMINAR_NO_ROUNDS = N_("No round had its final report published in {year}, so there is nothing to present at that year's seminar. "
                       "Years with published rounds: {years}.")
SEMINAR_WRITTEN = N_("Seminar document for {year} written, on {count} published rounds: {path}")

PRIORITIES = ("high", "medium", "low", "")


@dataclass(frozen=True)
class SeminarRound:
    """A round published in the seminar's year, with what its final report says."""

    publication: Publication
    content: ReportContent

    @property
    def id(self) -> str:
        return self.publication.round.id

    @property
    def score(self) -> float | None:
        """The round's self-assessed score: the mean of its institutions' overall scores."""
        values = [i.scores.overall.value for i in self.content.data.institutions if i.scores and i.scores.overall.value is not None]
        return mean(values) if values else None

    def priorities(self) -> Counter[str]:
        """How many recommendations the round made at each priority ("" for none given)."""
        return Counter(r.priority if r.priority in PRIORITIES else "" for r in self.content.recommendations)


@dataclass(frozen=True)
class Shared:
    """One positive element of a topic across the year's rounds: each round's score and findings on it."""

    element: str
    scores: tuple[tuple[SeminarRound, float | None], ...]
    findings: tuple[tuple[SeminarRound, Item], ...]

    @property
    def rounds(self) -> int:
        """How many rounds found something on the element."""
        return len({r.id for r, _ in self.findings})


@dataclass(frozen=True)
class TopicFindings:
    topic: str
    rounds: tuple[SeminarRound, ...]
    elements: tuple[Shared, ...]  # in the framework's order; only elements with findings


def year_rounds(workspace: Workspace, year: int) -> list[SeminarRound]:
    """The rounds whose final report was published in ``year``, in order of publication; raises UserError for none."""
    published = publications(workspace)
    chosen = [p for p in published if p.published[:4] == str(year)]
    if not chosen:
        years = sorted({p.published[:4] for p in published})
        raise UserError(SEMINAR_NO_ROUNDS, year=str(year), years=tuple(years))
    return [SeminarRound(p, published_content(workspace, p.round.id)) for p in chosen]


def common_findings(rounds: list[SeminarRound]) -> list[TopicFindings]:
    """The year's findings grouped by topic (in order of first publication), then by positive element."""
    topics: dict[str, list[SeminarRound]] = {}
    for r in rounds:
        topics.setdefault(r.publication.round.topic, []).append(r)
    grouped = []
    for topic, members in topics.items():
        order = list(dict.fromkeys(e for r in members for e in r.content.data.framework.elements))
        shared = []
        for element in order:
            findings = tuple((r, item) for r in members for group in r.content.findings if group.element == element
                             for item in group.items if item.text.strip())
            if findings:
                scores = tuple((r, s.value if (s := r.content.data.elements.get(element)) else None) for r in members)
                shared.append(Shared(element, scores, findings))
        grouped.append(TopicFindings(topic, tuple(members), tuple(shared)))
    return grouped


def write_seminar(workspace: Workspace, year: int, target: Path | None = None, lang: str | None = None) -> tuple[Path, list[str]]:
    """Writes the seminar document of ``year`` (default ``outbox/seminario-<year>.docx``); returns its path and
    the ids of its rounds. Raises UserError when no round was published that year."""
    from pipeline.documents.seminar import render_seminar

    rounds = year_rounds(workspace, year)
    target = Path(target) if target else workspace.outbox / f"seminario-{year}.docx"
    return render_seminar(workspace, year, rounds, common_findings(rounds), target, lang or "es"), [r.id for r in rounds]
