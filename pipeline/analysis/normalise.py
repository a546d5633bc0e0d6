"""Turning the raw cell values of a returned questionnaire into answers (step 2).

Pure: no Office library. Officials choose labels from drop-down lists, but also type codes,
numbers as text with spaces or commas, dates as text and "N/A"; each of these is understood
here, and what cannot be understood becomes a Problem at its cell — all of them, not the first.
Text is only trimmed, never evaluated.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.domain.framework import NOT_APPLICABLE, Framework, Question, QuestionType, pick
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.domain.raw import WINDOWS_1900, RawResponse, RawValue
from pipeline.i18n import messages as m
from pipeline.i18n.messages.answers import (
    RESP_NOT_A_DATE,
    RESP_NOT_A_NUMBER,
    RESP_NOT_WHOLE,
    RESP_NOT_YES_NO,
    RESP_UNKNOWN_CHOICE,
)
from pipeline.i18n.translation import LANGUAGES, translate

YES_WORDS = ("yes", "y", "si", "sí", "s", "oui", "sim", "x", "true", "verdadero")
NO_WORDS = ("no", "n", "non", "não", "nao", "false", "falso")
NOT_APPLICABLE_WORDS = ("n/a", "na", "n.a.", "n. a.", "no aplica", "no aplicable", "not applicable",
                        "non applicable", "sans objet", "não se aplica", "nao aplicavel", "não aplicável")
DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T][\d:.]+)?$"),
)
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


@dataclass(frozen=True)
class Answer:
    """One answer: the value as stored in the cell, what it means, and where it is.

    ``value`` is a choice code (str) for select_one, a tuple of codes for select_multiple, int,
    float, ``datetime.date`` or str for the other types; None when the cell is empty or not understood."""

    question: str
    raw: object
    value: object
    where: Location | None


@dataclass(frozen=True)
class Normalised:
    identity: dict[str, str]
    respondent: dict[str, Answer] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    evidence: dict[str, Answer] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def value(self, question: str) -> object:
        answer = self.answers.get(question)
        return answer.value if answer else None


class _Unreadable(Exception):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def fold(text: str) -> str:
    """``text`` for comparison: trimmed, spaces collapsed, dashes unified, without case or accents."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(DASHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


YES = frozenset(fold(w) for w in YES_WORDS) | {fold(translate(m.Q_YES, lang)) for lang in LANGUAGES}
NO = frozenset(fold(w) for w in NO_WORDS) | {fold(translate(m.Q_NO, lang)) for lang in LANGUAGES}
NA = frozenset(fold(w) for w in NOT_APPLICABLE_WORDS)


def yes_no(value: object) -> bool | None:
    """True for yes, False for no (in any of the languages), None when it is neither."""
    if isinstance(value, bool):
        return value
    word = fold(_as_text(value))
    return True if word in YES else False if word in NO else None


def number(value: object, whole: bool) -> int | float:
    """A number from a number cell or from text such as '1 995', '12,5', '1.234,5' or '1,234.5'."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise _Unreadable(RESP_NOT_A_NUMBER, value=_as_text(value))
    if isinstance(value, (int, float)):
        result: int | float = value
    else:
        text = SPACES.sub("", _as_text(value)).translate(DASHES)
        if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", text):
            raise _Unreadable(RESP_NOT_A_NUMBER, value=_as_text(value))
        last_comma, last_point = text.rfind(","), text.rfind(".")
        if last_comma >= 0 and last_point >= 0:  # the later mark is the decimal one
            thousands = "." if last_comma > last_point else ","
            text = text.replace(thousands, "").replace(",", ".")
        elif text.count(",") > 1 or text.count(".") > 1 or (whole and re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", text)):
            text = text.replace(",", "").replace(".", "")  # thousands separators only
        else:
            text = text.replace(",", ".")
        try:
            result = float(text)
        except ValueError:
            raise _Unreadable(RESP_NOT_A_NUMBER, value=_as_text(value)) from None
    if whole:
        if float(result) != int(result):
            raise _Unreadable(RESP_NOT_WHOLE, value=_as_text(value))
        return int(result)
    return float(result)


def date(value: object, epoch: dt.date = WINDOWS_1900) -> dt.date:
    """A date from a date cell, an Excel serial number in the workbook's date system, or text
    typed as day/month/year or year-month-day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value >= 1 and float(value).is_integer() and value < 2_958_466:
            serial = int(value)
            if epoch == WINDOWS_1900 and serial < 60:  # Excel counts a 29 February 1900 that never was
                serial += 1
            return epoch + dt.timedelta(days=serial)
        raise _Unreadable(RESP_NOT_A_DATE, value=_as_text(value))
    text = _as_text(value)
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise _Unreadable(RESP_NOT_A_DATE, value=text)


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
        typed = fold(_as_text(value))
        for choice in options:
            if typed == fold(choice.name) or any(typed == fold(text) for text in choice.label.values() if text):
                return choice.name
        codes = {c.name for c in options}
        if self.fw.is_maturity(q) and NOT_APPLICABLE in codes and typed in NA:
            return NOT_APPLICABLE
        if codes == {"yes", "no"} and (meaning := yes_no(value)) is not None:
            return "yes" if meaning else "no"
        raise _Unreadable(RESP_UNKNOWN_CHOICE, value=_as_text(value),
                          options=tuple(self.label(c.label, c.name) for c in options))

    def convert(self, q: Question, value: object) -> object:
        if q.type is QuestionType.SELECT_ONE:
            return self.choice(q, value)
        if q.type in (QuestionType.INTEGER, QuestionType.DECIMAL):
            return number(value, whole=q.type is QuestionType.INTEGER)
        if q.type is QuestionType.DATE:
            return date(value, self.raw.epoch)
        return _as_text(value)

    def fail(self, error: _Unreadable, where: Location | None, **params: object) -> None:
        self.problems.append(Problem(error.message, {**params, **error.params}, where, Severity.ERROR))

    def one(self, q: Question, cell: RawValue | None) -> Answer | None:
        if cell is None:
            return None
        if is_empty(cell.value):
            return Answer(q.name, cell.value, None, cell.where)
        try:
            return Answer(q.name, cell.value, self.convert(q, cell.value), cell.where)
        except _Unreadable as error:
            self.fail(error, cell.where, question=q.name)
            return Answer(q.name, cell.value, None, cell.where)

    def multiple(self, q: Question, answers: dict[str, Answer]) -> None:
        chosen: list[str] = []
        cells: list[RawValue] = []
        for choice in self.fw.options(q):
            key = f"{q.name}__{choice.name}"
            cell = self.raw.answers.get(key)
            if cell is None:
                continue
            cells.append(cell)
            meaning = None if is_empty(cell.value) else yes_no(cell.value)
            if meaning is None and not is_empty(cell.value):
                self.problems.append(Problem(RESP_NOT_YES_NO, {
                    "value": _as_text(cell.value), "option": self.label(choice.label, choice.name), "question": q.name,
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
                evidence[q.name] = Answer(q.name, proof.value, None if is_empty(proof.value) else _as_text(proof.value), proof.where)
        respondent: dict[str, Answer] = {}
        for name, cell in self.raw.respondent.items():
            value: object = None
            if not is_empty(cell.value):
                try:
                    value = date(cell.value, self.raw.epoch) if name == "resp_date" else _as_text(cell.value)
                except _Unreadable as error:
                    self.fail(error, cell.where, question=name)
            respondent[name] = Answer(name, cell.value, value, cell.where)
        return Normalised(dict(self.raw.identity), respondent, answers, evidence, tuple(self.problems))


def normalise(raw: RawResponse, framework: Framework, lang: str | None = None) -> Normalised:
    """The answers of ``raw`` as codes, numbers, dates and text, with every value that could not be
    understood as a Problem at its cell. ``lang`` is the language of the problems' yes/no words."""
    return _Normaliser(raw, framework, lang or raw.identity.get("language") or framework.default_language).run()
