"""The follow-up of a published round's recommendations, as pure functions: the framework its workbook is
built from, and what a returned follow-up says of each recommendation.

The framework has one dimension "Recommendations" and, per recommendation of the final report (stable id
``R-01`` → questions ``r01_status``, ``r01_actions``, ``r01_evidence``), a status chosen from a list, the
actions taken (required when in progress or implemented) and the evidence (asked when implemented).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.analysis.report_content import ReportContent
from pipeline.domain.answers import QuestionnaireAnswers
from pipeline.domain.enums import FollowupStatus
from pipeline.domain.followup import FRAMEWORK_PREFIX, FollowupEntry
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType, pick
from pipeline.domain.models import Round
from pipeline.domain.problems import Problem, Severity
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, normalise_language, translate

STATUS_LIST = "followup_status"
ANSWERABLE = tuple(s for s in FollowupStatus if s is not FollowupStatus.NONE)
WITH_ACTIONS = (FollowupStatus.IN_PROGRESS, FollowupStatus.IMPLEMENTED)


def question_base(recommendation_id: str) -> str:
    """``R-01`` → ``r01``: the start of the recommendation's question names."""
    return "".join(c for c in recommendation_id.lower() if c.isalnum())


def _labels(message: str, **params: Any) -> dict[str, str]:
    return {lang: translate(message, lang, **params) for lang in LANGUAGES}


def followup_framework(round_: Round, content: ReportContent, version: str) -> Framework:
    """The follow-up's framework for the published ``content`` of ``round_``."""
    fw = content.data.framework
    questions = []
    for rec in content.recommendations:
        base, institution = question_base(rec.id), round_.institution(rec.note.institution)
        where = {lang: translate(m.FOLLOWUP_ABOUT, lang,
                                 priority=translate(m.REGISTER_PRIORITIES.get(rec.priority, m.REGISTER_PRIORITIES[""]), lang),
                                 institution=institution.acronym if institution else rec.note.institution,
                                 element=pick(fw.elements.get(rec.note.element, {}), lang, fw.default_language) or rec.note.element)
                 for lang in LANGUAGES}
        status = f"${{{base}_status}}"
        questions += [
            Question(name=base, type=QuestionType.NOTE, label=_labels(m.FOLLOWUP_RECOMMENDATION, id=rec.id, text=rec.text), hint=where),
            Question(name=f"{base}_status", type=QuestionType.SELECT_ONE, list_name=STATUS_LIST, required=True,
                     label=_labels(m.FOLLOWUP_STATUS, id=rec.id), hint=_labels(m.FOLLOWUP_STATUS_HINT)),
            Question(name=f"{base}_actions", type=QuestionType.TEXT, required=True,
                     relevant=f"{status} = 'in_progress' or {status} = 'implemented'",
                     label=_labels(m.FOLLOWUP_ACTIONS, id=rec.id), hint=_labels(m.FOLLOWUP_ACTIONS_HINT)),
            Question(name=f"{base}_evidence", type=QuestionType.TEXT,
                     label=_labels(m.FOLLOWUP_EVIDENCE, id=rec.id), hint=_labels(m.FOLLOWUP_EVIDENCE_HINT)),
        ]
    return Framework(
        id=f"{FRAMEWORK_PREFIX}{round_.id}", version=version, title=_labels(m.FOLLOWUP_FRAMEWORK, round=round_.id), topic=round_.topic,
        default_language=normalise_language(round_.language), languages=LANGUAGES,
        choices={STATUS_LIST: tuple(Choice(name=s.value, label=_labels(m.FOLLOWUP_STATUSES[s.value])) for s in ANSWERABLE)},
        dimensions=(Dimension(name="recommendations", label=_labels(m.FOLLOWUP_DIMENSION), hint=_labels(m.FOLLOWUP_DIMENSION_HINT),
                              questions=tuple(questions)),))


def explain(problem: Problem, framework: Framework, answers: QuestionnaireAnswers, lang: str) -> Problem:
    """A validation problem of a follow-up said in its own words (the cell it concerns is kept)."""
    name = str(problem.params.get("question", ""))
    base, _, part = name.partition("_")
    rid = f"R-{base[1:]}" if base[:1] == "r" else base
    if part == "status" and problem.message == m.VAL_MISSING:
        return replace(problem, message=m.FOLLOWUP_STATUS_MISSING, params={**problem.params, "id": rid})
    if part == "status" and problem.message in (m.VAL_NOT_AN_OPTION, m.RESP_UNKNOWN_CHOICE):
        options = tuple(pick(c.label, lang) for c in framework.choices[STATUS_LIST])
        return replace(problem, message=m.FOLLOWUP_BAD_STATUS, params={**problem.params, "id": rid, "options": options})
    if part == "actions" and problem.message == m.VAL_MISSING:
        status = m.FOLLOWUP_STATUSES.get(str(answers.value(f"{base}_status")), "")
        return replace(problem, message=m.FOLLOWUP_ACTIONS_MISSING, params={**problem.params, "id": rid, "status": status})
    return problem


def entries(answers: QuestionnaireAnswers, framework: Framework) -> tuple[tuple[FollowupEntry, ...], list[Problem]]:
    """What the follow-up says of each recommendation (those given a status), and a warning for each one declared
    implemented without evidence. The evidence is the evidence answer and the comments of the recommendation's rows."""
    found, problems = [], []
    for note in (q for q in framework.questions if q.type is QuestionType.NOTE):
        rid, code = f"R-{note.name[1:]}", answers.value(f"{note.name}_status")
        comments = [a.evidence for p in ("status", "actions", "evidence") if (a := answers.get(f"{note.name}_{p}")) and a.evidence]
        evidence = "\n".join(t for t in (str(answers.value(f"{note.name}_evidence") or "").strip(), *comments) if t)
        status = FollowupStatus(code) if code in {s.value for s in ANSWERABLE} else None
        if status is FollowupStatus.IMPLEMENTED and not evidence:
            where = answers.get(f"{note.name}_evidence")
            problems.append(Problem(m.FOLLOWUP_EVIDENCE_ASKED, {"id": rid, "question": f"{note.name}_evidence"},
                                    where.where if where else None, Severity.WARNING))
        if status is not None:
            actions = answers.value(f"{note.name}_actions") if status in WITH_ACTIONS else None  # else ignored, as warned
            found.append(FollowupEntry(rid, status, str(actions or ""), evidence))
    return tuple(found), problems
