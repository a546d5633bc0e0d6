"""A returned self-assessment questionnaire (step 2): read against the framework its round pinned, checked
against what was issued, stored as the institution's current response, answered with a receipt or feedback."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, Mapping

from pipeline.analysis.answer_records import answers_of
from pipeline.analysis.normalise import normalise
from pipeline.analysis.validation import validate
from pipeline.documents.receipt import ReceiptContent, write_receipt
from pipeline.domain import file_names
from pipeline.domain.enums import DocumentType, ResponseStatus
from pipeline.domain.framework import Framework, QuestionType
from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import Problem, Severity
from pipeline.i18n import messages as m
from pipeline.i18n.messages.answers import VAL_EVIDENCE_MISSING
from pipeline.i18n.translation import translate
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, Reply, by_cell, refuse, reply
from pipeline.ledger import conflicts, records
from pipeline.ledger.database import Ledger
from pipeline.stages.questionnaire import cover
from pipeline.workbooks.questionnaire import Identity, Prefill, write_questionnaire
from pipeline.workbooks.response import read_answers
from pipeline.workbooks.safety import Format

RECEIVING = (Stage.QUESTIONNAIRE_OPEN, Stage.INTERVIEWS, Stage.DRAFTING)  # late answers still count while drafting
CHECKED_FIELDS = ("round_id", "institution_id", "framework_id", "framework_version", "structure_hash")
ISSUED_FIELD = {"round_id": "round", "institution_id": "institution"}


def typed_cells(raw: Any) -> dict[str, Any]:
    """Every cell of a read questionnaire as typed, by defined name: what a feedback copy is filled with."""
    typed = {f"q_{name}": cell.value for name, cell in raw.answers.items()}
    typed.update({f"e_{name}": cell.value for name, cell in raw.evidence.items()})
    typed.update({name: cell.value for name, cell in raw.respondent.items()})
    for rows in raw.repeats.values():  # a repeat's rows, packed: the n-th row filled is row n of the copy's table
        typed.update({f"q_{key}#{index}": cell.value for index, row in enumerate(rows, start=1) for key, cell in row.items()})
    return typed


def conflict_warning(conflict: conflicts.Conflict) -> Problem:
    """What the receipt (or feedback) of a held version says: which other version it is held beside, and why."""
    message = m.CONFLICT_COPY_WARNING if conflict.copy else m.CONFLICT_WINDOW_WARNING
    return Problem(message, {"other": conflict.other.name or conflict.other.sha256[:12], "when": conflict.other.received[:16].replace("T", " ")},
                   severity=Severity.WARNING)


def cell_of(problem: Problem, framework: Framework) -> str | None:
    """The defined name of the cell a problem is about, in a regenerated questionnaire; None for none."""
    name = str(problem.params.get("question", ""))
    if not name:
        return None
    if name.startswith("resp_"):
        return name
    name, _, row = name.partition(" #")
    if row:  # a question of a repeat, in the n-th row filled
        question = framework.question(name)
        options = framework.options(question) if question else ()
        if question is not None and question.type is QuestionType.SELECT_MULTIPLE:
            return f"q_{name}__{options[0].name}#{row}" if options else None
        return f"q_{name}#{row}" if question is not None else None
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


class QuestionnaireKind:
    type = DocumentType.QUESTIONNAIRE
    formats = (Format.XLSX, Format.ODS)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        framework = ledger.framework(identity.get("framework_id", ""), identity.get("framework_version", ""))
        if framework is None:
            return Analysis("xlsx", self.type, identity, refusal=m.INBOX_FOREIGN,
                            params={"questionnaire": identity.get("questionnaire_id", "?")})
        lang = identity.get("language")
        raw = read_answers(path, framework, workbook)
        normalised = normalise(raw, framework, lang)
        validation = validate(normalised, framework, lang)
        return Analysis("xlsx", self.type, identity, problems=validation.problems,
                        content=answers_of(normalised, validation, framework), typed=typed_cells(raw),
                        answered=validation.answered, required=validation.required)

    def refusal(self, ledger: Ledger, identity: Mapping[str, str]) -> tuple[str, dict[str, object]] | None:
        """Why the workbook cannot be taken as the questionnaire it claims to be; None when it can."""
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

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        ledger, identity = job.workspace.ledger, analysis.identity
        refused = self.refusal(ledger, identity)
        if refused is not None:
            return refuse(job, analysis, *refused)  # type: ignore[arg-type]
        round_ = ledger.get_round(identity["round_id"])
        assert round_ is not None
        institution_id = identity["institution_id"]
        conflict = conflicts.conflicting(ledger, round_.id, institution_id, job.sha256, job.name, job.received,
                                         analysis.content, identity.get("answers", ""))
        if conflict is not None:  # kept, answered, and held until staff choose (the receipt says so)
            analysis = dataclasses.replace(analysis, problems=analysis.problems + (conflict_warning(conflict),))
        errors = analysis.errors
        status = ResponseStatus.INCOMPLETE if errors else ResponseStatus.ACCEPTED
        lang = identity.get("language") or round_.language
        institution = round_.institution(institution_id)

        def store() -> None:
            records.add_response(ledger, records.Response(
                job.sha256, round_.id, institution_id, identity["questionnaire_id"], job.received, status, analysis.answered,
                analysis.required, len(errors), len(analysis.problems) - len(errors), analysis.content), held=conflict is not None)

        return reply(job, analysis, Reply(
            kind=self.type, round_id=round_.id, holder=institution_id, store=store,
            received=("response.received", {"institution": institution_id, "status": status.value, "file": job.name,
                                             "answered": analysis.answered, "required": analysis.required, "errors": len(errors),
                                             **({"held": True} if conflict else {})}, "response"),
            answered_event="response.answered",
            answer_name=lambda answer: file_names.answer(answer, (institution_id,), job.sha256, round_.language),
            write_receipt=lambda path: self.receipt(job, analysis, round_, lang, path),
            write_feedback=lambda path: self.feedback(job, analysis, round_, lang, path),
            accepted=m.OUTCOME_HELD if conflict else m.OUTCOME_ACCEPTED, incomplete=m.OUTCOME_HELD if conflict else m.OUTCOME_INCOMPLETE,
            params={"institution": institution.acronym if institution else institution_id, "round": round_.id,
                    "other": conflict.other.name if conflict else ""}))

    def receipt(self, job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
        catalog = job.workspace.catalog
        institution = round_.institution(analysis.identity["institution_id"])
        write_receipt(ReceiptContent(
            round_id=round_.id, country=catalog.state(round_.country).name(lang), topic=catalog.topic(round_.topic).name(lang),
            institution=f"{institution.name} ({institution.acronym})" if institution else analysis.identity["institution_id"],
            questionnaire_id=analysis.identity["questionnaire_id"], file_name=job.name, file_format=analysis.format,
            received_at=dt.datetime.fromisoformat(job.received), sha256=job.sha256, answered=analysis.answered,
            required=analysis.required, warnings=tuple(translate(p.message, lang, **p.params) for p in analysis.warnings), language=lang,
            anchor=job.anchor), target)

    def feedback(self, job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
        identity = analysis.identity
        framework = job.workspace.ledger.framework(identity["framework_id"], identity["framework_version"])
        institution = round_.institution(identity["institution_id"])
        assert framework is not None and institution is not None
        cells, general = by_cell(analysis.problems, lang, lambda p: cell_of(p, framework))
        write_questionnaire(
            target, framework,
            Identity(identity["questionnaire_id"], round_.id, institution.id, framework.id, framework.version, lang,
                     framework.structure_hash, identity.get("issued", ""), answers=job.sha256),
            cover(job.workspace, round_, institution, lang), Prefill(answers=dict(analysis.typed), problems=cells, general=general))


KIND = QuestionnaireKind()
