"""The interview guides: one Word document per institution of a round, for the panel's interviews (step 4).

Each guide gathers what the panel needs in the room: the facts of the visit, the institution's
self-assessed scores (a table and a chart), the gaps the pipeline flagged, and, dimension by
dimension, every question with the institution's answer, its evidence, the framework's interview
prompt and room for notes. An institution that sent nothing gets a guide that says so, with all the
prompts. One template, ``templates_docx/interview_guide.docx``, serves every language: its wording
is ``labels`` (translated here).
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from docx.shared import Cm

from pipeline.analysis.check_text import guide_sentence
from pipeline.analysis.checks import Gap, GapKind
from pipeline.analysis.round_data import InstitutionData, RoundData
from pipeline.analysis.scoring import Score
from pipeline.documents.charts import Chart, dimension_scores
from pipeline.documents.receipt import TEMPLATES
from pipeline.documents.render import Picture, render
from pipeline.domain.answers import AnswerStatus
from pipeline.domain.catalog import Catalog
from pipeline.domain.framework import Question, QuestionType, pick
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.messages.checks import CHECK_EXPLAINED_GUIDE, GUIDE_CORRECTED
from pipeline.i18n.messages.guide import (
    GUIDE_ANSWER,
    GUIDE_CHART_CAPTION,
    GUIDE_CHART_CAPTION_MEAN,
    GUIDE_CHART_TITLE,
    GUIDE_COORDINATOR,
    GUIDE_COUNTRY,
    GUIDE_DEPARTMENT,
    GUIDE_DETAIL,
    GUIDE_DIMENSION,
    GUIDE_DIMENSION_SUMMARY,
    GUIDE_DOES_NOT_APPLY,
    GUIDE_EVIDENCE,
    GUIDE_EVIDENCE_MISSING,
    GUIDE_EXPERT,
    GUIDE_FACTS_HEADING,
    GUIDE_FLAGS,
    GUIDE_FOOTER,
    GUIDE_FRAMEWORK,
    GUIDE_FRAMEWORK_VERSION,
    GUIDE_GAP_DISAGREEMENT,
    GUIDE_GAP_LOW,
    GUIDE_GAP_MISSING,
    GUIDE_GAP_NO_EVIDENCE,
    GUIDE_GAP_NOT_RECEIVED,
    GUIDE_GAPS_HEADING,
    GUIDE_GAPS_INTRO,
    GUIDE_INSTITUTION,
    GUIDE_INTRO,
    GUIDE_INVALID,
    GUIDE_ITEM,
    GUIDE_MEAN,
    GUIDE_NO_ANSWER,
    GUIDE_NO_GAPS,
    GUIDE_NOT_RECEIVED,
    GUIDE_NOT_SENT,
    GUIDE_NOTES,
    GUIDE_ORGANISATION,
    GUIDE_OVERALL,
    GUIDE_OVERALL_DETAIL,
    GUIDE_PANEL,
    GUIDE_PROMPT,
    GUIDE_RECEIVED,
    GUIDE_ROUND,
    GUIDE_SCALE_NOTE,
    GUIDE_SCORE,
    GUIDE_SCORED,
    GUIDE_SCORED_COUNT,
    GUIDE_SCORES_HEADING,
    GUIDE_TITLE,
    GUIDE_TO_BE_SET,
    GUIDE_TOPIC,
    GUIDE_VISIT,
    GUIDE_VISIT_DATES,
)
from pipeline.i18n.translation import format_date, format_number, translate

GUIDE_TEMPLATE = TEMPLATES / "interview_guide.docx"
FOLDER = "guias"
CHART_WIDTH = Cm(16)
NONE = "—"

LABELS = {
    "organisation": GUIDE_ORGANISATION, "department": GUIDE_DEPARTMENT, "footer": GUIDE_FOOTER, "title": GUIDE_TITLE,
    "intro": GUIDE_INTRO, "facts_heading": GUIDE_FACTS_HEADING, "item": GUIDE_ITEM, "detail": GUIDE_DETAIL,
    "scores_heading": GUIDE_SCORES_HEADING, "overall": GUIDE_OVERALL, "dimension": GUIDE_DIMENSION,
    "score": GUIDE_SCORE, "scored": GUIDE_SCORED, "scale_note": GUIDE_SCALE_NOTE, "gaps_heading": GUIDE_GAPS_HEADING,
    "gaps_intro": GUIDE_GAPS_INTRO, "no_gaps": GUIDE_NO_GAPS, "answer": GUIDE_ANSWER, "evidence": GUIDE_EVIDENCE,
    "flags": GUIDE_FLAGS, "prompt": GUIDE_PROMPT, "notes": GUIDE_NOTES,
}


def _score(score: Score | None, lang: str) -> str:
    return NONE if score is None or score.value is None else format_number(score.value, lang, digits=1)


def level_names(lang: str) -> list[str]:
    """The names of the five levels ("3 – Implemented"), from the questionnaire's scale."""
    return [translate(m.Q_SCALE[level], lang).split(":")[0] for level in ("0", "1", "2", "3", "4")]


def answer_text(data: RoundData, inst: InstitutionData, q: Question, lang: str) -> str:
    """The institution's answer as it reads in ``lang``: the option's label, a number, a date, the text."""
    if inst.response is None:
        return translate(GUIDE_NOT_SENT, lang)
    answer = inst.answers.get(q.name)
    if answer is not None and answer.status is AnswerStatus.NOT_APPLICABLE:
        return translate(GUIDE_DOES_NOT_APPLY, lang)
    value = answer.value if answer else None
    if value in (None, "", [], ()):
        return translate(GUIDE_INVALID, lang, value=typed_text(answer.raw)) if answer and answer.given else translate(GUIDE_NO_ANSWER, lang)
    framework = data.framework
    options = {c.name: pick(c.label, lang, framework.default_language) or c.name for c in framework.options(q)}
    if q.type is QuestionType.SELECT_ONE:
        return options.get(str(value), str(value))
    if q.type is QuestionType.SELECT_MULTIPLE:
        return "\n".join(options.get(str(v), str(v)) for v in (value if isinstance(value, (list, tuple)) else [value]))
    if q.type in (QuestionType.INTEGER, QuestionType.DECIMAL) and isinstance(value, (int, float)):
        return str(format_decimal(value, format="#,##0.##", locale=lang))
    if q.type is QuestionType.DATE and isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def evidence_text(inst: InstitutionData, q: Question, lang: str) -> str:
    answer = inst.answers.get(q.name)
    if answer is not None and answer.evidence:
        return answer.evidence
    return translate(GUIDE_EVIDENCE_MISSING, lang) if answer is not None and answer.status is AnswerStatus.EVIDENCE_MISSING else NONE


def typed_text(raw: object) -> str:
    """What an official typed, as text; for a multiple choice, each option's cell as 'option: typed'."""
    if isinstance(raw, tuple):
        return "; ".join(f"{code}: {value}" for code, value in raw)
    return str(raw)


def _concerns(gap: Gap, institution: str) -> bool:
    return gap.institution == institution or (
        gap.kind is GapKind.DISAGREEMENT and institution in (gap.detail.get("high"), gap.detail.get("low")))


def _acronym(data: RoundData, ref: object) -> str:
    found = data.round.institution(str(ref))
    return found.acronym if found else str(ref)


def _gap(gap: Gap, data: RoundData, lang: str) -> str:
    """A gap or quality check as a sentence in ``lang``, with staff's note when they marked it explained."""
    text = _gap_sentence(gap, data, lang)
    mark = data.marks.get(gap.key)
    return f"{text} {translate(CHECK_EXPLAINED_GUIDE, lang, note=mark.note)}" if mark else text


def _gap_sentence(gap: Gap, data: RoundData, lang: str) -> str:
    element = pick(data.framework.elements.get(gap.element or "", {}), lang) or gap.element or ""
    if (check := guide_sentence(gap, lang, lambda ref: _acronym(data, ref), element)) is not None:
        return check
    if gap.kind is GapKind.NOT_RECEIVED:
        return translate(GUIDE_GAP_NOT_RECEIVED, lang)
    if gap.kind is GapKind.DISAGREEMENT:
        d = gap.detail
        return translate(GUIDE_GAP_DISAGREEMENT, lang, element=pick(data.framework.elements.get(gap.element or "", {}), lang)
                         or gap.element, high=_acronym(data, d.get("high")), low=_acronym(data, d.get("low")),
                         high_score=format_number(float(d.get("high_score", 0)), lang),  # type: ignore[arg-type]
                         low_score=format_number(float(d.get("low_score", 0)), lang))  # type: ignore[arg-type]
    message = {GapKind.MISSING: GUIDE_GAP_MISSING, GapKind.LOW: GUIDE_GAP_LOW, GapKind.NO_EVIDENCE: GUIDE_GAP_NO_EVIDENCE}[gap.kind]
    return translate(message, lang, question=gap.question, level=gap.detail.get("level", ""))


def _corrected(inst: InstitutionData, q: Question, lang: str) -> list[str]:
    """The DGPE correction of the institution's answer to ``q``, as a line; none when it was not corrected."""
    found = inst.corrected.get(q.name)
    if found is None:
        return []
    return [translate(GUIDE_CORRECTED, lang, by=found.by, date=format_date(dt.date.fromisoformat(found.at[:10]), lang),
                      note=found.note)]


def _facts(catalog: Catalog, data: RoundData, inst: InstitutionData, lang: str) -> list[dict[str, str]]:
    round_ = data.round

    def state(code: str) -> str:
        try:
            return catalog.state(code).name(lang)
        except UserError:
            return code

    calendar = round_.calendar
    visit = (translate(GUIDE_VISIT_DATES, lang, start=calendar.visit_start, end=calendar.visit_end)
             if calendar.visit_start and calendar.visit_end else format_date(calendar.visit_start or calendar.visit_end, lang)
             or translate(GUIDE_TO_BE_SET, lang))
    experts = "\n".join(translate(GUIDE_EXPERT, lang, name=e.name, state=state(e.state), institution=e.institution)
                        for e in round_.panel.experts) or translate(GUIDE_TO_BE_SET, lang)
    coordinator = round_.panel.coordinator
    received = (format_date(dt.datetime.fromisoformat(inst.response.received).date(), lang) if inst.response
                else translate(GUIDE_NOT_SENT, lang))
    rows = [
        (GUIDE_ROUND, round_.id), (GUIDE_COUNTRY, state(round_.country)), (GUIDE_TOPIC, catalog.topic(round_.topic).name(lang)),
        (GUIDE_INSTITUTION, f"{inst.institution.name} ({inst.institution.acronym})"),
        (GUIDE_FRAMEWORK, translate(GUIDE_FRAMEWORK_VERSION, lang, title=pick(data.framework.title, lang),
                                    version=data.framework.version)),
        (GUIDE_PANEL, experts),
        (GUIDE_COORDINATOR, f"{coordinator.name} <{coordinator.email}>" if coordinator else translate(GUIDE_TO_BE_SET, lang)),
        (GUIDE_VISIT, visit), (GUIDE_RECEIVED, received),
    ]
    return [{"label": translate(label, lang), "value": value} for label, value in rows]


def _chart(data: RoundData, inst: InstitutionData, lang: str, folder: Path) -> Chart:
    """The institution's scores by dimension, beside the mean of the institutions that answered (when several did)."""
    dims = [d for d in data.framework.dimensions if inst.scores and inst.scores.dimensions[d.name].total]
    series = {inst.institution.acronym: [inst.scores.dimensions[d.name].value for d in dims]}  # type: ignore[union-attr]
    scored = [i.scores for i in data.received if i.scores is not None]
    if len(scored) > 1:
        means = []
        for d in dims:
            values = [s.dimensions[d.name].value for s in scored if s.dimensions[d.name].value is not None]
            means.append(sum(values) / len(values) if values else None)  # type: ignore[arg-type]
        series[translate(GUIDE_MEAN, lang, count=len(scored))] = means
    title = translate(GUIDE_CHART_TITLE, lang, institution=inst.institution.acronym)
    return dimension_scores([pick(d.label, lang) for d in dims], series, title, folder / f"{inst.institution.id}.png",
                            level_names(lang), lang)


def guide_context(catalog: Catalog, data: RoundData, inst: InstitutionData, lang: str, chart: Chart | None) -> dict[str, Any]:
    """The variables ``interview_guide.docx`` is rendered with (``chart`` None when the institution sent nothing)."""
    fw, scores, institution = data.framework, inst.scores, inst.institution
    mine = [g for g in data.gaps if _concerns(g, institution.id)]
    answered = sum(i.scores is not None for i in data.received)
    dimensions, rows = [], []
    for number, d in enumerate(fw.dimensions, 1):
        heading, s = f"{number}. {pick(d.label, lang, fw.default_language)}", scores.dimensions[d.name] if scores else None
        if s is not None:
            rows.append({"label": heading, "score": _score(s, lang),
                         "scored": translate(GUIDE_SCORED_COUNT, lang, scored=s.scored, total=s.total)})
        questions = [{"heading": f"{fw.number(q) or q.name} — {pick(q.label, lang, fw.default_language)}",
                      "answer": answer_text(data, inst, q, lang), "evidence": evidence_text(inst, q, lang),
                      "flags": "\n".join([_gap(g, data, lang) for g in mine if g.question == q.name] + _corrected(inst, q, lang)),
                      "prompt": pick(q.prompt, lang, fw.default_language) or NONE}
                     for q in d.questions if q.answerable]
        summary = (translate(GUIDE_DIMENSION_SUMMARY, lang, score=_score(s, lang), scored=s.scored, total=s.total)
                   if s and s.total else "")
        dimensions.append({"heading": heading, "summary": summary, "questions": questions})
    return {
        "language": lang,
        "labels": {key: translate(message, lang) for key, message in LABELS.items()},
        "subtitle": f"{institution.name} ({institution.acronym})",
        "facts": _facts(catalog, data, inst, lang),
        "received": scores is not None,
        "overall": _score(scores.overall if scores else None, lang),
        "overall_detail": (translate(GUIDE_OVERALL_DETAIL, lang, scored=scores.overall.scored, total=scores.overall.total)
                           if scores else ""),
        "scores": rows,
        "chart": Picture(str(chart.path), chart.alt_text, chart.title, CHART_WIDTH) if chart else "",
        "chart_caption": translate(GUIDE_CHART_CAPTION_MEAN if answered > 1 else GUIDE_CHART_CAPTION, lang, count=answered),
        "not_received": translate(GUIDE_NOT_RECEIVED, lang, institution=institution.acronym),
        "gaps": [_gap(g, data, lang) for g in mine],
        "dimensions": dimensions,
    }


def write_guides(catalog: Catalog, data: RoundData, folder: Path, lang: str) -> list[Path]:
    """Writes one interview guide per institution of the round into ``folder``; returns the files, in the round's order."""
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="mecigep-charts-") as charts:
        for inst in data.institutions:
            chart = _chart(data, inst, lang, Path(charts)) if inst.scores else None
            target = folder / f"guia-{inst.institution.id}.docx"
            written.append(render(GUIDE_TEMPLATE, guide_context(catalog, data, inst, lang, chart), target))
    return written
