"""One claimed file on its way, and the steps that finish it: archived, recorded and answered, or set aside.

Every step can be repeated: the archive and the answers are named by content hash and written atomically,
and the ledger records a state only once its file is on disk. A process killed at any point leaves the file
in ``work/``; the next pass takes it again and finishes what is missing, so each distinct file ends with
exactly one final state and one answer. Nothing that arrived is deleted unless its very bytes are archived:
a file that changed while it was processed goes back to the inbox, and a second copy of an archived file is
kept aside in ``archive/duplicates/``.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Mapping

from pipeline.domain.enums import Result
from pipeline.domain.problems import Problem
from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid, translate
from pipeline.inbox.readiness import Look, claim_id, put_back
from pipeline.ledger import claims, crashpoints, records
from pipeline.ledger.files import archive_copy, keep_aside, sha256_of, write_bytes
from pipeline.ledger.names import exact, raw, safe
from pipeline.ledger.records import Document, State
from pipeline.ledger.storage import writing
from pipeline.ledger.workspace import Workspace


@dataclass(frozen=True)
class Outcome:
    """What became of one file; ``message`` and ``params`` say it in a sentence."""

    file: str
    sha256: str
    result: Result
    message: Msgid
    params: dict[str, Any] = field(default_factory=dict)
    round: str | None = None
    institution: str | None = None
    answer: str | None = None

    def render(self, lang: str | None) -> str:
        return translate(self.message, lang, **self.params)


class Changed(Exception):
    """The claimed file changed while it was processed (still being written): it went back to the inbox."""


@dataclass
class Job:
    """One claimed file on its way; ``name`` is the name it arrived with (shown escaped), ``raw_name`` its
    bytes; ``lang`` is the staff's language for notes; ``recovered`` marks a file re-read from the archive by
    ``verify --repair``, whose events say so."""

    workspace: Workspace
    claimed: Path
    lang: str
    name: str = ""
    sha256: str = ""
    received: str = ""
    raw_name: bytes | None = None
    recovered: bool = False
    received_ns: int = 0
    observed: Look | None = None
    anchor: tuple[int, str] | None = None  # the ledger's head once the file was recorded (written into receipts)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.workspace.root).as_posix()

    def look(self) -> Look | None:
        try:
            found = os.stat(self.claimed)
        except FileNotFoundError:
            return None
        return (found.st_size, found.st_mtime_ns, found.st_ino)

    def changed(self) -> bool:
        """Whether the claimed file is no longer what was hashed (a writer still had it)."""
        now = self.look()
        return now is not None and self.observed is not None and now != self.observed

    def put_back(self) -> Path:
        """Returns the claimed file to the inbox, under the name it arrived with."""
        back = put_back(self.claimed, self.workspace.inbox, self.raw_name or raw(self.name))
        claims.forget(self.workspace.ledger, [claim_id(self.claimed)])
        return back

    def finish(self) -> None:
        """Done with the claimed file: its bytes are archived, so it is removed; unless it changed since it was
        hashed, then it goes back to the inbox to be taken again as what it now is."""
        if not self.claimed.exists():
            return
        if self.changed():
            self.put_back()
            return
        self.claimed.unlink()  # its claim's row goes with the next start's clean-up (``claims.prune``)

    def payload(self, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "recovered": True} if self.recovered else values

    def document(self, state: State, **values: Any) -> Document:
        base = records.document(self.workspace.ledger, self.sha256)
        name_bytes = self.raw_name or raw(self.name)
        fields = dict(sha256=self.sha256, name=self.name, received=self.received, kind=None, state=state, round=None,
                      institution=None, reason=None, stored=None, answer=None, claim=self.claimed.name,
                      raw_name=None if exact(name_bytes) else name_bytes.hex())
        if base is not None:
            fields.update({k: getattr(base, k) for k in fields if getattr(base, k) is not None and k not in ("state", "claim")})
        fields.update(values)
        fields["state"] = state
        return Document(**fields)


def archive_and_answer(
    job: Job,
    *,
    kind: str,
    round_id: str,
    institution: str,
    store: Callable[[], None],
    received: tuple[str, dict[str, Any], str],
    answer: Path,
    write_answer: Callable[[Path], None],
    answered: tuple[str, dict[str, Any], str],
    suffix: str = ".xlsx",
) -> str:
    """The crash-safe end of a document that was read and is ours: archived, recorded, answered, finished.

    ``store`` writes the document's own rows, inside the transaction that records it as archived;
    ``received`` and ``answered`` are the events (kind, payload, document role); ``answer`` is the receipt
    or feedback path, named by content hash and written by ``write_answer`` unless a run before a crash
    already wrote it. Each step can be repeated. ``suffix`` is the archived copy's (the format it was read as).
    Returns the answer's path relative to the workspace."""
    workspace, ledger = job.workspace, job.workspace.ledger
    with writing(workspace.archive):
        stored = archive_copy(job.claimed, workspace.archive, job.sha256, suffix, job.name, job.received_ns or None)
    crashpoints.reach("archived")
    if records.document(ledger, job.sha256) is None:
        event, payload, role = received
        with ledger.transaction():
            records.save_document(ledger, job.document(State.ARCHIVED, kind=kind, round=round_id, institution=institution,
                                                       stored=job.relative(stored)))
            store()
            ledger.record(event, round_id, job.payload(payload), [{"role": role, "name": job.name, "sha256": job.sha256}])
    crashpoints.reach("recorded")
    job.anchor = ledger.head()
    if not answer.exists():
        with writing(answer.parent):
            write_answer(answer)
    crashpoints.reach("answered")
    event, payload, role = answered
    with ledger.transaction():
        records.save_document(ledger, job.document(State.ANSWERED, answer=job.relative(answer)))
        ledger.record(event, round_id, job.payload(payload), [{"role": role, "name": answer.name, "sha256": sha256_of(answer)}])
    crashpoints.reach("finished")
    job.finish()
    return job.relative(answer)


def already_final(job: Job, known: Document) -> Outcome:
    """A file whose content already has a final state: a redo after a crash, or the same file sent again (its
    copy kept aside, never deleted)."""
    redo = known.claim == job.claimed.name
    kept: Path | None = None
    if known.state is State.QUARANTINED and known.stored and not (job.workspace.root / known.stored).exists():
        os.rename(job.claimed, job.workspace.root / known.stored)
    elif redo:
        job.finish()  # the same arrival, its bytes already archived or set aside
    elif job.claimed.exists():
        if job.changed():
            job.put_back()
            raise Changed(job.name)
        day = dt.date.today().isoformat()
        kept = keep_aside(job.claimed, job.workspace.archive / "duplicates", f"{day}-{job.sha256[:12]}-{safe(job.name)}")
    if not redo:
        with job.workspace.ledger.transaction():
            job.workspace.ledger.record("document.duplicate", known.round, job.payload(
                {"file": job.name, "first": known.name, "kept": job.relative(kept) if kept else ""}),
                [{"role": "duplicate", "sha256": job.sha256}])
    message = m.OUTCOME_DUPLICATE if not redo else _final_message(known)
    result = Result.DUPLICATE if not redo else Result.QUARANTINED if known.state is State.QUARANTINED else Result.ACCEPTED
    return Outcome(job.name, job.sha256, result, message,
                   {"file": job.name, "first": known.name, "reason": known.reason or "", "round": known.round or "",
                    "institution": known.institution or "", "answer": known.answer or "", "answered": "", "required": "",
                    "errors": ""}, known.round, known.institution, known.answer)


def _final_message(known: Document) -> Msgid:
    return m.OUTCOME_QUARANTINED if known.state is State.QUARANTINED else m.OUTCOME_ACCEPTED


def quarantine_target(job: Job) -> Path:
    return job.workspace.quarantine / f"{dt.date.today().isoformat()}-{job.sha256[:12]}-{safe(job.name)}"


def note_text(job: Job, reason: str, details: list[str]) -> bytes:
    note = [translate(m.NOTE_TITLE, job.lang), "",
            translate(m.NOTE_FILE, job.lang, file=job.name),
            translate(m.NOTE_WHEN, job.lang, when=job.received or records.now()),
            translate(m.NOTE_HASH, job.lang, sha256=job.sha256 or "—"), "",
            translate(m.NOTE_REASON, job.lang), reason, *details, "",
            translate(m.NOTE_KEPT, job.lang), ""]
    return "\n".join(note).encode("utf-8")


def quarantine(job: Job, message: Msgid, params: dict[str, Any], problems: tuple[Problem, ...] = (),
               kind: Enum | None = None, identity: Mapping[str, str] | None = None) -> Outcome:
    """Sets the file aside unchanged, beside a note in plain words saying why; ``kind`` and ``identity`` are what
    it said it was, when it was read that far."""
    workspace = job.workspace
    if job.changed():
        job.put_back()
        raise Changed(job.name)
    reason = translate(message, job.lang, **params)
    target = quarantine_target(job)
    write_bytes(target.with_name(target.name + ".txt"), note_text(job, reason, [p.render(job.lang) for p in problems]))
    identity = identity or {}
    doc = job.document(State.QUARANTINED, kind=kind.value if kind else None, round=identity.get("round_id"),
                       institution=identity.get("institution_id"), reason=reason, stored=job.relative(target))
    with workspace.ledger.transaction():
        records.save_document(workspace.ledger, doc)
        workspace.ledger.record("document.quarantined", doc.round, job.payload({"file": job.name, "reason": reason}),
                                [{"role": "received", "name": job.name, "sha256": job.sha256}])
    crashpoints.reach("quarantine-recorded")
    if job.claimed.exists():
        os.rename(job.claimed, target)
    return Outcome(job.name, job.sha256, Result.QUARANTINED, m.OUTCOME_QUARANTINED, {"file": job.name, "reason": reason},
                   doc.round, doc.institution, job.relative(target))


def set_aside_unrecorded(job: Job, reason: str) -> Path | None:
    """The last resort, when even recording the file failed (a bug): it is moved to quarantine/ beside a note,
    without a ledger record (``verify`` reports it; ``verify --repair`` records it). Returns where it went."""
    if not job.claimed.exists():
        return None
    name = f"{dt.date.today().isoformat()}-{(job.sha256 or claim_id(job.claimed))[:12]}-{safe(job.name or job.claimed.name)}"
    target = job.workspace.quarantine / name
    try:
        write_bytes(target.with_name(target.name + ".txt"), note_text(job, reason, []))
    except OSError:
        pass
    job.workspace.quarantine.mkdir(parents=True, exist_ok=True)
    os.rename(job.claimed, target)
    return target


def recorded_only(job: Job, analysis: Any, answer: Path | None = None) -> Outcome:
    """A file re-read from the archive whose kind's records are kept apart (a request opened its round, a draft
    became a version of the report; both kept in archive/records/): only the document itself is recorded again,
    with ``answer``, the receipt it was given (when its kind can tell which file that is and it is still there)."""
    workspace = job.workspace
    stored = archive_copy(job.claimed, workspace.archive, job.sha256, f".{analysis.format or 'xlsx'}", job.name)
    kind = analysis.kind.value if analysis.kind else None
    doc = job.document(State.ANSWERED, kind=kind, round=analysis.identity.get("round_id"), stored=job.relative(stored),
                       answer=job.relative(answer) if answer is not None and answer.exists() else None)
    with workspace.ledger.transaction():
        records.save_document(workspace.ledger, doc)
        workspace.ledger.record("document.recovered", doc.round, job.payload({"file": job.name, "kind": kind}),
                                [{"role": kind or "document", "name": job.name, "sha256": job.sha256}])
    job.finish()
    return Outcome(job.name, job.sha256, Result.ACCEPTED, m.OUTCOME_RECOVERED, {"file": job.name, "kind": kind or ""},
                   doc.round, None, doc.stored)
