"""Example answers an official would give, built from the framework itself (demo and tests).

Everything here is invented for illustration."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.demo.texts import TEXTS
from pipeline.domain.framework import Framework, QuestionType, pick
from pipeline.frameworks.expressions import evaluate, truthy
from pipeline.i18n import messages as m
from pipeline.i18n.messages.notes import NOTES_ASSESSMENTS, NOTES_PRIORITIES
from pipeline.i18n.translation import normalise_language, translate
from pipeline.workbooks.notes import cell_name, row_specs

NUMBERS = (1, 0, 5, 3, 10, 50, 80, 100, 2, 1990, 2020, 2024)


LEVELS = ("3", "2", "3", "4", "1", "2", "3", "0", "2", "3")  # a plausible spread of maturity levels


def complete_answers(framework: Framework, lang: str = "es", seed: int = 0) -> dict[str, Any]:
    """Cell name -> value for every answerable question, each valid and with its evidence.

    Maturity levels follow LEVELS, texts and evidence those of ``lang`` (demo/texts.py), shifted by ``seed`` so that
    institutions differ; choices are typed as the drop-down lists of ``lang`` show them."""
    said = TEXTS[normalise_language(lang)]
    typed: dict[str, Any] = {"resp_name": "Rosa Huamán", "resp_position": "Directora de Planeamiento",
                             "resp_email": "rhuaman@example.gob.pe", "resp_date": dt.datetime(2026, 12, 1)}
    values: dict[str, Any] = {}
    yes = translate(m.Q_YES, lang)
    for q in framework.questions:
        if not q.answerable:
            continue
        label = lambda c: pick(c.label, lang, framework.default_language) or c.name  # noqa: E731
        options = framework.options(q)
        if q.type is QuestionType.SELECT_ONE:
            wanted = LEVELS[(len(values) + seed * 3) % len(LEVELS)]
            choice = next((c for c in options if c.name == wanted), None) or next((c for c in options if c.name == "yes"), options[0])
            typed[f"q_{q.name}"] = label(choice)
            values[q.name] = choice.name
        elif q.type is QuestionType.SELECT_MULTIPLE:
            typed[f"q_{q.name}__{options[0].name}"] = yes
            values[q.name] = (options[0].name,)
        elif q.type in (QuestionType.INTEGER, QuestionType.DECIMAL):
            value = next((n for n in NUMBERS if not q.constraint or truthy(evaluate(q.constraint, values, n))), 1)
            typed[f"q_{q.name}"] = value
            values[q.name] = value
        elif q.type is QuestionType.DATE:
            typed[f"q_{q.name}"] = dt.datetime(2024, 5, 20)
            values[q.name] = dt.date(2024, 5, 20)
        else:
            typed[f"q_{q.name}"] = said.answers[(len(values) + seed) % len(said.answers)]
            values[q.name] = "x"
        if q.evidence != "no":
            typed[f"e_{q.name}"] = said.evidence[(sum(k.startswith("e_") for k in typed) + seed) % len(said.evidence)]
    return typed


def example_notes(institutions: list[str], elements: list[str], offset: int = 0, lang: str = "es") -> dict[str, str]:
    """Cell name -> text of an expert's notes on a few (institution, element) rows, written in ``lang`` and with the
    drop-down labels of ``lang``."""

    keys = {(s.institution, s.element): s.key for s in row_specs(institutions, elements)}
    typed: dict[str, str] = {}
    for n, (finding, assessment, need, challenge, recommendation, priority) in enumerate(TEXTS[normalise_language(lang)].notes):
        institution = institutions[(n + offset) % len(institutions)]
        element = elements[(n + offset) % len(elements)]
        key = keys[(institution, element)]
        typed.update({
            cell_name(key, "finding"): finding,
            cell_name(key, "assessment"): translate(NOTES_ASSESSMENTS[assessment], lang),
            cell_name(key, "need"): need,
            cell_name(key, "challenge"): challenge,
            cell_name(key, "recommendation"): recommendation,
            cell_name(key, "priority"): translate(NOTES_PRIORITIES[priority], lang),
        })
    return typed
