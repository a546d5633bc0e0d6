"""Values as XLSForm expressions see them, and XPath's conversions between them.

An answer is a number, text, a date, a datetime or time, a tuple of codes (a select_multiple) or ``Nodes`` (one
value per row of a repeat, seen from outside it); None and a missing answer are ''. ``Scope`` is what an
evaluation may read: the answers, the question's own value (``.``), the row of a repeat and, in a choice_filter,
the columns of the choice being filtered.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Mapping

_NUMERIC = re.compile(r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_ISO_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
EPOCH = dt.datetime(1970, 1, 1)


class Nodes(tuple):
    """The values of one question in every row of a repeat (what ``sum()``, ``count()`` and ``max()`` take)."""


@dataclass(frozen=True)
class Scope:
    """What one evaluation reads. ``answers`` by question name; ``current`` is ``.``; ``position`` the 1-based
    row of the repeat the expression is in (None outside one); ``nodes`` each repeat question's values in every
    row (for ``indexed-repeat()``); ``columns`` the choice's columns in a choice_filter; ``today`` the day the
    response is read (``today()`` and ``now()``)."""

    answers: Mapping[str, object]
    current: object = None
    position: int | None = None
    nodes: Mapping[str, Nodes] = field(default_factory=dict)
    columns: Mapping[str, str] | None = None
    today: dt.datetime = field(default_factory=dt.datetime.now)


def normalise(value: object) -> object:
    """An answer as the evaluator sees it: None is '', a collection of codes a tuple of text."""
    if isinstance(value, Nodes):
        return value
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return "" if value is None else value


def moment(value: object) -> dt.datetime | None:
    """A date, datetime or ISO text ('YYYY-MM-DD', 'YYYY-MM-DDTHH:MM') as a naive datetime; None for anything else."""
    if isinstance(value, Nodes):
        return moment(value[0]) if value else None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str) and (_ISO_DATE.fullmatch(value.strip()) or _ISO_MOMENT.fullmatch(value.strip())):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def number(value: object) -> float:
    """XPath number(): numeric text to its value, dates to days since 1970, a time to its fraction of a day,
    anything else NaN."""
    if isinstance(value, Nodes):
        return number(value[0]) if value else math.nan
    if isinstance(value, (bool, int, float)):
        return float(value)
    if isinstance(value, dt.date):
        return ((moment(value) or EPOCH) - EPOCH).total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    text = string(value)
    return float(text) if _NUMERIC.fullmatch(text) else math.nan


def string(value: object) -> str:
    """XPath string(): true/false, integral numbers without '.0', ISO dates and times, codes joined by spaces."""
    if isinstance(value, Nodes):
        return string(value[0]) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return " ".join(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return "" if value is None else str(value)


def truthy(value: object) -> bool:
    """XPath boolean() of a result: '', 0, NaN, None, no selection and no rows are false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return not (value == 0 or math.isnan(value))
    return bool(value) if value is None or isinstance(value, (str, tuple)) else True


def codes(value: object) -> tuple[str, ...]:
    """The choice codes an answer holds: a select_multiple's tuple, or text split at spaces."""
    if isinstance(value, Nodes):
        return codes(value[0]) if value else ()
    return value if isinstance(value, tuple) else tuple(string(value).split())


def time_of(value: object) -> dt.time | None:
    """A time, a datetime's time or 'HH:MM[:SS]' text as a time; None for anything else."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, str) and _ISO_TIME.fullmatch(value.strip()):
        try:
            return dt.time.fromisoformat(value.strip().zfill(5) if len(value.strip()) == 4 else value.strip())
        except ValueError:
            return None
    return None
