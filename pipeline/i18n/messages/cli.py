"""The command line's own words: its errors of options and values, and its help (typer's words included)."""
from pipeline.i18n.translation import N_

CLI_MISSING_OPTION = N_("{command} needs the option {option}.")
CLI_MISSING_ARGUMENT = N_("{command} needs {argument}.")
CLI_NO_SUCH_OPTION = N_("{command} has no option {option}; {command} --help lists them.")
CLI_NO_SUCH_OPTION_LIKE = N_("{command} has no option {option}; did you mean {possibilities}?")
CLI_OPTION_NEEDS_VALUE = N_("The option {option} needs a value.")
CLI_OPTION_TAKES_NO_VALUE = N_("The option {option} takes no value.")
CLI_EXTRA_ARGUMENTS = N_("{command} does not take {arguments}; {command} --help says what it takes.")
CLI_NOT_WHOLE = N_("'{value}' given to {option} is not a whole number.")
CLI_NOT_NUMBER = N_("'{value}' given to {option} is not a number.")
CLI_NOT_CHOICE = N_("'{value}' given to {option} is not one of: {choices}.")
CLI_OUT_OF_RANGE = N_("{value} given to {option} is out of range ({range}).")
CLI_FILE_MISSING = N_("The file {value} given to {option} does not exist.")
CLI_IS_FOLDER = N_("{value}, given to {option}, is a folder; give a file.")
CLI_IS_FILE = N_("{value}, given to {option}, is a file; give a folder.")
CLI_BAD_VALUE = N_("'{value}' is not a valid value for {option}.")
CLI_USAGE = N_("Usage: ")
CLI_HELP_OPTION = N_("Show this message and exit.")
CLI_OPTIONS_METAVAR = N_("[OPTIONS]")
CLI_COMMAND_METAVAR = N_("COMMAND [ARGS]...")
CLI_FOOTER = N_("--lang changes the language of these messages only; each round's documents are in its working language, or in their recipient's own.")
# typer's own words, which it passes through gettext: the same msgids, translated here
TYPER_WORDS = (
    N_("Arguments"), N_("Options"), N_("Commands"), N_("default: {default}"), N_("required"), N_("env var: {var}"),
    N_("(dynamic)"), N_("Aborted!"), N_("Missing command."), N_("No such command {name!r}."),
)
