"""The interview guides: one Word document per institution, with its answers, gaps, chart and the framework's prompts."""
import datetime as dt
import hashlib

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.demo.answers import complete_answers
from pipeline.documents.guide import GUIDE_TEMPLATE, guide_context
from pipeline.documents.render import render, template_variables
from pipeline.domain.framework import pick
from pipeline.domain.models import Calendar, Institution
from pipeline.i18n.messages.guide import GUIDE_GAP_LOW, GUIDE_GAP_NO_EVIDENCE, GUIDE_GAP_NOT_RECEIVED, GUIDE_NOT_RECEIVED
from pipeline.i18n.translation import format_number, translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import write_interview_guides
from pipeline.stages.questionnaire import emit
from pipeline.stages.round_data import load
from pipeline.stages.rounds import open_round
from tests.conftest import a_round
from tests.support.filling import fill

ROUND = "2026-PER-planning"
HOSTILE = '<b>&"x"</b> {{ 7*7 }}'


def label(framework, question, code, lang="es"):
    return next(pick(c.label, lang) for c in framework.options(framework.question(question)) if c.name == code)


@pytest.fixture(scope="module")
def guides(tmp_path_factory):
    """MEF and PCM answered (PCM with low scores and a level without evidence), CEPLAN sent nothing."""
    workspace = Workspace.init(tmp_path_factory.mktemp("guides") / "ws")
    open_round(workspace, a_round(
        institutions=(Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="m@example.pe"),
                      Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="p@example.pe"),
                      Institution(id="ceplan", name="Centro Nacional de Planeamiento Estratégico", acronym="CEPLAN")),
        calendar=Calendar(requested=dt.date(2026, 3, 1), questionnaire_deadline=dt.date(2026, 5, 1),
                          visit_start=dt.date(2026, 6, 8), visit_end=dt.date(2026, 6, 12))))
    mef, pcm, _ = emit(workspace, ROUND)
    framework = available(workspace)["planning"].framework
    fill(mef, {**complete_answers(framework), "e_pl_08": HOSTILE}, workspace.inbox / "mef.xlsx")
    low = {f"q_{q}": label(framework, q, "0") for q in ("pl_01", "pl_08", "pl_09")}
    pcm_answers = {**complete_answers(framework), **low, "q_pl_11": label(framework, "pl_11", "4")}
    pcm_answers.pop("e_pl_11")
    fill(pcm, pcm_answers, workspace.inbox / "pcm.xlsx")
    assert {o.institution for o in run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")} == {"mef", "pcm"}
    paths = write_interview_guides(workspace, ROUND)
    return {"workspace": workspace, "framework": framework, "paths": {p.stem.removeprefix("guia-"): p for p in paths}}


def texts(path):
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def headings(path, level):
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == f"Heading {level}"]


def pictures(path):
    body = docx.Document(str(path)).element.body
    return body.findall(".//" + qn("wp:docPr"))


def test_one_guide_per_institution_including_the_one_that_sent_nothing(guides):
    workspace, paths = guides["workspace"], guides["paths"]
    assert sorted(paths) == ["ceplan", "mef", "pcm"]
    folder = workspace.outbox / ROUND / "guias"
    assert sorted(p.name for p in folder.iterdir()) == ["guia-ceplan.docx", "guia-mef.docx", "guia-pcm.docx"]
    [event] = [e for e in workspace.ledger.events(ROUND) if e.kind == "interviews.guides"]
    recorded = {d["name"]: d["sha256"] for d in event.documents}
    assert recorded == {f"guias/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.values()}
    assert event.payload["missing"] == ["ceplan"]
    assert workspace.ledger.verify().broken_at is None


def test_headings_are_real_heading_styles(guides):
    framework, path = guides["framework"], guides["paths"]["mef"]
    first = headings(path, 1)
    for number, dimension in enumerate(framework.dimensions, 1):
        assert f"{number}. {pick(dimension.label, 'es')}" in first
    second = headings(path, 2)
    assert f"1.1 — {pick(framework.question('pl_01').label, 'es')}" in second  # by its number, never its id
    assert len(second) == sum(q.answerable for q in framework.questions)


def test_the_answers_evidence_and_prompts_are_in_the_guide(guides):
    framework, found = guides["framework"], "\n".join(texts(guides["paths"]["mef"]))
    assert label(framework, "pl_01", "3") in found
    assert "Decreto Supremo 029-2018-PCM, https://example.gob.pe/doc" in found
    for question in framework.questions:
        if question.answerable and question.prompt:
            assert pick(question.prompt, "es") in found
    assert "20 de mayo de 2024" in found  # a date answer, written as in Spanish


def test_peoples_text_comes_out_exactly_as_typed(guides):
    cells = texts(guides["paths"]["mef"])
    assert HOSTILE in cells
    assert "49" not in "\n".join(cells)


def test_the_chart_is_embedded_with_alt_text_naming_the_scores(guides):
    workspace, path = guides["workspace"], guides["paths"]["mef"]
    [picture] = pictures(path)
    alt = picture.get("descr")
    assert alt and picture.get("title")
    mef = next(i for i in load(workspace, ROUND).institutions if i.institution.id == "mef")
    for score in mef.scores.dimensions.values():
        assert format_number(score.value, "es") in alt
    assert "MEF" in alt


def test_the_gaps_of_the_institution_are_sentences(guides):
    found = texts(guides["paths"]["pcm"])
    framework = guides["framework"]
    assert translate(GUIDE_GAP_LOW, "es", question=framework.reference("pl_01"), level=0) in found
    assert any(translate(GUIDE_GAP_NO_EVIDENCE, "es", question=framework.reference("pl_11"), level=4) in t for t in found)
    assert not any(translate(GUIDE_GAP_LOW, "es", question=framework.reference("pl_01"), level=0) in t
                   for t in texts(guides["paths"]["mef"]))
    assert not any("pl_01" in t for t in found)


def test_an_institution_that_sent_nothing_gets_a_guide_saying_so_with_all_the_prompts(guides):
    framework, path = guides["framework"], guides["paths"]["ceplan"]
    found = texts(path)
    assert translate(GUIDE_NOT_RECEIVED, "es", institution="CEPLAN") in found
    assert translate(GUIDE_GAP_NOT_RECEIVED, "es") in found
    prompts = [pick(q.prompt, "es") for q in framework.questions if q.answerable and q.prompt]
    assert prompts and all(prompt in found for prompt in prompts)
    assert pictures(path) == []
    assert len(headings(path, 2)) == sum(q.answerable for q in framework.questions)


def test_the_cover_names_the_panel_the_coordinator_and_the_visit(guides):
    found = "\n".join(texts(guides["paths"]["pcm"]))
    for text in ("Expert CHL (Chile)", "Expert MEX (México)", "c@example.org", "8 de junio de 2026", "12 de junio de 2026", ROUND):
        assert text in found, text


def test_the_template_asks_only_for_what_the_context_gives(guides):
    workspace = guides["workspace"]
    data = load(workspace, ROUND)
    needed = template_variables(GUIDE_TEMPLATE)
    for institution in data.institutions:
        assert needed <= set(guide_context(workspace.catalog, data, institution, "es", None))


def test_a_guide_in_english_reads_in_english(guides, tmp_path):
    workspace, framework = guides["workspace"], guides["framework"]
    data = load(workspace, ROUND)
    mef = next(i for i in data.institutions if i.institution.id == "mef")
    target = render(GUIDE_TEMPLATE, guide_context(workspace.catalog, data, mef, "en", None), tmp_path / "en.docx")
    found = texts(target)
    assert label(framework, "pl_01", "3", "en") in found and pick(framework.question("pl_01").prompt, "en") in found
    assert "Interview guide" in found and "Peru" in "\n".join(found)
