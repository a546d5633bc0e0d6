"""Step 4: the consolidated view of a round's self-assessment, read by the panel before the interviews.

The consolidated workbook (``outbox/<round>/consolidado.xlsx``, named and written in the round's language) holds every answer (as
typed and as understood, DGPE's corrections marked), the answers side by side, the scores, the method that gives
them with the working of each (``consolidated_method.py``), the gaps and quality checks
(``consolidated_checks.py``), the comparison with the earlier round (``consolidated_comparison.py``) and charts.
These modules decide what it says — rows, values and labels; ``workbooks/consolidated.py`` alone knows the
workbook's layout. What officials typed is passed on untouched, as text.
"""
from __future__ import annotations

from typing import Callable

from pipeline.analysis.consolidated_checks import gaps_sheet
from pipeline.analysis.consolidated_comparison import comparison_sheet
from pipeline.analysis.consolidated_method import method_sheet
from pipeline.analysis.consolidated_model import Chart, Column, Consolidated, Sheet, Table, View
from pipeline.analysis.returns import return_status
from pipeline.analysis.round_data import RoundData
from pipeline.analysis.scoring import InstitutionScores, Score
from pipeline.i18n import messages as m
from pipeline.i18n.messages.consolidation import (
    CONS_ANSWER,
    CONS_AXIS_SCORE,
    CONS_BY_DIMENSION,
    CONS_BY_ELEMENT,
    CONS_BY_INSTITUTION,
    CONS_CHART_DIMENSIONS,
    CONS_CHART_ELEMENTS,
    CONS_CORRECTION,
    CONS_DIMENSION,
    CONS_ELEMENT,
    CONS_EVIDENCE,
    CONS_ID,
    CONS_INSTITUTION,
    CONS_LEVEL,
    CONS_MATURITY,
    CONS_NAME,
    CONS_OVERALL,
    CONS_PERCENT,
    CONS_QUESTION,
    CONS_RAW,
    CONS_ROUND_MEAN,
    CONS_SCORE,
    CONS_SCORED,
    CONS_SHEET_CHARTS,
    CONS_SHEET_LONG,
    CONS_SHEET_SCORES,
    CONS_SHEET_WIDE,
    CONS_STATUS,
    CONS_TITLE,
)

__all__ = ["Chart", "Column", "Consolidated", "Sheet", "Table", "build"]


def build(data: RoundData, lang: str) -> Consolidated:
    """What the consolidated workbook says, in ``lang``."""
    v = _View(data, lang)
    scored = len(data.scored)  # one column pair per institution with scores, then the round's mean
    charts = (
        Chart(v.t(CONS_CHART_DIMENSIONS), v.t(CONS_AXIS_SCORE), v.t(CONS_DIMENSION), "ScoresByDimension", 1,
              tuple(2 + 2 * i for i in range(scored))),
        Chart(v.t(CONS_CHART_ELEMENTS), v.t(CONS_AXIS_SCORE), v.t(CONS_ELEMENT), "ScoresByElement", 1,
              tuple(2 + 2 * i for i in range(scored + 1)), horizontal=True, mean=2 + 2 * scored),
    )
    comparison = comparison_sheet(v)
    returns = v.returns()
    return Consolidated(
        title=v.t(CONS_TITLE, round=data.round.id), subject=f"{data.framework.id} {data.framework.version}",
        sheets=(
            Sheet(v.t(CONS_SHEET_LONG), returns, (v.long(),)),
            Sheet(v.t(CONS_SHEET_WIDE), returns, (v.wide(),)),
            Sheet(v.t(CONS_SHEET_SCORES), returns, (v.overall(), v.by_dimension(), v.by_element())),
            method_sheet(v),
            gaps_sheet(v),
            *((comparison,) if comparison else ()),
        ),
        charts_title=v.t(CONS_SHEET_CHARTS), charts=charts)


def _rounded(score: Score | None) -> tuple[float | None, float | None]:
    if score is None or score.value is None:
        return None, None
    return round(score.value, 2), round(score.value / 4, 4)


class _View(View):
    """The answers and scores sheets (the other sheets have modules of their own)."""

    def long(self) -> Table:
        """Every answer of every institution that sent its questionnaire, as understood and, where it differs, as typed."""
        columns = self.columns((CONS_INSTITUTION, "code"), (CONS_DIMENSION, "name"), (CONS_ELEMENT, "name"), (CONS_ID, "code"),
                               (CONS_QUESTION, "long"), (CONS_RAW, "text"), (CONS_ANSWER, "text"), (CONS_LEVEL, "level"),
                               (CONS_EVIDENCE, "text"), (CONS_STATUS, "short"), (CONS_CORRECTION, "text"))
        rows: list[tuple[object, ...]] = []
        marked: dict[tuple[int, int], str] = {}
        formats: dict[tuple[int, int], str] = {}
        for inst in self.data.received:
            answers, levels = inst.answers, inst.scores.levels if inst.scores else {}
            for q in self.questions:
                corrected = self.correction(inst, q)
                if corrected:
                    marked[(len(rows), 6)] = corrected
                if unit := self.unit_format(q):
                    formats[(len(rows), 5)] = formats[(len(rows), 6)] = unit
                q_id, dimension, element, text = self.about(q)
                rows.append((self.who(inst), dimension, element, q_id, text, self.raw(q, answers.get(q.name)),
                             self.answer(q, answers.value(q.name)), levels.get(q.name),
                             answers.get(q.name).evidence if answers.get(q.name) else None, self.status(inst, q), corrected))
            for repeat in self.fw.repeats:  # each row of a table, its questions numbered by row: "plan_year #2"
                for index, row in enumerate(answers.rows(repeat.name), start=1):
                    for q, record in ((q, row[q.name]) for q in repeat.questions if q.name in row):
                        q_id, dimension, element, text = self.about(q)
                        rows.append((self.who(inst), dimension, element, f"{q_id} ({index})", text, self.raw(q, record),
                                     self.answer(q, record.value), None, None, self.t(m.CONS_STATUSES[record.status.value]), None))
        return Table("Answers", "", columns, tuple(rows), marked=marked, formats=formats)

    def wide(self) -> Table:
        """The answers side by side, a column per institution that sent its questionnaire."""
        sent = self.data.received
        columns = self.columns((CONS_ID, "code"), (CONS_DIMENSION, "name"), (CONS_QUESTION, "long")) + tuple(
            Column(self.who(i), "text") for i in sent)
        marked = {(n, 3 + k): text for n, q in enumerate(self.questions) for k, i in enumerate(sent)
                  if (text := self.correction(i, q))}
        formats = {(n, 3 + k): unit for n, q in enumerate(self.questions) if (unit := self.unit_format(q)) for k in range(len(sent))}
        rows = tuple((self.fw.number(q) or q.name, self.label(self.dimension_of[q.name].label), self.label(q.label, q.name),
                      *(self.answer(q, i.answers.value(q.name)) for i in sent)) for q in self.questions)
        return Table("AnswersByQuestion", "", columns, rows, marked=marked, formats=formats)

    def overall(self) -> Table:
        columns = self.columns((CONS_INSTITUTION, "code"), (CONS_NAME, "long"), (CONS_SCORE, "score"), ("%", "percent"),
                               (CONS_SCORED, "level"), (CONS_MATURITY, "level"), (CONS_STATUS, "short"))
        rows = []
        for inst in self.data.institutions:
            score = inst.scores.overall if inst.scores else None
            rows.append((self.who(inst), inst.institution.name, *_rounded(score), score.scored if score else None,
                         score.total if score else None, return_status(inst, self.lang)))
        muted = frozenset(n for n, i in enumerate(self.data.institutions) if i.response is None)
        return Table("OverallScores", self.t(CONS_BY_INSTITUTION), columns, tuple(rows), muted)

    def matrix(self, name: str, title: str, header: str, keys: list[tuple[str, str]],
               score: Callable[[InstitutionScores, str], Score | None], mean: Callable[[str], Score | None] | None = None) -> Table:
        """Rows ``keys`` (id, label) × a score and a percent column per institution with scores (and for the round's
        mean)."""
        heads = [self.who(i) for i in self.data.scored] + ([self.mean_header(self.t(CONS_ROUND_MEAN))] if mean else [])
        columns = [Column(self.t(CONS_ID), "code"), Column(header, "long")]
        columns += [c for h in heads for c in (Column(h, "score"), Column(self.t(CONS_PERCENT, name=h), "percent"))]
        rows = []
        for key, label in keys:
            cells: list[object] = [self.fw.element_number(key), label]  # a dimension or an element by its number
            for inst in self.data.scored:
                cells += _rounded(score(inst.scores, key) if inst.scores else None)
            rows.append(tuple(cells + (list(_rounded(mean(key))) if mean else [])))
        return Table(name, title, tuple(columns), tuple(rows))

    def by_dimension(self) -> Table:
        keys = [(d.name, self.label(d.label, d.name)) for d in self.fw.dimensions]
        return self.matrix("ScoresByDimension", self.t(CONS_BY_DIMENSION), self.t(CONS_DIMENSION), keys, lambda s, k: s.dimensions.get(k))

    def by_element(self) -> Table:
        overall = [i.scores.overall.value for i in self.data.scored if i.scores and i.scores.overall.value is not None]
        round_overall = Score(sum(overall) / len(overall) if overall else None, len(overall), len(self.data.scored))
        keys = [("", self.t(CONS_OVERALL))] + [(e, self.element(e)) for e in self.data.elements]
        return self.matrix("ScoresByElement", self.t(CONS_BY_ELEMENT), self.t(CONS_ELEMENT), keys,
                           lambda s, k: s.elements.get(k) if k else s.overall, lambda k: self.data.elements.get(k) if k else round_overall)
