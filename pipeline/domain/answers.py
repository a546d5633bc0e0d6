"""What an institution answered: the typed record every step after the inbox reads.

The inbox builds a ``QuestionnaireAnswers`` once, from the cells it read, normalised and validated; the
ledger stores and decodes it (``ledger/records.py``); scoring, consolidation, the guides and the reports
read it. Nobody downstream re-parses a date or compares a status string.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping

from pipeline.domain.enums import ResponseStatus
from pipeline.domain.problems import Location

# What an answer may hold once normalised: a choice code, a tuple of codes (select_multiple), a number,
# a date, a time, a date and time, text; None when the cell was empty or could not be understood.
Value = str | int | float | bool | dt.date | dt.datetime | dt.time | tuple[str, ...] | None
Row = Mapping[str, "AnswerRecord"]  # one row of a repeat: its answers by question


class AnswerStatus(str, Enum):
    """Where one question stands after validation."""

    ANSWERED = "answered"
    MISSING = "missing"  # required, relevant and empty
    EMPTY_OPTIONAL = "empty_optional"
    NOT_APPLICABLE = "not_applicable"  # its relevant rule is false
    INVALID = "invalid"  # wrong type, unknown option, or constraint not met
    EVIDENCE_MISSING = "evidence_missing"


@dataclass(frozen=True)
class AnswerRecord:
    """One question's answer: ``raw`` as the cell held it (a tuple of cells for select_multiple), ``value``
    what it means, ``evidence`` the text of its evidence cell (None when empty or not asked), ``where`` its cell."""

    question: str
    status: AnswerStatus
    value: Value = None
    raw: object = None
    evidence: str | None = None
    where: Location | None = None

    @property
    def given(self) -> bool:
        """Whether the official typed something (understood or not)."""
        cells = self.raw if isinstance(self.raw, tuple) else (self.raw,)
        return self.value is not None or any(c is not None and str(c).strip() for c in cells)


@dataclass(frozen=True)
class QuestionnaireAnswers:
    """Every answered or checked question of one returned questionnaire, by question id, and the respondent's
    details (``resp_name``, ``resp_date`` …). A question absent from ``answers`` was not in the workbook; a
    calculate's record holds the value computed. ``repeats`` holds, by repeat name, the rows the official filled,
    each its answers by question. Plain mappings, so that the record crosses from the inbox's reader process;
    nobody changes them."""

    answers: Mapping[str, AnswerRecord] = field(default_factory=dict)  # read only: the record is shared, never changed
    respondent: Mapping[str, Value] = field(default_factory=dict)
    repeats: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)

    def rows(self, repeat: str) -> tuple[Row, ...]:
        """The rows filled in the table of ``repeat``; empty when none (or no such repeat)."""
        return tuple(self.repeats.get(repeat, ()))

    def get(self, question: str) -> AnswerRecord | None:
        return self.answers.get(question)

    def value(self, question: str) -> Value:
        """The normalised value of ``question``; None when unanswered or unknown."""
        found = self.answers.get(question)
        return found.value if found else None

    def status(self, question: str) -> AnswerStatus | None:
        found = self.answers.get(question)
        return found.status if found else None

    def values(self) -> dict[str, Value]:
        """Question id → normalised value, for every question with a value (what scoring and rules read)."""
        return {name: a.value for name, a in self.answers.items() if a.value is not None}


NO_ANSWERS = QuestionnaireAnswers()


@dataclass(frozen=True)
class Response:
    """A returned questionnaire as stored: its counts, its answers, and the later response that replaced it (None
    while it is the institution's current one)."""

    sha256: str
    round: str
    institution: str
    questionnaire: str
    received: str
    status: ResponseStatus
    answered: int
    required: int
    errors: int
    warnings: int
    answers: QuestionnaireAnswers
    superseded_by: str | None = None
