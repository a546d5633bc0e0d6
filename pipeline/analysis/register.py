"""The cooperation register: every cooperation need and recommendation of the published final reports.

One row per need and per recommendation of every round whose final report is published, with the
recommendation's latest follow-up status. Donors filter it for needs to fund; DGPE follows the
recommendations with it. This module decides the rows, the labels and the summary counts;
``workbooks/register.py`` lays them out; ``stages/publication.py`` gathers the published rounds.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from pipeline.analysis.report_content import ReportContent
from pipeline.domain.catalog import Catalog
from pipeline.domain.enums import FollowupStatus, RegisterKind
from pipeline.domain.followup import FollowupReport
from pipeline.domain.framework import pick
from pipeline.domain.models import Publication, Round
from pipeline.domain.problems import UserError
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
from pipeline.i18n.messages.register import (
    REGISTER_BY,
    REGISTER_COUNT_HEADERS,
    REGISTER_HEADERS,
    REGISTER_INTRO,
    REGISTER_KINDS,
    REGISTER_PRIORITIES,
    REGISTER_SHEET,
    REGISTER_SUMMARY_INTRO,
    REGISTER_SUMMARY_SHEET,
    REGISTER_TITLE,
)
from pipeline.i18n.messages.workbooks import REGISTER_REPORT
from pipeline.i18n.translation import format_date, translate

SUMMARY_KEYS = ("topic", "country", "priority", "status")


@dataclass(frozen=True)
class RegisterRow:
    """One need or recommendation; codes beside their names in the register's language."""

    round: str
    country: str
    country_name: str
    topic: str
    topic_name: str
    element: str
    element_name: str
    institution: str
    institution_name: str
    kind: str  # need, recommendation, withheld (a published round whose report is not public: its existence and topic)
    text: str
    priority: str  # high, medium, low or empty
    status: str  # a follow-up status, "none" (no follow-up yet) or empty for a need
    status_date: str  # ISO date of the follow-up that gave the status
    recommendation: str  # R-01… for a recommendation
    report: str  # the final report, relative to the workspace
    published: str
    report_title: str = ""  # the final report as its readers know it: its title and date of publication

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def public_title(topic: str, country: str, published: str, lang: str) -> str:
    """The final report as donors can look it up, whatever folder it sits in: its title and date of publication
    (``published``: ISO date, "" when unknown)."""
    date = format_date(dt.date.fromisoformat(published[:10]), lang) if published else "—"
    return translate(REGISTER_REPORT, lang, topic=topic, country=country, date=date)


def display_name(lookup: Any, code: str, lang: str) -> str:
    """The name of a catalog code (``workspace.catalog.state`` or ``.topic``) in ``lang``; the code when it is unknown."""
    try:
        return str(lookup(code).name(lang))
    except UserError:
        return code


def _about(round_: Round, content: ReportContent, note: Any, lang: str) -> dict[str, str]:
    """The element and institution a note is about, as codes and names."""
    fw, institution = content.data.framework, round_.institution(note.institution)
    return {"element": note.element, "element_name": pick(fw.elements.get(note.element, {}), lang, fw.default_language) or note.element,
            "institution": note.institution,
            "institution_name": f"{institution.name} ({institution.acronym})" if institution else note.institution}


def register_rows(published: Sequence[tuple[Publication, ReportContent]], statuses: Mapping[tuple[str, str], list[FollowupReport]],
                  catalog: Catalog, lang: str = "es") -> list[RegisterRow]:
    """The register: per published round (with what its final report says), its needs in the report's order, then
    its recommendations by id, each with its latest follow-up status (``statuses`` by round and recommendation)."""
    rows = []
    for publication, content in published:
        round_ = publication.round
        common = {"round": round_.id, "country": round_.country, "country_name": display_name(catalog.state, round_.country, lang),
                  "topic": round_.topic, "topic_name": display_name(catalog.topic, round_.topic, lang),
                  "report": publication.report, "published": publication.published[:10]}
        common["report_title"] = public_title(common["topic_name"], common["country_name"], common["published"], lang)

        for need in content.needs:
            rows.append(RegisterRow(**common, **_about(round_, content, need.note, lang), kind=RegisterKind.NEED.value, text=need.text, priority=need.note.priority,
                                    status="", status_date="", recommendation=""))
        for rec in content.recommendations:
            history = statuses.get((round_.id, rec.id), [])
            latest = history[-1] if history else None
            rows.append(RegisterRow(**common, **_about(round_, content, rec.note, lang), kind=RegisterKind.RECOMMENDATION.value, text=rec.text, priority=rec.priority,
                                    status=latest.status.value if latest else FollowupStatus.NONE.value, status_date=latest.received[:10] if latest else "",
                                    recommendation=rec.id))
    return rows


@dataclass(frozen=True)
class Summary:
    """One summary table (a label column, then counts) and the chart drawn from it."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class RegisterView:
    title: str
    sheet: str
    summary_sheet: str
    intro: str
    summary_intro: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]  # per column: code, name, text, date, link
    rows: tuple[tuple[Any, ...], ...]
    links: tuple[str, ...]  # per row: the final report's public address ("" when it has none: a path breaks once sent)
    summaries: tuple[Summary, ...]


def status_label(code: str, lang: str) -> str:
    return translate(FOLLOWUP_STATUSES[code], lang) if code in FOLLOWUP_STATUSES else ""


def register_view(rows: list[RegisterRow], lang: str, today: dt.date, target: Path, root: Path) -> RegisterView:
    """Every label, value and count of the register workbook written at ``target`` for a workspace at ``root``. The
    final report is named by its title and date, and linked only when it has a public address: a link to a file of
    the workspace would break once the register is sent."""
    t = lambda message, **params: translate(message, lang, **params)
    table = []
    links = []
    for r in rows:
        date = dt.date.fromisoformat(r.status_date) if r.status_date else None
        priority = t(REGISTER_PRIORITIES.get(r.priority, REGISTER_PRIORITIES[""])) if r.kind != "withheld" else ""
        table.append((r.round, r.country_name, r.topic_name, r.element_name, r.institution_name, t(REGISTER_KINDS[r.kind]), r.text,
                      priority, status_label(r.status, lang), date,
                      r.recommendation, r.report_title or Path(r.report).name))
        links.append(r.report if r.report.startswith(("https://", "http://")) else "")
    needs, recs = ([r for r in rows if r.kind == k] for k in RegisterKind)
    counted = (t(REGISTER_COUNT_HEADERS["needs"]), t(REGISTER_COUNT_HEADERS["recommendations"]))

    def counts(key: str, labels: dict[str, str]) -> tuple[tuple[Any, ...], ...]:
        n, r = Counter(getattr(x, key) for x in needs), Counter(getattr(x, key) for x in recs)
        return tuple((labels[code], n[code], r[code]) for code in labels if n[code] or r[code])

    status_counts = Counter(r.status for r in recs)
    summaries = (
        Summary("topic", t(REGISTER_BY["topic"]), (t(REGISTER_HEADERS["topic"]), *counted),
                counts("topic", {r.topic: r.topic_name for r in rows})),
        Summary("country", t(REGISTER_BY["country"]), (t(REGISTER_HEADERS["country"]), *counted),
                counts("country", {r.country: r.country_name for r in rows})),
        Summary("priority", t(REGISTER_BY["priority"]), (t(REGISTER_HEADERS["priority"]), *counted),
                counts("priority", {code: t(label) for code, label in REGISTER_PRIORITIES.items()})),
        Summary("status", t(REGISTER_BY["status"]), (t(REGISTER_HEADERS["status"]), t(REGISTER_COUNT_HEADERS["count"])),
                tuple((t(label), status_counts[code]) for code, label in FOLLOWUP_STATUSES.items())),
    )
    return RegisterView(
        title=t(REGISTER_TITLE), sheet=t(REGISTER_SHEET), summary_sheet=t(REGISTER_SUMMARY_SHEET),
        intro=t(REGISTER_INTRO, rounds=len({r.round for r in rows}), date=today),
        summary_intro=t(REGISTER_SUMMARY_INTRO, date=today),
        headers=tuple(t(REGISTER_HEADERS[k]) for k in REGISTER_HEADERS),
        kinds=("code", "name", "name", "name", "name", "short", "text", "short", "short", "date", "code", "link"),
        rows=tuple(table), links=tuple(links), summaries=summaries)
