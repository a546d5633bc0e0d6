"""An expert's interview notes workbook (step 4): checked against what was issued, stored row by row (a later
accepted file from the same expert supersedes the earlier one) and answered with a receipt or a feedback copy."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping

from pipeline.analysis.notes import NotesContent, check_notes
from pipeline.documents.receipt import ReceiptContent, write_receipt
from pipeline.domain import file_names
from pipeline.domain.enums import DocumentType
from pipeline.domain.framework import Framework, pick
from pipeline.domain.models import Round
from pipeline.domain.notes import NoteRow, row_specs
from pipeline.domain.problems import Problem
from pipeline.i18n import messages as m
from pipeline.inbox.job import Job, Outcome
from pipeline.inbox.kinds.base import Analysis, Reply, by_cell, refuse, reply
from pipeline.ledger import notes as stored_notes
from pipeline.ledger.database import Ledger
from pipeline.ledger.notes import IssuedNotes
from pipeline.stages.interviews import NOTES_STAGES, notes_cover
from pipeline.workbooks.notes import NotesIdentity, NotesPrefill, cell_name, read_notes, write_notes
from pipeline.workbooks.safety import Format

CHECKED = (("round_id", "round"), ("expert", "expert"), ("framework_id", "framework_id"), ("framework_version", "framework_version"))


def refusal(identity: Mapping[str, str], issued: IssuedNotes | None, round_: Round | None,
            framework: Framework | None) -> tuple[str, dict[str, Any]] | None:
    """Why a notes workbook cannot be taken: not issued here, changed since, or its round not taking notes."""
    notes_id = identity.get("notes_id", "")
    if issued is None or round_ is None or framework is None:
        return m.NOTES_FOREIGN, {"notes": notes_id or "?"}
    for name, attribute in CHECKED:
        if identity.get(name, "") != getattr(issued, attribute):
            return m.NOTES_TAMPERED, {"notes": notes_id, "field": name}
    if round_.stage not in NOTES_STAGES:
        return m.NOTES_ROUND_CLOSED, {"round": round_.id, "stage": m.STAGE_NAMES[round_.stage.value]}
    return None


def cell_of(problem: Problem) -> str | None:
    """The defined name of the notes cell a problem is about; None for none."""
    field_, row = problem.params.get("field"), problem.params.get("row")
    if field_ == "expert_email":
        return "expert_email"
    return cell_name(str(row), str(field_)) if row and field_ else None


class NotesKind:
    type = DocumentType.INTERVIEW_NOTES
    formats = (Format.XLSX, Format.ODS)

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        """Reads a returned notes workbook and checks it against what was issued. A foreign, tampered or late
        workbook comes back as a refusal (quarantined)."""
        issued = stored_notes.issued(ledger, identity.get("notes_id", ""))
        round_ = ledger.get_round(issued.round) if issued else None
        framework = ledger.framework(issued.framework_id, issued.framework_version) if issued else None
        refused = refusal(identity, issued, round_, framework)
        if refused is not None:
            return Analysis("xlsx", self.type, identity, refusal=refused[0], params=refused[1])
        assert issued is not None and round_ is not None and framework is not None
        lang = identity.get("language") or issued.language
        raw = read_notes(path, workbook)
        specs = row_specs(issued.institutions, list(framework.elements))
        names = {e: pick(labels, lang, framework.default_language) for e, labels in framework.elements.items()}
        names.update({i.id: i.acronym for i in round_.institutions})
        rows, problems = check_notes(raw, specs, names, {k for q in framework.questions for k in (q.name, framework.number(q)) if k})
        typed = {name: cell.value for name, cell in raw.expert.items()}
        typed.update({cell_name(key, f): cell.value for key, cells in raw.rows.items() for f, cell in cells.items()})
        email = raw.expert.get("expert_email")
        name = raw.expert.get("expert_name")
        expert = issued.expert or (str(email.value).strip().lower() if email and email.value else "")
        content = NotesContent(expert, str(name.value).strip() if name and name.value is not None else "", tuple(rows))
        return Analysis("xlsx", self.type, identity, problems=tuple(problems), content=content, typed=typed,
                        answered=len(rows), required=len(specs))

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        ledger = job.workspace.ledger
        issued = stored_notes.issued(ledger, analysis.identity.get("notes_id", ""))
        round_ = ledger.get_round(issued.round) if issued else None
        if issued is None or round_ is None:
            return refuse(job, analysis, m.NOTES_FOREIGN, {"notes": analysis.identity.get("notes_id") or "?"})
        content: NotesContent = analysis.content
        expert = content.expert
        lang = analysis.identity.get("language") or round_.language

        def store() -> None:  # notes with an error are answered, not stored
            if analysis.errors:
                return
            stored_notes.store_rows(ledger, [NoteRow(round=round_.id, expert=expert, expert_name=content.expert_name,
                                                     notes_id=issued.id, institution=r.institution, element=r.element,
                                                     sha256=job.sha256, received=job.received, **r.values)
                                             for r in content.rows])

        who = expert.split("@")[0] or "panel"
        return reply(job, analysis, Reply(
            kind=self.type, round_id=round_.id, holder=f"panel:{expert}", store=store,
            received=("notes.received", {"expert": expert, "file": job.name, "rows": analysis.answered,
                                         "errors": len(analysis.errors)}, "interview_notes"),
            answered_event="notes.answered",
            answer_name=lambda answer: file_names.answer(answer, (who,), job.sha256, round_.language, m.FILE_NOTES),
            write_receipt=lambda path: self.receipt(job, analysis, round_, issued, lang, path),
            write_feedback=lambda path: self.feedback(job, analysis, round_, issued, lang, path),
            accepted=m.NOTES_ACCEPTED, incomplete=m.NOTES_INCOMPLETE,
            params={"expert": content.expert_name or expert or "?", "round": round_.id}))

    def receipt(self, job: Job, analysis: Analysis, round_: Round, issued: IssuedNotes, lang: str, target: Path) -> None:
        catalog, content = job.workspace.catalog, analysis.content
        write_receipt(ReceiptContent(
            round_id=round_.id, country=catalog.state(round_.country).name(lang), topic=catalog.topic(round_.topic).name(lang),
            institution=f"{content.expert_name} <{content.expert}>" if content.expert_name else content.expert,
            questionnaire_id=issued.id, file_name=job.name, file_format=analysis.format,
            received_at=dt.datetime.fromisoformat(job.received), sha256=job.sha256,
            answered=analysis.answered, required=analysis.required, language=lang, anchor=job.anchor,
            warnings=tuple(p.render(lang) for p in analysis.warnings),
            subtitle=m.NOTES_TITLE, labels=m.NOTES_RECEIPT, completion_detail=m.NOTES_RECEIPT_ROWS), target)

    def feedback(self, job: Job, analysis: Analysis, round_: Round, issued: IssuedNotes, lang: str, target: Path) -> None:
        framework = job.workspace.ledger.framework(issued.framework_id, issued.framework_version)
        assert framework is not None
        cells, general = by_cell(analysis.problems, lang, cell_of)
        identity = NotesIdentity(issued.id, issued.round, issued.expert, issued.framework_id, issued.framework_version,
                                 issued.language, issued.issued)
        cover = notes_cover(job.workspace, round_, framework, lang, institutions=issued.institutions)
        write_notes(target, identity, cover, NotesPrefill(dict(analysis.typed), cells, general))


KIND = NotesKind()
