"""How much text a cell holds, measured with the font's own metrics: the width of a text in Calibri (Carlito in
LibreOffice, the same widths), the lines it takes wrapped at a column's width, and the height a row needs so that no
wrapped text is cut, on screen or printed.

Excel's column width is counted in digits of the default font: a Calibri 11 digit is 7 pixels, and a cell keeps 5
pixels of its width for its margins and grid line. LibreOffice draws the same width a little wider. Text wraps at
spaces; we wrap at spaces only, on 92 % of the width (glyphs are rounded to whole pixels on screen), so that the
lines counted here are never fewer than Excel's or LibreOffice's. A line of Calibri 11 is 15 points high, and a row
can be at most 409 points. Every writer sizes its rows with ``fit_rows``; the tests check every emitted workbook
with ``cut_cells``, the same measure.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.workbooks.font_metrics import BOLD, EM, REGULAR

DIGIT_PIXELS = 7
MARGIN_PIXELS = 5
SLACK = 0.92
MAX_HEIGHT = 409.0
DEFAULT_WIDTH = 8.43  # a column openpyxl leaves unsized
PADDING = 2.0  # points above and below the lines of a row
LONGEST_WORD = 25  # characters of the longest word that must not break
BUTTON = 16 / DIGIT_PIXELS  # a table header's filter button takes 16 pixels of its cell


def text_points(text: str, size: float = 11, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points."""
    table = BOLD if bold else REGULAR
    return sum(table.get(ch, EM) for ch in text) * size / EM


def usable_points(width: float) -> float:
    """The width, in points, text may take in a column ``width`` units wide."""
    return max(1.0, (width * DIGIT_PIXELS - MARGIN_PIXELS) * 0.75 * SLACK)


def width_for(text: str, size: float = 11, bold: bool = False) -> float:
    """The least column width that shows ``text`` on one line."""
    return math.ceil((text_points(text, size, bold) / 0.75 / SLACK + MARGIN_PIXELS) / DIGIT_PIXELS) + 1


def header_width(text: str) -> float:
    """The least width of a table's header column that breaks ``text`` only between words, beside its filter button."""
    return max((width_for(word, bold=True) for word in text.split()), default=0) + BUTTON


def line_points(size: float = 11) -> float:
    """The height of one line of text of ``size`` points."""
    return math.ceil(size * 15 / 11)


def wrap(text: str, width: float, size: float = 11, bold: bool = False) -> list[str]:
    """``text`` in the lines it takes in a column ``width`` units wide (a word longer than the column is cut
    where the line is full, as Excel does). Widths are added up as the line grows, so a 40,000-character word
    costs one pass."""
    room, lines = usable_points(width), []
    table, scale = (BOLD if bold else REGULAR), size / EM
    space = table.get(" ", EM) * scale
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            wide = sum(table.get(ch, EM) for ch in word) * scale
            extra = space + wide if line else wide
            if used + extra <= room:
                line, used = (f"{line} {word}" if line else word), used + extra
                continue
            if line:
                lines.append(line)
            line, used = word, wide
            while len(line) > 1 and used > room:  # a word wider than the column
                taken, cut = 0.0, 0
                for ch in line:
                    glyph = table.get(ch, EM) * scale
                    if cut and taken + glyph > room:
                        break
                    taken, cut = taken + glyph, cut + 1
                lines.append(line[:cut])
                line, used = line[cut:], used - taken
        lines.append(line)
    return lines


def height_of(text: str, width: float, size: float = 11, bold: bool = False) -> float:
    """The points a row needs to show ``text`` wrapped in a column ``width`` units wide."""
    return len(wrap(text, width, size, bold)) * line_points(size) + PADDING


def column_width(sheet: Worksheet, column: int) -> float:
    found = sheet.column_dimensions[get_column_letter(column)].width if get_column_letter(column) in sheet.column_dimensions else None
    return float(found) if found else DEFAULT_WIDTH


@dataclass(frozen=True)
class Shown:
    """A cell as it is drawn: its text, the width it has (its merged range's), its font, and whether it wraps."""

    cell: Cell
    text: str
    width: float
    size: float
    bold: bool
    wraps: bool
    rows: int  # rows its merged range spans (1 when not merged)


def shown(sheet: Worksheet, cell: Cell, merged: dict[str, tuple[int, int, int]] | None = None) -> Shown | None:
    """What ``cell`` shows, when it shows text (None for empty, formula and covered cells); a table's header cell
    has the width its filter button leaves."""
    if isinstance(cell, MergedCell) or cell.value is None:
        return None
    value = cell.value
    if isinstance(value, CellRichText):
        text = str(value)
    elif isinstance(value, str):
        if cell.data_type == "f" or value.startswith("="):
            return None
        text = value
    else:
        return None
    merged = merged if merged is not None else merged_spans(sheet)
    last_column, last_row, button = merged.get(cell.coordinate, (cell.column, cell.row, 0))
    width = sum(column_width(sheet, c) for c in range(cell.column, last_column + 1)) - button * BUTTON
    font = cell.font
    return Shown(cell, text, width, float(font.sz or 11), bool(font.b), bool(cell.alignment.wrap_text), last_row - cell.row + 1)


def merged_spans(sheet: Worksheet) -> dict[str, tuple[int, int, int]]:
    """Each merged range's first cell → (last column, last row, 0), and each table header cell → (its column, its
    row, 1: it has a filter button)."""
    spans = {f"{get_column_letter(r.min_col)}{r.min_row}": (r.max_col, r.max_row, 0) for r in sheet.merged_cells.ranges}
    for table in sheet.tables.values():
        first, last = table.ref.split(":")
        header = sheet[f"{first}:{''.join(ch for ch in last if ch.isalpha())}{''.join(ch for ch in first if ch.isdigit())}"]
        for cell in header[0] if isinstance(header[0], tuple) else header:
            spans[cell.coordinate] = (cell.column, cell.row, 1)
    return spans


def needed(sheet: Worksheet, row: int, merged: dict[str, tuple[int, int, int]] | None = None) -> float:
    """The height row ``row`` needs for every wrapped text that starts on it (one line when none)."""
    merged = merged if merged is not None else merged_spans(sheet)
    heights = [line_points(11) + PADDING]
    for cell in sheet[row]:
        found = shown(sheet, cell, merged)
        if found is not None and found.wraps and found.rows == 1:
            heights.append(height_of(found.text, found.width, found.size, found.bold))
        elif found is not None and found.rows == 1:
            heights.append(line_points(found.size) + PADDING)
    return min(MAX_HEIGHT, max(heights))


def fit_rows(sheet: Worksheet, rows: Iterable[int] | None = None, minimum: float = 0) -> None:
    """Sets the height of ``rows`` (default: every row written) to what their wrapped texts need, and at least
    ``minimum`` points."""
    merged = merged_spans(sheet)
    for row in rows if rows is not None else range(1, sheet.max_row + 1):
        sheet.row_dimensions[row].height = max(minimum, needed(sheet, row, merged))


def row_height(sheet: Worksheet, row: int) -> float:
    """The height of ``row`` as the workbook says, 15 points when it says none."""
    found = sheet.row_dimensions[row].height if row in sheet.row_dimensions else None
    return float(found) if found else 15.0


def cut_cells(sheet: Worksheet) -> list[str]:
    """Every text of ``sheet`` that would not show whole: a wrapped text taller than its row (or rows, when merged),
    a word wider than its column, a text that does not wrap and is wider than its cell and the empty cells beside
    it. Each as 'sheet!cell: why'."""
    merged, problems = merged_spans(sheet), []
    for cells in sheet.iter_rows():
        for cell in cells:
            found = shown(sheet, cell, merged)
            if found is None or not found.text.strip():
                continue
            where = f"{sheet.title}!{cell.coordinate}"
            if found.wraps:
                height = sum(row_height(sheet, r) for r in range(cell.row, cell.row + found.rows))
                lines = wrap(found.text, found.width, found.size, found.bold)
                if len(lines) * line_points(found.size) > height + PADDING and height < MAX_HEIGHT * found.rows:
                    problems.append(f"{where}: {len(lines)} lines in {height:g} points")
                room = usable_points(found.width) / SLACK
                wide = [w for w in found.text.split()  # a longer string (a link, a code pasted) may only break anywhere
                        if len(w) <= LONGEST_WORD and text_points(w, found.size, found.bold) > room]
                if wide:
                    problems.append(f"{where}: {wide[0]!r} is wider than its column")
            else:
                room = found.width
                column = cell.column + 1
                while column <= sheet.max_column and sheet.cell(cell.row, column).value in (None, "") and \
                        not isinstance(sheet.cell(cell.row, column), MergedCell):
                    room += column_width(sheet, column)
                    column += 1
                if text_points(found.text, found.size, found.bold) > usable_points(room) / SLACK:
                    problems.append(f"{where}: one line wider than its cell")
    return problems
