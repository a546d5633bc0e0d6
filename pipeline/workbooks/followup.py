"""The follow-up workbook a country fills to say what became of each recommendation (after publication).

It is a questionnaire (``questionnaire.py`` writes it from the follow-up's framework, ``analysis/followup.py``)
whose first sheet is replaced by the instructions of what it really is; its identity says kind "followup".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from pipeline.domain.enums import DocumentType
from pipeline.domain.framework import Framework
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.cells import BOLD_FONT, LABEL_FONT, PLAIN_FONT, TITLE_FONT, WRAP
from pipeline.workbooks.fit import fit_rows
from pipeline.workbooks.questionnaire import Cover, Identity, Prefill, write_questionnaire
from pipeline.workbooks.sheets import put_value, save_atomically


@dataclass(frozen=True)
class FollowupIdentity(Identity):
    """A questionnaire identity that says it is a follow-up."""

    def as_dict(self) -> dict[str, str]:
        return {**super().as_dict(), "kind": DocumentType.FOLLOWUP.value}


@dataclass(frozen=True)
class FollowupCover:
    """What the follow-up's first sheet says, in its language: the topic, the country, whom to send it to and the
    final report it follows up."""

    topic: str
    country: str
    contact: str
    report: str


def write_followup(target: Path, framework: Framework, identity: FollowupIdentity, cover: FollowupCover,
                   prefill: Prefill | None = None) -> Path:
    """Writes the follow-up workbook (or its feedback copy, with ``prefill``) to ``target``; returns it."""
    lang = identity.language
    # the respondent sheet asks who answers: nothing prefilled there (the country is on the first sheet)
    write_questionnaire(target, framework, identity, Cover(cover.topic, cover.country, "", None, cover.contact), prefill)
    facts = [(translate(m.Q_ROUND, lang), identity.round_id), (translate(m.Q_COUNTRY, lang), cover.country),
             (translate(m.FOLLOWUP_REPORT, lang), cover.report), (translate(m.Q_CONTACT, lang), cover.contact)]
    paragraphs = [translate(m.FOLLOWUP_PURPOSE, lang, topic=cover.topic), translate(m.FOLLOWUP_HOW_TO_FILL, lang),
                  translate(m.FOLLOWUP_HOW_TO_RETURN, lang)]
    return rewrite_instructions(target, translate(m.FOLLOWUP_TITLE, lang, topic=cover.topic), facts, paragraphs,
                                translate(m.FOLLOWUP_LIST_TITLE, lang), [translate(t, lang) for t in m.FOLLOWUP_STATUS_MEANING.values()])


def rewrite_instructions(path: Path, title: str, facts: list[tuple[str, str]], paragraphs: list[str],
                         list_title: str, items: list[str]) -> Path:
    """Replaces the first sheet of the questionnaire workbook at ``path`` with ``title``, ``facts`` (label, value),
    ``paragraphs`` and a titled list of ``items``; the other sheets, names, lists and properties stay as they are."""
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))
    sheet.delete_rows(1, sheet.max_row)
    for row in list(sheet.row_dimensions):
        sheet.row_dimensions[row].height = None
    put_value(sheet["A1"], title)
    sheet["A1"].font = TITLE_FONT
    row = 3
    for label, value in facts:
        put_value(sheet.cell(row, 1), label)
        sheet.cell(row, 1).font = BOLD_FONT
        put_value(sheet.cell(row, 2), value)
        sheet.cell(row, 2).alignment = WRAP
        row += 1
    row += 1
    texts = [(text, None) for text in paragraphs] + [(None, None), (list_title, LABEL_FONT)]
    texts += [(item, None) for item in items]
    for text, font in texts:
        if text:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            put_value(sheet.cell(row, 1), text)
            sheet.cell(row, 1).alignment = WRAP
            sheet.cell(row, 1).font = font or PLAIN_FONT
        row += 1
    fit_rows(sheet)
    workbook.properties.title = title
    return save_atomically(workbook, path)
