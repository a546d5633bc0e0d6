"""What the consolidated workbook is made of — sheets of tables of values, and charts — and the view every sheet's
module reads the round through (labels in the workbook's language, answers as people read them). Pure: the
sheets are decided in ``consolidation.py`` and its sibling modules, laid out by ``workbooks/consolidated.py``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from pipeline.analysis.returns import incomplete_in_means, return_status
from pipeline.analysis.round_data import InstitutionData, RoundData
from pipeline.domain.answers import AnswerRecord
from pipeline.domain.framework import Question, QuestionType, pick
from pipeline.i18n.messages.consolidation import CONS_CORRECTED, CONS_RETURN, CONS_RETURNS, CONS_STATUSES
from pipeline.i18n.messages.returns import RETURN_LEFT_OUT_NOTE, RETURN_MARK, RETURN_MEAN_MARK
from pipeline.i18n.translation import format_date, format_number, translate


@dataclass(frozen=True)
class Column:
    """A column and how its values are shown: "code", "short", "name", "text", "long", "score", "percent", "level",
    "change" (a signed difference of scores)."""

    header: str
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    name: str  # the Excel table's name
    title: str  # shown above it; empty for none
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    muted: frozenset[int] = frozenset()  # rows of institutions that sent nothing, or of checks explained
    marked: Mapping[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> why: a DGPE correction
    formats: Mapping[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> number format: a unit


@dataclass(frozen=True)
class Sheet:
    """A sheet: its tab's name (also its heading, under the workbook's title), lines of text, then its tables."""

    title: str
    intro: tuple[str, ...]
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Chart:
    """A bar chart of ``table``: one bar group per row (labels from column ``categories``), one series per column."""

    title: str
    y_title: str
    x_title: str
    table: str
    categories: int
    series: tuple[int, ...]
    horizontal: bool = False
    mean: int | None = None  # the series (a column of ``series``) that is the round's mean, drawn apart; None for none


@dataclass(frozen=True)
class Consolidated:
    title: str
    subject: str
    sheets: tuple[Sheet, ...]
    charts_title: str
    charts: tuple[Chart, ...]


class View:
    """The round as the workbook shows it, in ``lang``."""

    def __init__(self, data: RoundData, lang: str) -> None:
        self.data, self.fw, self.lang = data, data.framework, lang
        self.questions = [q for q in self.fw.questions if q.answerable]
        self.dimension_of = {q.name: d for d in self.fw.dimensions for q in (*d.questions, *(q for r in d.repeats for q in r.questions))}
        self.acronyms = {i.institution.id: i.institution.acronym for i in data.institutions}

    def t(self, message: str, **params: object) -> str:
        return translate(message, self.lang, **params)

    def columns(self, *pairs: tuple[str, str]) -> tuple[Column, ...]:
        return tuple(Column(self.t(message), kind) for message, kind in pairs)

    def label(self, labels: dict[str, str], fallback: str = "") -> str:
        return pick(labels, self.lang, self.fw.default_language) or fallback

    def element(self, name: str | None) -> str:
        return self.label(self.fw.elements.get(name or "", {}), name or "")

    def dimension(self, name: str) -> str:
        return next((self.label(d.label, d.name) for d in self.fw.dimensions if d.name == name), name)

    def number(self, value: float | None, digits: int = 2) -> str:
        return "—" if value is None else format_number(value, self.lang, digits)

    def acronym(self, institution: object) -> str:
        return self.acronyms.get(str(institution), str(institution))

    def who(self, inst: InstitutionData) -> str:
        """An institution as a column header or in a chart's legend: its acronym, marked * when its return is
        incomplete and in the means (the sheet's notes say so)."""
        acronym = inst.institution.acronym
        return self.t(RETURN_MARK, institution=acronym) if inst.incomplete and not inst.left_out else acronym

    def mean_header(self, text: str) -> str:
        """The header of a round's mean, marked * when the mean includes incomplete returns."""
        return self.t(RETURN_MEAN_MARK, mean=text) if self.data.incomplete_in_means else text

    def returns(self) -> tuple[str, ...]:
        """The lines that say where each institution's return stands, and which means include incomplete ones."""
        lines = [self.t(CONS_RETURNS, returns="; ".join(self.t(CONS_RETURN, institution=i.institution.acronym,
                                                               status=return_status(i, self.lang)) for i in self.data.institutions))]
        if note := incomplete_in_means(self.data, self.lang):
            lines.append(note)
        if left_out := [i.institution.acronym for i in self.data.institutions if i.left_out]:
            lines.append(self.t(RETURN_LEFT_OUT_NOTE, institutions=", ".join(left_out)))
        return tuple(lines)

    def about(self, q: Question) -> tuple[str, str, str, str]:
        """A question's number, dimension, element and wording."""
        return self.fw.number(q) or q.name, self.label(self.dimension_of[q.name].label), self.element(q.element), self.label(q.label, q.name)

    def answer(self, q: Question, value: object) -> object:
        """A normalised answer as people read it: a choice's label, a date, a number or the text."""
        if value is None or value == "":
            return None
        if q.type is QuestionType.SELECT_ONE:
            return self.choice(q, str(value))
        if q.type is QuestionType.SELECT_MULTIPLE:
            return "; ".join(self.choice(q, str(code)) for code in (value if isinstance(value, (list, tuple)) else [value]))
        if q.type is QuestionType.DATE and isinstance(value, str):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        return value

    def answer_text(self, q: Question, value: object) -> str:
        """An answer as text (a date as the language writes it): for sentences."""
        shown = self.answer(q, value)
        if isinstance(shown, dt.date):
            return shown.isoformat()
        if isinstance(shown, float):
            return format_number(shown, self.lang, 0 if shown.is_integer() else 2)
        return "—" if shown is None else str(shown)

    def choice(self, q: Question, code: str) -> str:
        return next((self.label(c.label, c.name) for c in self.fw.options(q) if c.name == code), code)

    def raw(self, q: Question, answer: AnswerRecord | None) -> object:
        """What the official typed, when it is not what the Answer column shows (None then): a date as a date; for
        a multiple choice, each option's cell as 'option: typed'."""
        value = answer.raw if answer else None
        if q.type is not QuestionType.SELECT_MULTIPLE:
            if isinstance(value, dt.datetime) and value.time() == dt.time():
                value = value.date()
            if not (value is None or isinstance(value, (int, float, dt.date, dt.time)) and not isinstance(value, bool)):
                value = str(value)
            return None if _same(value, self.answer(q, answer.value if answer else None)) else value
        typed = dict(value) if isinstance(value, tuple) else {}
        return "\n".join(f"{self.label(c.label, c.name)}: {typed[c.name]}" for c in self.fw.options(q)
                         if typed.get(c.name) not in (None, "")) or None

    def unit_format(self, q: Question) -> str | None:
        """The number format that shows a number answer with its unit ("45 %"); None without a unit."""
        unit = self.label(q.unit)
        return 'General" ' + unit.replace('"', "") + '"' if unit and q.type in NUMBERS else None

    def correction(self, inst: InstitutionData, q: Question) -> str | None:
        """What DGPE corrected in the institution's answer to ``q``, as a sentence; None when nothing was."""
        found = inst.corrected.get(q.name)
        if found is None:
            return None
        return self.t(CONS_CORRECTED, before=self.answer_text(q, found.before), after=self.answer_text(q, found.after),
                      by=found.by, date=format_date(dt.date.fromisoformat(found.at[:10]), self.lang), note=found.note)

    def status(self, inst: InstitutionData, q: Question) -> str:
        status = inst.answers.status(q.name)
        code = "not_received" if inst.response is None else status.value if status else ""
        return self.t(CONS_STATUSES[code]) if code in CONS_STATUSES else code


NUMBERS = (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RANGE)


def _same(typed: object, shown: object) -> bool:
    """Whether what was typed reads as what the Answer column shows (then it is not repeated)."""
    if typed is None or shown is None:
        return typed is None
    if isinstance(typed, str) and isinstance(shown, str):
        return typed.strip().casefold() == shown.strip().casefold()
    if isinstance(typed, (int, float)) and isinstance(shown, (int, float)):
        return float(typed) == float(shown)
    return typed == shown
