"""The framework's rules as the questionnaire applies them while the official types, offline.

Data validations prevent what they can (whole numbers, decimals, dates, times, a range, a choice of a list,
a choice of the list its parent answer allows); the status formula of each question says what is still to
do, following its ``relevant``, ``required`` and ``constraint`` expressions and its ``evidence`` column, in
Excel and LibreOffice alike. A rule the workbook cannot compute (``regex()``…) is left to the inbox, and the
question's help says so.
"""
from __future__ import annotations

from typing import Mapping

from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.domain.framework import Framework, Question, QuestionType
from pipeline.frameworks.bounds import number_bounds
from pipeline.frameworks.expressions import parse
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_number, translate
from pipeline.workbooks.formulas import FormulaContext, Untranslatable, cell_name, list_name, text_literal, to_formula

STATUS_MESSAGES = {
    "answered": m.Q_STATUS_ANSWERED,
    "pending": m.Q_STATUS_PENDING,
    "optional": m.Q_STATUS_OPTIONAL,
    "na": m.Q_STATUS_NOT_APPLICABLE,
    "check": m.Q_STATUS_CHECK,
    "evidence": m.Q_STATUS_EVIDENCE,
}
TIME_MAX = "0.999988425925926"  # 23:59:59


def status_texts(lang: str) -> dict[str, str]:
    """What the status column shows, by status key, in ``lang``."""
    return {key: translate(message, lang) for key, message in STATUS_MESSAGES.items()}


def rule(text: str | None, ctx: FormulaContext) -> str | None:
    """The formula of an expression; None when there is none or the workbook cannot compute it."""
    if not text:
        return None
    try:
        return to_formula(parse(text), ctx)
    except Untranslatable:
        return None


def unchecked(q: Question, ctx: FormulaContext) -> list[str]:
    """The rules of ``q`` the workbook cannot compute, as written (the inbox checks them)."""
    return [text for text in (q.constraint, q.relevant, q.required_if, q.calculation) if text and rule(text, ctx) is None]


def status_formula(framework: Framework, yes: str, status: dict[str, str], q: Question, answered: str,
                   cells: Mapping[str, str] | None = None) -> str:
    """The formula (without '=') of ``q``'s status cell; ``answered`` is the condition that it has an answer;
    ``cells`` the cells of the repeat row it is in."""
    ctx = FormulaContext(framework, yes, q, cells or {})
    s = {k: text_literal(v) for k, v in status.items()}
    result = s["answered"]
    if q.evidence != "no" and q.repeat is None:
        asked = evidence_formula(q, yes)
        result = f'IF(AND({asked},LEN(TRIM(e_{q.name}))=0),{s["evidence"]},{result})'
    if constraint := rule(q.constraint, ctx):
        result = f'IF({constraint},{result},{s["check"]})'
    missing = s["pending"] if q.required else s["optional"]
    if required := rule(q.required_if, ctx):
        missing = f'IF({required},{s["pending"]},{s["optional"]})'
    formula = f'IF({answered},{result},{missing})'
    if relevant := rule(q.relevant, ctx):
        formula = f'IF({relevant},{formula},{s["na"]})'
    return formula


def evidence_formula(q: Question, yes: str) -> str:
    """The condition under which ``q``'s answer asks for evidence (``yes`` is the translated yes)."""
    code = f'IFERROR(VLOOKUP({cell_name(q.name)},{list_name(q.list_name or "")},2,FALSE),"")' if q.list_name else cell_name(q.name)
    if q.evidence.isdigit():
        return f"IFERROR(VALUE({code})>={int(q.evidence)},FALSE)"
    if q.type is QuestionType.SELECT_MULTIPLE:
        return f"COUNTIF({cell_name(q.name)},{text_literal(yes)})>0"
    return f'AND(LEN(TRIM({cell_name(q.name)}))>0,{code}<>"no",{code}<>"na",{code}<>"ii")'


def validation_rule(q: Question) -> str | None:
    """The key of the data validation an answer cell of ``q`` gets (see ``data_validation``); None for none."""
    if q.type in (QuestionType.SELECT_ONE, QuestionType.ACKNOWLEDGE):
        return q.list_name if q.type is QuestionType.SELECT_ONE else "_acknowledge"
    if q.type is QuestionType.RANGE and q.range is not None:
        kind = "whole" if q.range.whole else "decimal"
        return f"range:{kind}:{q.range.start!r}:{q.range.end!r}"
    found = number_bounds(q)
    if found is not None and (found.low is not None or found.high is not None):  # the constraint's range, not Excel's limits
        kind = "whole" if q.type is QuestionType.INTEGER else "decimal"
        return f"number:{kind}:{'' if found.low is None else repr(found.low)}:{'' if found.high is None else repr(found.high)}"
    return {QuestionType.INTEGER: "integer", QuestionType.DECIMAL: "decimal", QuestionType.DATE: "date",
            QuestionType.TIME: "time", QuestionType.DATETIME: "datetime"}.get(q.type)


def number_text(low: float | None, high: float | None, whole: bool, lang: str) -> str:
    """What a number question takes, in words: "a whole number from 0 to 100"."""
    def n(value: float) -> str:
        return format_number(value, lang, 0 if float(value).is_integer() else 2)

    if low is not None and high is not None:
        return translate(m.Q_WHOLE_BETWEEN if whole else m.Q_NUMBER_BETWEEN, lang, start=n(low), end=n(high))
    if low is not None:
        return translate(m.Q_WHOLE_FROM if whole else m.Q_NUMBER_FROM, lang, start=n(low))
    if high is not None:
        return translate(m.Q_WHOLE_UP_TO if whole else m.Q_NUMBER_UP_TO, lang, end=n(high))
    return translate(m.Q_WHOLE_ERROR if whole else m.Q_DECIMAL_ERROR, lang)


def _bounded(kind: str, low: float | None, high: float | None, lang: str) -> DataValidation:
    """A whole-number or decimal validation within the range a constraint gives (one side or both)."""
    text = number_text(low, high, kind == "whole", lang)
    title = translate(m.Q_WHOLE if kind == "whole" else m.Q_DECIMAL, lang)[:32]
    if low is not None and high is not None:
        return DataValidation(type=kind, operator="between", formula1=repr(low), formula2=repr(high),
                              promptTitle=title, prompt=text, error=text)
    operator, value = ("greaterThanOrEqual", low) if low is not None else ("lessThanOrEqual", high)
    return DataValidation(type=kind, operator=operator, formula1=repr(value), promptTitle=title, prompt=text, error=text)


def data_validation(rule_key: str, lang: str, list_ranges: dict[str, str], formula: str | None = None) -> DataValidation:
    """A new validation for ``rule_key``: 'integer', 'decimal', 'date', 'time', 'datetime', 'range:KIND:START:END',
    'number:KIND:LOW:HIGH' (a constraint's range, either side possibly empty),
    a list name of ``list_ranges`` (list name -> range of its labels on the lists sheet), or 'filter:…' with the
    list's ``formula`` (a dependent list)."""
    def t(message: str, **params: object) -> str:
        return translate(message, lang, **params)

    if rule_key == "integer":
        dv = DataValidation(type="whole", operator="between", formula1="-2147483647", formula2="2147483647",
                            promptTitle=t(m.Q_WHOLE), error=t(m.Q_WHOLE_ERROR))
    elif rule_key == "decimal":
        dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                            promptTitle=t(m.Q_DECIMAL), error=t(m.Q_DECIMAL_ERROR))
    elif rule_key == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1",
                            promptTitle=t(m.Q_DATE), prompt=t(m.Q_DATE_ERROR), error=t(m.Q_DATE_ERROR))
    elif rule_key == "time":
        dv = DataValidation(type="time", operator="between", formula1="0", formula2=TIME_MAX,
                            promptTitle=t(m.Q_TIME), prompt=t(m.Q_TIME_ERROR), error=t(m.Q_TIME_ERROR))
    elif rule_key == "datetime":
        dv = DataValidation(type="decimal", operator="greaterThan", formula1="1",
                            promptTitle=t(m.Q_DATETIME), prompt=t(m.Q_DATETIME_ERROR), error=t(m.Q_DATETIME_ERROR))
    elif rule_key.startswith("number:"):
        _, kind, start, end = rule_key.split(":")
        dv = _bounded(kind, float(start) if start else None, float(end) if end else None, lang)
    elif rule_key.startswith("range:"):
        _, kind, start, end = rule_key.split(":")
        low, high = sorted((float(start), float(end)))
        text = t(m.Q_RANGE_ERROR, start=format_number(low, lang), end=format_number(high, lang))
        dv = DataValidation(type=kind, operator="between", formula1=repr(low), formula2=repr(high),
                            promptTitle=t(m.Q_RANGE)[:32], prompt=text, error=text)
    else:
        dv = DataValidation(type="list", formula1=formula or list_ranges[rule_key], promptTitle=t(m.Q_CHOOSE)[:32],
                            prompt=t(m.Q_CHOOSE), error=t(m.Q_CHOOSE_ERROR))
    dv.allow_blank = True
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    return dv
