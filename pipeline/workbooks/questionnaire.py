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

This module writes the lists, respondent and dimension sheets; the instructions sheet is in
``questionnaire_front``, the summary and "to correct" sheets in ``questionnaire_summary``, the status
formulas and data validations in ``questionnaire_rules``, the metadata in ``questionnaire_meta``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Dimension, Framework, Question, QuestionType, pick
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import BOX, HEADER_FILL, HEADER_FONT, TITLE_FONT, WRAP, define_name, style_input
from pipeline.workbooks.formulas import cell_name, list_name, text_literal
from pipeline.workbooks.questionnaire_front import Cover, write_instructions
from pipeline.workbooks.questionnaire_meta import KIND, META_SHEET, Identity, write_metadata
from pipeline.workbooks.questionnaire_rules import data_validation, status_formula, status_texts
from pipeline.workbooks.questionnaire_summary import write_problems, write_summary
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

LISTS_SHEET = "_lists"
FIRST_ROW = 4  # first question row of a dimension sheet; rows 1-3 are title, guidance and headers
COLUMNS = ("id", "question", "help", "answer", "evidence", "status")
WIDTHS = {"A": 9, "B": 55, "C": 55, "D": 30, "E": 40, "F": 18}
STATUS_FILLS = (("pending", PENDING), ("check", CHECK), ("evidence", CHECK), ("na", GREY), ("answered", DONE))
FORBIDDEN_IN_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Prefill:
    """Answers to put back in a regenerated copy and problems to highlight (a feedback workbook).

    ``answers`` maps a cell name (``q_x``, ``q_x__opt``, ``e_x``, ``resp_name``…) to the value to show;
    ``problems`` maps a cell name to the sentences to put in its comment; ``general`` holds problems
    that belong to no cell. Every problem is also listed on a sheet of its own."""

    answers: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.problems or self.general)


def sheet_title(index: int, label: str) -> str:
    """A valid, distinct sheet title for dimension ``index`` (Excel allows 31 characters)."""
    return f"{index}. {label.translate(FORBIDDEN_IN_TITLES)}"[:31].rstrip()


class _Writer:
    def __init__(self, framework: Framework, identity: Identity, cover: Cover, prefill: Prefill | None) -> None:
        self.fw = framework
        self.id = identity
        self.cover = cover
        self.lang = identity.language
        self.prefill = prefill or Prefill()
        self.wb = Workbook()
        self.yes = self.t(m.Q_YES)
        self.no = self.t(m.Q_NO)
        self.status = status_texts(self.lang)
        self.list_ranges: dict[str, str] = {}
        self.marked: list[tuple[str, str, str]] = []  # (sheet, cell, sentence) of each problem shown
        self.validations: dict[str, DataValidation] = {}

    def t(self, message: str, **params: Any) -> str:
        return translate(message, self.lang, **params)

    def name(self, name: str, sheet: Worksheet, ref: str) -> None:
        define_name(self.wb, name, sheet, ref)

    # Sheets

    def write(self) -> Workbook:
        instructions = self.wb.active
        instructions.title = self.t(m.Q_SHEET_INSTRUCTIONS)
        self.lists()
        write_instructions(instructions, self.fw, self.id, self.cover)
        self.respondent(self.wb.create_sheet(self.t(m.Q_SHEET_RESPONDENT)))
        summary = self.wb.create_sheet(self.t(m.Q_SHEET_SUMMARY))
        status_names = [self.dimension(i, d) for i, d in enumerate(self.fw.dimensions, start=1)]
        write_summary(summary, self.fw, self.lang, self.status, status_names)
        if self.prefill.any:
            write_problems(self.wb, self.lang, [("", "", sentence) for sentence in self.prefill.general] + self.marked)
        write_metadata(self.wb, self.id, self.t(m.Q_TITLE, topic=self.cover.topic))
        self.wb.move_sheet(LISTS_SHEET, offset=len(self.wb.sheetnames))
        self.wb.move_sheet(META_SHEET, offset=len(self.wb.sheetnames))
        return self.wb

    def lists(self) -> None:
        sheet = self.wb.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        lists: dict[str, tuple[tuple[str, str], ...]] = {"_yes_no": ((self.yes, "yes"), (self.no, "no"))}
        for list_, choices in self.fw.choices.items():
            lists[list_] = tuple((pick(c.label, self.lang, self.fw.default_language) or c.name, c.name) for c in choices)
        row = 1
        for list_, pairs in lists.items():
            first = row
            for label, code in pairs:
                put_text(sheet.cell(row, 1), label)
                put_text(sheet.cell(row, 2), code)
                row += 1
            self.name(list_name(list_), sheet, f"$A${first}:$B${row - 1}")
            self.list_ranges[list_] = f"'{LISTS_SHEET}'!$A${first}:$A${row - 1}"

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
            value = self.prefill.answers.get(name, value)
            if isinstance(value, str):
                put_text(cell, value)
            elif value is not None:
                cell.value = value
            if name == "resp_date":
                cell.number_format = "DD/MM/YYYY"
                self.validation("date", sheet).add(cell)
            self.name(name, sheet, f"$B${row}")
            self.mark_problem(name, cell)
        sheet.protection.sheet = True
        fit_to_width(sheet)

    def dimension(self, index: int, dimension: Dimension) -> str:
        """Writes one dimension's sheet; returns the defined name of its status cells."""
        sheet = self.wb.create_sheet(sheet_title(index, pick(dimension.label, self.lang)))
        for letter, width in WIDTHS.items():
            sheet.column_dimensions[letter].width = width
        sheet.merge_cells("A1:F1")
        put_text(sheet["A1"], f"{index}. {pick(dimension.label, self.lang)}")
        sheet["A1"].font = TITLE_FONT
        hint = pick(dimension.hint, self.lang)
        if hint:
            sheet.merge_cells("A2:F2")
            put_text(sheet["A2"], hint)
            sheet["A2"].alignment = WRAP
            sheet.row_dimensions[2].height = 15 * max(1, math.ceil(len(hint) / 200))
        headers = (m.Q_HEADER_ID, m.Q_HEADER_QUESTION, m.Q_HEADER_HELP, m.Q_HEADER_ANSWER, m.Q_HEADER_EVIDENCE, m.Q_HEADER_STATUS)
        for col, header in enumerate(headers, start=1):
            cell = sheet.cell(3, col)
            put_text(cell, self.t(header))
            cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        row = FIRST_ROW
        status_rows: list[int] = []
        for question in dimension.questions:
            row = self.question(sheet, row, question, status_rows)
        last = max(row - 1, FIRST_ROW)
        status_name = f"status_{dimension.name}"
        self.name(status_name, sheet, f"$F${FIRST_ROW}:$F${last}")
        for kind, fill in STATUS_FILLS:
            formula = f'$F{FIRST_ROW}={text_literal(self.status[kind])}'
            sheet.conditional_formatting.add(f"D{FIRST_ROW}:D{last} F{FIRST_ROW}:F{last}",
                                             FormulaRule(formula=[formula], fill=fill, stopIfTrue=True))
        sheet.freeze_panes = f"A{FIRST_ROW}"
        sheet.print_title_rows = "3:3"
        fit_to_width(sheet, landscape=True)
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        sheet.protection.insertRows = False
        return status_name

    def question(self, sheet: Worksheet, row: int, q: Question, status_rows: list[int]) -> int:
        label = pick(q.label, self.lang, self.fw.default_language)
        put_text(sheet.cell(row, 1), q.name)
        put_text(sheet.cell(row, 2), label + (" *" if q.required else ""))
        help_text = self.help_text(q)
        put_text(sheet.cell(row, 3), help_text)
        for col in range(1, 7):
            sheet.cell(row, col).alignment = WRAP
            sheet.cell(row, col).border = BOX
        if q.type is QuestionType.NOTE:
            sheet.cell(row, 2).font = Font(italic=True)
            sheet.row_dimensions[row].height = self.height(label, help_text)
            return row + 1
        answer = sheet.cell(row, 4)
        evidence = sheet.cell(row, 5)
        style_input(evidence)
        self.name(f"e_{q.name}", sheet, f"$E${row}")
        self.fill(f"e_{q.name}", evidence)
        first_row = row
        if q.type is QuestionType.SELECT_MULTIPLE:
            answer.fill = GREY
            options = self.fw.options(q)
            put_text(sheet.cell(row, 4), self.t(m.Q_MULTIPLE_HINT))
            for choice in options:
                row += 1
                put_text(sheet.cell(row, 2), "    • " + (pick(choice.label, self.lang, self.fw.default_language) or choice.name))
                option_cell = sheet.cell(row, 4)
                style_input(option_cell)
                self.validation("_yes_no", sheet).add(option_cell)
                name = cell_name(q.name, choice.name)
                self.name(name, sheet, f"$D${row}")
                self.fill(name, option_cell)
                for col in range(1, 7):
                    sheet.cell(row, col).border = BOX
            self.name(cell_name(q.name), sheet, f"$D${first_row + 1}:$D${row}")
            answered = f"COUNTA({cell_name(q.name)})>0"
        else:
            style_input(answer)
            self.name(cell_name(q.name), sheet, f"$D${row}")
            self.fill(cell_name(q.name), answer)
            rule = {
                QuestionType.SELECT_ONE: q.list_name,
                QuestionType.INTEGER: "integer",
                QuestionType.DECIMAL: "decimal",
                QuestionType.DATE: "date",
            }.get(q.type)
            if rule:
                self.validation(rule, sheet).add(answer)
            if q.type is QuestionType.DATE:
                answer.number_format = "DD/MM/YYYY"
            answered = f'LEN(TRIM({cell_name(q.name)}))>0'
        status = sheet.cell(first_row, 6)
        status.value = "=" + status_formula(self.fw, self.yes, self.status, q, answered)
        status.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.row_dimensions[first_row].height = self.height(label, help_text)
        status_rows.append(first_row)
        return row + 1

    def help_text(self, q: Question) -> str:
        parts = [pick(q.hint, self.lang, self.fw.default_language)]
        if self.fw.is_maturity(q):
            parts += [pick(c.label, self.lang, self.fw.default_language) for c in self.fw.options(q) if c.name.isdigit()]
        return "\n".join(p for p in parts if p)

    @staticmethod
    def height(*texts: str) -> float:
        lines = max(sum(max(1, math.ceil(len(line) / 70)) for line in text.split("\n")) for text in texts)
        return min(409, 15 * max(1, lines))

    def validation(self, rule: str, sheet: Worksheet) -> DataValidation:
        key = f"{sheet.title}\x00{rule}"
        found = self.validations.get(key)
        if found is not None:
            return found
        dv = data_validation(rule, self.lang, self.list_ranges)
        sheet.add_data_validation(dv)
        self.validations[key] = dv
        return dv

    def fill(self, name: str, cell: Cell) -> None:
        value = self.prefill.answers.get(name)
        if isinstance(value, str):
            put_text(cell, value)
        elif value is not None:
            cell.value = value
        self.mark_problem(name, cell)

    def mark_problem(self, name: str, cell: Cell) -> None:
        sentences = self.prefill.problems.get(name)
        if sentences:
            cell.fill = PROBLEM
            cell.comment = Comment("\n".join(sentences), "MECIGEP", width=320, height=120)
            self.marked.extend((cell.parent.title, cell.coordinate, s) for s in sentences)


def write_questionnaire(path: Path, framework: Framework, identity: Identity, cover: Cover, prefill: Prefill | None = None) -> Path:
    """Writes the questionnaire (or, with ``prefill``, its feedback copy) to ``path`` atomically; returns ``path``."""
    workbook = _Writer(framework, identity, cover, prefill).write()
    workbook.active = 0
    return save_atomically(workbook, path)
