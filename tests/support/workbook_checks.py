"""What a person sees of a workbook's cells, for the tests: whether a cell is shown as one to correct."""
from __future__ import annotations

from openpyxl.cell.cell import Cell

from pipeline.workbooks.sheets import PROBLEM

RED = PROBLEM.fgColor.rgb[-6:]


def _red(rule) -> bool:  # noqa: ANN001 - an openpyxl Rule
    fill = rule.dxf.fill if rule.dxf is not None else None
    return fill is not None and any(isinstance(c.rgb, str) and c.rgb.endswith(RED) for c in (fill.fgColor, fill.bgColor) if c)


def highlighted(cell: Cell) -> bool:
    """Whether ``cell`` is red as a cell to correct: by a conditional format that comes before every other colour of
    its sheet (so that no status colour hides it), or, on a sheet without any, by its own fill."""
    rules = [(cf, rule) for cf in cell.parent.conditional_formatting for rule in cf.rules]
    others = min((rule.priority for _, rule in rules if not _red(rule)), default=None)
    for cf, rule in rules:
        if cell.coordinate in cf.sqref and _red(rule) and rule.stopIfTrue and (others is None or rule.priority < others):
            return True
    return not rules and str(cell.fill.fgColor.rgb).endswith(RED)
