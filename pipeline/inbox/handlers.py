"""What each kind of document does once it is read: a questionnaire response is checked
against what was issued, archived and answered; a round request opens its round."""
from __future__ import annotations

from pathlib import Path

from pipeline.domain.framework import Framework, QuestionType
from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import Problem, Severity, UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.analysis import Analysis
from pipeline.inbox.processing import Job, Outcome, archive_and_answer, quarantine
from pipeline.ledger import records
from pipeline.ledger.files import archive_copy
from pipeline.ledger.records import ResponseStatus, State

RECEIVING = (Stage.QUESTIONNAIRE_OPEN, Stage.INTERVIEWS, Stage.DRAFTING)  # late answers still count while drafting
CHECKED_FIELDS = ("round_id", "institution_id", "framework_id", "framework_version", "structure_hash")
ISSUED_FIELD = {"round_id": "round", "institution_id": "institution"}


def _refusal(job: Job, analysis: Analysis) -> tuple[str, dict[str, object]] | None:
    """Why the workbook cannot be taken as the questionnaire it claims to be; None when it can."""
    ledger = job.workspace.ledger
    identity = analysis.identity
    qid = identity.get("questionnaire_id", "")
    issued = ledger.questionnaire(qid)
    if issued is None:
        return m.INBOX_FOREIGN, {"questionnaire": qid or "?"}
    for name in CHECKED_FIELDS:
        if identity.get(name) != issued[ISSUED_FIELD.get(name, name)]:
            return m.INBOX_TAMPERED, {"questionnaire": qid, "field": name}
    round_ = ledger.get_round(issued["round"])
    if round_ is None:
        return m.INBOX_UNKNOWN_ROUND, {"round": issued["round"]}
    if round_.framework_version != issued["framework_version"]:
        return m.INBOX_OUTDATED, {"questionnaire": qid, "version": issued["framework_version"], "current": round_.framework_version}
    if round_.stage not in RECEIVING:
        return m.INBOX_ROUND_CLOSED, {"round": round_.id, "stage": m.STAGE_NAMES[round_.stage.value]}
    if round_.institution(issued["institution"]) is None:
        return m.INBOX_NOT_EXPECTED, {"round": round_.id, "institution": issued["institution"]}
    return None


def answer_questionnaire(job: Job, analysis: Analysis) -> Outcome:
    refused = _refusal(job, analysis)
    if refused is not None:
        return quarantine(job, analysis, *refused)  # type: ignore[arg-type]
    workspace, ledger, identity = job.workspace, job.workspace.ledger, analysis.identity
    round_ = ledger.get_round(identity["round_id"])
    assert round_ is not None
    errors = [p for p in analysis.problems if p.severity is Severity.ERROR]
    status = ResponseStatus.ACCEPTED if not errors else ResponseStatus.INCOMPLETE
    lang = identity.get("language") or round_.language
    accepted = status is ResponseStatus.ACCEPTED
    kind = "receipt" if accepted else "feedback"
    target = workspace.round_outbox(round_.id) / f"{kind}-{identity['institution_id']}-{job.sha256[:12]}.{'docx' if accepted else 'xlsx'}"
    answer = archive_and_answer(
        job, kind="questionnaire", round_id=round_.id, institution=identity["institution_id"],
        store=lambda: records.add_response(ledger, records.Response(
            job.sha256, round_.id, identity["institution_id"], identity["questionnaire_id"], job.received, status,
            analysis.answered, analysis.required, len(errors), len(analysis.problems) - len(errors), analysis.answers)),
        received=("response.received", {"institution": identity["institution_id"], "status": status.value, "file": job.name,
                                         "answered": analysis.answered, "required": analysis.required, "errors": len(errors)},
                  "response"),
        answer=target,
        write_answer=lambda path: (_receipt if accepted else _feedback)(job, analysis, round_, lang, path),
        answered=("response.answered", {"institution": identity["institution_id"], "answer": target.name}, kind),
    )
    institution = round_.institution(identity["institution_id"])
    params = {"file": job.name, "institution": institution.acronym if institution else identity["institution_id"],
              "round": round_.id, "answered": analysis.answered, "required": analysis.required, "errors": len(errors),
              "answer": answer}
    message = m.OUTCOME_ACCEPTED if accepted else m.OUTCOME_INCOMPLETE
    return Outcome(job.name, job.sha256, status.value, message, params, round_.id, identity["institution_id"], answer)


def _receipt(job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
    import datetime as dt

    from pipeline.documents.receipt import ReceiptContent, write_receipt

    catalog = job.workspace.catalog
    institution = round_.institution(analysis.identity["institution_id"])
    write_receipt(ReceiptContent(
        round_id=round_.id,
        country=catalog.state(round_.country).name(lang),
        topic=catalog.topic(round_.topic).name(lang),
        institution=f"{institution.name} ({institution.acronym})" if institution else analysis.identity["institution_id"],
        questionnaire_id=analysis.identity["questionnaire_id"],
        file_name=job.name,
        received_at=dt.datetime.fromisoformat(job.received),
        sha256=job.sha256,
        answered=analysis.answered,
        required=analysis.required,
        warnings=[translate(p.message, lang, **p.params) for p in analysis.problems if p.severity is Severity.WARNING],
        language=lang,
    ), target)


def cell_of(problem: Problem, framework: Framework) -> str | None:
    """The defined name of the cell a problem is about, in a regenerated questionnaire; None for none."""
    from pipeline.analysis.validation import VAL_EVIDENCE_MISSING

    name = str(problem.params.get("question", ""))
    if not name:
        return None
    if name.startswith("resp_"):
        return name
    question = framework.question(name.split("__")[0])
    if question is None:
        return None
    if problem.message == VAL_EVIDENCE_MISSING:
        return f"e_{question.name}"
    if "__" in name:
        return f"q_{name}"
    if question.type is QuestionType.SELECT_MULTIPLE:
        options = framework.options(question)
        return f"q_{question.name}__{options[0].name}" if options else None
    return f"q_{question.name}"


def _feedback(job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
    from pipeline.stages.questionnaire import cover
    from pipeline.workbooks.questionnaire import Identity, Prefill, write_questionnaire

    ledger = job.workspace.ledger
    identity = analysis.identity
    framework = ledger.framework(identity["framework_id"], identity["framework_version"])
    assert framework is not None
    problems: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in analysis.problems:
        sentence = translate(problem.message, lang, **problem.params)
        name = cell_of(problem, framework)
        if name:
            problems.setdefault(name, []).append(sentence)
        else:
            general.append(sentence)
    institution = round_.institution(identity["institution_id"])
    assert institution is not None
    write_questionnaire(
        target, framework,
        Identity(identity["questionnaire_id"], round_.id, institution.id, framework.id, framework.version, lang,
                 framework.structure_hash, identity.get("issued", "")),
        cover(job.workspace, round_, institution, lang),
        Prefill(answers=dict(analysis.typed), problems=problems, general=general),
    )


def take_request(job: Job, analysis: Analysis) -> Outcome:
    """Opens the round a request form asks for; a wrong form is set aside with every problem listed."""
    from pipeline.stages.rounds import open_round
    from pipeline.workbooks.request import round_from_request

    if analysis.problems:
        return quarantine(job, analysis, m.REQUEST_NOT_OPENED, {}, analysis.problems)
    try:
        round_ = round_from_request(analysis.request, job.workspace.catalog, job.name)
        stored = archive_copy(job.claimed, job.workspace.archive, job.sha256, ".xlsx")
        open_round(job.workspace, round_, {"role": "round_request", "name": job.name, "sha256": job.sha256})
    except UserError as error:
        return quarantine(job, analysis, m.REQUEST_NOT_OPENED, {}, error.problems)
    with job.workspace.ledger.transaction():
        records.save_document(job.workspace.ledger, job.document(State.ANSWERED, kind="round_request", round=round_.id,
                                                                 stored=job.relative(stored)))
    job.claimed.unlink(missing_ok=True)
    return Outcome(job.name, job.sha256, "request", m.OUTCOME_REQUEST, {"file": job.name, "round": round_.id}, round_.id)
