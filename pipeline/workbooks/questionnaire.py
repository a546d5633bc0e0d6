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
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, DataBarRule, FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import messages as m
from ..expressions import parse
from ..frameworks import Dimension, Framework, Question, QuestionType, pick
from ..i18n import format_date, translate
from .cells import BOX, HEADER_FILL, HEADER_FONT, INPUT_FILL, TITLE_FONT, UNLOCKED, WRAP
from .formulas import FormulaContext, cell_name, list_name, text_literal, to_formula

KIND = "questionnaire"
META_SHEET = "_mecigep"
LISTS_SHEET = "_lists"
EXCEL_CELL_LIMIT = 32_767
FIRST_ROW = 4  # first question row of a dimension sheet; rows 1-3 are title, guidance and headers
COLUMNS = ("id", "question", "help", "answer", "evidence", "status")
WIDTHS = {"A": 9, "B": 55, "C": 55, "D": 30, "E": 40, "F": 18}
GREY = PatternFill("solid", fgColor="E7E6E6")
PENDING = PatternFill("solid", fgColor="F8CBAD")
CHECK = PatternFill("solid", fgColor="FFD966")
DONE = PatternFill("solid", fgColor="C6E0B4")
PROBLEM = PatternFill("solid", fgColor="FF9999")
FORBIDDEN_IN_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Identity:
    """What a questionnaire says about itself, in its metadata sheet and document properties."""

    questionnaire_id: str
    round_id: str
    institution_id: str
    framework_id: str
    framework_version: str
    language: str
    structure_hash: str
    issued: str  # ISO date

    def as_dict(self) -> dict[str, str]:
        return {"kind": KIND, **self.__dict__}


@dataclass(frozen=True)
class Cover:
    """The round facts the instructions sheet shows."""

    topic: str
    country: str
    institution: str
    deadline: dt.date | None
    contact: str


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


def fit_to_width(sheet: Worksheet, landscape: bool = False) -> None:
    """Prints the sheet one page wide, as many pages long as it needs."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def put_text(cell: Cell, text: str) -> None:
    """Writes ``text`` as text, never as a formula, refusing to cut it at Excel's cell limit."""
    if len(text) > EXCEL_CELL_LIMIT:
        raise ValueError(f"{len(text)} characters do not fit in one cell")
    cell.value = text
    cell.data_type = "s"


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
        self.status = {
            "answered": self.t(m.Q_STATUS_ANSWERED),
            "pending": self.t(m.Q_STATUS_PENDING),
            "optional": self.t(m.Q_STATUS_OPTIONAL),
            "na": self.t(m.Q_STATUS_NOT_APPLICABLE),
            "check": self.t(m.Q_STATUS_CHECK),
            "evidence": self.t(m.Q_STATUS_EVIDENCE),
        }
        self.list_ranges: dict[str, str] = {}
        self.marked: list[tuple[str, str, str]] = []  # (sheet, cell, sentence) of each problem shown
        self.validations: dict[str, DataValidation] = {}

    def t(self, message: str, **params: Any) -> str:
        return translate(message, self.lang, **params)

    def name(self, name: str, sheet: Worksheet, ref: str) -> None:
        title = sheet.title.replace("'", "''")
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"'{title}'!{ref}")

    # Sheets

    def write(self) -> Workbook:
        instructions = self.wb.active
        instructions.title = self.t(m.Q_SHEET_INSTRUCTIONS)
        self.lists()
        self.instructions(instructions)
        self.respondent(self.wb.create_sheet(self.t(m.Q_SHEET_RESPONDENT)))
        summary = self.wb.create_sheet(self.t(m.Q_SHEET_SUMMARY))
        status_names = [self.dimension(i, d) for i, d in enumerate(self.fw.dimensions, start=1)]
        self.summary(summary, status_names)
        if self.prefill.any:
            self.problems_sheet()
        self.metadata()
        self.wb.move_sheet(LISTS_SHEET, offset=len(self.wb.sheetnames))
        self.wb.move_sheet(META_SHEET, offset=len(self.wb.sheetnames))
        return self.wb

    def lists(self) -> None:
        sheet = self.wb.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        lists = {"_yes_no": ((self.yes, "yes"), (self.no, "no"))}
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

    def instructions(self, sheet: Worksheet) -> None:
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 95
        put_text(sheet["A1"], self.t(m.Q_TITLE, topic=self.cover.topic))
        sheet["A1"].font = TITLE_FONT
        facts = [
            (m.Q_ROUND, self.id.round_id),
            (m.Q_COUNTRY, self.cover.country),
            (m.Q_INSTITUTION, self.cover.institution),
            (m.Q_DEADLINE, format_date(self.cover.deadline, self.lang) if self.cover.deadline else "—"),
            (m.Q_CONTACT, self.cover.contact),
            (m.Q_FRAMEWORK, f"{pick(self.fw.title, self.lang)} ({self.fw.id} {self.fw.version})"),
        ]
        row = 3
        for label, value in facts:
            put_text(sheet.cell(row, 1), self.t(label))
            sheet.cell(row, 1).font = Font(bold=True)
            put_text(sheet.cell(row, 2), value)
            row += 1
        row += 1
        for text in (self.t(m.Q_PURPOSE), self.t(m.Q_HOW_TO_FILL), self.t(m.Q_HOW_TO_RETURN), self.t(m.Q_EVIDENCE_RULE)):
            self.paragraph(sheet, row, text)
            row += 1
        row += 1
        put_text(sheet.cell(row, 1), self.t(m.Q_SCALE_TITLE))
        sheet.cell(row, 1).font = Font(bold=True, color="1F4E79")
        row += 1
        for key, message in m.Q_SCALE.items():
            self.paragraph(sheet, row, self.t(message))
            row += 1
        if self.fw.note:
            row += 1
            self.paragraph(sheet, row, self.t(m.Q_ILLUSTRATIVE, note=self.fw.note))
            sheet.cell(row, 1).font = Font(italic=True, color="7F7F7F")
        sheet.protection.sheet = True
        sheet.sheet_view.showGridLines = False
        fit_to_width(sheet)

    def paragraph(self, sheet: Worksheet, row: int, text: str) -> None:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = sheet.cell(row, 1)
        put_text(cell, text)
        cell.alignment = WRAP
        sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(text) / 115))

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
            self.answer_style(cell)
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
        status_rows = []
        for question in dimension.questions:
            row = self.question(sheet, row, question, status_rows)
        last = max(row - 1, FIRST_ROW)
        status_name = f"status_{dimension.name}"
        self.name(status_name, sheet, f"$F${FIRST_ROW}:$F${last}")
        for kind, fill in (("pending", PENDING), ("check", CHECK), ("evidence", CHECK), ("na", GREY), ("answered", DONE)):
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
        self.answer_style(evidence)
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
                self.answer_style(option_cell)
                self.validation("_yes_no", sheet).add(option_cell)
                name = cell_name(q.name, choice.name)
                self.name(name, sheet, f"$D${row}")
                self.fill(name, option_cell)
                for col in range(1, 7):
                    sheet.cell(row, col).border = BOX
            self.name(cell_name(q.name), sheet, f"$D${first_row + 1}:$D${row}")
            answered = f"COUNTA({cell_name(q.name)})>0"
        else:
            self.answer_style(answer)
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
        status.value = "=" + self.status_formula(q, answered)
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

    def status_formula(self, q: Question, answered: str) -> str:
        ctx = FormulaContext(self.fw, self.yes, q)
        s = {k: text_literal(v) for k, v in self.status.items()}
        result = s["answered"]
        if q.evidence != "no":
            asked = self.evidence_formula(q)
            result = f'IF(AND({asked},LEN(TRIM(e_{q.name}))=0),{s["evidence"]},{result})'
        if q.constraint:
            result = f'IF({to_formula(parse(q.constraint), ctx)},{result},{s["check"]})'
        formula = f'IF({answered},{result},{s["pending"] if q.required else s["optional"]})'
        if q.relevant:
            formula = f'IF({to_formula(parse(q.relevant), ctx)},{formula},{s["na"]})'
        return formula

    def evidence_formula(self, q: Question) -> str:
        code = f'IFERROR(VLOOKUP({cell_name(q.name)},{list_name(q.list_name or "")},2,FALSE),"")' if q.list_name else cell_name(q.name)
        if q.evidence.isdigit():
            return f"IFERROR(VALUE({code})>={int(q.evidence)},FALSE)"
        if q.type is QuestionType.SELECT_MULTIPLE:
            return f"COUNTIF({cell_name(q.name)},{text_literal(self.yes)})>0"
        return f'AND(LEN(TRIM({cell_name(q.name)}))>0,{code}<>"no",{code}<>"na",{code}<>"ii")'

    def validation(self, rule: str, sheet: Worksheet) -> DataValidation:
        key = f"{sheet.title}\x00{rule}"
        found = self.validations.get(key)
        if found is not None:
            return found
        if rule == "integer":
            dv = DataValidation(type="whole", operator="between", formula1="-2147483647", formula2="2147483647",
                                promptTitle=self.t(m.Q_WHOLE), error=self.t(m.Q_WHOLE_ERROR))
        elif rule == "decimal":
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                                promptTitle=self.t(m.Q_DECIMAL), error=self.t(m.Q_DECIMAL_ERROR))
        elif rule == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="1",
                                promptTitle=self.t(m.Q_DATE), prompt=self.t(m.Q_DATE_ERROR), error=self.t(m.Q_DATE_ERROR))
        else:
            dv = DataValidation(type="list", formula1=self.list_ranges[rule], promptTitle=self.t(m.Q_CHOOSE)[:32],
                                prompt=self.t(m.Q_CHOOSE), error=self.t(m.Q_CHOOSE_ERROR))
        dv.allow_blank = True
        dv.showInputMessage = True
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        sheet.add_data_validation(dv)
        self.validations[key] = dv
        return dv

    @staticmethod
    def answer_style(cell: Cell) -> None:
        cell.fill = INPUT_FILL
        cell.border = BOX
        cell.protection = UNLOCKED
        cell.alignment = WRAP

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

    def summary(self, sheet: Worksheet, status_names: list[str]) -> None:
        headers = (m.Q_HEADER_DIMENSION, m.Q_HEADER_APPLICABLE, m.Q_HEADER_ANSWERED, m.Q_HEADER_PENDING, m.Q_HEADER_PROGRESS)
        put_text(sheet["A1"], self.t(m.Q_SHEET_SUMMARY))
        sheet["A1"].font = TITLE_FONT
        for col, header in enumerate(headers, start=1):
            cell = sheet.cell(3, col)
            put_text(cell, self.t(header))
            cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions["A"].width = 55
        for letter in "BCDE":
            sheet.column_dimensions[letter].width = 16
        s = {k: text_literal(v) for k, v in self.status.items()}
        row = 4
        for dimension, status in zip(self.fw.dimensions, status_names):
            put_text(sheet.cell(row, 1), pick(dimension.label, self.lang))
            done = f"COUNTIF({status},{s['answered']})"
            todo = f"COUNTIF({status},{s['pending']})+COUNTIF({status},{s['check']})+COUNTIF({status},{s['evidence']})"
            sheet.cell(row, 2).value = f"={done}+{todo}"
            sheet.cell(row, 3).value = f"={done}"
            sheet.cell(row, 4).value = f"={todo}"
            sheet.cell(row, 5).value = f'=IF(B{row}=0,1,C{row}/B{row})'
            row += 1
        last = row - 1
        put_text(sheet.cell(row, 1), self.t(m.Q_TOTAL))
        for col in "BCD":
            sheet[f"{col}{row}"] = f"=SUM({col}4:{col}{last})"
        sheet[f"E{row}"] = f"=IF(B{row}=0,1,C{row}/B{row})"
        for r in range(4, row + 1):
            sheet[f"E{r}"].number_format = "0%"
            for col in "ABCDE":
                sheet[f"{col}{r}"].border = BOX
        for col in "ABCDE":
            sheet[f"{col}{row}"].font = Font(bold=True)
        self.name("progress_total", sheet, f"$E${row}")
        sheet.conditional_formatting.add(f"E4:E{last}", DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1, color="5B9BD5"))
        sheet.row_dimensions[3].height = 32
        sheet.protection.sheet = True
        fit_to_width(sheet)

    def problems_sheet(self) -> None:
        sheet = self.wb.create_sheet(self.t(m.Q_SHEET_PROBLEMS), 1)
        sheet.sheet_properties.tabColor = "C00000"
        for col, header in enumerate((m.WHERE_SHEET, m.WHERE_CELL, m.Q_HEADER_FIX), start=1):
            cell = sheet.cell(1, col)
            put_text(cell, self.t(header, sheet="", cell="").strip().capitalize())
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        rows = [("", "", sentence) for sentence in self.prefill.general] + self.marked
        for row, (where_sheet, where_cell, sentence) in enumerate(rows, start=2):
            for col, value in enumerate((where_sheet, where_cell, sentence), start=1):
                put_text(sheet.cell(row, col), value)
                sheet.cell(row, col).alignment = WRAP
            sheet.row_dimensions[row].height = 15 * max(1, math.ceil(len(sentence) / 110), math.ceil(len(where_sheet) / 32))
        sheet.column_dimensions["A"].width = 34
        sheet.column_dimensions["B"].width = 10
        sheet.column_dimensions["C"].width = 100
        sheet.freeze_panes = "A2"
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
        self.wb.properties.title = self.t(m.Q_TITLE, topic=self.cover.topic)
        self.wb.properties.subject = f"{self.id.round_id} / {self.id.institution_id}"
        self.wb.properties.creator = "MECIGEP"


def write_questionnaire(path: Path, framework: Framework, identity: Identity, cover: Cover, prefill: Prefill | None = None) -> Path:
    """Writes the questionnaire (or, with ``prefill``, its feedback copy) to ``path`` atomically; returns ``path``."""
    workbook = _Writer(framework, identity, cover, prefill).write()
    workbook.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    workbook.save(tmp)
    with open(tmp, "rb") as handle:
        import os

        os.fsync(handle.fileno())
    tmp.replace(path)
    return path
