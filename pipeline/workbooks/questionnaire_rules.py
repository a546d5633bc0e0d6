"""The framework's rules as the questionnaire applies them while the official types, offline.

Data validations prevent what they can (whole numbers, decimals, dates, a choice of a list); the
status formula of each question says what is still to do, following its ``relevant`` and
``constraint`` expressions and its ``evidence`` column, in Excel and LibreOffice alike.
"""
from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.domain.framework import Framework, Question, QuestionType
from pipeline.frameworks.expressions import parse
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.formulas import FormulaContext, cell_name, list_name, text_literal, to_formula

STATUS_MESSAGES = {
    "answered": m.Q_STATUS_ANSWERED,
    "pending": m.Q_STATUS_PENDING,
    "optional": m.Q_STATUS_OPTIONAL,
    "na": m.Q_STATUS_NOT_APPLICABLE,
    "check": m.Q_STATUS_CHECK,
    "evidence": m.Q_STATUS_EVIDENCE,
}


def status_texts(lang: str) -> dict[str, str]:
    """What the status column shows, by status key, in ``lang``."""
    return {key: translate(message, lang) for key, message in STATUS_MESSAGES.items()}


def status_formula(framework: Framework, yes: str, status: dict[str, str], q: Question, answered: str) -> str:
    """The formula (without '=') of ``q``'s status cell; ``answered`` is the condition that it has an answer."""
    ctx = FormulaContext(framework, yes, q)
    s = {k: text_literal(v) for k, v in status.items()}
    result = s["answered"]
    if q.evidence != "no":
        asked = evidence_formula(q, yes)
        result = f'IF(AND({asked},LEN(TRIM(e_{q.name}))=0),{s["evidence"]},{result})'
    if q.constraint:
        result = f'IF({to_formula(parse(q.constraint), ctx)},{result},{s["check"]})'
    formula = f'IF({answered},{result},{s["pending"] if q.required else s["optional"]})'
    if q.relevant:
        formula = f'IF({to_formula(parse(q.relevant), ctx)},{formula},{s["na"]})'
    return formula


def evidence_formula(q: Question, yes: str) -> str:
    """The condition under which ``q``'s answer asks for evidence (``yes`` is the translated yes)."""
    code = f'IFERROR(VLOOKUP({cell_name(q.name)},{list_name(q.list_name or "")},2,FALSE),"")' if q.list_name else cell_name(q.name)
    if q.evidence.isdigit():
        return f"IFERROR(VALUE({code})>={int(q.evidence)},FALSE)"
    if q.type is QuestionType.SELECT_MULTIPLE:
        return f"COUNTIF({cell_name(q.name)},{text_literal(yes)})>0"
    return f'AND(LEN(TRIM({cell_name(q.name)}))>0,{code}<>"no",{code}<>"na",{code}<>"ii")'


def data_validation(rule: str, lang: str, list_ranges: dict[str, str]) -> DataValidation:
    """A new validation for ``rule``: 'integer', 'decimal', 'date' or a list name of ``list_ranges``
    (list name -> range of its labels on the lists sheet)."""
    def t(message: str) -> str:
        return translate(message, lang)

    if rule == "integer":
        dv = DataValidation(type="whole", operator="between", formula1="-2147483647", formula2="2147483647",
                            promptTitle=t(m.Q_WHOLE), error=t(m.Q_WHOLE_ERROR))
    elif rule == "decimal":
        dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                            promptTitle=t(m.Q_DECIMAL), error=t(m.Q_DECIMAL_ERROR))
    elif rule == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1",
                            promptTitle=t(m.Q_DATE), prompt=t(m.Q_DATE_ERROR), error=t(m.Q_DATE_ERROR))
    else:
        dv = DataValidation(type="list", formula1=list_ranges[rule], promptTitle=t(m.Q_CHOOSE)[:32],
                            prompt=t(m.Q_CHOOSE), error=t(m.Q_CHOOSE_ERROR))
    dv.allow_blank = True
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    return dv
