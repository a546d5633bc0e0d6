"""Commands whose modules are imported only when they are run, so that ``mecigep --help`` and ``mecigep status``
start as fast as a bare typer app (Click's "lazily loading subcommands", for large command lines).

The root group lists each lazy command by its name and help (a catalogue msgid) without importing anything; asked
for one (to run it or show its help), it imports the command's module, builds its Click command with typer exactly
as an eager ``app.command`` or ``app.add_typer`` would, gives it the run's voice (``voice.voiced``) and keeps it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import typer
import typer.core
import typer.main

from pipeline.cli.context import STATE, _
from pipeline.cli.voice import voiced


@dataclass(frozen=True)
class Lazy:
    """One command of the root: its help (a msgid), and what it is once imported: a typer app (a group of commands)
    or a command function. ``load`` imports it and returns either."""

    help: str
    load: Callable[[], Any]
    group: bool = False


class LazyGroup(typer.core.TyperGroup):
    """The root group: its own commands, then the lazy ones, in the order they were declared."""

    lazy: dict[str, Lazy] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(name for name in self.lazy if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.commands[cmd_name] = built(cmd_name, self.lazy[cmd_name])
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """As typer lists them, with the help of a command not yet imported taken from its declaration."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name) or typer.core.TyperCommand(name=name, help=_(self.lazy[name].help))
            if not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _command in rows)
            with formatter.section(typer.core._("Commands")):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])


def built(name: str, lazy: Lazy) -> Any:
    """The Click command of ``lazy``, as the root app would have built it, speaking the run's language."""
    holder = typer.Typer(rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False)
    holder.callback()(lambda: None)  # a group, so that typer builds the command by its name below it
    target = lazy.load()
    if lazy.group:
        holder.add_typer(target, name=name, help=_(lazy.help))
    else:
        holder.command(name, help=_(lazy.help))(target)
    command = typer.main.get_command(holder).commands[name]
    epilog = command.epilog
    voiced(command, STATE.lang)
    command.epilog = epilog  # the footer is the root's
    return command
