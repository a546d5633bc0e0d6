"""``mecigep report …``: the preliminary draft, the country's review and approval, consent to publish, the final report."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Optional

import typer

from pipeline.cli.context import STATE, _, console, errors
from pipeline.i18n import messages as m

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
RoundArg = Annotated[str, typer.Argument(metavar="ROUND")]
Full = Annotated[bool, typer.Option("--full", help=_(m.HELP_CONSENT_FULL))]
Summary = Annotated[bool, typer.Option("--summary", help=_(m.HELP_CONSENT_SUMMARY))]
Nothing = Annotated[bool, typer.Option("--none", help=_(m.HELP_CONSENT_NONE))]
Answers = Annotated[bool, typer.Option("--answers", help=_(m.HELP_CONSENT_ANSWERS))]
Embargo = Annotated[Optional[dt.datetime], typer.Option("--embargo", formats=["%Y-%m-%d"], help=_(m.HELP_CONSENT_EMBARGO))]


def _lang() -> str | None:
    """The documents' language: None, the round's (--lang changes the command line's messages only)."""
    return None


def _choice(full: bool, summary: bool, none: bool, answers: bool, embargo: dt.datetime | None, required: bool) -> Any:
    """The consent the options say, None when none was given (and ``required`` is False)."""
    from pipeline.domain.enums import PublicationScope
    from pipeline.domain.problems import UserError
    from pipeline.stages.consent import ConsentChoice

    scopes = [s for s, given in ((PublicationScope.FULL, full), (PublicationScope.SUMMARY, summary), (PublicationScope.NONE, none)) if given]
    if not scopes and not required and not answers and embargo is None:
        return None
    if len(scopes) != 1:
        raise UserError(m.CONSENT_ONE_SCOPE)
    return ConsentChoice(scopes[0], answers, embargo.date() if embargo else None)


@app.command("draft", help=_(m.HELP_REPORT_DRAFT))
def draft(round_ref: RoundArg) -> None:
    from pipeline.stages.report import write_draft

    result = write_draft(STATE.workspace(), round_ref, _lang())
    console.print(_(m.REPORT_DRAFT_WRITTEN, version=result.version, path=str(result.path), kept=len(result.kept),
                    appended=len(result.appended)), markup=False)


@app.command("review", help=_(m.HELP_REPORT_REVIEW))
def review(round_ref: RoundArg) -> None:
    from pipeline.stages.report_review import write_review

    made = write_review(STATE.workspace(), round_ref, _lang())
    console.print(_(m.REPORT_REVIEW_WRITTEN, changes=made.changes, comments=made.comments, version=made.version, path=str(made.path)),
                  markup=False)


@app.command("compare", help=_(m.HELP_REPORT_COMPARE))
def compare(round_ref: RoundArg, old: Annotated[int, typer.Argument(metavar="V1")],
            new: Annotated[int, typer.Argument(metavar="V2")]) -> None:
    from pipeline.stages.report_compare import compare as write_comparison

    made = write_comparison(STATE.workspace(), round_ref, old, new, _lang())
    console.print(_(m.COMPARE_WRITTEN, old=old, new=new, path=str(made.path), count=made.changed), markup=False)


@app.command("approve", help=_(m.HELP_REPORT_APPROVE))
def approve(
    round_ref: RoundArg,
    by: Annotated[str, typer.Option("--by", help=_(m.HELP_BY))],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help=_(m.HELP_DATE))] = None,
    full: Full = False, summary: Summary = False, none: Nothing = False, answers: Answers = False, embargo: Embargo = None,
) -> None:
    from pipeline.cli.context import parse_date
    from pipeline.ledger import settings
    from pipeline.stages.consent import consent_of, describe
    from pipeline.stages.report import approve as record_approval

    workspace = STATE.workspace()
    on = parse_date(date, "--date") or settings.load(workspace.ledger).today()
    given = _choice(full, summary, none, answers, embargo, required=False)
    approved = record_approval(workspace, round_ref, by, on, given)
    console.print(_(m.REPORT_APPROVED, round=approved.round, version=approved.version, by=by, date=on), markup=False)
    if given is not None:
        console.print(_(m.CONSENT_RECORDED, round=approved.round, consent=describe(consent_of(workspace, approved.round), STATE.lang)),
                      markup=False)
    console.print(_(m.REPORT_APPROVAL_RECORDED, round=approved.round, target=m.STAGE_NAMES["approved"]), markup=False)


@app.command("consent", help=_(m.HELP_REPORT_CONSENT))
def consent(round_ref: RoundArg, full: Full = False, summary: Summary = False, none: Nothing = False, answers: Answers = False,
            embargo: Embargo = None) -> None:
    from pipeline.stages.consent import describe, record

    recorded = record(STATE.workspace(), round_ref, _choice(full, summary, none, answers, embargo, required=True))
    console.print(_(m.CONSENT_RECORDED, round=round_ref, consent=describe(recorded, STATE.lang)), markup=False)


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
    if result.pdf is not None and result.pdf_problem:
        errors.print(_(result.pdf_problem), markup=False)
    elif result.pdf is None:
        errors.print(_(result.pdf_problem or m.REPORT_NO_LIBREOFFICE), markup=False)
    console.print(_(m.REPORT_FINAL_NEXT, round=round_ref, target=m.STAGE_NAMES["published"]), markup=False)


def print_report_state(workspace: Any, round_id: str) -> None:
    """The report's lines of ``mecigep status ROUND``: the current draft, what is left to settle, the consent."""
    from pipeline.stages.status import report_state

    state = report_state(workspace, round_id, STATE.lang)
    if state.version:
        console.print(_(m.STATUS_DRAFT, version=state.version, left=state.left), markup=False)
    console.print(f"{_(m.CONSENT_LABEL)}: {state.consent}", markup=False)
