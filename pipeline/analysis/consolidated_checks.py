"""The consolidated workbook's Gaps sheet: every gap of the self-assessment and every quality check that fires,
each with its rule's figures, the name by which staff mark it explained, and their note when they have."""
from __future__ import annotations

import datetime as dt

from pipeline.analysis.check_text import detail, kind_label, rules
from pipeline.analysis.checks import Gap, GapKind
from pipeline.analysis.consolidated_model import Sheet, Table, View
from pipeline.i18n.messages.checks import CHECK_COLUMN, CHECK_EXPLAINED, CHECK_EXPLAINED_COLUMN, CHECK_RULES_TITLE
from pipeline.i18n.messages.consolidation import (
    CONS_DETAIL,
    CONS_ELEMENT,
    CONS_ID,
    CONS_INSTITUTION,
    CONS_KIND,
    CONS_QUESTION,
    CONS_SHEET_GAPS,
)
from pipeline.i18n.translation import format_date


def gaps_sheet(v: View) -> Sheet:
    """The Gaps sheet: the rules, then a row per gap or check (those explained and the institutions that sent
    nothing in grey)."""
    columns = v.columns((CONS_KIND, "short"), (CONS_INSTITUTION, "code"), (CONS_ELEMENT, "name"), (CONS_ID, "code"),
                        (CONS_QUESTION, "long"), (CONS_DETAIL, "long"), (CHECK_COLUMN, "short"), (CHECK_EXPLAINED_COLUMN, "text"))
    rows = tuple(_row(v, g) for g in v.data.gaps)
    muted = frozenset(n for n, g in enumerate(v.data.gaps) if g.kind is GapKind.NOT_RECEIVED or g.key in v.data.marks)
    return Sheet(v.t(CONS_SHEET_GAPS), (*v.returns()[:1], v.t(CHECK_RULES_TITLE), *rules(v.lang)), (Table("Gaps", "", columns, rows, muted),))


def explained(v: View, gap: Gap) -> str | None:
    """Staff's note on the check, with who and when; None when it was not marked explained."""
    mark = v.data.marks.get(gap.key)
    if mark is None:
        return None
    return v.t(CHECK_EXPLAINED, note=mark.note, by=mark.by, date=format_date(dt.date.fromisoformat(mark.at[:10]), v.lang))


def _row(v: View, gap: Gap) -> tuple[object, ...]:
    question = v.fw.question(gap.question) if gap.question else None
    return (kind_label(gap, v.lang), v.acronym(gap.institution) if gap.institution else None, v.element(gap.element) or None,
            v.fw.number(gap.question) if gap.question else None, v.label(question.label, question.name) if question else None,
            detail(gap, v.lang, v.acronym),
            gap.key, explained(v, gap))
