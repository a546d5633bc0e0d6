"""Two people edit copies of the same draft version at once in LibreOffice Writer and send them back in either order:
every word each wrote is in the next draft exactly once, conflicts are marked and block approval, receipts say what
happened; ``report compare`` shows who changed what; the review matrix comes back from Calc and the government's
unaccepted observation is annexed verbatim to the final report."""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path
from unittest import mock

import docx
import openpyxl
import pytest
from lxml import etree

from pipeline.documents.panel_text import EDITS_SECTION, panel_sections, visible_text
from pipeline.domain.catalog import Catalog
from pipeline.domain.models import Stage
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import reviews
from pipeline.ledger.workspace import Workspace
from pipeline.stages import publication
from pipeline.stages.report import approve, write_draft
from pipeline.stages.report_compare import compare
from pipeline.stages.report_review import write_review
from tests.support import libreoffice
from tests.support.drafting import ROUND, drafting_copy, first_draft
from tests.support.stages import advance
from tests.support.word import save_with_libreoffice

pytestmark = pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with Python-UNO is not installed")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ANA, ROSA = "Ana Souza", "Rosa Quispe"
ANA_SUMMARY = "El panel constata un sistema de planeamiento con rectoría clara."
ANA_TRACKED = " Se recomienda un seguimiento trimestral."
ANA_COMMENT = "¿Citamos la ley de creación?"
ANA_CONCLUSIONS = "El panel concluye que la articulación plan–presupuesto es la prioridad."
ROSA_CONCLUSIONS = "El gobierno entiende que la prioridad es la capacitación regional."
SAME = "Ambas copias dicen lo mismo sobre el marco institucional."
ROSA_FINDING = "La visión de largo plazo está aprobada por ley"
FOOTNOTE = "Ley 28522, artículo 3."
TABLE_EDIT = " (dato a verificar)"
RESULTS = "3.1 Marco institucional y capacidades"
PLACEHOLDER = "⟦Texto del panel: "


def replace(start: str, text: str) -> dict:
    return {"op": "replace_paragraph_containing", "text": PLACEHOLDER + start, "new_text": text, "style": "Standard"}


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """A workspace with draft version 1, and two copies of it edited in Writer: the panel's and the government's."""
    root = tmp_path_factory.mktemp("parallel")
    base = drafting_copy(tmp_path_factory, "base")
    v1 = first_draft(base)
    ana = libreoffice.edit(v1, root / "copia de Ana.docx", [
        replace("el resumen", ANA_SUMMARY), replace("las conclusiones", ANA_CONCLUSIONS),
        replace("los hallazgos del panel sobre “Marco", SAME),
        {"op": "track_changes", "on": True},
        {"op": "insert_text_at_end_of_paragraph_containing", "text": ANA_SUMMARY, "insert": ANA_TRACKED},
        {"op": "track_changes", "on": False},
        {"op": "add_comment", "on_text": "rectoría clara", "comment": ANA_COMMENT, "author": ANA}], author=ANA)
    rosa = libreoffice.edit(v1, root / "copia del gobierno.docx", [
        replace("las conclusiones", ROSA_CONCLUSIONS), replace("los hallazgos del panel sobre “Marco", SAME),
        replace("los hallazgos del panel sobre “Visión", ROSA_FINDING),
        {"op": "add_footnote", "after_text": ROSA_FINDING, "text": FOOTNOTE},
        {"op": "insert_text_at_end_of_paragraph_containing", "text": "Promedio de las 2 instituciones con puntaje",
         "insert": TABLE_EDIT}], author=ROSA)
    return {"root": root, "base": base.root, "ana": ana, "rosa": rosa}


def returned(copies, order: tuple[str, ...], name: str) -> tuple[Workspace, list]:
    """A fresh copy of the base workspace with the copies dropped into its inbox one after the other."""
    root = copies["root"] / name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(copies["base"], root)
    workspace, outcomes = Workspace.open(root), []
    for who in order:
        shutil.copyfile(copies[who], workspace.inbox / copies[who].name)
        outcomes += run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    return workspace, outcomes


def receipt_text(workspace: Workspace, outcome) -> str:
    document = docx.Document(str(workspace.root / outcome.answer))
    return "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])


def body_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(visible_text(p) for p in document.element.body.iter(f"{{{W}}}p"))


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


@pytest.mark.parametrize("order", [("ana", "rosa"), ("rosa", "ana")], ids=["panel-first", "government-first"])
def test_two_copies_of_one_version_lose_no_word_in_either_order(copies, order):
    workspace, outcomes = returned(copies, order, "-".join(order))
    first, second = outcomes
    assert [(o.result, o.params["based_on"], o.params["version"]) for o in outcomes] == [("draft", 1, 2), ("draft", 1, 3)]
    assert first.params["conflicts"] == 0 and (second.params["same"], second.params["conflicts"]) == (1, 1)
    rosa = first if order[0] == "rosa" else second
    assert rosa.params["outside"] == 1

    sections = panel_sections(docx.Document(str(workspace.outbox / ROUND / f"{ROUND}-borrador-v3.docx")))
    said = receipt_text(workspace, second)
    assert translate(m.MERGE_SECTION_CONFLICT, "es", section=sections["conclusions"].heading, version=3) in said
    assert translate(m.MERGE_SECTION_SAME, "es", section=sections["findings_pl_d1"].heading, version=3) in said
    where = translate(m.MERGE_WHERE_ROW, "es", row=4, section=RESULTS)
    assert translate(m.MERGE_OUTSIDE, "es", where=where, version=rosa.params["version"]) in receipt_text(workspace, rosa)
    ana = first if order[0] == "ana" else second
    assert translate(m.MERGE_SECTION_TAKEN, "es", section=sections["summary"].heading, version=ana.params["version"]) \
        in receipt_text(workspace, ana)

    ours, theirs = (ANA, ROSA) if order[0] == "ana" else (ROSA, ANA)
    conclusions = [t for t in sections["conclusions"].text.split("\n") if t]
    assert [conclusions[0].startswith("⟪"), ours in conclusions[0], theirs in conclusions[2], conclusions[4].startswith("⟪")] == [True] * 4
    assert set(conclusions[1::2]) == {ANA_CONCLUSIONS, ROSA_CONCLUSIONS} and conclusions[1] == (ANA_CONCLUSIONS if ours == ANA else ROSA_CONCLUSIONS)

    advance(workspace, ROUND, Stage.COUNTRY_REVIEW)
    with pytest.raises(UserError) as refused:
        approve(workspace, ROUND, "Ministra", dt.date.today())
    kinds = {p.message for p in refused.value.problems}
    assert {m.MERGE_CONFLICT_LEFT, m.MERGE_EDIT_LEFT, m.REVIEW_CHANGE_UNRESOLVED, m.REVIEW_COMMENT_UNRESOLVED} <= kinds

    regenerated = write_draft(workspace, ROUND)  # data rendered afresh, every panel section and edit carried
    text = body_text(regenerated.path)
    for words in (ANA_SUMMARY, ANA_TRACKED, ANA_CONCLUSIONS, ROSA_CONCLUSIONS, SAME, ROSA_FINDING, TABLE_EDIT):
        assert text.count(words) == 1, words
    notes = part(regenerated.path, "word/footnotes.xml")
    bodies = ["".join(t.text for t in n.iter(f"{{{W}}}t")).strip() for n in notes if n.get(f"{{{W}}}type") is None]
    assert bodies == [FOOTNOTE] and len(list(part(regenerated.path, "word/document.xml").iter(f"{{{W}}}footnoteReference"))) == 1
    comments = ["".join(t.text for t in c.iter(f"{{{W}}}t")) for c in part(regenerated.path, "word/comments.xml")]
    assert comments == [ANA_COMMENT]
    insertions = [(i.get(f"{{{W}}}author"), "".join(t.text for t in i.iter(f"{{{W}}}t")))
                  for i in part(regenerated.path, "word/document.xml").iter(f"{{{W}}}ins")]
    assert (ANA, ANA_TRACKED) in insertions and (ROSA, TABLE_EDIT) in insertions
    assert list(panel_sections(docx.Document(str(regenerated.path))))[-1] == EDITS_SECTION


def test_compare_shows_each_change_as_libreoffice_reads_it_signed_by_who_made_it(copies, tmp_path):
    workspace, _ = returned(copies, ("ana", "rosa"), "compare")
    made = compare(workspace, ROUND, 1, 3)
    assert made.path.name == f"{ROUND}-cambios-v1-v3.docx" and made.changed == 5  # four sections and the edits to place
    opened = save_with_libreoffice(made.path, tmp_path)  # what Writer makes of it, saved back
    body = part(opened, "word/document.xml")

    def signed(tag: str, words: str) -> set[str]:
        """Who signed the insertions (deletions) holding ``words``."""
        return {change.get(f"{{{W}}}author") for change in body.iter(f"{{{W}}}{tag}")
                if words in "".join(t.text or "" for t in change.iter(f"{{{W}}}t", f"{{{W}}}delText"))}

    assert signed("ins", ANA_SUMMARY) == signed("ins", ANA_CONCLUSIONS) == {ANA}
    assert signed("ins", ROSA_CONCLUSIONS) == signed("ins", ROSA_FINDING) == {ROSA}
    placeholder = PLACEHOLDER[1:]  # Writer keeps "⟦" in a change of its own
    assert signed("del", placeholder + "el resumen") == {ANA} and signed("del", placeholder + "los hallazgos del panel sobre “Visión") == {ROSA}
    title = translate(m.COMPARE_TITLE, "es", old=1, new=3)
    assert title in body_text(opened)


def test_the_government_answers_in_the_matrix_and_its_unaccepted_observation_is_annexed_verbatim(copies, tmp_path):
    workspace, _ = returned(copies, ("ana", "rosa"), "approval")
    matrix = write_review(workspace, ROUND, "es").path
    sheet = openpyxl.load_workbook(matrix).worksheets[0]
    row = next(r for r in range(8, sheet.max_row + 1) if sheet.cell(r, 7).value == TABLE_EDIT)
    assert [sheet.cell(r, c).value for r, c in ((row, 3), (row, 4))] == [translate(m.REVIEW_SIDE_COUNTRY, "es"), ROSA]
    rejected, response = translate(m.REVIEW_DECISIONS["rejected"], "es"), "El puntaje viene del cuestionario del MEF."
    answered = libreoffice.edit(matrix, tmp_path / "matriz respondida.xlsx", [
        {"op": "set_cell", "sheet": sheet.title, "cell": f"H{row}", "value": rejected},
        {"op": "set_cell", "sheet": sheet.title, "cell": f"I{row}", "value": response}])
    shutil.copyfile(answered, workspace.inbox / answered.name)
    [taken] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    assert taken.result == "accepted" and taken.message == m.REVIEW_ACCEPTED_OUTCOME
    key = sheet.cell(row, 11).value
    assert reviews.answers(workspace.ledger, ROUND)[key].response == response

    current = write_draft(workspace, ROUND).path  # the panel settles everything in Writer and sends it back
    settled = libreoffice.edit(current, tmp_path / "borrador acordado.docx", [
        *({"op": "delete_paragraph_containing", "text": start} for start in ("⟪Conf", "⟪La copia de", "⟪Fin del conflicto", "⟪Rosa")),
        {"op": "delete_paragraph_containing", "text": ROSA_CONCLUSIONS}, {"op": "delete_paragraph_containing", "text": "(dato a verificar)"},
        *({"op": "replace_paragraph_containing", "text": PLACEHOLDER, "new_text": f"Sin otros hallazgos ({n}).", "style": "Standard"}
          for n in range(4)),
        {"op": "accept_all_changes"}, {"op": "delete_all_comments"}], author=ANA)
    shutil.copyfile(settled, workspace.inbox / settled.name)
    [back] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    assert back.params["version"] == 5
    if workspace.ledger.get_round(ROUND).stage is Stage.DRAFTING:
        advance(workspace, ROUND, Stage.COUNTRY_REVIEW)
    approve(workspace, ROUND, "Ministra de Economía", dt.date.today())
    advance(workspace, ROUND, Stage.APPROVED)
    with mock.patch.object(publication, "_pdf", lambda source: (None, m.REPORT_NO_LIBREOFFICE)):
        final = publication.write_final(workspace, ROUND).docx
    document = docx.Document(str(final))
    heading = translate(m.REPORT_OBSERVATIONS_HEADING, "es", country=Catalog().state("PER"))
    assert heading in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    [annex] = [t for t in document.tables if any(TABLE_EDIT.strip() in c.text for r in t.rows for c in r.cells)]
    [row] = [r for r in annex.rows[1:]]
    assert row.cells[2].text == TABLE_EDIT and response in row.cells[3].text and rejected in row.cells[3].text
    assert ANA_COMMENT not in "\n".join(c.text for r in annex.rows for c in r.cells)  # the panel's own are no observations
