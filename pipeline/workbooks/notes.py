"""The interview notes workbook a peer expert fills during and after the interviews (step 4).

The one place that knows its shape. Sheets, in the round's language: instructions; the notes, with the
expert's name and e-mail on top and one row per institution interviewed × positive element of the
framework; a hidden lists sheet holding the dropdowns' values; a very hidden ``_mecigep`` metadata sheet
(repeated as ``mecigep_*`` custom properties). Every input cell has a defined name — ``expert_name``,
``expert_email`` and ``n_<row key>_<field>`` — so an inserted row or a renamed sheet does not matter.
``read_notes`` reads them back, values as stored. The wording is in ``i18n/messages/notes.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.notes import CHOICES, FIELDS, RowSpec, row_specs
from pipeline.domain.problems import Location
from pipeline.domain.raw import RawNotes, RawValue
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.book import Book, open_book
from pipeline.workbooks.cells import (
    BOLD_FONT,
    BOX,
    LABEL_FONT,
    TITLE_FONT,
    WRAP,
    define_name,
    style_header,
    style_input,
)
from pipeline.workbooks.fit import fit_rows
from pipeline.workbooks.questionnaire import LISTS_SHEET, META_SHEET
from pipeline.workbooks.response import column_letter, identity_of
from pipeline.workbooks.sheets import PROBLEM, fit_to_width, put_text, save_atomically

KIND = "interview_notes"
EXPERT_FIELDS = ("expert_name", "expert_email")
HEADER_ROW = 5  # rows 1-4: title, expert's name, expert's e-mail, guidance
FIRST_ROW = HEADER_ROW + 1
COLUMNS = ("institution", "element") + FIELDS
WIDTHS = dict(zip("ABCDEFGHI", (22, 36, 42, 17, 30, 30, 40, 12, 18)))
QUESTIONS_FONT = InlineFont(rFont="Calibri", color="7F7F7F", sz=9)
NEW_INSTITUTION = Side(style="medium", color="1F4E79")
_NAME = re.compile(r"^n_(.+)_(" + "|".join(FIELDS) + r")$")


def cell_name(key: str, field_: str) -> str:
    """The defined name of a row's input cell, e.g. ``n_mef_pl_e1_finding``."""
    return f"n_{key}_{field_}"


@dataclass(frozen=True)
class NotesIdentity:
    """What a notes workbook says about itself; ``expert`` is the e-mail, empty for the panel's one."""

    notes_id: str
    round_id: str
    expert: str
    framework_id: str
    framework_version: str
    language: str
    issued: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": KIND, **self.__dict__}


@dataclass(frozen=True)
class NotesCover:
    """What the workbook shows: round facts, the institutions (id, display) and the elements
    (id, label, question ids) its rows are made of, and the expert's name and e-mail to put in."""

    topic: str
    country: str
    framework: str
    visit: str
    contact: str
    institutions: tuple[tuple[str, str], ...]
    elements: tuple[tuple[str, str, tuple[str, ...]], ...]
    expert_name: str = ""
    expert_email: str = ""

    @property
    def specs(self) -> list[RowSpec]:
        return row_specs([i for i, _ in self.institutions], [e for e, _, _ in self.elements])


@dataclass(frozen=True)
class NotesPrefill:
    """A feedback copy: values typed (cell name -> value), problems by cell name, problems of no cell."""

    answers: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, identity: NotesIdentity, cover: NotesCover, prefill: NotesPrefill | None) -> None:
        self.id, self.cover = identity, cover
        self.prefill = prefill or NotesPrefill()
        self.wb = Workbook()
        self.ranges: dict[str, str] = {}
        self.marked: list[tuple[str, str]] = []  # (sheet!cell, sentence) of each problem shown
        self.institutions = dict(cover.institutions)
        self.elements = {element: (label, questions) for element, label, questions in cover.elements}

    def t(self, message: str, **params: Any) -> str:
        return translate(message, self.id.language, **params)

    def write(self) -> Workbook:
        first = self.wb.active
        first.title = self.t(m.Q_SHEET_INSTRUCTIONS)
        self.lists()
        self.instructions(first)
        self.notes(self.wb.create_sheet(self.t(m.NOTES_SHEET_NOTES)))
        if self.prefill.problems or self.prefill.general:
            self.problems_sheet()
        self.metadata()
        for hidden in (LISTS_SHEET, META_SHEET):
            self.wb.move_sheet(hidden, offset=len(self.wb.sheetnames))
        self.wb.active = 1 if self.prefill.problems or self.prefill.general else 0
        return self.wb

    def lists(self) -> None:
        sheet = self.wb.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        row = 1
        for list_, codes in CHOICES.items():
            labels = m.NOTES_ASSESSMENTS if list_ == "assessment" else m.NOTES_PRIORITIES
            for offset, code in enumerate(codes):
                put_text(sheet.cell(row + offset, 1), self.t(labels[code]))
                put_text(sheet.cell(row + offset, 2), code)
            last = row + len(codes) - 1
            define_name(self.wb, f"list_{list_}", sheet, f"A{row}:B{last}")
            self.ranges[list_] = f"'{LISTS_SHEET}'!$A${row}:$A${last}"
            row = last + 1

    def paragraph(self, sheet: Worksheet, row: int, text: str, font: Font | None = None) -> None:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        put_text(sheet.cell(row, 1), text)
        sheet.cell(row, 1).alignment = WRAP
        if font:
            sheet.cell(row, 1).font = font

    def instructions(self, sheet: Worksheet) -> None:
        n, cover = m, self.cover
        sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 28, 95
        put_text(sheet["A1"], self.t(n.NOTES_TITLE, topic=cover.topic))
        sheet["A1"].font = TITLE_FONT
        facts = ((m.Q_ROUND, self.id.round_id), (m.Q_COUNTRY, cover.country), (m.Q_FRAMEWORK, cover.framework),
                 (n.NOTES_VISIT, cover.visit), (m.Q_CONTACT, cover.contact), (n.NOTES_REFERENCE, self.id.notes_id))
        for row, (label, value) in enumerate(facts, start=3):
            put_text(sheet.cell(row, 1), self.t(label))
            sheet.cell(row, 1).font = BOLD_FONT
            put_text(sheet.cell(row, 2), value)
        row = 3 + len(facts) + 1
        for text in (n.NOTES_PURPOSE, n.NOTES_HOW_TO_FILL):
            self.paragraph(sheet, row, self.t(text))
            row += 1
        row += 1
        self.paragraph(sheet, row, self.t(n.NOTES_SCALE_TITLE), LABEL_FONT)
        for code in CHOICES["assessment"]:
            row += 1
            self.paragraph(sheet, row, self.t(n.NOTES_ASSESSMENT_MEANING[code]))
        row += 1
        self.paragraph(sheet, row, self.t(n.NOTES_PRIORITY_MEANING))
        row += 2
        self.paragraph(sheet, row, self.t(n.NOTES_HOW_TO_RETURN))
        fit_rows(sheet)
        sheet.protection.sheet = True
        sheet.sheet_view.showGridLines = False
        fit_to_width(sheet)

    def notes(self, sheet: Worksheet) -> None:
        n = m
        for letter, width in WIDTHS.items():
            sheet.column_dimensions[letter].width = width
        sheet.merge_cells("A1:I1")
        put_text(sheet["A1"], self.t(n.NOTES_TITLE, topic=self.cover.topic))
        sheet["A1"].font = TITLE_FONT
        for row, (name, label, value) in enumerate((("expert_name", n.NOTES_EXPERT_NAME, self.cover.expert_name),
                                                    ("expert_email", n.NOTES_EXPERT_EMAIL, self.cover.expert_email)), start=2):
            put_text(sheet.cell(row, 1), self.t(label))
            sheet.cell(row, 1).font = BOLD_FONT
            sheet.cell(row, 1).alignment = WRAP
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            self.input(sheet.cell(row, 2), name, value)
        sheet.merge_cells("A4:I4")
        put_text(sheet["A4"], self.t(n.NOTES_SHEET_HINT))
        sheet["A4"].alignment = WRAP
        for col, key in enumerate(COLUMNS, start=1):
            put_text(sheet.cell(HEADER_ROW, col), self.t(n.NOTES_HEADERS[key]))
        style_header(sheet[HEADER_ROW])
        fit_rows(sheet, range(1, FIRST_ROW))
        specs = self.cover.specs
        for row, spec in enumerate(specs, start=FIRST_ROW):
            self.row(sheet, row, spec, new_institution=row > FIRST_ROW and spec.institution != specs[row - FIRST_ROW - 1].institution)
        last = FIRST_ROW + max(len(specs), 1) - 1
        for field_ in CHOICES:
            letter = get_column_letter(COLUMNS.index(field_) + 1)
            dv = DataValidation(type="list", formula1=self.ranges[field_], allow_blank=True, showErrorMessage=True,
                                showInputMessage=True, errorStyle="stop", promptTitle=self.t(m.Q_CHOOSE)[:32],
                                prompt=self.t(m.Q_CHOOSE), error=self.t(m.Q_CHOOSE_ERROR))
            dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
            sheet.add_data_validation(dv)
        sheet.freeze_panes = f"C{FIRST_ROW}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        fit_to_width(sheet, landscape=True)
        sheet.protection.sheet = True
        sheet.protection.formatColumns = sheet.protection.formatRows = False

    def row(self, sheet: Worksheet, row: int, spec: RowSpec, new_institution: bool) -> None:
        """One institution × element: the two locked cells saying which, then the named input cells."""
        institution = self.institutions[spec.institution]
        label, questions = self.elements[spec.element]
        listed = "\n" + self.t(m.NOTES_ELEMENT_QUESTIONS, questions=", ".join(questions)) if questions else ""
        put_text(sheet.cell(row, 1), institution)
        sheet.cell(row, 2).value = CellRichText(label, TextBlock(QUESTIONS_FONT, listed)) if listed else label
        for col in (1, 2):
            sheet.cell(row, col).alignment, sheet.cell(row, col).border = WRAP, BOX
        for col, field_ in enumerate(FIELDS, start=3):
            self.input(sheet.cell(row, col), cell_name(spec.key, field_), None)
        if new_institution:  # a line between institutions
            for cell in sheet[row][:len(COLUMNS)]:
                cell.border = Border(left=cell.border.left, right=cell.border.right, bottom=cell.border.bottom, top=NEW_INSTITUTION)
        fit_rows(sheet, [row], minimum=60)

    def input(self, cell: Any, name: str, value: Any) -> None:
        style_input(cell)
        define_name(self.wb, name, cell.parent, cell.coordinate)
        value = self.prefill.answers.get(name, value)
        if isinstance(value, str):
            put_text(cell, value)
        elif value is not None:
            cell.value = value
        sentences = self.prefill.problems.get(name)
        if sentences:
            cell.fill = PROBLEM
            cell.comment = Comment("\n".join(sentences), "MECIGEP", width=320, height=120)
            self.marked.extend((f"{cell.parent.title}!{cell.coordinate}", s) for s in sentences)

    def problems_sheet(self) -> None:
        sheet = self.wb.create_sheet(self.t(m.Q_SHEET_PROBLEMS), 1)
        sheet.sheet_properties.tabColor = "C00000"
        put_text(sheet["A1"], self.t(m.NOTES_WHERE))
        put_text(sheet["B1"], self.t(m.Q_HEADER_FIX))
        style_header(sheet[1])
        rows = [("", s) for s in self.prefill.general] + self.marked
        for row, (where, sentence) in enumerate(rows, start=2):
            put_text(sheet.cell(row, 1), where)
            put_text(sheet.cell(row, 2), sentence)
            sheet.cell(row, 1).alignment = sheet.cell(row, 2).alignment = WRAP
        sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 30, 95
        fit_rows(sheet)
        sheet.protection.sheet = True
        fit_to_width(sheet, landscape=True)

    def metadata(self) -> None:
        sheet = self.wb.create_sheet(META_SHEET)
        for row, (key, value) in enumerate(self.id.as_dict().items(), start=1):
            put_text(sheet.cell(row, 1), key)
            put_text(sheet.cell(row, 2), value)
            self.wb.custom_doc_props.append(StringProperty(name=f"mecigep_{key}", value=value))
        sheet.sheet_state = "veryHidden"
        sheet.protection.sheet = True
        self.wb.properties.title = self.t(m.NOTES_TITLE, topic=self.cover.topic)
        self.wb.properties.subject = f"{self.id.round_id} / {self.id.expert or 'panel'}"
        self.wb.properties.creator = "MECIGEP"


def write_notes(path: Path, identity: NotesIdentity, cover: NotesCover, prefill: NotesPrefill | None = None) -> Path:
    """Writes the notes workbook (or, with ``prefill``, its feedback copy) to ``path`` atomically; returns ``path``."""
    return save_atomically(_Writer(identity, cover, prefill).write(), path)


def read_notes(path: Path, book: Book | None = None) -> RawNotes:
    """The identity and every named input cell of the notes workbook at ``path`` (or ``book``, already opened),
    values as stored."""
    path = Path(path)
    book = book if book is not None else open_book(path)

    def raw(name: str) -> RawValue | None:
        areas = book.names.get(name)
        if not areas or any(area.sheet not in book.sheet_names for area in areas):
            return None
        area = areas[0]
        return RawValue(book.values(area.sheet).get((area.top, area.left)),
                        Location(file=path.name, sheet=area.sheet, cell=f"{column_letter(area.left)}{area.top}"))

    expert = {name: found for name in EXPERT_FIELDS if (found := raw(name)) is not None}
    rows: dict[str, dict[str, RawValue]] = {}
    for name in book.names:
        match = _NAME.match(name)
        if match and (found := raw(name)) is not None:
            rows.setdefault(match.group(1), {})[match.group(2)] = found
    return RawNotes(identity_of(book), expert, rows, path.name)
