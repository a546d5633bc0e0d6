"""The compiler's rules for the 'survey' sheet: types, groups (the dimensions), repeats (tables of rows) and
questions with their MECIGEP columns. Expressions are only kept here, as written; ``resolve`` reads them
once every name is known.

A group at the top level is a dimension; groups inside it are flattened into it. A repeat is a table of rows
inside its dimension (a repeat at the top level is a dimension of its own). Names are unique within their
group, as in XLSForm: the same name in two groups is two questions.
"""
from __future__ import annotations

import math
import re

from pipeline.domain.framework import MATURITY_LEVELS, Choice, QuestionType, RangeRule
from pipeline.frameworks.context import CompileContext, DimensionDraft, OpenGroup, QuestionDraft, RepeatDraft
from pipeline.frameworks.rows import Row, Sheet
from pipeline.frameworks.types import Row as Kind
from pipeline.frameworks.types import Type, read_type
from pipeline.i18n.messages.frameworks import (
    FW_BAD_EVIDENCE,
    FW_BAD_RANGE,
    FW_BAD_WEIGHT,
    FW_CALCULATION_UNUSED,
    FW_END_MISMATCH,
    FW_END_REPEAT_WITHOUT_BEGIN,
    FW_END_WITHOUT_BEGIN,
    FW_EVIDENCE_LEVEL,
    FW_FILTER_NOT_SELECT,
    FW_FROM_FILE,
    FW_GEO,
    FW_GROUP_NO_LABEL,
    FW_GROUP_NOT_ENDED,
    FW_HIDDEN,
    FW_LABEL_IS_NAME,
    FW_MEDIA,
    FW_METADATA,
    FW_NESTED_GROUP,
    FW_NESTED_REPEAT,
    FW_NO_CALCULATION,
    FW_NO_SURVEY,
    FW_NO_TYPE,
    FW_OTHER_NAME_TAKEN,
    FW_RANK,
    FW_REPEAT_COUNT_UNUSED,
    FW_REPEAT_NOT_ENDED,
    FW_SELECT_LIST,
    FW_TRIGGER,
    FW_UNKNOWN_ELEMENT,
    FW_UNKNOWN_LIST,
    FW_UNKNOWN_TYPE,
    OR_OTHER_CHOICE,
    OR_OTHER_SPECIFY,
)
from pipeline.i18n.translation import translate

REFUSED = {Kind.GEO: FW_GEO, Kind.MEDIA: FW_MEDIA, Kind.FROM_FILE: FW_FROM_FILE, Kind.PLATFORM: FW_HIDDEN, Kind.RANK: FW_RANK}
YES, NO = {"yes", "true", "true()", "1"}, {"no", "false", "false()", "0", ""}
SELECTS = (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE)
_PARAMETER = re.compile(r"(\w+)\s*=\s*([^\s,;]+)")


def read_survey(c: CompileContext) -> None:
    """Every row of the survey: groups become dimensions, repeats tables, questions go to theirs, the rest
    is reported."""
    sheet = c.sheets.survey
    if sheet is None:
        c.add(FW_NO_SURVEY, c.at(None, title="survey"), sheets=", ".join(c.sheets.sheet_names) or "-")
        return
    if not c.require(sheet, "type", "name"):
        return
    stack: list[OpenGroup] = []
    for row in sheet.rows:
        text = " ".join(row.get("type").split())
        where = c.at(sheet, row.number, "type")
        if row.get("trigger"):
            c.warn(FW_TRIGGER, c.at(sheet, row.number, "trigger"))
        if not text:
            if row.get("name") or c.texts(sheet, row, "label"):
                c.add(FW_NO_TYPE, where)
            continue
        kind = read_type(text)
        if row.get("repeat_count") and kind.row is not Kind.BEGIN_REPEAT:
            c.warn(FW_REPEAT_COUNT_UNUSED, c.at(sheet, row.number, "repeat_count"))
        if kind.row in (Kind.END_GROUP, Kind.END_REPEAT):
            _end(c, sheet, row, stack, kind, text)
        elif kind.row is Kind.BEGIN_GROUP:
            _begin_group(c, sheet, row, stack)
        elif kind.row is Kind.BEGIN_REPEAT:
            _begin_repeat(c, sheet, row, stack, kind)
        elif kind.row is Kind.METADATA:
            c.warn(FW_METADATA, where, type=text)
            c.placeholders.add(row.get("name"))
        elif kind.row in REFUSED:
            c.add(REFUSED[kind.row], where, type=text)
            c.placeholders.add(row.get("name"))
        elif kind.row is Kind.QUESTION and kind.malformed:
            c.add(FW_SELECT_LIST, where, type=text)
        elif kind.row is Kind.QUESTION:
            _question(c, sheet, row, kind, stack)
        elif kind.row is not Kind.SETTING:  # a setting row was read with the settings
            c.add(FW_UNKNOWN_TYPE, where, type=text)
    for group in stack:
        message = FW_REPEAT_NOT_ENDED if group.repeat else FW_GROUP_NOT_ENDED
        c.add(message, c.at(sheet, group.row, "type"), name=group.name)


def _registry(c: CompileContext, stack: list[OpenGroup]) -> tuple[dict[str, int], str | None]:
    return (stack[-1].names, stack[-1].name) if stack else (c.names, None)


def _relevants(stack: list[OpenGroup], inside: bool = False) -> list[tuple[str, tuple[str, ...], int]]:
    """The conditions of the open groups, each with where it was written; ``inside`` a repeat, only those of
    the groups within it (the repeat's own and its outer groups' apply to the whole table)."""
    start = max((i + 1 for i, g in enumerate(stack) if g.type == "begin_repeat"), default=0) if inside else 0
    return [(g.relevant, tuple(o.name for o in stack[:i]), g.row) for i, g in enumerate(stack) if g.relevant and i >= start]


def _end(c: CompileContext, sheet: Sheet, row: Row, stack: list[OpenGroup], kind: Type, text: str) -> None:
    repeat = kind.row is Kind.END_REPEAT
    if not stack:
        c.add(FW_END_REPEAT_WITHOUT_BEGIN if repeat else FW_END_WITHOUT_BEGIN, c.at(sheet, row.number, "type"))
        return
    if (stack[-1].type == "begin_repeat") != repeat:
        top = stack[-1]
        c.add(FW_END_MISMATCH, c.at(sheet, row.number, "type"), type=text, name=top.name, first=top.row, kind=top.type,
              expected="end_repeat" if top.type == "begin_repeat" else "end_group")
    stack.pop()


def _begin_group(c: CompileContext, sheet: Sheet, row: Row, stack: list[OpenGroup]) -> None:
    registry, group = _registry(c, stack)
    name = c.named(sheet, row, registry, group) or f"group_{row.number}"
    relevant = row.get("relevant") or None
    if stack:
        if stack[-1].repeat is None:
            c.warn(FW_NESTED_GROUP, c.at(sheet, row.number, "type"), name=name, parent=stack[0].name)
        dimension = stack[0].dimension
    else:
        labels = c.labelled(sheet, row, name, error=False)
        if not labels:
            c.warn(FW_GROUP_NO_LABEL, c.at(sheet, row.number, "label"), name=name)
        dimension = DimensionDraft(name, labels or {c.default: name}, c.texts(sheet, row, "hint"), row.number)
        c.dimensions.append(dimension)
    stack.append(OpenGroup(name, row.number, relevant, dimension, stack[-1].repeat if stack else None))


def _begin_repeat(c: CompileContext, sheet: Sheet, row: Row, stack: list[OpenGroup], kind: Type) -> None:
    registry, group = _registry(c, stack)
    name = c.named(sheet, row, registry, group) or f"repeat_{row.number}"
    outer = next((g for g in reversed(stack) if g.type == "begin_repeat"), None)
    if outer is not None:  # a table of its own, after its parent's
        c.warn(FW_NESTED_REPEAT, c.at(sheet, row.number, "type"), name=name, parent=outer.name)
    labels = c.labelled(sheet, row, name, error=False) or {c.default: name}
    hint = c.texts(sheet, row, "hint")
    count = row.get("repeat_count") or None
    if kind.over:
        if kind.over not in c.lists:
            c.add(FW_UNKNOWN_LIST, c.at(sheet, row.number, "type"), list=kind.over)
        count = count or str(len(c.lists.get(kind.over, {})))
    if stack:
        dimension = stack[0].dimension
    else:
        dimension = DimensionDraft(name, labels, hint, row.number)
        c.dimensions.append(dimension)
    path = tuple(g.name for g in stack)
    relevant = _relevants(stack) + ([(row.get("relevant"), path, row.number)] if row.get("relevant") else [])
    draft = RepeatDraft(name, row.number, path, labels, hint, count, relevant, len(dimension.questions))
    dimension.repeats.append(draft)
    c.drafts.append(draft)
    stack.append(OpenGroup(name, row.number, row.get("relevant") or None, dimension, draft, type="begin_repeat"))


def _question(c: CompileContext, sheet: Sheet, row: Row, kind: Type, stack: list[OpenGroup]) -> None:
    registry, group = _registry(c, stack)
    qtype = kind.question or QuestionType.TEXT
    name = c.named(sheet, row, registry, group)
    shown = name or row.get("name") or f"#{row.number}"
    labels = c.texts(sheet, row, "label") if qtype is QuestionType.CALCULATE else c.labelled(sheet, row, shown, error=False)
    if not labels and qtype is not QuestionType.CALCULATE:
        c.warn(FW_LABEL_IS_NAME, c.at(sheet, row.number, "label"), name=shown)
    listed = kind.list_name
    if listed is not None and listed not in c.lists:
        c.add(FW_UNKNOWN_LIST, c.at(sheet, row.number, "type"), list=listed)
    if listed and kind.or_other:
        listed = _with_other(c, listed)
    if listed:
        c.used.setdefault(listed)
    expressions = {key: row.get(key) for key in ("constraint", "calculation", "choice_filter") if row.get(key)}
    if qtype is QuestionType.CALCULATE and "calculation" not in expressions and row.get("default"):
        expressions["calculation"] = row.get("default")  # pyxform's dynamic default of a calculate
    if kind.constraint and "constraint" not in expressions:
        expressions["constraint"] = kind.constraint
    required = row.get("required")
    if required.lower() not in YES | NO:
        expressions["required"] = required
    if qtype is QuestionType.CALCULATE and "calculation" not in expressions:
        c.add(FW_NO_CALCULATION, c.at(sheet, row.number, "calculation"), name=shown)
    elif qtype is not QuestionType.CALCULATE and expressions.pop("calculation", None):
        c.warn(FW_CALCULATION_UNUSED, c.at(sheet, row.number, "calculation"), name=shown)
    if qtype not in SELECTS and expressions.pop("choice_filter", None):
        c.warn(FW_FILTER_NOT_SELECT, c.at(sheet, row.number, "choice_filter"), name=shown)
    if element := row.get("element"):
        if element not in c.elements and element not in c.unknown_elements:
            c.unknown_elements.add(element)
            c.warn(FW_UNKNOWN_ELEMENT, c.at(sheet, row.number, "element"), element=element)
    fields: dict[str, object] = dict(
        type=qtype, list_name=listed, label=labels or {c.default: shown}, hint=c.texts(sheet, row, "hint"),
        required=required.lower() in YES and qtype not in (QuestionType.NOTE, QuestionType.CALCULATE),
        constraint_message=c.texts(sheet, row, "constraint_message"), required_message=c.texts(sheet, row, "required_message"),
        element=element or None, weight=_weight(c, sheet, row), evidence=_evidence(c, sheet, row, shown, qtype, listed),
        prompt=c.texts(sheet, row, "interview_prompt"), unit=c.texts(sheet, row, "unit"), row=row.number,
        range=_range(c, sheet, row) if qtype is QuestionType.RANGE else None)
    if not name:
        return
    path = tuple(g.name for g in stack)
    own = [(row.get("relevant"), path, row.number)] if row.get("relevant") else []
    repeat = stack[-1].repeat if stack else None
    draft = QuestionDraft(name, row.number, path, fields, expressions, _relevants(stack, repeat is not None) + own, repeat)
    _place(c, draft, stack)
    if kind.or_other:
        other = f"{name}_other"
        if other in registry:
            c.add(FW_OTHER_NAME_TAKEN, c.at(sheet, registry[other], "name"), name=other, question=name)
            return
        registry[other] = row.number
        texts = {lang: translate(OR_OTHER_SPECIFY, lang) for lang in c.languages}
        _place(c, QuestionDraft(other, row.number, path, dict(type=QuestionType.TEXT, label=texts, row=row.number), {},
                                draft.relevant + [(f"selected(${{{name}}}, 'other')", path, row.number)], draft.repeat), stack)


def _place(c: CompileContext, draft: QuestionDraft, stack: list[OpenGroup]) -> None:
    c.drafts.append(draft)
    if draft.repeat is not None:
        draft.repeat.questions.append(draft)
    elif stack:
        stack[0].dimension.questions.append(draft)
    else:
        if c.loose is None:
            c.loose = DimensionDraft("", c.title, {}, draft.row)
            c.dimensions.append(c.loose)
        c.loose.questions.append(draft)
        c.loose_count += 1


def _with_other(c: CompileContext, listed: str) -> str:
    """The list ``listed`` with an 'other' choice (or_other), kept as a list of its own."""
    name = f"{listed}_or_other"
    if name not in c.lists:
        entries = dict(c.lists.get(listed, {}))
        if "other" not in entries and entries:
            label = {lang: translate(OR_OTHER_CHOICE, lang) for lang in c.languages}
            entries["other"] = (Choice(name="other", label=label), next(iter(entries.values()))[1])
        c.lists[name] = entries
    return name


def _range(c: CompileContext, sheet: Sheet, row: Row) -> RangeRule:
    text = row.get("parameters")
    given = {k.lower(): v for k, v in _PARAMETER.findall(text)}
    try:
        rule = RangeRule(**{k: float(v.replace(",", ".")) for k, v in given.items() if k in ("start", "end", "step")})
    except ValueError:
        rule = RangeRule(step=0)
    if rule.step == 0 or not all(math.isfinite(v) for v in (rule.start, rule.end, rule.step)):
        c.add(FW_BAD_RANGE, c.at(sheet, row.number, "parameters"), value=text)
        return RangeRule()
    return rule


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
