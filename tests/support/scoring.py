"""Small frameworks and rounds built in code for the scoring, checks and comparison tests: maturity questions (0–4
with "na" and "ii"), yes/no requirements, each institution's answers given as codes."""
from __future__ import annotations

import datetime as dt
import hashlib

from pipeline.analysis.round_data import RoundData, round_data
from pipeline.domain.answers import AnswerRecord, AnswerStatus, QuestionnaireAnswers, Response
from pipeline.domain.enums import ResponseStatus
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType
from pipeline.domain.methods import Scoring
from pipeline.domain.models import Calendar, Institution, Round

LEVELS = tuple(Choice(name=str(n), label={"es": f"{n} – Nivel {n}", "en": f"{n} – Level {n}"}) for n in range(5)) + (
    Choice(name="na", label={"es": "No aplica", "en": "Not applicable"}),
    Choice(name="ii", label={"es": "Información insuficiente", "en": "Insufficient information"}))
YES_NO = (Choice(name="yes", label={"es": "Sí", "en": "Yes"}), Choice(name="no", label={"es": "No", "en": "No"}))


def maturity(name: str, element: str, weight: float = 1.0, evidence: str = "no") -> Question:
    return Question(name=name, type=QuestionType.SELECT_ONE, list_name="levels", element=element, weight=weight, evidence=evidence,
                    label={"es": f"Pregunta {name}", "en": f"Question {name}"})


def yes_no(name: str, element: str) -> Question:
    return Question(name=name, type=QuestionType.SELECT_ONE, list_name="yes_no", element=element,
                    label={"es": f"Requisito {name}", "en": f"Requirement {name}"})


def text(name: str, element: str) -> Question:
    return Question(name=name, type=QuestionType.TEXT, element=element, label={"es": f"Texto {name}", "en": f"Text {name}"})


def framework(dimensions: dict[str, list[Question]], scoring: Scoring | None = None, version: str = "1",
              elements: dict[str, str] | None = None, framework_id: str = "tiny") -> Framework:
    """A framework with these dimensions (name -> questions); elements are named after the questions' unless given."""
    names = elements or {q.element: q.element for qs in dimensions.values() for q in qs if q.element}
    return Framework(
        id=framework_id, version=version, title={"es": "Marco pequeño", "en": "Tiny framework"}, topic="planning",
        languages=("es", "en"), elements={e: {"es": f"Elemento {label}", "en": f"Element {label}"} for e, label in names.items()},
        choices={"levels": LEVELS, "yes_no": YES_NO},
        dimensions=tuple(Dimension(name=d, label={"es": f"Dimensión {d}", "en": f"Dimension {d}"}, questions=tuple(qs))
                         for d, qs in dimensions.items()),
        scoring=scoring or Scoring())


def answers(codes: dict[str, object], evidence: dict[str, str] | None = None) -> QuestionnaireAnswers:
    """Each question's answer (a code, a number, a text; None: left empty), with its evidence when given."""
    evidence = evidence or {}
    return QuestionnaireAnswers({q: AnswerRecord(q, AnswerStatus.ANSWERED if v is not None else AnswerStatus.EMPTY_OPTIONAL, v, v,
                                                 evidence.get(q)) for q, v in codes.items()})


def response(round_id: str, institution: str, given: QuestionnaireAnswers, salt: str = "") -> Response:
    digest = hashlib.sha256(f"{round_id}{institution}{salt}".encode()).hexdigest()
    return Response(digest, round_id, institution, f"{round_id}.{institution}.1", "2026-05-01T10:00:00+00:00",
                    ResponseStatus.ACCEPTED, len(given.answers), 0, 0, 0, given)


def a_round(institutions: list[str], round_id: str = "2026-PER-planning", requested: dt.date = dt.date(2026, 3, 1)) -> Round:
    return Round(id=round_id, country="PER", topic="planning", calendar=Calendar(requested=requested),
                 institutions=tuple(Institution(id=i, name=f"Institución {i.upper()}", acronym=i.upper()) for i in institutions))


def data_of(fw: Framework, codes: dict[str, dict[str, object]], **extra: object) -> RoundData:
    """The round data of institutions answering ``codes`` (institution -> question -> code); ``extra`` goes to
    ``round_data`` (corrections, previous, marks, earlier)."""
    round_ = a_round(list(codes))
    return round_data(round_, fw, {i: response(round_.id, i, answers(c)) for i, c in codes.items()}, **extra)  # type: ignore[arg-type]
