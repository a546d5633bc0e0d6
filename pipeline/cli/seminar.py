"""``mecigep seminar YEAR``, ``mecigep register`` and ``mecigep followup emit ROUND``: what comes after publication.

Plain command functions; ``app.py`` registers them (``seminar``, ``register``, and ``emit`` under ``followup``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console, print_json
from pipeline.i18n import messages as m
from pipeline.i18n.translation import N_

SEMINAR_HELP = N_("Write the document of the annual seminar on the rounds whose final report was published in YEAR.")
SEMINAR_HELP_YEAR = N_("The year of publication of the rounds, e.g. 2026.")
REGISTER_HELP = N_("Write the register of every cooperation need and recommendation of the published final reports.")
REGISTER_HELP_OUTPUT = N_("Where to write the register (default: outbox/registro-cooperacion.xlsx).")
FOLLOWUP_HELP_EMIT = N_("Write the follow-up workbook of a published round: the status of each recommendation of its final report.")
FOLLOWUP_WRITTEN = N_("Follow-up workbook of the round {round} written: {path}")
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False)]


def _lang() -> str | None:
    return STATE.lang if STATE.lang_explicit else None


def seminar(year: Annotated[int, typer.Argument(metavar="YEAR", help=_(SEMINAR_HELP_YEAR))], output: OutputOption = None) -> None:
    from pipeline.stages.seminar import SEMINAR_WRITTEN, write_seminar

    path, rounds = write_seminar(STATE.workspace(), year, output, _lang())
    console.print(_(SEMINAR_WRITTEN, year=year, count=len(rounds), path=str(path)), markup=False)


def register(
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False, help=_(REGISTER_HELP_OUTPUT))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False,
) -> None:
    from pipeline.analysis.register import REGISTER_WRITTEN, register_rows, write_register

    workspace = STATE.workspace()
    if as_json:
        print_json([row.as_dict() for row in register_rows(workspace, STATE.lang)])
        return
    path, rows = write_register(workspace, output, STATE.lang)
    console.print(_(REGISTER_WRITTEN, needs=sum(r.kind == "need" for r in rows), recommendations=sum(r.kind == "recommendation" for r in rows),
                    rounds=len({r.round for r in rows}), path=str(path)), markup=False)


def followup_emit(round_ref: Annotated[str, typer.Argument(metavar="ROUND")]) -> None:
    from pipeline.stages.followup import emit_followup

    path = emit_followup(STATE.workspace(), round_ref, _lang())
    console.print(_(FOLLOWUP_WRITTEN, round=round_ref, path=str(path)), markup=False)
