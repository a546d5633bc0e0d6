"""``mecigep response …`` (DGPE's corrections of answers and an institution's history) and ``mecigep check …`` (the
quality checks of a round, and marking one explained)."""
from __future__ import annotations

import getpass
from typing import Annotated, Optional

import typer

from pipeline.cli.context import STATE, _, console
from pipeline.i18n import messages as m
from pipeline.i18n.messages import checks as c

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
checks = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
RoundArg = Annotated[str, typer.Argument(metavar="ROUND")]
InstitutionArg = Annotated[str, typer.Argument(metavar="INSTITUTION", help=_(m.HELP_INSTITUTION))]
NoteOption = Annotated[str, typer.Option("--note", help=_(c.HELP_NOTE))]
ByOption = Annotated[Optional[str], typer.Option("--by", help=_(c.HELP_CORRECTED_BY))]


def _who(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "DGPE"


@app.command("correct", help=_(c.HELP_RESPONSE_CORRECT))
def correct(round_ref: RoundArg, institution: InstitutionArg,
            question: Annotated[str, typer.Argument(metavar="QUESTION", help=_(c.HELP_QUESTION))],
            value: Annotated[str, typer.Argument(metavar="VALUE", help=_(c.HELP_VALUE))], note: NoteOption = "",
            by: ByOption = None) -> None:
    from pipeline.stages.corrections import correct as record
    from pipeline.stages.corrections import described

    workspace = STATE.workspace()
    made = record(workspace, round_ref, institution, question, value, note, _who(by))
    before, after = described(workspace, made, STATE.lang)
    acronym = workspace.ledger.get_round(made.round).institution(made.institution).acronym  # type: ignore[union-attr]
    console.print(_(c.CORRECTION_RECORDED, institution=acronym, question=made.question, before=before, after=after, note=made.note),
                  markup=False)


@app.command("history", help=_(c.HELP_RESPONSE_HISTORY))
def history(round_ref: RoundArg, institution: InstitutionArg) -> None:
    import datetime as dt

    from pipeline.i18n.translation import format_date
    from pipeline.stages.corrections import described
    from pipeline.stages.corrections import history as load

    workspace = STATE.workspace()
    found = load(workspace, round_ref, institution)
    if not found.versions and not found.corrections:
        console.print(_(c.HISTORY_NONE, institution=found.institution.acronym, round=round_ref), markup=False)
        return
    number = {r.sha256: n for n, r in enumerate(found.versions, 1)}
    for n, r in enumerate(found.versions, 1):
        console.print(_(c.HISTORY_VERSION, number=n, received=r.received[:16].replace("T", " "),
                        status=_(m.LABEL_ACCEPTED if r.status.value == "accepted" else m.LABEL_INCOMPLETE), sha256=r.sha256[:12],
                        current=_(c.HISTORY_CURRENT) if r.superseded_by is None else ""), markup=False)
    for made in found.corrections:
        before, after = described(workspace, made, STATE.lang)
        console.print("  " + _(c.HISTORY_CORRECTION, at=f"{format_date(dt.date.fromisoformat(made.at[:10]), STATE.lang)} {made.at[11:16]}", by=made.by,
                               question=made.question, before=before, after=after, version=number.get(made.response, "?"),
                               note=made.note), markup=False)


@checks.command("list", help=_(c.HELP_CHECK_LIST))
def list_checks(round_ref: RoundArg) -> None:
    from rich.table import Table

    from pipeline.analysis.check_text import kind_label
    from pipeline.stages.corrections import checks as load

    found = load(STATE.workspace(), round_ref)
    if not found:
        console.print(_(c.CHECK_NONE, round=round_ref), markup=False)
        return
    table = Table()
    for header in (c.CHECK_COLUMN, m.CONS_KIND, c.CHECK_EXPLAINED_COLUMN):
        table.add_column(_(header))
    for state in found:
        table.add_row(state.gap.key, kind_label(state.gap, STATE.lang), f"{state.mark.note} ({state.mark.by})" if state.mark else "—")
    console.print(table)


@checks.command("explain", help=_(c.HELP_CHECK_EXPLAIN))
def explain(round_ref: RoundArg, check: Annotated[str, typer.Argument(metavar="CHECK", help=_(c.HELP_CHECK_NAME))],
            note: NoteOption = "", by: ByOption = None) -> None:
    from pipeline.stages.corrections import explain as mark

    made = mark(STATE.workspace(), round_ref, check, note, _who(by))
    console.print(_(c.CHECK_MARKED, check=made.key, round=made.round, note=made.note), markup=False)
