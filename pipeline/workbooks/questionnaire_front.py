"""The questionnaire's first sheet: the round's facts, how to fill and return it, the maturity scale."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Framework
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.workbooks.cells import TITLE_FONT, WRAP
from pipeline.workbooks.questionnaire_meta import Identity
from pipeline.workbooks.sheets import fit_to_width, put_text


@dataclass(frozen=True)
class Cover:
    """The round facts the instructions sheet shows."""

    topic: str
    country: str
    institution: str
    deadline: dt.date | None
    contact: str


def write_instructions(sheet: Worksheet, framework: Framework, identity: Identity, cover: Cover) -> None:
    """Fills ``sheet`` with the instructions, in the questionnaire's language, and protects it."""
    lang = identity.language
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 95
    put_text(sheet["A1"], translate(m.Q_TITLE, lang, topic=cover.topic))
    sheet["A1"].font = TITLE_FONT
    facts = [
        (m.Q_ROUND, identity.round_id),
        (m.Q_COUNTRY, cover.country),
        (m.Q_INSTITUTION, cover.institution),
        (m.Q_DEADLINE, format_date(cover.deadline, lang) if cover.deadline else "—"),
        (m.Q_CONTACT, cover.contact),
        (m.Q_FRAMEWORK, framework.display_name(lang)),
    ]
    row = 3
    for label, value in facts:
        put_text(sheet.cell(row, 1), translate(label, lang))
        sheet.cell(row, 1).font = Font(bold=True)
        put_text(sheet.cell(row, 2), value)
        row += 1
    row += 1
    for message in (m.Q_PURPOSE, m.Q_HOW_TO_FILL, m.Q_HOW_TO_RETURN, m.Q_EVIDENCE_RULE):
        _paragraph(sheet, row, translate(message, lang))
        row += 1
    row += 1
    put_text(sheet.cell(row, 1), translate(m.Q_SCALE_TITLE, lang))
    sheet.cell(row, 1).font = Font(bold=True, color="1F4E79")
    row += 1
    for message in m.Q_SCALE.values():
        _paragraph(sheet, row, translate(message, lang))
        row += 1
    if framework.note:
        row += 1
        _paragraph(sheet, row, framework.note_in(lang))
        sheet.cell(row, 1).font = Font(italic=True, color="7F7F7F")
    sheet.protection.sheet = True
    sheet.sheet_view.showGridLines = False
    fit_to_width(sheet)


def _paragraph(sheet: Worksheet, row: int, text: str) -> None:
    """One paragraph across both columns, tall enough for its text."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    cell = sheet.cell(row, 1)
    put_text(cell, text)
    cell.alignment = WRAP
    sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(text) / 115))
