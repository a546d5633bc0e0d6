"""The questionnaire's hidden lists sheet: every list of choices as (label, code) rows, and the dependent lists
of each question with a ``choice_filter``.

A dependent dropdown (a city list that depends on the state chosen) is a named range per parent choice holding
the children that pass the filter, and a two-column map from the parent's label to that range's name; the
answer cell's validation is ``INDIRECT(VLOOKUP(parent cell, map, 2, FALSE))``, which Excel and LibreOffice both
evaluate in a list validation. This works when the filter reads one select_one answer (``state = ${state}``);
any other filter keeps the whole list in the workbook and is checked when the questionnaire is received.
"""
from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Choice, Question, QuestionType
from pipeline.frameworks.expressions import ExpressionError, Scope, evaluate, parse, references, truthy
from pipeline.workbooks.formulas import list_name
from pipeline.workbooks.questionnaire_book import LISTS_SHEET, Book, safe_name
from pipeline.workbooks.sheets import put_text


def write_lists(book: Book) -> None:
    """Writes the lists sheet, names each list ``list_<name>`` and each dependent list's map ``fmap_<question>``."""
    sheet = book.wb.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    lists: dict[str, tuple[tuple[str, str], ...]] = {
        "_yes_no": ((book.yes, "yes"), (book.no, "no")), "_acknowledge": ((book.acknowledged, "OK"),)}
    for list_, choices in book.fw.choices.items():
        lists[list_] = tuple((book.label(c.label, c.name), c.name) for c in choices)
    row = 1
    for list_, pairs in lists.items():
        first = row
        for label, code in pairs:
            put_text(sheet.cell(row, 1), label)
            put_text(sheet.cell(row, 2), code)
            row += 1
        book.name(list_name(list_), sheet, f"$A${first}:$B${row - 1}")
        book.list_ranges[list_] = f"'{LISTS_SHEET}'!$A${first}:$A${row - 1}"
    column = 4
    for q in book.fw.every_question:
        if (parent := filter_parent(book, q)) is not None:
            _dependent(book, sheet, column, q, parent)
            column += 3


def filter_parent(book: Book, q: Question) -> Question | None:
    """The select_one whose answer alone decides ``q``'s choices; None when the filter is of another shape."""
    if not q.choice_filter or q.type is not QuestionType.SELECT_ONE:
        return None
    try:
        names = references(parse(q.choice_filter, columns=True))
    except ExpressionError:
        return None
    parent = book.fw.question(next(iter(names))) if len(names) == 1 else None
    if parent is None or parent.type is not QuestionType.SELECT_ONE or parent.repeat not in (None, q.repeat):
        return None
    return parent


def passes(q: Question, choice: Choice, answers: dict[str, object]) -> bool:
    """Whether ``choice`` passes ``q``'s choice_filter given ``answers``."""
    columns = {**choice.columns, "name": choice.name}
    try:
        return truthy(evaluate(parse(q.choice_filter or "true()", columns=True), Scope(answers, columns=columns)))
    except ExpressionError:
        return True


def _dependent(book: Book, sheet: Worksheet, column: int, q: Question, parent: Question) -> None:
    key = safe_name(q.name)
    blank = f"f_{key}__none"
    book.name(blank, sheet, f"${get_column_letter(column)}$1")  # an empty cell: the list when nothing passes
    row, pairs = 2, []
    for index, option in enumerate(book.fw.options(parent), start=1):
        children = [c for c in book.fw.options(q) if passes(q, c, {parent.name: option.name})]
        name = f"f_{key}_{index}" if children else blank
        if children:
            first = row
            for child in children:
                put_text(sheet.cell(row, column), book.label(child.label, child.name))
                row += 1
            book.name(name, sheet, f"${get_column_letter(column)}${first}:${get_column_letter(column)}${row - 1}")
        pairs.append((book.label(option.label, option.name), name))
    for offset, (label, name) in enumerate(pairs, start=1):
        put_text(sheet.cell(offset, column + 1), label)
        put_text(sheet.cell(offset, column + 2), name)
    book.name(f"fmap_{key}", sheet, f"${get_column_letter(column + 1)}$1:${get_column_letter(column + 2)}${max(1, len(pairs))}")
    book.filters[q.name] = (parent.name, f"fmap_{key}")
