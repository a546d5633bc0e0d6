"""What the panel still has to settle in a draft, and the workbook it answers it in."""
import datetime as dt
from pathlib import Path

import openpyxl
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.documents.review import ChangeKind, comments, review_lines, tracked_changes, unresolved
from pipeline.i18n.messages.report import PANEL_DOCUMENT_START
from pipeline.i18n.messages.review import REVIEW_CHANGE_UNRESOLVED, REVIEW_COMMENT_UNRESOLVED
from pipeline.workbooks.review import write_review_lines
from tests.support.word import comment, delete, draft, insert, reopen, resolve, write_panel_text

SECTIONS = [("summary", "Summary", 1), ("findings_a", "Findings on A", 2), ("conclusions", "Conclusions", 1)]


def reviewed_draft():
    document = draft(SECTIONS)
    summary, = write_panel_text(document, "summary", "Planning is annual.")
    insert(summary, " It is also multi-year.", author="Experto CHL", date="2026-04-02T10:30:00Z")
    findings, = write_panel_text(document, "findings_a", "The office reports")
    delete(findings, " every week", author="Experto MEX", date="2026-04-03T09:00:00Z")
    comment(document, findings.runs[0], "Which office?", author="Coordinación")
    done = comment(document, summary.runs[0], "Agreed.", author="Experto MEX")
    resolve(document, done)
    document.paragraphs[0].runs[0]._r.append(parse_xml(  # the title reformatted, before any heading
        f'<w:rPr {nsdecls("w")}><w:b/><w:rPrChange w:id="77" w:author="Coordinación"><w:rPr/></w:rPrChange></w:rPr>'))
    return reopen(document)


def test_tracked_changes_and_comments_are_read_with_where_they_are():
    document = reviewed_draft()
    assert [(c.kind, c.author, c.text, c.section) for c in tracked_changes(document)] == [
        (ChangeKind.FORMATTING, "Coordinación", "Preliminary report", PANEL_DOCUMENT_START),
        (ChangeKind.INSERTION, "Experto CHL", " It is also multi-year.", "Summary"),
        (ChangeKind.DELETION, "Experto MEX", " every week", "Findings on A")]
    assert tracked_changes(document)[1].date == dt.datetime(2026, 4, 2, 10, 30, tzinfo=dt.timezone.utc)
    notes = comments(document)
    assert [(n.author, n.text, n.commented, n.section, n.resolved) for n in notes] == [
        ("Coordinación", "Which office?", "The office reports", "Findings on A", False),
        ("Experto MEX", "Agreed.", "Planning is annual.", "Summary", True)]


def test_unresolved_lists_every_tracked_change_and_comment_with_where_it_is():
    problems = unresolved(reviewed_draft())
    assert [p.message for p in problems] == [REVIEW_CHANGE_UNRESOLVED] * 3 + [REVIEW_COMMENT_UNRESOLVED]
    assert [(p.params["section"], p.params["quote"]) for p in problems] == [
        (PANEL_DOCUMENT_START, "Preliminary report"), ("Summary", "It is also multi-year."),
        ("Findings on A", "every week"), ("Findings on A", "The office reports")]
    assert problems[1].render("en") == 'Insertion by Experto CHL under "Summary" is still a tracked change: "It is also multi-year."'
    assert problems[0].render("en").startswith('Formatting change by Coordinación under "beginning of the document"')
    assert problems[3].render("en") == 'Comment by Coordinación under "Findings on A" on "The office reports" is not resolved: "Which office?"'
    assert unresolved(reopen(draft(SECTIONS))) == []


def test_a_new_paragraph_is_one_insertion_not_two():
    document = draft(SECTIONS)
    paragraph, = write_panel_text(document, "summary", "")
    insert(paragraph, "A whole new paragraph.")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:ins w:id="5" w:author="Experto CHL" w:date="2026-04-02T10:30:00Z"/></w:rPr>'))
    assert [(c.kind, c.text) for c in tracked_changes(document)] == [(ChangeKind.INSERTION, "A whole new paragraph.")]
    paragraph._p.remove(paragraph._p.find("{*}ins"))  # an empty paragraph inserted on its own
    assert [(c.kind, c.text) for c in tracked_changes(document)] == [(ChangeKind.INSERTION, "¶")]


def test_the_review_workbook_lists_changes_and_comments(tmp_path: Path):
    document = reviewed_draft()
    summary = next(p for p in document.paragraphs if p.text.startswith("Planning"))
    insert(summary, "=HYPERLINK(\"http://x\")")  # people's text stays text
    target = write_review_lines(tmp_path / "out" / "review.xlsx", review_lines(tracked_changes(document), comments(document), "es"), "es")

    assert target.exists() and not list(target.parent.glob(".*"))
    wb = openpyxl.load_workbook(target)
    sheet = wb["Review"] if "Review" in wb.sheetnames else wb.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(rows[0]) == 8 and rows[0][0]
    body = rows[1:]
    assert [r[0] for r in body] == [1, 2, 3, 4, 5, 6]
    assert [r[2] for r in body] == ["Coordinación", "Experto CHL", "Experto CHL", "Experto MEX", "Experto MEX", "Coordinación"]
    assert [r[4] for r in body][1:] == ["Summary"] * 3 + ["Findings on A"] * 2
    whats = [r[5] for r in body]
    assert " It is also multi-year." in whats and '=HYPERLINK("http://x")' in whats
    assert any("Which office?" in w and "The office reports" in w for w in whats)
    assert all(sheet.cell(row, col).data_type == "s" for row in range(2, 8) for col in range(2, 7) if sheet.cell(row, col).value)
    assert body[0][3] is None and body[1][3] == "2 abr 2026 10:30"  # Spanish dates; the title's change has none
    assert all(r[6] is None and r[7] is None for r in body)
    assert sheet.freeze_panes == "A2"
    assert sheet.protection.sheet
    assert not sheet["G2"].protection.locked and not sheet["H7"].protection.locked and sheet["F2"].protection.locked
    assert sheet["G2"].alignment.wrap_text
    assert sheet["A1"].font.bold
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "H2" in validation.sqref and "H7" in validation.sqref
    lists = wb[validation.formula1.split("!")[0].strip("'")]
    assert lists.sheet_state == "hidden" and len([c for c in lists["A"] if c.value]) == 3
    assert sheet.page_setup.fitToWidth == 1
