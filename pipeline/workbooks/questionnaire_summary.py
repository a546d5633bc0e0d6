"""The questionnaire's sheets that report rather than ask: the progress summary and, in a feedback
copy, the list of everything to correct."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from openpyxl import Workbook
from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Framework, pick
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.workbooks.cells import (
    BOLD_FONT,
    BOX,
    FONT,
    HEADER_FILL,
    HEADER_FONT,
    LABEL_FONT,
    LINK_FONT,
    TITLE_FONT,
    WRAP,
    define_name,
    style_header,
)
from pipeline.workbooks.fit import fit_rows
from pipeline.workbooks.formulas import text_literal
from pipeline.workbooks.sheets import fit_to_width, put_text


def write_summary(sheet: Worksheet, framework: Framework, lang: str, status: dict[str, str], status_names: list[str]) -> None:
    """One row per dimension (and a total, named ``progress_total``) counting the statuses behind each
    name of ``status_names``; ``status`` holds the status texts by key."""
    headers = (m.Q_HEADER_DIMENSION, m.Q_HEADER_APPLICABLE, m.Q_HEADER_ANSWERED, m.Q_HEADER_PENDING, m.Q_HEADER_PROGRESS)
    put_text(sheet["A1"], translate(m.Q_SHEET_SUMMARY, lang))
    sheet["A1"].font = TITLE_FONT
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(3, col)
        put_text(cell, translate(header, lang))
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.column_dimensions["A"].width = 55
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 16
    s = {k: text_literal(v) for k, v in status.items()}
    row = 4
    for dimension, names in zip(framework.dimensions, status_names):
        put_text(sheet.cell(row, 1), pick(dimension.label, lang))
        done = f"COUNTIF({names},{s['answered']})"
        todo = f"COUNTIF({names},{s['pending']})+COUNTIF({names},{s['check']})+COUNTIF({names},{s['evidence']})"
        sheet.cell(row, 2).value = f"={done}+{todo}"
        sheet.cell(row, 3).value = f"={done}"
        sheet.cell(row, 4).value = f"={todo}"
        sheet.cell(row, 5).value = f'=IF(B{row}=0,1,C{row}/B{row})'
        row += 1
    last = row - 1
    put_text(sheet.cell(row, 1), translate(m.Q_TOTAL, lang))
    for letter in "BCD":
        sheet[f"{letter}{row}"] = f"=SUM({letter}4:{letter}{last})"
    sheet[f"E{row}"] = f"=IF(B{row}=0,1,C{row}/B{row})"
    for r in range(4, row + 1):
        sheet[f"E{r}"].number_format = "0%"
        for letter in "ABCDE":
            sheet[f"{letter}{r}"].border = BOX
    for letter in "ABCDE":
        sheet[f"{letter}{row}"].font = BOLD_FONT
    define_name(sheet.parent, "progress_total", sheet, f"$E${row}")
    sheet.conditional_formatting.add(f"E4:E{last}", DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1, color="5B9BD5"))
    for r in range(4, row + 1):
        sheet[f"A{r}"].alignment = WRAP
    fit_rows(sheet)
    sheet.protection.sheet = True
    fit_to_width(sheet)


@dataclass(frozen=True)
class Returned:
    """What the "to correct" sheet of a feedback copy says it is: the questionnaire's title, its round and
    institution, and the day it was returned."""

    title: str
    round_id: str
    institution: str
    date: dt.date


def write_problems(wb: Workbook, lang: str, returned: Returned, problems: Iterable[tuple[str, str, str]]) -> None:
    """Adds the "to correct" sheet, first in ``wb``: a title, the round, institution and date, what the copy is,
    then one row per (sheet, cell, sentence) of ``problems`` (sheet and cell empty for a problem that belongs to no
    cell), its cell a link to it."""
    problems = list(problems)
    sheet = wb.create_sheet(translate(m.Q_SHEET_PROBLEMS, lang), 0)
    sheet.sheet_properties.tabColor = "C00000"
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 100
    put_text(sheet["A1"], translate(m.Q_PROBLEMS_TITLE, lang))
    sheet["A1"].font = TITLE_FONT
    put_text(sheet["A2"], returned.title)
    sheet["A2"].font = LABEL_FONT
    facts = ((m.Q_ROUND, returned.round_id), (m.Q_INSTITUTION, returned.institution),
             (m.Q_PROBLEMS_DATE, format_date(returned.date, lang)))
    for row, (label, value) in enumerate(facts, start=4):
        put_text(sheet.cell(row, 1), translate(label, lang))
        sheet.cell(row, 1).font = BOLD_FONT
        put_text(sheet.cell(row, 2), value)
    for row, text in ((8, translate(m.Q_RETURNED, lang, count=len(problems))), (9, translate(m.Q_PROBLEMS_HOW, lang))):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        put_text(sheet.cell(row, 1), text)
        sheet.cell(row, 1).alignment = WRAP
    sheet.cell(8, 1).font = Font(name=FONT, bold=True, color="C00000")
    header = 11
    for col, text in enumerate((m.WHERE_SHEET, m.WHERE_CELL, m.Q_HEADER_FIX), start=1):
        put_text(sheet.cell(header, col), translate(text, lang, sheet="", cell="").strip().capitalize())
    style_header(sheet[header][:3])
    for row, (where_sheet, where_cell, sentence) in enumerate(problems, start=header + 1):
        for col, value in enumerate((where_sheet, where_cell, sentence), start=1):
            put_text(sheet.cell(row, col), value)
            sheet.cell(row, col).alignment = WRAP
            sheet.cell(row, col).border = BOX
        if where_sheet and where_cell:
            link = sheet.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{where_sheet.replace(chr(39), chr(39) * 2)}'!{where_cell}")
            link.font = LINK_FONT
    fit_rows(sheet)
    sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.protection.sheet = True
    fit_to_width(sheet, landscape=True)
