"""One claimed file, taken to its final state by the kind of document it is: read in an isolated child,
then decided, archived and answered, or set aside (see ``job`` for the steps and why each can be repeated).
"""
from __future__ import annotations

import fcntl
from pathlib import Path
from typing import Sequence

from pipeline.i18n import messages as m
from pipeline.inbox.analysis import analyse
from pipeline.inbox.isolation import LimitExceeded, run_limited
from pipeline.inbox.job import Job, Outcome, already_final, quarantine
from pipeline.inbox.kinds.base import Analysis, DocumentKind
from pipeline.inbox.readiness import original_name
from pipeline.ledger import crashpoints, records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.records import State
from pipeline.ledger.workspace import Workspace

MAX_ATTEMPTS = 2


def process(workspace: Workspace, claimed: Path, kinds: Sequence[DocumentKind], lang: str = "es") -> Outcome | None:
    """Takes the claimed file to its final state; returns what became of it, or None when another
    process is already working on it (or finished it in the meantime).

    While a process works on a claimed file it holds an exclusive lock on it, released when it ends
    or dies: so a watcher recovering what a crash left in work/ never takes a file another one is
    processing."""
    try:
        handle = claimed.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        if not claimed.exists():  # finished by another process between our open and our lock
            return None
        return _process(workspace, claimed, kinds, lang)


def _process(workspace: Workspace, claimed: Path, kinds: Sequence[DocumentKind], lang: str) -> Outcome:
    job = Job(workspace, claimed, lang, original_name(claimed))
    job.sha256 = sha256_of(claimed)
    crashpoints.reach("hashed")
    known = records.document(workspace.ledger, job.sha256)
    if known is not None and known.state is not State.ARCHIVED:
        return already_final(job, known)
    job.received = known.received if known is not None else records.now()
    if known is None and records.count_attempt(workspace.ledger, job.sha256, job.name) > MAX_ATTEMPTS:
        return quarantine(job, m.INBOX_TOO_MANY_ATTEMPTS, {})
    try:
        analysis: Analysis = run_limited(analyse, claimed, workspace.ledger_path, kinds)
    except LimitExceeded as exceeded:
        return quarantine(job, m.INBOX_LIMITS, {"what": m.LIMIT_WHAT[exceeded.reason]})
    except Exception as error:  # a reader choking on a malformed file
        return quarantine(job, m.INBOX_UNREADABLE, {"detail": type(error).__name__})
    crashpoints.reach("analysed")
    kind = next((k for k in kinds if analysis.kind is not None and k.type is analysis.kind), None)
    if analysis.refusal is not None or kind is None:
        return quarantine(job, analysis.refusal or m.INBOX_NOT_OURS, analysis.params, kind=analysis.kind, identity=analysis.identity)
    return kind.take(job, analysis)


