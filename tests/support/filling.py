"""Filling a questionnaire the way an official does: choosing labels, typing numbers and text."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from pipeline.workbooks.cells import named_cells


def fill(path: Path, answers: dict[str, Any], target: Path | None = None) -> Path:
    """Types ``answers`` (cell name -> value) into the workbook at ``path``; saves to ``target`` (default: in place).

    ``q_year#2`` is the second row of the column ``q_year`` of a repeat's table."""
    wb = openpyxl.load_workbook(path)
    for key, value in answers.items():
        name, _, row = key.partition("#")
        cells = named_cells(wb, name)
        if not cells:
            raise KeyError(f"no cell named {name}")
        cells[int(row) - 1 if row else 0].value = value
    target = target or path
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def values(path: Path, *names: str) -> dict[str, Any]:
    """The computed values of named cells (as last saved by a spreadsheet application)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {name: named_cells(wb, name)[0].value for name in names}
