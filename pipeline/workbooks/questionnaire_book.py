"""What every part of the questionnaire writer shares while it writes one workbook: the framework, the
language, the cells to prefill and the problems to mark (a feedback copy), the lists and validations made so far.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Border, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.framework import Framework, Labels, pick
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import define_name
from pipeline.workbooks.formulas import text_literal
from pipeline.workbooks.questionnaire_meta import Identity
from pipeline.workbooks.questionnaire_rules import data_validation, status_texts
from pipeline.workbooks.sheets import PROBLEM, put_text

LISTS_SHEET = "_lists"
RED = Side(style="medium", color="C00000")
TO_FIX = Border(left=RED, right=RED, top=RED, bottom=RED)


@dataclass(frozen=True)
class Prefill:
    """Answers to put back in a regenerated copy and problems to highlight (a feedback workbook).

    ``answers`` maps a cell name (``q_x``, ``q_x__opt``, ``e_x``, ``resp_name``…; ``q_x#2`` for the second row
    of a repeat) to the value to show; ``problems`` maps a cell name to the sentences to put in its comment;
    ``general`` holds problems that belong to no cell. Every problem is also listed on a sheet of its own, dated
    ``date`` (None: today)."""

    answers: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    date: dt.date | None = None

    @property
    def any(self) -> bool:
        return bool(self.problems or self.general)


def safe_name(text: str) -> str:
    """``text`` as a part of a defined name: letters, digits, '_' and '.' only."""
    return re.sub(r"[^A-Za-z0-9_.]", "_", text)


class Book:
    def __init__(self, framework: Framework, identity: Identity, prefill: Prefill | None) -> None:
        self.fw = framework
        self.id = identity
        self.lang = identity.language
        self.prefill = prefill or Prefill()
        self.wb = Workbook()
        self.yes = self.t(m.Q_YES)
        self.no = self.t(m.Q_NO)
        self.acknowledged = self.t(m.Q_ACKNOWLEDGED)
        self.status = status_texts(self.lang)
        self.list_ranges: dict[str, str] = {}  # list name -> range of its labels on the lists sheet
        self.filters: dict[str, tuple[str, str]] = {}  # question -> (parent question, name of its parent→range map)
        self.marked: list[tuple[str, str, str]] = []  # (sheet, cell, sentence) of each problem shown
        self.to_fix: dict[str, list[tuple[str, Any]]] = {}  # sheet -> (cell, value put back) of each cell to correct
        self.validations: dict[str, DataValidation] = {}

    def t(self, message: str, **params: Any) -> str:
        return translate(message, self.lang, **params)

    def label(self, labels: Labels, fallback: str = "") -> str:
        return pick(labels, self.lang, self.fw.default_language) or fallback

    def name(self, name: str, sheet: Worksheet, ref: str) -> None:
        define_name(self.wb, name, sheet, ref)

    def validation(self, rule: str, sheet: Worksheet, formula: str | None = None) -> DataValidation:
        """The validation of ``rule`` on ``sheet``, made once (``formula``: the list of a dependent dropdown)."""
        key = f"{sheet.title}\x00{rule}"
        found = self.validations.get(key)
        if found is not None:
            return found
        dv = data_validation(rule, self.lang, self.list_ranges, formula)
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
        """Comments a cell to correct with what to do; ``highlight`` then makes it red."""
        sentences = self.prefill.problems.get(name)
        if sentences:
            cell.comment = Comment("\n".join(sentences), "MECIGEP", width=320, height=120)
            self.marked.extend((cell.parent.title, cell.coordinate, s) for s in sentences)
            self.to_fix.setdefault(cell.parent.title, []).append((cell.coordinate, self.prefill.answers.get(name)))

    def highlight(self, sheet: Worksheet) -> None:
        """Makes each cell to correct on ``sheet`` red, framed in red, while it holds what was sent: a conditional
        format added before any other, so that it wins over the status colours; the cell takes its status colour
        once it is changed. Call it before adding the sheet's other conditional formats."""
        for coordinate, value in self.to_fix.get(sheet.title, []):
            if value is None or value == "":
                unchanged = f"LEN(TRIM({coordinate}))=0"
            elif isinstance(value, str):
                unchanged = f"{coordinate}={text_literal(value)}" if len(value) < 200 and "\n" not in value else "TRUE"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                unchanged = f"{coordinate}={value!r}"
            else:
                unchanged = "TRUE"
            sheet.conditional_formatting.add(coordinate, FormulaRule(formula=[unchanged], fill=PROBLEM, border=TO_FIX,
                                                                     stopIfTrue=True))
