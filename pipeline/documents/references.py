"""How documents meant for readers name what the pipeline knows by its keys: a question by its number ("4.3"), a
positive element by its number and name ("E1 · Visión de largo plazo…"), an interview note by the expert's country,
the institution and the element ("Chile · CEPLAN · E1"), a round by its country, topic and year. Readers see the
numbers and titles of the document, never our ids (``pl_20``, ``pl_e1``, ``2026-PER-planning``) or folders.

The numbers come from the framework (``Framework.number``, ``Framework.element_number``), so the report, the
seminar compendium and the interview guides number a question or an element the same way.
"""
from __future__ import annotations

import re

from pipeline.domain.catalog import Catalog
from pipeline.domain.framework import Framework
from pipeline.domain.models import Round
from pipeline.domain.notes import NoteRow
from pipeline.domain.problems import UserError

SEPARATOR = " · "
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


def state_name(catalog: Catalog, code: str, lang: str) -> str:
    """The member state's name in ``lang``; ``code`` when the catalogue lacks it."""
    try:
        return catalog.state(code).name(lang)
    except UserError:
        return code


def element_text(framework: Framework, element: str, lang: str) -> str:
    """"E1 · Visión de largo plazo…": the element's number and name (its name alone when it has no number)."""
    number, name = framework.element_number(element), framework.element_label(element, lang)
    return f"{number}{SEPARATOR}{name}" if number and name != number else name


def note_reference(catalog: Catalog, round_: Round, framework: Framework, note: NoteRow, lang: str, element: bool = True) -> str:
    """"Chile · CEPLAN · E1": the note's expert by member state (by name when not on the panel), the institution's
    acronym and (``element``) the element's number, as annex B lists the notes."""
    institution = round_.institution(note.institution)
    number = (framework.element_number(note.element) or framework.element_label(note.element, lang)) if element else ""
    return SEPARATOR.join(x for x in (note_source(catalog, round_, note, lang), institution.acronym if institution
                                      else note.institution, number) if x)


def note_source(catalog: Catalog, round_: Round, note: NoteRow, lang: str) -> str:
    """"Chile": who wrote the note, by the expert's member state (by name when the expert is not on the panel)."""
    expert = round_.expert(note.expert)
    return state_name(catalog, expert.state, lang) if expert and expert.state else note.expert_name or note.expert.split("@")[0]


def question_numbers(framework: Framework, typed: str) -> str:
    """What an expert typed as the questions a note concerns ("pl_06, pl_08"), each question id the framework knows
    written as its number ("2.1, 2.3"); everything else as typed."""
    return _TOKEN.sub(lambda m: framework.number(m.group(0)) or m.group(0), typed)


def round_year(round_: Round) -> str:
    """The year a round is known by: of its request, else the one its id starts with."""
    if round_.calendar.requested is not None:
        return str(round_.calendar.requested.year)
    return round_.id[:4] if round_.id[:4].isdigit() else round_.id
