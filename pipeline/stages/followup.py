"""Follow-up of a published round's recommendations: what became of each, as the country tells it.

``emit_followup`` builds, in code, a framework with one dimension "Recommendations" and per recommendation of
the final report (stable id ``R-01`` → questions ``r01_status``, ``r01_actions``, ``r01_evidence``) a status
chosen from a list, the actions taken (required when in progress or implemented) and the evidence (asked when
implemented); pins it (``followup-<round>``, version the date), writes it with ``write_questionnaire`` into
``outbox/<round>/<round>-seguimiento-<n>.xlsx`` and records it as issued (identity kind "followup").

A returned follow-up is read in the inbox's isolated child (``analyse_followup``), then ``answer_followup``
checks it against what was issued, archives it, records each recommendation's status in the ``followups`` table
when it has no error, and answers with a receipt or a feedback workbook whose problem cells are highlighted.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.analysis.register import REGISTER_PRIORITIES, published_content
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType, pick
from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import Problem, Severity, UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, N_, normalise_language, translate
from pipeline.inbox.analysis import Analysis, pinned_framework
from pipeline.inbox.processing import Job, Outcome, archive_and_answer, quarantine
from pipeline.ledger.workspace import Workspace
from pipeline.workbooks.questionnaire import Cover, Identity, Prefill

FOLLOWUP_STATUSES = {"not_started": N_("Not started"), "in_progress": N_("In progress"), "implemented": N_("Implemented"),
                     "no_longer_relevant": N_("No longer relevant"), "none": N_("No follow-up yet")}
FOLLOWUP_TITLE = N_("MECIGEP — Follow-up of the recommendations: {topic}")
FOLLOWUP_FRAMEWORK = N_("Follow-up of the recommendations of the round {round}")
FOLLOWUP_DIMENSION = N_("Recommendations")
FOLLOWUP_DIMENSION_HINT = N_("One block per recommendation of the final report: choose its status, then describe the actions taken and the evidence.")
FOLLOWUP_RECOMMENDATION = N_("{id} — {text}")
FOLLOWUP_ABOUT = N_("Priority: {priority}. Institution: {institution}. Positive element: {element}.")
FOLLOWUP_STATUS = N_("{id}: status of implementation")
FOLLOWUP_STATUS_HINT = N_("Choose from the list: not started, in progress, implemented or no longer relevant.")
FOLLOWUP_ACTIONS = N_("{id}: actions taken")
FOLLOWUP_ACTIONS_HINT = N_("Required when the recommendation is in progress or implemented: what was done, by whom, since when.")
FOLLOWUP_EVIDENCE = N_("{id}: evidence")
FOLLOWUP_EVIDENCE_HINT = N_("Asked when the recommendation is implemented: the norm, document or link that shows it; optional otherwise.")
FOLLOWUP_PURPOSE = N_("The OAS has published the final report of the MECIGEP peer review of {topic}. This workbook asks, recommendation by recommendation, what has become of each since then, so that the DGPE can report on the mechanism's results and direct cooperation where it is still needed.")
FOLLOWUP_HOW_TO_FILL = N_("On the sheet of the recommendations, choose each one's status from the list in the yellow cell, describe the actions taken when it is in progress or implemented, and name the evidence when it is implemented. The Status column shows what is still missing; the sheet Respondent asks who answers.")
FOLLOWUP_HOW_TO_RETURN = N_("Save the file as .xlsx (from Excel or LibreOffice) and send it to the DGPE contact named on this sheet. If something is missing, you will receive a copy with the cells to complete highlighted.")
FOLLOWUP_LIST_TITLE = N_("The statuses")
FOLLOWUP_STATUS_MEANING = {
    "not_started": N_("Not started: nothing has been done on the recommendation yet."),
    "in_progress": N_("In progress: work has begun and is not finished; describe it."),
    "implemented": N_("Implemented: the recommendation is carried out; describe what was done and name the evidence."),
    "no_longer_relevant": N_("No longer relevant: circumstances changed and the recommendation no longer applies; the evidence cell can say why."),
}
FOLLOWUP_REPORT = N_("Final report")
FOLLOWUP_NOT_PUBLISHED = N_("The round {round} is {stage}: only the recommendations of a published final report are followed up.")
FOLLOWUP_NO_RECOMMENDATIONS = N_("The final report of the round {round} has no recommendation to follow up.")
FOLLOWUP_FOREIGN = N_("The follow-up workbook {followup} was not issued by this workspace; it may belong to another office or have been copied by hand.")
FOLLOWUP_TAMPERED = N_("The follow-up workbook {followup} was changed: its {field} does not match the one issued; send back the workbook as it was sent, or ask for a new copy.")
FOLLOWUP_STATUS_MISSING = N_("Choose the status of recommendation {id} from the list.")
FOLLOWUP_BAD_STATUS = N_("“{value}” is not a status of the list for recommendation {id}: choose one of {options}.")
FOLLOWUP_ACTIONS_MISSING = N_("Recommendation {id} is “{status}”: describe the actions taken in its cell “actions taken”.")
FOLLOWUP_EVIDENCE_ASKED = N_("Recommendation {id} is implemented but names no evidence: please give the norm, document or link that shows it.")
FOLLOWUP_ACCEPTED = N_("{file}: follow-up accepted — round {round}, {answered} of {required} answers; receipt {answer}.")
FOLLOWUP_INCOMPLETE = N_("{file}: follow-up to correct — round {round}, {errors} problems; feedback workbook {answer}.")
FOLLOWUP_RECEIPT = {
    "intro": N_("The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges receipt of the follow-up of recommendations described below and has recorded the status of each."),
    "details_heading": N_("The follow-up received"), "institution": N_("Respondent"), "questionnaire_id": N_("Follow-up reference"),
    "warnings_intro": N_("The follow-up was accepted with these observations:"), "no_warnings": N_("The follow-up was accepted without observations."),
    "closing": N_("Thank you for this account of the recommendations. Please keep this receipt: the SHA-256 fingerprint identifies exactly the file that was received."),
}

KIND = "followup"
NO_FOLLOWUP = "none"
STATUS_LIST = "followup_status"
ANSWERING = "country"  # the identity's institution_id: the beneficiary state answers as a whole
CHECKED = {"round_id": "round", "institution_id": "institution", "framework_id": "framework_id",
           "framework_version": "framework_version", "structure_hash": "structure_hash"}
SCHEMA = """CREATE TABLE IF NOT EXISTS followups (round TEXT NOT NULL, recommendation TEXT NOT NULL, status TEXT NOT NULL,
    actions TEXT NOT NULL, evidence TEXT NOT NULL, received TEXT NOT NULL, sha256 TEXT NOT NULL, followup TEXT NOT NULL,
    PRIMARY KEY (sha256, recommendation))"""


@dataclass(frozen=True)
class FollowupIdentity(Identity):
    """A questionnaire identity that says it is a follow-up."""

    def as_dict(self) -> dict[str, str]:
        return {**super().as_dict(), "kind": KIND}


@dataclass(frozen=True)
class FollowupStatus:
    round: str
    recommendation: str
    status: str
    actions: str
    evidence: str
    received: str  # ISO date and time the follow-up arrived
    sha256: str


def question_base(recommendation_id: str) -> str:
    """``R-01`` → ``r01``: the start of the recommendation's question names."""
    return "".join(c for c in recommendation_id.lower() if c.isalnum())


def _labels(message: str, **params: Any) -> dict[str, str]:
    return {lang: translate(message, lang, **params) for lang in LANGUAGES}


def followup_framework(round_: Round, content: Any, version: str) -> Framework:
    """The follow-up's framework for the published ``content`` (a ReportContent) of ``round_``."""
    fw = content.data.framework
    questions = []
    for rec in content.recommendations:
        base, institution = question_base(rec.id), round_.institution(rec.note.institution)
        where = {lang: translate(FOLLOWUP_ABOUT, lang, priority=translate(REGISTER_PRIORITIES.get(rec.priority, REGISTER_PRIORITIES[""]), lang),
                                 institution=institution.acronym if institution else rec.note.institution,
                                 element=pick(fw.elements.get(rec.note.element, {}), lang, fw.default_language) or rec.note.element)
                 for lang in LANGUAGES}
        status = f"${{{base}_status}}"
        questions += [
            Question(name=base, type=QuestionType.NOTE, label=_labels(FOLLOWUP_RECOMMENDATION, id=rec.id, text=rec.text), hint=where),
            Question(name=f"{base}_status", type=QuestionType.SELECT_ONE, list_name=STATUS_LIST, required=True,
                     label=_labels(FOLLOWUP_STATUS, id=rec.id), hint=_labels(FOLLOWUP_STATUS_HINT)),
            Question(name=f"{base}_actions", type=QuestionType.TEXT, required=True,
                     relevant=f"{status} = 'in_progress' or {status} = 'implemented'",
                     label=_labels(FOLLOWUP_ACTIONS, id=rec.id), hint=_labels(FOLLOWUP_ACTIONS_HINT)),
            Question(name=f"{base}_evidence", type=QuestionType.TEXT,
                     label=_labels(FOLLOWUP_EVIDENCE, id=rec.id), hint=_labels(FOLLOWUP_EVIDENCE_HINT)),
        ]
    return Framework(
        id=f"followup-{round_.id}", version=version, title=_labels(FOLLOWUP_FRAMEWORK, round=round_.id), topic=round_.topic,
        default_language=normalise_language(round_.language), languages=LANGUAGES,
        choices={STATUS_LIST: tuple(Choice(name=code, label=_labels(FOLLOWUP_STATUSES[code])) for code in FOLLOWUP_STATUS_MEANING)},
        dimensions=(Dimension(name="recommendations", label=_labels(FOLLOWUP_DIMENSION), hint=_labels(FOLLOWUP_DIMENSION_HINT),
                              questions=tuple(questions)),))


def _write(workspace: Workspace, round_: Round, framework: Framework, identity: Identity, target: Path,
           prefill: Prefill | None = None) -> Path:
    """The follow-up workbook (or its feedback copy): the questionnaire's shape, with instructions of its own."""
    from pipeline.workbooks.questionnaire import write_questionnaire
    from pipeline.workbooks.register import rewrite_instructions

    lang = identity.language
    topic = workspace.catalog.topic(round_.topic).name(lang)
    country = workspace.catalog.state(round_.country).name(lang)
    who = round_.panel.coordinator or round_.contact
    contact = f"{who.name} <{who.email}>" if who.email else who.name or "—"
    write_questionnaire(target, framework, identity, Cover(topic, country, country, None, contact), prefill)
    facts = [(translate(m.Q_ROUND, lang), round_.id), (translate(m.Q_COUNTRY, lang), country),
             (translate(FOLLOWUP_REPORT, lang), f"{round_.id}-informe-final.docx"), (translate(m.Q_CONTACT, lang), contact)]
    paragraphs = [translate(FOLLOWUP_PURPOSE, lang, topic=topic), translate(FOLLOWUP_HOW_TO_FILL, lang), translate(FOLLOWUP_HOW_TO_RETURN, lang)]
    return rewrite_instructions(target, translate(FOLLOWUP_TITLE, lang, topic=topic), facts, paragraphs,
                                translate(FOLLOWUP_LIST_TITLE, lang), [translate(t, lang) for t in FOLLOWUP_STATUS_MEANING.values()])


def emit_followup(workspace: Workspace, round_id: str, lang: str | None = None, today: dt.date | None = None) -> Path:
    """Writes the round's next follow-up workbook into outbox/<round>/ and records it as issued; returns it."""
    from pipeline.stages.rounds import get

    round_ = get(workspace, round_id)
    if round_.stage is not Stage.PUBLISHED:
        raise UserError(FOLLOWUP_NOT_PUBLISHED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    content = published_content(workspace, round_.id)
    if not content.recommendations:
        raise UserError(FOLLOWUP_NO_RECOMMENDATIONS, round=round_.id)
    ledger, day = workspace.ledger, (today or dt.date.today()).isoformat()
    framework, n = followup_framework(round_, content, day), 1
    while (pinned := ledger.framework(framework.id, framework.version)) is not None and pinned != framework:
        n += 1
        framework = framework.model_copy(update={"version": f"{day}.{n}"})
    issued = [q for q in ledger.questionnaires(round_.id) if q["framework_id"] == framework.id]
    number, language = len(issued) + 1, normalise_language(lang or round_.language)
    identity = FollowupIdentity(f"{round_.id}.followup.{number}", round_.id, ANSWERING, framework.id, framework.version,
                                language, framework.structure_hash, day)
    path = _write(workspace, round_, framework, identity, workspace.round_outbox(round_.id) / f"{round_.id}-seguimiento-{number}.xlsx")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with ledger.transaction():
        ledger.pin_framework(framework)
        ledger.record_questionnaire({"id": identity.questionnaire_id, "round": round_.id, "institution": ANSWERING,
                                     "framework_id": framework.id, "framework_version": framework.version,
                                     "structure_hash": framework.structure_hash, "language": language, "file": path.name,
                                     "sha256": digest, "issued": day})
        ledger.record("followup.issued", round_.id, {"followup": identity.questionnaire_id, "recommendations": len(content.recommendations)},
                      [{"role": "followup", "name": path.name, "sha256": digest}])
    return path


def _explain(problem: Problem, framework: Framework, values: dict[str, Any], lang: str) -> Problem:
    """A validation problem of a follow-up said in its own words (the cell it concerns is kept)."""
    from pipeline.analysis.normalise import RESP_UNKNOWN_CHOICE
    from pipeline.analysis.validation import VAL_MISSING, VAL_NOT_AN_OPTION

    name = str(problem.params.get("question", ""))
    base, _, part = name.partition("_")
    rid = f"R-{base[1:]}" if base[:1] == "r" else base
    if part == "status" and problem.message == VAL_MISSING:
        return replace(problem, message=FOLLOWUP_STATUS_MISSING, params={**problem.params, "id": rid})
    if part == "status" and problem.message in (VAL_NOT_AN_OPTION, RESP_UNKNOWN_CHOICE):
        options = tuple(pick(c.label, lang) for c in framework.choices[STATUS_LIST])
        return replace(problem, message=FOLLOWUP_BAD_STATUS, params={**problem.params, "id": rid, "options": options})
    if part == "actions" and problem.message == VAL_MISSING:
        status = FOLLOWUP_STATUSES.get(str(values.get(f"{base}_status")), "")
        return replace(problem, message=FOLLOWUP_ACTIONS_MISSING, params={**problem.params, "id": rid, "status": status})
    return problem


def analyse_followup(path: Path, ledger_path: Path, identity: dict[str, str], workbook: Any) -> Analysis:
    """Reads a returned follow-up against its pinned framework; runs in the inbox's isolated child."""
    from pipeline.analysis.normalise import normalise
    from pipeline.analysis.validation import validate
    from pipeline.workbooks.response import read_answers

    framework = pinned_framework(ledger_path, identity.get("framework_id", ""), identity.get("framework_version", ""))
    if framework is None or not framework.id.startswith("followup-"):
        return Analysis("xlsx", KIND, identity, refusal=FOLLOWUP_FOREIGN, params={"followup": identity.get("questionnaire_id") or "?"})
    lang = identity.get("language") or framework.default_language
    raw = read_answers(path, framework, workbook)
    normalised = normalise(raw, framework, lang)
    validation = validate(normalised, framework, lang)
    values = {name: a.value for name, a in normalised.answers.items()}
    problems = [_explain(p, framework, values, lang) for p in validation.problems]
    entries = []
    for note in (q for q in framework.questions if q.type is QuestionType.NOTE):
        rid, status = f"R-{note.name[1:]}", values.get(f"{note.name}_status")
        comments = [str(normalised.evidence[f"{note.name}_{p}"].value) for p in ("status", "actions", "evidence")
                    if f"{note.name}_{p}" in normalised.evidence and normalised.evidence[f"{note.name}_{p}"].value]
        evidence = "\n".join(t for t in (str(values.get(f"{note.name}_evidence") or "").strip(), *comments) if t)
        if status == "implemented" and not evidence:
            where = normalised.answers[f"{note.name}_evidence"].where if f"{note.name}_evidence" in normalised.answers else None
            problems.append(Problem(FOLLOWUP_EVIDENCE_ASKED, {"id": rid, "question": f"{note.name}_evidence"}, where, Severity.WARNING))
        if status in FOLLOWUP_STATUS_MEANING:
            actions = values.get(f"{note.name}_actions") if status in ("in_progress", "implemented") else None  # else ignored, as warned
            entries.append({"recommendation": rid, "status": status, "actions": str(actions or ""), "evidence": evidence})
    typed = {f"q_{name}": cell.value for name, cell in raw.answers.items()}
    typed.update({f"e_{name}": cell.value for name, cell in raw.evidence.items()})
    typed.update({name: cell.value for name, cell in raw.respondent.items()})
    respondent = {name: a.value for name, a in normalised.respondent.items() if a.value is not None}
    return Analysis("xlsx", KIND, identity, problems=tuple(problems), typed=typed, answered=validation.answered,
                    required=validation.required, answers={"recommendations": entries, "respondent": respondent})


def _refusal(workspace: Workspace, identity: dict[str, str]) -> tuple[str, dict[str, Any]] | None:
    qid = identity.get("questionnaire_id", "")
    issued = workspace.ledger.questionnaire(qid)
    if issued is None or not issued["framework_id"].startswith("followup-"):
        return FOLLOWUP_FOREIGN, {"followup": qid or "?"}
    for field_, column in CHECKED.items():
        if identity.get(field_) != issued[column]:
            return FOLLOWUP_TAMPERED, {"followup": qid, "field": field_}
    round_ = workspace.ledger.get_round(issued["round"])
    if round_ is None or round_.stage is not Stage.PUBLISHED:
        stage = m.STAGE_NAMES[round_.stage.value] if round_ else "?"
        return FOLLOWUP_NOT_PUBLISHED, {"round": issued["round"], "stage": stage}
    return None


def answer_followup(job: Job, analysis: Analysis) -> Outcome:
    """Takes a checked follow-up to its final state: archived, recorded per recommendation, answered."""
    refused = _refusal(job.workspace, analysis.identity)
    if refused is not None:
        return quarantine(job, analysis, *refused)  # type: ignore[arg-type]
    workspace, ledger, identity = job.workspace, job.workspace.ledger, analysis.identity
    round_ = ledger.get_round(identity["round_id"])
    assert round_ is not None
    errors = [p for p in analysis.problems if p.severity is Severity.ERROR]
    ledger.db.execute(SCHEMA)

    def store() -> None:
        for entry in [] if errors else analysis.answers["recommendations"]:
            ledger.db.execute("INSERT OR IGNORE INTO followups VALUES (?,?,?,?,?,?,?,?)",
                              (round_.id, entry["recommendation"], entry["status"], entry["actions"], entry["evidence"],
                               job.received, job.sha256, identity["questionnaire_id"]))

    lang = identity.get("language") or round_.language
    kind, suffix = ("feedback", "xlsx") if errors else ("receipt", "docx")
    target = workspace.round_outbox(round_.id) / f"followup-{kind}-{job.sha256[:12]}.{suffix}"
    answer = archive_and_answer(
        job, kind=KIND, round_id=round_.id, institution=ANSWERING, store=store,
        received=("followup.received", {"followup": identity["questionnaire_id"], "file": job.name, "errors": len(errors),
                                        "answered": analysis.answered}, "followup_response"),
        answer=target,
        write_answer=lambda path: (_feedback if errors else _receipt)(job, analysis, round_, lang, path),
        answered=("followup.answered", {"followup": identity["questionnaire_id"], "answer": target.name}, kind),
    )
    params = {"file": job.name, "round": round_.id, "answered": analysis.answered, "required": analysis.required,
              "errors": len(errors), "answer": answer}
    return Outcome(job.name, job.sha256, "incomplete" if errors else "accepted", FOLLOWUP_INCOMPLETE if errors else FOLLOWUP_ACCEPTED,
                   params, round_.id, ANSWERING, answer)


def _receipt(job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
    from pipeline.documents.receipt import RECEIPT_TEMPLATE, ReceiptContent, receipt_context
    from pipeline.documents.render import render

    catalog, respondent = job.workspace.catalog, analysis.answers.get("respondent", {})
    country = catalog.state(round_.country).name(lang)
    who = ", ".join(str(respondent[k]) for k in ("resp_name", "resp_position") if respondent.get(k))
    context = receipt_context(ReceiptContent(
        round_id=round_.id, country=country, topic=catalog.topic(round_.topic).name(lang),
        institution=f"{country} — {who}" if who else country, questionnaire_id=analysis.identity["questionnaire_id"],
        file_name=job.name, received_at=dt.datetime.fromisoformat(job.received), sha256=job.sha256,
        answered=analysis.answered, required=analysis.required, language=lang,
        warnings=tuple(p.render(lang) for p in analysis.problems if p.severity is Severity.WARNING)))
    context["subtitle"] = translate(FOLLOWUP_TITLE, lang, topic=context["topic"])
    context["labels"].update({key: translate(message, lang) for key, message in FOLLOWUP_RECEIPT.items()})
    render(RECEIPT_TEMPLATE, context, target)


def _feedback(job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
    from pipeline.inbox.handlers import cell_of

    identity = analysis.identity
    framework = job.workspace.ledger.framework(identity["framework_id"], identity["framework_version"])
    assert framework is not None
    problems: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in analysis.problems:
        sentence = translate(problem.message, lang, **problem.params)
        name = cell_of(problem, framework)
        problems.setdefault(name, []).append(sentence) if name else general.append(sentence)
    again = FollowupIdentity(identity["questionnaire_id"], round_.id, ANSWERING, framework.id, framework.version, lang,
                             framework.structure_hash, identity.get("issued", ""))
    _write(job.workspace, round_, framework, again, target, Prefill(dict(analysis.typed), problems, general))


def recommendation_status(workspace: Workspace) -> dict[tuple[str, str], list[FollowupStatus]]:
    """Each recommendation's statuses over time, by (round, recommendation id), oldest first."""
    workspace.ledger.db.execute(SCHEMA)
    found: dict[tuple[str, str], list[FollowupStatus]] = {}
    for row in workspace.ledger.db.execute("SELECT round, recommendation, status, actions, evidence, received, sha256 "
                                           "FROM followups ORDER BY received, rowid"):
        found.setdefault((row[0], row[1]), []).append(FollowupStatus(*row))
    return found


def followup_summary(workspace: Workspace, round_id: str) -> dict[str, int]:
    """How many of the round's reported recommendations stand at each status (latest follow-up), ``none`` for
    those never followed up; every status is a key, in the list's order."""
    from pipeline.analysis.report_content import SCHEMA as RECOMMENDATIONS
    from pipeline.analysis.report_content import note_key
    from pipeline.stages.notes import merged_notes

    db = workspace.ledger.db
    db.execute(RECOMMENDATIONS)
    stored = dict(db.execute("SELECT key, id FROM recommendations WHERE round = ?", (round_id,)).fetchall())
    ids = {stored[note_key(n)] for n in merged_notes(workspace, round_id) if n.recommendation.strip() and note_key(n) in stored}
    statuses = recommendation_status(workspace)
    counts = Counter(statuses[(round_id, i)][-1].status if (round_id, i) in statuses else NO_FOLLOWUP for i in ids)
    return {code: counts[code] for code in FOLLOWUP_STATUSES}
