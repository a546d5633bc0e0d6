"""``mecigep round …``: open, list, show, move rounds; manage their panel; write their calendar."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from pipeline.domain.problems import UserError
from pipeline.domain.stages import Stage
from pipeline.i18n import messages as m

if TYPE_CHECKING:
    from pipeline.domain.models import Institution
from pipeline.cli.context import STATE, _, console, print_json

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
panel = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(panel, name="panel", help=_(m.HELP_PANEL))

JsonOption = Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))]


def _institution(text: str) -> "Institution":
    """'Name|ACRONYM|email' (email optional)."""
    from pipeline.domain.models import Institution, institution_id

    parts = [p.strip() for p in text.split("|")]
    name, acronym = parts[0], parts[1] if len(parts) > 1 else parts[0]
    return Institution(id=institution_id(acronym), name=name, acronym=acronym, email=parts[2] if len(parts) > 2 else "")


@app.command("new", help=_(m.HELP_ROUND_NEW))
def new(
    source: Annotated[Optional[Path], typer.Option("--from", exists=True, dir_okay=False)] = None,
    country: Annotated[Optional[str], typer.Option()] = None,
    topic: Annotated[Optional[str], typer.Option()] = None,
    institution: Annotated[Optional[list[str]], typer.Option(help="Name|ACRONYM|email, repeatable")] = None,
    requested: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"])] = None,
    deadline: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"])] = None,
    working_language: Annotated[str, typer.Option("--working-language")] = "es",
) -> None:
    from pipeline.domain.models import Calendar, Round, round_id
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    if source is not None:
        from pipeline.stages.request import open_from_request

        round_ = open_from_request(workspace, source)
    else:
        if not country or not topic:
            raise UserError(m.REQUEST_MISSING_VALUE, field=_(m.LABEL_COUNTRY if not country else m.LABEL_TOPIC))
        day = (requested or dt.datetime.now()).date()
        state = workspace.catalog.state(country)
        topic_ = workspace.catalog.topic(topic)
        round_ = Round(
            id=round_id(day.year, state.code, topic_.id),
            country=state.code,
            topic=topic_.id,
            language=working_language,
            institutions=tuple(_institution(i) for i in institution or ()),
            calendar=Calendar(requested=day, questionnaire_deadline=deadline.date() if deadline else None),
        )
        rounds.open_round(workspace, round_)
    console.print(_(m.ROUND_CREATED, round=round_.id, stage=_(m.STAGE_NAMES[round_.stage.value])))


@app.command("list", help=_(m.HELP_ROUND_LIST))
def list_rounds(as_json: JsonOption = False) -> None:
    workspace = STATE.workspace(read_only=True)  # works on a full or read-only disk
    found = workspace.ledger.rounds()
    if as_json:
        print_json([r.model_dump(mode="json") | {"stage": r.stage.value} for r in found])
        return
    if not found:
        console.print(_(m.NOTHING_YET))
        return
    from rich.table import Table

    table = Table()
    for header in (m.LABEL_ROUND, m.LABEL_COUNTRY, m.LABEL_TOPIC, m.LABEL_STAGE, m.LABEL_INSTITUTIONS, m.LABEL_PANEL):
        table.add_column(_(header))
    for r in found:
        table.add_row(r.id, workspace.catalog.states[r.country].name(STATE.lang), workspace.catalog.topic(r.topic).name(STATE.lang),
                      _(m.STAGE_NAMES[r.stage.value]), str(len(r.institutions)), str(len(r.panel.experts)))
    console.print(table)


@app.command("show", help=_(m.HELP_ROUND_SHOW))
def show(round_ref: Annotated[str, typer.Argument(metavar="ROUND")], as_json: JsonOption = False) -> None:
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    r = rounds.get(workspace, round_ref)
    if as_json:
        print_json(r.model_dump(mode="json"))
        return
    from rich.table import Table

    from pipeline.i18n.translation import format_date

    catalog = workspace.catalog
    console.print(f"[bold]{r.id}[/bold] — {catalog.states[r.country].name(STATE.lang)}, "
                  f"{catalog.topic(r.topic).name(STATE.lang)} — {_(m.STAGE_NAMES[r.stage.value])}")
    console.print(f"{_(m.LABEL_FRAMEWORK)}: {r.framework_id or _(m.LABEL_NONE)} {r.framework_version or ''}")
    console.print(f"{_(m.LABEL_CONTACT)}: {r.contact.name} <{r.contact.email}>", markup=False)
    institutions = Table(title=_(m.LABEL_INSTITUTIONS))
    for header in (m.LABEL_ACRONYM, m.LABEL_NAME, m.LABEL_EMAIL):
        institutions.add_column(_(header))
    for i in r.institutions:
        institutions.add_row(i.acronym, i.name, i.email)
    console.print(institutions)
    experts = Table(title=_(m.LABEL_PANEL))
    for header in (m.LABEL_NAME, m.LABEL_STATE, m.LABEL_INSTITUTION, m.LABEL_EMAIL, m.LABEL_EXPERIENCE):
        experts.add_column(_(header))
    for e in r.panel.experts:
        experts.add_row(e.name, catalog.states[e.state].name(STATE.lang), e.institution, e.email, e.experience)
    console.print(experts)
    coordinator = r.panel.coordinator
    console.print(f"{_(m.LABEL_COORDINATOR)}: " + (f"{coordinator.name} <{coordinator.email}>" if coordinator else _(m.LABEL_NONE)), markup=False)
    console.print(f"[bold]{_(m.LABEL_CALENDAR)}[/bold]")
    for field, day in r.calendar.model_dump().items():
        console.print(f"  {_(m.DEADLINE_NAMES[field])}: {format_date(day, STATE.lang) if day else '—'}")


@app.command("move", help=_(m.HELP_ROUND_MOVE))
def move(round_ref: Annotated[str, typer.Argument(metavar="ROUND")], stage: Stage) -> None:
    from pipeline.stages import rounds

    before, after = rounds.set_stage(STATE.workspace(), round_ref, stage)
    console.print(_(m.STAGE_MOVED, round=after.id, previous=_(m.STAGE_NAMES[before.stage.value]), stage=_(m.STAGE_NAMES[after.stage.value])))


@app.command("withdraw", help=_(m.HELP_ROUND_WITHDRAW))
def withdraw(round_ref: Annotated[str, typer.Argument(metavar="ROUND")]) -> None:
    move(round_ref, Stage.WITHDRAWN)


@app.command("events", help=_(m.HELP_ROUND_EVENTS))
def events(round_ref: Annotated[str, typer.Argument(metavar="ROUND")], as_json: JsonOption = False) -> None:
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    r = rounds.get(workspace, round_ref)
    found = workspace.ledger.events(r.id)
    if as_json:
        print_json([e.__dict__ for e in found])
        return
    from rich.table import Table

    table = Table()
    for header in ("#", m.WHEN_HEADER, m.EVENTS_HEADER, m.DETAILS_HEADER):
        table.add_column(_(header) if header != "#" else header)
    for e in found:
        table.add_row(str(e.seq), e.at, e.kind, ", ".join(f"{k}={v}" for k, v in e.payload.items()))
    console.print(table)


@app.command("calendar", help=_(m.HELP_ROUND_CALENDAR))
def calendar(
    round_ref: Annotated[str, typer.Argument(metavar="ROUND")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", dir_okay=False)] = None,
) -> None:
    from pipeline.documents.calendar import write_calendar
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    r = rounds.get(workspace, round_ref)
    path = write_calendar(r, output or workspace.round_outbox(r.id) / f"{r.id}.ics", workspace.catalog, STATE.lang)
    console.print(_(m.CALENDAR_WRITTEN, path=str(path)), markup=False)


@app.command("form", help=_(m.HELP_ROUND_FORM))
def form(output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False)] = Path("solicitud.xlsx")) -> None:
    from pipeline.domain.catalog import Catalog
    from pipeline.workbooks.request import write_form

    try:
        catalog = STATE.workspace().catalog
    except UserError:
        catalog = Catalog()
    path = write_form(output, catalog, STATE.lang)
    console.print(_(m.REQUEST_FORM_WRITTEN, path=str(path)), markup=False)


RoundArg = Annotated[str, typer.Argument(metavar="ROUND")]


@panel.command("add", help=_(m.HELP_PANEL_ADD))
def panel_add(
    round_ref: RoundArg,
    name: Annotated[str, typer.Option()],
    email: Annotated[str, typer.Option()],
    state: Annotated[str, typer.Option()],
    institution: Annotated[str, typer.Option()],
    experience: Annotated[str, typer.Option()],
) -> None:
    from pipeline.domain.models import Expert
    from pipeline.stages import rounds

    expert = Expert(name=name, email=email, state=state.upper(), institution=institution, experience=experience)
    _panel_done(rounds.add_expert(STATE.workspace(), round_ref, expert))


@panel.command("remove", help=_(m.HELP_PANEL_REMOVE))
def panel_remove(round_ref: RoundArg, email: Annotated[str, typer.Option()]) -> None:
    from pipeline.stages import rounds

    _panel_done(rounds.remove_expert(STATE.workspace(), round_ref, email))


@panel.command("coordinator", help=_(m.HELP_PANEL_COORDINATOR))
def panel_coordinator(round_ref: RoundArg, name: Annotated[str, typer.Option()], email: Annotated[str, typer.Option()]) -> None:
    from pipeline.domain.models import Coordinator
    from pipeline.stages import rounds

    _panel_done(rounds.set_coordinator(STATE.workspace(), round_ref, Coordinator(name=name, email=email)))


def _panel_done(r) -> None:  # type: ignore[no-untyped-def]
    coordinator = r.panel.coordinator.name if r.panel.coordinator else _(m.LABEL_NONE)
    console.print(_(m.PANEL_UPDATED, round=r.id, count=len(r.panel.experts), coordinator=coordinator), markup=False)
