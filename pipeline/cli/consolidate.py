"""``mecigep consolidate ROUND``: the consolidated workbook the panel reads before the interviews."""
from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console
from pipeline.i18n import messages as m
from pipeline.i18n.messages.consolidation import CONS_COMPLETE_ONLY, CONS_HELP, CONS_WRITTEN

HELP = _(CONS_HELP)


RoundArg = Annotated[str, typer.Argument(metavar="ROUND", help=_(m.HELP_ROUND_ARG))]
AllowEmpty = Annotated[bool, typer.Option("--allow-empty", help=_(m.HELP_OPT_ALLOW_EMPTY))]
CompleteOnly = Annotated[bool, typer.Option("--complete-only", help=_(CONS_COMPLETE_ONLY))]


def consolidate(round_ref: RoundArg, allow_empty: AllowEmpty = False, complete_only: CompleteOnly = False) -> None:
    """Writes the round's consolidated workbook in its working language."""
    from pipeline.stages.interviews import consolidate as write

    made = write(STATE.workspace(), round_ref, allow_empty=allow_empty, complete_only=complete_only)
    console.print(_(CONS_WRITTEN, path=str(made.path), received=len(made.received), missing=len(made.missing), gaps=made.gaps),
                  markup=False)


def interviews(round_ref: RoundArg, allow_empty: AllowEmpty = False) -> None:
    from pipeline.stages.interviews import prepare

    made = prepare(STATE.workspace(), round_ref, allow_empty=allow_empty)
    folder = made.guides[0].parent if made.guides else ""
    console.print(_(m.INTERVIEWS_WRITTEN, guides=len(made.guides), folder=str(folder), notes=len(made.notes)), markup=False)
    for path in made.guides + made.notes:
        console.print(f"  {path}", markup=False)
