"""Driving the inbox: one code path for ``watch``, ``watch --once`` and ``ingest``."""
from __future__ import annotations

import fcntl
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from pipeline.inbox.analysis import warm_up
from pipeline.inbox.job import Outcome
from pipeline.inbox.kinds.base import DocumentKind
from pipeline.inbox.processing import process
from pipeline.inbox.readiness import Settler, candidates, claim
from pipeline.ledger.files import remove_leftovers
from pipeline.ledger.workspace import Workspace

OnOutcome = Callable[[Outcome], None]


def work_folder(workspace: Workspace) -> Path:
    return workspace.root / "work"


Kinds = Sequence[DocumentKind]


def _process_in_worker(root: Path, kinds: Kinds, claimed: Path, lang: str) -> Outcome | None:
    return process(Workspace(root), claimed, kinds, lang)


def process_claimed(workspace: Workspace, kinds: Kinds, claimed: list[Path], workers: int, lang: str,
                    on_outcome: OnOutcome | None = None) -> list[Outcome]:
    """Processes claimed files, in ``workers`` processes when more than one; outcomes in completion order."""
    outcomes = []
    if claimed:
        warm_up(workspace.ledger_path)
    if workers <= 1 or len(claimed) <= 1:
        for path in claimed:
            outcome = process(workspace, path, kinds, lang)
            if outcome is not None:
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
        return outcomes
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(_process_in_worker, workspace.root, kinds, path, lang) for path in claimed]
        for future in futures:
            outcome = future.result()
            if outcome is not None:
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
    return outcomes


def _log_failure(workspace: Workspace) -> None:
    import datetime as dt
    import traceback

    workspace.logs.mkdir(exist_ok=True)
    with (workspace.logs / "mecigep.log").open("a", encoding="utf-8") as handle:
        handle.write(f"{dt.datetime.now().isoformat(timespec='seconds')} watch: {traceback.format_exc()}\n")


@contextmanager
def at_work(workspace: Workspace) -> Iterator[Callable[[], list[Path]]]:
    """Holds a shared lock on the workspace while a watcher works, and gives it the function that recovers what a
    crash left. The first watcher to start holds the lock alone while it recovers (removing half-written temporary
    files, which another watcher at work could be writing), then shares it."""
    with (workspace.root / ".mecigep-watch.lock").open("a") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            alone = True
        except BlockingIOError:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
            alone = False

        def recovered() -> list[Path]:
            found = recover(workspace, alone)
            if alone:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
            return found

        try:
            yield recovered
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def recover(workspace: Workspace, alone: bool = True) -> list[Path]:
    """After a crash: removes half-written temporary files (only when no other watcher is at work) and returns the
    claimed files still to finish."""
    if alone:
        remove_leftovers(workspace.outbox, workspace.archive, workspace.quarantine)
    folder = work_folder(workspace)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def run_once(workspace: Workspace, kinds: Kinds, settle: float, workers: int, lang: str, on_outcome: OnOutcome | None = None,
             give_up_after: float | None = None) -> list[Outcome]:
    """Processes what is in the inbox now (and what a crash left in work/), waiting for each file to settle."""
    with at_work(workspace) as recovered:
        return _run_once(workspace, kinds, settle, workers, lang, on_outcome, give_up_after, recovered())


def _run_once(workspace: Workspace, kinds: Kinds, settle: float, workers: int, lang: str, on_outcome: OnOutcome | None,
              give_up_after: float | None, left: list[Path]) -> list[Outcome]:
    outcomes = process_claimed(workspace, kinds, left, workers, lang, on_outcome)
    settler = Settler(settle)
    deadline = time.monotonic() + (give_up_after if give_up_after is not None else max(30.0, settle * 20))
    while True:
        waiting = candidates(workspace.inbox)
        if not waiting or time.monotonic() > deadline:
            return outcomes
        ready = settler.ready(waiting)
        claimed = [c for c in (claim(p, work_folder(workspace)) for p in ready) if c is not None]
        outcomes += process_claimed(workspace, kinds, claimed, workers, lang, on_outcome)
        if len(ready) < len(waiting):
            time.sleep(max(settle / 2, 0.01))


def ingest(workspace: Workspace, kinds: Kinds, files: Iterable[Path], workers: int, lang: str,
           on_outcome: OnOutcome | None = None) -> list[Outcome]:
    """Processes the given files: those in the inbox are claimed; others are copied in, so the original stays."""
    claimed = []
    inbox = workspace.inbox.resolve()
    for path in files:
        path = path.resolve()
        if path.parent == inbox:
            found = claim(path, work_folder(workspace))
        else:
            found = work_folder(workspace) / f"{time.time_ns():x}--{path.name}"
            found.parent.mkdir(parents=True, exist_ok=True)
            tmp = found.with_name("." + found.name + ".tmp")
            shutil.copyfile(path, tmp)
            tmp.replace(found)
        if found is not None:
            claimed.append(found)
    return process_claimed(workspace, kinds, claimed, workers, lang, on_outcome)


def watch(workspace: Workspace, kinds: Kinds, settle: float, workers: int, lang: str, on_outcome: OnOutcome | None = None,
          interval: float = 10.0, stop: threading.Event | None = None, on_event: Callable[[str], None] | None = None) -> None:
    """Processes the inbox as files arrive, until ``stop`` is set (or forever).

    watchdog's events only wake the loop early; every pass scans the folder, and a pass runs at
    least every ``interval`` seconds (at most one), so a dropped event delays a file but never loses it."""
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
                on_event(f"{event.event_type} {event.src_path}" + (f" → {event.dest_path}" if event.dest_path else ""))
            wake.set()

    observer = Observer()
    observer.schedule(Wake(), str(workspace.inbox), recursive=False)
    observer.start()
    try:
        with at_work(workspace) as recovered:
            process_claimed(workspace, kinds, recovered(), workers, lang, on_outcome)
            settler = Settler(settle)
            while not stop.is_set():
                waiting = candidates(workspace.inbox)
                ready = settler.ready(waiting)
                claimed = [c for c in (claim(p, work_folder(workspace)) for p in ready) if c is not None]
                try:
                    process_claimed(workspace, kinds, claimed, workers, lang, on_outcome)
                except Exception:  # the watcher keeps running; the file stays in work/ for the next start
                    _log_failure(workspace)
                pending = len(waiting) > len(ready)
                # a short wait when a file is settling; otherwise at most a second, to notice ``stop``
                wake.wait(timeout=max(settle / 2, 0.05) if pending else min(interval, 1.0))
                wake.clear()
    finally:
        observer.stop()
        observer.join()
