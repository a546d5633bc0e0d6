"""A repeat as the official answers it: a table on a sheet of its own, one row per item ("each plan, its year
and its status"), to which they add rows by inserting them inside the table.

The table is an Excel table (a list object) over the header and data rows. Each column's validation covers its
data rows and each column is a defined name (``q_<question>``, ``q_<question>__<option>`` for the options of a
select_multiple), so that inserting rows inside the table — in Excel or in LibreOffice — grows the validations,
the names and the table alike, and the inbox finds every row. The sheet is left unprotected, as Excel does not
let a table grow on a protected sheet; its calculated and status cells are grey. The dimension sheet shows the
repeat as a row that counts the rows filled, with its status.
"""
from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Question, QuestionType, Repeat
from pipeline.i18n import messages as m
from pipeline.workbooks.cells import BOX, TITLE_FONT, WRAP, style_header, style_input
from pipeline.workbooks.fit import fit_rows, width_for
from pipeline.workbooks.formulas import FormulaContext, cell_name, text_literal
from pipeline.workbooks.questionnaire_book import Book, safe_name
from pipeline.workbooks.questionnaire_questions import FORMATS, answer_validation, calculation, help_text
from pipeline.workbooks.questionnaire_rules import rule
from pipeline.workbooks.sheets import GREY, fit_to_width, put_text

HEADER_ROW = 3
DEFAULT_ROWS = 5


def least(repeat: Repeat) -> int:
    """The least number of rows when ``count`` is a number; 0 otherwise."""
    return int(repeat.count) if repeat.count and repeat.count.isdigit() else 0


def _columns(book: Book, repeat: Repeat) -> list[tuple[Question, str | None]]:
    """(question, option) of each column: one per question, one per option of a select_multiple."""
    columns: list[tuple[Question, str | None]] = []
    for q in repeat.questions:
        if q.type is QuestionType.SELECT_MULTIPLE:
            columns += [(q, c.name) for c in book.fw.options(q)]
        elif q.type is not QuestionType.NOTE:
            columns.append((q, None))
    return columns


def _rows(book: Book, repeat: Repeat) -> int:
    prefilled = [int(key.rpartition("#")[2]) for key in book.prefill.answers
                 if "#" in key and book.fw.question(key[2:].partition("#")[0].partition("__")[0]) in repeat.questions]
    return max([least(repeat), DEFAULT_ROWS, *prefilled])


def write_repeat(book: Book, sheet: Worksheet, repeat: Repeat) -> None:
    """Writes ``repeat``'s table on ``sheet``."""
    columns = _columns(book, repeat)
    rows = _rows(book, repeat)
    first, last = HEADER_ROW + 1, HEADER_ROW + rows
    status_col = len(columns) + 1
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=status_col)
    put_text(sheet.cell(1, 1), book.label(repeat.label, repeat.name))
    sheet.cell(1, 1).font = TITLE_FONT
    intro = [book.label(repeat.hint), book.t(m.Q_REPEAT_HOW)]
    if least(repeat):
        intro.append(book.t(m.Q_REPEAT_AT_LEAST, count=least(repeat)))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=status_col)
    put_text(sheet.cell(2, 1), "\n".join(t for t in intro if t))
    sheet.cell(2, 1).alignment = WRAP
    headers: list[str] = []
    for index, (q, option) in enumerate(columns, start=1):
        text = book.label(q.label, q.name) + (" *" if q.required else "")
        if option is not None:
            text += ": " + book.label(next(c.label for c in book.fw.options(q) if c.name == option), option)
        while text in headers:
            text += " "
        headers.append(text)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 40 if q.type is QuestionType.TEXT else 24
        book.name(cell_name(q.name, option), sheet, f"${letter}${first}:${letter}${last}")
    headers.append(book.t(m.Q_HEADER_STATUS))
    sheet.column_dimensions[get_column_letter(status_col)].width = max(18, *(width_for(t) for t in book.status.values()))
    for index, text in enumerate(headers, start=1):
        put_text(sheet.cell(HEADER_ROW, index), text)
    style_header(sheet[HEADER_ROW][:status_col])
    letters = {q.name + (f"__{o}" if o else ""): get_column_letter(i) for i, (q, o) in enumerate(columns, start=1)}
    for (q, option), index in zip(columns, range(1, len(columns) + 1)):
        letter = get_column_letter(index)
        relative = {key: f"{col}{first}" for key, col in letters.items()}
        validation = book.validation("_yes_no", sheet) if option else answer_validation(
            book, sheet, q, _parent_cell(book, q, relative))
        if validation is not None:
            validation.add(f"{letter}{first}:{letter}{last}")
        if not option and (hint := help_text(book, q, relative)):
            sheet.cell(HEADER_ROW, index).comment = Comment(hint, "MECIGEP", width=300, height=110)
        for row in range(first, last + 1):
            cell = sheet.cell(row, index)
            cells = {key: f"{col}{row}" for key, col in letters.items()}
            if q.type is QuestionType.CALCULATE:
                formula = calculation(book, q, cells)
                typed = "&".join(cells[k] for k in cells if (o := book.fw.question(k.partition("__")[0])) and o.answerable)
                cell.value = f'=IF(LEN({typed})=0,"",{formula[1:]})' if formula and typed else formula
                cell.fill, cell.border = GREY, BOX
                continue
            style_input(cell)
            if q.type in FORMATS:
                cell.number_format = FORMATS[q.type]
            book.fill(f"{cell_name(q.name, option)}#{row - HEADER_ROW}", cell)
    for row in range(first, last + 1):
        cell = sheet.cell(row, status_col)
        cell.value = "=" + _row_status(book, repeat, {key: f"{col}{row}" for key, col in letters.items()})
        cell.fill, cell.border, cell.alignment = GREY, BOX, Alignment(vertical="top", wrap_text=True)
    book.name(f"r_{repeat.name}", sheet, f"$A${first}:${get_column_letter(status_col)}${last}")
    table = Table(displayName="t_" + safe_name(repeat.name).replace(".", "_"),
                  ref=f"A{HEADER_ROW}:{get_column_letter(status_col)}{last}",
                  tableColumns=[TableColumn(id=i, name=text) for i, text in enumerate(headers, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    fit_rows(sheet, range(1, last + 1))
    book.highlight(sheet)
    sheet.freeze_panes = f"A{first}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    fit_to_width(sheet, landscape=True)


def _parent_cell(book: Book, q: Question, relative: dict[str, str]) -> str | None:
    parent = book.filters.get(q.name, ("",))[0]
    return relative.get(parent)


def _row_status(book: Book, repeat: Repeat, cells: dict[str, str]) -> str:
    """The status of one row: empty for an empty row, else pending, to check or answered."""
    s = {k: text_literal(v) for k, v in book.status.items()}
    inputs = [cells[key] for key in cells if (q := book.fw.question(key.partition("__")[0])) and q.answerable]
    missing, wrong = [], []
    for q in repeat.questions:
        if not q.answerable:
            continue
        ctx = FormulaContext(book.fw, book.yes, q, cells)
        own = [cells[k] for k in cells if k.partition("__")[0] == q.name]
        empty = f'LEN({"&".join(own)})=0'
        applies = rule(q.relevant, ctx) or "TRUE"
        needed = "TRUE" if q.required else rule(q.required_if, ctx)
        if needed:
            missing.append(f"AND({applies},{needed},{empty})")
        if constraint := rule(q.constraint, ctx):
            wrong.append(f"AND({applies},NOT({empty}),NOT({constraint}))")
    formula = s["answered"]
    if wrong:
        formula = f'IF(OR({",".join(wrong)}),{s["check"]},{formula})'
    if missing:
        formula = f'IF(OR({",".join(missing)}),{s["pending"]},{formula})'
    return f'IF(LEN({"&".join(inputs) or chr(34) * 2})=0,"",{formula})'


def write_repeat_row(book: Book, sheet: Worksheet, row: int, repeat: Repeat, title: str) -> int:
    """The repeat's row on its dimension sheet: what it asks, where to answer, how many rows are filled and its
    status; returns the next free row."""
    label = book.label(repeat.label, repeat.name)
    put_text(sheet.cell(row, 1), repeat.name)
    put_text(sheet.cell(row, 2), label + (" *" if least(repeat) else ""))
    parts = [book.label(repeat.hint), book.t(m.Q_REPEAT_WHERE, sheet=title)]
    if least(repeat):
        parts.append(book.t(m.Q_REPEAT_AT_LEAST, count=least(repeat)))
    put_text(sheet.cell(row, 3), "\n".join(p for p in parts if p))
    columns = [cell_name(q.name, o) for q, o in _columns(book, repeat) if q.answerable]
    count = sheet.cell(row, 4)
    count.value = f'=SUMPRODUCT((LEN({"&".join(columns)})>0)*1)' if columns else 0
    count.fill = GREY
    book.name(f"n_{repeat.name}", sheet, f"$D${row}")
    s = {k: text_literal(v) for k, v in book.status.items()}
    done = f"AND(D{row}>0,D{row}>={least(repeat)})"
    formula = f'IF({done},{s["answered"]},{s["pending"] if least(repeat) else s["optional"]})'
    if relevant := rule(repeat.relevant, FormulaContext(book.fw, book.yes)):
        formula = f'IF({relevant},{formula},{s["na"]})'
    sheet.cell(row, 6).value = "=" + formula
    for col in range(1, 7):
        sheet.cell(row, col).alignment = WRAP
        sheet.cell(row, col).border = BOX
    fit_rows(sheet, [row])
    return row + 1
