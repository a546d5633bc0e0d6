"""What a reader of a returned workbook hands on: each value exactly as the cell stored it, and where it is.

The workbook readers (``workbooks/response.py``, ``workbooks/notes.py``) make these; the pure steps that
interpret them (``analysis/normalise.py``, ``analysis/notes.py``) read them without any Office library.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pipeline.domain.problems import Location

WINDOWS_1900 = dt.date(1899, 12, 30)  # day zero of Excel's 1900 date system
MAC_1904 = dt.date(1904, 1, 1)  # day zero of the 1904 one


@dataclass(frozen=True)
class RawValue:
    """A cell's value as stored (None when empty) and where it is."""

    value: object
    where: Location


@dataclass(frozen=True)
class RawResponse:
    """Everything read from a returned questionnaire, not yet interpreted.

    ``answers`` is keyed by question name, and for a select_multiple also by ``<question>__<option>``
    (one yes/no cell per option); ``evidence`` is keyed by question name; ``repeats`` holds, by repeat name,
    each row of its table that has something typed, keyed as ``answers``. ``epoch`` is day zero of the
    workbook's date system (30 Dec 1899 for the 1900 system, 1 Jan 1904 for the 1904 one)."""

    identity: dict[str, str]
    respondent: dict[str, RawValue] = field(default_factory=dict)
    answers: dict[str, RawValue] = field(default_factory=dict)
    evidence: dict[str, RawValue] = field(default_factory=dict)
    repeats: dict[str, tuple[dict[str, RawValue], ...]] = field(default_factory=dict)
    epoch: dt.date = WINDOWS_1900
    file: str = ""


@dataclass(frozen=True)
class RawNotes:
    """Everything read from a returned notes workbook, not yet interpreted: the identity, the expert's
    cells (``expert_name``, ``expert_email``) and each row's cells by row key and field."""

    identity: dict[str, str]
    expert: dict[str, RawValue] = field(default_factory=dict)
    rows: dict[str, dict[str, RawValue]] = field(default_factory=dict)
    file: str = ""


def text_of(value: Any) -> str:
    """A cell value as trimmed text; None is empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
