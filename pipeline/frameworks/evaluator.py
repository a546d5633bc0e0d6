"""Evaluating a parsed XLSForm expression against the answers, as XPath and ODK do.

Comparisons with numbers treat empty and non-numeric values as false; ``and``/``or`` short-circuit;
division by zero gives ±Infinity or NaN rather than an exception. Nothing here raises for an answer's value.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Mapping

from pipeline.frameworks.functions import FUNCTIONS
from pipeline.frameworks.syntax import Call, Column, Current, Expr, Negate, Number, Parent, Ref, String, parse, tidy
from pipeline.frameworks.values import Nodes, Scope, moment, normalise, number, string, time_of, truthy


def _compare(op: str, a: object, b: object) -> bool:
    if isinstance(a, Nodes) or isinstance(b, Nodes):  # XPath: true when any node compares true
        return any(_compare(op, x, y) for x in (a if isinstance(a, Nodes) else (a,)) for y in (b if isinstance(b, Nodes) else (b,)))
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            same = truthy(a) == truthy(b)
        elif isinstance(a, (int, float)) or isinstance(b, (int, float)):
            same = number(a) == number(b)
        elif isinstance(a, dt.time) or isinstance(b, dt.time):
            same = time_of(a) is not None and time_of(a) == time_of(b)
        elif isinstance(a, dt.date) or isinstance(b, dt.date):
            same = moment(a) is not None and moment(a) == moment(b)
        else:
            same = string(a) == string(b)
        return same == (op == "=")
    left: object = number(a)
    right: object = number(b)
    if isinstance(a, dt.time) or isinstance(b, dt.time):
        left, right = time_of(a), time_of(b)
    elif isinstance(a, dt.date) or isinstance(b, dt.date) or (moment(a) and moment(b)):
        left, right = moment(a), moment(b)
    if left is None or right is None:
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]  # type: ignore[operator]


def _arithmetic(op: str, a: float, b: float) -> int | float:
    if op in ("div", "mod") and b == 0:
        if op == "mod" or a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1, b)
    if math.isnan(a) or math.isnan(b) or (op == "mod" and math.isinf(a)):
        return math.nan
    results = {"+": a + b, "-": a - b, "*": a * b}
    return tidy(results[op] if op in results else a / b if op == "div" else math.fmod(a, b))


def run(node: Expr, scope: Scope) -> object:
    """The value of ``node`` in ``scope``."""
    if isinstance(node, (Number, String)):
        return node.value
    if isinstance(node, Ref):
        return normalise(scope.answers.get(node.name))
    if isinstance(node, Current):
        return normalise(scope.current)
    if isinstance(node, Column):
        return (scope.columns or {}).get(node.name, "")
    if isinstance(node, Parent):
        return ""
    if isinstance(node, Negate):
        return tidy(-number(run(node.operand, scope)))
    if isinstance(node, Call):
        if node.name == "indexed-repeat" and isinstance(node.args[0], Ref):
            column = scope.nodes.get(node.args[0].name, Nodes())
            index = number(run(node.args[2], scope))
            return column[int(index) - 1] if math.isfinite(index) and 1 <= index <= len(column) else ""
        if node.name == "if":  # only the branch taken is evaluated
            return run(node.args[1] if truthy(run(node.args[0], scope)) else node.args[2], scope)
        result = FUNCTIONS[node.name].run([run(arg, scope) for arg in node.args], scope)
        return tidy(result) if isinstance(result, float) else result
    left = run(node.left, scope)
    if node.op in ("and", "or"):
        if truthy(left) == (node.op == "or"):
            return node.op == "or"
        return truthy(run(node.right, scope))
    right = run(node.right, scope)
    if node.op in ("+", "-", "*", "div", "mod"):
        return _arithmetic(node.op, number(left), number(right))
    return _compare(node.op, left, right)


def evaluate(expr: Expr | str, answers: Mapping[str, object] | Scope, current: object = None) -> object:
    """Evaluates ``expr`` (an AST, or text to parse) against ``answers`` (or a whole ``Scope``); ``current`` is ``.``.

    Returns a bool, number, text, date, time or tuple of codes; a missing or None answer is ''."""
    node = parse(expr) if isinstance(expr, str) else expr
    scope = answers if isinstance(answers, Scope) else Scope(answers, current)
    return run(node, scope)
