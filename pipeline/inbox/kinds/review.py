"""A returned review matrix (step 5, the country's right of reply): each row's decision, response and withdrawal
read by the observation's key, recorded when it reads right (the latest answer counts), answered with a receipt,
or with a feedback copy of the matrix whose cells to correct are marked (the right rows are recorded anyway)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping

from pipeline.analysis.review import MatrixAnswers, read_answers
from pipeline.documents.receipt import ReceiptContent, write_receipt
from pipeline.domain.enums import DocumentType
from pipeline.domain.models import Round
from pipeline.domain.problems import Problem, Severity
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, Reply, refuse, reply
from pipeline.ledger import reviews
from pipeline.ledger.database import Ledger
from pipeline.stages.report_review import write_matrix_feedback
from pipeline.workbooks.review import RawMatrix, read_review_matrix
from pipeline.workbooks.safety import Format


class ReviewKind:
    type = DocumentType.REVIEW_MATRIX
    formats = (Format.XLSX,)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        round_ = ledger.get_round(identity.get("round_id", ""))
        if round_ is None:
            return Analysis("xlsx", self.type, identity, refusal=m.REVIEW_FOREIGN, params={"round": identity.get("round_id") or "?"})
        lang = identity.get("language") or round_.language
        raw = read_review_matrix(path)
        known = {o.key for o in reviews.observations(ledger, round_.id)}
        read = read_answers(raw.rows, known, lang, reviews.answers(ledger, round_.id))
        problems = read.problems
        if read.unknown:
            problems += (Problem(m.REVIEW_UNKNOWN_ROWS, {"count": read.unknown}, severity=Severity.WARNING),)
        return Analysis("xlsx", self.type, identity, problems=problems, content=(read, raw), answered=read.answered,
                        required=len(known))

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        ledger, identity = job.workspace.ledger, analysis.identity
        round_ = ledger.get_round(identity.get("round_id", ""))
        if round_ is None:
            return refuse(job, analysis, m.REVIEW_FOREIGN, {"round": identity.get("round_id") or "?"})
        lang = identity.get("language") or round_.language
        read, raw = analysis.content
        version = int(identity.get("draft_version", "0") or 0)
        return reply(job, analysis, Reply(
            kind=self.type, round_id=round_.id, holder="country",
            store=lambda: reviews.store_answers(ledger, round_.id, read.answers, job.sha256, job.received),
            received=("review.received", {"file": job.name, "answers": len(read.answers), "errors": len(analysis.errors)},
                      "review_matrix"),
            answered_event="review.answered",
            answer_name=lambda answer: f"review-{answer.value}-{job.sha256[:12]}",
            write_receipt=lambda path: self.receipt(job, analysis, round_, version, lang, path),
            write_feedback=lambda path: self.feedback(job, round_, version, lang, read, raw, path),
            accepted=m.REVIEW_ACCEPTED_OUTCOME, incomplete=m.REVIEW_INCOMPLETE_OUTCOME, params={"round": round_.id}))

    def receipt(self, job: Job, analysis: Analysis, round_: Round, version: int, lang: str, target: Path) -> None:
        catalog = job.workspace.catalog
        country = catalog.state(round_.country).name(lang)
        write_receipt(ReceiptContent(
            round_id=round_.id, country=country, topic=catalog.topic(round_.topic).name(lang), institution=country,
            questionnaire_id=translate(m.REVIEW_MATRIX_DRAFT, lang, version=version), file_name=job.name,
            received_at=dt.datetime.fromisoformat(job.received), sha256=job.sha256, answered=analysis.answered,
            required=analysis.required, language=lang, warnings=tuple(p.render(lang) for p in analysis.warnings),
            subtitle=m.REVIEW_MATRIX_SUBTITLE, labels=m.REVIEW_MATRIX_RECEIPT, completion_detail=m.REVIEW_MATRIX_ROWS), target)

    def feedback(self, job: Job, round_: Round, version: int, lang: str, read: MatrixAnswers, raw: RawMatrix, target: Path) -> None:
        write_matrix_feedback(job.workspace, round_, version, lang, read, raw, target)


KIND = ReviewKind()
