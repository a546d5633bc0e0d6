"""XLSForm expressions as Excel formulas, so the questionnaire reacts while it is filled.

The workbook shows choice *labels* in answer cells; a hidden lists sheet maps
each label back to its code (named ``list_<list name>``, two columns). A
question's answer cell is named ``q_<name>``; a ``select_multiple`` option cell
``q_<name>__<code>`` (each holds the yes/no label). Comparisons with numbers
treat empty and non-numeric values as false, as ODK does, rather than as zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.domain.framework import Framework, Question, QuestionType
from pipeline.frameworks.expressions import Binary, Call, Current, Expr, Negate, Number, Ref, String

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
COMPARISONS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def cell_name(question: str, option: str | None = None) -> str:
    """The defined name of an answer cell (``option`` for one cell of a select_multiple)."""
    return f"q_{question}" + (f"__{option}" if option else "")


def list_name(list_: str) -> str:
    return f"list_{list_}"


def text_literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class FormulaContext:
    framework: Framework
    yes_label: str  # the yes label in the workbook's language (select_multiple option cells)
    current: Question | None = None


def to_formula(expr: Expr, ctx: FormulaContext) -> str:
    """The Excel formula (without '=') that computes ``expr`` on the questionnaire's cells."""
    return _boolean(expr, ctx) if _is_boolean(expr) else _value(expr, ctx)


def _is_boolean(expr: Expr) -> bool:
    if isinstance(expr, Binary):
        return expr.op in COMPARISONS or expr.op in ("and", "or")
    return isinstance(expr, Call) and expr.name in ("not", "selected")


def _question(expr: Ref | Current, ctx: FormulaContext) -> Question | None:
    return ctx.current if isinstance(expr, Current) else ctx.framework.question(expr.name)


def _value(expr: Expr, ctx: FormulaContext) -> str:
    """A formula for the value of ``expr``: choice codes for selects, the cell otherwise."""
    if isinstance(expr, Number):
        return repr(expr.value)
    if isinstance(expr, String):
        return text_literal(expr.value)
    if isinstance(expr, (Ref, Current)):
        question = _question(expr, ctx)
        if question is None:
            return '""'
        name = cell_name(question.name)
        if question.type is QuestionType.SELECT_ONE:
            return f'IFERROR(VLOOKUP({name},{list_name(question.list_name or "")},2,FALSE),"")'
        if question.type is QuestionType.SELECT_MULTIPLE:
            return f"COUNTIF({name},{text_literal(ctx.yes_label)})"
        return name
    if isinstance(expr, Negate):
        return f"-({_value(expr.operand, ctx)})"
    if isinstance(expr, Binary):
        if expr.op in COMPARISONS or expr.op in ("and", "or"):
            return _boolean(expr, ctx)
        left, right = _value(expr.left, ctx), _value(expr.right, ctx)
        if expr.op == "div":
            return f"({left})/({right})"
        if expr.op == "mod":
            return f"MOD({left},{right})"
        return f"({left}){expr.op}({right})"
    if isinstance(expr, Call):
        if expr.name == "string-length":
            return f"LEN({_value(expr.args[0], ctx)})"
        if expr.name == "count-selected":
            return _value(expr.args[0], ctx)
        return _boolean(expr, ctx)
    raise TypeError(expr)


def _boolean(expr: Expr, ctx: FormulaContext) -> str:
    if isinstance(expr, Binary) and expr.op in ("and", "or"):
        return f"{expr.op.upper()}({_boolean(expr.left, ctx)},{_boolean(expr.right, ctx)})"
    if isinstance(expr, Binary) and expr.op in COMPARISONS:
        return _comparison(expr, ctx)
    if isinstance(expr, Call) and expr.name == "not":
        return f"NOT({_boolean(expr.args[0], ctx)})"
    if isinstance(expr, Call) and expr.name == "selected":
        target, option = expr.args
        question = _question(target, ctx) if isinstance(target, (Ref, Current)) else None
        code = option.value if isinstance(option, String) else ""
        if question is not None and question.type is QuestionType.SELECT_MULTIPLE:
            return f"{cell_name(question.name, code)}={text_literal(ctx.yes_label)}"
        return f"{_value(target, ctx)}={text_literal(code)}"
    # Any other value is true when it is neither empty nor zero, as XPath's boolean().
    value = _value(expr, ctx)
    return f'AND({value}<>"",{value}<>0)'


def _comparison(expr: Binary, ctx: FormulaContext) -> str:
    op = COMPARISONS[expr.op]
    left, right = expr.left, expr.right
    if isinstance(left, (Number, String)) and not isinstance(right, (Number, String)):
        left, right = right, left
        op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
    if isinstance(right, String) and ISO_DATE.match(right.value):
        y, mo, d = ISO_DATE.match(right.value).groups()  # type: ignore[union-attr]
        value = _value(left, ctx)
        return f"IFERROR(AND(ISNUMBER({value}),{value}{op}DATE({int(y)},{int(mo)},{int(d)})),FALSE)"
    if isinstance(right, Number) or _numeric(right, ctx):
        value = f"VALUE({_value(left, ctx)})" if _is_code(left, ctx) else _value(left, ctx)
        return f"IFERROR(AND(ISNUMBER({value}),{value}{op}{_value(right, ctx)}),FALSE)"
    return f"{_value(left, ctx)}{op}{_value(right, ctx)}"


def _is_code(expr: Expr, ctx: FormulaContext) -> bool:
    if isinstance(expr, (Ref, Current)):
        question = _question(expr, ctx)
        return question is not None and question.type is QuestionType.SELECT_ONE
    return False


def _numeric(expr: Expr, ctx: FormulaContext) -> bool:
    if isinstance(expr, (Ref, Current)):
        question = _question(expr, ctx)
        return question is not None and question.type in (QuestionType.INTEGER, QuestionType.DECIMAL)
    return isinstance(expr, Binary) and expr.op in ("+", "-", "*", "div", "mod")
