"""The annexes of the report: the institutions' answers (annex A) and, in the final report, the observations of the
government that the panel did not accept (annex C, verbatim: the country's right of reply)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from pipeline.analysis.report_content import ReportContent
from pipeline.documents.guide import answer_text, evidence_text
from pipeline.domain.framework import pick
from pipeline.domain.review import ObservationKind, Unaccepted
from pipeline.i18n.messages.report import (
    REPORT_ANNEX_MISSING,
    REPORT_ANNEX_RECEIVED,
    REPORT_OBSERVATION_ON,
    REPORT_OBSERVATION_RESPONSE,
    REPORT_OBSERVATION_WHERE,
    REPORT_OBSERVATION_WHO,
)
from pipeline.i18n.messages.review import (
    REVIEW_DECISIONS,
    REVIEW_KIND_COMMENT,
    REVIEW_KIND_DELETION,
    REVIEW_KIND_INSERTION,
    REVIEW_KIND_MARKED,
    REVIEW_KIND_MOVED,
    REVIEW_NO_DECISION,
    REVIEW_UNKNOWN_AUTHOR,
)
from pipeline.i18n.translation import format_date, translate

KINDS = {ObservationKind.INSERTION: REVIEW_KIND_INSERTION, ObservationKind.DELETION: REVIEW_KIND_DELETION,
         ObservationKind.MOVED: REVIEW_KIND_MOVED, ObservationKind.COMMENT: REVIEW_KIND_COMMENT, ObservationKind.MARKED: REVIEW_KIND_MARKED}


def _date(value: Any, lang: str) -> str:
    """A date (or an ISO date or datetime text) as readers of ``lang`` write it; empty for none."""
    if isinstance(value, str) and value:
        value = dt.date.fromisoformat(value[:10])
    return format_date(value, lang) if isinstance(value, dt.date) else str(value or "")


def answers_annex(content: ReportContent, lang: str) -> list[dict[str, Any]]:
    """Annex A: every institution's answers with their evidence (none for one that sent nothing)."""
    data, fw = content.data, content.data.framework
    return [{"heading": f"A.{n} {i.institution.name} ({i.institution.acronym})",
             "detail": translate(REPORT_ANNEX_RECEIVED, lang, date=_date(i.response.received, lang), sha256=i.response.sha256)
             if i.response else translate(REPORT_ANNEX_MISSING, lang),
             "answers": [{"id": fw.number(q) or q.name, "question": pick(q.label, lang, fw.default_language), "answer": answer_text(data, i, q, lang),
                          "evidence": evidence_text(i, q, lang)} for q in fw.questions if q.answerable] if i.response else []}
            for n, i in enumerate(data.institutions, 1)]



def quote(text: str, length: int = 70) -> str:
    """``text`` on one line, cut at a word with "…" past ``length`` characters: what a comment is on, recalled."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def observations_annex(observations: Sequence[Unaccepted], lang: str) -> list[dict[str, str]]:
    """Annex C: each observation of the government the panel did not accept, its text exactly as written."""
    rows = []
    for number, item in enumerate(observations, 1):
        o, answer = item.observation, item.answer
        kind, section = translate(KINDS[o.kind], lang), translate(o.section, lang)
        where = translate(REPORT_OBSERVATION_ON, lang, kind=kind, section=section, quote=quote(o.commented)) if o.commented else \
            translate(REPORT_OBSERVATION_WHERE, lang, kind=kind, section=section)
        decision = translate(REVIEW_DECISIONS[answer.decision.value], lang) if answer.decision else translate(REVIEW_NO_DECISION, lang)
        rows.append({"number": str(number), "where": where, "text": o.text,
                     "who": translate(REPORT_OBSERVATION_WHO, lang, author=o.author or translate(REVIEW_UNKNOWN_AUTHOR, lang),
                                      date=_date(o.date, lang)) if o.date else (o.author or translate(REVIEW_UNKNOWN_AUTHOR, lang)),
                     "response": translate(REPORT_OBSERVATION_RESPONSE, lang, decision=decision, response=answer.response)
                     if answer.response else decision})
    return rows
