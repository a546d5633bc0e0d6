"""Compiles the sheets of an XLSForm workbook into a ``Framework``, collecting every problem.

Pure: it works on the rows ``workbooks.xlsform`` read. Top-level groups are the dimensions;
questions carry the MECIGEP columns ``element``, ``weight``, ``evidence``, ``unit`` and
``interview_prompt``. Problems name the sheet, row and column, and say what to do.

The stages, in order: the settings and languages (``settings``), the elements and choices (``choices``),
the survey rows (``survey``), then their names and expressions (``resolve``), and the framework built here
from the drafts they left (``context``). The messages are in ``i18n/messages/frameworks.py``.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.framework import Dimension, Framework, Question, Repeat
from pipeline.domain.problems import Problem, Severity
from pipeline.frameworks.bounds import NUMBERS, bounds
from pipeline.frameworks.choices import read_choices, read_elements
from pipeline.frameworks.context import CompileContext, DimensionDraft, QuestionDraft
from pipeline.frameworks.methods import read_methods
from pipeline.frameworks.resolve import combined, resolve_expressions
from pipeline.frameworks.rows import XLSFormSheets
from pipeline.frameworks.settings import read_settings
from pipeline.frameworks.survey import read_survey
from pipeline.i18n.messages.frameworks import (
    FW_EMPTY_GROUP,
    FW_EMPTY_REPEAT,
    FW_LOOSE_QUESTIONS,
    FW_NO_QUESTIONS,
    FW_NOTHING_TO_ANSWER,
    FW_NUMBER_NO_RANGE,
)


@dataclass(frozen=True)
class CompileResult:
    """The compiled framework (None when there are errors) and every error and warning found."""

    framework: Framework | None
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that keep the framework from compiling."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems worth telling that do not keep the framework from compiling."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def _question(d: QuestionDraft) -> Question:
    fields = {k: v for k, v in d.fields.items() if v is not None}
    return Question(name=d.key, repeat=d.repeat.key if d.repeat else None, **fields)  # type: ignore[arg-type]


def _dimension(c: CompileContext, d: DimensionDraft) -> Dimension | None:
    """The dimension a draft makes; None (with a warning) when it has no questions."""
    survey = c.sheets.survey
    repeats = []
    for r in d.repeats:
        if not r.questions:
            c.warn(FW_EMPTY_REPEAT, c.at(survey, r.row, "name"), name=r.name)
            continue
        relevant = combined([text for text, _, _ in r.relevant])
        repeats.append(Repeat(name=r.key, label=r.label, hint=r.hint, questions=tuple(_question(q) for q in r.questions),
                              count=r.count, relevant=relevant, position=r.position, row=r.row))
    if not d.questions and not repeats:
        c.warn(FW_EMPTY_GROUP, c.at(survey, d.row, "name"), name=d.name)
        return None
    return Dimension(name=d.name, label=d.label, hint=d.hint, questions=tuple(_question(q) for q in d.questions),
                     repeats=tuple(repeats))


def _ranges(c: CompileContext) -> None:
    """A warning for each whole-number or decimal question whose constraint does not bound it on both sides."""
    for d in c.drafts:
        if isinstance(d, QuestionDraft) and d.fields.get("type") in NUMBERS and not bounds(d.fields.get("constraint")).closed:  # type: ignore[arg-type]
            c.warn(FW_NUMBER_NO_RANGE, c.at(c.sheets.survey, d.row, "constraint"), name=d.name)


def _build(c: CompileContext) -> Framework | None:
    """The framework the sheets describe, once the last checks are done; None when any problem is an error."""
    survey = c.sheets.survey
    if c.loose:
        taken = {d.name for d in c.dimensions} | {d.name for d in c.drafts}
        c.loose.name = next(n for i in range(1, len(taken) + 2) if (n := c.form_id + (f"_{i}" if i > 1 else "")) not in taken)
        c.warn(FW_LOOSE_QUESTIONS, c.at(survey, c.loose.row, "type"), count=c.loose_count, dimension=c.loose.name)
    dimensions = [found for d in c.dimensions if (found := _dimension(c, d)) is not None]
    failed = any(p.severity is Severity.ERROR for p in c.problems)
    if survey and not survey.rows and not failed:
        c.add(FW_NO_QUESTIONS, c.at(survey, survey.header_row))
    elif survey and not failed and not any(q.answerable for d in dimensions for q in (*d.questions, *(q for r in d.repeats for q in r.questions))):
        c.warn(FW_NOTHING_TO_ANSWER, c.at(survey, survey.header_row))
    choices, checked = c.sheets.choices, set()
    for listed in c.used:
        for choice, row in c.lists.get(listed, {}).values():
            if choice.label and choices and row.number not in checked:
                checked.add(row.number)
                c.labelled(choices, row, choice.name)
    if any(p.severity is Severity.ERROR for p in c.problems):
        return None
    return Framework(
        id=c.form_id, version=c.version, title=c.title, topic=c.topic,
        default_language=c.default, languages=tuple(c.languages), elements=c.elements,
        choices={n: tuple(ch for ch, _ in c.lists[n].values()) for n in c.used if n in c.lists},
        dimensions=tuple(dimensions), note=c.note)


def compile_framework(sheets: XLSFormSheets, file_name: str) -> CompileResult:
    """Compiles the XLSForm ``sheets`` read from ``file_name`` into a Framework, with every problem found.

    ``framework`` is None when any problem is an error; warnings alone leave it compiled."""
    context = CompileContext(sheets, file_name)
    read_settings(context)
    read_elements(context)
    read_choices(context)
    read_survey(context)
    resolve_expressions(context)
    _ranges(context)
    scoring = read_methods(context)  # scoring methods (frameworks/methods.py), once the survey is known
    framework = _build(context)
    if framework is not None:
        framework = framework.model_copy(update={"scoring": scoring})
    return CompileResult(framework, tuple(context.problems))
