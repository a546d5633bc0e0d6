"""The interview guides: one Word document per institution of a round, for the panel's interviews (step 3).

Each guide gathers what the panel needs in the room: the facts of the visit, the institution's
self-assessed scores (a table and a chart), the gaps the pipeline flagged, and, dimension by
dimension, every question with the institution's answer, its evidence, the framework's interview
prompt and room for notes. An institution that sent nothing gets a guide that says so, with all the
prompts. One template, ``templates_docx/interview_guide.docx``, serves every language: its wording
is ``labels`` (translated here).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from docx.shared import Cm

from pipeline.analysis.scoring import Gap, GapKind, Score
from pipeline.documents.charts import Chart, dimension_scores
from pipeline.documents.receipt import TEMPLATES
from pipeline.documents.render import Picture, render
from pipeline.domain.framework import Question, QuestionType, pick
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import N_, format_date, format_number, normalise_language, translate
from pipeline.ledger.workspace import Workspace
from pipeline.stages.round_data import InstitutionData, RoundData, load

# Wording of the guide. Msgids equal to ones already in the catalogue reuse their translations.
GUIDE_ORGANISATION = N_("Organization of American States")
GUIDE_DEPARTMENT = N_("Department for Effective Public Management (DGPE)")
GUIDE_FOOTER = N_("Produced automatically by MECIGEP, the document pipeline of the OAS/DGPE.")
GUIDE_TITLE = N_("Interview guide")
GUIDE_INTRO = N_(
    "This guide prepares the interview of the panel of peer experts with the institution. It sets out the "
    "institution's self-assessment: its scores, the points flagged in its answers, and each answer with its "
    "evidence beside the framework's interview prompt, with room for the panel's notes. It is a working "
    "document of the panel."
)
GUIDE_FACTS_HEADING = N_("The interview")
GUIDE_ITEM = N_("Item")
GUIDE_DETAIL = N_("Details")
GUIDE_ROUND = N_("Round")
GUIDE_COUNTRY = N_("Beneficiary state")
GUIDE_TOPIC = N_("Topic")
GUIDE_INSTITUTION = N_("Institution")
GUIDE_FRAMEWORK = N_("Analytical framework")
GUIDE_FRAMEWORK_VERSION = N_("{title} (version {version})")
GUIDE_PANEL = N_("Panel")
GUIDE_EXPERT = N_("{name} ({state}), {institution}")
GUIDE_COORDINATOR = N_("DGPE coordinator")
GUIDE_VISIT = N_("Visit")
GUIDE_VISIT_DATES = N_("From {start} to {end}")
GUIDE_TO_BE_SET = N_("To be set")
GUIDE_RECEIVED = N_("Questionnaire received")
GUIDE_NOT_SENT = N_("Not received")
GUIDE_SCORES_HEADING = N_("Self-assessed scores")
GUIDE_OVERALL = N_("Overall score")
GUIDE_OVERALL_DETAIL = N_("out of 4, from {scored} of the {total} maturity questions")
GUIDE_DIMENSION = N_("Dimension")
GUIDE_SCORE = N_("Score (0–4)")
GUIDE_SCORED = N_("Questions scored")
GUIDE_SCORED_COUNT = N_("{scored} of {total}")
GUIDE_CHART_TITLE = N_("Self-assessed scores of {institution} by dimension")
GUIDE_MEAN = N_("Mean of the {count} institutions that answered")
GUIDE_CHART_CAPTION = N_("The institution's self-assessed score in each dimension, on the scale from 0 to 4.")
GUIDE_CHART_CAPTION_MEAN = N_(
    "The institution's self-assessed score in each dimension, on the scale from 0 to 4, beside the mean of the "
    "{count} institutions that answered."
)
GUIDE_SCALE_NOTE = N_(
    "A score is the weighted mean of the levels (0 to 4) the institution chose; answers of \"not applicable\" "
    "and \"insufficient information\" do not score."
)
GUIDE_NOT_RECEIVED = N_(
    "{institution} has not sent its questionnaire: there are no answers or scores to discuss. The questions "
    "below, with the framework's interview prompts, can guide the interview all the same."
)
GUIDE_GAPS_HEADING = N_("Points to raise")
GUIDE_GAPS_INTRO = N_("These points were flagged for the institution:")
GUIDE_NO_GAPS = N_("No point was flagged for the institution.")
GUIDE_GAP_NOT_RECEIVED = N_("The institution has not sent its questionnaire.")
GUIDE_GAP_MISSING = N_("Question {question} is required but was left unanswered.")
GUIDE_GAP_LOW = N_("Question {question} is self-assessed at level {level}, a low score.")
GUIDE_GAP_NO_EVIDENCE = N_("Question {question} claims level {level} without the evidence the framework asks for.")
GUIDE_GAP_DISAGREEMENT = N_(
    "On “{element}” the institutions differ widely: {high} scores {high_score} and {low} scores {low_score}."
)
GUIDE_DIMENSION_SUMMARY = N_("Score of the dimension: {score} ({scored} of {total} maturity questions scored).")
GUIDE_ANSWER = N_("Answer")
GUIDE_EVIDENCE = N_("Evidence / comments")
GUIDE_FLAGS = N_("Flagged")
GUIDE_PROMPT = N_("Interview prompt")
GUIDE_NOTES = N_("Panel notes")
GUIDE_NO_ANSWER = N_("No answer")
GUIDE_DOES_NOT_APPLY = N_("Does not apply")
GUIDE_INVALID = N_("{value} (not a valid answer)")
GUIDE_EVIDENCE_MISSING = N_("Evidence missing")

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
    if inst.statuses.get(q.name) == "not_applicable":
        return translate(GUIDE_DOES_NOT_APPLY, lang)
    value = inst.answers.get(q.name)
    if value in (None, "", [], ()):
        raw = inst.raw.get(q.name)
        return translate(GUIDE_NO_ANSWER, lang) if raw in (None, "") else translate(GUIDE_INVALID, lang, value=str(raw))
    framework = data.framework
    options = {c.name: pick(c.label, lang, framework.default_language) or c.name for c in framework.options(q)}
    if q.type is QuestionType.SELECT_ONE:
        return options.get(str(value), str(value))
    if q.type is QuestionType.SELECT_MULTIPLE:
        return "\n".join(options.get(str(v), str(v)) for v in (value if isinstance(value, (list, tuple)) else [value]))
    if q.type in (QuestionType.INTEGER, QuestionType.DECIMAL) and isinstance(value, (int, float)):
        return str(format_decimal(value, format="#,##0.##", locale=lang))
    if q.type is QuestionType.DATE:
        try:
            return format_date(dt.date.fromisoformat(str(value)[:10]), lang)
        except ValueError:
            return str(value)
    return str(value)


def evidence_text(inst: InstitutionData, q: Question, lang: str) -> str:
    given = inst.evidence.get(q.name)
    if given not in (None, ""):
        return str(given)
    return translate(GUIDE_EVIDENCE_MISSING, lang) if inst.statuses.get(q.name) == "evidence_missing" else NONE


def _concerns(gap: Gap, institution: str) -> bool:
    return gap.institution == institution or (
        gap.kind is GapKind.DISAGREEMENT and institution in (gap.detail.get("high"), gap.detail.get("low")))


def _acronym(data: RoundData, ref: object) -> str:
    found = data.round.institution(str(ref))
    return found.acronym if found else str(ref)


def _gap(gap: Gap, data: RoundData, lang: str) -> str:
    """A gap as a sentence in ``lang``."""
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


def _facts(workspace: Workspace, data: RoundData, inst: InstitutionData, lang: str) -> list[dict[str, str]]:
    round_, catalog = data.round, workspace.catalog

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


def guide_context(workspace: Workspace, data: RoundData, inst: InstitutionData, lang: str, chart: Chart | None) -> dict[str, Any]:
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
        questions = [{"heading": f"{q.name} — {pick(q.label, lang, fw.default_language)}",
                      "answer": answer_text(data, inst, q, lang), "evidence": evidence_text(inst, q, lang),
                      "flags": "\n".join(_gap(g, data, lang) for g in mine if g.question == q.name),
                      "prompt": pick(q.prompt, lang, fw.default_language) or NONE}
                     for q in d.questions if q.answerable]
        summary = (translate(GUIDE_DIMENSION_SUMMARY, lang, score=_score(s, lang), scored=s.scored, total=s.total)
                   if s and s.total else "")
        dimensions.append({"heading": heading, "summary": summary, "questions": questions})
    return {
        "language": lang,
        "labels": {key: translate(message, lang) for key, message in LABELS.items()},
        "subtitle": f"{institution.name} ({institution.acronym})",
        "facts": _facts(workspace, data, inst, lang),
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


def write_guides(workspace: Workspace, round_id: str, lang: str | None = None) -> list[Path]:
    """Writes one interview guide per institution of the round into outbox/<round>/guias/ and records them.

    ``lang`` None means the round's working language. Returns the files written, in the round's order."""
    data = load(workspace, round_id)
    language = normalise_language(lang or data.round.language)
    folder = workspace.round_outbox(data.round.id) / FOLDER
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="mecigep-charts-") as charts:
        for inst in data.institutions:
            chart = _chart(data, inst, language, Path(charts)) if inst.scores else None
            target = folder / f"guia-{inst.institution.id}.docx"
            written.append(render(GUIDE_TEMPLATE, guide_context(workspace, data, inst, language, chart), target))
    documents = [{"role": "interview_guide", "institution": inst.institution.id, "name": f"{FOLDER}/{path.name}",
                  "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for inst, path in zip(data.institutions, written)]
    with workspace.ledger.transaction():
        workspace.ledger.record("interviews.guides", data.round.id,
                                {"language": language, "institutions": [i.institution.id for i in data.institutions],
                                 "missing": [i.institution.id for i in data.missing], "sources": list(data.sources)},
                                documents)
    return written
