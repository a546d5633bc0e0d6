"""Turning the raw cell values of a returned questionnaire into answers (step 3).

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
from pipeline.i18n.messages.xlsform import RESP_NOT_A_DATETIME, RESP_NOT_A_TIME, RESP_NOT_ACKNOWLEDGED
from pipeline.i18n.translation import LANGUAGES, translate

YES_WORDS = ("yes", "y", "si", "sí", "s", "oui", "sim", "x", "true", "verdadero")
NO_WORDS = ("no", "n", "non", "não", "nao", "false", "falso")
NOT_APPLICABLE_WORDS = ("n/a", "na", "n.a.", "n. a.", "no aplica", "no aplicable", "not applicable",
                        "non applicable", "sans objet", "não se aplica", "nao aplicavel", "não aplicável")
DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T][\d:.]+)?$"),
)
TIME_PATTERN = re.compile(r"^(?P<h>\d{1,2})\s*[:hH.]\s*(?P<m>\d{2})(?:\s*:\s*(?P<s>\d{2}))?\s*(?P<ampm>[aApP]\.?\s*[mM]\.?)?$")
MOMENT_PATTERN = re.compile(r"^(?P<date>\S+)[\sT]+(?P<time>\d{1,2}\s*[:hH.]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*[aApP]\.?\s*[mM]\.?)?)$")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


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
ACKNOWLEDGED = frozenset(fold(translate(m.Q_ACKNOWLEDGED, lang)) for lang in LANGUAGES)


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


def time(value: object) -> dt.time:
    """A time from a time cell, a fraction of a day, or text typed as 14:30, 2:30 pm or 14h30."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        seconds = round(value * 86400)
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    text = _as_text(value)
    if (match := TIME_PATTERN.match(text)) is not None:
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
        if match["ampm"]:
            hour = hour % 12 + (12 if match["ampm"][0].lower() == "p" else 0)
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise _Unreadable(RESP_NOT_A_TIME, value=text)


def moment(value: object, epoch: dt.date = WINDOWS_1900) -> dt.datetime:
    """A date and time from a date-time cell, an Excel serial with its fraction of a day, or text typed as
    31/12/2026 14:30 or 2026-12-31T14:30 (a date alone is at midnight)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            whole = int(value)
            return dt.datetime.combine(date(whole, epoch), time(value - whole))
        text = _as_text(value)
        if (match := MOMENT_PATTERN.match(text)) is not None:
            return dt.datetime.combine(date(match["date"]), time(match["time"]))
        return dt.datetime.combine(date(text), dt.time())
    except _Unreadable:
        raise _Unreadable(RESP_NOT_A_DATETIME, value=_as_text(value)) from None


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

    def acknowledge(self, q: Question, value: object) -> str:
        typed = fold(_as_text(value))
        if typed in ACKNOWLEDGED or typed == "ok" or yes_no(value) is True:
            return "OK"
        raise _Unreadable(RESP_NOT_ACKNOWLEDGED, value=_as_text(value), label=translate(m.Q_ACKNOWLEDGED, self.lang))

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
        return _as_text(value)

    def fail(self, error: _Unreadable, where: Location | None, **params: object) -> None:
        self.problems.append(Problem(error.message, {**params, **error.params}, where, Severity.ERROR))

    def one(self, q: Question, cell: RawValue | None, shown: str | None = None) -> Answer | None:
        if cell is None:
            return None
        if is_empty(cell.value):
            return Answer(q.name, cell.value, None, cell.where)
        try:
            return Answer(q.name, cell.value, self.convert(q, cell.value), cell.where)
        except _Unreadable as error:
            self.fail(error, cell.where, question=shown or q.name)
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
                    "value": _as_text(cell.value), "option": self.label(choice.label, choice.name), "question": shown or q.name,
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
        repeats = {repeat.name: tuple(self.row(repeat.questions, cells, f"{repeat.name} #{i}") for i, cells in enumerate(rows, start=1))
                   for repeat in self.fw.repeats if (rows := self.raw.repeats.get(repeat.name, ()))}
        return Normalised(dict(self.raw.identity), respondent, answers, evidence, tuple(self.problems), repeats)

    def row(self, questions: tuple[Question, ...], cells: dict[str, RawValue], where: str) -> dict[str, Answer]:
        """One row of a repeat, understood; problems name the question with the row's number (``year #2``)."""
        answers: dict[str, Answer] = {}
        for q in questions:
            shown = f"{q.name} #{where.rpartition('#')[2]}"
            if q.type is QuestionType.SELECT_MULTIPLE:
                self.multiple(q, answers, cells, shown)
            elif q.answerable and (found := self.one(q, cells.get(q.name), shown)) is not None:
                answers[q.name] = found
        return answers


def normalise(raw: RawResponse, framework: Framework, lang: str | None = None) -> Normalised:
    """The answers of ``raw`` as codes, numbers, dates and text, with every value that could not be
    understood as a Problem at its cell. ``lang`` is the language of the problems' yes/no words."""
    return _Normaliser(raw, framework, lang or raw.identity.get("language") or framework.default_language).run()
