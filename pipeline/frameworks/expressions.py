"""XLSForm ``relevant``/``constraint`` expressions: a tokenizer, a precedence-climbing parser
to a small AST, and an XPath/ODK-style evaluator. Only ``${name}``, ``.``, numbers, quoted text,
parentheses, ``= != < <= > >= and or + - * div mod``, unary minus, ``not()``, ``selected()``,
``count-selected()`` and ``string-length()`` are accepted; nothing reaches eval/exec."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, TypeAlias

from pipeline.i18n.messages.frameworks import (
    EXPR_ARGUMENTS,
    EXPR_BAD_REFERENCE,
    EXPR_BARE_NAME,
    EXPR_EMPTY,
    EXPR_INCOMPLETE,
    EXPR_TOO_DEEP,
    EXPR_TOO_LONG,
    EXPR_UNBALANCED,
    EXPR_UNEXPECTED,
    EXPR_UNKNOWN_FUNCTION,
    EXPR_UNMATCHED_CLOSE,
    EXPR_UNTERMINATED_STRING,
)

MAX_NESTING = 50  # parentheses, function calls and unary minus inside one another
MAX_OPERATORS = 300  # binary operators; with MAX_NESTING this bounds the evaluator's recursion
FUNCTIONS = {"not": 1, "selected": 2, "count-selected": 1, "string-length": 1}


class ExpressionError(ValueError):
    """An expression that cannot be parsed or is not supported.

    ``message`` is the catalog msgid, ``params`` its str.format fields (``column`` is the
    1-based character for readers), ``position`` the 0-based offset in the text."""

    def __init__(self, message: str, position: int, **params: object) -> None:
        self.message = message
        self.position = position
        self.params: dict[str, object] = {"column": position + 1, **params}
        super().__init__(message.format(**self.params))


@dataclass(frozen=True)
class Number:
    value: int | float


@dataclass(frozen=True)
class String:
    value: str


@dataclass(frozen=True)
class Ref:
    """``${name}``."""
    name: str


@dataclass(frozen=True)
class Current:
    """``.``, the value of the question the expression belongs to."""


@dataclass(frozen=True)
class Negate:
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # = != < <= > >= and or + - * div mod
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Call:
    name: str  # a key of FUNCTIONS
    args: tuple[Expr, ...]


Expr: TypeAlias = Number | String | Ref | Current | Negate | Binary | Call


@dataclass(frozen=True)
class _Token:
    kind: str  # num, str, ref, dot, name, op, (, ), ",", end
    text: str
    pos: int


_TOKEN = re.compile(
    r"(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<ref>\$\{[A-Za-z_][\w.\-]*\})"
    r"|(?P<name>[A-Za-z_]\w*(?:-[A-Za-z_]\w*)*)|(?P<op>!=|<=|>=|[=<>+\-*])|(?P<punct>[(),])|(?P<dot>\.)",
    re.ASCII,
)
_PRECEDENCE = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
               "+": 5, "-": 5, "*": 6, "div": 6, "mod": 6}


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return tokens + [_Token("end", "", i)]
        if not (found := _TOKEN.match(text, i)):
            if text[i] in "'\"":
                raise ExpressionError(EXPR_UNTERMINATED_STRING, i, quote=text[i])
            raise ExpressionError(EXPR_BAD_REFERENCE if text[i] == "$" else EXPR_UNEXPECTED, i, token=text[i])
        kind = found.lastgroup or ""
        tokens.append(_Token(found.group() if kind == "punct" else kind, found.group(), i))
        i = found.end()


class _Parser:
    """Precedence climbing over the token list, with limits that keep every recursion shallow."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.i = self.nesting = self.operators = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def unexpected(self, token: _Token) -> ExpressionError:
        message = EXPR_INCOMPLETE if token.kind == "end" else EXPR_UNEXPECTED
        return ExpressionError(message, token.pos, token=token.text)

    def enter(self, token: _Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ExpressionError(EXPR_TOO_DEEP, token.pos, limit=MAX_NESTING)

    def expression(self, min_prec: int = 1) -> Expr:
        left = self.unary()
        while (token := self.peek()).kind in ("op", "name"):
            if (prec := _PRECEDENCE.get(token.text)) is None:
                raise self.unexpected(token)
            if prec < min_prec:
                break
            self.take()
            self.operators += 1
            if self.operators > MAX_OPERATORS:
                raise ExpressionError(EXPR_TOO_LONG, token.pos, limit=MAX_OPERATORS)
            left = Binary(token.text, left, self.expression(prec + 1))
        return left

    def unary(self) -> Expr:
        if (token := self.peek()).kind != "op" or token.text != "-":
            return self.primary()
        self.take()
        self.enter(token)
        operand = self.unary()
        self.nesting -= 1
        return Negate(operand)

    def primary(self) -> Expr:
        token = self.take()
        if token.kind == "num":
            value = float(token.text)
            return Number(value if "." in token.text else _tidy(value))
        leaves: dict[str, Expr] = {"str": String(token.text[1:-1]), "ref": Ref(token.text[2:-1]), "dot": Current()}
        if token.kind in leaves:
            return leaves[token.kind]
        if token.kind == "(":
            self.enter(token)
            node = self.expression()
            self.close(token)
            return node
        if token.kind == "name" and self.peek().kind == "(":
            return self.call(token)
        if token.kind == "name" and token.text not in _PRECEDENCE and token.text not in FUNCTIONS:
            raise ExpressionError(EXPR_BARE_NAME, token.pos, name=token.text)
        raise self.unexpected(token)

    def close(self, opening: _Token) -> None:
        if (token := self.take()).kind == "end":
            raise ExpressionError(EXPR_UNBALANCED, opening.pos)
        if token.kind != ")":
            raise self.unexpected(token)
        self.nesting -= 1

    def call(self, name: _Token) -> Expr:
        if name.text not in FUNCTIONS:
            raise ExpressionError(EXPR_UNKNOWN_FUNCTION, name.pos, name=name.text)
        opening = self.take()
        self.enter(opening)
        args = [] if self.peek().kind == ")" else [self.expression()]
        while args and self.peek().kind == ",":
            self.take()
            args.append(self.expression())
        self.close(opening)
        if len(args) != FUNCTIONS[name.text]:
            raise ExpressionError(EXPR_ARGUMENTS, name.pos, name=name.text,
                                  expected=FUNCTIONS[name.text], given=len(args))
        return Call(name.text, tuple(args))


@lru_cache(maxsize=2048)
def parse(text: str) -> Expr:
    """Parses an XLSForm relevant/constraint expression into an AST; raises ExpressionError."""
    if not text or not text.strip():
        raise ExpressionError(EXPR_EMPTY, 0)
    parser = _Parser(text)
    node = parser.expression()
    if (token := parser.peek()).kind == ")":
        raise ExpressionError(EXPR_UNMATCHED_CLOSE, token.pos)
    if token.kind != "end":
        raise parser.unexpected(token)
    return node


def references(expr: Expr) -> frozenset[str]:
    """The question names used as ${name} in ``expr``."""
    names: set[str] = set()
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Ref):
            names.add(node.name)
        elif isinstance(node, Negate):
            stack.append(node.operand)
        elif isinstance(node, Binary):
            stack += [node.left, node.right]
        elif isinstance(node, Call):
            stack += node.args
    return frozenset(names)


_NUMERIC = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EPOCH = dt.datetime(1970, 1, 1)


def _normalise(value: object) -> object:
    """An answer as the evaluator sees it: None is '', a collection of codes a tuple of text."""
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return "" if value is None else value


def _moment(value: object) -> dt.datetime | None:
    """A date, datetime or 'YYYY-MM-DD' text as a naive datetime; None for anything else."""
    if isinstance(value, dt.date):
        return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _number(value: object) -> float:
    """XPath number(): numeric text to its value, dates to days since 1970, anything else NaN."""
    if isinstance(value, (bool, int, float)):
        return float(value)
    if isinstance(value, dt.date):
        return ((_moment(value) or _EPOCH) - _EPOCH).total_seconds() / 86400
    text = _string(value).strip()
    return float(text) if _NUMERIC.fullmatch(text) else math.nan


def _string(value: object) -> str:
    """XPath string(): true/false, integral numbers without '.0', ISO dates, codes joined by spaces."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return " ".join(value)
    return value.isoformat() if isinstance(value, dt.date) else "" if value is None else str(value)


def truthy(value: object) -> bool:
    """XPath boolean() of a relevant/constraint result: '', 0, NaN, None and no selection are false."""
    if isinstance(value, (int, float)):
        return not (value == 0 or math.isnan(value))
    return bool(value) if value is None or isinstance(value, (str, tuple)) else True


def _tidy(value: float) -> int | float:
    return int(value) if math.isfinite(value) and value.is_integer() and abs(value) < 2**53 else value


def _compare(op: str, a: object, b: object) -> bool:
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            same = truthy(a) == truthy(b)
        elif isinstance(a, (int, float)) or isinstance(b, (int, float)):
            same = _number(a) == _number(b)
        elif isinstance(a, dt.date) or isinstance(b, dt.date):
            same = _moment(a) is not None and _moment(a) == _moment(b)
        else:
            same = _string(a) == _string(b)
        return same == (op == "=")
    left: object = _number(a)
    right: object = _number(b)
    if isinstance(a, dt.date) or isinstance(b, dt.date) or (_moment(a) and _moment(b)):
        left, right = _moment(a), _moment(b)
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
    return _tidy(results[op] if op in results else a / b if op == "div" else math.fmod(a, b))


def evaluate(expr: Expr | str, answers: Mapping[str, object], current: object = None) -> object:
    """Evaluates ``expr`` (an AST, or text to parse) against ``answers``; ``current`` is ``.``.

    Returns a bool, number, text, date or tuple of codes; a missing or None answer is ''."""
    node = parse(expr) if isinstance(expr, str) else expr
    if isinstance(node, (Number, String)):
        return node.value
    if isinstance(node, (Ref, Current)):
        return _normalise(answers.get(node.name) if isinstance(node, Ref) else current)
    if isinstance(node, Negate):
        return _tidy(-_number(evaluate(node.operand, answers, current)))
    if isinstance(node, Call):
        values = [evaluate(arg, answers, current) for arg in node.args]
        codes = values[0] if isinstance(values[0], tuple) else tuple(_string(values[0]).split())
        if node.name == "selected":
            return _string(values[1]).strip() in codes
        if node.name == "count-selected":
            return len(codes)
        return not truthy(values[0]) if node.name == "not" else len(_string(values[0]))
    left = evaluate(node.left, answers, current)
    if node.op in ("and", "or"):
        if truthy(left) == (node.op == "or"):
            return node.op == "or"
        return truthy(evaluate(node.right, answers, current))
    right = evaluate(node.right, answers, current)
    if node.op in ("+", "-", "*", "div", "mod"):
        return _arithmetic(node.op, _number(left), _number(right))
    return _compare(node.op, left, right)
