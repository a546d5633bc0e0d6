"""One voice for the command line: every error of options and values is one catalogue sentence in the language asked
(exit code 2, no usage block), and the help — its sections, option descriptions, the --help line, the footer — is
translated too."""
import pytest

from pipeline.cli.app import main
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.stages.rounds import open_round
from tests.conftest import a_round

ROUND = "2026-PER-planning"


def refusal(workspace, capsys, lang, *args):
    capsys.readouterr()
    assert main(["--workspace", str(workspace.root), "--lang", lang, *args]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1 and "Usage" not in captured.err + captured.out
    return captured.err.strip()


def flat(text):
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_missing_option_or_argument_is_named(workspace, capsys, lang):
    assert refusal(workspace, capsys, lang, "round", "panel", "remove", ROUND) == translate(
        m.CLI_MISSING_OPTION, lang, command="mecigep round panel remove", option="--email")
    assert refusal(workspace, capsys, lang, "round", "show") == translate(m.CLI_MISSING_ARGUMENT, lang, command="mecigep round show",
                                                                          argument="ROUND")


@pytest.mark.parametrize("lang", ["pt", "fr"])
def test_an_unknown_option_an_extra_argument_and_an_unknown_command_are_named(workspace, capsys, lang):
    assert refusal(workspace, capsys, lang, "round", "panel", "remove", ROUND, "--emial", "x@y.org") == translate(
        m.CLI_NO_SUCH_OPTION_LIKE, lang, command="mecigep round panel remove", option="--emial", possibilities="--email / --help")
    assert refusal(workspace, capsys, lang, "verify", "--colour") == translate(m.CLI_NO_SUCH_OPTION, lang, command="mecigep verify",
                                                                             option="--colour")
    assert refusal(workspace, capsys, lang, "round", "show", ROUND, "again") == translate(
        m.CLI_EXTRA_ARGUMENTS, lang, command="mecigep round show", arguments="again")
    assert refusal(workspace, capsys, lang, "rounds") == translate(m.TYPER_WORDS[-1], lang, name="rounds")
    assert refusal(workspace, capsys, lang, "status", "--json=yes") == translate(m.CLI_OPTION_TAKES_NO_VALUE, lang, option="--json")


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_values_that_do_not_convert_are_quoted_as_typed(workspace, capsys, lang, tmp_path):
    assert refusal(workspace, capsys, lang, "watch", "--once", "--workers", "two") == translate(m.CLI_NOT_WHOLE, lang, value="two",
                                                                                                option="--workers")
    assert refusal(workspace, capsys, lang, "watch", "--once", "--settle", "soon") == translate(m.CLI_NOT_NUMBER, lang, value="soon",
                                                                                                option="--settle")
    assert refusal(workspace, capsys, lang, "watch", "--once", "--workers", "0") == translate(m.CLI_OUT_OF_RANGE, lang, value="0",
                                                                                              option="--workers", range="≥ 1")
    assert refusal(workspace, capsys, lang, "seminar", "next") == translate(m.CLI_NOT_WHOLE, lang, value="next", option="YEAR")
    missing = tmp_path / "nowhere.xlsx"
    assert refusal(workspace, capsys, lang, "ingest", str(missing)) == translate(m.CLI_FILE_MISSING, lang, value=str(missing),
                                                                                 option="FILES")
    assert refusal(workspace, capsys, lang, "round", "new", "--from", str(tmp_path)) == translate(m.CLI_IS_FOLDER, lang, value=str(tmp_path),
                                                                                                  option="--from")
    assert refusal(workspace, capsys, lang, "round", "new", "--country", "PER", "--topic", "planning", "--requested", "2026-13-45") == (
        translate(m.BAD_DATE_OPTION, lang, value="2026-13-45", option="--requested"))


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_the_help_is_in_the_language_asked(capsys, lang):
    assert main(["--lang", lang, "round", "new", "--help"]) == 0
    out = flat(capsys.readouterr().out)
    assert out.startswith(translate(m.CLI_USAGE, lang) + "mecigep round new")
    for text in (translate(m.TYPER_WORDS[1], lang) + ":", translate(m.HELP_OPT_INSTITUTIONS, lang), translate(m.CLI_HELP_OPTION, lang),
                 translate(m.HELP_ROUND_NEW, lang), translate(m.TYPER_WORDS[3], lang, default="es")):
        assert flat(text) in out
    assert "Show this message and exit." not in out
    assert main(["--lang", lang, "--help"]) == 0
    root = flat(capsys.readouterr().out)
    assert flat(translate(m.CLI_FOOTER, lang)) in root and translate(m.TYPER_WORDS[2], lang) + ":" in root


def test_the_help_of_a_command_of_another_module_is_translated_too(capsys):
    assert main(["--lang", "fr", "report", "approve", "--help"]) == 0
    out = flat(capsys.readouterr().out)
    assert flat(translate(m.HELP_BY, "fr")) in out and flat(translate(m.HELP_REPORT_APPROVE, "fr")) in out
    assert flat(translate(m.TYPER_WORDS[4], "fr")) in out  # "required"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_stage_of_another_language_moves_the_round(workspace, capsys, lang):
    open_round(workspace, a_round())
    assert main(["--workspace", str(workspace.root), "--lang", lang, "round", "move", ROUND, "Entrevistas"]) == 0
    assert capsys.readouterr().out.strip() == translate(m.STAGE_MOVED, lang, round=ROUND, previous=m.STAGE_NAMES["questionnaire_open"],
                                                        stage=m.STAGE_NAMES["interviews"])
