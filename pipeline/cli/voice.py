"""One voice for the command line: typer's and Click's own words in the user's language, and every error of
options and values as one sentence from the catalogue (exit code 2, no usage block).

typer builds its Click command tree anew on each run; ``voiced`` takes that tree and gives each command the
translated usage prefix and ``--help`` line (the root also its footer), and routes the words typer passes
through gettext ("Options", "required", "No such command …") to the catalogue. ``sentence`` turns a Click usage
error into the catalogue's sentence, from the exception's own attributes (the option, the parameter, its type)
and the value as typed on the command line; the English text Click wrote is never shown.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Sequence, Union, get_args, get_origin

import typer
import typer.core

from pipeline.cli.context import SOURCES
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate

ERRORS = importlib.import_module(typer.BadParameter.__module__)  # Click's exceptions, wherever this typer keeps them
UsageError = ERRORS.UsageError


def voiced(command: Any, lang: str) -> Any:
    """``command`` (typer's Click tree) speaking ``lang``; returns it."""
    if hasattr(typer.core, "_"):
        typer.core._ = lambda text: translate(text, lang)  # typer's gettext words; see messages/cli.py TYPER_WORDS
    base_context = command.context_class

    class Formatter(base_context.formatter_class):  # type: ignore[misc, name-defined]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, translate(m.CLI_USAGE, lang) if prefix is None else prefix)

    class Context(base_context):  # type: ignore[misc, valid-type]
        formatter_class = Formatter

    command.epilog = translate(m.CLI_FOOTER, lang)

    def again(text: Any) -> Any:
        source = SOURCES.get(text) if isinstance(text, str) else None
        return translate(source[0], lang, **source[1]) if source else text

    def walk(node: Any, parent: Any) -> None:
        node.context_class = Context
        if getattr(node, "options_metavar", None):
            node.options_metavar = translate(m.CLI_OPTIONS_METAVAR, lang)
        if getattr(node, "subcommand_metavar", None):
            node.subcommand_metavar = translate(m.CLI_COMMAND_METAVAR, lang)
        if hasattr(node, "suggest_commands"):
            node.suggest_commands = False  # typer would add its English "Did you mean …?"; --help lists the commands
        node.help, node.short_help = again(node.help), again(getattr(node, "short_help", None))
        for param in node.params:
            if hasattr(param, "help"):
                param.help = again(param.help)
            _keep_typed_value(param)
        help_option = node.get_help_option(Context(node, parent=parent, info_name=node.name))
        if help_option is not None:
            help_option.help = translate(m.CLI_HELP_OPTION, lang)
        for child in getattr(node, "commands", {}).values():
            walk(child, Context(node, parent=parent, info_name=node.name))

    walk(command, None)
    return command


def _keep_typed_value(param: Any) -> None:
    """Makes a value the parameter refuses travel with the error (``typed``), so the sentence can quote it."""
    original = param.process_value

    def process_value(ctx: Any, value: Any) -> Any:
        try:
            return original(ctx, value)
        except ERRORS.BadParameter as error:
            error.typed = value
            raise

    param.process_value = process_value


def _given(argv: Sequence[str], names: Sequence[str]) -> str | None:
    """The value typed after one of the option ``names`` (``--date X`` or ``--date=X``); None when none was."""
    for i, arg in enumerate(argv):
        for name in names:
            if arg == name and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def _name(param: Any) -> str:
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "metavar", None) or param.name.upper())
    opts = list(getattr(param, "opts", ()) or ())
    return max(opts, key=len) if opts else f"--{param.name}"


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    if get_origin(annotation) is Union:
        annotation = next((a for a in get_args(annotation) if a is not type(None)), annotation)
    return annotation


def _bad_value(error: Any, argv: Sequence[str], lang: str) -> str:
    param = error.param
    option = _name(param)
    typed = getattr(error, "typed", None)
    if typed is None and param is not None:
        typed = _given(argv, list(getattr(param, "opts", ())))
    values = [str(v) for v in typed] if isinstance(typed, (list, tuple)) else [] if typed is None else [str(typed)]
    value = values[0] if values else ""
    params = {"option": option, "value": value}
    descriptor = getattr(param, "type_descriptor", None)
    click_type = getattr(param, "type", None)
    annotation = _annotation(param)
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    if getattr(descriptor, "is_path", False) or isinstance(annotation, type) and issubclass(annotation, Path):
        info = getattr(descriptor, "parameter_info", None)
        for text in values:  # the first of the values given that is not what the parameter takes
            path = Path(text)
            if not path.exists():
                return translate(m.CLI_FILE_MISSING, lang, option=option, value=text)
            if path.is_dir() and getattr(info, "dir_okay", True) is False:
                return translate(m.CLI_IS_FOLDER, lang, option=option, value=text)
            if path.is_file() and getattr(info, "file_okay", True) is False:
                return translate(m.CLI_IS_FILE, lang, option=option, value=text)
        return translate(m.CLI_BAD_VALUE, lang, **params)
    if getattr(descriptor, "is_choice", False) and descriptor.choices is not None:
        choices = ", ".join(str(getattr(c, "value", c)) for c in descriptor.choices)
        return translate(m.CLI_NOT_CHOICE, lang, choices=choices, **params)
    if getattr(click_type, "choices", None):
        return translate(m.CLI_NOT_CHOICE, lang, choices=", ".join(map(str, click_type.choices)), **params)
    info = getattr(descriptor, "parameter_info", None)
    numeric = annotation in (int, float) or getattr(click_type, "name", "") in ("integer", "float")
    if numeric:
        try:
            number = float(value)
        except ValueError:
            whole = annotation is int or getattr(click_type, "name", "") == "integer"
            return translate(m.CLI_NOT_WHOLE if whole else m.CLI_NOT_NUMBER, lang, **params)
        if annotation is int and not number.is_integer():
            return translate(m.CLI_NOT_WHOLE, lang, **params)
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        bounds = f"{low} – {high}" if low is not None and high is not None else f"≥ {low}" if low is not None else f"≤ {high}"
        return translate(m.CLI_OUT_OF_RANGE, lang, range=bounds, **params)
    return translate(m.CLI_BAD_VALUE, lang, **params)


def sentence(error: Any, argv: Sequence[str], lang: str) -> str:
    """The catalogue's sentence, in ``lang``, for a Click usage error raised while reading ``argv``."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "mecigep"
    if isinstance(error, ERRORS.MissingParameter) and error.param is not None:
        if getattr(error.param, "param_type_name", "") == "argument":
            return translate(m.CLI_MISSING_ARGUMENT, lang, command=command, argument=_name(error.param))
        return translate(m.CLI_MISSING_OPTION, lang, command=command, option=_name(error.param))
    if isinstance(error, ERRORS.BadParameter):
        return _bad_value(error, argv, lang)
    if isinstance(error, ERRORS.NoSuchOption):
        if error.possibilities:
            return translate(m.CLI_NO_SUCH_OPTION_LIKE, lang, command=command, option=error.option_name,
                             possibilities=" / ".join(sorted(error.possibilities)))
        return translate(m.CLI_NO_SUCH_OPTION, lang, command=command, option=error.option_name)
    if isinstance(error, ERRORS.BadOptionUsage):
        message = m.CLI_OPTION_TAKES_NO_VALUE if "does not take" in error.message else m.CLI_OPTION_NEEDS_VALUE
        return translate(message, lang, option=error.option_name)
    text = str(getattr(error, "message", "") or error)
    if text.startswith("Got unexpected extra argument"):
        extra = text[text.rfind("(") + 1: text.rfind(")")] if "(" in text else text
        return translate(m.CLI_EXTRA_ARGUMENTS, lang, command=command, arguments=extra)
    return text  # already the catalogue's (typer's own words go through it)
