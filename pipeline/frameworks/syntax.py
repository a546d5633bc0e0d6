"""XLSForm expressions as text → a small AST: a tokenizer and a precedence-climbing parser.

Accepted: ``${name}``, ``.`` (this question's answer), ``..`` (only as ``position(..)``), numbers, quoted text,
parentheses, ``= != < <= > >= and or + - * div mod``, unary minus and the functions of ``functions.FUNCTIONS``.
In a ``choice_filter`` a bare name is a column of the choices sheet (``state = ${state}``). Nothing reaches
eval/exec. Mistakes people make (curly quotes pasted from Word, ``True`` for ``true()``) get a message that
says what to write instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, TypeAlias

from pipeline.frameworks.functions import FUNCTIONS
from pipeline.i18n.messages.frameworks import (
    EXPR_ARGUMENTS,
    EXPR_BAD_REFERENCE,
    EXPR_BARE_NAME,
    EXPR_BOOLEAN_WORD,
    EXPR_CURLY_QUOTE,
    EXPR_EMPTY,
    EXPR_INCOMPLETE,
    EXPR_LAST_SAVED,
    EXPR_OFFLINE_FUNCTION,
    EXPR_TOO_DEEP,
    EXPR_TOO_LONG,
    EXPR_UNBALANCED,
    EXPR_UNEXPECTED,
    EXPR_UNKNOWN_FUNCTION,
    EXPR_UNMATCHED_CLOSE,
    EXPR_UNTERMINATED_STRING,
    EXPR_XPATH_PATH,
)

MAX_NESTING = 50  # parentheses, function calls and unary minus inside one another
MAX_OPERATORS = 300  # binary operators; with MAX_NESTING this bounds the evaluator's recursion
CURLY_QUOTES = "‘’‚‛“”„‟′″«»"
BOOLEAN_WORDS = {"true": "true()", "false": "false()"}
# Functions that read data a questionnaire answered in Excel does not have: files, maps, the device, other forms.
OFFLINE = {"pulldata", "instance", "area", "distance", "enclosed-area", "geofence", "digest", "base64-decode", "random",
           "randomize", "version", "property", "current", "once-per-device", "jr:choice-name", "choice-name"}


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
class Parent:
    """``..``, the repeat row the expression is in (only inside ``position()``)."""


@dataclass(frozen=True)
class Column:
    """A bare name in a choice_filter: that column of the choice being filtered."""
    name: str


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


Expr: TypeAlias = Number | String | Ref | Current | Parent | Column | Negate | Binary | Call


@dataclass(frozen=True)
class _Token:
    kind: str  # num, str, ref, dot, dotdot, name, op, (, ), ",", end
    text: str
    pos: int


_TOKEN = re.compile(
    r"(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<ref>\$\{[A-Za-z_][\w.\-]*\})"
    r"|(?P<name>[A-Za-z_]\w*(?:-[A-Za-z_]\w*)*)|(?P<op>!=|<=|>=|[=<>+\-*])|(?P<punct>[(),])|(?P<dotdot>\.\.)|(?P<dot>\.)",
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
            if text[i] in CURLY_QUOTES:
                raise ExpressionError(EXPR_CURLY_QUOTE, i, token=text[i])
            if text[i] in "'\"":
                raise ExpressionError(EXPR_UNTERMINATED_STRING, i, quote=text[i])
            if text.startswith("${last-saved#", i):
                raise ExpressionError(EXPR_LAST_SAVED, i)
            if text[i] in "/[":
                raise ExpressionError(EXPR_XPATH_PATH, i, token=text[i])
            raise ExpressionError(EXPR_BAD_REFERENCE if text[i] == "$" else EXPR_UNEXPECTED, i, token=text[i])
        kind = found.lastgroup or ""
        tokens.append(_Token(found.group() if kind == "punct" else kind, found.group(), i))
        i = found.end()


class _Parser:
    """Precedence climbing over the token list, with limits that keep every recursion shallow."""

    def __init__(self, text: str, columns: bool) -> None:
        self.tokens = _tokenize(text)
        self.columns = columns
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
            return Number(value if "." in token.text else tidy(value))
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
        if token.kind == "name" and token.text not in _PRECEDENCE:
            if token.text.lower() in BOOLEAN_WORDS:
                raise ExpressionError(EXPR_BOOLEAN_WORD, token.pos, name=token.text, fixed=BOOLEAN_WORDS[token.text.lower()])
            if self.columns:
                return Column(token.text)
            if token.text not in FUNCTIONS:
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
            raise ExpressionError(EXPR_OFFLINE_FUNCTION if name.text in OFFLINE else EXPR_UNKNOWN_FUNCTION, name.pos, name=name.text)
        opening = self.take()
        self.enter(opening)
        if name.text == "position" and self.peek().kind == "dotdot":
            self.take()
            args: list[Expr] = [Parent()]
        else:
            args = [] if self.peek().kind == ")" else [self.expression()]
        while args and self.peek().kind == ",":
            self.take()
            args.append(self.expression())
        self.close(opening)
        fewest, most = FUNCTIONS[name.text].arity
        if not fewest <= len(args) <= (most if most is not None else len(args)):
            expected: object = fewest if fewest == most else f"{fewest}–{most}" if most is not None else f"{fewest}+"
            raise ExpressionError(EXPR_ARGUMENTS, name.pos, name=name.text, expected=expected, given=len(args))
        return Call(name.text, tuple(args))


def tidy(value: float) -> int | float:
    """A whole float as an int (as XPath prints it), anything else unchanged."""
    return int(value) if value == value and abs(value) < 2**53 and value.is_integer() else value


@lru_cache(maxsize=4096)
def parse(text: str, columns: bool = False) -> Expr:
    """Parses an XLSForm expression into an AST; raises ExpressionError. With ``columns``, bare names are
    columns of the choices sheet (a choice_filter)."""
    if not text or not text.strip():
        raise ExpressionError(EXPR_EMPTY, 0)
    parser = _Parser(text, columns)
    node = parser.expression()
    if (token := parser.peek()).kind == ")":
        raise ExpressionError(EXPR_UNMATCHED_CLOSE, token.pos)
    if token.kind != "end":
        raise parser.unexpected(token)
    return node


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of ``expr``, itself first."""
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Negate):
            stack.append(node.operand)
        elif isinstance(node, Binary):
            stack += [node.right, node.left]
        elif isinstance(node, Call):
            stack += reversed(node.args)


def references(expr: Expr) -> frozenset[str]:
    """The question names used as ${name} in ``expr``."""
    return frozenset(node.name for node in walk(expr) if isinstance(node, Ref))


def functions_used(expr: Expr) -> frozenset[str]:
    """The names of the functions ``expr`` calls."""
    return frozenset(node.name for node in walk(expr) if isinstance(node, Call))


_REFERENCE = re.compile(r"\$\{([A-Za-z_][\w.\-]*)\}")


def rename_references(text: str, renamed: dict[str, str]) -> str:
    """``text`` with each ``${old}`` of ``renamed`` written ``${new}``; everything else is left as written."""
    return _REFERENCE.sub(lambda found: "${" + renamed.get(found.group(1), found.group(1)) + "}", text)
