"""What the framework's expressions read when a response is checked: every answer, each calculation computed
when first needed, and each repeat seen from outside it as the values of its rows.

``Answers`` is the mapping the evaluator looks names up in. Outside a repeat, a question of a repeat is the
values of that question in every row (``sum(${cost})``, ``count(${plans})``); inside one, the row's own answers
come first. A calculation is computed once per scope, and one that (through a framework edited by hand) needs
its own result is empty rather than endless.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Iterator, Mapping

from pipeline.analysis.normalise import Answer, Normalised
from pipeline.domain.framework import Framework, Question, QuestionType, Repeat
from pipeline.frameworks.expressions import ExpressionError, Nodes, Scope, evaluate, parse


def _value(answer: Answer | None) -> object:
    return answer.value if answer is not None else None


def clean(value: object) -> object:
    """A computed value as an answer holds it: NaN and infinities are no value; whole floats are ints."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    return None if value == "" else value


class _Columns(Mapping[str, Nodes]):
    """Each repeat question's values in every row, computed when asked for (``indexed-repeat()``)."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers

    def __getitem__(self, name: str) -> Nodes:
        q = self.answers.fw.question(name)
        if q is None or q.repeat is None:
            raise KeyError(name)
        return self.answers.column(q)

    def __iter__(self) -> Iterator[str]:
        return iter(q.name for r in self.answers.fw.repeats for q in r.questions)

    def __len__(self) -> int:
        return sum(len(r.questions) for r in self.answers.fw.repeats)


class Answers(Mapping[str, object]):
    """The answers of one response as an expression sees them, at the top level or in row ``index`` (1-based)
    of ``repeat``."""

    def __init__(self, framework: Framework, normalised: Normalised, today: dt.datetime,
                 repeat: Repeat | None = None, index: int | None = None, top: Answers | None = None) -> None:
        self.fw, self.n, self.today = framework, normalised, today
        self.repeat, self.index, self.top = repeat, index, top
        self.computed: dict[str, object] = {}
        self.busy: set[str] = set()
        self.row: dict[str, Answer] = (normalised.repeats.get(repeat.name, ())[index - 1]
                                       if repeat is not None and index is not None else {})
        self.own = {q.name: q for q in (repeat.questions if repeat else framework.questions)}

    def scope(self, current: object = None) -> Scope:
        return Scope(self, current, self.index, _Columns(self), today=self.today)

    def rows(self, repeat: Repeat) -> list[Answers]:
        root = self.top or self
        return [Answers(self.fw, self.n, self.today, repeat, i, root) for i in range(1, len(self.n.repeats.get(repeat.name, ())) + 1)]

    def column(self, q: Question) -> Nodes:
        repeat = self.fw.repeat(q.repeat or "")
        return Nodes(row[q.name] for row in self.rows(repeat)) if repeat else Nodes()

    def calculate(self, q: Question) -> object:
        if q.name in self.computed:
            return self.computed[q.name]
        if q.name in self.busy:
            return None
        self.busy.add(q.name)
        try:
            value = clean(evaluate(parse(q.calculation or "''"), self.scope()))
        except ExpressionError:
            value = None
        self.busy.discard(q.name)
        self.computed[q.name] = value
        return value

    def __getitem__(self, name: str) -> object:
        q = self.own.get(name)
        if q is not None:
            if q.type is QuestionType.CALCULATE:
                return self.calculate(q)
            return _value(self.row.get(name) if self.repeat else self.n.answers.get(name))
        if self.top is not None:
            return self.top[name]
        if (repeat := self.fw.repeat(name)) is not None:
            return Nodes(range(1, len(self.n.repeats.get(repeat.name, ())) + 1))
        if (found := self.fw.question(name)) is not None and found.repeat is not None:
            return self.column(found)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.own)

    def __len__(self) -> int:
        return len(self.own)
