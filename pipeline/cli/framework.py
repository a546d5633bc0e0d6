"""``mecigep framework …`` and ``mecigep questionnaire …``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.cli.context import STATE, _, console, errors, print_json
from pipeline.domain.problems import Severity, UserError
from pipeline.i18n import messages as m

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
questionnaire = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


def _workspace_or_none():
    try:
        return STATE.workspace()
    except UserError:
        return None


@app.command("check", help=_(m.HELP_FRAMEWORK_CHECK))
def check(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    from pipeline.stages.frameworks import check_framework

    result = check_framework(file)
    warnings = [p for p in result.problems if p.severity is Severity.WARNING]
    problems = [p for p in result.problems if p.severity is Severity.ERROR]
    if warnings:
        errors.print(_(m.FRAMEWORK_WARNINGS, count=len(warnings)), markup=False)
        for warning in warnings:
            errors.print("  " + warning.render(STATE.lang), markup=False)
    if problems or result.framework is None:
        raise UserError.of(problems)
    fw = result.framework
    console.print(_(m.FRAMEWORK_OK, file=file.name, framework=fw.id, version=fw.version, dimensions=len(fw.dimensions),
                    questions=len([q for q in fw.every_question if q.answerable]), languages=", ".join(fw.languages)), markup=False)


@app.command("list", help=_(m.HELP_FRAMEWORK_LIST))
def list_frameworks(as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False) -> None:
    from pipeline.domain.framework import pick
    from pipeline.stages.frameworks import available

    entries = available(_workspace_or_none())
    if as_json:
        print_json([{"id": e.framework.id, "version": e.framework.version, "topic": e.framework.topic, "file": str(e.path),
                     "dimensions": len(e.framework.dimensions), "questions": len(e.framework.questions)} for e in entries.values()])
        return
    from rich.table import Table

    table = Table()
    for header in (m.LABEL_ID, m.LABEL_NAME, m.LABEL_VERSION, m.LABEL_DIMENSIONS, m.LABEL_QUESTIONS, m.LABEL_FILE):
        table.add_column(_(header))
    for e in entries.values():
        fw = e.framework
        table.add_row(fw.id, pick(fw.title, STATE.lang), fw.version, str(len(fw.dimensions)), str(len(fw.questions)), e.path.name)
    console.print(table)


@app.command("show", help=_(m.HELP_FRAMEWORK_SHOW))
def show(framework_id: str, as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False) -> None:
    from pipeline.domain.framework import pick
    from pipeline.stages.frameworks import find

    fw = find(_workspace_or_none(), framework_id).framework
    if as_json:
        print_json(fw.model_dump(mode="json"))
        return
    from rich.table import Table

    console.print(f"[bold]{pick(fw.title, STATE.lang)}[/bold] — {fw.id} {fw.version}")
    if fw.note:
        console.print(fw.note_in(STATE.lang), style="italic", markup=False)
    for index, dimension in enumerate(fw.dimensions, start=1):
        table = Table(title=f"{index}. {pick(dimension.label, STATE.lang)}", title_justify="left")
        for header in (m.LABEL_ID, m.LABEL_TYPE, m.LABEL_ELEMENT, m.LABEL_QUESTIONS):
            table.add_column(_(header))
        for q in dimension.questions:
            kind = "0–4" if fw.is_maturity(q) else q.type.value
            table.add_row(q.name, kind, q.element or "", pick(q.label, STATE.lang))
        console.print(table)


@questionnaire.command("emit", help=_(m.HELP_QUESTIONNAIRE_EMIT))
def emit(
    round_ref: Annotated[str, typer.Argument(metavar="ROUND")],
    institution: Annotated[Optional[list[str]], typer.Option("--institution", "-i", help=_(m.HELP_INSTITUTION))] = None,
    all_: Annotated[bool, typer.Option("--all", help=_(m.HELP_ALL))] = False,
) -> None:
    from rich.progress import Progress

    from pipeline.stages.questionnaire import emit as emit_questionnaires

    if not institution and not all_:
        raise UserError(m.NOTHING_TO_EMIT)
    workspace = STATE.workspace()
    done = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("", total=None)

        def written_one(inst, path):
            done.append((inst, path))
            progress.advance(task)

        written = emit_questionnaires(workspace, round_ref, None if all_ else institution, on_written=written_one)
    for inst, path in done:
        console.print(_(m.QUESTIONNAIRE_WRITTEN, institution=inst.acronym, file=path.name), markup=False)
    console.print(_(m.QUESTIONNAIRES_WRITTEN, count=len(written), folder=str(written[0].parent) if written else ""), markup=False)
