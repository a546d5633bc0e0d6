"""Turning the raw cell values of a returned questionnaire into answers (step 2).

Pure: no Office library. Officials choose labels from drop-down lists, but also type codes,
numbers as text with spaces or commas, dates as text and "N/A"; each of these is understood
here, and what cannot be understood becomes a Problem at its cell — all of them, not the first.
Text is only trimmed, never evaluated.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.analysis.cell_values import (
    ACKNOWLEDGED,
    NA,
    Unreadable,
    as_text,
    date,
    fold,
    is_empty,
    moment,
    number,
    time,
    yes_no,
)
from pipeline.domain.framework import NOT_APPLICABLE, Framework, Question, QuestionType, pick
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.domain.raw import RawResponse, RawValue
from pipeline.i18n import messages as m
from pipeline.i18n.messages.answers import RESP_NOT_YES_NO, RESP_UNKNOWN_CHOICE
from pipeline.i18n.messages.xlsform import RESP_NOT_ACKNOWLEDGED
from pipeline.i18n.translation import translate

__all__ = ["Answer", "Normalised", "date", "fold", "is_empty", "moment", "normalise", "number", "time", "yes_no"]


@dataclass(frozen=True)
class Answer:
    """One answer: the value as stored in the cell, what it means, and where it is.

    ``value`` is a choice code (str) for select_one, a tuple of codes for select_multiple, int,
    float, ``datetime.date``, ``datetime.time``, ``datetime.datetime``, "OK" (acknowledge) or str for the other
    types; None when the cell is empty or not understood."""

    question: str
    raw: object
    value: object
    where: Location | None


@dataclass(frozen=True)
class Normalised:
    """The answers understood, by question (``repeats``: by repeat, each row's answers by question), and the
    problems met understanding them."""

    identity: dict[str, str]
    respondent: dict[str, Answer] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    evidence: dict[str, Answer] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    repeats: dict[str, tuple[dict[str, Answer], ...]] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def value(self, question: str) -> object:
        answer = self.answers.get(question)
        return answer.value if answer else None


class _Normaliser:
    def __init__(self, raw: RawResponse, framework: Framework, lang: str) -> None:
        self.raw = raw
        self.fw = framework
        self.lang = lang
        self.problems: list[Problem] = []

    def label(self, labels: dict[str, str], fallback: str) -> str:
        return pick(labels, self.lang, self.fw.default_language) or fallback

    def choice(self, q: Question, value: object) -> str:
        options = self.fw.options(q)
        typed = fold(as_text(value))
        for choice in options:
            if typed == fold(choice.name) or any(typed == fold(text) for text in choice.label.values() if text):
                return choice.name
        codes = {c.name for c in options}
        if self.fw.is_maturity(q) and NOT_APPLICABLE in codes and typed in NA:
            return NOT_APPLICABLE
        if codes == {"yes", "no"} and (meaning := yes_no(value)) is not None:
            return "yes" if meaning else "no"
        raise Unreadable(RESP_UNKNOWN_CHOICE, value=as_text(value))

    def acknowledge(self, q: Question, value: object) -> str:
        typed = fold(as_text(value))
        if typed in ACKNOWLEDGED or typed == "ok" or yes_no(value) is True:
            return "OK"
        raise Unreadable(RESP_NOT_ACKNOWLEDGED, value=as_text(value), label=translate(m.Q_ACKNOWLEDGED, self.lang))

    def convert(self, q: Question, value: object) -> object:
        if q.type is QuestionType.SELECT_ONE:
            return self.choice(q, value)
        if q.type in (QuestionType.INTEGER, QuestionType.DECIMAL):
            return number(value, whole=q.type is QuestionType.INTEGER)
        if q.type is QuestionType.RANGE:
            return number(value, whole=q.range is not None and q.range.whole)
        if q.type is QuestionType.DATE:
            return date(value, self.raw.epoch)
        if q.type is QuestionType.TIME:
            return time(value)
        if q.type is QuestionType.DATETIME:
            return moment(value, self.raw.epoch)
        if q.type is QuestionType.ACKNOWLEDGE:
            return self.acknowledge(q, value)
        return as_text(value)

    def fail(self, error: Unreadable, where: Location | None, **params: object) -> None:
        self.problems.append(Problem(error.message, {**params, **error.params}, where, Severity.ERROR))

    def one(self, q: Question, cell: RawValue | None, shown: str | None = None) -> Answer | None:
        if cell is None:
            return None
        if is_empty(cell.value):
            return Answer(q.name, cell.value, None, cell.where)
        try:
            return Answer(q.name, cell.value, self.convert(q, cell.value), cell.where)
        except Unreadable as error:
            self.fail(error, cell.where, question=shown or self.fw.reference(q))
            return Answer(q.name, cell.value, None, cell.where)

    def multiple(self, q: Question, answers: dict[str, Answer], raw: dict[str, RawValue] | None = None,
                 shown: str | None = None) -> None:
        chosen: list[str] = []
        cells: list[RawValue] = []
        raw = self.raw.answers if raw is None else raw
        for choice in self.fw.options(q):
            key = f"{q.name}__{choice.name}"
            cell = raw.get(key)
            if cell is None:
                continue
            cells.append(cell)
            meaning = None if is_empty(cell.value) else yes_no(cell.value)
            if meaning is None and not is_empty(cell.value):
                self.problems.append(Problem(RESP_NOT_YES_NO, {
                    "value": as_text(cell.value), "option": self.label(choice.label, choice.name), "question": shown or self.fw.reference(q),
                    "yes": translate(m.Q_YES, self.lang), "no": translate(m.Q_NO, self.lang)}, cell.where, Severity.ERROR))
            answers[key] = Answer(key, cell.value, meaning if meaning is not None else None, cell.where)
            if meaning:
                chosen.append(choice.name)
        if not cells:
            return
        answered = any(not is_empty(c.value) for c in cells)
        first = cells[0].where
        where = Location(first.file, first.sheet, f"{first.cell}:{cells[-1].where.cell}") if len(cells) > 1 else first
        answers[q.name] = Answer(q.name, tuple(c.value for c in cells), tuple(chosen) if answered else None, where)

    def run(self) -> Normalised:
        answers: dict[str, Answer] = {}
        evidence: dict[str, Answer] = {}
        for q in self.fw.questions:
            if not q.answerable:
                continue
            if q.type is QuestionType.SELECT_MULTIPLE:
                self.multiple(q, answers)
            elif (found := self.one(q, self.raw.answers.get(q.name))) is not None:
                answers[q.name] = found
            proof = self.raw.evidence.get(q.name)
            if proof is not None:
                evidence[q.name] = Answer(q.name, proof.value, None if is_empty(proof.value) else as_text(proof.value), proof.where)
        respondent: dict[str, Answer] = {}
        for name, cell in self.raw.respondent.items():
            value: object = None
            if not is_empty(cell.value):
                try:
                    value = date(cell.value, self.raw.epoch) if name == "resp_date" else as_text(cell.value)
                except Unreadable as error:
                    self.fail(error, cell.where, question=name)
            respondent[name] = Answer(name, cell.value, value, cell.where)
        repeats = {repeat.name: tuple(self.row(repeat.questions, cells, f"{repeat.name} #{i}") for i, cells in enumerate(rows, start=1))
                   for repeat in self.fw.repeats if (rows := self.raw.repeats.get(repeat.name, ()))}
        return Normalised(dict(self.raw.identity), respondent, answers, evidence, tuple(self.problems), repeats)

    def row(self, questions: tuple[Question, ...], cells: dict[str, RawValue], where: str) -> dict[str, Answer]:
        """One row of a repeat, understood; problems name the question with the row's number (``year #2``)."""
        answers: dict[str, Answer] = {}
        for q in questions:
            shown = self.fw.reference(q, row=int(where.rpartition('#')[2]))
            if q.type is QuestionType.SELECT_MULTIPLE:
                self.multiple(q, answers, cells, shown)
            elif q.answerable and (found := self.one(q, cells.get(q.name), shown)) is not None:
                answers[q.name] = found
        return answers


def normalise(raw: RawResponse, framework: Framework, lang: str | None = None) -> Normalised:
    """The answers of ``raw`` as codes, numbers, dates and text, with every value that could not be
    understood as a Problem at its cell. ``lang`` is the language of the problems' yes/no words."""
    return _Normaliser(raw, framework, lang or raw.identity.get("language") or framework.default_language).run()
