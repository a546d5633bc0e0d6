"""The report of a round: the preliminary report the panel edits (draft version N) and the final report.

A round with three institutions (CEPLAN sent nothing) and the notes of two experts; the draft is read back
with python-docx the way the panel's tools read it (headings, bookmarks, placeholders, properties).
"""
import datetime as dt
import zipfile

import docx
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pipeline.demo.answers import complete_answers
from pipeline.documents.panel_text import panel_sections, visible_text
from pipeline.documents.render import template_variables
from pipeline.documents.report import REPORT_LABELS, REPORT_TEMPLATE, report_context
from pipeline.documents.report import render_report as render
from pipeline.domain.framework import pick
from pipeline.domain.models import Calendar, Institution
from pipeline.domain.notes import ROW_COLUMNS, NoteRow
from pipeline.i18n.messages.report import REPORT_CONFIDENTIAL_MARK, REPORT_DRAFT_MARK, REPORT_FINAL, REPORT_PRELIMINARY
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import notes as stored_notes
from pipeline.ledger import recommendations as stored_recommendations
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.questionnaire import emit
from pipeline.stages.report import content_of
from pipeline.stages.round_data import load
from pipeline.stages.rounds import open_round
from tests.conftest import a_round
from tests.support.filling import fill
from tests.support.office import libreoffice_convert, soffice

ROUND = "2026-PER-planning"
HOSTILE = "A & B <c> \"quoted\" 'single' {{ x }} {% if %}\nsecond line\tafter a tab 🙂 \u200fشكرا\x07 end"
LONG = ("Hallazgo extenso sobre la vinculación del plan con el presupuesto. " * 700)[:40_000]
CHL, MEX = "chl@example.org", "mex@example.org"


def render_report(workspace, round_id, version, target, **options):
    """The round's report as the pipeline renders it, from the round as it stands (new recommendations numbered)."""
    return render(workspace.catalog, content_of(workspace, round_id), version, target, **options)


def label(key, lang="es"):
    return translate(REPORT_LABELS[key], lang)


def note(expert, institution, element, **fields):
    row = {c: "" for c in ROW_COLUMNS}
    row.update(round=ROUND, expert=expert, expert_name=f"Expert {expert[:3].upper()}", notes_id=f"{ROUND}.notes.{expert[:3]}.1",
               institution=institution, element=element, received="2026-06-15T10:00:00+00:00", **fields)
    return row


def store_notes(workspace, expert, rows, sha):
    """Stores an expert's accepted notes file as ``answer_notes`` does: the expert's earlier rows are superseded."""
    with workspace.ledger.transaction():
        stored_notes.store_rows(workspace.ledger, [NoteRow(**{**row, "sha256": sha}) for row in rows])


CHL_ROWS = [
    note(CHL, "mef", "pl_e1", finding=HOSTILE, assessment="partly", need="Pasantía en un centro de planeamiento.",
         recommendation="Institucionalizar la consulta pública del plan.", priority="high", questions="pl_06, pl_08"),
    note(CHL, "pcm", "pl_e4", finding="El presupuesto no se vincula con el plan.", assessment="not_confirmed",
         challenge="Vincular el presupuesto multianual con el plan.", recommendation="Crear un clasificador presupuestal por objetivos.",
         priority="medium", questions="pl_16, pl_17"),
]
MEX_ROWS = [
    note(MEX, "pcm", "pl_e4", finding=LONG, assessment="confirmed", recommendation="Publicar el seguimiento trimestral.", priority="low"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """MEF and PCM answered, CEPLAN sent nothing; two experts' notes; a draft (version 1) and a final report rendered."""
    root = tmp_path_factory.mktemp("report")
    workspace = Workspace.init(root / "ws")
    open_round(workspace, a_round(
        institutions=(Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="m@example.pe"),
                      Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="p@example.pe"),
                      Institution(id="ceplan", name="Centro Nacional de Planeamiento Estratégico", acronym="CEPLAN")),
        calendar=Calendar(requested=dt.date(2026, 3, 1), questionnaire_deadline=dt.date(2026, 5, 1),
                          visit_start=dt.date(2026, 6, 8), visit_end=dt.date(2026, 6, 12))))
    mef, pcm, _ = emit(workspace, ROUND)
    framework = available(workspace)["planning"].framework
    fill(mef, complete_answers(framework), workspace.inbox / "mef.xlsx")
    fill(pcm, {**complete_answers(framework), "e_pl_08": "Informe anual & <anexo>"}, workspace.inbox / "pcm.xlsx")
    assert {o.institution for o in run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")} == {"mef", "pcm"}
    store_notes(workspace, CHL, CHL_ROWS, "a" * 64)
    store_notes(workspace, MEX, MEX_ROWS, "b" * 64)
    draft = render_report(workspace, ROUND, 1, root / "out" / "draft-1.docx")
    final = render_report(workspace, ROUND, 1, root / "out" / "final.docx", final=True,
                          approval={"approved_by": "Ministra de Economía", "date": dt.date(2026, 9, 30), "reference": "Oficio 123-2026"})
    return {"workspace": workspace, "framework": framework, "draft": draft, "final": final, "root": root}


def paragraphs(path):
    return docx.Document(str(path)).paragraphs


def headings(path, level):
    return [p.text for p in paragraphs(path) if p.style.name == f"Heading {level}"]


def all_texts(path):
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def custom_properties(path):
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    return {p.get("name"): p[0].text for p in root}


def header_xml(path):
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("word/header"))


def test_every_section_has_a_real_heading(report):
    framework, draft = report["framework"], report["draft"]
    first = headings(draft, 1)
    for key in ("summary", "h_scope", "h_method", "h_results", "h_findings", "h_needs", "h_challenges", "h_recommendations",
                "h_conclusions", "h_annex_answers", "h_annex_notes"):
        assert label(key) in first, key
    assert label("h_approval") not in first
    second = headings(draft, 2)
    for key in ("h_steps", "h_panel", "h_institutions", "h_dates"):
        assert label(key) in second
    for number, dimension in enumerate(framework.dimensions, 1):
        assert f"3.{number} {pick(dimension.label, 'es')}" in second
    assert f"4.1 {pick(framework.elements['pl_e1'], 'es')}" in second and f"4.2 {pick(framework.elements['pl_e4'], 'es')}" in second
    assert [h for h in second if h.startswith("A.")] == ["A.1 Ministerio de Economía y Finanzas (MEF)",
                                                       "A.2 Presidencia del Consejo de Ministros (PCM)",
                                                       "A.3 Centro Nacional de Planeamiento Estratégico (CEPLAN)"]


def test_a_score_table_per_dimension_whose_header_row_repeats_on_every_page(report):
    document = docx.Document(str(report["draft"]))
    header = [label("institution"), label("score"), label("scored")]
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == header]
    assert len(tables) == len(report["framework"].dimensions)
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    names = [row.cells[0].text for row in tables[0].rows[1:]]
    assert names[:3] == ["Ministerio de Economía y Finanzas (MEF)", "Presidencia del Consejo de Ministros (PCM)",
                         "Centro Nacional de Planeamiento Estratégico (CEPLAN)"]
    assert tables[0].rows[3].cells[1].text == "—"  # CEPLAN sent nothing


def test_charts_are_embedded_with_alt_text(report):
    body = docx.Document(str(report["draft"])).element.body
    pictures = body.findall(".//" + qn("wp:docPr"))
    assert len(pictures) == 1 + len(report["framework"].dimensions)  # the overview and one per dimension
    assert all(p.get("descr") and p.get("title") for p in pictures)
    assert any("MEF" in p.get("descr") and "CEPLAN" in p.get("descr") for p in pictures)


def test_custom_properties_say_what_the_document_is_and_what_it_was_built_from(report):
    props = custom_properties(report["draft"])
    assert (props["mecigep_kind"], props["mecigep_round_id"], props["mecigep_draft_version"]) == ("report_draft", ROUND, "1")
    sources = props["mecigep_sources"].split(",")
    assert set(sources) == set(load(report["workspace"], ROUND).sources) | {"a" * 64, "b" * 64}
    core = docx.Document(str(report["draft"])).core_properties
    assert core.title.startswith("MECIGEP") and core.subject == translate(REPORT_PRELIMINARY, "es", version=1)
    assert custom_properties(report["final"])["mecigep_kind"] == "report_final"


def test_panel_sections_are_bookmarked_headings_followed_by_a_placeholder(report):
    framework, document = report["framework"], docx.Document(str(report["draft"]))
    sections = panel_sections(document)
    assert list(sections) == ["summary", *[f"findings_{d.name}" for d in framework.dimensions], "conclusions"]
    for section in sections.values():
        assert section.level in (1, 3) and section.is_placeholder
        [placeholder] = [p for p in section.body if p.tag == qn("w:p")]
        style = placeholder.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
        assert document.styles.get_by_id(style, 1).name == "MECIGEP Placeholder"
        text = visible_text(placeholder)
        assert text.startswith("⟦") and text.endswith("⟧") and text.count("⟦") == 1
    # the summary comes right after the table of contents (the field, then its entries, the last one ending the field)
    body = list(document.element.body)
    toc = next(i for i, el in enumerate(body) if any("TOC" in (t.text or "") for t in el.iter(qn("w:instrText"))))
    summary = body.index(sections["summary"].heading_element)
    entries = [docx.text.paragraph.Paragraph(p, document._body) for p in body[toc + 1:summary]]
    assert entries and {p.style.name for p in entries} <= {"TOC 1", "TOC 2", "TOC 3"}
    assert [p.text for p in entries][:2] == [label("summary"), label("h_scope")]
    assert body[summary - 1].find(f".//{qn('w:fldChar')}").get(qn("w:fldCharType")) == "end"
    ids = [b.get(qn("w:id")) for b in document.element.body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))


def test_word_refreshes_the_table_of_contents_on_opening(report):
    document = docx.Document(str(report["draft"]))
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    instructions = [t.text for t in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip() == 'TOC \\o "1-3" \\h \\z \\u' for i in instructions)
    footer = "".join(t.text for s in document.sections for t in s.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in footer
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_draft_is_marked_on_every_page_and_the_final_report_is_not(report):
    mark, confidential = translate(REPORT_DRAFT_MARK, "es"), translate(REPORT_CONFIDENTIAL_MARK, "es")
    draft, final = header_xml(report["draft"]), header_xml(report["final"])
    assert confidential == "Borrador — confidencial"
    assert draft.count(f">{confidential}<") == 2 and draft.count(f'string="{mark}"') == 2  # cover and other pages: text and watermark
    assert confidential not in final and "PowerPlusWaterMarkObject" not in final and ROUND in final
    final_texts = all_texts(report["final"])
    assert translate(REPORT_FINAL, "es") in final_texts and translate(REPORT_PRELIMINARY, "es", version=1) not in final_texts
    assert label("draft_notice") not in final_texts and label("draft_notice") in all_texts(report["draft"])
    assert label("h_approval") in headings(report["final"], 1)
    assert "Ministra de Economía" in final_texts and "30 de septiembre de 2026" in final_texts and "Oficio 123-2026" in final_texts


def recommendations(path):
    document = docx.Document(str(path))
    [table] = [t for t in document.tables if t.rows[0].cells[1].text == label("recommendation")]
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


def test_recommendations_keep_their_ids_when_notes_change(report):
    workspace, root = report["workspace"], report["root"]
    first = recommendations(report["draft"])
    assert first == {"R-01": "Institucionalizar la consulta pública del plan.",
                     "R-02": "Crear un clasificador presupuestal por objetivos.", "R-03": "Publicar el seguimiento trimestral."}
    again = render_report(workspace, ROUND, 2, root / "out" / "draft-2.docx")
    assert recommendations(again) == first
    # CHL sends new notes: one more row (on an element that comes first in the report) and a reworded recommendation
    rows = [dict(CHL_ROWS[0], recommendation="Institucionalizar y publicar la consulta pública del plan."), CHL_ROWS[1],
            note(CHL, "ceplan", "pl_e1", finding="CEPLAN no participó.", recommendation="Integrar a CEPLAN en la revisión.",
                 priority="high")]
    store_notes(workspace, CHL, rows, "c" * 64)
    third = recommendations(render_report(workspace, ROUND, 3, root / "out" / "draft-3.docx"))
    assert third == {"R-01": "Institucionalizar y publicar la consulta pública del plan.",
                     "R-02": "Crear un clasificador presupuestal por objetivos.", "R-03": "Publicar el seguimiento trimestral.",
                     "R-04": "Integrar a CEPLAN en la revisión."}
    stored = sorted(stored_recommendations.texts(workspace.ledger, ROUND).items())
    assert stored[0] == ("R-01", "Institucionalizar y publicar la consulta pública del plan.") and len(stored) == 4
    store_notes(workspace, CHL, CHL_ROWS, "a" * 64 + "x")  # back to the first notes: the ids stay as they were
    assert recommendations(render_report(workspace, ROUND, 4, root / "out" / "draft-4.docx")) == first


def test_peoples_text_comes_out_exactly_as_typed(report):
    texts = all_texts(report["draft"])
    assert HOSTILE.replace("\x07", "") in texts
    assert LONG in texts
    assert "Informe anual & <anexo>" in texts  # evidence in annex A
    found = "\n".join(texts)
    assert "{{ x }}" in found and "{% if %}" in found


def test_annexes_trace_findings_to_answers_and_notes(report):
    framework, texts = report["framework"], all_texts(report["draft"])
    for question in framework.questions:
        if question.answerable:
            assert framework.number(question) in texts  # annex A names each question by its number
    assert translate("The institution has not sent its questionnaire.", "es") in texts
    for trace in ("CHL/MEF/pl_e1", "CHL/PCM/pl_e4", "MEX/PCM/pl_e4"):
        assert trace in texts
    assert "pl_06, pl_08" in texts and f"{ROUND}.notes.chl.1" in "\n".join(texts)


def test_the_template_asks_only_for_what_the_context_gives(report, tmp_path):
    content = content_of(report["workspace"], ROUND)
    context = report_context(report["workspace"].catalog, content, 1, "en", tmp_path)
    assert template_variables(REPORT_TEMPLATE) <= set(context)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_and_converts_the_draft(report, tmp_path):
    for path in (report["draft"], report["final"]):
        pdf = libreoffice_convert(path, tmp_path, "pdf")
        assert pdf.exists() and pdf.stat().st_size > 20_000


def test_a_round_with_nothing_back_yet_renders_without_charts_or_notes(workspace, tmp_path):
    open_round(workspace, a_round())
    path = render_report(workspace, ROUND, 1, tmp_path / "empty.docx", lang="en")
    texts = all_texts(path)
    assert docx.Document(str(path)).element.body.findall(".//" + qn("wp:docPr")) == []
    for key in ("no_findings", "no_needs", "no_challenges", "no_recommendations"):
        assert label(key, "en") in texts
    assert translate(REPORT_PRELIMINARY, "en", version=1) in texts and "Not received" in texts
    assert not custom_properties(path)["mecigep_sources"]  # nothing received: no sources
