"""What DGPE staff add to the officials' answers without touching their files: corrections of obvious slips, and
the quality checks they have looked into and marked explained. Both are kept in the ledger with who and when."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.answers import Value


@dataclass(frozen=True)
class Correction:
    """A value DGPE put in place of what the official answered to ``question`` in the response ``response`` (its
    SHA-256): ``before`` and ``after`` are normalised values, ``typed`` what staff typed, ``note`` why."""

    round: str
    institution: str
    response: str
    question: str
    before: Value
    after: Value
    typed: str
    note: str
    by: str
    at: str  # ISO date and time, UTC


@dataclass(frozen=True)
class CheckMark:
    """A quality check or gap (by its key) that staff looked into and marked explained, with their note."""

    round: str
    key: str
    note: str
    by: str
    at: str
