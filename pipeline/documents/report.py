"""The report of a round: the preliminary report (draft version N) the panel edits, and the final report OAS publishes.

One template, ``templates_docx/report_draft.docx``, serves both and every language: ``final`` switches the cover,
drops the draft marking and adds the approval and publication record. The panel's sections (executive summary,
findings per dimension, conclusions) are headings with ``mecigep_panel_<id>`` bookmarks followed by a ``⟦…⟧``
placeholder, as docs/report-drafts.md fixes. After rendering, the document's custom properties say what it is
(``mecigep_kind``, ``mecigep_round_id``, ``mecigep_draft_version``, ``mecigep_sources``).
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any, Callable, Mapping

from babel import Locale
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from pipeline.analysis.method_text import report_paragraph
from pipeline.analysis.report_content import Item, Recommendation, ReportContent
from pipeline.documents.charts import Chart, cached, dimension_scores, institutions_compared
from pipeline.documents.comparison import add_comparison
from pipeline.documents.guide import answer_text, evidence_text, level_names
from pipeline.documents.panel_text import visible_text
from pipeline.documents.properties import set_custom_properties
from pipeline.documents.receipt import TEMPLATES
from pipeline.documents.render import Picture, render
from pipeline.domain.catalog import Catalog
from pipeline.domain.framework import pick
from pipeline.domain.notes import note_key
from pipeline.domain.problems import UserError
from pipeline.domain.stages import Step
from pipeline.i18n import messages as m
from pipeline.i18n.messages.notes import NOTES_ASSESSMENTS, NOTES_PRIORITIES, NOTES_PRIORITY_MEANING
from pipeline.i18n.messages.report import (
    REPORT_ANNEX_MISSING,
    REPORT_ANNEX_RECEIVED,
    REPORT_APPROVAL_ROWS,
    REPORT_COVER_ROWS,
    REPORT_DATES,
    REPORT_DIMENSION_CAPTION,
    REPORT_DIMENSION_TITLE,
    REPORT_DRAFT_MARK,
    REPORT_DRAFT_VERSION,
    REPORT_ELEMENT_SCORE,
    REPORT_FINAL,
    REPORT_FRAMEWORK,
    REPORT_MEAN,
    REPORT_MISSING,
    REPORT_NO_NOTES,
    REPORT_NOT_ASSESSED,
    REPORT_NOT_RECEIVED,
    REPORT_NOTES_ROWS,
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
from pipeline.i18n.translation import N_, format_date, format_number, normalise_language, translate

REPORT_LABELS = {
    "organisation": N_("Organization of American States"), "department": N_("Department for Effective Public Management (DGPE)"),
    "mechanism": N_("Inter-American Cooperation Mechanism for Effective Public Management"), "draft_mark": REPORT_DRAFT_MARK,
    "draft_notice": N_("Draft for discussion between the panel and the beneficiary state: not for citation or distribution."),
    "contents": N_("Contents"),
    "toc_hint": N_("Page numbers are added when the table is updated: Word does it on opening; in LibreOffice, use Tools › Update › Update All."),
    "summary": N_("Executive summary"), "h_scope": N_("1. The request and the scope of the review"), "h_method": N_("2. Methodology"),
    "h_steps": N_("2.1 The seven steps of MECIGEP"), "h_panel": N_("2.2 The panel of peer experts"),
    "h_institutions": N_("2.3 The institutions reviewed"), "h_dates": N_("2.4 Dates of the review"),
    "h_results": N_("3. Results of the self-assessment"), "h_findings": N_("4. Findings of the interviews"),
    "h_needs": N_("5. Cooperation needs"), "h_challenges": N_("6. Reform and innovation challenges"),
    "h_recommendations": N_("7. Recommendations"), "h_conclusions": N_("8. Conclusions"),
    "h_approval": N_("Approval and publication"), "h_approval_record": N_("Approval record"), "h_publication": N_("Publication"),
    "h_annex_answers": N_("Annex A. The institutions' answers"), "h_annex_notes": N_("Annex B. The interview notes"),
    "item": N_("Item"), "detail": N_("Details"), "expert": N_("Expert"), "member_state": N_("Member state"),
    "institution": N_("Institution"), "notes_column": N_("Interview notes"), "coordinator": N_("DGPE coordinator"),
    "acronym": N_("Acronym"), "questionnaire": N_("Questionnaire"), "overall": N_("Overall score"), "milestone": N_("Milestone"),
    "date": N_("Date"), "score": N_("Score (0–4)"), "scored": N_("Questions scored"), "no": N_("No."), "text": N_("Text"),
    "concerns": N_("Institution, element, source"), "id": N_("Id"), "recommendation": N_("Recommendation"),
    "priority": N_("Priority"), "question": N_("Question"), "answer": N_("Answer"), "evidence": N_("Evidence / comments"),
    "trace": N_("Reference"), "element": N_("Institution and element"), "questions": N_("Questions"), "used_for": N_("Used for"),
    "no_findings": N_("No interview notes with findings have been received yet."),
    "no_needs": N_("No cooperation need has been recorded yet."), "no_challenges": N_("No challenge has been recorded yet."),
    "no_recommendations": N_("No recommendation has been recorded yet."),
    "method": N_("MECIGEP is a peer review: a panel of experts from other member states examines with the institutions of the beneficiary state how a topic of its public management works in practice, and proposes cooperation and improvements. A review runs in seven steps."),
    "overview_caption": N_("Scores on the maturity scale from 0 to 4, by dimension, of each institution that answered."),
    "findings_text": N_("For each positive element of the framework, what the experts found in the interviews, with their assessment of what the institution stated and the expert who recorded it. The reference after each (expert/institution/element) leads to annex B."),
    "needs_text": N_("What the institutions need from cooperation, as the experts recorded it in the interviews."),
    "challenges_text": N_("The reforms and innovations ahead, as the experts recorded them, institution by institution."),
    "recommendations_text": N_("The panel's recommendations. Each keeps its identifier from one version of the report to the next."),
    "priority_meaning": NOTES_PRIORITY_MEANING,
    "approval_text": N_("The beneficiary state approved this report, and the OAS published it, as recorded below."),
    "annex_text": N_("Every answer of each institution's questionnaire, with its evidence, by question id; annex B names the questions each interview note concerns."),
    "notes_text": N_("The interview notes the report draws on, one line per expert, institution and element: the reference cited in sections 4 to 7, the expert's notes file, the questions concerned and what the note was used for."),
}

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
            rows.append({"name": translate(REPORT_MEAN, lang, count=result.scored), "score": _number(result.mean, lang), "scored": ""})
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


def _notes(content: ReportContent, lang: str) -> dict[str, Any]:
    """Sections 4 to 7 and annex B: findings by element, needs, challenges, recommendations and the notes they come from."""
    def about(item: Item | Recommendation) -> dict[str, str]:
        return {"text": item.text, "institution": content.acronym(item.note.institution), "trace": item.trace,
                "element": content.element(item.note.element, lang)}

    def assessment(code: str) -> str:
        return translate(NOTES_ASSESSMENTS[code] if code in NOTES_ASSESSMENTS else REPORT_NOT_ASSESSED, lang)

    ids = {note_key(r.note): r.id for r in content.recommendations}
    return {
        "findings": [{"heading": f"4.{n} {content.element(group.element, lang)}",
                      "score": translate(REPORT_ELEMENT_SCORE, lang, score=_number(group.score.value, lang))
                      if group.score and group.score.value is not None else "",
                      "entries": [{**about(i), "text": i.text or NONE, "assessment": assessment(i.note.assessment),
                                   "expert": i.note.expert_name or i.note.expert} for i in group.items]}
                     for n, group in enumerate(content.findings, 1)],
        "needs": [{**about(i), "number": str(n)} for n, i in enumerate(content.needs, 1)],
        "challenges": [{**about(i), "number": str(n)} for n, i in enumerate(content.challenges, 1)],
        "recommendations": [{**about(r), "id": r.id, "priority": translate(NOTES_PRIORITIES[r.priority], lang)
                             if r.priority in NOTES_PRIORITIES else NONE} for r in content.recommendations],
        "notes": [{"trace": content.traces[note_key(note)], "expert": note.expert_name or note.expert, "reference": note.notes_id,
                   "institution": content.acronym(note.institution), "element": content.element(note.element, lang),
                   "questions": note.questions or NONE,
                   "used_for": ", ".join([translate(REPORT_USED[f], lang) for f in REPORT_USED if getattr(note, f).strip()]
                                         + ([ids[note_key(note)]] if note_key(note) in ids else [])) or NONE}
                  for note in content.notes],
    }


def _annex(content: ReportContent, lang: str) -> list[dict[str, Any]]:
    """Annex A: every institution's answers with their evidence (none for one that sent nothing)."""
    data, fw = content.data, content.data.framework
    return [{"heading": f"A.{n} {i.institution.name} ({i.institution.acronym})",
             "detail": translate(REPORT_ANNEX_RECEIVED, lang, date=_date(i.response.received, lang), sha256=i.response.sha256)
             if i.response else translate(REPORT_ANNEX_MISSING, lang),
             "answers": [{"id": q.name, "question": pick(q.label, lang, fw.default_language), "answer": answer_text(data, i, q, lang),
                          "evidence": evidence_text(i, q, lang)} for q in fw.questions if q.answerable] if i.response else []}
            for n, i in enumerate(data.institutions, 1)]


def report_context(catalog: Catalog, content: ReportContent, version: int, lang: str, folder: Path, final: bool = False,
                   approval: dict[str, Any] | None = None, today: dt.date | None = None,
                   charts: Path | None = None) -> dict[str, Any]:
    """The variables ``report_draft.docx`` is rendered with; charts are drawn into ``folder`` (or copied from
    ``charts``, where those drawn in earlier runs are kept).

    ``approval`` (final report): ``approved_by``, ``date`` (a date or ISO text), optionally ``position``, ``reference``
    and ``published`` (the date of publication, else ``today``)."""
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
        "round_id": round_.id, "topic": topic, "country": country, "footer_text": f"MECIGEP · {topic} · {country}",
        "cover_kind": translate(REPORT_FINAL, lang) if final else translate(REPORT_PRELIMINARY, lang, version=version),
        "cover_date": published if final else _date(today, lang),
        "cover_facts": _facts({"round": round_.id, "approved": _date(approval.get("date"), lang) if final else ""}, REPORT_COVER_ROWS, lang),
        "placeholders": {"summary": _placeholder(REPORT_PANEL_SUMMARY, lang), "conclusions": _placeholder(REPORT_PANEL_CONCLUSIONS, lang)},
        "scope_text": translate(REPORT_SCOPE, lang, date=cal.requested, country=country, topic=topic,
                                count=len(round_.institutions), framework=framework),
        "scope_facts": _facts({"round": round_.id, "country": country, "topic": topic, "framework": framework,
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
                          "received": translate(REPORT_RECEIVED_ON, lang, date=_date(i.response.received, lang)) if i.response
                          else translate(REPORT_NOT_RECEIVED, lang),
                          "overall": _number(i.scores.overall.value if i.scores else None, lang)} for i in data.institutions],
        "dates": [{"label": translate(REPORT_DATES[k], lang), "value": v or to_be_set} for k, v in dates.items()],
        **_results(content, lang, folder, charts), **_notes(content, lang), "annex": _annex(content, lang),
        "approval": _facts({"approved_by": str(approval.get("approved_by") or NONE), "position": str(approval.get("position") or ""),
                            "date": _date(approval.get("date"), lang) or NONE, "reference": str(approval.get("reference") or ""),
                            "version": translate(REPORT_DRAFT_VERSION, lang, version=version)}, REPORT_APPROVAL_ROWS, lang),
        "publication": _facts({"publisher": translate(REPORT_PUBLISHER, lang), "published": published, "round": round_.id,
                               "language": _language(lang, lang), "sources": translate(REPORT_SOURCES, lang, count=len(content.sources))},
                              REPORT_PUBLICATION_ROWS, lang),
    }


def _language(code: str, lang: str) -> str:
    """The name of language ``code`` in ``lang`` ("español")."""
    return Locale.parse(normalise_language(code)).get_display_name(lang) or code


def fill_contents(document: Any) -> None:
    """Writes the headings into the table of contents as its last result, so that a reader that does not refresh
    fields (LibreOffice, a PDF made by it) shows them; Word rebuilds the table with page numbers on opening."""
    body = document.element.body
    field = next((p for p in body.iter(qn("w:p")) if any("TOC" in (i.text or "") for i in p.iter(qn("w:instrText")))), None)
    if field is None:
        return
    levels = {s.style_id: int(s.name[-1]) for s in document.styles if re.fullmatch(r"Heading [1-3]", s.name or "")}
    toc = {level: document.styles[f"TOC {level}"].style_id for level in (1, 2, 3)}
    end = [r for r in field.iter(qn("w:r")) if r.find(qn("w:fldChar")) is not None][-1]
    last = field
    for paragraph in list(body)[list(body).index(field) + 1:]:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        level = levels.get(style.get(qn("w:val")) if style is not None else None)
        if paragraph.tag != qn("w:p") or level is None:
            continue
        entry = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{toc[level]}"/></w:pPr><w:r><w:t xml:space="preserve"/></w:r></w:p>')
        entry.find(f".//{qn('w:t')}").text = visible_text(paragraph)
        last.addnext(entry)
        last = entry
    last.append(end)


def render_report(catalog: Catalog, content: ReportContent, version: int, target: Path, lang: str | None = None,
                  final: bool = False, approval: dict[str, Any] | None = None,
                  then: Callable[[Any], None] | None = None, charts: Path | None = None) -> Path:
    """Renders the report of ``content`` (draft ``version``, or the final report) into ``target`` atomically; returns
    ``target``. ``lang`` None means the round's working language; ``approval`` is described at ``report_context``.
    ``then``, when given, gets the finished document before it is saved (the panel's text carried over), so that
    the file is written once. ``charts`` keeps the pictures drawn, to copy them when a later run draws the same."""
    language = normalise_language(lang or content.data.round.language)
    with tempfile.TemporaryDirectory(prefix="mecigep-report-") as folder:
        context = report_context(catalog, content, version, language, Path(folder), final, approval, charts=charts)

        def finish(document: Any) -> None:
            add_comparison(document, content, context["labels"]["h_findings"], language)  # documents/comparison.py
            props = document.core_properties
            props.title = f"MECIGEP — {context['topic']} — {context['country']}"
            props.subject, props.identifier, props.language = context["cover_kind"], content.data.round.id, language
            props.keywords, props.version = f"MECIGEP; {content.data.round.id}", str(version)
            props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
            fill_contents(document)
            set_custom_properties(document, {"mecigep_kind": "report_final" if final else "report_draft",
                                          "mecigep_round_id": content.data.round.id, "mecigep_draft_version": str(version),
                                          "mecigep_sources": ",".join(content.sources)})
            if then is not None:
                then(document)

        return render(REPORT_TEMPLATE, context, target, finish)
