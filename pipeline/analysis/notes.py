"""Checking an expert's interview notes as read from the workbook: pure, every problem collected.

A problem about a cell says which row (``row``, the row's key) and field (``field``) it concerns, so the
notes workbook can highlight it in a feedback copy.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from pipeline.domain.notes import CHOICES, FIELDS, RowSpec
from pipeline.domain.problems import Problem, Severity
from pipeline.domain.raw import RawNotes, RawValue, text_of
from pipeline.domain.rules import EMAIL
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, translate


@dataclass(frozen=True)
class NotesRow:
    """One filled row: the institution's and element's ids and each field's text (choices as their codes)."""

    institution: str
    element: str
    values: Mapping[str, str]


@dataclass(frozen=True)
class NotesContent:
    """What a checked notes workbook holds: the expert (e-mail, lower case; empty when not given) and the rows."""

    expert: str
    expert_name: str
    rows: tuple[NotesRow, ...]


def _choice(value: str, codes: tuple[str, ...], labels: Mapping[str, str]) -> str | None:
    """The code a typed value stands for (the code, or its label in any language, any case); None for none."""
    wanted = value.strip().casefold()
    return next((c for c in codes if wanted == c or wanted in {translate(labels[c], lang).casefold() for lang in LANGUAGES}), None)


def _text(cells: Mapping[str, RawValue], field_: str) -> str:
    return text_of(cells[field_].value) if field_ in cells else ""


def check_notes(raw: RawNotes, specs: list[RowSpec], names: dict[str, str] | None = None,
                questions: set[str] | None = None) -> tuple[list[NotesRow], list[Problem]]:
    """The rows filled (choices as codes) and every problem: the expert's e-mail, choices from their lists, a
    priority for each recommendation, known questions (a warning), at least one row filled. ``names`` gives the
    display names of institutions and elements, ``questions`` the framework's questions (their numbers and names)."""
    names, problems, rows = names or {}, [], []
    email_cell = raw.expert.get("expert_email")
    email = text_of(email_cell.value) if email_cell else ""
    if not email or not EMAIL.match(email):
        problems.append(Problem(m.BAD_EMAIL if email else m.NOTES_EMAIL_MISSING, {"email": email, "field": "expert_email"},
                                email_cell.where if email_cell else None))
    for spec in specs:
        cells = raw.rows.get(spec.key, {})
        values = {f: _text(cells, f) for f in FIELDS}
        where = {f: cells[f].where if f in cells else None for f in FIELDS}
        about: dict[str, Any] = {"institution": names.get(spec.institution, spec.institution),
                                 "element": names.get(spec.element, spec.element), "row": spec.key}
        for field_, codes in CHOICES.items():
            labels = m.NOTES_ASSESSMENTS if field_ == "assessment" else m.NOTES_PRIORITIES
            code = _choice(values[field_], codes, labels) if values[field_] else ""
            if code is None:
                problems.append(Problem(m.NOTES_BAD_CHOICE, {**about, "value": values[field_], "field": field_,
                                                             "allowed": tuple(labels[c] for c in codes)}, where[field_]))
            values[field_] = code or ""
        if values["recommendation"] and not values["priority"] and not _text(cells, "priority"):
            problems.append(Problem(m.NOTES_NEEDS_PRIORITY, {**about, "field": "priority",
                                                             "allowed": tuple(m.NOTES_PRIORITIES.values())}, where["priority"]))
        for question in (q.strip() for q in values["questions"].replace(";", ",").split(",")):
            if question and questions is not None and question not in questions:
                problems.append(Problem(m.NOTES_UNKNOWN_QUESTION, {**about, "question": question, "field": "questions"},
                                        where["questions"], Severity.WARNING))
        if any(values[f] for f in FIELDS if f != "questions"):
            rows.append(NotesRow(spec.institution, spec.element, values))
    if not rows:
        problems.append(Problem(m.NOTES_EMPTY))
    return rows, problems


def validate_notes(raw: RawNotes, specs: list[RowSpec], **context: Any) -> list[Problem]:
    """Every problem of the notes (see ``check_notes``)."""
    return check_notes(raw, specs, **context)[1]
