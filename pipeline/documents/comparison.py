"""The report's comparison with the earlier round: a last subsection of the self-assessment results (section 3),
added to the rendered report before the interview findings — per element the earlier and current scores and the
change, the elements that no longer exist, and the earlier recommendations with the status the country last
reported. Written with python-docx after the template is rendered, in the template's own styles (Heading 2, the
MECIGEP Facts table style), so the template needs no part for it; it is data, rendered afresh in every draft, never
one of the panel's sections."""
from __future__ import annotations

from collections import Counter
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from pipeline.analysis.comparison import Comparison
from pipeline.analysis.report_content import ReportContent
from pipeline.documents.panel_text import visible_text
from pipeline.documents.references import round_year
from pipeline.domain.enums import FollowupStatus
from pipeline.domain.framework import pick
from pipeline.i18n.messages.comparison import (
    CMP_CHANGE,
    CMP_CURRENT,
    CMP_EARLIER,
    CMP_ID,
    CMP_NO_LONGER,
    CMP_RECOMMENDATION,
    CMP_RECOMMENDATIONS_TITLE,
    CMP_STATUS,
    REPORT_CMP_ELEMENT,
    REPORT_CMP_HEADING,
    REPORT_CMP_REMOVED,
    REPORT_CMP_STATUS_COUNTS,
    REPORT_CMP_TEXT,
)
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
from pipeline.i18n.translation import format_number, translate

TABLE_STYLE = "MECIGEPFacts"
WIDTH = 9638  # twips: the template's text width


def _number(value: float | None, lang: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = format_number(value, lang, 1)
    return f"+{text}" if signed and value > 0 else text


def _paragraph(document: Any, anchor: Any, text: str, style: str | None = None, after_table: bool = False) -> None:
    paragraph = document.add_paragraph(text, style=style)
    if after_table:
        paragraph.paragraph_format.space_before = Pt(10)
    anchor.addprevious(paragraph._p)


def _table(document: Any, anchor: Any, header: list[str], rows: list[list[str]], widths: list[int],
           centred: tuple[int, ...] = ()) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    tbl = table._tbl
    properties = tbl.tblPr
    style = OxmlElement("w:tblStyle")
    style.set(qn("w:val"), TABLE_STYLE)
    properties.insert(0, style)
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
    for key, value in (("firstRow", "1"), ("firstColumn", "0"), ("lastRow", "0"), ("lastColumn", "0"), ("noHBand", "1"),
                       ("noVBand", "1"), ("val", "0420")):
        look.set(qn(f"w:{key}"), value)
    properties.append(look)
    table.autofit = False  # a fixed layout, in the template's text width
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = OxmlElement("w:tblW")
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(widths)))
    properties.append(total)
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)
    for n, values in enumerate([header, *rows]):
        row = table.rows[n]
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader" if n == 0 else "w:cantSplit"))
        for c, (value, width) in enumerate(zip(values, widths)):
            cell = row.cells[c]
            cell.width = Twips(width)
            cell.text = value
            spacing = cell.paragraphs[0].paragraph_format  # as the template's tables: 2 points around, single lines
            spacing.space_before, spacing.space_after, spacing.line_spacing = Pt(2), Pt(2), 1.0
            if c in centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    anchor.addprevious(tbl)


def _find_heading(document: Any, text: str) -> Any:
    """The body element of the heading that reads ``text``; None when the document has none."""
    for paragraph in document.paragraphs:
        if visible_text(paragraph._p).strip() == text.strip() and paragraph.style.name.startswith("Heading"):
            return paragraph._p
    return None


def add_comparison(document: Any, content: ReportContent, before: str, lang: str) -> None:
    """Adds the comparison with the earlier round just before the heading ``before`` (section 4's); nothing when the
    round has no earlier round, or the heading is not there (a template without it)."""
    comparison: Comparison | None = content.data.comparison
    anchor = _find_heading(document, before) if comparison else None
    if comparison is None or anchor is None:
        return
    fw = content.data.framework
    earlier, now = round_year(comparison.earlier_round), round_year(content.data.round)  # readers know a review by its year

    def element(name: str | None) -> str:
        return pick(fw.elements.get(name or "", {}), lang, fw.default_language) or (name or "")

    def earlier_element(name: str) -> str:
        old = comparison.earlier_framework
        return pick(old.elements.get(name, {}), lang, old.default_language) or name

    t = lambda message, **p: translate(message, lang, **p)
    old = comparison.earlier_framework
    _paragraph(document, anchor, t(REPORT_CMP_HEADING, number=len(fw.dimensions) + 1, year=earlier), "Heading 2")
    _paragraph(document, anchor, t(REPORT_CMP_TEXT, year=earlier, framework=old.display_name(lang)))
    _table(document, anchor, [t(REPORT_CMP_ELEMENT), t(CMP_EARLIER, round=earlier), t(CMP_CURRENT, round=now),
                              t(CMP_CHANGE)],
           [[element(r.element), _number(r.earlier, lang), _number(r.current, lang), _number(r.change, lang, signed=True)]
            for r in comparison.elements], [4438, 1800, 1800, 1600], centred=(1, 2, 3))
    if comparison.removed:
        _paragraph(document, anchor, t(REPORT_CMP_REMOVED, elements=[
            f"{pick(r.label, lang, comparison.earlier_framework.default_language) or r.element} ({_number(r.earlier, lang)})"
            for r in comparison.removed]), after_table=True)
    if comparison.recommendations:
        _paragraph(document, anchor, t(CMP_RECOMMENDATIONS_TITLE), after_table=True)
        _table(document, anchor, [t(CMP_ID), t(CMP_RECOMMENDATION), t(REPORT_CMP_ELEMENT), t(CMP_STATUS)],
               [[r.id, r.text, element(now) if now else f"{earlier_element(r.element)} ({t(CMP_NO_LONGER)})",
                 t(FOLLOWUP_STATUSES[r.status.value])] for r, now in comparison.recommendations], [900, 4638, 2500, 1600])
        counts = Counter(r.status for r, _ in comparison.recommendations)
        _paragraph(document, anchor, t(REPORT_CMP_STATUS_COUNTS, count=len(comparison.recommendations), counts=[
            f"{t(FOLLOWUP_STATUSES[s.value])} {counts[s]}" for s in FollowupStatus if counts[s]]), after_table=True)
