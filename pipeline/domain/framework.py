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
from pipeline.i18n.translation import normalise_language

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
    NOTE = "note"


Labels = dict[str, str]  # language code -> text


def pick(labels: Labels, lang: str | None, default: str = "es") -> str:
    """The text of ``labels`` in ``lang``, else in ``default``, else any; empty when there is none."""
    lang = normalise_language(lang)
    return labels.get(lang) or labels.get(default) or next((t for t in labels.values() if t), "")


class Choice(Frozen):
    name: str
    label: Labels


class Question(Frozen):
    """One question. ``list_name`` is None for non-choice types; ``relevant``/``constraint`` None mean always."""

    name: str
    type: QuestionType
    list_name: str | None = None
    label: Labels
    hint: Labels = {}
    required: bool = False
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: Labels = {}
    element: str | None = None
    weight: float = 1.0
    evidence: str = "no"  # "no", "yes", or the lowest maturity level (as text) from which evidence is asked
    prompt: Labels = {}
    row: int = 0  # row of the survey sheet it was defined on

    @property
    def answerable(self) -> bool:
        return self.type is not QuestionType.NOTE

    def evidence_asked(self, answer: str | None) -> bool:
        """Whether evidence is asked for this ``answer`` (a choice code or value; None means unanswered)."""
        if self.evidence == "yes":
            return answer not in (None, "", NOT_APPLICABLE, INSUFFICIENT_INFORMATION, "no")
        if self.evidence.isdigit():
            return answer is not None and answer.isdigit() and int(answer) >= int(self.evidence)
        return False


class Dimension(Frozen):
    name: str
    label: Labels
    hint: Labels = {}
    questions: tuple[Question, ...]


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
        return [q for d in self.dimensions for q in d.questions]

    def question(self, name: str) -> Question | None:
        """The question named ``name``; None when the framework has none."""
        return next((q for q in self.questions if q.name == name), None)

    def options(self, question: Question) -> tuple[Choice, ...]:
        return self.choices.get(question.list_name or "", ())

    def is_maturity(self, question: Question) -> bool:
        """Whether the question is answered on the 0–4 maturity scale."""
        names = {c.name for c in self.options(question)}
        return question.type is QuestionType.SELECT_ONE and set(MATURITY_LEVELS) <= names

    @property
    def structure_hash(self) -> str:
        """SHA-256 of what a response depends on: ids, types, options and rules, not the wording."""
        shape = [
            self.id,
            self.version,
            [
                [d.name, [[q.name, q.type.value, [c.name for c in self.options(q)], q.required, q.relevant, q.constraint]
                          for q in d.questions]]
                for d in self.dimensions
            ],
        ]
        return hashlib.sha256(json.dumps(shape, separators=(",", ":")).encode()).hexdigest()
