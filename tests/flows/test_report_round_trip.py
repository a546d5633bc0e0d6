"""The panel edits the draft in LibreOffice Writer; the pipeline keeps their text through review,
approval and the final report."""
import datetime as dt
import shutil

import docx
import openpyxl
import pytest

from pipeline.demo.build import build
from pipeline.documents.panel_text import panel_sections
from pipeline.documents.properties import read_custom_properties
from pipeline.domain.models import Stage
from pipeline.domain.problems import UserError
from pipeline.i18n.messages.report import PANEL_PLACEHOLDER_LEFT
from pipeline.i18n.messages.review import REVIEW_CHANGE_UNRESOLVED, REVIEW_COMMENT_UNRESOLVED
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger.drafts import current
from pipeline.ledger.workspace import Workspace
from pipeline.stages.publication import write_final
from pipeline.stages.report import approve, write_draft
from pipeline.stages.report_review import write_review
from tests.support import libreoffice
from tests.support.stages import advance

ROUND = "2026-PER-planning"
PANEL_TEXT = "El panel constató que {{ la planificación }} & el presupuesto <aún> no dialogan."
pytestmark = pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with Python-UNO is not installed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    list(build(root, publish=False))
    return Workspace.open(root)


def drop(workspace, path, name):
    shutil.copyfile(path, workspace.inbox / name)
    return run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")


def fill_every_placeholder(count):
    return [{"op": "replace_paragraph_containing", "text": "⟦", "new_text": f"{PANEL_TEXT} ({n})"} for n in range(count)]


def test_the_panels_draft_goes_through_review_approval_and_publication(demo, tmp_path):
    workspace = demo
    first = current(workspace, ROUND)
    placeholders = sum(1 for s in panel_sections(docx.Document(str(workspace.root / first.file))).values() if s.is_placeholder)
    assert placeholders >= 3

    # An expert writes in every panel section, then the country adds a tracked change and a comment.
    edited = libreoffice.edit(workspace.outbox / ROUND / f"{ROUND}-borrador-v1.docx", tmp_path / "v1-edited.docx",
                              fill_every_placeholder(placeholders) + [
                                  {"op": "track_changes", "on": True},
                                  {"op": "insert_text_at_end_of_paragraph_containing", "text": f"{PANEL_TEXT} (0)",
                                   "insert": " Se sugiere un cronograma."},
                                  {"op": "track_changes", "on": False},
                                  {"op": "add_comment", "on_text": f"{PANEL_TEXT} (1)", "comment": "¿Con qué evidencia?",
                                   "author": "Rosa Quispe"},
                              ], author="Ana Souza")
    [returned] = drop(workspace, edited, "borrador revisado por el panel.docx")
    assert (returned.result, returned.params["version"]) == ("draft", 2)

    # Approval is refused while the tracked change and the comment are unresolved, naming each.
    advance(workspace, ROUND, Stage.COUNTRY_REVIEW)
    with pytest.raises(UserError) as refused:
        approve(workspace, ROUND, "Ministra de Economía", dt.date.today())
    kinds = [p.message for p in refused.value.problems]
    assert REVIEW_CHANGE_UNRESOLVED in kinds and REVIEW_COMMENT_UNRESOLVED in kinds
    assert PANEL_PLACEHOLDER_LEFT not in kinds
    made = write_review(workspace, ROUND, "es")
    review, changes, comments, version = made.path, made.changes, made.comments, made.version
    assert (changes, comments, version) >= (1, 1, 2)
    listed = " ".join(str(c.value) for row in openpyxl.load_workbook(review).active.iter_rows() for c in row if c.value)
    assert "Se sugiere un cronograma." in listed and "Rosa Quispe" in listed

    # A late questionnaire arrives; the regenerated draft keeps the panel's words and their tracked change.
    grc = next((workspace.outbox / ROUND).glob(f"{ROUND}-grc-es-1.xlsx"))
    [late] = drop(workspace, grc, "GRC tarde.xlsx")
    assert late.institution == "grc"
    regenerated = write_draft(workspace, ROUND)
    assert regenerated.version == 3 and len(regenerated.kept) == placeholders
    text = "\n".join(s.text for s in panel_sections(docx.Document(str(regenerated.path))).values())
    assert f"{PANEL_TEXT} (0) Se sugiere un cronograma." in text

    # The panel resolves everything in Writer; the draft is approved and the final report published.
    resolved = libreoffice.edit(regenerated.path, tmp_path / "v3-resolved.docx",
                                [{"op": "accept_all_changes"}, {"op": "delete_all_comments"}])
    drop(workspace, resolved, "borrador final.docx")
    approved = approve(workspace, ROUND, "Ministra de Economía", dt.date.today())
    assert approved.version == 4
    advance(workspace, ROUND, Stage.APPROVED)
    final = write_final(workspace, ROUND)
    assert final.pdf is not None and final.pdf.read_bytes().startswith(b"%PDF")
    document = docx.Document(str(final.docx))
    body = "\n".join([p.text for p in document.paragraphs] +
                     [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert f"{PANEL_TEXT} (0) Se sugiere un cronograma." in body and "Ministra de Economía" in body
    properties = read_custom_properties(final.docx)
    assert properties["kind"] == "report_final" and len(properties["sources"].split(",")) >= 4
    advance(workspace, ROUND, Stage.PUBLISHED)
    assert workspace.ledger.get_round(ROUND).stage is Stage.PUBLISHED
