"""Typing answers into a questionnaire's named cells, as an official would (examples and tests)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from pipeline.workbooks.cells import named_cells


def fill(path: Path, answers: dict[str, Any], target: Path | None = None) -> Path:
    """Types ``answers`` (cell name -> value) into the workbook at ``path``; saves to ``target`` (default: in place)."""
    wb = openpyxl.load_workbook(path)
    for name, value in answers.items():
        cells = named_cells(wb, name)
        if not cells:
            raise KeyError(f"no cell named {name}")
        cells[0].value = value
    target = target or path
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target
