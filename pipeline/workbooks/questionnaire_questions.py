"""One question's row on its dimension sheet: id, wording, help, answer cell (with its validation, format or
live formula), evidence cell and status formula. Shared with the repeat tables: the validation an answer
cell gets, the help a question shows and the formula a calculate computes.
"""
from __future__ import annotations

from typing import Mapping

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Question, QuestionType
from pipeline.frameworks.bounds import number_bounds
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_number
from pipeline.workbooks.cells import BOX, FONT, WRAP, style_input
from pipeline.workbooks.fit import fit_rows, line_points
from pipeline.workbooks.formulas import FormulaContext, cell_name
from pipeline.workbooks.questionnaire_book import Book
from pipeline.workbooks.questionnaire_rules import number_text, rule, status_formula, unchecked, validation_rule
from pipeline.workbooks.sheets import GREY, put_text

FORMATS = {QuestionType.DATE: "DD/MM/YYYY", QuestionType.TIME: "HH:MM", QuestionType.DATETIME: "DD/MM/YYYY HH:MM"}
LONG_TEXT_LINES = 8  # an open answer's cell: room for a paragraph, on screen and printed


def number_format(book: Book, q: Question) -> str | None:
    """The format of a number answer with a unit: the number as typed, then the unit ("45.5 %"); None without one."""
    unit = book.label(q.unit)
    if not unit or q.type not in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RANGE):
        return None
    return 'General" ' + unit.replace('"', "") + '"'


def long_text(q: Question) -> bool:
    """Whether ``q`` asks for an open answer, a paragraph rather than a value."""
    return q.type is QuestionType.TEXT


def answer_validation(book: Book, sheet: Worksheet, q: Question, parent_cell: str | None = None) -> DataValidation | None:
    """The validation of ``q``'s answer cells on ``sheet``; ``parent_cell`` is where its filter's parent answer
    is (a defined name, or in a repeat the first row's cell, relative); None when it has none."""
    if q.name in book.filters:
        parent, mapping = book.filters[q.name]
        where = parent_cell or cell_name(parent)
        return book.validation(f"filter:{q.name}", sheet, f"INDIRECT(VLOOKUP({where},{mapping},2,FALSE))")
    found = validation_rule(q)
    return book.validation(found, sheet) if found else None


def calculation(book: Book, q: Question, cells: Mapping[str, str] | None = None) -> str | None:
    """The live formula (with '=') of a calculate; None when the workbook cannot compute it as the inbox will."""
    formula = rule(q.calculation, FormulaContext(book.fw, book.yes, q, cells or {}))
    return f"={formula}" if formula else None


def help_text(book: Book, q: Question, cells: Mapping[str, str] | None = None) -> str:
    """The question's hint, its scale or range, and what only the inbox checks, one per line."""
    parts = [book.label(q.hint)]
    if book.fw.is_maturity(q):
        parts += [book.label(c.label, c.name) for c in book.fw.options(q) if c.name.isdigit()]
    if q.type is QuestionType.RANGE and q.range is not None:
        number = lambda v: format_number(v, book.lang, 0 if float(v).is_integer() else 2)  # noqa: E731
        parts.append(book.t(m.Q_RANGE_HELP, start=number(q.range.start), end=number(q.range.end), step=number(q.range.step)))
    if (found := number_bounds(q)) is not None and (found.low is not None or found.high is not None):
        parts.append(number_text(found.low, found.high, q.type is QuestionType.INTEGER, book.lang))
    if book.label(q.unit):
        parts.append(book.t(m.Q_IN_UNIT, unit=book.label(q.unit)))
    if long_text(q) and q.repeat is None:
        parts.append(book.t(m.Q_LONG_TEXT))
    if q.type is QuestionType.ACKNOWLEDGE:
        parts.append(book.t(m.Q_ACKNOWLEDGE_HELP, label=book.acknowledged))
    if q.type is QuestionType.CALCULATE:
        parts.append(book.t(m.Q_CALCULATED if calculation(book, q, cells) else m.Q_CALCULATED_ON_RECEIPT))
    if q.choice_filter and (parent := book.fw.question(book.filters.get(q.name, ("",))[0])) is not None:
        parts.append(book.t(m.Q_FILTERED, question=book.label(parent.label, parent.name)))
    rules = [t for t in unchecked(q, FormulaContext(book.fw, book.yes, q, cells or {})) if t != q.calculation]
    if q.choice_filter and q.name not in book.filters:
        rules.append(q.choice_filter)
    if rules:
        said = book.label(q.constraint_message) if q.constraint in rules and q.constraint_message else None
        words = [said] if said else []
        words += [text for text in rules if not (said and text == q.constraint)]
        parts.append(book.t(m.Q_CHECKED_ON_RECEIPT, rules="; ".join(words)))
    return "\n".join(p for p in parts if p)


def write_question(book: Book, sheet: Worksheet, row: int, q: Question, status_rows: list[int]) -> int:
    """Writes ``q`` from ``row`` on (a select_multiple takes one more row per option); returns the next free row."""
    label = book.label(q.label, q.name)
    put_text(sheet.cell(row, 1), book.fw.number(q))  # the number the official knows it by (its name is the cell's)
    put_text(sheet.cell(row, 2), label + (" *" if q.required else ""))
    help_ = help_text(book, q)
    put_text(sheet.cell(row, 3), help_)
    for col in range(1, 7):
        sheet.cell(row, col).alignment = WRAP
        sheet.cell(row, col).border = BOX
    if q.type is QuestionType.NOTE:
        sheet.cell(row, 2).font = Font(name=FONT, italic=True)
        fit_rows(sheet, [row])
        return row + 1
    answer = sheet.cell(row, 4)
    if q.type is QuestionType.CALCULATE:
        answer.fill = GREY
        answer.value = calculation(book, q)
        book.name(cell_name(q.name), sheet, f"$D${row}")
        fit_rows(sheet, [row])
        return row + 1
    evidence = sheet.cell(row, 5)
    style_input(evidence)
    book.name(f"e_{q.name}", sheet, f"$E${row}")
    book.fill(f"e_{q.name}", evidence)
    first_row = row
    if q.type is QuestionType.SELECT_MULTIPLE:
        answer.fill = GREY
        put_text(answer, book.t(m.Q_MULTIPLE_HINT))
        for choice in book.fw.options(q):
            row += 1
            put_text(sheet.cell(row, 2), "    • " + book.label(choice.label, choice.name))
            option_cell = sheet.cell(row, 4)
            style_input(option_cell)
            book.validation("_yes_no", sheet).add(option_cell)
            name = cell_name(q.name, choice.name)
            book.name(name, sheet, f"$D${row}")
            book.fill(name, option_cell)
            for col in range(1, 7):
                sheet.cell(row, col).border = BOX
            sheet.cell(row, 2).alignment = WRAP
        book.name(cell_name(q.name), sheet, f"$D${first_row + 1}:$D${row}")
        answered = f"COUNTA({cell_name(q.name)})>0"
    else:
        style_input(answer)
        book.name(cell_name(q.name), sheet, f"$D${row}")
        book.fill(cell_name(q.name), answer)
        if (found := answer_validation(book, sheet, q)) is not None:
            found.add(answer)
        if q.type in FORMATS:
            answer.number_format = FORMATS[q.type]
        elif found := number_format(book, q):
            answer.number_format = found
        answered = f'LEN(TRIM({cell_name(q.name)}))>0'
    fit_rows(sheet, range(first_row, row + 1))
    if long_text(q):
        fit_rows(sheet, [first_row], minimum=LONG_TEXT_LINES * line_points())
    status = sheet.cell(first_row, 6)
    status.value = "=" + status_formula(book.fw, book.yes, book.status, q, answered)
    status.alignment = Alignment(vertical="top", wrap_text=True)
    status_rows.append(first_row)
    return row + 1
