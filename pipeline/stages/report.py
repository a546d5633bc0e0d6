"""Steps 5 and 6: the preliminary draft the panel edits, the country's review and approval, the final report.

Every draft, generated or returned, is a numbered version of the round; the highest is the current one.
A new draft is rendered afresh from the template and takes the panel's sections from the current one
(see docs/report-drafts.md): a returned draft is never rendered as a template.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import Problem, UserError
from pipeline.domain.rules import move
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger.files import archive_copy, sha256_of
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds

DRAFTING_STAGES = (Stage.INTERVIEWS, Stage.DRAFTING, Stage.COUNTRY_REVIEW)


@dataclass(frozen=True)
class Draft:
    round: str
    version: int
    origin: str  # generated, returned
    based_on: int | None
    file: str  # relative to the workspace: the archived copy
    sha256: str
    created: str


def drafts(workspace: Workspace, round_id: str) -> list[Draft]:
    rows = workspace.ledger.db.execute(
        "SELECT round, version, origin, based_on, file, sha256, created FROM drafts WHERE round = ? ORDER BY version", (round_id,))
    return [Draft(*row) for row in rows.fetchall()]


def current(workspace: Workspace, round_id: str) -> Draft | None:
    """The round's current draft (its highest version); None before the first."""
    found = drafts(workspace, round_id)
    return found[-1] if found else None


def record_draft(workspace: Workspace, round_: Round, path: Path, origin: str, based_on: int | None, name: str) -> Draft:
    """Archives ``path`` and records it as the round's next draft version, with its event."""
    digest = sha256_of(path)
    stored = archive_copy(path, workspace.archive, digest, ".docx")
    previous = current(workspace, round_.id)
    draft = Draft(round_.id, (previous.version if previous else 0) + 1, origin, based_on,
                  stored.relative_to(workspace.root).as_posix(), digest, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    with workspace.ledger.transaction():
        workspace.ledger.db.execute("INSERT INTO drafts VALUES (?,?,?,?,?,?,?)", (draft.round, draft.version, draft.origin,
                                    draft.based_on, draft.file, draft.sha256, draft.created))
        workspace.ledger.record(f"draft.{origin}", round_.id, {"version": draft.version, "based_on": based_on, "file": name},
                                [{"role": f"draft_{origin}", "name": name, "sha256": digest}])
    return draft


@dataclass(frozen=True)
class DraftResult:
    path: Path
    version: int
    kept: list[str]
    appended: list[str]


def write_draft(workspace: Workspace, round_id: str, lang: str | None = None) -> DraftResult:
    """Writes the next draft version into outbox/<round>/, keeping the panel's text of the current draft."""
    import docx

    from pipeline.documents.panel_text import carry_over
    from pipeline.documents.report import render_report

    round_ = rounds.get(workspace, round_id)
    if round_.stage not in DRAFTING_STAGES:
        raise UserError(m.REPORT_WRONG_STAGE, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    if round_.stage is Stage.INTERVIEWS:
        round_ = rounds.set_stage(workspace, round_.id, Stage.DRAFTING)[1]
    before = current(workspace, round_.id)
    version = (before.version if before else 0) + 1
    language = lang or round_.language
    target = workspace.round_outbox(round_.id) / f"{round_.id}-borrador-v{version}.docx"
    kept: list[str] = []
    appended: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mecigep-draft-") as folder:
        fresh_path = render_report(workspace, round_.id, version, Path(folder) / "fresh.docx", language)
        if before is not None:
            fresh = docx.Document(str(fresh_path))
            report = carry_over(docx.Document(str(workspace.root / before.file)), fresh,
                                translate(m.REPORT_SECTIONS_SET_APART, language))
            kept, appended = list(report.kept), list(report.appended)
            fresh.save(str(fresh_path))
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(fresh_path, tmp)
        tmp.replace(target)
    record_draft(workspace, round_, target, "generated", before.version if before else None, target.name)
    return DraftResult(target, version, kept, appended)


def _current_document(workspace: Workspace, round_id: str):  # type: ignore[no-untyped-def]
    import docx

    draft = current(workspace, round_id)
    if draft is None:
        raise UserError(m.REPORT_NO_DRAFT, round=round_id)
    return draft, docx.Document(str(workspace.root / draft.file))


def write_review(workspace: Workspace, round_id: str, lang: str | None = None) -> tuple[Path, int, int, int]:
    """The review workbook of the current draft; returns (path, changes, comments, version)."""
    from pipeline.documents.review import comments, tracked_changes, write_review_workbook

    round_ = rounds.get(workspace, round_id)
    draft, document = _current_document(workspace, round_.id)
    changes, notes = tracked_changes(document), comments(document)
    target = workspace.round_outbox(round_.id) / f"{round_.id}-revision-v{draft.version}.xlsx"
    write_review_workbook(changes, notes, target, lang or round_.language)
    return target, len(changes), len(notes), draft.version


def approve(workspace: Workspace, round_id: str, by: str, on: dt.date) -> Draft:
    """Records the country's approval of the current draft; raises UserError listing whatever is unresolved."""
    from pipeline.documents.panel_text import placeholders
    from pipeline.documents.review import unresolved

    round_ = rounds.get(workspace, round_id)
    if round_.stage not in (Stage.DRAFTING, Stage.COUNTRY_REVIEW):
        raise UserError(m.REPORT_WRONG_STAGE, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    draft, document = _current_document(workspace, round_.id)
    problems = unresolved(document) + placeholders(document)
    if problems:
        raise UserError.of([Problem(m.REPORT_NOT_APPROVABLE, {"version": draft.version}), *problems])
    if round_.stage is Stage.DRAFTING:
        rounds.set_stage(workspace, round_.id, Stage.COUNTRY_REVIEW)
    approved = move(rounds.get(workspace, round_.id), Stage.APPROVED)
    with workspace.ledger.transaction():
        workspace.ledger.db.execute("INSERT OR REPLACE INTO approvals VALUES (?,?,?,?,?,?)",
                                    (round_.id, by, on.isoformat(), draft.version, draft.sha256,
                                     dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        workspace.ledger.db.execute("UPDATE rounds SET data = ? WHERE id = ?", (approved.model_dump_json(), approved.id))
        workspace.ledger.record("report.approved", round_.id, {"by": by, "date": on.isoformat(), "version": draft.version},
                                [{"role": "approved_draft", "sha256": draft.sha256}])
    return draft


@dataclass(frozen=True)
class FinalResult:
    docx: Path
    pdf: Path | None
    pdf_problem: str | None  # a catalog message when no PDF was made


def write_final(workspace: Workspace, round_id: str, lang: str | None = None) -> FinalResult:
    """The final report from the approved draft (and its PDF when LibreOffice is there); the round is published."""
    import docx

    from pipeline.documents.panel_text import carry_over
    from pipeline.documents.report import render_report

    round_ = rounds.get(workspace, round_id)
    row = workspace.ledger.db.execute(
        "SELECT approved_by, approved_on, draft_version, draft_sha256 FROM approvals WHERE round = ?", (round_.id,)).fetchone()
    if row is None or round_.stage is not Stage.APPROVED:
        raise UserError(m.REPORT_NOT_APPROVED, round=round_.id)
    by, on, version, sha = row
    approved = next(d for d in drafts(workspace, round_.id) if d.version == version)
    language = lang or round_.language
    target = workspace.round_outbox(round_.id) / f"{round_.id}-informe-final.docx"
    with tempfile.TemporaryDirectory(prefix="mecigep-final-") as folder:
        fresh_path = render_report(workspace, round_.id, version, Path(folder) / "final.docx", language, final=True,
                                   approval={"approved_by": by, "date": dt.date.fromisoformat(on), "reference": f"v{version} · {sha[:12]}"})
        fresh = docx.Document(str(fresh_path))
        carry_over(docx.Document(str(workspace.root / approved.file)), fresh, translate(m.REPORT_SECTIONS_SET_APART, language))
        tmp = target.with_name(f".{target.name}.tmp")
        fresh.save(str(tmp))
        tmp.replace(target)
    pdf, problem = _pdf(target)
    digest = sha256_of(target)
    published = move(rounds.get(workspace, round_.id), Stage.PUBLISHED)
    documents = [{"role": "final_report", "name": target.name, "sha256": digest}]
    if pdf is not None:
        documents.append({"role": "final_report_pdf", "name": pdf.name, "sha256": sha256_of(pdf)})
    with workspace.ledger.transaction():
        workspace.ledger.db.execute("UPDATE rounds SET data = ? WHERE id = ?", (published.model_dump_json(), published.id))
        workspace.ledger.record("report.published", round_.id, {"version": version}, documents)
    return FinalResult(target, pdf, problem)


def _pdf(source: Path) -> tuple[Path | None, str | None]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None, m.REPORT_NO_LIBREOFFICE
    with tempfile.TemporaryDirectory(prefix="mecigep-pdf-") as profile:
        done = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                               "--outdir", str(Path(profile) / "out"), str(source)], capture_output=True, timeout=300)
        made = Path(profile) / "out" / (source.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            return None, m.REPORT_PDF_FAILED
        target = source.with_suffix(".pdf")
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(made, tmp)
        tmp.replace(target)
    return target, None


def take_draft(job, analysis):  # type: ignore[no-untyped-def]
    """The inbox's handler for a returned draft: it becomes the round's current draft, versioned."""
    from pipeline.inbox.processing import Outcome, quarantine
    from pipeline.ledger import records
    from pipeline.ledger.records import State

    workspace, identity = job.workspace, analysis.identity
    round_ = workspace.ledger.get_round(identity.get("round_id", ""))
    based_on = int(identity["draft_version"]) if identity.get("draft_version", "").isdigit() else None
    issued = {d.version for d in drafts(workspace, round_.id)} if round_ else set()
    if round_ is None or based_on not in issued:
        return quarantine(job, analysis, m.INBOX_DRAFT_UNKNOWN,
                          {"round": identity.get("round_id", "?"), "version": identity.get("draft_version", "?")})
    if round_.stage not in (Stage.DRAFTING, Stage.COUNTRY_REVIEW):
        return quarantine(job, analysis, m.INBOX_DRAFT_CLOSED, {"round": round_.id, "stage": m.STAGE_NAMES[round_.stage.value]})
    # after a crash, the same file may already be recorded: never give it a second version
    draft = next((d for d in drafts(workspace, round_.id) if d.sha256 == job.sha256), None)
    if draft is None:
        draft = record_draft(workspace, round_, job.claimed, "returned", based_on, job.name)
    with workspace.ledger.transaction():
        records.save_document(workspace.ledger, job.document(State.ANSWERED, kind="report_draft", round=round_.id, stored=draft.file))
    job.claimed.unlink(missing_ok=True)
    # An edit made on an older generation than the latest one the pipeline wrote may miss its new data.
    generated = max((d.version for d in drafts(workspace, round_.id) if d.origin == "generated"), default=based_on)
    params = {"file": job.name, "round": round_.id, "version": draft.version, "based_on": based_on, "current": generated}
    message = m.OUTCOME_DRAFT if based_on == generated else m.OUTCOME_DRAFT_OUTDATED
    return Outcome(job.name, job.sha256, "draft", message, params, round_.id, None, draft.file)
