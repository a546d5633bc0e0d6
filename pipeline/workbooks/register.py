"""The cooperation register workbook (``registro-cooperacion.xlsx``).

``analysis/register.py`` decides the rows, labels and counts; this module lays them out: the register as one
filterable Excel table (frozen header, banded rows, the final report as a link), the summary sheet with its count
tables, each beside a native bar chart. Every string is written as text, never as a formula, whatever it starts
with; the file is saved under a temporary name and renamed.
"""
from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.analysis.register import RegisterView, Summary
from pipeline.workbooks.cells import FONT, LINK_FONT, TITLE_FONT, WRAP, style_header
from pipeline.workbooks.fit import fit_rows, header_width, width_for
from pipeline.workbooks.sheets import fit_to_width, put_value, save_atomically

WIDTHS = {"code": 13, "name": 20, "short": 14, "text": 46, "date": 12, "link": 34}
WIDEST = 40  # a column widens to its longest word up to this; longer words are rare and wrap
STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
BOLD = Font(name=FONT, bold=True, color="1F4E79", size=12)
CHART_ROWS = 18  # rows a summary chart takes (7.5 cm at about 0.53 cm a row), plus a gap


def _widths(view: RegisterView) -> list[float]:
    """Each column's width: its kind's, or its longest word's (header or value), whichever is wider."""
    widths = []
    for c, kind in enumerate(view.kinds):
        words = [w for row in view.rows if isinstance(row[c], str) for w in row[c].split()]
        widest = max([header_width(view.headers[c])] + [width_for(w) for w in words])
        widths.append(max(WIDTHS[kind], min(WIDEST, widest)))
    return widths


def _register(ws: Worksheet, view: RegisterView) -> None:
    widths = _widths(view)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    put_value(ws["A1"], view.title)
    ws["A1"].font = TITLE_FONT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(widths))
    put_value(ws["A2"], view.intro)
    ws["A2"].alignment = WRAP
    top = 4
    for c, header in enumerate(view.headers, start=1):
        put_value(ws.cell(top, c), header)
    style_header(ws.cell(top, c) for c in range(1, len(view.headers) + 1))
    link_column = view.kinds.index("link") + 1
    for n, (values, link) in enumerate(zip(view.rows, view.links)):
        row = top + 1 + n
        for c, (kind, value) in enumerate(zip(view.kinds, values), start=1):
            cell = ws.cell(row, c)
            put_value(cell, value)
            cell.alignment = Alignment(vertical="top", wrap_text=kind != "date")
        if link:
            cell = ws.cell(row, link_column)
            cell.hyperlink = link
            cell.font = LINK_FONT
    last = top + max(1, len(view.rows))
    ws.add_table(Table(displayName="Register", ref=f"A{top}:{get_column_letter(len(view.headers))}{last}", tableStyleInfo=STYLE))
    fit_rows(ws)
    ws.freeze_panes = f"A{top + 1}"
    ws.print_title_rows = f"{top}:{top}"
    fit_to_width(ws, landscape=True)


def _summary(ws: Worksheet, view: RegisterView) -> None:
    ws.column_dimensions["A"].width = 34
    for c, letter in enumerate("BC", start=1):  # each as wide as the longest word of its headers
        ws.column_dimensions[letter].width = max([18.0] + [header_width(s.headers[c]) for s in view.summaries if c < len(s.headers)])
    put_value(ws["A1"], view.title)
    ws["A1"].font = TITLE_FONT
    ws.merge_cells("A2:L2")
    put_value(ws["A2"], view.summary_intro)
    ws["A2"].alignment = WRAP
    top = 4
    for summary in view.summaries:
        put_value(ws.cell(top, 1), summary.title)
        ws.cell(top, 1).font = BOLD
        header = top + 1
        for c, text in enumerate(summary.headers, start=1):
            put_value(ws.cell(header, c), text)
        style_header(ws.cell(header, c) for c in range(1, len(summary.headers) + 1))
        for n, values in enumerate(summary.rows, start=1):
            for c, value in enumerate(values, start=1):
                put_value(ws.cell(header + n, c), value)
                ws.cell(header + n, c).alignment = Alignment(vertical="top", wrap_text=c == 1)
        last = header + max(1, len(summary.rows))
        ref = f"A{header}:{get_column_letter(len(summary.headers))}{last}"
        ws.add_table(Table(displayName=f"By_{summary.key}", ref=ref, tableStyleInfo=STYLE))
        if summary.rows:
            ws.add_chart(_chart(ws, summary, header, last), f"E{top}")
        top = max(last + 3, top + CHART_ROWS)
    fit_rows(ws)
    fit_to_width(ws, landscape=True)


def _chart(ws: Worksheet, summary: Summary, header: int, last: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = summary.title
    for column in range(2, len(summary.headers) + 1):
        chart.add_data(Reference(ws, min_col=column, min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=last))
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorUnit = max(1, math.ceil(max((max(r[1:]) for r in summary.rows), default=1) / 8))
    chart.y_axis.number_format = "0"
    chart.x_axis.scaling.orientation = "maxMin"  # the first row on top
    chart.y_axis.crosses = "max"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl hides both axes unless told
    chart.legend.position = "b"
    if len(summary.headers) == 2:
        chart.legend = None
    chart.width, chart.height = 16, 7.5
    return chart


def write_register_workbook(path: Path, view: RegisterView) -> Path:
    """Writes the register and its summary to ``path`` atomically; returns ``path``."""
    workbook = Workbook()
    register = workbook.active
    register.title = view.sheet[:31]
    _register(register, view)
    _summary(workbook.create_sheet(view.summary_sheet[:31]), view)
    workbook.properties.title = view.title
    workbook.properties.creator = "MECIGEP"
    return save_atomically(workbook, path)
