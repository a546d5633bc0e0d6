"""Step 4: the consolidated view of a round's self-assessment, read by the panel before the interviews.

The consolidated workbook (``outbox/<round>/consolidado.xlsx``, in the round's language) holds every answer (as
typed and as understood), the answers side by side, the scores, the method that gives them, the gaps and
charts. This module decides what it says — rows, values and labels; ``workbooks/consolidated.py`` alone knows
the workbook's layout. What officials typed is passed on untouched, as text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from pipeline.analysis.round_data import InstitutionData, RoundData
from pipeline.analysis.scoring import DISAGREEMENT, LOW_SCORE, Gap, GapKind, InstitutionScores, Score
from pipeline.domain.answers import AnswerRecord
from pipeline.domain.framework import Question, QuestionType, pick
from pipeline.i18n import messages as m
from pipeline.i18n.messages.consolidation import (
    CONS_ANSWER,
    CONS_AXIS_SCORE,
    CONS_BY_DIMENSION,
    CONS_BY_ELEMENT,
    CONS_BY_INSTITUTION,
    CONS_CHART_DIMENSIONS,
    CONS_CHART_ELEMENTS,
    CONS_DETAIL,
    CONS_DIMENSION,
    CONS_ELEMENT,
    CONS_EVIDENCE,
    CONS_EVIDENCE_ASKED,
    CONS_EVIDENCE_FROM,
    CONS_FRAMEWORK,
    CONS_ID,
    CONS_INSTITUTION,
    CONS_KIND,
    CONS_LEVEL,
    CONS_MATURITY,
    CONS_METHOD,
    CONS_NAME,
    CONS_NO,
    CONS_NOT_RECEIVED_HEADER,
    CONS_OVERALL,
    CONS_PERCENT,
    CONS_QUESTION,
    CONS_RAW,
    CONS_RECEIVED,
    CONS_ROUND_MEAN,
    CONS_SCORE,
    CONS_SCORED,
    CONS_SCORES,
    CONS_SHEET_CHARTS,
    CONS_SHEET_GAPS,
    CONS_SHEET_LONG,
    CONS_SHEET_METHOD,
    CONS_SHEET_SCORES,
    CONS_SHEET_WIDE,
    CONS_STATUS,
    CONS_STATUSES,
    CONS_TITLE,
    CONS_TYPE,
    CONS_TYPE_MATURITY,
    CONS_WEIGHT,
    CONS_YES,
)
from pipeline.i18n.translation import format_number, translate

FILE_NAME = "consolidado.xlsx"

@dataclass(frozen=True)
class Column:
    """A column and how its values are shown: "code", "short", "name", "text", "long", "score", "percent", "level"."""

    header: str
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    name: str  # the Excel table's name
    title: str  # shown above it; empty for none
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    muted: frozenset[int] = frozenset()  # rows of institutions that sent nothing


@dataclass(frozen=True)
class Sheet:
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


@dataclass(frozen=True)
class Consolidated:
    title: str
    subject: str
    sheets: tuple[Sheet, ...]
    charts_title: str
    charts: tuple[Chart, ...]


def build(data: RoundData, lang: str) -> Consolidated:
    """What the consolidated workbook says, in ``lang``."""
    v = _View(data, lang)
    charts = (
        Chart(v.t(CONS_CHART_DIMENSIONS), v.t(CONS_AXIS_SCORE), v.t(CONS_DIMENSION), "ScoresByDimension", 1,
              tuple(2 + 2 * i for i in range(len(data.institutions)))),
        Chart(v.t(CONS_CHART_ELEMENTS), v.t(CONS_AXIS_SCORE), v.t(CONS_ELEMENT), "ScoresByElement", 1,
              tuple(2 + 2 * i for i in range(len(data.institutions) + 1)), horizontal=True),
    )
    return Consolidated(
        title=v.t(CONS_TITLE, round=data.round.id), subject=f"{data.framework.id} {data.framework.version}",
        sheets=(
            Sheet(v.t(CONS_SHEET_LONG), (), (v.long(),)),
            Sheet(v.t(CONS_SHEET_WIDE), (), (v.wide(),)),
            Sheet(v.t(CONS_SHEET_SCORES), (), (v.overall(), v.by_dimension(), v.by_element())),
            Sheet(v.t(CONS_SHEET_METHOD), v.method_text(), (v.method(),)),
            Sheet(v.t(CONS_SHEET_GAPS), (), (v.gaps(),)),
        ),
        charts_title=v.t(CONS_SHEET_CHARTS), charts=charts)


def _rounded(score: Score | None) -> tuple[float | None, float | None]:
    if score is None or score.value is None:
        return None, None
    return round(score.value, 2), round(score.value / 4, 4)


class _View:
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

    def who(self, inst: InstitutionData) -> str:
        """An institution as a column header: its acronym, saying so when it sent nothing."""
        acronym = inst.institution.acronym
        return acronym if inst.response else self.t(CONS_NOT_RECEIVED_HEADER, institution=acronym)

    def about(self, q: Question) -> tuple[str, str, str, str]:
        """A question's id, dimension, element and wording."""
        return q.name, self.label(self.dimension_of[q.name].label), self.element(q.element), self.label(q.label, q.name)

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

    def choice(self, q: Question, code: str) -> str:
        return next((self.label(c.label, c.name) for c in self.fw.options(q) if c.name == code), code)

    def raw(self, q: Question, answer: AnswerRecord | None) -> object:
        """What the official typed; for a multiple choice, each option's cell as 'option: typed'."""
        value = answer.raw if answer else None
        if q.type is not QuestionType.SELECT_MULTIPLE:
            return value if value is None or isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
        typed = dict(value) if isinstance(value, tuple) else {}
        return "\n".join(f"{self.label(c.label, c.name)}: {typed[c.name]}" for c in self.fw.options(q)
                         if typed.get(c.name) not in (None, "")) or None

    def status(self, inst: InstitutionData, q: Question) -> str:
        status = inst.answers.status(q.name)
        code = "not_received" if inst.response is None else status.value if status else ""
        return self.t(CONS_STATUSES[code]) if code in CONS_STATUSES else code

    def long(self) -> Table:
        columns = self.columns((CONS_INSTITUTION, "code"), (CONS_DIMENSION, "name"), (CONS_ELEMENT, "name"), (CONS_ID, "code"),
                               (CONS_QUESTION, "long"), (CONS_RAW, "text"), (CONS_ANSWER, "text"), (CONS_LEVEL, "level"),
                               (CONS_EVIDENCE, "text"), (CONS_STATUS, "short"))
        rows: list[tuple[object, ...]] = []
        muted: set[int] = set()
        for inst in self.data.institutions:
            answers, levels = inst.answers, inst.scores.levels if inst.scores else {}
            for q in self.questions:
                if inst.response is None:
                    muted.add(len(rows))
                q_id, dimension, element, text = self.about(q)
                rows.append((inst.institution.acronym, dimension, element, q_id, text, self.raw(q, answers.get(q.name)), self.answer(q, answers.value(q.name)),
                             levels.get(q.name), answers.get(q.name).evidence if answers.get(q.name) else None,
                             self.status(inst, q)))
            for repeat in self.fw.repeats:  # each row of a table, its questions numbered by row: "plan_year #2"
                for index, row in enumerate(answers.rows(repeat.name), start=1):
                    for q, record in ((q, row[q.name]) for q in repeat.questions if q.name in row):
                        q_id, dimension, element, text = self.about(q)
                        rows.append((inst.institution.acronym, dimension, element, f"{q_id} #{index}", text, self.raw(q, record),
                                     self.answer(q, record.value), None, None, self.t(CONS_STATUSES[record.status.value])))
        return Table("Answers", "", columns, tuple(rows), frozenset(muted))

    def wide(self) -> Table:
        columns = self.columns((CONS_ID, "code"), (CONS_DIMENSION, "name"), (CONS_QUESTION, "long")) + tuple(
            Column(self.who(i), "text" if i.response else "short") for i in self.data.institutions)
        rows = tuple((q.name, self.label(self.dimension_of[q.name].label), self.label(q.label, q.name),
                      *(self.answer(q, i.answers.value(q.name)) for i in self.data.institutions)) for q in self.questions)
        return Table("AnswersByQuestion", "", columns, rows)

    def overall(self) -> Table:
        columns = self.columns((CONS_INSTITUTION, "code"), (CONS_NAME, "long"), (CONS_SCORE, "score"), ("%", "percent"),
                               (CONS_SCORED, "level"), (CONS_MATURITY, "level"), (CONS_STATUS, "short"))
        rows = []
        for inst in self.data.institutions:
            score = inst.scores.overall if inst.scores else None
            rows.append((inst.institution.acronym, inst.institution.name, *_rounded(score), score.scored if score else None,
                         score.total if score else None, self.t(CONS_RECEIVED if inst.response else m.CONS_NOT_RECEIVED)))
        muted = frozenset(n for n, i in enumerate(self.data.institutions) if i.response is None)
        return Table("OverallScores", self.t(CONS_BY_INSTITUTION), columns, tuple(rows), muted)

    def matrix(self, name: str, title: str, header: str, keys: list[tuple[str, str]],
               score: Callable[[InstitutionScores, str], Score | None], mean: Callable[[str], Score | None] | None = None) -> Table:
        """Rows ``keys`` (id, label) × a score and a percent column per institution (and for the round's mean)."""
        heads = [self.who(i) for i in self.data.institutions] + ([self.t(CONS_ROUND_MEAN)] if mean else [])
        columns = [Column(self.t(CONS_ID), "code"), Column(header, "long")]
        columns += [c for h in heads for c in (Column(h, "score"), Column(self.t(CONS_PERCENT, name=h), "percent"))]
        rows = []
        for key, label in keys:
            cells: list[object] = [key, label]
            for inst in self.data.institutions:
                cells += _rounded(score(inst.scores, key) if inst.scores else None)
            rows.append(tuple(cells + (list(_rounded(mean(key))) if mean else [])))
        return Table(name, title, tuple(columns), tuple(rows))

    def by_dimension(self) -> Table:
        keys = [(d.name, self.label(d.label, d.name)) for d in self.fw.dimensions]
        return self.matrix("ScoresByDimension", self.t(CONS_BY_DIMENSION), self.t(CONS_DIMENSION), keys, lambda s, k: s.dimensions.get(k))

    def by_element(self) -> Table:
        overall = [i.scores.overall.value for i in self.data.received if i.scores and i.scores.overall.value is not None]
        round_overall = Score(sum(overall) / len(overall) if overall else None, len(overall), len(self.data.received))
        keys = [("", self.t(CONS_OVERALL))] + [(e, self.element(e)) for e in self.data.elements]
        return self.matrix("ScoresByElement", self.t(CONS_BY_ELEMENT), self.t(CONS_ELEMENT), keys,
                           lambda s, k: s.elements.get(k) if k else s.overall, lambda k: self.data.elements.get(k) if k else round_overall)

    def method_text(self) -> tuple[str, ...]:
        low, apart = format_number(LOW_SCORE, self.lang, 0), format_number(DISAGREEMENT, self.lang, 0)
        return (self.t(CONS_FRAMEWORK, title=self.label(self.fw.title, self.fw.id), framework=self.fw.id, version=self.fw.version),
                *(self.t(p, low=low, apart=apart) for p in CONS_METHOD))

    def method(self) -> Table:
        columns = self.columns((CONS_ID, "code"), (CONS_DIMENSION, "name"), (CONS_ELEMENT, "name"), (CONS_QUESTION, "long"),
                               (CONS_TYPE, "short"), (CONS_SCORES, "level"), (CONS_WEIGHT, "level"), (CONS_EVIDENCE_ASKED, "short"))
        rows = []
        for q in self.questions:
            maturity = self.fw.is_maturity(q)
            evidence = self.t(CONS_EVIDENCE_FROM, level=q.evidence) if q.evidence.isdigit() else self.t(CONS_YES if q.evidence == "yes" else CONS_NO)
            rows.append((*self.about(q), self.t(CONS_TYPE_MATURITY if maturity else m.CONS_TYPES[q.type]),
                         self.t(CONS_YES if maturity else CONS_NO), q.weight, evidence))
        return Table("Questions", "", columns, tuple(rows))

    def gaps(self) -> Table:
        columns = self.columns((CONS_KIND, "short"), (CONS_INSTITUTION, "code"), (CONS_ELEMENT, "name"), (CONS_ID, "code"),
                               (CONS_QUESTION, "long"), (CONS_DETAIL, "long"))
        muted = frozenset(n for n, g in enumerate(self.data.gaps) if g.kind is GapKind.NOT_RECEIVED)
        return Table("Gaps", "", columns, tuple(self.gap_row(g) for g in self.data.gaps), muted)

    def gap_row(self, gap: Gap) -> tuple[object, ...]:
        """A gap as a row: its kind, where it is, and a sentence saying what it is."""
        institution = self.acronyms.get(gap.institution or "", gap.institution)
        question = self.fw.question(gap.question) if gap.question else None
        number = lambda v: format_number(v, self.lang, 2)  # noqa: E731
        params: dict[str, object] = {"institution": institution or "", "question": gap.question or "",
                                     "threshold": format_number(LOW_SCORE, self.lang, 0), "apart": format_number(DISAGREEMENT, self.lang, 0)}
        params.update({k: number(v) if isinstance(v, float) else self.acronyms.get(v, v) if isinstance(v, str) else v
                       for k, v in gap.detail.items()})
        if isinstance(gap.detail.get("high_score"), (int, float)) and isinstance(gap.detail.get("low_score"), (int, float)):
            params["difference"] = number(gap.detail["high_score"] - gap.detail["low_score"])  # type: ignore[operator]
        return (self.t(m.CONS_GAP_KINDS[gap.kind]), institution, self.element(gap.element) or None, gap.question,
                self.label(question.label, question.name) if question else None, self.t(m.CONS_GAP_DETAILS[gap.kind], **params))
