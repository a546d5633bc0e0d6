"""The review matrix: every observation made in a report draft, the panel's decision and response to each, and
the country's withdrawals — a comment-and-response matrix, as APRM and PEFA reviews keep one.

The one place that knows its shape. One sheet in the round's language: a title block (title, round, draft
version, instructions, what the yellow cells are for), a header row (the defined name ``review_header``)
and one row per observation: number, kind, from (the country or the panel), who, when, where, the
observation verbatim, then the three cells to fill — the decision (a dropdown: accepted, rejected,
discussed), the panel's response and the country's withdrawal (a dropdown: yes) — and, hidden, the
observation's key. Rows may be sorted or filtered: each is read back by its key, never by its place.
A hidden lists sheet holds the dropdowns' values; a very hidden ``_mecigep`` sheet (repeated as
``mecigep_*`` custom properties) says what the workbook is, so that it comes back through the inbox.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.domain.problems import Location
from pipeline.domain.raw import RawValue
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import BOX, TITLE_FONT, WRAP, define_name, named_cells, style_header, style_input
from pipeline.workbooks.fit import fit_rows
from pipeline.workbooks.questionnaire import LISTS_SHEET, META_SHEET
from pipeline.workbooks.sheets import PROBLEM, fit_to_width, put_text, save_atomically

KIND = "review_matrix"
HEADER_NAME = "review_header"
HEADERS = (m.REVIEW_HEADER_NUMBER, m.REVIEW_HEADER_KIND, m.REVIEW_HEADER_FROM, m.REVIEW_HEADER_WHO, m.REVIEW_HEADER_WHEN,
           m.REVIEW_HEADER_WHERE, m.REVIEW_HEADER_WHAT, m.REVIEW_HEADER_DECISION, m.REVIEW_HEADER_ANSWER,
           m.REVIEW_HEADER_WITHDRAWN, m.REVIEW_HEADER_KEY)
WIDTHS = dict(zip("ABCDEFGHIJK", (5, 14, 12, 22, 16, 26, 52, 14, 42, 13, 18)))
INPUTS = {"decision": 8, "response": 9, "withdrawn": 10}
KEY_COLUMN = 11
HEADER_ROW = 7  # rows 1-6: title, round, version, instructions, legend, blank


@dataclass(frozen=True)
class MatrixIdentity:
    """What a review matrix says about itself."""

    round_id: str
    draft_version: int
    language: str
    issued: str  # ISO date

    def as_dict(self) -> dict[str, str]:
        return {"kind": KIND, "round_id": self.round_id, "draft_version": str(self.draft_version), "language": self.language,
                "issued": self.issued}


@dataclass(frozen=True)
class MatrixRow:
    """One observation, in words of the workbook's language, with its answer so far."""

    key: str
    kind: str
    side: str  # the country or the panel
    who: str
    when: str
    where: str
    what: str  # verbatim
    decision: str = ""
    response: str = ""
    withdrawn: str = ""


@dataclass(frozen=True)
class MatrixCover:
    title: str  # round, country and topic in words
    version: str  # the draft version and its file


@dataclass(frozen=True)
class MatrixPrefill:
    """A feedback copy: what was typed (key -> field -> value) and the problems by (key, field)."""

    typed: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: dict[tuple[str, str], list[str]] = field(default_factory=dict)


def write_review_matrix(target: Path, identity: MatrixIdentity, cover: MatrixCover, rows: Sequence[MatrixRow],
                        prefill: MatrixPrefill | None = None) -> Path:
    """Writes the review matrix to ``target`` atomically; returns ``target``."""
    lang, prefill = identity.language, prefill or MatrixPrefill()
    t = lambda message, **params: translate(message, lang, **params)  # noqa: E731
    wb = Workbook()
    sheet = wb.active
    sheet.title = t(m.REVIEW_SHEET)[:31]
    last = get_letter(len(HEADERS) - 1)
    for row, (text, font) in enumerate(((t(m.REVIEW_TITLE), TITLE_FONT), (cover.title, Font(bold=True)), (cover.version, None),
                                        (t(m.REVIEW_INSTRUCTIONS), None), (t(m.REVIEW_LEGEND), Font(italic=True))), start=1):
        cell = sheet.cell(row, 1)
        put_text(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
        sheet.merge_cells(f"A{row}:{last}{row}")
    style_input(sheet["A5"])
    for col, header in enumerate(HEADERS, start=1):
        put_text(sheet.cell(HEADER_ROW, col), t(header))
    style_header(sheet[HEADER_ROW])
    define_name(wb, HEADER_NAME, sheet, f"A{HEADER_ROW}:{get_letter(len(HEADERS))}{HEADER_ROW}")
    decisions, yes = [t(m.REVIEW_DECISIONS[d]) for d in m.REVIEW_DECISIONS], t(m.Q_YES)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for n, value in enumerate(decisions, start=1):
        put_text(lists.cell(n, 1), value)
    put_text(lists.cell(1, 2), yes)
    choose = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!$A$1:$A${len(decisions)}", allow_blank=True,
                            showErrorMessage=True, errorTitle=t(m.REVIEW_HEADER_DECISION), error=t(m.REVIEW_DECISION_ERROR))
    withdraw = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!$B$1:$B$1", allow_blank=True, showErrorMessage=True,
                              errorTitle=t(m.REVIEW_HEADER_WITHDRAWN), error=t(m.REVIEW_WITHDRAWN_ERROR, yes=yes))
    sheet.add_data_validation(choose)
    sheet.add_data_validation(withdraw)
    for n, line in enumerate(rows, start=1):
        row = HEADER_ROW + n
        sheet.cell(row, 1).value = n
        typed = prefill.typed.get(line.key, {})
        values = (line.kind, line.side, line.who, line.when, line.where, line.what,
                  typed.get("decision", line.decision), typed.get("response", line.response), typed.get("withdrawn", line.withdrawn),
                  line.key)
        for col, value in enumerate(values, start=2):
            if value:
                put_text(sheet.cell(row, col), value)
        for col in range(1, len(HEADERS) + 1):
            cell = sheet.cell(row, col)
            cell.alignment, cell.border = WRAP, BOX
        for name, col in INPUTS.items():
            style_input(sheet.cell(row, col))
            said = prefill.problems.get((line.key, name))
            if said:
                sheet.cell(row, col).fill = PROBLEM
                sheet.cell(row, col).comment = Comment("\n".join(said), "MECIGEP", width=300, height=120)
        choose.add(sheet.cell(row, INPUTS["decision"]))
        withdraw.add(sheet.cell(row, INPUTS["withdrawn"]))
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions[get_letter(KEY_COLUMN)].hidden = True
    fit_rows(sheet)  # every row as tall as its text (workbooks/fit.py)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_letter(len(HEADERS))}{max(HEADER_ROW + 1, HEADER_ROW + len(rows))}"
    sheet.protection.sheet = True
    for allowed in ("formatColumns", "formatRows", "autoFilter", "sort"):
        setattr(sheet.protection, allowed, False)
    fit_to_width(sheet, landscape=True)
    _metadata(wb, identity)
    return save_atomically(wb, target)


def get_letter(column: int) -> str:
    return chr(ord("A") + column - 1)


def _metadata(wb: Workbook, identity: MatrixIdentity) -> None:
    sheet = wb.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(identity.as_dict().items(), start=1):
        put_text(sheet.cell(row, 1), key)
        put_text(sheet.cell(row, 2), value)
        wb.custom_doc_props.append(StringProperty(name=f"mecigep_{key}", value=value))
    sheet.sheet_state = "veryHidden"


@dataclass(frozen=True)
class RawMatrix:
    """What a returned matrix holds: for each observation key, the three answer cells as typed."""

    rows: dict[str, dict[str, RawValue]]


def read_review_matrix(path: Path) -> RawMatrix:
    """Reads the answer cells of every row that carries a key, below the header row (found by its name)."""
    wb = load_workbook(path, data_only=True)
    header = named_cells(wb, HEADER_NAME)
    sheet = header[0].parent if header else wb.worksheets[0]
    first = (header[0].row if header else HEADER_ROW) + 1
    rows: dict[str, dict[str, RawValue]] = {}
    for row in range(first, sheet.max_row + 1):
        key = sheet.cell(row, KEY_COLUMN).value
        if not isinstance(key, str) or not key.strip():
            continue
        rows[key.strip()] = {name: RawValue(sheet.cell(row, col).value, Location(sheet=sheet.title, cell=f"{get_letter(col)}{row}"))
                             for name, col in INPUTS.items()}
    return RawMatrix(rows)
