"""How fast the CLI answers: ``mecigep --help`` and ``mecigep status`` beside a bare typer app's ``--help``.

The bare app (``typer_help``) has as many commands as the root of ``mecigep`` lists, each a function with a line
of help, built with the same options (no completion, no rich markup): what typer itself costs to start and list
them. ``status`` runs in a workspace with one round open. ``python_startup`` is a bare ``python -c pass``.
Each figure is the median of 11 runs, interleaved with its baseline's.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import typer.main

from bench.common import Figure, compared, report
from pipeline.cli.app import app

MECIGEP = Path(sys.executable).with_name("mecigep")
RUNS = 11


def _run(*command: str) -> None:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def bare_typer_app(folder: Path, commands: int) -> Path:
    """A typer app of ``commands`` commands, each with its help line, as a script."""
    lines = ["import typer", "", "app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None)", ""]
    for n in range(commands):
        lines += [f"@app.command('command-{n}', help='Does the work number {n} of the application, on the given round.')",
                  f"def command_{n}(name: str = typer.Option('', help='A name.')) -> None:", "    print(name)", ""]
    lines += ["if __name__ == '__main__':", "    app()"]
    script = folder / "bare_typer_app.py"
    script.write_text("\n".join(lines), encoding="utf-8")
    return script


def root_commands() -> int:
    group = typer.main.get_command(app)
    return len(group.list_commands(group.context_class(group)))  # type: ignore[attr-defined]


def run() -> list[Figure]:
    from pipeline.ledger.workspace import Workspace
    from pipeline.stages.rounds import open_round
    from tests.conftest import a_round

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as name:
        folder = Path(name)
        bare = bare_typer_app(folder, root_commands())
        workspace = Workspace.init(folder / "ws")
        open_round(workspace, a_round())
        help_, typer_help = compared(lambda: _run(str(MECIGEP), "--help"), lambda: _run(sys.executable, str(bare), "--help"),
                                     repeat=RUNS, stat="median")
        status, typer_again = compared(lambda: _run(str(MECIGEP), "--workspace", str(workspace.root), "status"),
                                       lambda: _run(sys.executable, str(bare), "--help"), repeat=RUNS, stat="median")
        _, startup = compared(lambda: None, lambda: _run(sys.executable, "-c", "pass"), repeat=RUNS, stat="median")
    return [report("help", help_, "s", "typer_help", typer_help), report("status", status, "s", "typer_help", typer_again),
            report("python_startup", startup, "s")]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
