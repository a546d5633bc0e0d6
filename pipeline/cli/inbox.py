"""``mecigep watch``, ``mecigep ingest`` and ``mecigep inbox choose``: the inbox from the command line."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console, errors
from pipeline.cli.waiting import waiting
from pipeline.i18n import messages as m

WorkersOption = Annotated[int, typer.Option("--workers", min=1, help=_(m.HELP_WORKERS))]
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


def refresh_page(workspace) -> None:
    """Rewrites the status page; a disk that refuses it is said once, never fatal."""
    from pipeline.ledger.storage import writing
    from pipeline.stages.status import write_status_page

    try:
        with writing(workspace.outbox):
            write_status_page(workspace, STATE.lang, waiting=waiting(workspace))
    except OSError as error:
        from pipeline.ledger.storage import problem

        found = problem(error, workspace.ledger_path)
        if found is None:
            raise
        errors.print(found.error().render(STATE.lang), markup=False)


def _printer(workspace=None):
    """Prints each outcome; with a workspace, also refreshes its status page after each one."""

    def show(outcome) -> None:
        console.print(outcome.render(STATE.lang), markup=False)
        if workspace is not None:
            refresh_page(workspace)

    return show


def _told(storage_problem) -> None:
    errors.print(storage_problem.error().render(STATE.lang), markup=False)


def _workspace_when_writable():
    """The workspace, once its disk lets the ledger be opened: the continuous watcher waits for a full or
    read-only disk rather than exiting (it says so once); anything else is raised."""
    import sys
    import time

    from pipeline.inbox.log import log
    from pipeline.ledger.storage import problem
    from pipeline.ledger.workspace import LEDGER_NAME, resolve

    # a write that failed on a full disk can leave a library's file object to complain when it is collected:
    # that goes to the log, not the terminal
    sys.unraisablehook = lambda unraisable: log(STATE.workspace(read_only=True).logs,
                                                f"ignored: {unraisable.exc_type.__name__}: {unraisable.exc_value}", False)
    pause, told = 0.5, None
    while True:
        try:
            return STATE.workspace()
        except Exception as error:
            found = problem(error, resolve(STATE.workspace_path).resolve() / LEDGER_NAME)
            if found is None or found.trouble.value == "damaged":
                raise
            if found != told:
                _told(found)
                told = found
            time.sleep(pause)
            pause = min(pause * 2, 10.0)


def watch(
    once: Annotated[bool, typer.Option("--once", help=_(m.HELP_ONCE))] = False,
    settle: Annotated[float, typer.Option("--settle", min=0.0, help=_(m.HELP_SETTLE))] = 2.0,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    from pipeline.inbox.kinds import REGISTRY
    from pipeline.inbox.run import run_once
    from pipeline.inbox.run import watch as watch_inbox

    workspace = _workspace_when_writable() if not once else STATE.workspace()
    if once:
        outcomes = run_once(workspace, REGISTRY, settle, workers, STATE.lang, _printer(workspace))
        if not outcomes:
            console.print(_(m.OUTCOME_NONE, inbox=str(workspace.inbox)), markup=False)
        return
    console.print(_(m.WATCHING, inbox=str(workspace.inbox)), markup=False)
    refresh_page(workspace)
    try:
        watch_inbox(workspace, REGISTRY, settle, workers, STATE.lang, _printer(workspace),
                    on_event=lambda text: console.print(_(m.WATCH_EVENT, event=text), markup=False, style="dim"),
                    on_problem=_told)
    except KeyboardInterrupt:
        pass


def ingest(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    from rich.progress import Progress

    from pipeline.inbox.kinds import REGISTRY
    from pipeline.inbox.run import ingest as ingest_files

    workspace = STATE.workspace()
    if len(files) < 5:
        ingest_files(workspace, REGISTRY, files, workers, STATE.lang, _printer())
        return
    lines = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("", total=len(files))

        def advance(outcome) -> None:
            lines.append(outcome.render(STATE.lang))
            progress.advance(task)

        ingest_files(workspace, REGISTRY, files, workers, STATE.lang, advance)
    for line in lines:
        console.print(line, markup=False)


app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("choose", help=_(m.HELP_CHOOSE))
def choose(
    round_ref: Annotated[str, typer.Argument(metavar="ROUND")],
    institution: Annotated[str, typer.Argument(metavar="INSTITUTION")],
    version: Annotated[str, typer.Argument(metavar="FILE-OR-HASH")],
) -> None:
    from pipeline.stages.choices import choose as choose_version

    chosen = choose_version(STATE.workspace(), round_ref, institution, version)
    console.print(_(m.CHOSEN, file=chosen.chosen.name, institution=chosen.institution, round=chosen.round,
                    count=len(chosen.superseded)), markup=False)
