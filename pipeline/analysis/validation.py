"""Checking a normalised response against its analytical framework (step 2).

Pure: no Office library. Types and choices are checked by a pydantic model built from the
framework (once per structure); ``relevant`` and ``constraint`` rules by the expression
evaluator, never eval. Every problem is collected, each located at the answer's cell.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from pipeline.analysis.normalise import Answer, Normalised, is_empty
from pipeline.domain.answers import AnswerRecord, AnswerStatus, QuestionnaireAnswers
from pipeline.domain.framework import INSUFFICIENT_INFORMATION, NOT_APPLICABLE, Framework, Question, QuestionType, pick
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.frameworks.expressions import ExpressionError, evaluate, truthy
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
from pipeline.i18n.translation import Msgid

KINDS: dict[QuestionType, Msgid] = {
    QuestionType.SELECT_ONE: VAL_KIND_OPTION, QuestionType.SELECT_MULTIPLE: VAL_KIND_OPTIONS,
    QuestionType.INTEGER: VAL_KIND_INTEGER, QuestionType.DECIMAL: VAL_KIND_DECIMAL,
    QuestionType.DATE: VAL_KIND_DATE, QuestionType.TEXT: VAL_KIND_TEXT,
}
SCALARS: dict[QuestionType, type] = {QuestionType.INTEGER: int, QuestionType.DECIMAL: float,
                                     QuestionType.DATE: dt.date, QuestionType.TEXT: str}
NOWHERE = Location(sheet=None, cell=None)


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one response: every problem, and the status of each question."""

    problems: tuple[Problem, ...] = ()
    statuses: dict[str, AnswerStatus] = field(default_factory=dict)
    required: int = 0  # required questions that apply
    answered: int = 0  # of those, answered validly (with evidence when it is asked)
    completion: float = 1.0

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
    def __init__(self, normalised: Normalised, framework: Framework, lang: str) -> None:
        self.n, self.fw, self.lang = normalised, framework, lang
        self.problems: list[Problem] = list(normalised.problems)
        self.values = {name: a.value for name, a in normalised.answers.items()}
        self.invalid = {str(p.params.get("question")) for p in normalised.problems if p.severity is Severity.ERROR}

    def add(self, message: str, where: Location | None, severity: Severity = Severity.ERROR, **params: object) -> None:
        self.problems.append(Problem(message, dict(params), where or NOWHERE, severity))

    def where(self, name: str) -> Location:
        answer = self.n.answers.get(name)
        return answer.where if answer and answer.where else NOWHERE

    def rule(self, q: Question, text: str | None, current: object = None) -> bool:
        if not text:
            return True
        try:
            return truthy(evaluate(text, self.values, current))
        except ExpressionError:
            self.add(VAL_RULE_NOT_CHECKED, self.where(q.name), Severity.WARNING, question=q.name)
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
                    options = tuple(pick(c.label, self.lang, self.fw.default_language) or c.name for c in self.fw.options(q))
                    self.add(VAL_NOT_AN_OPTION, self.where(name), question=name, value=error["input"], options=options)
                else:
                    self.add(VAL_WRONG_TYPE, self.where(name), question=name, value=error["input"], expected=KINDS[q.type])

    def status(self, q: Question) -> AnswerStatus:
        answer = self.n.answers.get(q.name)
        value = answer.value if answer else None
        if q.name in self.invalid:
            return AnswerStatus.INVALID
        maturity_skip = self.fw.is_maturity(q) and value in (NOT_APPLICABLE, INSUFFICIENT_INFORMATION)
        if not maturity_skip and not self.rule(q, q.constraint, value):
            reason = pick(q.constraint_message, self.lang, self.fw.default_language).strip().rstrip(".")
            if reason:
                self.add(VAL_CONSTRAINT_EXPLAINED, self.where(q.name), question=q.name, value=value, reason=reason)
            else:
                self.add(VAL_CONSTRAINT, self.where(q.name), question=q.name, value=value)
            return AnswerStatus.INVALID
        if q.evidence_asked(_code(value)):
            proof = self.n.evidence.get(q.name)
            if proof is None or proof.value is None or is_empty(proof.value):
                where = proof.where if proof and proof.where else self.where(q.name)
                self.add(VAL_EVIDENCE_MISSING, where, question=q.name, value=value)
                return AnswerStatus.EVIDENCE_MISSING
        return AnswerStatus.ANSWERED

    def run(self) -> Validation:
        statuses: dict[str, AnswerStatus] = {}
        relevant: list[Question] = []
        for q in (q for q in self.fw.questions if q.answerable):
            given = _given(self.n.answers.get(q.name))
            if not self.rule(q, q.relevant):
                statuses[q.name] = AnswerStatus.NOT_APPLICABLE
                if given:
                    self.add(VAL_NOT_APPLICABLE, self.where(q.name), Severity.WARNING, question=q.name)
            elif not given:
                statuses[q.name] = AnswerStatus.MISSING if q.required else AnswerStatus.EMPTY_OPTIONAL
                if q.required:
                    self.add(VAL_MISSING, self.where(q.name), question=q.name)
            else:
                relevant.append(q)
        self.check_types(relevant)
        for q in relevant:
            statuses[q.name] = self.status(q)
        required = [q for q in self.fw.questions if q.answerable and q.required and statuses[q.name] is not AnswerStatus.NOT_APPLICABLE]
        answered = sum(statuses[q.name] is AnswerStatus.ANSWERED for q in required)
        return Validation(tuple(self.problems), statuses, len(required), answered,
                          answered / len(required) if required else 1.0)


def validate(normalised: Normalised, framework: Framework, lang: str | None = None) -> Validation:
    """Validates ``normalised`` against ``framework``: types and options (pydantic), relevance,
    constraints, required answers and evidence. ``lang`` is the respondent's language, used for
    the framework's constraint messages and option labels; by default the response's own language."""
    lang = lang or normalised.identity.get("language") or framework.default_language
    return _Validator(normalised, framework, lang).run()


def answers_of(normalised: Normalised, validation: Validation, framework: Framework) -> QuestionnaireAnswers:
    """The typed record of a validated response: per answerable question its status, meaning, what was typed
    (for a multiple choice, each option's cell as (code, typed)), its evidence and its cell."""
    records = {}
    for q in (q for q in framework.questions if q.answerable):
        answer = normalised.answers.get(q.name)
        status = validation.statuses.get(q.name)
        if status is None:
            continue
        raw: object = answer.raw if answer else None
        if q.type is QuestionType.SELECT_MULTIPLE:
            cells = ((c.name, normalised.answers.get(f"{q.name}__{c.name}")) for c in framework.options(q))
            raw = tuple((code, a.raw) for code, a in cells if a is not None and not is_empty(a.raw))
        proof = normalised.evidence.get(q.name)
        records[q.name] = AnswerRecord(q.name, status, answer.value if answer else None, raw,  # type: ignore[arg-type]
                                       proof.value if proof and isinstance(proof.value, str) else None,
                                       answer.where if answer else None)
    respondent = {name: a.value for name, a in normalised.respondent.items() if a.value is not None}
    return QuestionnaireAnswers(records, respondent)  # type: ignore[arg-type]
