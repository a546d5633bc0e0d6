"""The compiler's rules for scoring: the ``method`` and ``replaces`` columns of the 'elements' sheet, the
``level`` and ``replaces`` columns of the 'survey' sheet and the optional 'averaging' sheet.

Run once the survey is read, because an elements row may name a dimension (a top-level group) instead of an
element, to give that dimension its method; such a row needs no label and is not an element. Everything found
goes into a ``Scoring`` (``domain/methods.py``); a framework that has none of these columns gets an empty one and
scores as frameworks always have.
"""
from __future__ import annotations

import re

from pydantic import ValidationError

from pipeline.domain.enums import Method
from pipeline.domain.framework import MATURITY_LEVELS, Question, QuestionType
from pipeline.domain.methods import DEFAULT_THRESHOLD, MethodSpec, Scoring
from pipeline.frameworks.context import CompileContext
from pipeline.frameworks.rows import Row, Sheet
from pipeline.i18n.messages.frameworks import FW_MISSING_COLUMN, FW_NO_LABEL
from pipeline.i18n.messages.methods import (
    FW_AVERAGING_DUPLICATE,
    FW_AVERAGING_RESULT,
    FW_AVERAGING_SCORES,
    FW_BAD_LEVEL,
    FW_BAD_THRESHOLD,
    FW_CUMULATIVE_UNCOUNTED,
    FW_LEVEL_NOT_YES_NO,
    FW_LEVEL_UNUSED,
    FW_UNKNOWN_METHOD,
)

ALIASES = {"m1": Method.WEAKEST_LINK, "m2": Method.AVERAGING_TABLE, "mean": Method.WEIGHTED_MEAN}
SEPARATORS = re.compile(r"[\s,;]+")
REQUIREMENT_LEVELS = ("1", "2", "3", "4")


def _method(c: CompileContext, sheet: Sheet, row: Row) -> MethodSpec | None:
    """The row's method; None when its cell is blank or wrong (the problem is reported)."""
    text = row.get("method")
    if not text:
        return None
    words = text.lower().replace("-", "_").split()
    name = words[0]
    method = ALIASES.get(name) or next((m for m in Method if m.value == name), None)
    if method is None or (len(words) > 1 and method is not Method.SHARE) or len(words) > 2:
        c.add(FW_UNKNOWN_METHOD, c.at(sheet, row.number, "method"), value=text)
        return None
    if len(words) == 2:
        if words[1] not in REQUIREMENT_LEVELS:
            c.add(FW_BAD_THRESHOLD, c.at(sheet, row.number, "method"), value=text)
            return None
        return MethodSpec(method=method, threshold=int(words[1]))
    return MethodSpec(method=method, threshold=DEFAULT_THRESHOLD)


def _names(text: str) -> tuple[str, ...]:
    return tuple(n for n in SEPARATORS.split(text) if n)


def _drafted(c: CompileContext) -> list[tuple[str, Question]]:
    """The questions of the dimensions read so far (not those of repeats), as they will be compiled: (dimension's
    name, question). A question whose row has an error, already reported, is left out."""
    found = []
    for d in c.dimensions:
        for q in d.questions:
            try:
                found.append((d.name, Question(name=q.key or q.name, **{k: v for k, v in q.fields.items() if v is not None})))
            except (ValidationError, TypeError):
                continue
    return found


def _elements(c: CompileContext, found: dict[str, dict]) -> None:
    sheet = c.sheets.elements
    if sheet is None:
        return
    used = {q.element for _, q in _drafted(c) if q.element}
    dimensions = {d.name for d in c.dimensions if d.name} - used  # a name questions use as their element stays one
    for row in sheet.rows:
        name = row.get("name")
        if not name or (name not in c.elements and name not in dimensions):
            continue  # a row the elements rules already reported
        spec = _method(c, sheet, row)
        if name in dimensions:  # a dimension's method, not an element
            c.elements.pop(name, None)
            if spec:
                found["dimensions"][name] = spec
            continue
        if not c.elements.get(name) and row.get("method"):
            c.add(FW_NO_LABEL, c.at(sheet, row.number, "label"), name=name)  # an element still needs its label
        if spec:
            found["elements"][name] = spec
        if replaced := _names(row.get("replaces")):
            found["element_replaces"][name] = replaced


def _questions(c: CompileContext, found: dict[str, dict]) -> dict[str, Question]:
    survey = c.sheets.survey
    questions = {q.name: q for _, q in _drafted(c)}
    if survey is None:
        return questions
    for row in survey.rows:
        name = row.get("name")
        if name not in questions:
            continue
        if replaced := _names(row.get("replaces")):
            found["question_replaces"][name] = replaced
        if not (text := row.get("level")):
            continue
        if text not in REQUIREMENT_LEVELS:
            c.add(FW_BAD_LEVEL, c.at(survey, row.number, "level"), value=text)
        elif not _maturity(c, questions[name]) and not _yes_no(c, questions[name]):
            c.add(FW_LEVEL_NOT_YES_NO, c.at(survey, row.number, "level"), name=name)
        else:
            found["levels"][name] = int(text)
    return questions


def _maturity(c: CompileContext, q: Question) -> bool:
    return q.type is QuestionType.SELECT_ONE and set(c.lists.get(q.list_name or "", {})) >= set(MATURITY_LEVELS)


def _yes_no(c: CompileContext, q: Question) -> bool:
    return q.type is QuestionType.SELECT_ONE and "yes" in c.lists.get(q.list_name or "", {})


def _cumulative(c: CompileContext, found: dict[str, dict], questions: dict[str, Question]) -> None:
    """Warns of a level nothing uses, and of a question a cumulative element or dimension cannot count."""
    survey = c.sheets.survey
    dimension_of = {q.name: d for d, q in _drafted(c)}
    for name, q in questions.items():
        scopes = [s for s in (q.element and found["elements"].get(q.element), found["dimensions"].get(dimension_of[name])) if s]
        cumulative = any(s.method is Method.CUMULATIVE for s in scopes)
        row = next((r.number for r in survey.rows if r.get("name") == name), None) if survey else None
        if name in found["levels"] and not cumulative:
            c.warn(FW_LEVEL_UNUSED, c.at(survey, row, "level"), name=name)
        element = found["elements"].get(q.element or "")
        if (element and element.method is Method.CUMULATIVE and q.answerable and name not in found["levels"]
                and not _maturity(c, q)):
            c.warn(FW_CUMULATIVE_UNCOUNTED, c.at(survey, row, "level"), name=name, scope=q.element)


def _result(text: str) -> float | None:
    """'2', '2.5', '2,5' or '2+' as a number of the 0–4 scale; None when it is none."""
    text = text.strip().replace(",", ".")
    try:
        value = float(text[:-1]) + 0.5 if text.endswith("+") else float(text)
    except ValueError:
        return None
    return value if 0 <= value <= 4 and (value * 2).is_integer() else None


def _averaging(c: CompileContext) -> dict[str, float]:
    sheet = c.sheets.averaging
    if sheet is None:
        return {}
    missing = [k for k in ("scores", "result") if not sheet.has(k)]
    for key in missing:
        c.add(FW_MISSING_COLUMN, c.at(sheet, sheet.header_row), sheet=sheet.title, column=key)
    if missing:
        return {}
    table: dict[str, float] = {}
    rows: dict[str, int] = {}
    for row in sheet.rows:
        levels = _names(row.get("scores"))
        if len(levels) < 2 or any(level not in MATURITY_LEVELS for level in levels):
            c.add(FW_AVERAGING_SCORES, c.at(sheet, row.number, "scores"), value=row.get("scores"))
            continue
        value = _result(row.get("result"))
        if value is None:
            c.add(FW_AVERAGING_RESULT, c.at(sheet, row.number, "result"), value=row.get("result"))
            continue
        key = " ".join(sorted(levels))
        if key in rows:
            c.add(FW_AVERAGING_DUPLICATE, c.at(sheet, row.number, "scores"), scores=key, first=rows[key])
            continue
        rows[key], table[key] = row.number, value
    return table


def read_methods(c: CompileContext) -> Scoring:
    """What the framework declares about scoring (run after the survey is read); every problem is reported."""
    found: dict[str, dict] = {"elements": {}, "dimensions": {}, "levels": {}, "element_replaces": {}, "question_replaces": {}}
    _elements(c, found)
    questions = _questions(c, found)
    _cumulative(c, found, questions)
    return Scoring(**found, averaging=_averaging(c))
