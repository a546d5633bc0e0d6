"""``mecigep watch`` and ``mecigep ingest``: the inbox from the command line."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console
from pipeline.i18n import messages as m

WorkersOption = Annotated[int, typer.Option("--workers", min=1, help=_(m.HELP_WORKERS))]
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


def _printer(workspace=None):
    """Prints each outcome; with a workspace, also refreshes its status page after each one."""

    def show(outcome) -> None:
        console.print(outcome.render(STATE.lang), markup=False)
        if workspace is not None:
            from pipeline.stages.status import write_status_page

            write_status_page(workspace, STATE.lang)

    return show


def watch(
    once: Annotated[bool, typer.Option("--once", help=_(m.HELP_ONCE))] = False,
    settle: Annotated[float, typer.Option("--settle", min=0.0, help=_(m.HELP_SETTLE))] = 2.0,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    from pipeline.inbox.kinds import REGISTRY
    from pipeline.inbox.run import run_once
    from pipeline.inbox.run import watch as watch_inbox

    workspace = STATE.workspace()
    if once:
        outcomes = run_once(workspace, REGISTRY, settle, workers, STATE.lang, _printer(workspace))
        if not outcomes:
            console.print(_(m.OUTCOME_NONE, inbox=str(workspace.inbox)), markup=False)
        return
    console.print(_(m.WATCHING, inbox=str(workspace.inbox)), markup=False)
    from pipeline.stages.status import write_status_page

    write_status_page(workspace, STATE.lang)
    try:
        watch_inbox(workspace, REGISTRY, settle, workers, STATE.lang, _printer(workspace),
                    on_event=lambda text: console.print(_(m.WATCH_EVENT, event=text), markup=False, style="dim"))
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
