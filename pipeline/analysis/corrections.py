"""DGPE corrections applied to an institution's answers: pure. The official's file and the stored response never
change; the corrected record is what scoring, the consolidated workbook, the guides and the report read, and the
consolidated workbook marks each corrected answer with the correction it comes from."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Iterable

from pipeline.analysis.normalise import fold, normalise
from pipeline.domain.answers import AnswerRecord, AnswerStatus, QuestionnaireAnswers, Value
from pipeline.domain.corrections import Correction
from pipeline.domain.framework import Framework, Question, QuestionType, pick
from pipeline.domain.problems import Problem, UserError
from pipeline.domain.raw import RawResponse, RawValue
from pipeline.i18n.messages.answers import RESP_UNKNOWN_CHOICE
from pipeline.i18n.translation import format_date, format_number

LIST_SEPARATORS = re.compile(r"[;,\n]")


def understand(framework: Framework, question: Question, typed: str, lang: str) -> Value:
    """What ``typed`` means as an answer to ``question``, read as the questionnaire's cell would be (a choice's code
    or label, a number, a date, text; for a multiple choice, options separated by ';' or ','); raises UserError
    saying what is wrong when it cannot be understood."""
    if question.type is QuestionType.SELECT_MULTIPLE:
        options = framework.options(question)
        chosen = set()
        for part in (p.strip() for p in LIST_SEPARATORS.split(typed) if p.strip()):
            match = next((c.name for c in options if fold(part) in {fold(c.name), *(fold(t) for t in c.label.values() if t)}), None)
            if match is None:
                raise UserError(RESP_UNKNOWN_CHOICE, value=part, question=question.name,
                                options=tuple(pick(c.label, lang, framework.default_language) or c.name for c in options))
            chosen.add(match)
        return tuple(c.name for c in options if c.name in chosen)
    raw = RawResponse(identity={"language": lang}, answers={question.name: RawValue(typed, None)})  # type: ignore[arg-type]
    result = normalise(raw, framework, lang)
    if result.errors:
        raise UserError.of(Problem(p.message, p.params) for p in result.errors)
    return result.value(question.name)  # type: ignore[return-value]


def corrected(answers: QuestionnaireAnswers, corrections: Iterable[Correction]) -> QuestionnaireAnswers:
    """``answers`` with each correction's value in place of the official's (corrections in the order made: the
    latest of a question wins); what the official typed (``raw``) and the evidence are kept."""
    records = dict(answers.answers)
    for c in corrections:
        base = records.get(c.question) or AnswerRecord(c.question, AnswerStatus.ANSWERED)
        status = AnswerStatus.ANSWERED if base.status in (AnswerStatus.MISSING, AnswerStatus.INVALID,
                                                          AnswerStatus.EMPTY_OPTIONAL) else base.status
        records[c.question] = replace(base, value=c.after, status=status)
    return QuestionnaireAnswers(records, answers.respondent)


def shown(framework: Framework, question: Question, value: Value, lang: str) -> str:
    """A value as people read it in ``lang``: an option's label, a date, a number, the text; "—" for none."""
    if value is None or value == "" or value == ():
        return "—"
    options = {c.name: pick(c.label, lang, framework.default_language) or c.name for c in framework.options(question)}
    if isinstance(value, tuple):
        return "; ".join(options.get(str(v), str(v)) for v in value)
    if question.type is QuestionType.SELECT_ONE:
        return options.get(str(value), str(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 0 if value.is_integer() else 2)
    return str(value)
