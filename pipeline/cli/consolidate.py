"""``mecigep consolidate ROUND``: the consolidated workbook the panel reads before the interviews."""
from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console
from pipeline.i18n import messages as m
from pipeline.i18n.messages.consolidation import CONS_HELP, CONS_WRITTEN

HELP = _(CONS_HELP)


RoundArg = Annotated[str, typer.Argument(metavar="ROUND", help=_(m.HELP_ROUND_ARG))]
AllowEmpty = Annotated[bool, typer.Option("--allow-empty", help=_(m.HELP_OPT_ALLOW_EMPTY))]


def consolidate(round_ref: RoundArg, allow_empty: AllowEmpty = False) -> None:
    """Writes outbox/<round>/consolidado.xlsx in the round's working language."""
    from pipeline.stages.interviews import consolidate as write

    made = write(STATE.workspace(), round_ref, allow_empty=allow_empty)
    console.print(_(CONS_WRITTEN, path=str(made.path), received=len(made.received), missing=len(made.missing), gaps=made.gaps),
                  markup=False)


def interviews(round_ref: RoundArg, allow_empty: AllowEmpty = False) -> None:
    from pipeline.stages.interviews import prepare

    made = prepare(STATE.workspace(), round_ref, allow_empty=allow_empty)
    folder = made.guides[0].parent if made.guides else ""
    console.print(_(m.INTERVIEWS_WRITTEN, guides=len(made.guides), folder=str(folder), notes=len(made.notes)), markup=False)
    for path in made.guides + made.notes:
        console.print(f"  {path}", markup=False)
