"""Compiles the sheets of an XLSForm workbook into a ``Framework``, collecting every problem.

Pure: it works on the rows ``workbooks.xlsform`` read. Top-level groups are the dimensions;
questions carry the MECIGEP columns ``element``, ``weight``, ``evidence`` and
``interview_prompt``. Problems name the sheet, row and column, and say what to do.

The stages, in order: the settings and languages (``framework_settings``), the elements and
choices (``framework_choices``), the survey rows and then their expressions (``framework_survey``),
and the framework built here from what they found (``framework_context``). The messages are in
``framework_messages``, re-exported here.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.framework import Dimension, Framework
from pipeline.domain.problems import Problem, Severity
from pipeline.frameworks.choices import read_choices, read_elements
from pipeline.frameworks.context import CompileContext
from pipeline.frameworks.methods import read_methods
from pipeline.frameworks.rows import XLSFormSheets
from pipeline.frameworks.settings import read_settings
from pipeline.frameworks.survey import check_expressions, read_survey
from pipeline.i18n.messages.frameworks import FW_EMPTY_GROUP, FW_LOOSE_QUESTIONS, FW_NO_QUESTIONS


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


def _build(c: CompileContext) -> Framework | None:
    """The framework the sheets describe, once the last checks are done; None when any problem is an error."""
    survey, dimensions = c.sheets.survey, []
    if c.loose:
        c.loose.name = next(n for i in range(1, len(c.names) + 2)
                            if (n := c.form_id + (f"_{i}" if i > 1 else "")) not in c.names)
        c.warn(FW_LOOSE_QUESTIONS, c.at(survey, c.loose.row, "type"), count=c.loose_count, dimension=c.loose.name)
    for d in c.dimensions:
        if d.questions:
            dimensions.append(Dimension(name=d.name, label=d.label, hint=d.hint, questions=tuple(d.questions)))
        else:
            c.warn(FW_EMPTY_GROUP, c.at(survey, d.row, "name"), name=d.name)
    if survey and not any(q.answerable for d in dimensions for q in d.questions):
        c.add(FW_NO_QUESTIONS, c.at(survey, survey.header_row))
    choices = c.sheets.choices
    for listed in c.used:
        for choice, row in c.lists.get(listed, {}).values():
            if choice.label and choices:
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
    check_expressions(context)
    scoring = read_methods(context)  # scoring methods (frameworks/methods.py), once the survey is known
    framework = _build(context)
    if framework is not None:
        framework = framework.model_copy(update={"scoring": scoring})
    return CompileResult(framework, tuple(context.problems))
