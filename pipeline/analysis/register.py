"""The cooperation register: every cooperation need and recommendation of the published final reports.

One row per need and per recommendation of every round whose final report is published (event
``report.published``), with the recommendation's latest follow-up status (``pipeline.followup``). Donors
filter it for needs to fund; DGPE follows the recommendations with it. This module decides the rows, the
labels and the summary counts; ``workbooks/register.py`` lays them out (``mecigep register``).

A published round's content is read as its final report was built (``published_content``): its responses and
notes no longer change after publication, and no recommendation id is assigned here.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.analysis.report_content import SCHEMA as RECOMMENDATIONS_SCHEMA
from pipeline.analysis.report_content import ReportContent, ordered, report_content
from pipeline.domain.framework import pick
from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import UserError
from pipeline.i18n.translation import N_, translate
from pipeline.ledger.workspace import Workspace

REGISTER_TITLE = N_("MECIGEP — Register of cooperation needs and recommendations")
REGISTER_SHEET = N_("Register")
REGISTER_SUMMARY_SHEET = N_("Summary")
REGISTER_INTRO = N_("One row per cooperation need and per recommendation of the {rounds} published final reports, as of {date}. "
                    "Filter or sort the table with the arrows of its header; the last column opens the final report.")
REGISTER_SUMMARY_INTRO = N_("Counts of the register's rows, as of {date}. A recommendation's status is the one its country gave in its latest follow-up.")
REGISTER_HEADERS = {
    "round": N_("Round"), "country": N_("Country"), "topic": N_("Topic"), "element": N_("Positive element"),
    "institution": N_("Institution"), "kind": N_("Kind"), "text": N_("Text"), "priority": N_("Priority"), "status": N_("Status"),
    "status_date": N_("Status date"), "recommendation": N_("Recommendation id"), "report": N_("Final report"),
}
REGISTER_KINDS = {"need": N_("Cooperation need"), "recommendation": N_("Recommendation")}
REGISTER_PRIORITIES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "": N_("No priority given")}
REGISTER_BY = {"topic": N_("By topic"), "country": N_("By country"), "priority": N_("By priority"),
               "status": N_("Recommendations by follow-up status")}
REGISTER_COUNT_HEADERS = {"needs": N_("Cooperation needs"), "recommendations": N_("Recommendations"), "count": N_("Recommendations")}
REGISTER_NO_ROUNDS = N_("No round has a published final report yet, so the register would be empty: publish a final report first "
                        "(mecigep report final ROUND).")
REGISTER_WRITTEN = N_("Register of {needs} cooperation needs and {recommendations} recommendations from {rounds} published rounds written: {path}")

SUMMARY_KEYS = ("topic", "country", "priority", "status")


@dataclass(frozen=True)
class Publication:
    """A published round: when its final report was published and where that report is (relative to the workspace)."""

    round: Round
    published: str  # ISO date and time of the event report.published
    report: str  # "" when the event names no final report


def publications(workspace: Workspace) -> list[Publication]:
    """Every round published (its latest ``report.published`` event), oldest publication first."""
    rounds = {r.id: r for r in workspace.ledger.rounds() if r.stage is Stage.PUBLISHED}
    found: dict[str, Publication] = {}
    for round_id, at, documents in workspace.ledger.db.execute(
            "SELECT round, at, documents FROM events WHERE kind = 'report.published' ORDER BY seq"):
        if round_id in rounds:
            name = next((d.get("name", "") for d in json.loads(documents) if d.get("role") == "final_report"), "")
            found[round_id] = Publication(rounds[round_id], at, f"outbox/{round_id}/{name}" if name else "")
    return sorted(found.values(), key=lambda p: (p.published, p.round.id))


def published_content(workspace: Workspace, round_id: str) -> ReportContent:
    """What the round's final report says, rebuilt from its data and notes with the ids already assigned."""
    from pipeline.analysis.report_content import note_key
    from pipeline.stages.notes import merged_notes
    from pipeline.stages.round_data import load

    data = load(workspace, round_id)
    workspace.ledger.db.execute(RECOMMENDATIONS_SCHEMA)
    ids = dict(workspace.ledger.db.execute("SELECT key, id FROM recommendations WHERE round = ?", (round_id,)).fetchall())
    notes = ordered(data, merged_notes(workspace, round_id))
    return report_content(data, notes, {note_key(n): ids[note_key(n)] for n in notes if note_key(n) in ids})


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
    kind: str  # need, recommendation
    text: str
    priority: str  # high, medium, low or empty
    status: str  # a follow-up status, "none" (no follow-up yet) or empty for a need
    status_date: str  # ISO date of the follow-up that gave the status
    recommendation: str  # R-01… for a recommendation
    report: str  # the final report, relative to the workspace
    published: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


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


def register_rows(workspace: Workspace, lang: str = "es") -> list[RegisterRow]:
    """The register: per published round, its needs in the report's order, then its recommendations by id."""
    from pipeline.stages.followup import NO_FOLLOWUP, recommendation_status

    statuses = recommendation_status(workspace)
    rows = []
    for publication in publications(workspace):
        round_ = publication.round
        content = published_content(workspace, round_.id)
        common = {"round": round_.id, "country": round_.country, "country_name": display_name(workspace.catalog.state, round_.country, lang),
                  "topic": round_.topic, "topic_name": display_name(workspace.catalog.topic, round_.topic, lang),
                  "report": publication.report, "published": publication.published[:10]}

        for need in content.needs:
            rows.append(RegisterRow(**common, **_about(round_, content, need.note, lang), kind="need", text=need.text, priority=need.note.priority,
                                    status="", status_date="", recommendation=""))
        for rec in content.recommendations:
            history = statuses.get((round_.id, rec.id), [])
            latest = history[-1] if history else None
            rows.append(RegisterRow(**common, **_about(round_, content, rec.note, lang), kind="recommendation", text=rec.text, priority=rec.priority,
                                    status=latest.status if latest else NO_FOLLOWUP, status_date=latest.received[:10] if latest else "",
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
    links: tuple[str, ...]  # per row: the final report's address relative to the workbook ("" for none)
    summaries: tuple[Summary, ...]


def status_label(code: str, lang: str) -> str:
    from pipeline.stages.followup import FOLLOWUP_STATUSES

    return translate(FOLLOWUP_STATUSES[code], lang) if code in FOLLOWUP_STATUSES else ""


def register_view(rows: list[RegisterRow], lang: str, today: dt.date, target: Path, root: Path) -> RegisterView:
    """Every label, value and count of the register workbook written at ``target`` for a workspace at ``root``."""
    from pipeline.stages.followup import FOLLOWUP_STATUSES

    t = lambda message, **params: translate(message, lang, **params)
    table = []
    links = []
    for r in rows:
        date = dt.date.fromisoformat(r.status_date) if r.status_date else None
        table.append((r.round, r.country_name, r.topic_name, r.element_name, r.institution_name, t(REGISTER_KINDS[r.kind]), r.text,
                      t(REGISTER_PRIORITIES.get(r.priority, REGISTER_PRIORITIES[""])), status_label(r.status, lang), date,
                      r.recommendation, Path(r.report).name))
        links.append(os.path.relpath(root / r.report, target.parent).replace(os.sep, "/") if r.report else "")
    needs, recs = ([r for r in rows if r.kind == k] for k in ("need", "recommendation"))
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


def write_register(workspace: Workspace, target: Path | None = None, lang: str = "es",
                   today: dt.date | None = None) -> tuple[Path, list[RegisterRow]]:
    """Writes the register (default ``outbox/registro-cooperacion.xlsx``) atomically; returns it and its rows.

    Raises UserError when no round is published."""
    from pipeline.workbooks.register import write_register_workbook

    rows = register_rows(workspace, lang)
    if not rows and not publications(workspace):
        raise UserError(REGISTER_NO_ROUNDS)
    target = Path(target) if target else workspace.outbox / "registro-cooperacion.xlsx"
    target = target if target.is_absolute() else Path.cwd() / target
    view = register_view(rows, lang, today or dt.date.today(), target, workspace.root)
    write_register_workbook(target, view)
    return target, rows
