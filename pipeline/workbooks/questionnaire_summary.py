"""The questionnaire's sheets that report rather than ask: the progress summary and, in a feedback
copy, the list of everything to correct."""
from __future__ import annotations

import math
from typing import Iterable

from openpyxl import Workbook
from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Framework, pick
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import BOX, HEADER_FILL, HEADER_FONT, TITLE_FONT, WRAP, define_name
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
        sheet[f"{letter}{row}"].font = Font(bold=True)
    define_name(sheet.parent, "progress_total", sheet, f"$E${row}")
    sheet.conditional_formatting.add(f"E4:E{last}", DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1, color="5B9BD5"))
    sheet.row_dimensions[3].height = 32
    sheet.protection.sheet = True
    fit_to_width(sheet)


def write_problems(wb: Workbook, lang: str, problems: Iterable[tuple[str, str, str]]) -> None:
    """Adds the "to correct" sheet, second in ``wb``: one row per (sheet, cell, sentence) of ``problems``
    (sheet and cell empty for a problem that belongs to no cell)."""
    sheet = wb.create_sheet(translate(m.Q_SHEET_PROBLEMS, lang), 1)
    sheet.sheet_properties.tabColor = "C00000"
    for col, header in enumerate((m.WHERE_SHEET, m.WHERE_CELL, m.Q_HEADER_FIX), start=1):
        cell = sheet.cell(1, col)
        put_text(cell, translate(header, lang, sheet="", cell="").strip().capitalize())
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for row, (where_sheet, where_cell, sentence) in enumerate(problems, start=2):
        for col, value in enumerate((where_sheet, where_cell, sentence), start=1):
            put_text(sheet.cell(row, col), value)
            sheet.cell(row, col).alignment = WRAP
        sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(sentence) / 110), math.ceil(len(where_sheet) / 32))
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 100
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    fit_to_width(sheet, landscape=True)
