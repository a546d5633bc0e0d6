"""``mecigep consolidate ROUND``: the consolidated workbook the panel reads before the interviews."""
from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console
from pipeline.i18n.messages.consolidation import CONS_HELP, CONS_WRITTEN

HELP = _(CONS_HELP)


def consolidate(round_ref: Annotated[str, typer.Argument(metavar="ROUND")]) -> None:
    """Writes outbox/<round>/consolidado.xlsx in the round's language (or the one given with --lang)."""
    from pipeline.stages.interviews import consolidate as write

    made = write(STATE.workspace(), round_ref, STATE.lang if STATE.lang_explicit else None)
    console.print(_(CONS_WRITTEN, path=str(made.path), received=len(made.received), missing=len(made.missing), gaps=made.gaps),
                  markup=False)


def interviews(round_ref: Annotated[str, typer.Argument(metavar="ROUND")]) -> None:
    from pipeline.i18n import messages as m
    from pipeline.stages.interviews import prepare

    made = prepare(STATE.workspace(), round_ref, STATE.lang if STATE.lang_explicit else None)
    folder = made.guides[0].parent if made.guides else ""
    console.print(_(m.INTERVIEWS_WRITTEN, guides=len(made.guides), folder=str(folder), notes=len(made.notes)), markup=False)
    for path in made.guides + made.notes:
        console.print(f"  {path}", markup=False)
