"""The consolidated workbook of a round (``consolidado.xlsx``): the one place that knows its layout.

``pipeline.consolidation`` decides the sheets, tables, values and labels; this module puts each table
on its sheet as a real Excel table (filters, banded rows, frozen header), sizes columns and rows so
that the sheets print readably, shades the values DGPE corrected (with a comment saying what was
corrected) and draws native bar charts from the score tables. Every string is written as text, never
as a formula, whatever it starts with.
"""
from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.analysis.consolidation import Chart, Consolidated, Sheet, Table
from pipeline.workbooks.cells import FONT, WRAP, style_header
from pipeline.workbooks.fit import fit_rows, header_width, width_for
from pipeline.workbooks.sheets import fit_to_width, put_value, save_atomically

WIDTHS = {"code": 11, "short": 17, "name": 28, "text": 34, "long": 52, "score": 11, "percent": 11, "level": 11, "change": 11}
FORMATS = {"score": "0.00", "percent": "0.0%", "change": "+0.00;-0.00;0.00"}
NUMERIC = {"score", "percent", "level", "change"}
STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
MUTED = Font(name=FONT, italic=True, color="7F7F7F")
CORRECTED = PatternFill("solid", fgColor="DDEBF7")  # a value DGPE corrected: pale blue, with a comment saying so
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
HEADING = Font(name=FONT, bold=True, size=12, color="1F4E79")
TITLE = Font(name=FONT, bold=True, size=14, color="1F4E79")
# A chart's series: one colour per institution, and the round's mean in near-black, unlike any of them.
PALETTE = ("4472C4", "ED7D31", "70AD47", "FFC000", "7030A0", "5B9BD5", "9E480E", "43682B", "C00000", "B4A7D6")
MEAN_COLOUR = "262626"
WIDEST = 40
TOP = 4  # the first row after the workbook's title, the sheet's heading and a blank row


def _unique(headers: list[str]) -> list[str]:
    """Excel wants a table's headers distinct (ignoring case) and not empty."""
    seen: set[str] = set()
    result = []
    for n, header in enumerate(headers, start=1):
        text, k = header.strip() or f"({n})", 2
        while text.lower() in seen:
            text, k = f"{header} ({k})", k + 1
        seen.add(text.lower())
        result.append(text)
    return result


class _Writer:
    def __init__(self, view: Consolidated) -> None:
        self.view = view
        self.wb = Workbook()
        self.placed: dict[str, tuple[Worksheet, int, int]] = {}  # table name -> (sheet, header row, last row)

    def write(self) -> Workbook:
        for n, sheet in enumerate(self.view.sheets):
            ws = self.wb.active if n == 0 else self.wb.create_sheet()
            ws.title = sheet.title[:31]
            self.sheet(ws, sheet)
        self.charts(self.wb.create_sheet(self.view.charts_title[:31]))
        self.wb.properties.title = self.view.title
        self.wb.properties.subject = self.view.subject
        self.wb.properties.creator = "MECIGEP"
        self.wb.active = 0
        return self.wb

    def sheet(self, ws: Worksheet, sheet: Sheet) -> None:
        """The workbook's title and the sheet's heading, its lines of text, then its tables, each header as wide as
        its longest word and every row as tall as its text."""
        count = max(len(t.columns) for t in sheet.tables)
        widths = [max((WIDTHS[t.columns[c].kind] for t in sheet.tables if c < len(t.columns)), default=12) for c in range(count)]
        for t in sheet.tables:  # no word cut: a column is as wide as its longest word, up to WIDEST
            for c, header in enumerate(_unique([col.header for col in t.columns])):
                words = [header_width(header)]
                words += [width_for(w) for row in t.rows if c < len(row) and isinstance(row[c], str) for w in row[c].split()]
                widths[c] = max(widths[c], min(WIDEST, max(words, default=0)))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width
        put_value(ws.cell(1, 1), self.view.title)
        ws.cell(1, 1).font = TITLE
        put_value(ws.cell(2, 1), sheet.title)
        ws.cell(2, 1).font = HEADING
        row = TOP
        for text in sheet.intro:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=count)
            put_value(ws.cell(row, 1), text)
            ws.cell(row, 1).alignment = WRAP
            row += 1
        if sheet.intro:
            row += 1
        for table in sheet.tables:
            if table.title:
                put_value(ws.cell(row, 1), table.title)
                ws.cell(row, 1).font = HEADING
                row += 1
            if len(sheet.tables) == 1:  # its header repeats on every printed page and stays in view
                ws.print_title_rows = f"{row}:{row}"
                ws.freeze_panes = f"A{row + 1}"
            row = self.table(ws, table, row) + 2
        fit_rows(ws)
        fit_to_width(ws, landscape=sum(widths) > 110)

    def table(self, ws: Worksheet, table: Table, top: int) -> int:
        """Writes ``table`` with its header at row ``top``; returns its last row."""
        headers = _unique([c.header for c in table.columns])
        for c, header in enumerate(headers, start=1):
            put_value(ws.cell(top, c), header)
        style_header(ws.cell(top, c) for c in range(1, len(headers) + 1))
        for c in range(1, len(headers) + 1):
            ws.cell(top, c).font = HEADER_FONT
        for n, values in enumerate(table.rows):
            row = top + 1 + n
            for c, (column, value) in enumerate(zip(table.columns, values), start=1):
                cell = ws.cell(row, c)
                put_value(cell, value)
                cell.alignment = Alignment(vertical="top", wrap_text=column.kind not in NUMERIC,
                                           horizontal="center" if column.kind == "level" else "left" if column.kind == "text" else None)
                if column.kind in FORMATS:
                    cell.number_format = FORMATS[column.kind]
                if (n, c - 1) in table.formats and isinstance(value, (int, float)):
                    cell.number_format = table.formats[(n, c - 1)]
                if n in table.muted:
                    cell.font = MUTED
        for (n, c), why in table.marked.items():
            cell = ws.cell(top + 1 + n, c + 1)
            cell.fill = CORRECTED
            cell.comment = Comment(why, "DGPE", width=320, height=110)
        last = top + max(1, len(table.rows))  # Excel wants a data row, even an empty one
        ref = f"A{top}:{get_column_letter(len(headers))}{last}"
        excel_table = ExcelTable(displayName=table.name, ref=ref, tableStyleInfo=STYLE)
        ws.add_table(excel_table)
        self.placed[table.name] = (ws, top, last)
        return last

    def charts(self, ws: Worksheet) -> None:
        ws.merge_cells("A1:P1")  # the title across the charts' width
        put_value(ws["A1"], self.view.title)
        ws["A1"].font = TITLE
        anchor = 3
        for n, spec in enumerate(self.view.charts):
            chart = self.chart(spec)
            if n:
                ws.row_breaks.append(Break(id=anchor - 1))  # one chart per printed page
            ws.add_chart(chart, f"A{anchor}")
            anchor += math.ceil(chart.height / 0.53) + 2  # a 15-point row is about 0.53 cm
        fit_rows(ws, [1])
        fit_to_width(ws, landscape=True)

    def chart(self, spec: Chart) -> BarChart:
        source, header, last = self.placed[spec.table]
        chart = BarChart()
        chart.type = "bar" if spec.horizontal else "col"
        chart.grouping = "clustered"
        chart.title = spec.title
        chart.y_axis.title = spec.y_title
        chart.x_axis.title = spec.x_title
        for n, column in enumerate(spec.series):
            chart.add_data(Reference(source, min_col=column + 1, min_row=header, max_row=last), titles_from_data=True)
            colour = MEAN_COLOUR if column == spec.mean else PALETTE[n % len(PALETTE)]
            chart.series[-1].graphicalProperties.solidFill = colour
            chart.series[-1].graphicalProperties.line.solidFill = colour
        chart.set_categories(Reference(source, min_col=spec.categories + 1, min_row=header + 1, max_row=last))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max, chart.y_axis.majorUnit = 0, 4, 1
        chart.y_axis.number_format = "0"
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl hides both axes unless told
        chart.legend.position = "b"
        chart.width = 26
        chart.height = 13
        if spec.horizontal:  # the first row on top, the value axis still at the bottom
            chart.x_axis.scaling.orientation = "maxMin"
            chart.y_axis.crosses = "max"
            chart.height = max(10.0, min(15.0, 4 + (last - header) * (0.3 + 0.25 * len(spec.series))))  # a landscape A4 page
        return chart


def write_consolidated(path: Path, view: Consolidated) -> Path:
    """Writes the consolidated workbook to ``path`` atomically (a temporary file renamed); returns ``path``."""
    return save_atomically(_Writer(view).write(), path)
