"""Filling a questionnaire the way an official does: choosing labels, typing numbers and text."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from pipeline.demo.filling import fill  # noqa: F401  (the tests' way in)
from pipeline.workbooks.cells import named_cells


def values(path: Path, *names: str) -> dict[str, Any]:
    """The computed values of named cells (as last saved by a spreadsheet application)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {name: named_cells(wb, name)[0].value for name in names}
