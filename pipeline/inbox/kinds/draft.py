"""A report draft edited by people and sent back (step 5): it becomes the round's current draft, versioned."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from pipeline.domain.enums import DocumentType, DraftOrigin, Result
from pipeline.domain.models import Stage
from pipeline.i18n import messages as m
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, refuse
from pipeline.ledger import records
from pipeline.ledger.database import Ledger
from pipeline.ledger.drafts import drafts, record_draft
from pipeline.ledger.records import State
from pipeline.workbooks.safety import Format

TAKING = (Stage.DRAFTING, Stage.COUNTRY_REVIEW)


class DraftKind:
    type = DocumentType.REPORT_DRAFT
    replay = False  # what it makes (a round, a draft version) is kept in archive/records; repair records the file only
    formats = (Format.DOCX,)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        return Analysis("docx", self.type, identity)

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
        # after a crash, the same file may already be recorded: never give it a second version
        draft = next((d for d in known if d.sha256 == job.sha256), None)
        if draft is None:
            draft = record_draft(workspace, round_, job.claimed, DraftOrigin.RETURNED, based_on, job.name)
        with workspace.ledger.transaction():
            records.save_document(workspace.ledger, job.document(State.ANSWERED, kind=self.type.value, round=round_.id, stored=draft.file))
        job.finish()
        # An edit made on an older generation than the latest one the pipeline wrote may miss its new data.
        generated = max((d.version for d in drafts(workspace, round_.id) if d.origin is DraftOrigin.GENERATED), default=based_on)
        params = {"file": job.name, "round": round_.id, "version": draft.version, "based_on": based_on, "current": generated}
        message = m.OUTCOME_DRAFT if based_on == generated else m.OUTCOME_DRAFT_OUTDATED
        return Outcome(job.name, job.sha256, Result.DRAFT, message, params, round_.id, None, draft.file)


KIND = DraftKind()
