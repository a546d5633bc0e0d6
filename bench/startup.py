"""How fast the CLI answers: ``mecigep --help`` against a bare ``python -c pass``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.common import Figure, compared, report

MECIGEP = Path(sys.executable).with_name("mecigep")


def _run(*command: str) -> None:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def run() -> list[Figure]:
    help_, startup = compared(lambda: _run(str(MECIGEP), "--help"), lambda: _run(sys.executable, "-c", "pass"))
    return [report("help", help_, "s", "python_startup", startup)]
