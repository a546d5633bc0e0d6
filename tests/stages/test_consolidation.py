"""The consolidated workbook: what the panel reads before the interviews."""
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from pipeline.analysis.checks import GapKind
from pipeline.demo.answers import complete_answers
from pipeline.domain.framework import pick
from pipeline.domain.models import Institution
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import consolidate
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from pipeline.workbooks.cells import named_cells
from tests.conftest import a_round
from tests.support.filling import fill
from tests.support.office import libreoffice_convert, soffice

ROUND = "2026-PER-planning"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
FORMULA = '=HYPERLINK("http://x","y")'
# Dimension pl_d2 scores three maturity questions: pl_08 (weight 1) and pl_09 (weight 2) of element pl_e1, pl_10 (weight 1) of pl_e5.
MEF_LEVELS = {"pl_08": "4", "pl_09": "1", "pl_10": "0", "pl_24": "0"}
MEF_D2 = (4 * 1 + 1 * 2 + 0 * 1) / (1 + 2 + 1)  # 1.5
MEF_E1 = (4 * 1 + 1 * 2) / (1 + 2)  # 2.0


def level_label(framework, question, level):
    return next(pick(ch.label, "es") for ch in framework.options(framework.question(question)) if ch.name == level)


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory):
    """MEF complete (with chosen levels), PCM incomplete (a required answer left out, a formula typed as text), SUNAT silent."""
    from pipeline.ledger.workspace import Workspace

    root = tmp_path_factory.mktemp("consolidation")
    workspace = Workspace.init(root / "ws")
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="pcm@example.pe"),
        Institution(id="sunat", name="Superintendencia Nacional de Aduanas", acronym="SUNAT", email="s@example.pe"),
    )))
    mef, pcm, _ = emit(workspace, ROUND)
    framework = available(workspace)["planning"].framework
    every_level_3 = {f"q_{q.name}": level_label(framework, q.name, "3") for q in framework.questions if framework.is_maturity(q)}
    answers = {**complete_answers(framework), **every_level_3}
    mef_answers = {**answers, **{f"q_{q}": level_label(framework, q, lvl) for q, lvl in MEF_LEVELS.items()}}
    fill(mef, mef_answers, workspace.inbox / "mef.xlsx")
    pcm_answers = {k: v for k, v in answers.items() if k != "q_pl_02"}
    pcm_file = fill(pcm, pcm_answers, root / "pcm.xlsx")
    wb = openpyxl.load_workbook(pcm_file)
    cell = named_cells(wb, "q_pl_29")[0]
    cell.value, cell.data_type = FORMULA, "s"  # typed as text, as an official's cell formatted as text keeps it
    wb.save(workspace.inbox / "pcm.xlsx")
    outcomes = run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")
    assert sorted(o.result for o in outcomes) == ["accepted", "incomplete"], [o.render("en") for o in outcomes]
    path = consolidate(workspace, ROUND).path
    return {"workspace": workspace, "path": path, "framework": framework, "wb": openpyxl.load_workbook(path)}


def sheet(wb, message):
    return wb[translate(message, "es")]


def table_rows(ws, name):
    table = ws.tables[name]
    rows = [[cell.value for cell in row] for row in ws[table.ref]]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def cells_of(ws, name):
    return [cell for row in ws[ws.tables[name].ref] for cell in row]


def test_it_is_written_in_the_outbox_under_its_fixed_name_and_recorded_with_its_sources(consolidated):
    workspace, path = consolidated["workspace"], consolidated["path"]
    assert path == workspace.outbox / ROUND / "consolidado.xlsx"
    [event] = [e for e in workspace.ledger.events(ROUND) if e.kind == "round.consolidated"]
    responses = [d for d in event.documents if d["role"] == "response"]
    assert sorted(d["name"] for d in responses) == ["mef", "pcm"] and all(len(d["sha256"]) == 64 for d in responses)
    assert event.payload["missing"] == ["sunat"]
    assert not list(path.parent.glob(".*.tmp"))
    assert workspace.ledger.verify().broken_at is None


def test_the_sheets_are_named_in_the_rounds_language_and_hold_filtered_styled_tables(consolidated):
    wb = consolidated["wb"]
    for message in (m.CONS_SHEET_LONG, m.CONS_SHEET_WIDE, m.CONS_SHEET_SCORES, m.CONS_SHEET_METHOD, m.CONS_SHEET_GAPS,
                    m.CONS_SHEET_CHARTS):
        assert translate(message, "es") in wb.sheetnames
    tables = [t for ws in wb.worksheets for t in ws.tables.values()]
    assert len(tables) == 8 and all(t.autoFilter is not None and t.tableStyleInfo.name for t in tables)


def test_the_long_table_has_one_row_per_institution_and_question_with_a_filter_and_a_frozen_header(consolidated):
    wb, framework = consolidated["wb"], consolidated["framework"]
    ws = sheet(wb, m.CONS_SHEET_LONG)
    table = ws.tables["Answers"]
    assert table.autoFilter is not None and table.tableStyleInfo.name and ws.freeze_panes == "A2"
    rows = table_rows(ws, "Answers")
    answerable = [q for q in framework.questions if q.answerable]
    assert len(rows) == 3 * len(answerable)
    header = {k: translate(v, "es") for k, v in (("inst", m.CONS_INSTITUTION), ("id", m.CONS_ID), ("raw", m.CONS_RAW),
                                                 ("answer", m.CONS_ANSWER), ("level", m.CONS_LEVEL), ("status", m.CONS_STATUS))}
    mef_09 = next(r for r in rows if r[header["inst"]] == "MEF" and r[header["id"]] == framework.number("pl_09"))
    assert mef_09[header["level"]] == 1 and mef_09[header["raw"]] == level_label(framework, "pl_09", "1")
    assert mef_09[header["answer"]] == level_label(framework, "pl_09", "1")
    pcm_02 = next(r for r in rows if r[header["inst"]] == "PCM" and r[header["id"]] == framework.number("pl_02"))
    assert pcm_02[header["status"]] == translate(m.CONS_STATUSES["missing"], "es") and pcm_02[header["answer"]] is None
    sunat = [r for r in rows if r[header["inst"]] == "SUNAT"]
    assert len(sunat) == len(answerable) and {r[header["status"]] for r in sunat} == {translate(m.CONS_NOT_RECEIVED, "es")}


def test_a_formula_typed_as_an_answer_stays_inert_text_in_the_long_and_the_wide_sheets(consolidated):
    wb = consolidated["wb"]
    for message, table in ((m.CONS_SHEET_LONG, "Answers"), (m.CONS_SHEET_WIDE, "AnswersByQuestion")):
        found = [cell for cell in cells_of(sheet(wb, message), table) if cell.value == FORMULA]
        assert found and all(cell.data_type == "s" for cell in found), message
    with zipfile.ZipFile(consolidated["path"]) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_the_wide_table_has_a_column_per_institution_the_missing_one_included(consolidated):
    ws = sheet(consolidated["wb"], m.CONS_SHEET_WIDE)
    assert ws.tables["AnswersByQuestion"].autoFilter is not None
    rows = table_rows(ws, "AnswersByQuestion")
    sunat = translate(m.CONS_NOT_RECEIVED_HEADER, "es", institution="SUNAT")
    assert {"MEF", "PCM", sunat} <= set(rows[0])
    pl_01 = next(r for r in rows if r[translate(m.CONS_ID, "es")] == consolidated["framework"].number("pl_01"))
    assert pl_01["MEF"] == level_label(consolidated["framework"], "pl_01", "3") and pl_01[sunat] is None


def test_the_scores_match_a_weighted_mean_computed_by_hand(consolidated):
    d2, e1 = (consolidated["framework"].element_number(name) for name in ("pl_d2", "pl_e1"))  # by number, as the reader knows them
    ws = sheet(consolidated["wb"], m.CONS_SHEET_SCORES)
    by_dimension = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(ws, "ScoresByDimension")}
    assert by_dimension[d2]["MEF"] == pytest.approx(MEF_D2) == 1.5
    assert by_dimension[d2][translate(m.CONS_PERCENT, "es", name="MEF")] == pytest.approx(MEF_D2 / 4)
    assert by_dimension[d2]["PCM"] == 3.0  # every level 3
    by_element = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(ws, "ScoresByElement")}
    assert by_element[e1]["MEF"] == pytest.approx(MEF_E1)
    assert by_element[e1][translate(m.CONS_ROUND_MEAN, "es")] == pytest.approx((MEF_E1 + 3) / 2)
    overall = {r[translate(m.CONS_INSTITUTION, "es")]: r for r in table_rows(ws, "OverallScores")}
    assert overall["SUNAT"][translate(m.CONS_STATUS, "es")] == translate(m.CONS_NOT_RECEIVED, "es")
    assert overall["SUNAT"][translate(m.CONS_SCORE, "es")] is None and overall["PCM"][translate(m.CONS_SCORE, "es")] == 3.0


def test_the_method_sheet_explains_the_scoring_and_lists_each_questions_weight(consolidated):
    number = consolidated["framework"].number
    ws = sheet(consolidated["wb"], m.CONS_SHEET_METHOD)
    text = " ".join(str(cell.value) for row in ws.iter_rows(max_row=8) for cell in row if cell.value)
    assert translate(m.METHOD_INTRO[0], "es") in text and translate(m.METHOD_ALL_WEIGHTED, "es") in text
    rows = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(ws, "Questions")}
    assert rows[number("pl_09")][translate(m.CONS_WEIGHT, "es")] == 2
    assert rows[number("pl_09")][translate(m.CONS_SCORES, "es")] == translate(m.CONS_YES, "es")
    assert rows[number("pl_29")][translate(m.CONS_SCORES, "es")] == translate(m.CONS_NO, "es")


def test_the_gaps_name_the_missing_answer_the_silent_institution_and_the_disagreement(consolidated):
    ws = sheet(consolidated["wb"], m.CONS_SHEET_GAPS)
    rows = table_rows(ws, "Gaps")
    kind, inst, q_id = (translate(m, "es") for m in (m.CONS_KIND, m.CONS_INSTITUTION, m.CONS_ID))
    gaps = {(r[kind], r[inst], r[q_id]) for r in rows}
    number = consolidated["framework"].number
    k = {key: translate(message, "es") for key, message in m.CONS_GAP_KINDS.items()}
    assert (k[GapKind.MISSING], "PCM", number("pl_02")) in gaps
    assert (k[GapKind.NOT_RECEIVED], "SUNAT", None) in gaps
    assert (k[GapKind.LOW], "MEF", number("pl_09")) in gaps
    [disagreement] = [r for r in rows if r[kind] == k[GapKind.DISAGREEMENT]]
    detail = disagreement[translate(m.CONS_DETAIL, "es")]
    assert "PCM" in detail and "MEF" in detail and "3,00" in detail and "0,00" in detail


def test_it_draws_titled_bar_charts_of_the_scores(consolidated):
    wb = openpyxl.load_workbook(consolidated["path"])
    charts = sheet(wb, m.CONS_SHEET_CHARTS)._charts
    assert len(charts) == 2
    with zipfile.ZipFile(consolidated["path"]) as z:
        first, second = (ElementTree.fromstring(z.read(f"xl/charts/chart{n}.xml")) for n in (1, 2))
    text = "".join(first.itertext())
    assert first.find(f".//{C}barChart") is not None and second.find(f".//{C}barChart") is not None
    assert translate(m.CONS_CHART_DIMENSIONS, "es") in text and translate(m.CONS_AXIS_SCORE, "es") in text
    assert len(first.findall(f".//{C}ser")) == 3  # MEF, PCM and SUNAT (not received)
    assert len(second.findall(f".//{C}ser")) == 4  # and the round's mean


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_turns_it_into_a_pdf(consolidated, tmp_path):
    pdf = libreoffice_convert(consolidated["path"], tmp_path, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_the_command_writes_it_in_the_rounds_language_and_says_what_it_found(consolidated, capsys, monkeypatch):
    from pipeline.cli.consolidate import consolidate
    from pipeline.cli.context import STATE

    monkeypatch.setattr(STATE, "workspace_path", consolidated["workspace"].root)
    monkeypatch.setattr(STATE, "lang", "es")
    consolidate(ROUND)
    gaps = len(table_rows(sheet(openpyxl.load_workbook(consolidated["path"]), m.CONS_SHEET_GAPS), "Gaps"))
    expected = translate(m.CONS_WRITTEN, "es", path=str(consolidated["path"]), received=2, missing=1, gaps=gaps)
    assert capsys.readouterr().out.strip() == expected


def test_it_can_be_made_in_another_language(consolidated, tmp_path):
    path = consolidate(consolidated["workspace"], ROUND, "en").path
    assert translate(m.CONS_SHEET_SCORES, "en") in openpyxl.load_workbook(path).sheetnames


def test_a_round_nobody_answered_yet_lists_every_institution_as_not_received(workspace):
    open_round(workspace, a_round())
    with pytest.raises(UserError) as refused:
        consolidate(workspace, ROUND)
    assert refused.value.message == m.CONS_NO_RETURNS
    wb = openpyxl.load_workbook(consolidate(workspace, ROUND, allow_empty=True).path)
    not_received = translate(m.CONS_NOT_RECEIVED, "es")
    [overall] = table_rows(sheet(wb, m.CONS_SHEET_SCORES), "OverallScores")
    assert overall[translate(m.CONS_STATUS, "es")] == not_received
    [gap] = table_rows(sheet(wb, m.CONS_SHEET_GAPS), "Gaps")
    assert (gap[translate(m.CONS_KIND, "es")], gap[translate(m.CONS_INSTITUTION, "es")]) == (not_received, "MEF")
    assert translate(m.CONS_NOT_RECEIVED_HEADER, "es", institution="MEF") in table_rows(sheet(wb, m.CONS_SHEET_WIDE), "AnswersByQuestion")[0]
