"""A copy of a report draft edited by people and sent back (step 5): merged, section by section, into the round's
current draft (``stages/report_returns``), archived, and answered with a receipt saying what became of each change.

Taking it can be repeated after a crash at any point: the merge is recorded with the copy's SHA-256, so a second
run writes only what is missing (the receipt, the document's final state).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from pipeline.domain.enums import DocumentType, Result, SectionMerge
from pipeline.domain.models import Stage
from pipeline.i18n import messages as m
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, refuse
from pipeline.ledger import crashpoints, records
from pipeline.ledger.database import Ledger
from pipeline.ledger.drafts import drafts
from pipeline.ledger.files import archive_copy, sha256_of
from pipeline.ledger.records import State
from pipeline.stages.report_returns import receipt_name, take_copy, write_copy_receipt
from pipeline.workbooks.safety import Format

TAKING = (Stage.DRAFTING, Stage.COUNTRY_REVIEW)


class DraftKind:
    type = DocumentType.REPORT_DRAFT
    replay = False  # what it makes (a round, a draft version) is kept in archive/records; repair records the file only
    formats = (Format.DOCX,)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        return Analysis("docx", self.type, identity)

    def recovered_answer(self, job: Job, analysis: Analysis) -> Path:
        """The receipt a copy was given, as repair finds it again: it is named after the copy's content."""
        round_ = job.workspace.ledger.get_round(analysis.identity.get("round_id", ""))
        language = round_.language if round_ else "es"
        return job.workspace.outbox / analysis.identity.get("round_id", "") / receipt_name(job.sha256, language)

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        workspace, identity = job.workspace, analysis.identity
        round_ = workspace.ledger.get_round(identity.get("round_id", ""))
        based_on = int(identity["draft_version"]) if identity.get("draft_version", "").isdigit() else None
        known = drafts(workspace, round_.id) if round_ else []
        if round_ is None or based_on not in {d.version for d in known}:
            return refuse(job, analysis, m.INBOX_DRAFT_UNKNOWN,
                          {"round": identity.get("round_id", "?"), "version": identity.get("draft_version", "?")})
        if round_.stage not in TAKING:
            return refuse(job, analysis, m.INBOX_DRAFT_CLOSED, {"round": round_.id, "stage": m.STAGE_NAMES[round_.stage.value]})
        lang = round_.language
        stored = archive_copy(job.claimed, workspace.archive, job.sha256, ".docx")
        copy = take_copy(workspace, round_, job.claimed, job.name, job.sha256, job.received, lang)
        crashpoints.reach("draft-merged")
        receipt = workspace.round_outbox(round_.id) / receipt_name(copy.sha256, lang)
        if not receipt.exists():
            write_copy_receipt(workspace, round_, copy, job.name, lang, receipt)
        crashpoints.reach("draft-answered")
        with workspace.ledger.transaction():
            records.save_document(workspace.ledger, job.document(State.ANSWERED, kind=self.type.value, round=round_.id,
                                                                 stored=job.relative(stored), answer=job.relative(receipt)))
            workspace.ledger.record("draft.answered", round_.id, {"file": job.name, "version": copy.version, "based_on": based_on},
                                    [{"role": "receipt", "name": receipt.name, "sha256": sha256_of(receipt)}])
        job.finish()
        outcome = copy.outcome
        params = {"file": job.name, "round": round_.id, "version": copy.version, "based_on": based_on,
                  "taken": outcome.count(SectionMerge.TAKEN, SectionMerge.SET_APART), "same": outcome.count(SectionMerge.SAME),
                  "conflicts": outcome.count(SectionMerge.CONFLICT), "outside": len(outcome.outside), "answer": job.relative(receipt)}
        return Outcome(job.name, job.sha256, Result.DRAFT, m.OUTCOME_DRAFT_MERGED, params, round_.id, None, job.relative(receipt))


KIND = DraftKind()
