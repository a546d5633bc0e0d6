"""One claimed file, taken to its final state by the kind of document it is: read in an isolated child,
then decided, archived and answered, or set aside (see ``job`` for the steps and why each can be repeated).

Isolation per file: whatever goes wrong with one file (an OS error, a library's exception, a bug) ends with
that file set aside in ``quarantine/`` with its bytes and a note, the traceback in the log, and the others
going on. Two things are not the file's fault and never set it aside: a disk that is full, read-only or
failing (``StorageUnavailable``: the file stays in work/ and the watcher waits for the disk) and a damaged
ledger (``LedgerDamaged``: the inbox stops). A reader that dies or overruns its time counts against the file,
and only that: after ``MAX_ATTEMPTS`` such deaths it is set aside.
"""
from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path
from typing import Sequence

from filelock import FileLock, Timeout

from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.analysis import analyse
from pipeline.inbox.isolation import LimitExceeded, run_limited
from pipeline.inbox.job import Changed, Job, Outcome, already_final, quarantine, recorded_only, set_aside_unrecorded
from pipeline.inbox.kinds.base import Analysis, DocumentKind
from pipeline.inbox.log import log
from pipeline.inbox.readiness import claim_id, original_name
from pipeline.ledger import claims, crashpoints, records
from pipeline.ledger.database import LedgerDamaged
from pipeline.ledger.files import sha256_of
from pipeline.ledger.names import display, raw
from pipeline.ledger.records import State
from pipeline.ledger.storage import StorageUnavailable, Trouble, problem
from pipeline.ledger.workspace import Workspace

MAX_ATTEMPTS = 2
LOCKS = ".locks"


def lock_for(claimed: Path) -> FileLock:
    """The lock a process holds while it works on a claimed file (released when it ends or dies), so a watcher
    recovering what a crash left in work/ never takes a file another one is processing. A separate file:
    Windows forbids reading a file another process holds a lock on."""
    folder = claimed.parent / LOCKS
    folder.mkdir(exist_ok=True)
    return FileLock(folder / f"{claim_id(claimed)}.lock")


def process(workspace: Workspace, claimed: Path, kinds: Sequence[DocumentKind], lang: str = "es",
            recovered: bool = False, received_ns: int = 0) -> Outcome | None:
    """Takes the claimed file to its final state; returns what became of it, or None when another process is
    working on it (or finished it in the meantime), or it went back to the inbox because it changed.
    Raises StorageUnavailable and LedgerDamaged only. ``recovered`` (with the time it was first received) is
    for a file re-read from the archive by ``verify --repair``."""
    lock = lock_for(claimed)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return None
    try:
        if not claimed.exists():  # finished by another process between our listing and our lock
            return None
        return _isolated(workspace, claimed, kinds, lang, recovered, received_ns)
    finally:
        if not claimed.exists():  # done with it: the lock's file goes too (whoever waits on it finds no file)
            Path(lock.lock_file).unlink(missing_ok=True)
        lock.release()


def _isolated(workspace: Workspace, claimed: Path, kinds: Sequence[DocumentKind], lang: str, recovered: bool,
              received_ns: int) -> Outcome | None:
    job = Job(workspace, claimed, lang, recovered=recovered, received_ns=received_ns)
    try:
        found = claims.name_of(workspace.ledger, claim_id(claimed))
        job.raw_name, job.name = (found, display(found)) if found is not None else (None, original_name(claimed))
        job.raw_name = job.raw_name or raw(job.name)
        return _process(job, kinds)
    except Changed:
        return None
    except (StorageUnavailable, LedgerDamaged):
        raise
    except Exception as error:
        found_problem = problem(error, workspace.ledger_path)
        if found_problem is not None:
            if found_problem.trouble is Trouble.DAMAGED:
                raise LedgerDamaged(workspace.ledger_path, str(error)) from error
            raise StorageUnavailable(found_problem) from error
        log(workspace.logs, f"inbox: {job.name or claimed.name}: set aside after an unexpected failure")
        return _set_aside_after_failure(job, error)


def _set_aside_after_failure(job: Job, error: Exception) -> Outcome | None:
    detail = f"{type(error).__name__}: {error}"[:300]
    try:
        if not job.sha256:
            job.sha256 = sha256_of(job.claimed)
        return quarantine(job, m.INBOX_FAILED, {"detail": detail})
    except Changed:
        return None
    except Exception as again:
        found_problem = problem(again, job.workspace.ledger_path)
        if found_problem is not None:
            raise StorageUnavailable(found_problem) from again
        log(job.workspace.logs, f"inbox: {job.name}: could not be recorded as set aside; moved to quarantine/ unrecorded")
        set_aside_unrecorded(job, translate(m.INBOX_FAILED, job.lang, detail=detail))
        return None


def _process(job: Job, kinds: Sequence[DocumentKind]) -> Outcome | None:
    workspace = job.workspace
    job.observed = job.look()
    try:
        job.sha256 = sha256_of(job.claimed)
    except PermissionError:  # it may not be read: it waits in the inbox, where status says so
        job.put_back()
        return None
    if job.changed():
        job.put_back()
        return None
    crashpoints.reach("hashed")
    known = records.document(workspace.ledger, job.sha256)
    if known is not None and known.state is not State.ARCHIVED:
        return already_final(job, known)
    job.received_ns = job.received_ns or time.time_ns()
    job.received = known.received if known is not None else records.at(job.received_ns)
    analysis = _read(job, kinds)
    if isinstance(analysis, Outcome):
        return analysis
    crashpoints.reach("analysed")
    kind = next((k for k in kinds if analysis.kind is not None and k.type is analysis.kind), None)
    if analysis.refusal is not None or kind is None:
        return quarantine(job, analysis.refusal or m.INBOX_NOT_OURS, analysis.params, kind=analysis.kind, identity=analysis.identity)
    if job.recovered and not getattr(kind, "replay", True):
        answer_of = getattr(kind, "recovered_answer", None)
        return recorded_only(job, analysis, answer_of(job, analysis) if answer_of else None)
    return kind.take(job, analysis)


def _read(job: Job, kinds: Sequence[DocumentKind]) -> Analysis | Outcome:
    """What the isolated reader made of the file; a reader that died twice or overran its time twice (the
    watcher alive all along, since it is the one counting) sets the file aside."""
    workspace = job.workspace
    while True:
        try:
            analysis: Analysis = run_limited(analyse, job.claimed, workspace.ledger_path, kinds)
        except LimitExceeded as exceeded:
            if records.count_attempt(workspace.ledger, job.sha256, job.name) >= MAX_ATTEMPTS:
                return quarantine(job, m.INBOX_LIMITS, {"what": m.LIMIT_WHAT[exceeded.reason]})
            continue
        except OSError as error:
            if problem(error, workspace.ledger_path) is not None:
                raise
            return quarantine(job, m.INBOX_UNREADABLE, {"detail": _detail(error)})
        except Exception as error:  # a reader choking on a malformed file
            return quarantine(job, m.INBOX_UNREADABLE, {"detail": _detail(error)})
        break
    # the reader saw the work file's name; the problems name the file as it arrived
    claimed_name = job.claimed.name
    return dataclasses.replace(analysis, problems=tuple(
        dataclasses.replace(p, where=dataclasses.replace(p.where, file=job.name)) if p.where and p.where.file == claimed_name else p
        for p in analysis.problems))


def _detail(error: BaseException) -> str:
    text = str(error).replace(os.linesep, " ").strip()
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__
