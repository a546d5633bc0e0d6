"""Analytical frameworks: dimensions, positive elements and questions (domain model).

A framework is authored by DGPE staff as an XLSForm workbook; ``framework_compiler``
turns its rows into these frozen objects. Labels are per language; a missing
translation falls back to the framework's default language.
"""
from __future__ import annotations

import hashlib
import json
from enum import Enum

from pydantic import BaseModel, ConfigDict

from pipeline.domain.methods import Scoring
from pipeline.i18n import messages as m
from pipeline.i18n.translation import Phrase, Texts, normalise_language, translate

MATURITY_LEVELS = ("0", "1", "2", "3", "4")
NOT_APPLICABLE = "na"
INSUFFICIENT_INFORMATION = "ii"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QuestionType(str, Enum):
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    INTEGER = "integer"
    DECIMAL = "decimal"
    TEXT = "text"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    RANGE = "range"  # a number between start and end, by step (``Question.range``)
    ACKNOWLEDGE = "acknowledge"  # one box to confirm; its answer is "OK"
    NOTE = "note"
    CALCULATE = "calculate"  # no input: its value is ``Question.calculation``, computed


INPUTLESS = (QuestionType.NOTE, QuestionType.CALCULATE)


Labels = dict[str, str]  # language code -> text


def pick(labels: Labels, lang: str | None, default: str = "es") -> str:
    """The text of ``labels`` in ``lang``, else in ``default``, else any; empty when there is none."""
    lang = normalise_language(lang)
    return labels.get(lang) or labels.get(default) or next((t for t in labels.values() if t), "")


def shorten(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters with "…" when it is longer."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


class QuestionName(str, Phrase):
    """A question named in a message. The string is the question's name (``pl_04``, or ``year #2`` in a repeat's
    second row), which locates its cell; shown to a reader, it is its number and its text in the reader's language
    (“2.4 “¿…?”'', with the row of a repeat), never its name. ``{question:number}`` gives the number alone."""

    number: str
    labels: Labels
    default: str
    row: int | None

    def __new__(cls, name: str, number: str, labels: Labels, default: str = "es", row: int | None = None) -> "QuestionName":
        made = super().__new__(cls, name)
        made.number, made.labels, made.default, made.row = number, dict(labels), default, row
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (QuestionName, (str(self), self.number, self.labels, self.default, self.row))

    def text(self, lang: str, form: str = "") -> str:
        if form == "number":
            return self.number
        text = shorten(pick(self.labels, lang, self.default))
        said = translate(m.QUESTION_REFERENCE if self.number else m.QUESTION_REFERENCE_TABLE, lang, number=self.number, text=text)
        return translate(m.QUESTION_REFERENCE_ROW, lang, question=said, row=self.row) if self.row else said


class Choice(Frozen):
    """A choice of a list; ``columns`` holds the other columns of its row a choice_filter reads (``state``…)."""

    name: str
    label: Labels
    columns: dict[str, str] = {}


class RangeRule(Frozen):
    """A range question's bounds and step (pyxform's ``parameters``: start=0 end=10 step=1)."""

    start: float = 1
    end: float = 10
    step: float = 1

    @property
    def whole(self) -> bool:
        return all(float(v).is_integer() for v in (self.start, self.end, self.step))


class Question(Frozen):
    """One question. ``list_name`` is None for non-choice types; ``relevant``/``constraint`` None mean always.

    ``required_if`` is a condition under which it is required (``required`` is then False); ``calculation``
    the expression a calculate computes; ``choice_filter`` the condition each choice of its list must meet
    (bare names are the choice's columns); ``repeat`` the repeat it belongs to (None outside any)."""

    name: str
    type: QuestionType
    list_name: str | None = None
    label: Labels
    hint: Labels = {}
    required: bool = False
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: Labels = {}
    required_if: str | None = None
    required_message: Labels = {}
    calculation: str | None = None
    choice_filter: str | None = None
    range: RangeRule | None = None
    repeat: str | None = None
    element: str | None = None
    weight: float = 1.0
    evidence: str = "no"  # "no", "yes", or the lowest maturity level (as text) from which evidence is asked
    prompt: Labels = {}
    unit: Labels = {}  # what a number counts ("%", "días"), shown beside it; empty for none
    row: int = 0  # row of the survey sheet it was defined on

    @property
    def answerable(self) -> bool:
        """Whether the official types its answer (notes and calculates have no answer cell)."""
        return self.type not in INPUTLESS

    @property
    def valued(self) -> bool:
        """Whether it has a value other rules may read: an answer, or a calculation's result."""
        return self.type is not QuestionType.NOTE

    def evidence_asked(self, answer: str | None) -> bool:
        """Whether evidence is asked for this ``answer`` (a choice code or value; None means unanswered)."""
        if self.evidence == "yes":
            return answer not in (None, "", NOT_APPLICABLE, INSUFFICIENT_INFORMATION, "no")
        if self.evidence.isdigit():
            return answer is not None and answer.isdigit() and int(answer) >= int(self.evidence)
        return False


class Repeat(Frozen):
    """A table of rows the official adds as needed, each answering ``questions`` ("list each plan with its year").

    ``count`` is the least number of rows (a number, or an expression of other answers); None for none.
    ``position`` is the index in its dimension's questions before which it is shown. ``relevant`` None means always."""

    name: str
    label: Labels
    hint: Labels = {}
    questions: tuple[Question, ...]
    count: str | None = None
    relevant: str | None = None
    position: int = 0
    row: int = 0


class Dimension(Frozen):
    name: str
    label: Labels
    hint: Labels = {}
    questions: tuple[Question, ...]
    repeats: tuple[Repeat, ...] = ()


class Framework(Frozen):
    id: str
    version: str
    title: Labels
    topic: str | None = None
    default_language: str = "es"
    languages: tuple[str, ...] = ("es",)
    elements: dict[str, Labels] = {}
    choices: dict[str, tuple[Choice, ...]] = {}
    dimensions: tuple[Dimension, ...]
    note: str = ""
    # Scoring methods, requirement levels and what it replaces of earlier frameworks (domain/methods.py).
    scoring: Scoring = Scoring()

    @property
    def questions(self) -> list[Question]:
        """The questions answered once per questionnaire (not those of a repeat), in order."""
        return [q for d in self.dimensions for q in d.questions]

    @property
    def repeats(self) -> list[Repeat]:
        return [r for d in self.dimensions for r in d.repeats]

    @property
    def every_question(self) -> list[Question]:
        """The questions answered once, then those of each repeat."""
        return self.questions + [q for r in self.repeats for q in r.questions]

    def question(self, name: str) -> Question | None:
        """The question named ``name`` (in a repeat or not); None when the framework has none."""
        return next((q for q in self.every_question if q.name == name), None)

    def repeat(self, name: str) -> Repeat | None:
        """The repeat named ``name``; None when the framework has none."""
        return next((r for r in self.repeats if r.name == name), None)

    def number(self, question: Question | str) -> str:
        """The question's number as documents show it to readers, never its id: "4.3" is the third question one
        answers in dimension 4; "2.1.3" the third column of the first table of rows of dimension 2 (its sheet is
        "2.1"). Empty for a question with nothing to answer (a note, a calculation) or one the framework lacks."""
        name = question if isinstance(question, str) else question.name
        for d, dimension in enumerate(self.dimensions, 1):
            answered = [q.name for q in dimension.questions if q.answerable]
            if name in answered:
                return f"{d}.{answered.index(name) + 1}"
            for r, repeat in enumerate(dimension.repeats, 1):
                columns = [q.name for q in repeat.questions if q.answerable]
                if name in columns:
                    return f"{d}.{r}.{columns.index(name) + 1}"
        return ""

    def element_number(self, element: str | None) -> str:
        """The element's number as documents show it ("E3": the framework's third element; the same in Spanish,
        English, Portuguese and French), or a dimension's ("2", its place in the framework); empty for a name the
        framework lacks."""
        codes, dimensions = list(self.elements), [d.name for d in self.dimensions]
        if element in codes:
            return f"E{codes.index(element) + 1}"
        return str(dimensions.index(element) + 1) if element in dimensions else ""

    def element_label(self, element: str, lang: str | None) -> str:
        """The positive element's name in ``lang`` (else the framework's language); its number when it has no name,
        and ``element`` itself only when the framework lacks it."""
        return pick(self.elements.get(element, {}), lang, self.default_language) or self.element_number(element) or element

    def display_name(self, lang: str | None = None) -> str:
        """The framework as a document names it, in ``lang``: its title and version, never its id."""
        return translate(m.FRAMEWORK_NAME, lang, title=pick(self.title, lang, self.default_language), version=self.version)

    def note_in(self, lang: str | None = None) -> str:
        """The framework's note in ``lang``: the starter frameworks' illustrative note is a catalogue message; a note of
        the workspace's own is shown as written. Empty when it has none."""
        return translate(self.note, lang) if self.note else ""

    def options(self, question: Question) -> tuple[Choice, ...]:
        return self.choices.get(question.list_name or "", ())

    def reference(self, question: Question | str, row: int | None = None) -> QuestionName:
        """The question as a message names it: by number and text (see QuestionName), its cell found by its name."""
        name = question if isinstance(question, str) else question.name
        found = self.question(name.partition(" #")[0]) if isinstance(question, str) else question
        if found is None:
            table = self.repeat(name)
            return QuestionName(name, "", table.label, self.default_language) if table else QuestionName(name, name, {}, self.default_language)
        shown = f"{found.name} #{row}" if row else name
        return QuestionName(shown, self.number(found) or found.name, found.label, self.default_language, row)

    def shown(self, question: Question, value: object) -> object:
        """An answer as the official saw it: a choice by its label (said in the reader's language), each choice of a
        multiple choice so, any other value as it is."""
        labels = {c.name: c.label for c in self.options(question)}
        if not labels:
            return value
        if isinstance(value, tuple):
            return tuple(Texts(labels[v], self.default_language, str(v)) if v in labels else v for v in value)
        return Texts(labels[str(value)], self.default_language, str(value)) if str(value) in labels else value

    def is_maturity(self, question: Question) -> bool:
        """Whether the question is answered on the 0–4 maturity scale."""
        names = {c.name for c in self.options(question)}
        return question.type is QuestionType.SELECT_ONE and set(MATURITY_LEVELS) <= names

    def _shape(self, q: Question) -> list[object]:
        shape: list[object] = [q.name, q.type.value, [c.name for c in self.options(q)], q.required, q.relevant, q.constraint]
        extra = [q.required_if, q.calculation, q.choice_filter, q.range.model_dump() if q.range else None, q.repeat]
        return shape + extra if any(v is not None for v in extra) else shape  # older frameworks keep their hash

    @property
    def structure_hash(self) -> str:
        """SHA-256 of what a response depends on: ids, types, options and rules, not the wording."""
        dimensions: list[object] = []
        for d in self.dimensions:
            entry: list[object] = [d.name, [self._shape(q) for q in d.questions]]
            if d.repeats:
                entry.append([[r.name, r.count, r.relevant, r.position, [self._shape(q) for q in r.questions]] for r in d.repeats])
            dimensions.append(entry)
        shape = [self.id, self.version, dimensions]
        return hashlib.sha256(json.dumps(shape, separators=(",", ":")).encode()).hexdigest()
