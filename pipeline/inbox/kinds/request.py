"""A filled round request form (step 1): it opens the round it asks for, or is set aside with every problem."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from pipeline.domain.enums import DocumentType, Result
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, refuse
from pipeline.ledger import records
from pipeline.ledger.database import Ledger
from pipeline.ledger.files import archive_copy
from pipeline.ledger.records import State
from pipeline.stages.rounds import open_round
from pipeline.workbooks.request import read_request, round_from_request
from pipeline.workbooks.safety import Format


class RequestKind:
    type = DocumentType.ROUND_REQUEST
    replay = False  # what it makes (a round, a draft version) is kept in archive/records; repair records the file only
    formats = (Format.XLSX,)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        try:
            return Analysis("xlsx", self.type, identity, content=read_request(path))
        except UserError as error:
            return Analysis("xlsx", self.type, identity, problems=error.problems)

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        if analysis.problems:
            return refuse(job, analysis, m.REQUEST_NOT_OPENED, {}, analysis.problems)
        workspace = job.workspace
        try:
            round_ = round_from_request(analysis.content, workspace.catalog, job.name)
            stored = archive_copy(job.claimed, workspace.archive, job.sha256, ".xlsx")
            open_round(workspace, round_, {"role": "round_request", "name": job.name, "sha256": job.sha256})
        except UserError as error:
            return refuse(job, analysis, m.REQUEST_NOT_OPENED, {}, error.problems)
        with workspace.ledger.transaction():
            records.save_document(workspace.ledger, job.document(State.ANSWERED, kind=self.type.value, round=round_.id,
                                                                 stored=job.relative(stored)))
        job.finish()
        return Outcome(job.name, job.sha256, Result.REQUEST, m.OUTCOME_REQUEST, {"file": job.name, "round": round_.id}, round_.id)


KIND = RequestKind()
