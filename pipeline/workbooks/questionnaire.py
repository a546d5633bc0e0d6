"""The self-assessment questionnaire workbook an official receives (step 2).

The one place that knows its shape. Sheets, in the questionnaire's language:
instructions, respondent, summary, one per dimension, a hidden lists sheet and
a very hidden ``_mecigep`` metadata sheet. Every answer cell has a defined name
(``q_<question>``; ``q_<question>__<option>`` for each option of a multiple
choice; ``e_<question>`` for its evidence), so a renamed sheet or an inserted
row does not matter. The status column and the summary are formulas that
follow the framework's ``relevant`` and ``constraint`` rules while the official
types, offline, in Excel and LibreOffice alike.

Why the lists live on a sheet: an inline list longer than 255 characters makes
Excel "repair" the file and drop the validation.

A repeat is a table on a sheet of its own that grows as rows are inserted inside it (``questionnaire_repeats``);
a calculate is a live, locked formula where Excel can compute it; a dependent list follows its parent answer.

This module writes the respondent and dimension sheets; the lists sheet is in ``questionnaire_lists``, each
question's row in ``questionnaire_questions``, the instructions sheet in ``questionnaire_front``, the summary and
"to correct" sheets in ``questionnaire_summary``, the status formulas and data validations in
``questionnaire_rules``, the metadata in ``questionnaire_meta``, and what they share in ``questionnaire_book``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Dimension, Framework
from pipeline.i18n import messages as m
from pipeline.workbooks.cells import BOX, HEADER_FILL, HEADER_FONT, TITLE_FONT, WRAP, style_input
from pipeline.workbooks.fit import fit_rows, width_for
from pipeline.workbooks.formulas import text_literal
from pipeline.workbooks.questionnaire_book import LISTS_SHEET, Book, Prefill
from pipeline.workbooks.questionnaire_front import Cover, write_instructions
from pipeline.workbooks.questionnaire_lists import write_lists
from pipeline.workbooks.questionnaire_meta import KIND, META_SHEET, Identity, write_metadata
from pipeline.workbooks.questionnaire_questions import write_question
from pipeline.workbooks.questionnaire_repeats import write_repeat, write_repeat_row
from pipeline.workbooks.questionnaire_summary import Returned, write_problems, write_summary
from pipeline.workbooks.sheets import (
    CHECK,
    DONE,
    EXCEL_CELL_LIMIT,
    GREY,
    PENDING,
    PROBLEM,
    fit_to_width,
    put_text,
    save_atomically,
)

__all__ = [  # the names callers import from here, wherever they now live
    "CHECK", "DONE", "EXCEL_CELL_LIMIT", "GREY", "KIND", "LISTS_SHEET", "META_SHEET", "PENDING", "PROBLEM",
    "Cover", "Identity", "Prefill", "fit_to_width", "put_text", "sheet_title", "write_questionnaire",
]

FIRST_ROW = 4  # first question row of a dimension sheet; rows 1-3 are title, guidance and headers
COLUMNS = ("id", "question", "help", "answer", "evidence", "status")
WIDTHS = {"A": 9, "B": 55, "C": 55, "D": 30, "E": 40, "F": 18}
STATUS_FILLS = (("pending", PENDING), ("check", CHECK), ("evidence", CHECK), ("na", GREY), ("answered", DONE))
FORBIDDEN_IN_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})
TAB_LIMIT = 31  # characters Excel allows in a sheet's name
# words a shortened tab name should not end on, in the four languages
DANGLING = {"y", "e", "o", "u", "ou", "et", "and", "or", "of", "the", "for", "in", "on", "to", "with", "de", "del", "la",
            "las", "el", "los", "en", "para", "por", "con", "da", "do", "das", "dos", "na", "no", "nas", "nos", "com",
            "pelo", "pela", "a", "à", "al", "le", "les", "des", "du", "au", "aux", "pour", "sur", "avec", "par", "l", "d"}


def sheet_title(index: int | str, label: str) -> str:
    """A valid, distinct sheet title for dimension ``index``: its number and name, shortened at a word boundary
    to fit Excel's 31 characters (the sheet's first row says the whole name)."""
    title = " ".join(f"{index}. {label.translate(FORBIDDEN_IN_TITLES)}".split())
    if len(title) <= TAB_LIMIT:
        return title
    words = title[:TAB_LIMIT].split(" ")
    if title[TAB_LIMIT] != " ":
        words = words[:-1]  # the last word was cut
    while len(words) > 2 and (words[-1].strip(",;.–-").lower() in DANGLING or not words[-1].strip(",;.–-")):
        words = words[:-1]
    return " ".join(words).rstrip(",;:.–- ")


class _Writer:
    def __init__(self, framework: Framework, identity: Identity, cover: Cover, prefill: Prefill | None) -> None:
        self.book = Book(framework, identity, prefill)
        self.fw, self.id, self.cover, self.wb = framework, identity, cover, self.book.wb

    def t(self, message: str, **params: object) -> str:
        return self.book.t(message, **params)

    def write(self):  # noqa: ANN201 - an openpyxl Workbook
        instructions = self.wb.active
        instructions.title = self.t(m.Q_SHEET_INSTRUCTIONS)
        write_lists(self.book)
        to_fix = len(self.book.prefill.general) + sum(len(s) for s in self.book.prefill.problems.values())
        write_instructions(instructions, self.fw, self.id, self.cover, to_fix)
        self.respondent(self.wb.create_sheet(self.t(m.Q_SHEET_RESPONDENT)))
        summary = self.wb.create_sheet(self.t(m.Q_SHEET_SUMMARY))
        status_names = [self.dimension(i, d) for i, d in enumerate(self.fw.dimensions, start=1)]
        write_summary(summary, self.fw, self.book.lang, self.book.status, status_names)
        if self.book.prefill.any:
            general = [("", "", sentence) for sentence in self.book.prefill.general]
            returned = Returned(self.t(m.Q_TITLE, topic=self.cover.topic), self.id.round_id, self.cover.institution,
                                self.book.prefill.date or dt.date.today())
            write_problems(self.wb, self.book.lang, returned, general + self.book.marked)
        write_metadata(self.wb, self.id, self.t(m.Q_TITLE, topic=self.cover.topic))
        self.wb.move_sheet(LISTS_SHEET, offset=len(self.wb.sheetnames))
        self.wb.move_sheet(META_SHEET, offset=len(self.wb.sheetnames))
        return self.wb

    def respondent(self, sheet: Worksheet) -> None:
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 60
        put_text(sheet["A1"], self.t(m.Q_RESPONDENT_TITLE))
        sheet["A1"].font = TITLE_FONT
        fields = [
            ("resp_name", m.Q_RESPONDENT_NAME, None),
            ("resp_position", m.Q_RESPONDENT_POSITION, None),
            ("resp_institution", m.Q_RESPONDENT_INSTITUTION, self.cover.institution),
            ("resp_email", m.Q_RESPONDENT_EMAIL, None),
            ("resp_date", m.Q_RESPONDENT_DATE, None),
        ]
        for row, (name, label, value) in enumerate(fields, start=3):
            put_text(sheet.cell(row, 1), self.t(label))
            cell = sheet.cell(row, 2)
            style_input(cell)
            value = self.book.prefill.answers.get(name, value)
            if isinstance(value, str):
                put_text(cell, value)
            elif value is not None:
                cell.value = value
            if name == "resp_date":
                cell.number_format = "DD/MM/YYYY"
                self.book.validation("date", sheet).add(cell)
            self.book.name(name, sheet, f"$B${row}")
            self.book.mark_problem(name, cell)
        self.book.highlight(sheet)
        fit_rows(sheet)
        sheet.protection.sheet = True
        fit_to_width(sheet)

    def dimension(self, index: int, dimension: Dimension) -> str:
        """Writes one dimension's sheet, then a sheet per repeat of it; returns the defined name of its status cells."""
        label = self.book.label(dimension.label)
        sheet = self.wb.create_sheet(sheet_title(index, label))
        for letter, width in WIDTHS.items():
            sheet.column_dimensions[letter].width = width
        sheet.column_dimensions["F"].width = max(WIDTHS["F"], *(width_for(t) for t in self.book.status.values()))
        ids = [q.name for q in dimension.questions] + [r.name for r in dimension.repeats]
        sheet.column_dimensions["A"].width = max(WIDTHS["A"], *(width_for(name) for name in ids))
        sheet.merge_cells("A1:F1")
        put_text(sheet["A1"], f"{index}. {label}")
        sheet["A1"].font = TITLE_FONT
        hint = self.book.label(dimension.hint)
        if hint:
            sheet.merge_cells("A2:F2")
            put_text(sheet["A2"], hint)
            sheet["A2"].alignment = WRAP
        headers = (m.Q_HEADER_ID, m.Q_HEADER_QUESTION, m.Q_HEADER_HELP, m.Q_HEADER_ANSWER, m.Q_HEADER_EVIDENCE, m.Q_HEADER_STATUS)
        for col, header in enumerate(headers, start=1):
            cell = sheet.cell(3, col)
            put_text(cell, self.t(header))
            cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        fit_rows(sheet, range(1, FIRST_ROW))
        row, status_rows = FIRST_ROW, []
        titles = [sheet_title(f"{index}.{k}", self.book.label(r.label, r.name)) for k, r in enumerate(dimension.repeats, start=1)]
        for position in range(len(dimension.questions) + 1):
            for repeat, title in zip(dimension.repeats, titles):
                if repeat.position == position:
                    status_rows.append(row)
                    row = write_repeat_row(self.book, sheet, row, repeat, title)
            if position < len(dimension.questions):
                row = write_question(self.book, sheet, row, dimension.questions[position], status_rows)
        last = max(row - 1, FIRST_ROW)
        status_name = f"status_{dimension.name}"
        self.book.name(status_name, sheet, f"$F${FIRST_ROW}:$F${last}")
        self.book.highlight(sheet)
        for kind, fill in STATUS_FILLS:
            formula = f'$F{FIRST_ROW}={text_literal(self.book.status[kind])}'
            sheet.conditional_formatting.add(f"D{FIRST_ROW}:D{last} F{FIRST_ROW}:F{last}",
                                             FormulaRule(formula=[formula], fill=fill, stopIfTrue=True))
        sheet.freeze_panes = f"A{FIRST_ROW}"
        sheet.print_title_rows = "3:3"
        fit_to_width(sheet, landscape=True)
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        sheet.protection.insertRows = False
        for repeat, title in zip(dimension.repeats, titles):
            write_repeat(self.book, self.wb.create_sheet(title), repeat)
        return status_name


def write_questionnaire(path: Path, framework: Framework, identity: Identity, cover: Cover, prefill: Prefill | None = None) -> Path:
    """Writes the questionnaire (or, with ``prefill``, its feedback copy, which opens on its "to correct" sheet) to
    ``path`` atomically; returns ``path``."""
    workbook = _Writer(framework, identity, cover, prefill).write()
    workbook.active = 0
    for sheet in workbook.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
    workbook.worksheets[0].sheet_view.tabSelected = True
    return save_atomically(workbook, path)
