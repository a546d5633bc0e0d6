"""``mecigep seminar YEAR``, ``mecigep register`` and ``mecigep followup emit ROUND``: what comes after publication.

Plain command functions; ``app.py`` registers them (``seminar``, ``register``, and ``emit`` under ``followup``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console, print_json
from pipeline.i18n import messages as m
from pipeline.i18n.messages.seminar import FOLLOWUP_WRITTEN, REGISTER_HELP_OUTPUT, SEMINAR_HELP_YEAR

OutputOption = Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False)]


LanguageOption = Annotated[str, typer.Option("--language", metavar="es|en|pt|fr", help=_(m.HELP_OPT_DOCUMENT_LANGUAGE))]


def _language(language: str) -> str:
    """The document's language (--lang changes the command line's messages only); raises UserError for another."""
    from pipeline.domain.problems import UserError
    from pipeline.i18n.translation import is_language

    if not is_language(language):
        raise UserError(m.UNKNOWN_LANGUAGE, language=language)
    return language.strip().lower()


def seminar(year: Annotated[int, typer.Argument(metavar="YEAR", help=_(SEMINAR_HELP_YEAR))], output: OutputOption = None,
            language: LanguageOption = "es") -> None:
    from pipeline.i18n.messages.seminar import SEMINAR_WRITTEN
    from pipeline.stages.seminar import write_seminar

    made = write_seminar(STATE.workspace(), year, output, _language(language))
    console.print(_(SEMINAR_WRITTEN, year=year, count=len(made.rounds), path=str(made.path)), markup=False)


def register(
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False, help=_(REGISTER_HELP_OUTPUT))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False,
    language: LanguageOption = "es",
) -> None:
    from pipeline.domain.enums import RegisterKind
    from pipeline.i18n.messages.register import REGISTER_WRITTEN
    from pipeline.stages.publication import register_rows_of, write_register

    workspace = STATE.workspace()
    if as_json:
        print_json([row.as_dict() for row in register_rows_of(workspace, _language(language))])
        return
    made = write_register(workspace, output, _language(language))
    rows = made.rows
    console.print(_(REGISTER_WRITTEN, needs=sum(r.kind == RegisterKind.NEED for r in rows),
                    recommendations=sum(r.kind == RegisterKind.RECOMMENDATION for r in rows),
                    rounds=len({r.round for r in rows}), path=str(made.path)), markup=False)


def followup_emit(round_ref: Annotated[str, typer.Argument(metavar="ROUND")]) -> None:
    from pipeline.stages.publication import emit_followup

    path = emit_followup(STATE.workspace(), round_ref)
    console.print(_(FOLLOWUP_WRITTEN, round=round_ref, path=str(path)), markup=False)
