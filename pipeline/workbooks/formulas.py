"""XLSForm expressions as Excel formulas, so the questionnaire reacts while it is filled.

The workbook shows choice *labels* in answer cells; a hidden lists sheet maps each label back to its code
(named ``list_<list name>``, two columns). A question's answer cell is named ``q_<name>``; a ``select_multiple``
option cell ``q_<name>__<code>`` (each holds the yes/no label); a question of a repeat names its whole column.
Comparisons with numbers treat empty and non-numeric values as false, as ODK does, rather than as zero.

What Excel and LibreOffice cannot compute the same way (``regex()``, ``format-date()``, a select_multiple as
text …) raises ``Untranslatable``: the questionnaire then says the rule in words and the inbox checks it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from pipeline.domain.framework import Framework, Question, QuestionType
from pipeline.frameworks.expressions import Binary, Call, Column, Current, Expr, Negate, Number, Parent, Ref, String

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
COMPARISONS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
BOOLEAN_CALLS = ("not", "selected", "true", "false", "boolean", "contains", "starts-with", "ends-with")
SIMPLE = {"string-length": "LEN", "abs": "ABS", "int": "TRUNC", "floor": "INT", "sqrt": "SQRT", "pow": "POWER",
          "normalize-space": "TRIM", "today": "TODAY", "now": "NOW"}
NUMERIC_TYPES = (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RANGE)


class Untranslatable(ValueError):
    """An expression the workbook cannot compute as the inbox will; the rule is checked when it is received."""


def cell_name(question: str, option: str | None = None) -> str:
    """The defined name of an answer cell (``option`` for one cell of a select_multiple)."""
    return f"q_{question}" + (f"__{option}" if option else "")


def list_name(list_: str) -> str:
    return f"list_{list_}"


def text_literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class FormulaContext:
    """What a formula is written for: ``current`` is the question ``.`` means; ``cells`` gives, for the row of
    a repeat, the cell of each question of that row (``{'year': 'C5'}``) instead of its defined name."""

    framework: Framework
    yes_label: str  # the yes label in the workbook's language (select_multiple option cells)
    current: Question | None = None
    cells: Mapping[str, str] = field(default_factory=dict)


def to_formula(expr: Expr, ctx: FormulaContext) -> str:
    """The Excel formula (without '=') that computes ``expr`` on the questionnaire's cells; raises Untranslatable."""
    return _boolean(expr, ctx) if _is_boolean(expr) else _value(expr, ctx)


def _is_boolean(expr: Expr) -> bool:
    if isinstance(expr, Binary):
        return expr.op in COMPARISONS or expr.op in ("and", "or")
    return isinstance(expr, Call) and expr.name in BOOLEAN_CALLS


def _question(expr: Ref | Current, ctx: FormulaContext) -> Question | None:
    return ctx.current if isinstance(expr, Current) else ctx.framework.question(expr.name)


def _cell(question: Question, ctx: FormulaContext, option: str | None = None) -> str:
    key = question.name + (f"__{option}" if option else "")
    if key in ctx.cells:
        return ctx.cells[key]
    if question.repeat is not None:  # a column seen from outside its repeat: only sum(), max() … can take it
        raise Untranslatable(question.name)
    return cell_name(question.name, option)


def _column(expr: Expr, ctx: FormulaContext) -> str:
    """The defined name of a repeat's column, for sum(), count(), max() and min()."""
    if isinstance(expr, Ref) and (q := ctx.framework.question(expr.name)) is not None and q.repeat is not None \
            and q.type in NUMERIC_TYPES + (QuestionType.CALCULATE,) and expr.name not in ctx.cells:
        return cell_name(q.name)
    raise Untranslatable(getattr(expr, "name", ""))


def _rows(expr: Expr, ctx: FormulaContext) -> str:
    """How many rows of a repeat hold an answer (count(${repeat}))."""
    repeat = ctx.framework.repeat(expr.name) if isinstance(expr, Ref) else None
    if repeat is None:
        raise Untranslatable("count")
    columns = [cell_name(q.name) for q in repeat.questions if q.answerable and q.type is not QuestionType.SELECT_MULTIPLE]
    if not columns:
        raise Untranslatable("count")
    return f'SUMPRODUCT((LEN({"&".join(columns)})>0)*1)'


def _value(expr: Expr, ctx: FormulaContext) -> str:
    """A formula for the value of ``expr``: choice codes for selects, the cell otherwise."""
    if isinstance(expr, Number):
        return repr(expr.value)
    if isinstance(expr, String):
        return text_literal(expr.value)
    if isinstance(expr, (Column, Parent)):
        raise Untranslatable("column")
    if isinstance(expr, (Ref, Current)):
        question = _question(expr, ctx)
        if question is None:
            if isinstance(expr, Ref) and ctx.framework.repeat(expr.name) is not None:
                return _rows(expr, ctx)
            return '""'
        if question.type is QuestionType.SELECT_MULTIPLE:
            if question.repeat is not None:
                raise Untranslatable(question.name)
            return f"COUNTIF({cell_name(question.name)},{text_literal(ctx.yes_label)})"
        name = _cell(question, ctx)
        if question.type is QuestionType.SELECT_ONE:
            return f'IFERROR(VLOOKUP({name},{list_name(question.list_name or "")},2,FALSE),"")'
        if question.type is QuestionType.ACKNOWLEDGE:
            return f'IF(LEN({name})>0,"OK","")'
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
        return _call(expr, ctx)
    raise TypeError(expr)


def _call(expr: Call, ctx: FormulaContext) -> str:
    name, args = expr.name, expr.args
    if name in BOOLEAN_CALLS:
        return _boolean(expr, ctx)
    if name in SIMPLE:
        return f"{SIMPLE[name]}({','.join(_value(a, ctx) for a in args)})"
    if name == "count-selected":
        return _value(args[0], ctx)
    if name == "if":
        return f"IF({_boolean(args[0], ctx)},{_value(args[1], ctx)},{_value(args[2], ctx)})"
    if name == "coalesce":
        first = _value(args[0], ctx)
        return f'IF(LEN({first})>0,{first},{_value(args[1], ctx)})'
    if name == "concat":
        return "(" + "&".join(_value(a, ctx) for a in args) + ")"
    if name == "string":
        return f'({_value(args[0], ctx)}&"")'
    if name == "number":
        return f"VALUE({_value(args[0], ctx)})"
    if name == "ceiling":
        return f"-INT(-({_value(args[0], ctx)}))"
    if name == "round":
        return f"ROUND({_value(args[0], ctx)},{_value(args[1], ctx) if len(args) > 1 else 0})"
    if name == "substr":
        text, start = _value(args[0], ctx), _value(args[1], ctx)
        length = f"({_value(args[2], ctx)})-({start})" if len(args) > 2 else "32767"
        return f"MID({text},({start})+1,{length})"
    if name in ("sum", "max", "min") and len(args) == 1 and isinstance(args[0], Ref) and args[0].name not in ctx.cells:
        return f"{name.upper()}({_column(args[0], ctx)})"
    if name in ("max", "min"):
        return f"{name.upper()}({','.join(_value(a, ctx) for a in args)})"
    if name == "count" and isinstance(args[0], Ref):
        repeat = ctx.framework.repeat(args[0].name)
        return _rows(args[0], ctx) if repeat else f"COUNT({_column(args[0], ctx)})"
    if name == "indexed-repeat" and isinstance(args[0], Ref):
        return f'INDEX({_column(args[0], ctx)},{_value(args[2], ctx)})'
    if name == "once":
        return _value(args[0], ctx)
    raise Untranslatable(name)


def _boolean(expr: Expr, ctx: FormulaContext) -> str:
    if isinstance(expr, Binary) and expr.op in ("and", "or"):
        return f"{expr.op.upper()}({_boolean(expr.left, ctx)},{_boolean(expr.right, ctx)})"
    if isinstance(expr, Binary) and expr.op in COMPARISONS:
        return _comparison(expr, ctx)
    if isinstance(expr, Call):
        args = expr.args
        if expr.name == "not":
            return f"NOT({_boolean(args[0], ctx)})"
        if expr.name in ("true", "false"):
            return expr.name.upper()
        if expr.name == "boolean":
            return _boolean(args[0], ctx)
        if expr.name == "contains":
            return f"ISNUMBER(FIND({_value(args[1], ctx)},{_value(args[0], ctx)}))"
        if expr.name in ("starts-with", "ends-with"):
            side = "LEFT" if expr.name == "starts-with" else "RIGHT"
            text, part = _value(args[0], ctx), _value(args[1], ctx)
            return f"{side}({text},LEN({part}))={part}"
        if expr.name == "selected":
            target, option = args
            question = _question(target, ctx) if isinstance(target, (Ref, Current)) else None
            if not isinstance(option, String):
                raise Untranslatable("selected")
            if question is not None and question.type is QuestionType.SELECT_MULTIPLE:
                return f"{_cell(question, ctx, option.value)}={text_literal(ctx.yes_label)}"
            return f"{_value(target, ctx)}={text_literal(option.value)}"
        if expr.name == "if":
            return f"IF({_boolean(args[0], ctx)},{_boolean(args[1], ctx)},{_boolean(args[2], ctx)})"
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
        return question is not None and question.type in NUMERIC_TYPES
    if isinstance(expr, Call):
        return expr.name in ("today", "now", "count", "sum", "count-selected", "string-length", "round", "int", "floor")
    return isinstance(expr, Binary) and expr.op in ("+", "-", "*", "div", "mod")
