"""One claimed file on its way, and the steps that finish it: archived, recorded and answered, or set aside.

Every step can be repeated: the archive and the answers are named by content hash and written atomically,
and the ledger records a state only once its file is on disk. A process killed at any point leaves the file
in ``work/``; the next run takes it again and finishes what is missing, so each distinct file ends with
exactly one final state and one answer.
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
from pipeline.ledger import crashpoints, records
from pipeline.ledger.files import archive_copy, sha256_of, write_bytes
from pipeline.ledger.records import Document, State
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


@dataclass
class Job:
    """One claimed file on its way; ``lang`` is the staff's language for notes."""

    workspace: Workspace
    claimed: Path
    lang: str
    name: str = ""
    sha256: str = ""
    received: str = ""

    def relative(self, path: Path) -> str:
        return path.relative_to(self.workspace.root).as_posix()

    def document(self, state: State, **values: Any) -> Document:
        base = records.document(self.workspace.ledger, self.sha256)
        fields = dict(sha256=self.sha256, name=self.name, received=self.received, kind=None, state=state, round=None,
                      institution=None, reason=None, stored=None, answer=None, claim=self.claimed.name)
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
    stored = archive_copy(job.claimed, workspace.archive, job.sha256, suffix)
    crashpoints.reach("archived")
    if records.document(ledger, job.sha256) is None:
        event, payload, role = received
        with ledger.transaction():
            records.save_document(ledger, job.document(State.ARCHIVED, kind=kind, round=round_id, institution=institution,
                                                       stored=job.relative(stored)))
            store()
            ledger.record(event, round_id, payload, [{"role": role, "name": job.name, "sha256": job.sha256}])
    crashpoints.reach("recorded")
    if not answer.exists():
        write_answer(answer)
    crashpoints.reach("answered")
    event, payload, role = answered
    with ledger.transaction():
        records.save_document(ledger, job.document(State.ANSWERED, answer=job.relative(answer)))
        ledger.record(event, round_id, payload, [{"role": role, "name": answer.name, "sha256": sha256_of(answer)}])
    crashpoints.reach("finished")
    job.claimed.unlink(missing_ok=True)
    return job.relative(answer)


def already_final(job: Job, known: Document) -> Outcome:
    """A file whose content already has a final state: a redo after a crash, or the same file sent again."""
    redo = known.claim == job.claimed.name
    if known.state is State.QUARANTINED and known.stored and not (job.workspace.root / known.stored).exists():
        os.rename(job.claimed, job.workspace.root / known.stored)
    elif job.claimed.exists():
        job.claimed.unlink()  # the same bytes are kept in the archive or the quarantine
    if not redo:
        with job.workspace.ledger.transaction():
            job.workspace.ledger.record("document.duplicate", known.round,
                                        {"file": job.name, "first": known.name}, [{"role": "duplicate", "sha256": job.sha256}])
    message = m.OUTCOME_DUPLICATE if not redo else _final_message(known)
    result = Result.DUPLICATE if not redo else Result.QUARANTINED if known.state is State.QUARANTINED else Result.ACCEPTED
    return Outcome(job.name, job.sha256, result, message,
                   {"file": job.name, "first": known.name, "reason": known.reason or "", "round": known.round or "",
                    "institution": known.institution or "", "answer": known.answer or "", "answered": "", "required": "",
                    "errors": ""}, known.round, known.institution, known.answer)


def _final_message(known: Document) -> Msgid:
    return m.OUTCOME_QUARANTINED if known.state is State.QUARANTINED else m.OUTCOME_ACCEPTED


def quarantine(job: Job, message: Msgid, params: dict[str, Any], problems: tuple[Problem, ...] = (),
               kind: Enum | None = None, identity: Mapping[str, str] | None = None) -> Outcome:
    """Sets the file aside unchanged, beside a note in plain words saying why; ``kind`` and ``identity`` are what
    it said it was, when it was read that far."""
    workspace = job.workspace
    reason = translate(message, job.lang, **params)
    details = [p.render(job.lang) for p in problems]
    day = dt.date.today().isoformat()
    target = workspace.quarantine / f"{day}-{job.sha256[:12]}-{job.name}"
    note = [translate(m.NOTE_TITLE, job.lang), "",
            translate(m.NOTE_FILE, job.lang, file=job.name),
            translate(m.NOTE_WHEN, job.lang, when=job.received or records.now()),
            translate(m.NOTE_HASH, job.lang, sha256=job.sha256), "",
            translate(m.NOTE_REASON, job.lang), reason, *details, "",
            translate(m.NOTE_KEPT, job.lang), ""]
    write_bytes(target.with_name(target.name + ".txt"), "\n".join(note).encode("utf-8"))
    identity = identity or {}
    doc = job.document(State.QUARANTINED, kind=kind.value if kind else None, round=identity.get("round_id"),
                       institution=identity.get("institution_id"), reason=reason, stored=job.relative(target))
    with workspace.ledger.transaction():
        records.save_document(workspace.ledger, doc)
        workspace.ledger.record("document.quarantined", doc.round, {"file": job.name, "reason": reason},
                                [{"role": "received", "name": job.name, "sha256": job.sha256}])
    crashpoints.reach("quarantine-recorded")
    if job.claimed.exists():
        os.rename(job.claimed, target)
    return Outcome(job.name, job.sha256, Result.QUARANTINED, m.OUTCOME_QUARANTINED, {"file": job.name, "reason": reason},
                   doc.round, doc.institution, job.relative(target))
