"""The ``mecigep`` command: the root, its error handling, and the workspace-wide commands."""
from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer
import typer.main

from pipeline.cli import context
from pipeline.cli.context import STATE, _, print_json
from pipeline.cli.lazy import Lazy, LazyGroup
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.messages.templates import TEMPLATE_HELP_CHECK
from pipeline.i18n.translation import cli_language

app = typer.Typer(help=_(m.HELP_APP), no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None, cls=LazyGroup)

GLOBAL_OPTIONS = ("--workspace", "-w", "--lang")


@app.callback()
def root(
    workspace: Annotated[Optional[Path], typer.Option("--workspace", "-w", help=_(m.HELP_WORKSPACE), envvar="MECIGEP_HOME")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help=_(m.HELP_LANG))] = None,
) -> None:
    STATE.workspace_path = workspace
    if lang is not None:  # the command line's messages only: documents keep their round's language
        from pipeline.i18n.translation import is_language

        if not is_language(lang):
            raise UserError(m.UNKNOWN_LANGUAGE, language=lang)
        STATE.lang = lang.lower()


@app.command("init", help=_(m.HELP_INIT))
def init(path: Annotated[Path, typer.Argument(file_okay=False)] = Path(".")) -> None:
    from pipeline.ledger.workspace import Workspace

    workspace = Workspace.init(path)
    context.console.print(_(m.WORKSPACE_CREATED, path=str(workspace.root)))


@app.command("verify", help=_(m.HELP_VERIFY))
def verify(repair: Annotated[bool, typer.Option("--repair", help=_(m.HELP_REPAIR))] = False) -> None:
    from pipeline.stages.verification import verify as check

    if repair:
        from pipeline.inbox.kinds import REGISTRY
        from pipeline.inbox.recovery import repair_workspace

        done = repair_workspace(STATE.workspace(check=False), REGISTRY, STATE.lang)
        if done.copy is not None and (done.restored or done.records or done.files or done.events < done.after.count):
            context.console.print(_(m.REPAIRED, restored=done.restored, events=done.events, records=done.records, files=done.files,
                            copy=done.copy.name), markup=False)
        else:
            context.console.print(_(m.NOTHING_TO_REPAIR), markup=False)
        report = done.after
    else:
        report = check(STATE.workspace(read_only=True, check=False))
    if report.findings:
        for finding in report.findings:
            context.errors.print(finding.render(STATE.lang), markup=False)
        if not repair:
            context.errors.print(_(m.VERIFY_REPAIR_HINT), markup=False)
        raise typer.Exit(2)
    context.console.print(_(m.LEDGER_INTACT, count=report.count))


@app.command("status", help=_(m.HELP_STATUS))
def status(
    round_ref: Annotated[Optional[str], typer.Argument(metavar="[ROUND]", help=_(m.HELP_STATUS_ROUND))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False,
    html: Annotated[bool, typer.Option("--html", help=_(m.HELP_HTML))] = False,
) -> None:
    from pipeline.cli.waiting import show_waiting
    from pipeline.i18n.translation import format_date
    from pipeline.stages.status import overview

    workspace = STATE.workspace(read_only=not html)
    if html:
        from pipeline.cli.waiting import waiting
        from pipeline.stages.status import write_status_page

        page = write_status_page(workspace, STATE.lang, waiting=waiting(workspace))
        if not as_json:
            context.console.print(_(m.PAGE_WRITTEN, path=str(page)), markup=False)
    if round_ref is not None:
        _round_status(workspace, round_ref, as_json)
        return
    from pipeline.ledger import settings

    rows = overview(workspace, settings.load(workspace.ledger).today())
    if as_json:
        print_json([row.as_dict() for row in rows])
        return
    if not rows:
        context.console.print(_(m.NOTHING_YET))
        show_waiting(workspace)
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for header in (m.LABEL_ROUND, m.LABEL_COUNTRY, m.LABEL_TOPIC, m.LABEL_STAGE, m.LABEL_NEXT_DEADLINE, m.LABEL_DAYS, m.LABEL_RETURNS,
                   m.LABEL_OVERDUE, m.LABEL_MAIL):
        table.add_column(_(header), no_wrap=header in (m.LABEL_ROUND, m.LABEL_DAYS, m.LABEL_RETURNS, m.LABEL_OVERDUE, m.LABEL_MAIL))
    catalog = workspace.catalog
    for row in rows:
        deadline = (f"{format_date(row.deadline, STATE.lang, 'medium')} ({_(m.DEADLINE_NAMES[row.deadline_name])})"
                    if row.deadline_name else "—")
        table.add_row(
            row.round_id,
            catalog.states[row.country].name(STATE.lang) if row.country in catalog.states else row.country,
            catalog.topics[row.topic].name(STATE.lang) if row.topic in catalog.topics else row.topic,
            _(m.STAGE_NAMES[row.stage]),
            deadline,
            "—" if row.days is None else str(row.days),
            f"{row.returned}/{row.expected}" + (f" ({_(m.LABEL_TO_CHOOSE)}: {row.to_choose})" if row.to_choose else ""),
            f"[red]{row.overdue}[/]" if row.overdue else "—",
            str(row.mail_waiting) if row.mail_waiting else "—",
        )
    context.console.print(table)
    show_waiting(workspace)




def _round_status(workspace, round_ref: str, as_json: bool) -> None:
    from rich.table import Table

    from pipeline.cli.waiting import show_choices
    from pipeline.domain.enums import ReturnState
    from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
    from pipeline.ledger import settings
    from pipeline.stages.mail import waiting
    from pipeline.stages.publication import followup_summary, recommendation_status
    from pipeline.stages.round_edit import changes_since_issue
    from pipeline.stages.status import STATUS_NAMES, institutions

    rows = institutions(workspace, round_ref)
    round_id = workspace.ledger.get_round(round_ref).id  # type: ignore[union-attr]
    followup = followup_summary(workspace, round_id)
    history = {rec: [(s.received[:10], s.status.value) for s in statuses]
               for (rnd, rec), statuses in sorted(recommendation_status(workspace).items()) if rnd == round_id}
    mail, changes, zone = waiting(workspace, round_id), changes_since_issue(workspace, round_id), settings.load(workspace.ledger)
    if as_json:
        from pipeline.stages.status import report_state

        print_json({"institutions": [row.as_dict() for row in rows], "recommendations": followup, "followup": history,
                    "mail": {"owed": mail.owed, "drafted": mail.drafted, "uncertain": mail.uncertain},
                    "changes": [{**c.edit.__dict__, "issued_before": c.issued} for c in changes],
                    "report": report_state(workspace, round_id, STATE.lang).as_dict()})
        return
    table = Table(title=round_ref)
    for header in (m.LABEL_ACRONYM, m.LABEL_INSTITUTION, m.LABEL_STATUS, m.LABEL_RECEIVED, m.LABEL_ANSWERED, m.LABEL_PROBLEMS, m.LABEL_LAST,
                   m.LABEL_OVERDUE):
        table.add_column(_(header))
    styles = {ReturnState.ACCEPTED: "green", ReturnState.INCOMPLETE: "yellow", ReturnState.MISSING: "red"}
    for row in rows:
        table.add_row(row.acronym, row.name, f"[{styles[row.status]}]{_(STATUS_NAMES[row.status])}[/]", str(row.received),
                      f"{row.answered}/{row.required}" if row.required else "—", str(row.errors) if row.received else "—",
                      zone.local(row.last).strftime("%Y-%m-%d %H:%M") if row.last else "—",
                      f"[red]{_(m.OVERDUE_DAYS, days=row.overdue)}[/]" if row.overdue is not None else "—")
    context.console.print(table)
    if mail.total:
        context.console.print(_(m.MAIL_WAITING, owed=mail.owed, drafted=mail.drafted, uncertain=mail.uncertain, round=round_id), markup=False)
    if changes:
        from pipeline.cli.round import field_name, field_value
        from pipeline.i18n.translation import format_date

        context.console.print(_(m.CHANGES_SINCE), markup=False)
        for change in changes:
            edit = change.edit
            context.console.print("  " + _(m.CHANGE_SINCE, field=field_name(edit.field), before=field_value(edit.field, edit.before),
                                   after=field_value(edit.field, edit.after),
                                   date=format_date(zone.local(edit.at).date(), STATE.lang, "medium"), count=change.issued), markup=False)
    from pipeline.cli.report import print_report_state

    print_report_state(workspace, round_id)
    show_choices(round_id, rows)
    if any(followup.values()):
        context.console.print(f"{_(m.LABEL_RECOMMENDATIONS)}: " + ", ".join(
            f"{_(FOLLOWUP_STATUSES[code])} {count}" for code, count in followup.items() if count), markup=False)
        for rec, steps in history.items():
            context.console.print(f"  {rec}: " + " → ".join(f"{_(FOLLOWUP_STATUSES[status])} ({day})" for day, status in steps), markup=False)


@app.command("demo", help=_(m.HELP_DEMO))
def demo(round_language: Annotated[str, typer.Option("--round-language", help=_(m.HELP_DEMO_ROUND_LANGUAGE))] = "es") -> None:
    from pipeline.demo.build import build
    from pipeline.i18n.translation import is_language

    if not is_language(round_language):
        raise UserError(m.UNKNOWN_LANGUAGE, language=round_language)
    path = STATE.workspace_path or Path("demo")
    for line in build(path, STATE.lang, round_language=round_language.strip().lower()):
        context.console.print(line, markup=False)
    STATE.workspace_path = path
    status()


def _attribute(module: str, name: str) -> Callable[[], Any]:
    return lambda: getattr(importlib.import_module(f"pipeline.cli.{module}"), name)


def _single(command: str, module: str, name: str, help_: str) -> Callable[[], Any]:
    """A group of one command, as ``followup emit`` and ``template check``."""
    def load() -> Any:
        group = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
        group.command(command, help=_(help_))(_attribute(module, name)())
        return group
    return load


# The commands whose modules load when they are run, in the order --help lists them (after those above).
LazyGroup.lazy = {
    "watch": Lazy(m.HELP_WATCH, _attribute("inbox", "watch")),
    "inbox": Lazy(m.HELP_INBOX, _attribute("inbox", "app"), group=True),
    "consolidate": Lazy(m.CONS_HELP, _attribute("consolidate", "consolidate")),
    "interviews": Lazy(m.HELP_INTERVIEWS, _attribute("consolidate", "interviews")),
    "seminar": Lazy(m.SEMINAR_HELP, _attribute("seminar", "seminar")),
    "register": Lazy(m.REGISTER_HELP, _attribute("seminar", "register")),
    "ingest": Lazy(m.HELP_INGEST, _attribute("inbox", "ingest")),
    "mail": Lazy(m.HELP_MAIL, _attribute("mail", "mail")),
    "remind": Lazy(m.HELP_REMIND, _attribute("mail", "remind")),
    "settings": Lazy(m.HELP_SETTINGS, _attribute("mail", "settings")),
    "round": Lazy(m.HELP_ROUND, _attribute("round", "app"), group=True),
    "framework": Lazy(m.HELP_FRAMEWORK, _attribute("framework", "app"), group=True),
    "questionnaire": Lazy(m.HELP_QUESTIONNAIRE, _attribute("framework", "questionnaire"), group=True),
    "catalog": Lazy(m.HELP_CATALOG, _attribute("catalog", "app"), group=True),
    "report": Lazy(m.HELP_REPORT, _attribute("report", "app"), group=True),
    "followup": Lazy(m.HELP_FOLLOWUP, _single("emit", "seminar", "followup_emit", m.FOLLOWUP_HELP_EMIT), group=True),
    "template": Lazy(m.HELP_TEMPLATE, _single("check", "template", "check", TEMPLATE_HELP_CHECK), group=True),
    "response": Lazy(m.HELP_RESPONSE, _attribute("response", "app"), group=True),
    "check": Lazy(m.HELP_CHECK, _attribute("response", "checks"), group=True),
}


def _hoist_global_options(argv: list[str]) -> list[str]:
    """Moves --workspace and --lang to the front, so they work after any sub-command too."""
    hoisted, rest = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBAL_OPTIONS and i + 1 < len(argv):
            hoisted += [arg, argv[i + 1]]
            i += 2
            continue
        if any(arg.startswith(o + "=") for o in GLOBAL_OPTIONS):
            hoisted.append(arg)
        else:
            rest.append(arg)
        i += 1
    return hoisted + rest


def _log_failure() -> Path:
    import tempfile
    import traceback

    try:
        folder = STATE.workspace(read_only=True).logs
    except Exception:
        folder = Path(tempfile.gettempdir())
    for log in (folder / "mecigep.log", Path(tempfile.gettempdir()) / "mecigep.log"):
        try:
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"{dt.datetime.now().isoformat(timespec='seconds')} command {sys.argv[1:]} failed\n{traceback.format_exc()}\n")
            return log
        except OSError:
            continue
    return log


def main(argv: list[str] | None = None) -> int:
    """Runs the command; 0 on success, 2 for what the user can fix, 1 for an unexpected failure."""
    from pipeline.cli.voice import ERRORS, sentence, voiced

    args = _hoist_global_options(sys.argv[1:] if argv is None else argv)
    STATE.workspace_path, STATE.lang = None, cli_language(args)
    try:
        command = voiced(typer.main.get_command(app), STATE.lang)
        code = command.main(args=args, prog_name="mecigep", standalone_mode=False)  # usage errors are raised, not printed
        return _exit(code if isinstance(code, int) else 0, argv)
    except SystemExit as done:
        return _exit(done.code if isinstance(done.code, int) else 0 if done.code is None else 1, argv)
    except ERRORS.UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # a group named without its command: its help
            sys.stdout.write(error.ctx.get_help() + "\n")
            return _exit(2, argv)
        context.errors.print(sentence(error, args, STATE.lang), markup=False)
        return _exit(2, argv)
    except typer.Abort:
        return _exit(1, argv)
    except UserError as error:
        context.errors.print(error.render(STATE.lang), markup=False)
        return _exit(2, argv)
    except KeyboardInterrupt:
        return _exit(130, argv)
    except Exception as error:
        from pipeline.cli.failures import storage_sentence

        sentence = storage_sentence(error)
        if sentence is not None:  # a full, read-only or failing disk, a damaged ledger: what to do, in a sentence
            context.errors.print(sentence, markup=False)
            return _exit(2, argv)
        log = _log_failure()
        context.errors.print(_(m.UNEXPECTED_FAILURE, log=str(log)), markup=False)
        return _exit(1, argv)
    return _exit(0, argv)


def _exit(code: int, argv: list[str] | None) -> int:
    if argv is None:
        raise SystemExit(code)
    return code
