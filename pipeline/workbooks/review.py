"""The review workbook: the panel answers a report draft's tracked changes and comments in it, line by line.

The one place that knows its shape. One sheet, in the round's language, with a line per change or
comment (number, kind, who, when, where, what) and two columns left open for the panel (its answer and
a decision chosen from a dropdown); a hidden lists sheet holds the decisions. ``documents/review.py``
finds the changes and comments and puts them in words.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.domain.review import ReviewLine
from pipeline.i18n.messages.review import (
    REVIEW_ACCEPTED,
    REVIEW_DISCUSSED,
    REVIEW_HEADER_ANSWER,
    REVIEW_HEADER_DECISION,
    REVIEW_HEADER_KIND,
    REVIEW_HEADER_NUMBER,
    REVIEW_HEADER_WHAT,
    REVIEW_HEADER_WHEN,
    REVIEW_HEADER_WHERE,
    REVIEW_HEADER_WHO,
    REVIEW_REJECTED,
    REVIEW_SHEET,
)
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import BOX, UNLOCKED, WRAP, style_header
from pipeline.workbooks.fit import fit_rows
from pipeline.workbooks.sheets import fit_to_width, put_text, save_atomically

LISTS_SHEET = "_lists"
HEADERS = (REVIEW_HEADER_NUMBER, REVIEW_HEADER_KIND, REVIEW_HEADER_WHO, REVIEW_HEADER_WHEN, REVIEW_HEADER_WHERE,
           REVIEW_HEADER_WHAT, REVIEW_HEADER_ANSWER, REVIEW_HEADER_DECISION)
DECISIONS = (REVIEW_ACCEPTED, REVIEW_REJECTED, REVIEW_DISCUSSED)
WIDTHS = dict(zip("ABCDEFGH", (6, 16, 20, 18, 30, 60, 50, 14)))


def write_review_lines(target: Path, lines: Sequence[ReviewLine], lang: str) -> Path:
    """Writes the review workbook, one numbered line per item of ``lines`` in order, to ``target``
    atomically; returns ``target``."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = translate(REVIEW_SHEET, lang)[:31]
    for col, header in enumerate(HEADERS, start=1):
        put_text(sheet.cell(1, col), translate(header, lang))
    style_header(sheet[1])
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for row, decision in enumerate(DECISIONS, start=1):
        put_text(lists.cell(row, 1), translate(decision, lang))
    choose = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!$A$1:$A${len(DECISIONS)}", allow_blank=True)
    choose.showErrorMessage = True
    sheet.add_data_validation(choose)
    for row, line in enumerate(lines, start=2):
        sheet.cell(row, 1).value = row - 1
        for col, value in enumerate((line.kind, line.who, line.when, line.where, line.what), start=2):
            put_text(sheet.cell(row, col), value)
        for col in range(1, len(HEADERS) + 1):
            cell = sheet.cell(row, col)
            cell.alignment, cell.border = WRAP, BOX
        for col in (7, 8):  # the panel's answer and decision
            sheet.cell(row, col).protection = UNLOCKED
        choose.add(sheet.cell(row, 8))
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    fit_rows(sheet)  # every row as tall as its text (workbooks/fit.py)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:H{max(2, len(lines) + 1)}"
    sheet.protection.sheet = True
    for allowed in ("formatColumns", "formatRows", "autoFilter", "sort"):
        setattr(sheet.protection, allowed, False)
    fit_to_width(sheet, landscape=True)
    return save_atomically(wb, target)
