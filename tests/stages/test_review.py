"""What the panel still has to settle in a draft, and the comment-and-response matrix the country's observations are
answered in (the right of reply): its shape, its round trip through the inbox, the annex of the final report."""
import datetime as dt
import re
import shutil
from pathlib import Path
from unittest import mock

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.demo.edits import resolve_everything
from pipeline.documents.panel_text import panel_sections
from pipeline.documents.report_labels import REPORT_LABELS
from pipeline.documents.review import ChangeKind, comments, tracked_changes, unresolved
from pipeline.domain.catalog import Catalog
from pipeline.domain.enums import ReviewDecision
from pipeline.domain.models import Stage
from pipeline.i18n import messages as m
from pipeline.i18n.messages.report import PANEL_DOCUMENT_START
from pipeline.i18n.messages.review import REVIEW_CHANGE_UNRESOLVED, REVIEW_COMMENT_UNRESOLVED
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import reviews
from pipeline.stages import publication
from pipeline.stages.report import approve
from pipeline.stages.report_review import write_review
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.response import read_identity
from pipeline.workbooks.review import HEADER_NAME, KEY_COLUMN
from tests.support.drafting import COUNTRY, PANEL, ROUND, drafting_copy, first_draft
from tests.support.stages import advance
from tests.support.word import comment, delete, draft, insert, reopen, resolve, saved_by, write_panel_text

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


COMMENT = "Esta afirmación no refleja la ley vigente: =SUM(A1) {{ x }}"
DISCUSSED = "¿Puede citarse la fuente?"
INSERTED = " y el MEF lo coordina"
DELETED = " sin excepción"


@pytest.fixture
def reviewed(tmp_path_factory):
    """A round whose draft the government's reviewer annotated (two comments, an insertion, a deletion) and the panel
    answered with its own comment, both copies of version 1 merged, and its review matrix written."""
    workspace = drafting_copy(tmp_path_factory)
    copy = docx.Document(str(first_draft(workspace)))
    summary, = write_panel_text(copy, "summary", "El plan nacional orienta a los sectores")
    insert(summary, INSERTED, author=COUNTRY)
    delete(summary, DELETED, author=COUNTRY)
    comment(copy, summary.runs[0], COMMENT, author=COUNTRY)
    conclusions, = write_panel_text(copy, "conclusions", "Se necesita más capacidad regional.")
    comment(copy, conclusions.runs[0], DISCUSSED, author=COUNTRY)
    comment(copy, conclusions.runs[0], "Nota interna del panel.", author=PANEL[0])
    for section in [s for s in panel_sections(copy).values() if s.is_placeholder]:
        write_panel_text(copy, section.id, f"Texto del panel ({section.id}).")
    saved_by(copy, COUNTRY).save(str(workspace.inbox / "revision del gobierno.docx"))
    assert [o.result for o in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")] == ["draft"]
    return workspace, write_review(workspace, ROUND, "es", today=dt.date(2027, 4, 2))


def rows_of(path):
    wb = openpyxl.load_workbook(path)
    sheet = wb.worksheets[0]
    first = named_cells(wb, HEADER_NAME)[0].row
    return wb, sheet, first, {sheet.cell(r, 7).value: r for r in range(first + 1, sheet.max_row + 1)}


def test_the_matrix_has_a_title_block_one_row_per_observation_and_highlighted_validated_input_cells(reviewed):
    workspace, made = reviewed
    assert made.path.name == f"{ROUND}-revision-v2.xlsx" and (made.version, made.changes, made.comments, made.rows) == (2, 2, 3, 5)
    wb, sheet, header, rows = rows_of(made.path)
    assert sheet.title == translate(m.REVIEW_SHEET, "es")
    assert [sheet.cell(r, 1).value for r in (1, 2, 3)] == [
        translate(m.REVIEW_TITLE, "es"), translate(m.REVIEW_COVER, "es", round=ROUND, country="Perú", topic="Planificación"),
        translate(m.REVIEW_VERSION, "es", version=2, file=f"{ROUND}-borrador-v2.docx", date=dt.date(2027, 4, 2))]
    assert sheet.cell(4, 1).value == translate(m.REVIEW_INSTRUCTIONS, "es")
    assert [sheet.cell(header, c).value for c in range(1, 11)] == [translate(h, "es") for h in (
        m.REVIEW_HEADER_NUMBER, m.REVIEW_HEADER_KIND, m.REVIEW_HEADER_FROM, m.REVIEW_HEADER_WHO, m.REVIEW_HEADER_WHEN,
        m.REVIEW_HEADER_WHERE, m.REVIEW_HEADER_WHAT, m.REVIEW_HEADER_DECISION, m.REVIEW_HEADER_ANSWER, m.REVIEW_HEADER_WITHDRAWN)]
    assert set(rows) == {INSERTED, DELETED, COMMENT, DISCUSSED, "Nota interna del panel."}  # verbatim, typed text as text
    assert sheet.cell(rows[COMMENT], 7).data_type == "s"
    government, panel = translate(m.REVIEW_SIDE_COUNTRY, "es"), translate(m.REVIEW_SIDE_PANEL, "es")
    assert [sheet.cell(rows[t], 3).value for t in (INSERTED, COMMENT, "Nota interna del panel.")] == [government, government, panel]
    assert sheet.cell(rows[COMMENT], 6).value == translate(m.REVIEW_WHERE_ON, "es", section="Resumen ejecutivo", quote="El plan nacional orienta a los sectores")
    assert sheet.column_dimensions["K"].hidden and all(len(sheet.cell(r, KEY_COLUMN).value) == 16 for r in rows.values())
    for row in rows.values():
        for col in (8, 9, 10):
            cell = sheet.cell(row, col)
            assert not cell.protection.locked and cell.fill.fgColor.rgb.endswith("FFF9E5")
        assert sheet.cell(row, 7).protection.locked
    assert sheet.protection.sheet and sheet.freeze_panes == f"A{header + 1}"
    decide, withdraw = sheet.data_validations.dataValidation
    lists = wb[decide.formula1.split("!")[0].strip("'")]
    assert [c.value for c in lists["A"]] == [translate(m.REVIEW_DECISIONS[d.value], "es") for d in ReviewDecision]
    assert lists["B1"].value == translate(m.Q_YES, "es") and f"J{rows[COMMENT]}" in str(withdraw.sqref)
    identity = read_identity(made.path)
    assert (identity["kind"], identity["round_id"], identity["draft_version"]) == ("review_matrix", ROUND, "2")


def answer(path, target, answers):
    """Types the panel's and the government's answers into the matrix, by the observation's text."""
    wb, sheet, _, rows = rows_of(path)
    for text, values in answers.items():
        for col, value in zip((8, 9, 10), values):
            sheet.cell(rows[text], col).value = value
    wb.save(target)
    return target


def test_the_matrix_comes_back_through_the_inbox_and_the_annex_holds_what_was_not_accepted(reviewed, tmp_path):
    workspace, made = reviewed
    say = lambda d: translate(m.REVIEW_DECISIONS[d], "es")  # noqa: E731
    answer(made.path, workspace.inbox / "matriz.xlsx", {
        COMMENT: (say("rejected"), "La ley 28522 sigue vigente.", None),
        INSERTED: (say("accepted").upper(), None, None),
        DELETED: (None, None, translate(m.Q_YES, "es")),
        DISCUSSED: ("quizás", "Lo vemos en la reunión.", None)})
    [outcome] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    assert (outcome.result, outcome.message) == ("incomplete", m.REVIEW_INCOMPLETE_OUTCOME)
    feedback = workspace.root / outcome.answer
    assert re.fullmatch(r"observaciones-revision-[0-9a-f]{12}\.xlsx", feedback.name)  # named by its kind's word, one suffix
    _, sheet, _, rows = rows_of(feedback)
    bad = sheet.cell(rows[DISCUSSED], 8)
    assert bad.value == "quizás" and bad.comment.text.startswith(translate(
        m.REVIEW_BAD_DECISION, "es", value="quizás", choices=tuple(say(d.value) for d in ReviewDecision)))
    recorded = reviews.answers(workspace.ledger, ROUND)  # the right rows are recorded anyway
    keys = {o.text: o.key for o in reviews.observations(workspace.ledger, ROUND)}
    assert recorded[keys[COMMENT]].decision is ReviewDecision.REJECTED and recorded[keys[INSERTED]].decision is ReviewDecision.ACCEPTED
    assert recorded[keys[DELETED]].withdrawn and keys[DISCUSSED] not in recorded

    shutil.copyfile(answer(feedback, tmp_path / "m.xlsx", {DISCUSSED: (say("discussed"), "Lo vemos en la reunión.", None)}),
                    workspace.inbox / "matriz corregida.xlsx")
    [outcome] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    assert outcome.result == "accepted" and outcome.params["answered"] == 3
    assert re.fullmatch(r"acuse-revision-[0-9a-f]{12}\.docx", Path(outcome.answer).name)
    assert reviews.answers(workspace.ledger, ROUND)[keys[DISCUSSED]].decision is ReviewDecision.DISCUSSED

    current = workspace.outbox / ROUND / f"{ROUND}-borrador-v2.docx"
    settled = resolve_everything(current, tmp_path / "acordado.docx")
    shutil.copyfile(settled, workspace.inbox / settled.name)
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    if workspace.ledger.get_round(ROUND).stage is Stage.DRAFTING:
        advance(workspace, ROUND, Stage.COUNTRY_REVIEW)
    approve(workspace, ROUND, "Ministra", dt.date.today())
    advance(workspace, ROUND, Stage.APPROVED)
    with mock.patch.object(publication, "_pdf", lambda source: (None, m.REPORT_NO_LIBREOFFICE)):
        final = docx.Document(str(publication.write_final(workspace, ROUND).docx))
    heading = translate(m.REPORT_OBSERVATIONS_HEADING, "es", country=Catalog().state("PER"))
    assert heading.endswith("del gobierno del Perú")  # the country with its article, joined to "de" as Spanish writes it
    assert heading in [p.text for p in final.paragraphs if p.style.name == "Heading 1"]
    [annex] = [t for t in final.tables if len(t.columns) == 4 and t.rows[0].cells[2].text == translate(REPORT_LABELS["observation"], "es")]
    body = [[c.text for c in r.cells] for r in annex.rows[1:]]
    assert [r[2] for r in body] == [COMMENT, DISCUSSED]  # verbatim; not the accepted, the withdrawn or the panel's own
    assert body[0][3] == f"{say('rejected')}: La ley 28522 sigue vigente." and body[1][3] == f"{say('discussed')}: Lo vemos en la reunión."
    assert COUNTRY in body[0][1] and "Resumen ejecutivo" in body[0][1]


def test_a_matrix_of_a_round_this_workspace_does_not_have_is_set_aside(reviewed):
    workspace, made = reviewed
    wb = openpyxl.load_workbook(made.path)
    meta = wb["_mecigep"]
    for row in meta.iter_rows():
        if row[0].value == "round_id":
            row[1].value = "2099-XXX-none"
    for prop in wb.custom_doc_props.props:
        if prop.name == "mecigep_round_id":
            prop.value = "2099-XXX-none"
    wb.save(workspace.inbox / "matriz ajena.xlsx")
    [outcome] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    assert outcome.result == "quarantined"
    assert outcome.params["reason"] == translate(m.REVIEW_FOREIGN, "es", round="2099-XXX-none")
    assert reviews.answers(workspace.ledger, ROUND) == {}
