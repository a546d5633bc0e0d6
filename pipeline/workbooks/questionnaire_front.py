"""The questionnaire's first sheet: the round's facts, how to fill and return it, the maturity scale."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Framework
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.workbooks.cells import BOLD_FONT, FONT, LABEL_FONT, NOTE_FONT, TITLE_FONT, WRAP
from pipeline.workbooks.fit import fit_rows
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


def write_instructions(sheet: Worksheet, framework: Framework, identity: Identity, cover: Cover, to_fix: int = 0) -> None:
    """Fills ``sheet`` with the instructions, in the questionnaire's language, and protects it; a feedback copy
    (``to_fix`` things to correct) says first that it is the institution's questionnaire returned."""
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
        sheet.cell(row, 1).font = BOLD_FONT
        put_text(sheet.cell(row, 2), value)
        sheet.cell(row, 1).alignment = sheet.cell(row, 2).alignment = WRAP
        row += 1
    row += 1
    if to_fix:
        _paragraph(sheet, row, translate(m.Q_RETURNED, lang, count=to_fix))
        sheet.cell(row, 1).font = Font(name=FONT, bold=True, color="C00000")
        row += 2
    for message in (m.Q_PURPOSE, m.Q_HOW_TO_FILL, m.Q_HOW_TO_RETURN, m.Q_EVIDENCE_RULE):
        _paragraph(sheet, row, translate(message, lang))
        row += 1
    row += 1
    put_text(sheet.cell(row, 1), translate(m.Q_SCALE_TITLE, lang))
    sheet.cell(row, 1).font = LABEL_FONT
    row += 1
    for message in m.Q_SCALE.values():
        _paragraph(sheet, row, translate(message, lang))
        row += 1
    if framework.note:
        row += 1
        _paragraph(sheet, row, framework.note_in(lang))
        sheet.cell(row, 1).font = NOTE_FONT
    fit_rows(sheet)
    sheet.protection.sheet = True
    sheet.sheet_view.showGridLines = False
    fit_to_width(sheet)


def _paragraph(sheet: Worksheet, row: int, text: str) -> None:
    """One paragraph across both columns, tall enough for its text."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    cell = sheet.cell(row, 1)
    put_text(cell, text)
    cell.alignment = WRAP
