"""The consolidated workbook's Comparison sheet: the round against the country's earlier round on the topic — per
element the earlier and current scores and the change, the elements that no longer exist, how the questions map
between the two versions of the framework, and each earlier recommendation's status."""
from __future__ import annotations

import datetime as dt

from pipeline.analysis.comparison import Comparison, ElementChange, QuestionChange
from pipeline.analysis.consolidated_model import Column, Sheet, Table, View
from pipeline.domain.framework import pick
from pipeline.i18n.messages.comparison import (
    CMP_BASES,
    CMP_BASIS,
    CMP_CHANGE,
    CMP_CHANGES,
    CMP_CURRENT,
    CMP_EARLIER,
    CMP_EARLIER_NOTE,
    CMP_ELEMENT_BEFORE,
    CMP_ELEMENT_NOW,
    CMP_ELEMENTS_TITLE,
    CMP_HOW,
    CMP_ID,
    CMP_INSTITUTION,
    CMP_MAPPING,
    CMP_NO_LONGER,
    CMP_QUESTION_BEFORE,
    CMP_QUESTION_NOW,
    CMP_QUESTIONS_TITLE,
    CMP_RECOMMENDATION,
    CMP_RECOMMENDATIONS_TITLE,
    CMP_REMOVED_TITLE,
    CMP_REPORTED,
    CMP_SHEET,
    CMP_STATUS,
    CMP_TITLE,
)
from pipeline.i18n.messages.consolidation import CONS_ELEMENT
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES


def earlier_element(v: View, comparison: Comparison, name: str | None) -> str:
    """An element of the earlier framework by its name there."""
    fw = comparison.earlier_framework
    return pick(fw.elements.get(name or "", {}), v.lang, fw.default_language) or (name or "")


def basis(v: View, comparison: Comparison, row: ElementChange) -> str:
    return v.t(CMP_BASES[row.basis.value], elements=[earlier_element(v, comparison, e) for e in row.replaces])


def comparison_sheet(v: View) -> Sheet | None:
    """The Comparison sheet; None when the round has no earlier round to compare with."""
    c = v.data.comparison
    if c is None:
        return None
    earlier = c.earlier_round.id
    intro = (v.t(CMP_TITLE, round=earlier, framework=c.earlier_framework.display_name(v.lang)), v.t(CMP_HOW),
             *((v.t(CMP_EARLIER_NOTE, note=c.earlier_framework.note_in(v.lang)),) if c.earlier_framework.note else ()),
             *v.returns()[1:])  # which means include incomplete returns
    columns = (*v.columns((CMP_ID, "code"), (CONS_ELEMENT, "long")), Column(v.t(CMP_EARLIER, round=earlier), "score"),
               Column(v.mean_header(v.t(CMP_CURRENT, round=v.data.round.id)), "score"), *v.columns((CMP_CHANGE, "change"), (CMP_BASIS, "text")))
    _round = lambda x: None if x is None else round(x, 2)
    elements = Table("ElementsCompared", v.t(CMP_ELEMENTS_TITLE), columns, tuple(
        (v.fw.element_number(r.element) or r.element, v.element(r.element), _round(r.earlier), _round(r.current), _round(r.change),
         basis(v, c, r)) for r in c.elements))
    removed = Table("ElementsRemoved", v.t(CMP_REMOVED_TITLE), (columns[0], columns[1], columns[2], v.columns((CMP_STATUS, "short"))[0]),
                    tuple((c.earlier_framework.element_number(r.element) or r.element,
                           pick(r.label, v.lang, c.earlier_framework.default_language) or r.element, _round(r.earlier),
                           v.t(CMP_NO_LONGER)) for r in c.removed))
    changed = [q for q in c.questions if q.change is not QuestionChange.SAME]
    questions = Table("QuestionsMapped", v.t(CMP_QUESTIONS_TITLE, same=len(c.questions) - len(changed)), v.columns(
        (CMP_QUESTION_NOW, "short"), (CMP_QUESTION_BEFORE, "short"), (CMP_MAPPING, "short"), (CMP_ELEMENT_NOW, "name"),
        (CMP_ELEMENT_BEFORE, "name")), tuple(
        (v.fw.number(q.question) if q.question else None, c.earlier_framework.number(q.earlier) if q.earlier else None,
         v.t(CMP_CHANGES[q.change.value]), v.element(q.element) or None,
         earlier_element(v, c, q.earlier_element) or None) for q in changed))
    recommendations = Table("EarlierRecommendations", v.t(CMP_RECOMMENDATIONS_TITLE), v.columns(
        (CMP_ID, "code"), (CMP_RECOMMENDATION, "long"), (CMP_ELEMENT_NOW, "name"), (CMP_INSTITUTION, "code"), (CMP_STATUS, "short"),
        (CMP_REPORTED, "short")), tuple(
        (r.id, r.text, v.element(now) if now else f"{earlier_element(v, c, r.element)} ({v.t(CMP_NO_LONGER)})",
         _acronym(c, r.institution), v.t(FOLLOWUP_STATUSES[r.status.value]),
         dt.date.fromisoformat(r.reported) if r.reported else None) for r, now in c.recommendations))
    return Sheet(v.t(CMP_SHEET), intro, (elements, removed, questions, recommendations))


def _acronym(c: Comparison, institution: str) -> str:
    found = c.earlier_round.institution(institution)
    return found.acronym if found else institution

