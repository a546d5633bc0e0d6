"""The command line: every command has help, errors are one sentence with exit code 2, JSON for scripts."""
import json
import subprocess
import sys

import pytest
import typer.main

from pipeline.cli.app import app, main
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate


def all_commands():
    """Every command path of the CLI, e.g. ('round', 'panel', 'add'), the lazily loaded ones too."""
    def walk(group, prefix):
        if not hasattr(group, "list_commands"):
            return
        ctx = group.context_class(group)
        for name in group.list_commands(ctx):
            yield prefix + (name,)
            yield from walk(group.get_command(ctx, name), prefix + (name,))
    return list(walk(typer.main.get_command(app), ()))


@pytest.mark.parametrize("command", all_commands(), ids=" ".join)
def test_every_command_has_help(command, capsys):
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage:" in out or "Uso:" in out
    assert len(out.splitlines()) > 3


def run(workspace, *args):
    return main(["--workspace", str(workspace.root), *args])


def test_a_round_opened_by_options_is_listed_as_json(workspace, capsys):
    assert run(workspace, "round", "new", "--country", "per", "--topic", "planning", "--institution",
               "Ministerio de Economía y Finanzas|MEF|mef@example.pe", "--requested", "2026-03-01") == 0
    capsys.readouterr()
    assert run(workspace, "round", "list", "--json") == 0
    [round_] = json.loads(capsys.readouterr().out)
    assert {k: round_[k] for k in ("id", "country", "topic", "stage")} == {
        "id": "2026-PER-planning", "country": "PER", "topic": "planning", "stage": "requested"}


def test_a_user_error_is_one_sentence_on_stderr_with_exit_code_2(workspace, capsys):
    assert run(workspace, "round", "new", "--country", "XYZ", "--topic", "planning") == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == translate(m.UNKNOWN_COUNTRY, "es", country="XYZ")
    assert "Traceback" not in captured.err + captured.out


def test_messages_come_in_the_language_asked(workspace, capsys):
    assert run(workspace, "--lang", "fr", "round", "show", "2099-XXX-none") == 2
    assert capsys.readouterr().err.strip() == translate(m.UNKNOWN_ROUND, "fr", round="2099-XXX-none")


def test_a_folder_that_is_no_workspace_is_named(tmp_path, capsys):
    assert main(["--workspace", str(tmp_path / "nowhere"), "status"]) == 2
    assert "mecigep init" in capsys.readouterr().err


def test_the_stage_moves_are_checked_at_the_command_line(workspace, capsys):
    run(workspace, "round", "new", "--country", "PER", "--topic", "planning", "--institution", "MEF|MEF", "--requested", "2026-03-01")
    assert run(workspace, "round", "move", "2026-PER-planning", "published") == 2
    assert run(workspace, "round", "withdraw", "2026-PER-planning", "--reason", "The country withdrew its request.") == 0
    capsys.readouterr()
    run(workspace, "status", "--json")
    assert json.loads(capsys.readouterr().out)[0]["stage"] == "withdrawn"


def test_the_panel_is_managed_at_the_command_line(workspace, capsys):
    run(workspace, "round", "new", "--country", "PER", "--topic", "planning", "--institution", "MEF|MEF", "--requested", "2026-03-01")
    for state in ("CHL", "MEX", "BRA"):
        assert run(workspace, "round", "panel", "add", "2026-PER-planning", "--name", f"E {state}", "--email",
                   f"{state}@example.org", "--state", state, "--institution", "Min", "--experience", "Years") == 0
    assert run(workspace, "round", "panel", "add", "2026-PER-planning", "--name", "Fourth", "--email", "f@example.org",
               "--state", "CAN", "--institution", "Min", "--experience", "Years") == 2
    assert translate(m.PANEL_TOO_MANY, "es", count=4) in capsys.readouterr().err
    assert run(workspace, "round", "panel", "remove", "2026-PER-planning", "--email", "MEX@example.org") == 0
    assert run(workspace, "round", "panel", "coordinator", "2026-PER-planning", "--name", "J", "--email", "j@example.org") == 0
    capsys.readouterr()
    run(workspace, "round", "show", "2026-PER-planning", "--json")
    panel = json.loads(capsys.readouterr().out)["panel"]
    assert [e["state"] for e in panel["experts"]] == ["CHL", "BRA"] and panel["coordinator"]["name"] == "J"


def test_the_calendar_is_written_as_icalendar(workspace, capsys):
    run(workspace, "round", "new", "--country", "PER", "--topic", "planning", "--institution", "MEF|MEF",
        "--requested", "2026-03-01", "--deadline", "2026-05-15")
    assert run(workspace, "round", "calendar", "2026-PER-planning") == 0
    text = (workspace.outbox / "2026-PER-planning" / "2026-PER-planning.ics").read_text()
    assert "BEGIN:VCALENDAR" in text and "DTSTART;VALUE=DATE:20260515" in text


def test_the_ledger_verifies_from_the_command_line(workspace, capsys):
    run(workspace, "round", "new", "--country", "PER", "--topic", "planning", "--institution", "MEF|MEF")
    assert run(workspace, "verify") == 0
    assert translate(m.LEDGER_INTACT, "es", count=2) in capsys.readouterr().out  # round opened, framework pinned


def test_help_does_not_import_the_heavy_libraries():
    code = "import sys; from pipeline.cli.app import app; print(sorted(m for m in ('openpyxl', 'docx', 'docxtpl', 'matplotlib', 'watchdog') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


LAZY_MODULES = ("pipeline.cli.round", "pipeline.cli.framework", "pipeline.cli.catalog", "pipeline.cli.inbox",
                "pipeline.cli.consolidate", "pipeline.cli.report", "pipeline.cli.seminar", "pipeline.cli.template",
                "pipeline.cli.response", "pipeline.cli.mail", "pipeline.inbox.run", "pipeline.stages.questionnaire")


@pytest.mark.parametrize("args", [["--help"], ["status"]], ids=["help", "status"])
def test_help_and_status_import_no_other_command(workspace, args):
    code = ("import sys; from pipeline.cli.app import main; code = main(sys.argv[1:]); "
            f"print(code, sorted(m for m in {LAZY_MODULES!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, "--workspace", str(workspace.root), *args], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "0 []"


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_the_root_lists_each_lazy_command_with_the_help_it_has_once_loaded(lang):
    from pipeline.cli.context import STATE
    from pipeline.cli.voice import voiced

    previous, STATE.lang = STATE.lang, lang
    try:
        group = voiced(typer.main.get_command(app), lang)
        ctx = group.context_class(group, info_name="mecigep")
        before = group.get_help(ctx)
        loaded = [group.get_command(ctx, name) for name in group.list_commands(ctx)]
        assert all(command is not None for command in loaded) and set(group.commands) == set(group.list_commands(ctx))
        assert group.get_help(ctx) == before
    finally:
        STATE.lang = previous


def test_an_unexpected_failure_exits_1_and_names_the_log(workspace, capsys, monkeypatch):
    import pipeline.stages.status

    monkeypatch.setattr(pipeline.stages.status, "overview", lambda *a: 1 / 0)
    assert run(workspace, "status") == 1
    err = capsys.readouterr().err
    assert "mecigep.log" in err and "Traceback" not in err
    assert "ZeroDivisionError" in (workspace.logs / "mecigep.log").read_text()
