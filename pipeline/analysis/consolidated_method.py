"""The consolidated workbook's Method sheet: how the scores are computed, in words, and the working of every score
— for each element and dimension, each institution's inputs, the rule applied and the result, then the round's
mean — as SIGMA lets readers open the working sheet behind each sub-indicator; then every question with its
weight and the evidence it asks for."""
from __future__ import annotations

from pipeline.analysis.consolidated_model import Sheet, Table, View
from pipeline.analysis.method_text import inputs_text, method_name, method_summary, plain, working_text
from pipeline.analysis.methods import Input, Score
from pipeline.i18n import messages as m
from pipeline.i18n.messages.consolidation import (
    CONS_DIMENSION,
    CONS_ELEMENT,
    CONS_EVIDENCE_ASKED,
    CONS_EVIDENCE_FROM,
    CONS_FRAMEWORK,
    CONS_ID,
    CONS_INSTITUTION,
    CONS_NO,
    CONS_QUESTION,
    CONS_ROUND_MEAN,
    CONS_SCORES,
    CONS_SHEET_METHOD,
    CONS_TYPE,
    CONS_TYPE_MATURITY,
    CONS_WEIGHT,
    CONS_YES,
)
from pipeline.i18n.messages.methods import (
    METHOD_CORRECTED_MARK,
    METHOD_INPUTS,
    METHOD_INTRO,
    METHOD_METHOD,
    METHOD_QUESTIONS_TITLE,
    METHOD_REQUIREMENT,
    METHOD_RESULT,
    METHOD_ROUND,
    METHOD_RULE,
    METHOD_SCOPE,
    METHOD_SCOPE_DIMENSION,
    METHOD_SCOPE_ELEMENT,
    METHOD_WORKING_TITLE,
    WORKING_ROUND,
)


def method_sheet(v: View) -> Sheet:
    """The Method sheet of the round's consolidated workbook."""
    fw = v.fw
    corrected = any(i.corrections for i in v.data.institutions)
    intro = (v.t(CONS_FRAMEWORK, title=v.label(fw.title, fw.id), framework=fw.id, version=fw.version),
             *(v.t(p) for p in METHOD_INTRO), *method_summary(fw, v.lang), *((v.t(METHOD_CORRECTED_MARK),) if corrected else ()),
             *v.returns())
    return Sheet(v.t(CONS_SHEET_METHOD), intro, (_working(v), _questions(v)))


def _answer(v: View):
    def shown(i: Input) -> str:
        q = v.fw.question(i.question)
        return v.choice(q, i.answer or "") if q else str(i.answer)
    return shown


def _working(v: View) -> Table:
    columns = v.columns((METHOD_SCOPE, "short"), (CONS_ID, "code"), (CONS_ELEMENT, "name"), (CONS_INSTITUTION, "code"),
                        (METHOD_METHOD, "short"), (METHOD_INPUTS, "long"), (METHOD_RULE, "long"), (METHOD_RESULT, "score"))
    received = [i for i in v.data.institutions if i.scores is not None]
    rows: list[tuple[object, ...]] = []
    scopes = [(v.t(METHOD_SCOPE_ELEMENT), e, v.element(e), lambda s, k: s.elements.get(k)) for e in v.data.elements]
    scopes += [(v.t(METHOD_SCOPE_DIMENSION), d.name, v.label(d.label, d.name), lambda s, k: s.dimensions.get(k))
               for d in v.fw.dimensions]
    for scope, key, name, pick in scopes:
        results: list[tuple[str, float]] = []
        for inst in received:
            score: Score | None = pick(inst.scores, key)
            if score is None or not score.total:
                continue
            corrected = set(inst.corrected)
            rows.append((scope, v.fw.element_number(key) or key, name, v.who(inst), method_name(score, v.lang),
                         inputs_text(score, v.lang, _answer(v), corrected, v.fw.number), working_text(score, v.lang, v.fw.number),
                         None if score.value is None else round(score.value, 2)))
            if score.value is not None:
                results.append((v.who(inst), score.value))
        if len(results) > 1:
            mean = sum(r for _, r in results) / len(results)
            rows.append((scope, v.fw.element_number(key) or key, name, v.mean_header(v.t(CONS_ROUND_MEAN)), v.t(METHOD_ROUND),
                         "; ".join(f"{who} = {plain(round(r, 2), v.lang)}" for who, r in results),
                         v.t(WORKING_ROUND, terms=" + ".join(plain(round(r, 2), v.lang) for _, r in results), count=len(results),
                             result=v.number(mean)), round(mean, 2)))
    return Table("Working", v.t(METHOD_WORKING_TITLE), columns, tuple(rows))


def _questions(v: View) -> Table:
    pairs = [(CONS_ID, "code"), (CONS_DIMENSION, "name"), (CONS_ELEMENT, "name"), (CONS_QUESTION, "long"), (CONS_TYPE, "short"),
             (CONS_SCORES, "level"), (CONS_WEIGHT, "level"), (CONS_EVIDENCE_ASKED, "short")]
    levels = v.fw.scoring.levels
    if levels:
        pairs.append((METHOD_REQUIREMENT, "level"))
    rows = []
    for q in v.questions:
        maturity = v.fw.is_maturity(q)
        evidence = v.t(CONS_EVIDENCE_FROM, level=q.evidence) if q.evidence.isdigit() else v.t(CONS_YES if q.evidence == "yes" else CONS_NO)
        row = (*v.about(q), v.t(CONS_TYPE_MATURITY if maturity else m.CONS_TYPES[q.type]),
               v.t(CONS_YES if maturity or q.name in levels else CONS_NO), q.weight, evidence)
        rows.append(row + ((levels.get(q.name),) if levels else ()))
    return Table("Questions", v.t(METHOD_QUESTIONS_TITLE), v.columns(*pairs), tuple(rows))

