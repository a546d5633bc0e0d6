"""The XPath/ODK functions frameworks compute, on the values of ``values.py``.

Each takes its arguments already evaluated and the ``Scope``; none reads a file, the network or a device, so a
questionnaire answered in Excel is judged exactly as ODK would judge it (``pulldata()``, ``instance()`` and the
like are not here: they need data the questionnaire does not have).
"""
from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from pipeline.frameworks.values import EPOCH, Nodes, Scope, codes, moment, number, string, truthy

Run = Callable[[list[object], Scope], object]


@dataclass(frozen=True)
class Function:
    arity: tuple[int, int | None]  # fewest and most arguments (None: any number)
    run: Run


def _nodes(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, Nodes) else (value,)


def _numbers(args: list[object]) -> list[float]:
    return [number(v) for a in args for v in _nodes(a) if v not in ("", None)]


def _round(args: list[object], _: Scope) -> float:
    value, digits = number(args[0]), int(number(args[1])) if len(args) > 1 else 0
    if not math.isfinite(value):
        return value
    scale = 10.0 ** digits
    return math.floor(value * scale + 0.5) / scale  # XPath rounds halves up, towards +∞


def _substr(args: list[object], _: Scope) -> str:
    text = string(args[0])
    start = max(0, int(number(args[1])))
    end = int(number(args[2])) if len(args) > 2 else len(text)
    return text[start:end]


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _regex(args: list[object], _: Scope) -> bool:
    try:
        return _pattern(string(args[1])).search(string(args[0])) is not None
    except re.error:
        return False


def _selected_at(args: list[object], _: Scope) -> str:
    chosen, index = codes(args[0]), number(args[1])
    return chosen[int(index)] if math.isfinite(index) and 0 <= index < len(chosen) else ""


def _date(args: list[object], _: Scope) -> object:
    value = args[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (EPOCH + dt.timedelta(days=value)).date() if math.isfinite(value) else ""
    found = moment(value)
    return found.date() if found else ""


def _decimal_date_time(args: list[object], _: Scope) -> float:
    found = moment(args[0])
    return (found - EPOCH).total_seconds() / 86400 if found else math.nan


_FORMATS = {"%Y": "%Y", "%y": "%y", "%m": "%m", "%n": "%-m", "%d": "%d", "%e": "%-d", "%H": "%H", "%h": "%-H",
            "%M": "%M", "%S": "%S", "%a": "%a", "%b": "%b"}


def _format_date(args: list[object], _: Scope) -> str:
    found = moment(args[0])
    if found is None:
        return ""
    pattern = re.sub(r"%[a-zA-Z]", lambda m: _FORMATS.get(m.group(), m.group()), string(args[1]))
    parts = re.split(r"(%-?[a-zA-Z])", pattern)
    out = []
    for part in parts:
        if part.startswith("%-"):
            out.append(str(int(found.strftime("%" + part[2:]))))
        elif part.startswith("%"):
            out.append(found.strftime(part))
        else:
            out.append(part)
    return "".join(out)


def _minmax(pick: Callable[[list[float]], float]) -> Run:
    def run(args: list[object], _: Scope) -> float:
        values = _numbers(args)
        return math.nan if not values or any(math.isnan(v) for v in values) else pick(values)
    return run


def _if(args: list[object], _: Scope) -> object:
    return args[1] if truthy(args[0]) else args[2]


def _coalesce(args: list[object], _: Scope) -> object:
    return next((a for a in args if string(a) != ""), "")


def _sum(args: list[object], _: Scope) -> float:
    values = [number(v) for v in _nodes(args[0])]
    return math.nan if any(math.isnan(v) for v in values) else sum(values)


def _count_non_empty(args: list[object], _: Scope) -> int:
    return sum(string(v) != "" for v in _nodes(args[0]))


def _position(args: list[object], scope: Scope) -> float:
    return scope.position if scope.position is not None else math.nan


def _translate(args: list[object], _: Scope) -> str:
    text, source, target = (string(a) for a in args)
    table = {ord(c): (target[i] if i < len(target) else None) for i, c in reversed(list(enumerate(source)))}
    return text.translate(table)


def _maths(fn: Callable[[float], float]) -> Run:
    def run(args: list[object], _: Scope) -> float:
        try:
            return fn(number(args[0]))
        except (ValueError, OverflowError):
            return math.nan
    return run


FUNCTIONS: dict[str, Function] = {
    # truth
    "not": Function((1, 1), lambda a, _: not truthy(a[0])),
    "true": Function((0, 0), lambda a, _: True),
    "false": Function((0, 0), lambda a, _: False),
    "boolean": Function((1, 1), lambda a, _: truthy(a[0])),
    "boolean-from-string": Function((1, 1), lambda a, _: string(a[0]).strip() in ("true", "1")),
    "if": Function((3, 3), _if),
    "coalesce": Function((2, 2), _coalesce),
    "once": Function((1, 1), lambda a, _: a[0]),
    # choices
    "selected": Function((2, 2), lambda a, _: string(a[1]).strip() in codes(a[0])),
    "count-selected": Function((1, 1), lambda a, _: len(codes(a[0]))),
    "selected-at": Function((2, 2), _selected_at),
    # text
    "string": Function((1, 1), lambda a, _: string(a[0])),
    "string-length": Function((1, 1), lambda a, _: len(string(a[0]))),
    "concat": Function((1, None), lambda a, _: "".join(string(v) for v in a)),
    "join": Function((2, None), lambda a, _: string(a[0]).join(string(v) for x in a[1:] for v in _nodes(x))),
    "substr": Function((2, 3), _substr),
    "substring-before": Function((2, 2), lambda a, _: string(a[0]).partition(string(a[1]))[0] if string(a[1]) in string(a[0]) else ""),
    "substring-after": Function((2, 2), lambda a, _: string(a[0]).partition(string(a[1]))[2] if string(a[1]) in string(a[0]) else ""),
    "normalize-space": Function((1, 1), lambda a, _: " ".join(string(a[0]).split())),
    "translate": Function((3, 3), _translate),
    "contains": Function((2, 2), lambda a, _: string(a[1]) in string(a[0])),
    "starts-with": Function((2, 2), lambda a, _: string(a[0]).startswith(string(a[1]))),
    "ends-with": Function((2, 2), lambda a, _: string(a[0]).endswith(string(a[1]))),
    "regex": Function((2, 2), _regex),
    "uuid": Function((0, 1), lambda a, _: str(uuid.uuid4())),
    # numbers
    "number": Function((1, 1), lambda a, _: number(a[0])),
    "int": Function((1, 1), lambda a, _: float(math.trunc(number(a[0]))) if math.isfinite(number(a[0])) else number(a[0])),
    "floor": Function((1, 1), lambda a, _: float(math.floor(number(a[0]))) if math.isfinite(number(a[0])) else number(a[0])),
    "ceiling": Function((1, 1), lambda a, _: float(math.ceil(number(a[0]))) if math.isfinite(number(a[0])) else number(a[0])),
    "round": Function((1, 2), _round),
    "abs": Function((1, 1), lambda a, _: abs(number(a[0]))),
    "pow": Function((2, 2), lambda a, _: _power(number(a[0]), number(a[1]))),
    "sqrt": Function((1, 1), lambda a, _: math.sqrt(number(a[0])) if number(a[0]) >= 0 else math.nan),
    **{name: Function((1, 1), _maths(fn)) for name, fn in (("sin", math.sin), ("cos", math.cos), ("tan", math.tan),
                                                           ("asin", math.asin), ("acos", math.acos), ("atan", math.atan),
                                                           ("exp", math.exp), ("log", math.log), ("log10", math.log10))},
    "exp10": Function((1, 1), lambda a, _: _power(10.0, number(a[0]))),
    "atan2": Function((2, 2), lambda a, _: math.atan2(number(a[0]), number(a[1]))),
    "pi": Function((0, 0), lambda a, _: math.pi),
    "max": Function((1, None), _minmax(max)),
    "min": Function((1, None), _minmax(min)),
    "sum": Function((1, 1), _sum),
    "count": Function((1, 1), lambda a, _: len(_nodes(a[0])) if isinstance(a[0], Nodes) else int(string(a[0]) != "")),
    "count-non-empty": Function((1, 1), _count_non_empty),
    # dates
    "today": Function((0, 0), lambda a, scope: scope.today.date()),
    "now": Function((0, 0), lambda a, scope: scope.today.replace(microsecond=0)),
    "date": Function((1, 1), _date),
    "date-time": Function((1, 1), lambda a, _: moment(a[0]) or ""),
    "decimal-date-time": Function((1, 1), _decimal_date_time),
    "format-date": Function((2, 2), _format_date),
    "format-date-time": Function((2, 2), _format_date),
    # repeats
    "position": Function((0, 1), _position),
    "indexed-repeat": Function((3, None), lambda a, _: a[0]),  # the evaluator picks the row (see evaluator.evaluate)
}


def _power(base: float, exponent: float) -> float:
    try:
        result = math.pow(base, exponent)
    except (OverflowError, ValueError):
        return math.nan
    return result
