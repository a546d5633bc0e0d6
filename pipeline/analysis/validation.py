"""Checking a normalised response against its analytical framework (step 2).

Pure: no Office library. Types and choices are checked by a pydantic model built from the
framework (once per structure); ``relevant`` and ``constraint`` rules by the expression
evaluator, never eval. Every problem is collected, each located at the answer's cell.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from pipeline.analysis.answer_scope import Answers, clean
from pipeline.analysis.normalise import Answer, Normalised, is_empty
from pipeline.domain.answers import AnswerStatus
from pipeline.domain.framework import (
    INSUFFICIENT_INFORMATION,
    NOT_APPLICABLE,
    Choice,
    Framework,
    Question,
    QuestionType,
    Repeat,
    pick,
)
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.frameworks.expressions import ExpressionError, Scope, evaluate, parse, truthy
from pipeline.i18n.messages.answers import (
    VAL_CONSTRAINT,
    VAL_CONSTRAINT_EXPLAINED,
    VAL_EVIDENCE_MISSING,
    VAL_KIND_DATE,
    VAL_KIND_DECIMAL,
    VAL_KIND_INTEGER,
    VAL_KIND_OPTION,
    VAL_KIND_OPTIONS,
    VAL_KIND_TEXT,
    VAL_MISSING,
    VAL_NOT_AN_OPTION,
    VAL_NOT_APPLICABLE,
    VAL_RULE_NOT_CHECKED,
    VAL_WRONG_TYPE,
)
from pipeline.i18n.messages.xlsform import (
    VAL_FILTERED_OUT,
    VAL_KIND_DATETIME,
    VAL_KIND_TIME,
    VAL_OUT_OF_RANGE,
    VAL_REQUIRED_EXPLAINED,
    VAL_TOO_FEW_ROWS,
)
from pipeline.i18n.translation import Msgid, Texts, format_number

KINDS: dict[QuestionType, Msgid] = {
    QuestionType.SELECT_ONE: VAL_KIND_OPTION, QuestionType.SELECT_MULTIPLE: VAL_KIND_OPTIONS,
    QuestionType.INTEGER: VAL_KIND_INTEGER, QuestionType.DECIMAL: VAL_KIND_DECIMAL, QuestionType.RANGE: VAL_KIND_DECIMAL,
    QuestionType.DATE: VAL_KIND_DATE, QuestionType.TIME: VAL_KIND_TIME, QuestionType.DATETIME: VAL_KIND_DATETIME,
    QuestionType.TEXT: VAL_KIND_TEXT, QuestionType.ACKNOWLEDGE: VAL_KIND_OPTION,
}
SCALARS: dict[QuestionType, Any] = {QuestionType.INTEGER: int, QuestionType.DECIMAL: float, QuestionType.RANGE: float,
                                    QuestionType.DATE: dt.date, QuestionType.TIME: dt.time, QuestionType.DATETIME: dt.datetime,
                                    QuestionType.TEXT: str, QuestionType.ACKNOWLEDGE: Literal["OK"]}
NOWHERE = Location(sheet=None, cell=None)


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one response: every problem, and the status of each question."""

    problems: tuple[Problem, ...] = ()
    statuses: dict[str, AnswerStatus] = field(default_factory=dict)
    required: int = 0  # required questions that apply
    answered: int = 0  # of those, answered validly (with evidence when it is asked)
    completion: float = 1.0
    rows: dict[str, tuple[dict[str, AnswerStatus], ...]] = field(default_factory=dict)  # each repeat row's statuses
    computed: dict[str, object] = field(default_factory=dict)  # each calculate's value (None when it has none)
    row_computed: dict[str, tuple[dict[str, object], ...]] = field(default_factory=dict)  # the same, per repeat row

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def complete(self) -> bool:
        """No errors, and every required question that applies is answered."""
        return not self.errors and self.answered == self.required


_MODELS: dict[str, type[BaseModel]] = {}


def _annotation(question: Question, framework: Framework) -> Any:
    codes = tuple(c.name for c in framework.options(question))
    if question.type in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE):
        code: Any = Literal[codes] if codes else str  # type: ignore[valid-type]
        return code if question.type is QuestionType.SELECT_ONE else tuple[code, ...]
    return SCALARS[question.type]


def answer_model(framework: Framework) -> type[BaseModel]:
    """The pydantic model of a response to ``framework``: one optional, strictly typed field per
    answerable question, aliased by the question's name. Built once per ``structure_hash``."""
    key = framework.structure_hash
    if key not in _MODELS:
        fields: dict[str, Any] = {
            f"f{i}": (Optional[_annotation(q, framework)], Field(default=None, alias=q.name))
            for i, q in enumerate(q for q in framework.questions if q.answerable)}
        _MODELS[key] = create_model(f"Response_{key[:12]}", __config__=ConfigDict(strict=True, extra="ignore"), **fields)
    return _MODELS[key]


def _given(answer: Answer | None) -> bool:
    """Whether something was typed for the answer (understood or not)."""
    if answer is None:
        return False
    if answer.value is not None:
        return True
    raw = answer.raw if isinstance(answer.raw, tuple) else (answer.raw,)
    return not all(is_empty(v) for v in raw)


def _code(value: object) -> str | None:
    """An answer as evidence_asked expects it: the code, or the value as text."""
    if value is None:
        return None
    return " ".join(map(str, value)) if isinstance(value, tuple) else str(value)


class _Validator:
    def __init__(self, normalised: Normalised, framework: Framework, lang: str, today: dt.datetime | None) -> None:
        self.n, self.fw, self.lang = normalised, framework, lang
        self.problems: list[Problem] = list(normalised.problems)
        self.values = {name: a.value for name, a in normalised.answers.items()}
        self.invalid = {str(p.params.get("question")) for p in normalised.problems if p.severity is Severity.ERROR}
        self.top = Answers(framework, normalised, today or dt.datetime.now())
        self.row_values: dict[str, list[dict[str, object]]] = {}  # each repeat row's calculations

    def add(self, message: str, where: Location | None, severity: Severity = Severity.ERROR, **params: object) -> None:
        self.problems.append(Problem(message, dict(params), where or NOWHERE, severity))

    def where(self, name: str, answers: Mapping[str, Answer] | None = None) -> Location:
        answer = (self.n.answers if answers is None else answers).get(name)
        return answer.where if answer and answer.where else NOWHERE

    def rule(self, shown: str, text: str | None, scope: Answers, current: object = None, where: Location | None = None) -> bool:
        if not text:
            return True
        try:
            return truthy(evaluate(text, scope.scope(current)))
        except ExpressionError:
            self.add(VAL_RULE_NOT_CHECKED, where or NOWHERE, Severity.WARNING, question=shown)
            return True

    def check_types(self, questions: list[Question]) -> None:
        """Runs the pydantic model on the given answers; each failure becomes a Problem of ours."""
        data = {q.name: self.values[q.name] for q in questions if self.values.get(q.name) is not None}
        try:
            answer_model(self.fw).model_validate(data)
        except ValidationError as failure:
            for error in failure.errors():
                name = str(error["loc"][0])
                q = self.fw.question(name)
                if q is None or name in self.invalid:
                    continue
                self.invalid.add(name)
                if error["type"] == "literal_error":
                    self.add(VAL_NOT_AN_OPTION, self.where(name), question=self.fw.reference(q), value=error["input"])
                else:
                    self.add(VAL_WRONG_TYPE, self.where(name), question=self.fw.reference(q), value=error["input"], expected=KINDS[q.type])

    def filtered(self, q: Question, value: object, scope: Answers, shown: str, where: Location) -> bool:
        """Whether each choice of ``value`` is one ``q``'s choice_filter offers, given the other answers."""
        allowed = [c for c in self.fw.options(q) if self.offered(q, c, scope)]
        codes = value if isinstance(value, tuple) else (value,)
        if all(code in {c.name for c in allowed} for code in codes):
            return True
        for code in (c for c in codes if c not in {c.name for c in allowed}):  # one sentence per choice not offered
            self.add(VAL_FILTERED_OUT, where, question=shown, value=self.fw.shown(q, code))
        return False

    @staticmethod
    def offered(q: Question, choice: Choice, scope: Answers) -> bool:
        try:
            found = evaluate(parse(q.choice_filter or "true()", columns=True),
                             Scope(scope, columns={**choice.columns, "name": choice.name}, today=scope.today))
        except ExpressionError:
            return True
        return truthy(found)

    def status(self, q: Question, value: object, scope: Answers, shown: str, where: Location, top: bool = True) -> AnswerStatus:
        """The status of an answer that applies; ``shown`` names the question in messages (a QuestionName)."""
        if shown in self.invalid:
            return AnswerStatus.INVALID
        if q.type is QuestionType.RANGE and q.range is not None and isinstance(value, (int, float)):
            r, number = q.range, lambda v: format_number(v, self.lang, 0 if float(v).is_integer() else 2)  # noqa: E731
            steps = (value - r.start) / r.step
            if not min(r.start, r.end) <= value <= max(r.start, r.end) or abs(steps - round(steps)) > 1e-9:
                self.add(VAL_OUT_OF_RANGE, where, question=shown, value=number(value), start=number(r.start),
                         end=number(r.end), step=number(r.step))
                return AnswerStatus.INVALID
        if q.choice_filter and q.type in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE) and value is not None:
            if not self.filtered(q, value, scope, shown, where):
                return AnswerStatus.INVALID
        maturity_skip = self.fw.is_maturity(q) and value in (NOT_APPLICABLE, INSUFFICIENT_INFORMATION)
        if not maturity_skip and not self.rule(shown, q.constraint, scope, value, where):
            reason = pick(q.constraint_message, self.lang, self.fw.default_language).strip().rstrip(".")
            if reason:
                self.add(VAL_CONSTRAINT_EXPLAINED, where, question=shown, value=self.fw.shown(q, value), reason=reason)
            else:
                self.add(VAL_CONSTRAINT, where, question=shown, value=self.fw.shown(q, value))
            return AnswerStatus.INVALID
        if top and q.evidence_asked(_code(value)):
            proof = self.n.evidence.get(q.name)
            if proof is None or proof.value is None or is_empty(proof.value):
                self.add(VAL_EVIDENCE_MISSING, proof.where if proof and proof.where else where, question=shown,
                         value=self.fw.shown(q, value))
                return AnswerStatus.EVIDENCE_MISSING
        return AnswerStatus.ANSWERED

    def skipped(self, q: Question, given: bool, scope: Answers, shown: str, where: Location) -> AnswerStatus | None:
        """The status of a question that does not apply or has no answer; None when it is answered and applies."""
        if not self.rule(shown, q.relevant, scope, where=where):
            if given:
                self.add(VAL_NOT_APPLICABLE, where, Severity.WARNING, question=shown)
            return AnswerStatus.NOT_APPLICABLE
        if given:
            return None
        if q.required or (q.required_if and self.rule(shown, q.required_if, scope, where=where)):
            reason = pick(q.required_message, self.lang, self.fw.default_language).strip().rstrip(".")
            if reason:
                self.add(VAL_REQUIRED_EXPLAINED, where, question=shown, reason=reason)
            else:
                self.add(VAL_MISSING, where, question=shown)
            return AnswerStatus.MISSING
        return AnswerStatus.EMPTY_OPTIONAL

    def repeat(self, repeat: Repeat) -> tuple[dict[str, AnswerStatus], ...]:
        rows = self.n.repeats.get(repeat.name, ())
        first = next((a.where for a in (rows[0].values() if rows else ()) if a.where), NOWHERE)
        if not self.rule(repeat.name, repeat.relevant, self.top, where=first):
            if rows:
                self.add(VAL_NOT_APPLICABLE, first, Severity.WARNING, question=self.fw.reference(repeat.name))
            return tuple({q.name: AnswerStatus.NOT_APPLICABLE for q in repeat.questions if q.answerable} for _ in rows)
        least = self.least(repeat)
        if len(rows) < least:
            self.add(VAL_TOO_FEW_ROWS, first, question=self.fw.reference(repeat.name), repeat=Texts(repeat.label, self.fw.default_language),
                     count=len(rows), least=least)
        statuses = []
        for index, (answers, scope) in enumerate(zip(rows, self.top.rows(repeat)), start=1):
            row: dict[str, AnswerStatus] = {}
            for q in (q for q in repeat.questions if q.answerable):
                shown, answer = self.fw.reference(q, row=index), answers.get(q.name)
                where = answer.where if answer and answer.where else first
                row[q.name] = self.skipped(q, _given(answer), scope, shown, where) or \
                    self.status(q, answer.value if answer else None, scope, shown, where, top=False)
            statuses.append(row)
            self.row_values.setdefault(repeat.name, []).append(
                {q.name: scope[q.name] for q in repeat.questions if q.type is QuestionType.CALCULATE})
        return tuple(statuses)

    def least(self, repeat: Repeat) -> int:
        if not repeat.count:
            return 0
        if repeat.count.isdigit():
            return int(repeat.count)
        try:
            found = clean(evaluate(repeat.count, self.top.scope()))
        except ExpressionError:
            return 0
        return max(0, int(found)) if isinstance(found, (int, float)) else 0

    def run(self) -> Validation:
        statuses: dict[str, AnswerStatus] = {}
        relevant: list[Question] = []
        for q in (q for q in self.fw.questions if q.answerable):
            found = self.skipped(q, _given(self.n.answers.get(q.name)), self.top, self.fw.reference(q), self.where(q.name))
            if found is None:
                relevant.append(q)
            else:
                statuses[q.name] = found
        self.check_types(relevant)
        for q in relevant:
            statuses[q.name] = self.status(q, self.values.get(q.name), self.top, self.fw.reference(q), self.where(q.name))
        computed = {q.name: self.top[q.name] for q in self.fw.questions if q.type is QuestionType.CALCULATE}
        rows = {repeat.name: self.repeat(repeat) for repeat in self.fw.repeats}
        required = [q for q in self.fw.questions if q.answerable and (q.required or q.required_if)
                    and statuses[q.name] not in (AnswerStatus.NOT_APPLICABLE, AnswerStatus.EMPTY_OPTIONAL)]
        answered = sum(statuses[q.name] is AnswerStatus.ANSWERED for q in required)
        return Validation(tuple(self.problems), statuses, len(required), answered,
                          answered / len(required) if required else 1.0, rows, computed,
                          {name: tuple(values) for name, values in self.row_values.items()})


def validate(normalised: Normalised, framework: Framework, lang: str | None = None, today: dt.datetime | None = None) -> Validation:
    """Validates ``normalised`` against ``framework``: types and options (pydantic), relevance, required
    answers (and conditions), constraints, ranges, choice filters, evidence, and each row of each repeat; the
    calculations are computed. ``lang`` is the respondent's language, used for the framework's messages and
    option labels (by default the response's own language); ``today`` what ``today()`` means (by default now)."""
    lang = lang or normalised.identity.get("language") or framework.default_language
    return _Validator(normalised, framework, lang, today).run()
