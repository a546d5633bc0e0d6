"""``mecigep report …``: the preliminary draft, the country's review and approval, the final report."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from pipeline.cli.context import STATE, _, console, errors
from pipeline.i18n import messages as m

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
RoundArg = Annotated[str, typer.Argument(metavar="ROUND")]


def _lang() -> str | None:
    """The documents' language: None, the round's (--lang changes the command line's messages only)."""
    return None


@app.command("draft", help=_(m.HELP_REPORT_DRAFT))
def draft(round_ref: RoundArg) -> None:
    from pipeline.stages.report import write_draft

    result = write_draft(STATE.workspace(), round_ref, _lang())
    console.print(_(m.REPORT_DRAFT_WRITTEN, version=result.version, path=str(result.path), kept=len(result.kept),
                    appended=len(result.appended)), markup=False)


@app.command("review", help=_(m.HELP_REPORT_REVIEW))
def review(round_ref: RoundArg) -> None:
    from pipeline.stages.report import write_review

    made = write_review(STATE.workspace(), round_ref, _lang())
    console.print(_(m.REPORT_REVIEW_WRITTEN, changes=made.changes, comments=made.comments, version=made.version, path=str(made.path)),
                  markup=False)


@app.command("approve", help=_(m.HELP_REPORT_APPROVE))
def approve(
    round_ref: RoundArg,
    by: Annotated[str, typer.Option("--by", help=_(m.HELP_BY))],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help=_(m.HELP_DATE))] = None,
) -> None:
    from pipeline.cli.context import parse_date
    from pipeline.ledger import settings
    from pipeline.stages.report import approve as record_approval

    workspace = STATE.workspace()
    on = parse_date(date, "--date") or settings.load(workspace.ledger).today()
    approved = record_approval(workspace, round_ref, by, on)
    console.print(_(m.REPORT_APPROVED, round=approved.round, version=approved.version, by=by, date=on), markup=False)
    console.print(_(m.REPORT_APPROVAL_RECORDED, round=approved.round, target=m.STAGE_NAMES["approved"]), markup=False)


@app.command("final", help=_(m.HELP_REPORT_FINAL))
def final(
    round_ref: RoundArg,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help=_(m.HELP_OPT_PUBLISHED))] = None,
) -> None:
    from pipeline.cli.context import parse_date
    from pipeline.stages.publication import write_final

    result = write_final(STATE.workspace(), round_ref, _lang(), parse_date(date, "--date"))
    console.print(_(m.REPORT_FINAL_WRITTEN, path=str(result.docx)), markup=False)
    if result.pdf is not None:
        console.print(_(m.REPORT_PDF_WRITTEN, path=str(result.pdf)), markup=False)
    else:
        errors.print(_(result.pdf_problem or m.REPORT_NO_LIBREOFFICE), markup=False)
    console.print(_(m.REPORT_FINAL_NEXT, round=round_ref, target=m.STAGE_NAMES["published"]), markup=False)
