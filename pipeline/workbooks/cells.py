"""Small shared pieces for reading and writing workbooks: defined names, values, styles."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.raw import text_of

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FONT = "Calibri"  # named on every font: a font without a name is drawn in a serif face by LibreOffice
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")  # pale yellow: where to type (sheets.PENDING while required and empty)
TITLE_FONT = Font(name=FONT, bold=True, size=14, color="1F4E79")
BOLD_FONT = Font(name=FONT, bold=True)
PLAIN_FONT = Font(name=FONT)
LABEL_FONT = Font(name=FONT, bold=True, color="1F4E79")
NOTE_FONT = Font(name=FONT, italic=True, color="7F7F7F")
LINK_FONT = Font(name=FONT, color="0563C1", underline="single")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


def define_name(wb: Workbook, name: str, sheet: Worksheet, ref: str) -> None:
    """Names ``ref`` (e.g. 'C4' or 'A2:C20') of ``sheet`` as ``name`` at workbook scope."""
    quoted = sheet.title.replace("'", "''")
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{quoted}'!{_absolute(ref)}")


def _absolute(ref: str) -> str:
    def one(part: str) -> str:
        match = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", part)
        return f"${match.group(1)}${match.group(2)}" if match else part

    return ":".join(one(p) for p in ref.replace("$", "").split(":"))


def named_cells(wb: Workbook, name: str) -> list[Cell] | None:
    """The cells a defined name points to; None when the name is missing or its sheet is gone."""
    defined = wb.defined_names.get(name)
    if defined is None:
        return None
    cells: list[Cell] = []
    try:
        destinations = list(defined.destinations)
    except Exception:
        return None
    for title, ref in destinations:
        title = title.replace("''", "'")  # openpyxl keeps the doubled quote of a title like 'Notes d''entretien'
        if title not in wb.sheetnames:
            return None
        sheet = wb[title]
        found = sheet[ref.replace("$", "")]
        if isinstance(found, tuple):
            for row in found:
                cells.extend(row if isinstance(row, tuple) else (row,))
        else:
            cells.append(found)
    return cells


DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)


def date_of(value: Any, epoch: dt.datetime | None = None) -> dt.date | None:
    """A cell value as a date: a date cell, a serial number in the workbook's date system, or
    text as day/month/year or ISO. None when it is none of these (empty included)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            converted = from_excel(value, epoch) if epoch else from_excel(value)
        except (ValueError, OverflowError):
            return None
        return converted.date() if isinstance(converted, dt.datetime) else None
    text = text_of(value)
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def style_header(cells: Any) -> None:
    for cell in cells:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BOX


def style_input(cell: Cell) -> None:
    cell.fill = INPUT_FILL
    cell.border = BOX
    cell.protection = UNLOCKED
    cell.alignment = WRAP
