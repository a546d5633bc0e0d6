"""What the annual seminar document says of the year's published rounds: each round's final report content,
the findings the rounds share grouped by topic and positive element, and the numbers of the cross-round charts
(``documents/seminar.py`` lays it out; ``stages/seminar.py`` gathers the rounds)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import mean

from pipeline.analysis.report_content import Item, ReportContent
from pipeline.domain.consent import PublicView
from pipeline.domain.models import Publication

PRIORITIES = ("high", "medium", "low", "")


@dataclass(frozen=True)
class SeminarRound:
    """A round published in the seminar's year, with what its final report says and what of it is public (the
    government's consent: a round whose report is not public shows its existence and topic alone)."""

    publication: Publication
    content: ReportContent
    public: PublicView = PublicView(True, True, True)

    @property
    def id(self) -> str:
        return self.publication.round.id

    @property
    def score(self) -> float | None:
        """The round's self-assessed score: the mean of its institutions' overall scores; None when nobody answered
        or its answers are not public."""
        if not (self.public.report or self.public.answers):
            return None
        values = [i.scores.overall.value for i in self.content.data.institutions if i.scores and i.scores.overall.value is not None]
        return mean(values) if values else None

    def priorities(self) -> Counter[str]:
        """How many recommendations the round made at each priority ("" for none given); none when its report is not public."""
        if not self.public.report:
            return Counter()
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


def common_findings(rounds: list[SeminarRound]) -> list[TopicFindings]:
    """The year's findings grouped by topic (in order of first publication), then by positive element; only rounds
    whose full report is public take part."""
    topics: dict[str, list[SeminarRound]] = {}
    for r in (r for r in rounds if r.public.report):
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
