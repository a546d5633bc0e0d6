"""A returned follow-up of a published round's recommendations: read against its pinned framework, checked
against what was issued, each recommendation's status recorded when it has no error, answered with a receipt
or a feedback workbook whose problem cells are highlighted."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping

from pipeline.analysis.answer_records import answers_of
from pipeline.analysis.followup import entries, explain
from pipeline.analysis.normalise import normalise
from pipeline.analysis.validation import validate
from pipeline.documents.receipt import ReceiptContent, write_receipt
from pipeline.domain import file_names
from pipeline.domain.enums import DocumentType
from pipeline.domain.followup import ANSWERING, FRAMEWORK_PREFIX
from pipeline.domain.models import Round, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, Reply, by_cell, refuse, reply
from pipeline.inbox.kinds.questionnaire import cell_of, typed_cells
from pipeline.ledger import followups
from pipeline.ledger.database import Ledger
from pipeline.stages.publication import write_followup_feedback
from pipeline.workbooks.followup import FollowupIdentity
from pipeline.workbooks.questionnaire import Prefill
from pipeline.workbooks.response import read_answers
from pipeline.workbooks.safety import Format

CHECKED = {"round_id": "round", "institution_id": "institution", "framework_id": "framework_id",
           "framework_version": "framework_version", "structure_hash": "structure_hash"}


class FollowupKind:
    type = DocumentType.FOLLOWUP
    formats = (Format.XLSX, Format.ODS)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        framework = ledger.framework(identity.get("framework_id", ""), identity.get("framework_version", ""))
        if framework is None or not framework.id.startswith(FRAMEWORK_PREFIX):
            return Analysis("xlsx", self.type, identity, refusal=m.FOLLOWUP_FOREIGN,
                            params={"followup": identity.get("questionnaire_id") or "?"})
        lang = identity.get("language") or framework.default_language
        raw = read_answers(path, framework, workbook)
        normalised = normalise(raw, framework, lang)
        validation = validate(normalised, framework, lang)
        answers = answers_of(normalised, validation, framework)
        found, warnings = entries(answers, framework)
        problems = tuple(explain(p, framework, answers, lang) for p in validation.problems) + tuple(warnings)
        return Analysis("xlsx", self.type, identity, problems=problems, content=(found, answers), typed=typed_cells(raw),
                        answered=validation.answered, required=validation.required)

    def refusal(self, ledger: Ledger, identity: Mapping[str, str]) -> tuple[str, dict[str, Any]] | None:
        qid = identity.get("questionnaire_id", "")
        issued = ledger.questionnaire(qid)
        if issued is None or not issued["framework_id"].startswith(FRAMEWORK_PREFIX):
            return m.FOLLOWUP_FOREIGN, {"followup": qid or "?"}
        for field_, column in CHECKED.items():
            if identity.get(field_) != issued[column]:
                return m.FOLLOWUP_TAMPERED, {"followup": qid, "field": field_}
        round_ = ledger.get_round(issued["round"])
        if round_ is None or round_.stage is not Stage.PUBLISHED:
            return m.FOLLOWUP_NOT_PUBLISHED, {"round": issued["round"], "stage": m.STAGE_NAMES[round_.stage.value] if round_ else "?"}
        return None

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        ledger, identity = job.workspace.ledger, analysis.identity
        refused = self.refusal(ledger, identity)
        if refused is not None:
            return refuse(job, analysis, *refused)  # type: ignore[arg-type]
        round_ = ledger.get_round(identity["round_id"])
        assert round_ is not None
        lang = identity.get("language") or round_.language
        found, _ = analysis.content
        return reply(job, analysis, Reply(
            kind=self.type, round_id=round_.id, holder=ANSWERING,
            store=lambda: followups.store(ledger, round_.id, () if analysis.errors else found, job.received, job.sha256,
                                          identity["questionnaire_id"]),
            received=("followup.received", {"followup": identity["questionnaire_id"], "file": job.name, "errors": len(analysis.errors),
                                            "answered": analysis.answered}, "followup_response"),
            answered_event="followup.answered",
            answer_name=lambda answer: file_names.answer(answer, (), job.sha256, round_.language, m.FILE_FOLLOWUP),
            write_receipt=lambda path: self.receipt(job, analysis, round_, lang, path),
            write_feedback=lambda path: self.feedback(job, analysis, round_, lang, path),
            accepted=m.FOLLOWUP_ACCEPTED, incomplete=m.FOLLOWUP_INCOMPLETE, params={"round": round_.id}))

    def receipt(self, job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
        catalog, (_, answers) = job.workspace.catalog, analysis.content
        country = catalog.state(round_.country).name(lang)
        who = ", ".join(str(answers.respondent[k]) for k in ("resp_name", "resp_position", "resp_institution")
                        if answers.respondent.get(k))
        write_receipt(ReceiptContent(
            round_id=round_.id, country=country, topic=catalog.topic(round_.topic).name(lang),
            institution=who or translate(m.DRAFT_UNKNOWN_SENDER, lang), questionnaire_id=analysis.identity["questionnaire_id"],
            file_name=job.name, file_format=analysis.format, received_at=dt.datetime.fromisoformat(job.received),
            sha256=job.sha256,
            answered=analysis.answered, required=analysis.required, language=lang, anchor=job.anchor,
            warnings=tuple(p.render(lang) for p in analysis.warnings), subtitle=m.FOLLOWUP_TITLE, labels=m.FOLLOWUP_RECEIPT), target)

    def feedback(self, job: Job, analysis: Analysis, round_: Round, lang: str, target: Path) -> None:
        identity = analysis.identity
        framework = job.workspace.ledger.framework(identity["framework_id"], identity["framework_version"])
        assert framework is not None
        cells, general = by_cell(analysis.problems, lang, lambda p: cell_of(p, framework))
        again = FollowupIdentity(identity["questionnaire_id"], round_.id, ANSWERING, framework.id, framework.version, lang,
                                 framework.structure_hash, identity.get("issued", ""))
        write_followup_feedback(job.workspace, round_, again, target, Prefill(dict(analysis.typed), cells, general))


KIND = FollowupKind()
