"""The compiler's rules for the 'survey' sheet: types, groups (the dimensions), questions and their
MECIGEP columns, and, once every name is known, the expressions in ``relevant`` and ``constraint``."""
from __future__ import annotations

import math
import re

from pipeline.domain.framework import MATURITY_LEVELS, Question, QuestionType
from pipeline.domain.problems import Problem
from pipeline.frameworks.context import CompileContext, DimensionDraft, OpenGroup
from pipeline.frameworks.expressions import Binary, Call, Current, Expr, ExpressionError, Negate, parse, references
from pipeline.frameworks.rows import Row, Sheet
from pipeline.i18n.messages.frameworks import (
    FW_ACKNOWLEDGE,
    FW_BAD_EVIDENCE,
    FW_BAD_REQUIRED,
    FW_BAD_WEIGHT,
    FW_CALCULATE,
    FW_CALCULATION,
    FW_CHOICE_FILTER,
    FW_DOT_IN_RELEVANT,
    FW_END_WITHOUT_BEGIN,
    FW_EVIDENCE_LEVEL,
    FW_FROM_FILE,
    FW_GEO,
    FW_GROUP_NO_LABEL,
    FW_GROUP_NOT_ENDED,
    FW_HIDDEN,
    FW_MEDIA,
    FW_METADATA,
    FW_NESTED_GROUP,
    FW_NO_SURVEY,
    FW_NO_TYPE,
    FW_OR_OTHER,
    FW_RANGE,
    FW_RANK,
    FW_REPEAT,
    FW_REPEAT_COUNT,
    FW_SELECT_LIST,
    FW_TIME,
    FW_TRIGGER,
    FW_UNKNOWN_ELEMENT,
    FW_UNKNOWN_LIST,
    FW_UNKNOWN_REFERENCE,
    FW_UNKNOWN_TYPE,
)

_TYPE = re.compile(r"(?P<kind>select[ _]one[ _]from[ _]file|select[ _]multiple[ _]from[ _]file|select[ _]one[ _]external"
                   r"|select[ _]one|select[ _]multiple|begin[ _]group|end[ _]group|begin[ _]repeat|end[ _]repeat|[\w:-]+)"
                   r"(?:\s+(?P<rest>.*))?", re.IGNORECASE)
METADATA = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit"}
REFUSED_TYPES = {
    "begin_repeat": FW_REPEAT, "end_repeat": FW_REPEAT, "calculate": FW_CALCULATE,
    **dict.fromkeys(("select_one_from_file", "select_multiple_from_file", "select_one_external"), FW_FROM_FILE),
    "rank": FW_RANK, "range": FW_RANGE, **dict.fromkeys(("geopoint", "geotrace", "geoshape", "start-geopoint"), FW_GEO),
    **dict.fromkeys(("image", "audio", "video", "file", "barcode", "background-audio"), FW_MEDIA),
    "time": FW_TIME, "datetime": FW_TIME, "acknowledge": FW_ACKNOWLEDGE,
    **dict.fromkeys(("hidden", "xml-external", "csv-external"), FW_HIDDEN),
}
REFUSED_COLUMNS = {"calculation": FW_CALCULATION, "choice_filter": FW_CHOICE_FILTER,
                   "repeat_count": FW_REPEAT_COUNT, "trigger": FW_TRIGGER}
YES, NO = {"yes", "true", "true()", "1"}, {"no", "false", "false()", "0", ""}


def read_survey(c: CompileContext) -> None:
    """Every row of the survey: groups become dimensions, questions go to theirs, the rest is reported."""
    sheet = c.sheets.survey
    if sheet is None:
        c.add(FW_NO_SURVEY, c.at(None, title="survey"), sheets=", ".join(c.sheets.sheet_names) or "-")
        return
    if not c.require(sheet, "type", "name"):
        return
    stack: list[OpenGroup] = []
    for row in sheet.rows:
        for key, message in REFUSED_COLUMNS.items():
            if row.get(key):
                c.add(message, c.at(sheet, row.number, key))
        text = " ".join(row.get("type").split())
        where = c.at(sheet, row.number, "type")
        if not text:
            if row.get("name") or c.texts(sheet, row, "label"):
                c.add(FW_NO_TYPE, where)
            continue
        found = _TYPE.fullmatch(text)
        kind = found["kind"].lower().replace(" ", "_") if found else ""
        rest = (found["rest"] or "").split() if found else []
        if kind == "end_group" and not rest:
            if not stack:
                c.add(FW_END_WITHOUT_BEGIN, where)
            else:
                stack.pop()
        elif kind == "begin_group" and not rest:
            _begin(c, sheet, row, stack)
        elif kind in METADATA and not rest:
            c.warn(FW_METADATA, where, type=text)
        elif kind in REFUSED_TYPES:
            c.add(REFUSED_TYPES[kind], where, type=text)
        elif kind in ("select_one", "select_multiple") and [w.lower() for w in rest[1:]] == ["or_other"]:
            c.add(FW_OR_OTHER, where, type=text)
        elif kind in ("select_one", "select_multiple") and len(rest) != 1:
            c.add(FW_SELECT_LIST, where, type=text)
        elif kind in {t.value for t in QuestionType} and (kind.startswith("select") or not rest):
            _question(c, sheet, row, QuestionType(kind), rest[0] if rest else None, stack)
        else:
            c.add(FW_UNKNOWN_TYPE, where, type=text)
    for group in stack:
        c.add(FW_GROUP_NOT_ENDED, c.at(sheet, group.row, "type"), name=group.name)


def _begin(c: CompileContext, sheet: Sheet, row: Row, stack: list[OpenGroup]) -> None:
    name = c.named(sheet, row, c.names) or f"group_{row.number}"
    if relevant := row.get("relevant"):
        c.pending.append((sheet, row, "relevant", relevant))
    if stack:
        c.warn(FW_NESTED_GROUP, c.at(sheet, row.number, "type"), name=name, parent=stack[0].name)
        dimension = stack[0].dimension
    else:
        labels = c.labelled(sheet, row, name, error=False)
        if not labels:
            c.warn(FW_GROUP_NO_LABEL, c.at(sheet, row.number, "label"), name=name)
        dimension = DimensionDraft(name, labels or {c.default: name}, c.texts(sheet, row, "hint"), row.number)
        c.dimensions.append(dimension)
    stack.append(OpenGroup(name, row.number, relevant or None, dimension))


def _question(c: CompileContext, sheet: Sheet, row: Row, kind: QuestionType, listed: str | None, stack: list[OpenGroup]) -> None:
    name = c.named(sheet, row, c.names)
    labels = c.labelled(sheet, row, name or row.get("name") or f"#{row.number}")
    if listed is not None and listed not in c.lists:
        c.add(FW_UNKNOWN_LIST, c.at(sheet, row.number, "type"), list=listed)
    if listed:
        c.used.setdefault(listed)
    required = row.get("required").lower()
    if required not in YES | NO:
        c.add(FW_BAD_REQUIRED, c.at(sheet, row.number, "required"), value=row.get("required"))
    for key in ("relevant", "constraint"):
        if row.get(key):
            c.pending.append((sheet, row, key, row.get(key)))
    conditions = [g.relevant for g in stack if g.relevant] + ([row.get("relevant")] if row.get("relevant") else [])
    relevant = " and ".join(f"({x})" for x in conditions) if len(conditions) > 1 else next(iter(conditions), None)
    weight = _weight(c, sheet, row)
    evidence = _evidence(c, sheet, row, name or "", kind, listed)
    if element := row.get("element"):
        if element not in c.elements and element not in c.unknown_elements:
            c.unknown_elements.add(element)
            c.warn(FW_UNKNOWN_ELEMENT, c.at(sheet, row.number, "element"), element=element)
    if not name:
        return
    c.questions.add(name)
    if stack:
        dimension = stack[0].dimension
    else:
        if c.loose is None:
            c.loose = DimensionDraft("", c.title, {}, row.number)
            c.dimensions.append(c.loose)
        dimension, c.loose_count = c.loose, c.loose_count + 1
    dimension.questions.append(Question(
        name=name, type=kind, list_name=listed, label=labels, hint=c.texts(sheet, row, "hint"),
        required=required in YES and kind is not QuestionType.NOTE, relevant=relevant,
        constraint=row.get("constraint") or None, constraint_message=c.texts(sheet, row, "constraint_message"),
        element=element or None, weight=weight, evidence=evidence,
        prompt=c.texts(sheet, row, "interview_prompt"), row=row.number))


def _weight(c: CompileContext, sheet: Sheet, row: Row) -> float:
    text = row.get("weight").replace(",", ".")
    try:
        value = float(text) if text else 1.0
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        c.add(FW_BAD_WEIGHT, c.at(sheet, row.number, "weight"), value=row.get("weight"))
        return 1.0
    return value


def _evidence(c: CompileContext, sheet: Sheet, row: Row, name: str, kind: QuestionType, listed: str | None) -> str:
    text = row.get("evidence").lower()
    value = "yes" if text in ("yes", "true") else "no" if text in ("", "no", "false") else text
    if value not in ("yes", "no") and value not in MATURITY_LEVELS:
        c.add(FW_BAD_EVIDENCE, c.at(sheet, row.number, "evidence"), value=row.get("evidence"))
        return "no"
    scale = set(c.lists.get(listed or "", {})) >= set(MATURITY_LEVELS) and kind is QuestionType.SELECT_ONE
    if value in MATURITY_LEVELS and not scale:
        c.warn(FW_EVIDENCE_LEVEL, c.at(sheet, row.number, "evidence"), name=name, level=value)
    return value


def check_expressions(c: CompileContext) -> None:
    """Parses every ``relevant`` and ``constraint`` kept aside, now that every question's name is known."""
    for sheet, row, key, text in c.pending:
        where = c.at(sheet, row.number, key)
        try:
            expr = parse(text)
        except ExpressionError as error:
            c.problems.append(Problem(error.message, dict(error.params), where))
            continue
        for name in sorted(references(expr) - c.questions):
            c.add(FW_UNKNOWN_REFERENCE, where, name=name)
        if key == "relevant" and _uses_dot(expr):
            c.add(FW_DOT_IN_RELEVANT, where)


def _uses_dot(expr: Expr) -> bool:
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Current):
            return True
        stack += [node.operand] if isinstance(node, Negate) else [node.left, node.right] if isinstance(node, Binary) \
            else list(node.args) if isinstance(node, Call) else []
    return False
