"""Driving the inbox: one code path for ``watch``, ``watch --once`` and ``ingest``.

A pass finishes what waits in ``work/`` (claimed earlier: by a watcher that was killed, or put off while the
disk was full), then takes what is ready in the inbox. Each file is isolated (see ``processing``); a full,
read-only or failing disk stops the pass with every input where it was, and the continuous watcher retries
with a growing pause until the disk is back; a damaged ledger stops the inbox with a sentence saying what to
do. Workers run in processes that die with the watcher.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Sequence

from pipeline.domain.arrivals import Waiting
from pipeline.domain.enums import WaitReason
from pipeline.inbox.analysis import warm_up
from pipeline.inbox.isolation import start_method
from pipeline.inbox.job import Outcome
from pipeline.inbox.kinds.base import DocumentKind
from pipeline.inbox.log import log
from pipeline.inbox.processes import die_with_parent, parent_alive, reap, register, unregister
from pipeline.inbox.processing import LOCKS, process
from pipeline.inbox.readiness import CLAIM_SEPARATOR, Arrival, Settler, claim_all, scan, work_files
from pipeline.ledger import claims
from pipeline.ledger.database import LedgerDamaged
from pipeline.ledger.files import remove_leftovers
from pipeline.ledger.names import safe
from pipeline.ledger.storage import StorageProblem, StorageUnavailable
from pipeline.ledger.workspace import Workspace

OnOutcome = Callable[[Outcome], None]
OnProblem = Callable[[StorageProblem], None]
Kinds = Sequence[DocumentKind]
SOON = (WaitReason.NOT_SETTLED, WaitReason.BEING_WRITTEN, WaitReason.INCOMPLETE)  # waiting may end it
BACKOFF_MAX = 10.0  # seconds between two tries while the disk is full or read-only

_OPEN: dict[tuple[int, Path], Workspace] = {}


def work_folder(workspace: Workspace) -> Path:
    return workspace.work


def _workspace_here(root: Path) -> Workspace:
    """The workspace as this process has it open (a worker keeps its ledger between files)."""
    key = (os.getpid(), root)
    if key not in _OPEN:
        _OPEN[key] = Workspace(root)
    return _OPEN[key]


def _worker_started(work: Path, parent: int) -> None:
    die_with_parent(parent)
    register(work, parent)


def _process_in_worker(root: Path, kinds: Kinds, claimed: Path, lang: str, parent: int) -> Outcome | None:
    if not parent_alive(parent):  # the watcher is gone (where the kernel could not be asked to kill us)
        unregister(root / "work")
        os._exit(0)
    return process(_workspace_here(root), claimed, kinds, lang)


def _deliver(workspace: Workspace, outcome: Outcome | None, outcomes: list[Outcome], on_outcome: OnOutcome | None) -> None:
    if outcome is None:
        return
    outcomes.append(outcome)
    if on_outcome is not None:
        try:
            on_outcome(outcome)
        except Exception:  # showing an outcome (the status page) never stops the inbox
            log(workspace.logs, "inbox: reporting an outcome failed")


def process_claimed(workspace: Workspace, kinds: Kinds, claimed: list[Path], workers: int, lang: str,
                    on_outcome: OnOutcome | None = None) -> list[Outcome]:
    """Processes claimed files, in ``workers`` processes when more than one; outcomes in completion order.
    Raises StorageUnavailable (after the others are done) when the disk failed under any of them."""
    outcomes: list[Outcome] = []
    if not claimed:
        return outcomes
    warm_up(workspace.ledger_path)
    if workers <= 1 or len(claimed) <= 1:
        for path in claimed:
            _deliver(workspace, process(workspace, path, kinds, lang), outcomes, on_outcome)
        return outcomes
    failure: BaseException | None = None
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context(start_method()), initializer=_worker_started,
                             initargs=(workspace.work, os.getpid())) as pool:
        futures = [pool.submit(_process_in_worker, workspace.root, kinds, path, lang, os.getpid()) for path in claimed]
        for future in futures:
            try:
                _deliver(workspace, future.result(), outcomes, on_outcome)
            except BrokenProcessPool:  # a worker was killed: its file waits in work/ for the next pass
                log(workspace.logs, "inbox: a worker process died; its file is taken again")
                break
            except Exception as error:  # StorageUnavailable, LedgerDamaged
                failure = failure or error
    if failure is not None:
        raise failure
    return outcomes


def start_up(workspace: Workspace) -> None:
    """After a crash: removes half-written temporary files, kills workers an earlier run left, drops stale locks."""
    remove_leftovers(workspace.outbox, workspace.archive, workspace.quarantine)
    reap(workspace.work)
    waiting = {p.name.split(CLAIM_SEPARATOR, 1)[0] for p in work_files(workspace.work)}
    claims.prune(workspace.ledger, waiting)
    locks = workspace.work / LOCKS
    for lock in locks.glob("*.lock") if locks.is_dir() else ():
        if lock.stem not in waiting:
            lock.unlink(missing_ok=True)


def recover(workspace: Workspace) -> list[Path]:
    """After a crash: cleans up (see ``start_up``) and returns the claimed files still to finish."""
    start_up(workspace)
    return work_files(workspace.work)


def one_pass(workspace: Workspace, kinds: Kinds, settler: Settler, workers: int, lang: str,
             on_outcome: OnOutcome | None = None) -> tuple[list[Outcome], list[Waiting]]:
    """Finishes what waits in work/, then takes what is ready in the inbox; returns the outcomes and what waits."""
    outcomes = process_claimed(workspace, kinds, work_files(workspace.work), workers, lang, on_outcome)
    arrivals, waiting = scan(workspace.inbox)
    ready, settling = settler.sort(arrivals)
    claimed = claim_all(ready, workspace)
    outcomes += process_claimed(workspace, kinds, claimed, workers, lang, on_outcome)
    return outcomes, waiting + settling


def run_once(workspace: Workspace, kinds: Kinds, settle: float, workers: int, lang: str, on_outcome: OnOutcome | None = None,
             give_up_after: float | None = None) -> list[Outcome]:
    """Processes what is in the inbox now (and what a crash left in work/), waiting for each file to settle
    (and for an empty file that has just appeared to be written), at most ``give_up_after`` seconds."""
    start_up(workspace)
    settler = Settler(settle)
    patience = give_up_after if give_up_after is not None else max(30.0, settle * 20)
    deadline = time.monotonic() + patience
    outcomes: list[Outcome] = []
    while True:
        found, waiting = one_pass(workspace, kinds, settler, workers, lang, on_outcome)
        outcomes += found
        fresh = time.time() - patience
        soon = [w for w in waiting if w.reason in SOON or w.reason is WaitReason.EMPTY and (w.since or 0) > fresh]
        if not soon or time.monotonic() > deadline:
            return outcomes
        time.sleep(max(settle / 2, 0.01))


def ingest(workspace: Workspace, kinds: Kinds, files: Iterable[Path], workers: int, lang: str,
           on_outcome: OnOutcome | None = None) -> list[Outcome]:
    """Processes the given files: those in the inbox are claimed; others are copied in, so the original stays."""
    claimed = []
    inbox = workspace.inbox.resolve()
    workspace.work.mkdir(parents=True, exist_ok=True)
    for path in files:
        path = path.resolve()
        if inbox in path.parents:
            seen = path.stat()
            relative = os.fsencode(path.relative_to(inbox))
            claimed += claim_all([Arrival(path, relative, seen.st_size, seen.st_mtime_ns, seen.st_ino)], workspace)
            continue
        claim = uuid.uuid4().hex[:12]
        claims.record(workspace.ledger, [(claim, os.fsencode(path.name))])
        found = workspace.work / f"{claim}{CLAIM_SEPARATOR}{safe(os.fsencode(path.name))}"
        tmp = found.with_name("." + found.name + ".tmp")
        try:
            shutil.copyfile(path, tmp)
            tmp.replace(found)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        claimed.append(found)
    return process_claimed(workspace, kinds, claimed, workers, lang, on_outcome)


def watch(workspace: Workspace, kinds: Kinds, settle: float, workers: int, lang: str, on_outcome: OnOutcome | None = None,
          interval: float = 10.0, stop: threading.Event | None = None, on_event: Callable[[str], None] | None = None,
          on_problem: OnProblem | None = None) -> None:
    """Processes the inbox as files arrive, until ``stop`` is set (or forever).

    watchdog's events only wake the loop early; every pass scans the folder, and a pass runs at least every
    ``interval`` seconds (at most one), so a dropped event delays a file but never loses it. While the disk
    is full or read-only, ``on_problem`` hears of it once, and passes are retried with a growing pause."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    wake = threading.Event()
    stop = stop or threading.Event()

    class Wake(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            # opened/closed events come from our own reading; a directory's own changes say nothing new
            if event.is_directory or event.event_type not in ("created", "modified", "moved", "deleted"):
                return
            if on_event:
                on_event(f"{event.event_type} {event.src_path!s}" + (f" → {event.dest_path!s}" if event.dest_path else ""))
            wake.set()

    observer = Observer()
    try:
        observer.schedule(Wake(), str(workspace.inbox), recursive=True)
        observer.start()
    except OSError:  # no watches left: the scan every second still finds everything
        observer = None
    try:
        _watch_loop(workspace, kinds, settle, workers, lang, on_outcome, interval, stop, wake, on_problem)
    finally:
        if observer is not None:
            observer.stop()
            observer.join()


def _watch_loop(workspace: Workspace, kinds: Kinds, settle: float, workers: int, lang: str, on_outcome: OnOutcome | None,
                interval: float, stop: threading.Event, wake: threading.Event, on_problem: OnProblem | None) -> None:
    settler = Settler(settle)
    pause, told = 0.0, None
    started = False
    while not stop.is_set():
        try:
            if not started:
                start_up(workspace)
                started = True
            _, waiting = one_pass(workspace, kinds, settler, workers, lang, on_outcome)
            pause, told = 0.0, None
        except StorageUnavailable as unavailable:
            log(workspace.logs, f"watch: {unavailable.problem.trouble.value} at {unavailable.problem.where}; waiting",
                with_traceback=False)
            if on_problem is not None and told != unavailable.problem:
                on_problem(unavailable.problem)
            told = unavailable.problem
            pause = min(max(pause * 2, 0.5), BACKOFF_MAX)
            stop.wait(pause)
            continue
        except LedgerDamaged:
            raise
        except Exception:
            log(workspace.logs, "watch: a pass failed; the watcher goes on")
            stop.wait(1.0)
            continue
        pending = any(w.reason in SOON for w in waiting)
        # a short wait when a file is settling; otherwise at most a second, to notice ``stop``
        wake.wait(timeout=max(settle / 2, 0.05) if pending else min(interval, 1.0))
        wake.clear()
