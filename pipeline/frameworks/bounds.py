"""The range a number question's constraint gives its answer (``. >= 0 and . <= 100``), so that the questionnaire
can refuse what falls outside it as the official types, and the compiler can warn about a number question that
has none: Excel's own limits (±2³¹ for a whole number) mean nothing to the person answering."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.framework import Question, QuestionType
from pipeline.frameworks.expressions import Binary, Current, Expr, ExpressionError, Negate, Number, parse

NUMBERS = (QuestionType.INTEGER, QuestionType.DECIMAL)
_FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


@dataclass(frozen=True)
class Bounds:
    """The least and greatest value allowed; None where the constraint sets none."""

    low: float | None = None
    high: float | None = None

    @property
    def closed(self) -> bool:
        return self.low is not None and self.high is not None


def _number(expr: Expr) -> float | None:
    if isinstance(expr, Number):
        return float(expr.value)
    if isinstance(expr, Negate) and isinstance(expr.operand, Number):
        return -float(expr.operand.value)
    return None


def _terms(expr: Expr) -> list[Expr]:
    """The conditions that must all hold (the operands of the ``and``s at the top)."""
    if isinstance(expr, Binary) and expr.op == "and":
        return _terms(expr.left) + _terms(expr.right)
    return [expr]


def bounds(constraint: str | None) -> Bounds:
    """The range ``constraint`` keeps ``.`` within, read from its comparisons of ``.`` with a number joined by
    ``and``; Bounds() when it gives none (or does not parse)."""
    if not constraint:
        return Bounds()
    try:
        expr = parse(constraint)
    except ExpressionError:
        return Bounds()
    low: float | None = None
    high: float | None = None
    for term in _terms(expr):
        if not isinstance(term, Binary) or term.op not in _FLIPPED:
            continue
        op, value = term.op, None
        if isinstance(term.left, Current):
            value = _number(term.right)
        elif isinstance(term.right, Current):
            op, value = _FLIPPED[op], _number(term.left)
        if value is None:
            continue
        if op in (">=", ">"):
            low = value if low is None else max(low, value)
        else:
            high = value if high is None else min(high, value)
    return Bounds(low, high)


def number_bounds(q: Question) -> Bounds | None:
    """The range of a whole-number or decimal question's answer; None for other questions."""
    return bounds(q.constraint) if q.type in NUMBERS else None
