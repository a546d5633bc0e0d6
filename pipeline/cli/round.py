"""``mecigep round …``: open, list, show, move and edit rounds; their institutions; write their calendar.

The panel's commands are in ``cli/panel.py``, registered here under ``round panel``.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from pipeline.cli import panel as panel_commands
from pipeline.cli.context import STATE, _, console, parse_date, print_json
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m

if TYPE_CHECKING:
    from pipeline.domain.models import Institution, Round

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(panel_commands.panel, name="panel", help=_(m.HELP_PANEL))
institution_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(institution_app, name="institution", help=_(m.HELP_ROUND_INSTITUTION))

JsonOption = Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))]
RoundArg = Annotated[str, typer.Argument(metavar="ROUND", help=_(m.HELP_ROUND_ARG))]
DateOption = Optional[str]


def _date_option(help_text: str, name: str) -> object:
    return typer.Option(name, metavar="YYYY-MM-DD", help=_(help_text))


def _institution(text: str) -> "Institution":
    """'Name|ACRONYM|email' (the e-mail may be left out) with its own language optionally after: '|en'; raises
    UserError for anything else."""
    from pipeline.domain.models import Institution, institution_id
    from pipeline.i18n.translation import is_language

    parts = [p.strip() for p in text.split("|")]
    if len(parts) not in (2, 3, 4) or not all(parts[:2]):
        raise UserError(m.BAD_INSTITUTION_OPTION, value=text)
    if len(parts) == 4 and not is_language(parts[3]):
        raise UserError(m.UNKNOWN_LANGUAGE, language=parts[3])
    return Institution(id=institution_id(parts[1]), name=parts[0], acronym=parts[1], email=parts[2] if len(parts) > 2 else "",
                       language=parts[3].lower() if len(parts) == 4 else None)


@app.command("new", help=_(m.HELP_ROUND_NEW))
def new(
    source: Annotated[Optional[Path], typer.Option("--from", exists=True, dir_okay=False, metavar="FILE.xlsx", help=_(m.HELP_OPT_FROM))] = None,
    country: Annotated[Optional[str], typer.Option(metavar="CODE", help=_(m.HELP_OPT_COUNTRY))] = None,
    topic: Annotated[Optional[str], typer.Option(metavar="TOPIC", help=_(m.HELP_OPT_TOPIC))] = None,
    institution: Annotated[Optional[list[str]], typer.Option(metavar="NAME|ACRONYM|EMAIL", help=_(m.HELP_OPT_INSTITUTIONS))] = None,
    requested: Annotated[DateOption, _date_option(m.HELP_OPT_REQUESTED, "--requested")] = None,
    deadline: Annotated[DateOption, _date_option(m.HELP_OPT_DEADLINE, "--deadline")] = None,
    working_language: Annotated[str, typer.Option("--working-language", metavar="es|en|pt|fr", help=_(m.HELP_OPT_WORKING_LANGUAGE))] = "es",
) -> None:
    from pipeline.domain.models import Calendar, Round, round_id
    from pipeline.i18n.translation import is_language
    from pipeline.ledger import settings
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    if source is not None:
        from pipeline.stages.request import open_from_request

        round_ = open_from_request(workspace, source)
    else:
        if not country or not topic:
            raise UserError(m.REQUEST_MISSING_VALUE, field=m.LABEL_COUNTRY if not country else m.LABEL_TOPIC)
        if not is_language(working_language):
            raise UserError(m.UNKNOWN_LANGUAGE, language=working_language)
        day = parse_date(requested, "--requested") or settings.load(workspace.ledger).today()
        state, topic_ = workspace.catalog.state(country), workspace.catalog.topic(topic)
        round_ = rounds.open_round(workspace, Round(
            id=round_id(day.year, state.code, topic_.id), country=state.code, topic=topic_.id, language=working_language.strip().lower(),
            institutions=tuple(_institution(i) for i in institution or ()),
            calendar=Calendar(requested=day, questionnaire_deadline=parse_date(deadline, "--deadline"))))
    console.print(_(m.ROUND_CREATED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value]))


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
    for header in (m.LABEL_ROUND, m.LABEL_COUNTRY, m.LABEL_TOPIC, m.LABEL_STAGE, m.LABEL_LANGUAGE, m.LABEL_INSTITUTIONS, m.LABEL_PANEL):
        table.add_column(_(header))
    for r in found:
        table.add_row(r.id, workspace.catalog.states[r.country].name(STATE.lang), workspace.catalog.topic(r.topic).name(STATE.lang),
                      _(m.STAGE_NAMES[r.stage.value]), r.language, str(len(r.institutions)), str(len(r.panel.experts)))
    console.print(table)


def _person(name: str, email: str) -> str:
    return f"{name} <{email}>" if name and email else name or email or "—"


@app.command("show", help=_(m.HELP_ROUND_SHOW))
def show(round_ref: RoundArg, as_json: JsonOption = False) -> None:
    from rich.table import Table

    from pipeline.i18n.translation import format_date
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    r = rounds.get(workspace, round_ref)
    if as_json:
        print_json(r.model_dump(mode="json"))
        return
    catalog = workspace.catalog
    console.print(f"[bold]{r.id}[/bold] — {catalog.states[r.country].name(STATE.lang)}, "
                  f"{catalog.topic(r.topic).name(STATE.lang)} — {_(m.STAGE_NAMES[r.stage.value])}")
    console.print(f"{_(m.LABEL_FRAMEWORK)}: {r.framework_id or _(m.LABEL_NONE)} {r.framework_version or ''}")
    console.print(f"{_(m.LABEL_LANGUAGE)}: {r.language}", markup=False)
    contact = _person(r.contact.name, r.contact.email) + (f", {r.contact.position}" if r.contact.position else "")
    console.print(f"{_(m.LABEL_CONTACT)}: {contact}", markup=False)
    institutions = Table(title=_(m.LABEL_INSTITUTIONS))
    for header in (m.LABEL_ACRONYM, m.LABEL_NAME, m.LABEL_EMAIL, m.LABEL_LANGUAGE):
        institutions.add_column(_(header))
    for i in r.institutions:
        institutions.add_row(i.acronym, i.name, i.email or "—", r.language_of(i))
    console.print(institutions)
    experts = Table(title=_(m.LABEL_PANEL))
    for header in (m.LABEL_NAME, m.LABEL_STATE, m.LABEL_INSTITUTION, m.LABEL_EMAIL, m.LABEL_LANGUAGE, m.LABEL_EXPERIENCE):
        experts.add_column(_(header))
    for e in r.panel.experts:
        state = catalog.states[e.state].name(STATE.lang) if e.state in catalog.states else e.state
        experts.add_row(e.name, state, e.institution, e.email, r.language_of(e), e.experience)
    console.print(experts)
    coordinator = r.panel.coordinator
    console.print(f"{_(m.LABEL_COORDINATOR)}: " + (_person(coordinator.name, coordinator.email) if coordinator else _(m.LABEL_NONE)), markup=False)
    console.print(f"[bold]{_(m.LABEL_CALENDAR)}[/bold]")
    for field, day in r.calendar.model_dump().items():
        console.print(f"  {_(m.DEADLINE_NAMES[field])}: {format_date(day, STATE.lang) if day else '—'}")


def _stage(text: str):  # type: ignore[no-untyped-def]
    from pipeline.domain.stages import Stage, stage_named

    found = stage_named(text)
    if found is None:
        raise UserError(m.UNKNOWN_STAGE, stage=text, stages=tuple(m.STAGE_NAMES[s.value] for s in Stage))
    return found


ReasonOption = Annotated[str, typer.Option("--reason", metavar="TEXT", help=_(m.HELP_REASON))]


@app.command("move", help=_(m.HELP_ROUND_MOVE))
def move(round_ref: RoundArg, stage: Annotated[str, typer.Argument(metavar="STAGE", help=_(m.HELP_STAGE))],
         reason: ReasonOption = "") -> None:
    from pipeline.stages import rounds

    done = rounds.move_round(STATE.workspace(), round_ref, _stage(stage), reason)
    message = m.STAGE_MOVED_BACK if done.back else m.STAGE_MOVED
    console.print(_(message, round=done.after.id, previous=m.STAGE_NAMES[done.before.stage.value], stage=m.STAGE_NAMES[done.after.stage.value]),
                  markup=False)


@app.command("withdraw", help=_(m.HELP_ROUND_WITHDRAW))
def withdraw(round_ref: RoundArg, reason: ReasonOption = "") -> None:
    move(round_ref, "withdrawn", reason)


@app.command("edit", help=_(m.HELP_ROUND_EDIT))
def edit(
    round_ref: RoundArg,
    deadline: Annotated[DateOption, _date_option(m.HELP_OPT_DEADLINE, "--deadline")] = None,
    visit_start: Annotated[DateOption, _date_option(m.HELP_OPT_VISIT_START, "--visit-start")] = None,
    visit_end: Annotated[DateOption, _date_option(m.HELP_OPT_VISIT_END, "--visit-end")] = None,
    report_due: Annotated[DateOption, _date_option(m.HELP_OPT_REPORT_DUE, "--report-due")] = None,
    contact_name: Annotated[Optional[str], typer.Option("--contact-name", metavar="TEXT", help=_(m.HELP_OPT_CONTACT_NAME))] = None,
    contact_email: Annotated[Optional[str], typer.Option("--contact-email", metavar="EMAIL", help=_(m.HELP_OPT_CONTACT_EMAIL))] = None,
    contact_position: Annotated[Optional[str], typer.Option("--contact-position", metavar="TEXT", help=_(m.HELP_OPT_CONTACT_POSITION))] = None,
    working_language: Annotated[Optional[str], typer.Option("--working-language", metavar="es|en|pt|fr",
                                                            help=_(m.HELP_OPT_WORKING_LANGUAGE))] = None,
) -> None:
    from pipeline.stages.round_edit import Changes, edit_round

    changes = Changes(parse_date(deadline, "--deadline"), parse_date(visit_start, "--visit-start"), parse_date(visit_end, "--visit-end"),
                      parse_date(report_due, "--report-due"), contact_name, contact_email, contact_position, working_language)
    edited, done = edit_round(STATE.workspace(), round_ref, changes)
    if not done:
        console.print(_(m.ROUND_EDIT_UNCHANGED, round=edited.id), markup=False)
        return
    console.print(_(m.ROUND_EDITED, round=edited.id, changes="; ".join(
        _(m.ROUND_CHANGE, field=field_name(f), before=field_value(f, b), after=field_value(f, a)) for f, (b, a) in done.items())),
        markup=False)


def field_name(field: str) -> str:
    """What a changed field is called, in the command line's language."""
    return _(m.DEADLINE_NAMES[field] if field in m.DEADLINE_NAMES else m.FIELD_NAMES.get(field, field))


def field_value(field: str, text: str) -> str:
    """A changed value as shown: a date as people of the command line's language write it; a dash for nothing."""
    import datetime as dt

    from pipeline.i18n.translation import format_date

    if field in m.DEADLINE_NAMES and text:
        return format_date(dt.date.fromisoformat(text), STATE.lang, "medium")
    return text or "—"


@institution_app.command("add", help=_(m.HELP_INSTITUTION_ADD))
def institution_add(
    round_ref: RoundArg,
    name: Annotated[str, typer.Option("--name", metavar="NAME", help=_(m.HELP_OPT_NAME))],
    acronym: Annotated[str, typer.Option("--acronym", metavar="ACRONYM", help=_(m.HELP_OPT_ACRONYM))],
    email: Annotated[str, typer.Option("--email", metavar="EMAIL", help=_(m.HELP_OPT_EMAIL))] = "",
    language: Annotated[Optional[str], typer.Option("--language", metavar="es|en|pt|fr", help=_(m.HELP_OPT_LANGUAGE))] = None,
) -> None:
    from pipeline.domain.models import Institution, institution_id
    from pipeline.stages.round_edit import add_institution

    added = add_institution(STATE.workspace(), round_ref, Institution(
        id=institution_id(acronym), name=name.strip(), acronym=acronym.strip(), email=email.strip(),
        language=language.strip().lower() if language else None))
    if added.questionnaire is not None:
        console.print(_(m.INSTITUTION_ADDED_EMITTED, round=added.round.id, institution=added.institution.acronym,
                        path=str(added.questionnaire)), markup=False)
    else:
        console.print(_(m.INSTITUTION_ADDED, round=added.round.id, institution=added.institution.acronym,
                        count=len(added.round.institutions)), markup=False)


@institution_app.command("remove", help=_(m.HELP_INSTITUTION_REMOVE))
def institution_remove(round_ref: RoundArg, acronym: Annotated[str, typer.Argument(metavar="ACRONYM", help=_(m.HELP_INSTITUTION))]) -> None:
    from pipeline.stages.round_edit import remove_institution

    updated = remove_institution(STATE.workspace(), round_ref, acronym)
    console.print(_(m.INSTITUTION_REMOVED, round=updated.id, institution=acronym.upper(), count=len(updated.institutions)), markup=False)


@app.command("events", help=_(m.HELP_ROUND_EVENTS))
def events(round_ref: RoundArg, as_json: JsonOption = False) -> None:
    from pipeline.ledger import settings
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    r = rounds.get(workspace, round_ref)
    found = workspace.ledger.events(r.id)
    if as_json:
        print_json([e.__dict__ for e in found])
        return
    from rich.table import Table

    zone = settings.load(workspace.ledger)
    table = Table()
    for header in ("#", m.WHEN_HEADER, m.EVENTS_HEADER, m.DETAILS_HEADER):
        table.add_column(_(header) if header != "#" else header)
    for e in found:
        table.add_row(str(e.seq), zone.local(e.at).strftime("%Y-%m-%d %H:%M %Z"), e.kind, ", ".join(f"{k}={v}" for k, v in e.payload.items()))
    console.print(table)


@app.command("calendar", help=_(m.HELP_ROUND_CALENDAR))
def calendar(
    round_ref: RoundArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", dir_okay=False, metavar="FILE", help=_(m.HELP_OPT_OUTPUT))] = None,
) -> None:
    from pipeline.documents.calendar import write_calendar
    from pipeline.stages import rounds

    workspace = STATE.workspace()
    r: Round = rounds.get(workspace, round_ref)
    path = write_calendar(r, output or workspace.round_outbox(r.id) / f"{r.id}.ics", workspace.catalog, r.language)
    console.print(_(m.CALENDAR_WRITTEN, path=str(path)), markup=False)


@app.command("form", help=_(m.HELP_ROUND_FORM))
def form(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, metavar="FILE", help=_(m.HELP_OPT_OUTPUT))] = Path("solicitud.xlsx"),
    language: Annotated[str, typer.Option("--language", metavar="es|en|pt|fr", help=_(m.HELP_OPT_DOCUMENT_LANGUAGE))] = "es",
) -> None:
    from pipeline.domain.catalog import Catalog
    from pipeline.i18n.translation import is_language
    from pipeline.workbooks.request import write_form

    if not is_language(language):
        raise UserError(m.UNKNOWN_LANGUAGE, language=language)
    try:
        catalog = STATE.workspace().catalog
    except UserError:
        catalog = Catalog()
    path = write_form(output, catalog, language.strip().lower())
    console.print(_(m.REQUEST_FORM_WRITTEN, path=str(path)), markup=False)
