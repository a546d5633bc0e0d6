"""LibreOffice doing what a person does to a file, for the tests: see tests/lo_driver.py.

The driver runs under the system python, the one with the Python-UNO bridge (the venv has none).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from functools import lru_cache
from pathlib import Path

DRIVER = Path(__file__).with_name("lo_driver.py")
SYSTEM_PYTHON = "/usr/bin/python3"
timings: list[tuple[str, float]] = []  # (target file name, seconds) of every edit, for reports


class LibreOfficeError(RuntimeError):
    """The driver failed or LibreOffice refused an operation; the message holds the driver's stderr."""


@lru_cache(maxsize=None)
def available() -> bool:
    """soffice is installed and the system python can import uno."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not Path(SYSTEM_PYTHON).exists():
        return False
    try:
        return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def edit(source: Path, target: Path, operations: list[dict], timeout: float = 180, author: str | None = None) -> Path:
    """Opens ``source`` in LibreOffice, applies ``operations`` and saves ``target`` (.xlsx or .docx).

    ``author`` is the user name in the LibreOffice profile: it signs tracked changes."""
    commands = {"source": str(Path(source).resolve()), "target": str(Path(target).resolve()),
                "operations": operations, "author": author, "timeout": max(timeout - 15, 30)}
    with tempfile.TemporaryDirectory(prefix="lo_edit_") as tmp:
        path = Path(tmp) / "commands.json"
        path.write_text(json.dumps(commands, ensure_ascii=False), encoding="utf-8")
        started = time.monotonic()
        try:
            done = subprocess.run([SYSTEM_PYTHON, str(DRIVER), str(path)], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise LibreOfficeError(f"the LibreOffice driver did not finish in {timeout} s: {e.stderr or ''}") from None
        timings.append((Path(target).name, time.monotonic() - started))
    if done.returncode != 0:
        raise LibreOfficeError(f"LibreOffice edit of {Path(source).name} failed ({done.returncode}):\n{done.stderr.strip()}")
    if not Path(target).exists():
        raise LibreOfficeError(f"LibreOffice reported success but {target} is missing:\n{done.stderr.strip()}")
    return Path(target)
