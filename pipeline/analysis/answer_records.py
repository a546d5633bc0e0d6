"""A validated response as the typed record every later step reads (``domain/answers.QuestionnaireAnswers``)."""
from __future__ import annotations

from typing import Mapping

from pipeline.analysis.normalise import Answer, Normalised, is_empty
from pipeline.analysis.validation import Validation
from pipeline.domain.answers import AnswerRecord, AnswerStatus, QuestionnaireAnswers
from pipeline.domain.framework import Framework, Question, QuestionType


def _record(q: Question, status: AnswerStatus, answers: Mapping[str, Answer], framework: Framework,
            evidence: Answer | None = None) -> AnswerRecord:
    answer = answers.get(q.name)
    raw: object = answer.raw if answer else None
    if q.type is QuestionType.SELECT_MULTIPLE:
        cells = ((c.name, answers.get(f"{q.name}__{c.name}")) for c in framework.options(q))
        raw = tuple((code, a.raw) for code, a in cells if a is not None and not is_empty(a.raw))
    return AnswerRecord(q.name, status, answer.value if answer else None, raw,  # type: ignore[arg-type]
                        evidence.value if evidence and isinstance(evidence.value, str) else None,
                        answer.where if answer else None)


def answers_of(normalised: Normalised, validation: Validation, framework: Framework) -> QuestionnaireAnswers:
    """The typed record of a validated response: per answerable question its status, meaning, what was typed
    (for a multiple choice, each option's cell as (code, typed)), its evidence and its cell; per calculate the
    value computed; per repeat each row filled."""
    records = {}
    for q in (q for q in framework.questions if q.answerable):
        status = validation.statuses.get(q.name)
        if status is not None:
            records[q.name] = _record(q, status, normalised.answers, framework, normalised.evidence.get(q.name))
    for name, value in validation.computed.items():
        if value is not None:
            records[name] = AnswerRecord(name, AnswerStatus.ANSWERED, value)  # type: ignore[arg-type]
    repeats = {}
    for repeat in framework.repeats:
        rows = []
        computed = validation.row_computed.get(repeat.name, ())
        for index, (answers, statuses) in enumerate(zip(normalised.repeats.get(repeat.name, ()), validation.rows.get(repeat.name, ()))):
            row = {q.name: _record(q, statuses[q.name], answers, framework) for q in repeat.questions if q.name in statuses}
            values = computed[index] if index < len(computed) else {}
            row.update({name: AnswerRecord(name, AnswerStatus.ANSWERED, value) for name, value in values.items() if value is not None})  # type: ignore[arg-type]
            rows.append(row)
        if rows:
            repeats[repeat.name] = tuple(rows)
    respondent = {name: a.value for name, a in normalised.respondent.items() if a.value is not None}
    return QuestionnaireAnswers(records, respondent, repeats)  # type: ignore[arg-type]
