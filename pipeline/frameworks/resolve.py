"""Once every row is read: each question gets its id, and each expression is parsed and its names resolved.

A name used once in the form is the question's id; a name used in several groups becomes ``group.name``, and
``${name}`` in an expression means the question of that name nearest to where the expression is written (in
its own group first), as XLSForm does. Each expression is checked once, at the row and column it was written
in: it parses, names questions that exist, does not use ``.`` to decide relevance, gives regex() a valid
pattern, filters choices by columns they have, and no calculation needs its own result.
"""
from __future__ import annotations

import re
from collections import Counter

from pipeline.domain.problems import Problem
from pipeline.frameworks.context import CompileContext, QuestionDraft, RepeatDraft
from pipeline.frameworks.expressions import (
    Call,
    Column,
    Current,
    Expr,
    ExpressionError,
    String,
    parse,
    references,
    rename_references,
    walk,
)
from pipeline.frameworks.survey import SELECTS
from pipeline.i18n.messages.frameworks import (
    FW_AMBIGUOUS_REFERENCE,
    FW_BAD_REGEX,
    FW_CALCULATION_CYCLE,
    FW_CURLY_QUOTES,
    FW_DOT_IN_RELEVANT,
    FW_FILTER_COLUMN,
    FW_UNKNOWN_REFERENCE,
)

Draft = QuestionDraft | RepeatDraft
CURLY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def assign_keys(c: CompileContext) -> None:
    """Gives each question and repeat its id: its name, or ``group.name`` (then the whole path) when it repeats."""
    counts = Counter(d.name for d in c.drafts)
    taken: set[str] = {d.name for d in c.drafts if counts[d.name] == 1}
    for d in c.drafts:
        if counts[d.name] == 1:
            d.key = d.name
            continue
        for size in range(1, len(d.path) + 1):
            key = ".".join(d.path[-size:] + (d.name,))
            if key not in taken:
                break
        else:
            key = f"{d.name}.{d.row}"
        d.key = key
        taken.add(key)


class Resolver:
    def __init__(self, c: CompileContext) -> None:
        self.c = c
        self.by_name: dict[str, list[Draft]] = {}
        for d in c.drafts:
            self.by_name.setdefault(d.name, []).append(d)
        self.reported: set[tuple[int, str]] = set()
        self.choice_columns = {k for k in (c.sheets.choices.headers if c.sheets.choices else {})} | {"name", "label"}

    def where(self, row: int, column: str):  # noqa: ANN201 - a Location
        return self.c.at(self.c.sheets.survey, row, column)

    def resolve(self, text: str, path: tuple[str, ...], row: int, column: str, own: Draft | None = None) -> str | None:
        """``text`` with its names made ids; None (with the problems, reported once per cell) when it is wrong."""
        first = (row, column) not in self.reported
        self.reported.add((row, column))
        if any(chr(q) in text for q in CURLY):
            if first:
                self.c.warn(FW_CURLY_QUOTES, self.where(row, column))
            text = text.translate(CURLY)
        try:
            expr = parse(text, columns=column == "choice_filter")
        except ExpressionError as error:
            if first:
                self.c.problems.append(Problem(error.message, dict(error.params), self.where(row, column)))
            return None
        renamed: dict[str, str] = {}
        ok = True
        for name in sorted(references(expr)):
            target = self.target(name, path, row, column, first)
            if target is None:
                ok = False
            elif target.key != name:
                renamed[name] = target.key
        if not self.check(expr, row, column, own, first):
            ok = False
        return rename_references(text, renamed) if ok else None

    def target(self, name: str, path: tuple[str, ...], row: int, column: str, report: bool) -> Draft | None:
        candidates = self.by_name.get(name, [])
        if not candidates and name in self.c.placeholders:  # metadata (empty in a questionnaire) or a row refused
            return RepeatDraft(name, 0, (), {}, {}, None, [], 0, key=name)
        if not candidates:
            if report:
                self.c.add(FW_UNKNOWN_REFERENCE, self.where(row, column), name=name)
            return None

        def shared(d: Draft) -> int:
            return next((i for i, (a, b) in enumerate(zip(d.path, path)) if a != b), min(len(d.path), len(path)))

        best = max(shared(d) for d in candidates)
        nearest = [d for d in candidates if shared(d) == best]
        if len(nearest) > 1:
            if report:
                groups = ", ".join(f"'{d.path[-1]}'" if d.path else "-" for d in nearest)
                self.c.add(FW_AMBIGUOUS_REFERENCE, self.where(row, column), name=name, groups=groups)
            return None
        return nearest[0]

    def check(self, expr: Expr, row: int, column: str, own: Draft | None, report: bool) -> bool:
        ok = True
        for node in walk(expr):
            if column == "relevant" and isinstance(node, Current):
                if report:
                    self.c.add(FW_DOT_IN_RELEVANT, self.where(row, column))
                return False
            if isinstance(node, Call) and node.name == "regex" and isinstance(node.args[1], String):
                try:
                    re.compile(node.args[1].value)
                except re.error as error:
                    if report:
                        self.c.add(FW_BAD_REGEX, self.where(row, column), pattern=node.args[1].value, reason=str(error))
                    ok = False
            if isinstance(node, Column) and node.name not in self.choice_columns:
                if report:
                    listed = own.fields.get("list_name") if isinstance(own, QuestionDraft) else ""
                    self.c.add(FW_FILTER_COLUMN, self.where(row, column), column=node.name, list=listed or "")
                ok = False
        return ok


def combined(parts: list[str]) -> str | None:
    """The conditions of a question and of its groups, all of which must hold; None for none."""
    return " and ".join(f"({p})" for p in parts) if len(parts) > 1 else next(iter(parts), None)


def resolve_expressions(c: CompileContext) -> None:
    """Parses every expression kept aside and writes it back with its names resolved into the drafts' fields."""
    assign_keys(c)
    r = Resolver(c)
    for d in c.drafts:
        relevant = [r.resolve(text, path, row, "relevant") for text, path, row in d.relevant]
        if isinstance(d, RepeatDraft):
            d.relevant = [(text, d.path, d.row) for text in relevant if text]
            if d.count is not None and not d.count.isdigit():
                d.count = r.resolve(d.count, d.path, d.row, "repeat_count")
            continue
        d.fields["relevant"] = combined([t for t in relevant if t])
        for key, text in d.expressions.items():
            d.fields[{"required": "required_if"}.get(key, key)] = r.resolve(text, d.path, d.row, key, d)
        if d.fields.get("choice_filter") and d.fields["type"] not in SELECTS:
            d.fields["choice_filter"] = None
    _cycles(c)


def _cycles(c: CompileContext) -> None:
    """An error for each calculation that needs its own result, at its row."""
    calculations = {d.key: d for d in c.drafts if isinstance(d, QuestionDraft) and d.fields.get("calculation")}
    needs = {key: references(parse(str(d.fields["calculation"]))) & calculations.keys() for key, d in calculations.items()}
    done: set[str] = set()
    for start in calculations:
        stack, seen = [(start, (start,))], {start}
        while stack:
            key, trail = stack.pop()
            for other in needs[key]:
                if other == start:
                    if start not in done:
                        where = c.at(c.sheets.survey, calculations[start].row, "calculation")
                        c.add(FW_CALCULATION_CYCLE, where, name=calculations[start].name, path=" → ".join(trail + (start,)))
                        done.update(trail)
                    stack = []
                    break
                if other not in seen:
                    seen.add(other)
                    stack.append((other, trail + (other,)))
