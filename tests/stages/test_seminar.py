"""The annual seminar document: the year's published rounds, their common findings and cross-round charts."""
import datetime as dt
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pipeline.analysis.seminar import common_findings
from pipeline.documents.report import REPORT_LABELS
from pipeline.documents.seminar import SEMINAR_TEMPLATE, seminar_context
from pipeline.documents.template_check import check_template, known_contexts
from pipeline.domain.problems import UserError
from pipeline.i18n.messages.seminar import SEMINAR_LABELS, SEMINAR_NO_ROUNDS
from pipeline.i18n.translation import translate
from pipeline.stages.seminar import write_seminar, year_rounds
from tests.stages.test_register import COSTA_RICA, FORMULA, PERU, published_workspace

YEAR = dt.date.today().year  # the rounds were published today


@pytest.fixture(scope="module")
def seminar(tmp_path_factory):
    workspace = published_workspace(tmp_path_factory)
    made = write_seminar(workspace, YEAR)
    path, rounds = made.path, list(made.rounds)
    return {"workspace": workspace, "path": path, "rounds": rounds, "document": docx.Document(str(path))}


def label(key):
    return translate(SEMINAR_LABELS[key], "es")


def headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def texts(document):
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for row in t.rows for c in row.cells]


def test_the_seminar_covers_the_rounds_published_that_year(seminar):
    assert seminar["path"] == seminar["workspace"].outbox / f"seminario-{YEAR}.docx"
    assert seminar["rounds"] == [PERU, COSTA_RICA]
    first = headings(seminar["document"], 1)
    assert [label(k) for k in ("h_intro", "h_index", "h_rounds", "h_common", "h_charts")] == first
    assert headings(seminar["document"], 2)[:2] == ["3.1 Perú — Planificación (2026)", "3.2 Costa Rica — Calidad de los Servicios Públicos (2026)"]


def test_each_round_has_its_summary_findings_needs_challenges_and_recommendations_with_ids(seminar):
    document = seminar["document"]
    body = texts(document)
    assert f"Texto del panel (summary) sobre {PERU}." in body  # the panel's executive summary of the final report
    assert "El plan de largo plazo existe pero no orienta el presupuesto." in body  # an interview finding
    assert FORMULA in body and "Pasantía en un centro de planeamiento." in body  # needs, typed text kept as typed
    assert "Presupuestar por objetivos del plan." in body  # a challenge
    assert "Expert CHL (Chile)\nExpert MEX (México)" in body  # the panel
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows if row.cells[0].text.startswith("R-")]
    assert [(r[0], r[1]) for r in rows] == [("R-01", "Vincular el plan con el presupuesto."), ("R-02", "Publicar el seguimiento trimestral."),
                                            ("R-03", "Crear una red de planificadores."),
                                            ("R-01", "Medir la satisfacción de los usuarios cada año.")]
    assert [r[2] for r in rows] == ["Alta", "Baja", "Media", "Alta"]
    third = headings(document, 3)
    assert third.count(label("h_main_findings")) == 2 and third.count(label("h_recommendations")) == 2
    index = next(t for t in document.tables if t.rows[0].cells[0].text == label("round"))
    assert [r.cells[0].text for r in index.rows[1:]] == ["2026", "2026"]  # a round by its year, never our id
    ours = [t for t in body if not t.startswith("Texto del panel")]  # the panel's own words may name anything
    assert [t for t in ours if PERU in t or COSTA_RICA in t or "outbox/" in t or ".docx" in t] == []


def test_common_findings_are_grouped_by_topic_and_element(seminar):
    groups = common_findings(year_rounds(seminar["workspace"], YEAR))
    assert [(g.topic, [e.element for e in g.elements]) for g in groups] == [("planning", ["pl_e1", "pl_e2"]),
                                                                            ("service_quality", ["sq_e1"])]
    first = groups[0].elements[0]
    assert first.rounds == 1 and len(first.findings) == 2 and first.scores[0][1] is not None
    second = headings(seminar["document"], 2)
    assert "4.1 Planificación" in second and "4.2 Calidad de los Servicios Públicos" in second
    assert any(h.startswith("4.1.1 ") for h in headings(seminar["document"], 3))


def test_the_charts_are_pictures_with_alternative_text(seminar):
    with zipfile.ZipFile(seminar["path"]) as package:
        xml = etree.fromstring(package.read("word/document.xml"))
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    pictures = xml.findall(".//" + qn("wp:docPr"))
    assert len(pictures) == 4 and len(media) == 4  # a chart per topic, the scores and the priorities of the rounds
    described = [p.get("descr") for p in pictures]
    assert all(re.search(r"\d,\d|Alta 1", d or "") for d in described), described  # each says its numbers
    assert any("Perú — Planificación (2026): Alta 1, Media 1, Baja 1" in d for d in described)


def test_the_contents_field_lists_the_headings(seminar):
    document = seminar["document"]
    body = document.element.body
    field = [i.text for i in body.iter(qn("w:instrText")) if "TOC" in (i.text or "")]
    assert field == [' TOC \\o "1-2" \\h \\z \\u ']
    entries = [p.text for p in document.paragraphs if p.style.name.startswith("TOC")]
    assert entries[0] == label("h_intro") and "3.1 Perú — Planificación (2026)" in entries
    assert not any(e.startswith("4.1.1") for e in entries)


def test_a_year_without_published_round_is_said_in_one_sentence(seminar):
    with pytest.raises(UserError) as refused:
        write_seminar(seminar["workspace"], YEAR - 1)
    assert refused.value.message == SEMINAR_NO_ROUNDS
    assert str(YEAR) in refused.value.render("es") and str(YEAR - 1) in refused.value.render("es")


def test_the_template_checks_clean_against_the_context(seminar, tmp_path):
    assert [p.render("en") for p in check_template(SEMINAR_TEMPLATE, known_contexts().get("seminar.docx"))] == []
    rounds = year_rounds(seminar["workspace"], YEAR)
    context = seminar_context(seminar["workspace"].catalog, seminar["workspace"].root, YEAR, rounds, common_findings(rounds), "es", tmp_path)
    assert known_contexts()["seminar.docx"] == set(context)
    assert context["labels"]["contents"] == translate(REPORT_LABELS["contents"], "es")
