"""Filling a questionnaire the way an official does: choosing labels, typing numbers and text."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from pipeline.workbooks.cells import named_cells


def fill(path: Path, answers: dict[str, Any], target: Path | None = None) -> Path:
    """Types ``answers`` (cell name -> value) into the named cells of the workbook at ``path``."""
    wb = openpyxl.load_workbook(path)
    for name, value in answers.items():
        cells = named_cells(wb, name)
        assert cells, f"no cell named {name}"
        cells[0].value = value
    target = target or path
    wb.save(target)
    return target


def values(path: Path, *names: str) -> dict[str, Any]:
    """The computed values of named cells (as last saved by a spreadsheet application)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {name: named_cells(wb, name)[0].value for name in names}
