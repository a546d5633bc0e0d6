"""The report of a round: the preliminary report (draft version N) the panel edits, and the final report OAS publishes.

One template, ``templates_docx/report_draft.docx``, serves both and every language: ``final`` switches the cover,
drops the draft marking ("Draft — confidential" on every page) and adds the approval and publication record and the
annex of the government's observations the panel did not accept. Its wording is in ``report_labels``, its annexes
in ``report_annexes``. The panel's sections (executive summary,
findings per dimension, conclusions) are headings with ``mecigep_panel_<id>`` bookmarks followed by a ``⟦…⟧``
placeholder, as docs/report-drafts.md fixes. After rendering, the document's custom properties say what it is
(``mecigep_kind``, ``mecigep_round_id``, ``mecigep_draft_version``, ``mecigep_sources``).
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from babel import Locale
from docx.shared import Cm

from pipeline.analysis.method_text import report_paragraph
from pipeline.analysis.report_content import Item, Recommendation, ReportContent
from pipeline.analysis.returns import mean_includes, received_on
from pipeline.documents.charts import Chart, cached, dimension_scores, institutions_compared
from pipeline.documents.comparison import add_comparison
from pipeline.documents.guide import level_names
from pipeline.documents.layout import finish_layout
from pipeline.documents.properties import PIPELINE_AUTHOR, set_custom_properties
from pipeline.documents.receipt import TEMPLATES
from pipeline.documents.references import element_text, note_reference, question_numbers
from pipeline.documents.render import Picture, render
from pipeline.documents.report_annexes import answers_annex, observations_annex
from pipeline.documents.report_finish import fill_contents
from pipeline.documents.report_labels import REPORT_LABELS
from pipeline.domain.catalog import Catalog
from pipeline.domain.framework import pick
from pipeline.domain.notes import NoteRow, note_key
from pipeline.domain.problems import UserError
from pipeline.domain.review import Unaccepted
from pipeline.domain.stages import Step
from pipeline.i18n import messages as m
from pipeline.i18n.messages.notes import NOTES_ASSESSMENTS, NOTES_PRIORITIES
from pipeline.i18n.messages.report import (
    REPORT_APPROVAL_ROWS,
    REPORT_COVER_ROWS,
    REPORT_DATES,
    REPORT_DIMENSION_CAPTION,
    REPORT_DIMENSION_TITLE,
    REPORT_DRAFT_VERSION,
    REPORT_ELEMENT_SCORE,
    REPORT_FINAL,
    REPORT_FRAMEWORK,
    REPORT_MEAN,
    REPORT_MISSING,
    REPORT_NO_NOTES,
    REPORT_NOT_ASSESSED,
    REPORT_NOT_RECEIVED,
    REPORT_NOTES_RECEIVED,
    REPORT_NOTES_ROWS,
    REPORT_OBSERVATIONS_HEADING,
    REPORT_OVERVIEW_TITLE,
    REPORT_PANEL_CONCLUSIONS,
    REPORT_PANEL_FINDINGS,
    REPORT_PANEL_HEADING,
    REPORT_PANEL_SUMMARY,
    REPORT_PANEL_TEXT,
    REPORT_PRELIMINARY,
    REPORT_PUBLICATION_ROWS,
    REPORT_PUBLISHER,
    REPORT_RECEIVED_ON,
    REPORT_SCOPE,
    REPORT_SCOPE_ROWS,
    REPORT_SCORED,
    REPORT_SOURCES,
    REPORT_STAGE,
    REPORT_STEPS,
    REPORT_TO_BE_SET,
    REPORT_USED,
    REPORT_VISIT_DATES,
)
from pipeline.i18n.translation import format_date, format_number, normalise_language, translate

REPORT_TEMPLATE = TEMPLATES / "report_draft.docx"
CHART_WIDTH = Cm(16)
NONE = "—"


def _number(value: float | None, lang: str) -> str:
    return NONE if value is None else format_number(value, lang, digits=1)


def _date(value: Any, lang: str) -> str:
    """A date (or an ISO date or datetime text) as readers of ``lang`` write it; empty for none."""
    if isinstance(value, str) and value:
        value = dt.date.fromisoformat(value[:10])
    return format_date(value, lang) if isinstance(value, dt.date) else str(value or "")


def _placeholder(message: str, lang: str, **params: str) -> str:
    """``⟦Panel text: …⟧``, with no ⟦ or ⟧ inside (a dimension's name cannot end the placeholder early)."""
    what = translate(message, lang, **{k: v.replace("⟦", "").replace("⟧", "") for k, v in params.items()})
    return "⟦" + translate(REPORT_PANEL_TEXT, lang, what=what) + "⟧"


def _facts(rows: dict[str, str], messages: Mapping[str, str], lang: str) -> list[dict[str, str]]:
    return [{"label": translate(messages[key], lang), "value": value} for key, value in rows.items() if value]


def _state(catalog: Catalog, code: str, lang: str) -> str:
    try:
        return catalog.state(code).name(lang)
    except UserError:
        return code


def _picture(chart: Chart) -> Picture:
    return Picture(str(chart.path), chart.alt_text, chart.title, CHART_WIDTH)


def _results(content: ReportContent, lang: str, folder: Path, charts: Path | None = None) -> dict[str, Any]:
    """Section 3: the overview chart ("" when nobody answered) and, per dimension, its table rows, chart and panel section.
    ``charts`` is where pictures drawn in earlier runs are kept (``charts.cached``); None draws them all."""
    data, fw, levels = content.data, content.data.framework, level_names(lang)
    scored = {i.institution.acronym: [i.scores.dimensions[d.name].value for d in fw.dimensions] for i in data.received if i.scores}
    overview = _picture(cached(charts, dimension_scores, [pick(d.label, lang, fw.default_language) for d in fw.dimensions], scored,
                                         translate(REPORT_OVERVIEW_TITLE, lang), folder / "overview.png", levels, lang)) if scored else ""
    dimensions = []
    for number, result in enumerate(content.dimensions, 1):
        label = pick(result.dimension.label, lang, fw.default_language)
        rows = [{"name": f"{inst.institution.name} ({inst.institution.acronym})", "score": _number(s.value if s else None, lang),
                 "scored": translate(REPORT_SCORED, lang, scored=s.scored, total=s.total) if s else translate(REPORT_NOT_RECEIVED, lang)}
                for inst, s in result.scores]
        if result.scored > 1:
            rows.append({"name": translate(REPORT_MEAN, lang, count=result.scored), "score": _number(result.mean, lang),
                         "scored": mean_includes(data, lang)})
        chart = _picture(cached(
            charts, institutions_compared, [inst.institution.acronym for inst, _ in result.scores], [s.value if s else None for _, s in result.scores],
            translate(REPORT_DIMENSION_TITLE, lang, dimension=label), folder / f"d{number}.png", levels, lang)) if result.scored else ""
        dimensions.append({
            "heading": f"3.{number} {label}", "rows": rows, "chart": chart, "caption": translate(REPORT_DIMENSION_CAPTION, lang, dimension=label),
            "panel_heading": translate(REPORT_PANEL_HEADING, lang, dimension=label), "mark_id": str(100 + number),
            "mark": "mecigep_panel_findings_" + re.sub(r"[^A-Za-z0-9_]", "_", result.dimension.name),
            "placeholder": _placeholder(REPORT_PANEL_FINDINGS, lang, dimension=label)})
    missing = ", ".join(f"{i.institution.name} ({i.institution.acronym})" for i in data.missing)
    return {"overview_chart": overview, "dimensions": dimensions, "missing_text": translate(REPORT_MISSING, lang, names=missing) if missing else ""}


def _notes(catalog: Catalog, content: ReportContent, lang: str) -> dict[str, Any]:
    """Sections 4 to 7 and annex B: findings by element, needs, challenges, recommendations and the notes they come from,
    each note cited as annex B lists it (``references.note_reference``), never by our keys."""
    fw, round_ = content.data.framework, content.data.round

    def cite(note: NoteRow) -> str:
        return note_reference(catalog, round_, fw, note, lang)

    def about(item: Item) -> dict[str, str]:
        return {"text": item.text, "institution": content.acronym(item.note.institution), "trace": cite(item.note),
                "element": element_text(fw, item.note.element, lang)}

    def sources(rec: Recommendation) -> dict[str, str]:
        """Every note a recommendation comes from: identical recommendations of several notes are one."""
        return {"institution": ", ".join(dict.fromkeys(content.acronym(n.institution) for n in rec.notes)),
                "element": "\n".join(dict.fromkeys(element_text(fw, n.element, lang) for n in rec.notes)),
                "trace": "\n".join(cite(n) for n in rec.notes)}

    def assessment(code: str) -> str:
        return translate(NOTES_ASSESSMENTS[code] if code in NOTES_ASSESSMENTS else REPORT_NOT_ASSESSED, lang)

    ids = {note_key(n): r.id for r in content.recommendations for n in r.notes}
    return {
        "findings": [{"heading": f"4.{n} {fw.element_label(group.element, lang)} ({fw.element_number(group.element)})"
                      if fw.element_number(group.element) else f"4.{n} {fw.element_label(group.element, lang)}",
                      "score": translate(REPORT_ELEMENT_SCORE, lang, score=_number(group.score.value, lang))
                      if group.score and group.score.value is not None else "",
                      "entries": [{**about(i), "text": i.text or NONE, "assessment": assessment(i.note.assessment),
                                   "expert": i.note.expert_name or i.note.expert} for i in group.items]}
                     for n, group in enumerate(content.findings, 1)],
        "needs": [{**about(i), "number": str(n)} for n, i in enumerate(content.needs, 1)],
        "challenges": [{**about(i), "number": str(n)} for n, i in enumerate(content.challenges, 1)],
        "recommendations": [{"text": r.text, **sources(r), "id": r.id, "priority": translate(NOTES_PRIORITIES[r.priority], lang)
                             if r.priority in NOTES_PRIORITIES else NONE} for r in content.recommendations],
        "notes": [{"trace": cite(note), "expert": note.expert_name or note.expert,
                   "reference": translate(REPORT_NOTES_RECEIVED, lang, date=_date(note.received, lang)) if note.received else "",
                   "institution": content.acronym(note.institution), "element": element_text(fw, note.element, lang),
                   "questions": question_numbers(fw, note.questions) if note.questions.strip() else NONE,
                   "used_for": ", ".join([translate(REPORT_USED[f], lang) for f in REPORT_USED if getattr(note, f).strip()]
                                         + ([ids[note_key(note)]] if note_key(note) in ids else [])) or NONE}
                  for note in content.notes],
    }


def report_context(catalog: Catalog, content: ReportContent, version: int, lang: str, folder: Path, final: bool = False,
                   approval: dict[str, Any] | None = None, today: dt.date | None = None,
                   observations: Sequence[Unaccepted] = (), charts: Path | None = None) -> dict[str, Any]:
    """The variables ``report_draft.docx`` is rendered with; charts are drawn into ``folder`` (or copied from
    ``charts``, where those drawn in earlier runs are kept).

    ``approval`` (final report): ``approved_by``, ``date`` (a date or ISO text), optionally ``position``, ``reference``,
    ``consent`` (the consent to publish, in words) and ``published`` (the date of publication, else ``today``).
    ``observations`` are the government's observations the panel did not accept, annexed verbatim to the final report."""
    data, fw, round_ = content.data, content.data.framework, content.data.round
    approval, today = dict(approval or {}), today or dt.date.today()
    topic, country = catalog.topic(round_.topic).name(lang), _state(catalog, round_.country, lang)
    framework = translate(REPORT_FRAMEWORK, lang, title=pick(fw.title, lang, fw.default_language), version=fw.version)
    published = _date(approval.get("published") or today, lang)
    cal, contact, coordinator, to_be_set = round_.calendar, round_.contact, round_.panel.coordinator, translate(REPORT_TO_BE_SET, lang)
    visit = (translate(REPORT_VISIT_DATES, lang, start=cal.visit_start, end=cal.visit_end) if cal.visit_start and cal.visit_end
             else _date(cal.visit_start or cal.visit_end, lang))
    dates = {"requested": _date(cal.requested, lang), "questionnaire_deadline": _date(cal.questionnaire_deadline, lang), "visit": visit,
             "report_due": _date(cal.report_due, lang)}
    return {
        "final": final, "labels": {**{key: translate(message, lang) for key, message in REPORT_LABELS.items()},
                                   "results": report_paragraph(fw, lang)},  # the method of the scores (analysis/method_text.py)
        "round_id": round_.id, "header_right": _header(round_.id, lang, final), "topic": topic, "country": country, "footer_text": f"MECIGEP · {topic} · {country}",
        "cover_kind": translate(REPORT_FINAL, lang) if final else translate(REPORT_PRELIMINARY, lang, version=version),
        "cover_date": published if final else _date(today, lang),
        "cover_facts": _facts({"round": _internal(round_.id, final), "approved": _date(approval.get("date"), lang) if final else "",
                               "consent": str(approval.get("consent") or "") if final else ""}, REPORT_COVER_ROWS, lang),
        "placeholders": {"summary": _placeholder(REPORT_PANEL_SUMMARY, lang), "conclusions": _placeholder(REPORT_PANEL_CONCLUSIONS, lang)},
        "scope_text": translate(REPORT_SCOPE, lang, date=cal.requested, country=catalog.states.get(round_.country, country), topic=topic,
                                count=len(round_.institutions), framework=framework),
        "scope_facts": _facts({"round": _internal(round_.id, final), "country": country, "topic": topic, "framework": framework,
                               "language": _language(round_.language, lang),
                               "contact": ", ".join(x for x in (contact.name, contact.position, contact.email) if x)}, REPORT_SCOPE_ROWS, lang),
        "steps": [{"number": str(step.value), "title": translate(REPORT_STEPS[step.value - 1][0], lang),
                   "text": translate(REPORT_STEPS[step.value - 1][1], lang)} for step in Step],
        "stage_text": translate(REPORT_STAGE, lang, stage=m.STAGE_NAMES[round_.stage.value]),
        "experts": [{"name": e.name, "state": _state(catalog, e.state, lang), "institution": e.institution,
                     "notes": translate(REPORT_NOTES_ROWS, lang, count=content.rows_of(e.email)) if content.rows_of(e.email)
                     else translate(REPORT_NO_NOTES, lang)} for e in round_.panel.experts],
        "coordinator": f"{coordinator.name} <{coordinator.email}>" if coordinator else to_be_set,
        "institutions": [{"name": i.institution.name, "acronym": i.institution.acronym,
                          "received": (received_on(i, _date(i.response.received, lang), lang, sentence=True) if i.incomplete
                                       else translate(REPORT_RECEIVED_ON, lang, date=_date(i.response.received, lang))) if i.response
                          else translate(REPORT_NOT_RECEIVED, lang),
                          "overall": _number(i.scores.overall.value if i.scores else None, lang)} for i in data.institutions],
        "dates": [{"label": translate(REPORT_DATES[k], lang), "value": v or to_be_set} for k, v in dates.items()],
        **_results(content, lang, folder, charts), **_notes(catalog, content, lang), "annex": answers_annex(content, lang, final),
        "observations_heading": translate(REPORT_OBSERVATIONS_HEADING, lang, country=catalog.states.get(round_.country, country)),
        "observations": observations_annex(observations, lang),
        "approval": _facts({"approved_by": str(approval.get("approved_by") or NONE), "position": str(approval.get("position") or ""),
                            "date": _date(approval.get("date"), lang) or NONE, "reference": str(approval.get("reference") or ""),
                            "version": translate(REPORT_DRAFT_VERSION, lang, version=version),
                            "consent": str(approval.get("consent") or "")}, REPORT_APPROVAL_ROWS, lang),
        "publication": _facts({"publisher": translate(REPORT_PUBLISHER, lang), "published": published, "round": _internal(round_.id, final),
                               "language": _language(lang, lang), "sources": translate(REPORT_SOURCES, lang, count=len(content.sources))},
                              REPORT_PUBLICATION_ROWS, lang),
    }


def _internal(value: str, final: bool) -> str:
    """What only the panel's draft shows (the round's id): the published report names the round by its country, topic
    and date instead; an empty row is left out."""
    return "" if final else value


def _header(round_id: str, lang: str, final: bool) -> str:
    """The right of every page's header: the round's id on a draft, "Final report" on the published one."""
    return translate(REPORT_FINAL, lang) if final else round_id


def _language(code: str, lang: str) -> str:
    """The name of language ``code`` in ``lang`` ("español")."""
    return Locale.parse(normalise_language(code)).get_display_name(lang) or code


def render_report(catalog: Catalog, content: ReportContent, version: int, target: Path, lang: str | None = None,
                  final: bool = False, approval: dict[str, Any] | None = None, observations: Sequence[Unaccepted] = (),
                  then: Callable[[Any], None] | None = None, charts: Path | None = None) -> Path:
    """Renders the report of ``content`` (draft ``version``, or the final report) into ``target`` atomically; returns
    ``target``. ``lang`` None means the round's working language; ``approval`` and ``observations`` are described at
    ``report_context``. ``then``, when given, gets the finished document before it is saved (the panel's text carried
    over), so that the file is written once. ``charts`` keeps the pictures drawn, to copy them when a later run
    draws the same."""
    language = normalise_language(lang or content.data.round.language)
    with tempfile.TemporaryDirectory(prefix="mecigep-report-") as folder:
        context = report_context(catalog, content, version, language, Path(folder), final, approval, observations=observations,
                                 charts=charts)

        def finish(document: Any) -> None:
            add_comparison(document, content, context["labels"]["h_findings"], language)  # documents/comparison.py
            props = document.core_properties
            props.title = f"MECIGEP — {context['topic']} — {context['country']}"
            props.subject, props.identifier, props.language = context["cover_kind"], content.data.round.id, language
            props.keywords, props.version = f"MECIGEP; {content.data.round.id}", str(version)
            props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
            props.author = props.last_modified_by = PIPELINE_AUTHOR
            fill_contents(document)
            finish_layout(document, language)  # documents/layout.py: rows, headings, addresses, language
            set_custom_properties(document, {"mecigep_kind": "report_final" if final else "report_draft",
                                          "mecigep_round_id": content.data.round.id, "mecigep_draft_version": str(version),
                                          "mecigep_sources": ",".join(content.sources)})
            if then is not None:
                then(document)

        return render(REPORT_TEMPLATE, context, target, finish)
