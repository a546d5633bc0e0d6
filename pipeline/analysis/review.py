"""Reading the answers of a returned review matrix: each row's decision, response and withdrawal, checked.

Pure: the cells as typed (``workbooks/review.py`` reads them) in, the answers and every problem out. A
decision is one of the dropdown's words in any of the four languages (or its code); a withdrawal is "yes"
in any of them. Rows whose key the round does not know are counted, not read.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.enums import ReviewDecision
from pipeline.domain.problems import Problem
from pipeline.domain.raw import RawValue, text_of
from pipeline.domain.review import ReviewAnswer
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, translate


@dataclass(frozen=True)
class MatrixAnswers:
    answers: dict[str, ReviewAnswer]  # by observation key; rows with nothing typed are left out
    problems: tuple[Problem, ...]
    unknown: int  # rows about no observation of the round
    answered: int  # observations with a decision


def _words(message: str) -> set[str]:
    return {translate(message, lang).strip().casefold() for lang in LANGUAGES}


DECISION_WORDS = {word: decision for decision in ReviewDecision
                  for word in _words(m.REVIEW_DECISIONS[decision.value]) | {decision.value}}
YES_WORDS = _words(m.Q_YES) | {"x"}


def read_answers(rows: dict[str, dict[str, RawValue]], known: set[str], lang: str,
                 before: dict[str, ReviewAnswer] | None = None) -> MatrixAnswers:
    """The answers of ``rows`` (by key: ``decision``, ``response``, ``withdrawn``) to the observations ``known``.
    A row is recorded when what it says differs from ``before`` (the answers recorded so far)."""
    before = before or {}
    answers, problems, unknown = {}, [], 0
    choices = tuple(translate(m.REVIEW_DECISIONS[d.value], lang) for d in ReviewDecision)
    yes = translate(m.Q_YES, lang)
    for key, cells in rows.items():
        if key not in known:
            unknown += 1
            continue
        decision_text, response = text_of(cells["decision"].value), text_of(cells["response"].value)
        withdrawn_text = text_of(cells["withdrawn"].value)
        decision = DECISION_WORDS.get(decision_text.casefold()) if decision_text else None
        if decision_text and decision is None:
            problems.append(Problem(m.REVIEW_BAD_DECISION, {"value": decision_text, "choices": choices}, cells["decision"].where))
        if withdrawn_text and withdrawn_text.casefold() not in YES_WORDS:
            problems.append(Problem(m.REVIEW_BAD_WITHDRAWN, {"value": withdrawn_text, "yes": yes}, cells["withdrawn"].where))
        answer = ReviewAnswer(decision, response, bool(withdrawn_text) and withdrawn_text.casefold() in YES_WORDS)
        previous = before.get(key, ReviewAnswer(None, "", False))
        if answer != previous and (decision_text == "" or decision is not None):
            answers[key] = answer
    answered = sum(1 for key in known if (answers.get(key) or before.get(key) or ReviewAnswer(None, "", False)).decision)
    return MatrixAnswers(answers, tuple(problems), unknown, answered)
