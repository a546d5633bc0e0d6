"""Small pieces every workbook writer shares: writing text safely, printing one page wide, status colours,
saving atomically."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.ledger.files import atomic_write

EXCEL_CELL_LIMIT = 32_767
# The colours an official reads, one meaning each (the instructions name them: m.Q_HOW_TO_FILL): where to answer
# is yellow (bright while required and empty), answered green, to check orange, not applicable grey, and in a
# feedback copy what to correct red.
GREY = PatternFill("solid", fgColor="E7E6E6")
PENDING = PatternFill("solid", fgColor="FFE699")
CHECK = PatternFill("solid", fgColor="F4B183")
DONE = PatternFill("solid", fgColor="C6E0B4")
PROBLEM = PatternFill("solid", fgColor="FF7C80")


def fit_to_width(sheet: Worksheet, landscape: bool = False) -> None:
    """Prints the sheet one page wide, as many pages long as it needs."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def cut(text: str) -> str:
    """``text`` as a cell can hold it: whole when it fits Excel's 32,767 characters, else its beginning and a
    mark saying how many characters were left out (`` […+7233]``), 32,767 characters in all."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    for width in range(6, 16):  # the mark counts the characters it leaves out, so its own length is part of it
        kept = EXCEL_CELL_LIMIT - width
        mark = f" […+{len(text) - kept}]"
        if len(mark) == width:
            break
    return text[:kept] + mark


def put_text(cell: Cell, text: str) -> None:
    """Writes ``text`` as text, never as a formula; past Excel's cell limit, its first characters and a mark
    where it was cut (see ``cut``: the full text stays where it came from, the ledger)."""
    cell.value = cut(text)
    cell.data_type = "s"


def put_value(cell: Cell, value: object) -> None:
    """Writes any value: text as text (characters a workbook cannot hold shown as �), dates as dates."""
    if isinstance(value, str):
        put_text(cell, ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    else:
        cell.value = value


def wrapped_lines(value: object, width: float, characters: float = 1.2) -> int:
    """How many lines ``value`` takes when wrapped at word boundaries in a column ``width`` units wide
    (``characters`` of average text per unit of width)."""
    if not isinstance(value, str):
        return 1
    return sum(max(1, len(textwrap.wrap(line, max(4, int(width * characters))))) for line in value.split("\n"))


def save_atomically(wb: Workbook, path: Path) -> Path:
    """Saves ``wb`` to ``path`` atomically (``ledger/files.atomic_write``); returns ``path``."""
    return atomic_write(path, wb.save)
