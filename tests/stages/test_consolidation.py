"""The consolidated workbook: what the panel reads before the interviews."""
import datetime as dt
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from pipeline.analysis.checks import GapKind
from pipeline.demo.answers import complete_answers
from pipeline.documents.guide import guide_context
from pipeline.documents.report import report_context
from pipeline.domain import file_names
from pipeline.domain.enums import AnswerKind
from pipeline.domain.framework import pick
from pipeline.domain.models import Institution
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import consolidate, write_interview_guides
from pipeline.stages.questionnaire import emit
from pipeline.stages.report import content_of
from pipeline.stages.round_data import load
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


PCM = translate(m.RETURN_MARK, "es", institution="PCM")  # PCM's return is incomplete: marked wherever it is named


def pcm_count(consolidated):
    """PCM's required answers given and asked, as its stored response counts them."""
    [pcm] = [r for r in records.responses(consolidated["workspace"].ledger, ROUND) if r.institution == "pcm"]
    return {"answered": pcm.answered, "required": pcm.required}


def intro(ws):
    """The text above a sheet's first table."""
    first = min(int(t.ref.split(":")[0][1:]) for t in ws.tables.values())
    return " ".join(str(c.value) for row in ws.iter_rows(max_row=first - 1) for c in row if isinstance(c.value, str))


def test_every_data_sheet_opens_with_the_workbooks_title_its_heading_and_where_each_return_stands(consolidated):
    wb = consolidated["wb"]
    returns = translate(m.CONS_RETURNS, "es", returns="; ".join((
        f"MEF: {translate(m.RETURN_RECEIVED, 'es')}",
        f"PCM: {translate(m.RETURN_INCOMPLETE, 'es', **pcm_count(consolidated))}",
        f"SUNAT: {translate(m.RETURN_NOT_RECEIVED, 'es')}")))
    for message in (m.CONS_SHEET_LONG, m.CONS_SHEET_WIDE, m.CONS_SHEET_SCORES, m.CONS_SHEET_METHOD, m.CONS_SHEET_GAPS):
        ws = sheet(wb, message)
        assert (ws["A1"].value, ws["A2"].value) == (translate(m.CONS_TITLE, "es", round=ROUND), translate(message, "es"))
        assert returns in intro(ws), message


def test_the_long_table_has_one_row_per_question_of_each_return_with_a_filter_and_a_frozen_header(consolidated):
    wb, framework = consolidated["wb"], consolidated["framework"]
    ws = sheet(wb, m.CONS_SHEET_LONG)
    table = ws.tables["Answers"]
    header_row = int(table.ref.split(":")[0][1:])
    assert table.autoFilter is not None and table.tableStyleInfo.name and ws.freeze_panes == f"A{header_row + 1}"
    rows = table_rows(ws, "Answers")
    answerable = [q for q in framework.questions if q.answerable]
    assert len(rows) == 2 * len(answerable)  # MEF and PCM; SUNAT sent nothing, as the sheet's first lines say
    header = {k: translate(v, "es") for k, v in (("inst", m.CONS_INSTITUTION), ("id", m.CONS_ID), ("raw", m.CONS_RAW),
                                                 ("answer", m.CONS_ANSWER), ("level", m.CONS_LEVEL), ("status", m.CONS_STATUS))}
    mef_09 = next(r for r in rows if r[header["inst"]] == "MEF" and r[header["id"]] == framework.number("pl_09"))
    assert mef_09[header["level"]] == 1 and mef_09[header["answer"]] == level_label(framework, "pl_09", "1")
    assert mef_09[header["raw"]] is None  # typed as the answer reads: not repeated
    pcm_02 = next(r for r in rows if r[header["inst"]] == PCM and r[header["id"]] == framework.number("pl_02"))
    assert pcm_02[header["status"]] == translate(m.CONS_STATUSES["missing"], "es") and pcm_02[header["answer"]] is None
    assert not [r for r in rows if r[header["inst"]] == "SUNAT"]


def test_a_date_is_a_date_and_a_percentage_shows_its_unit(consolidated):
    ws = sheet(consolidated["wb"], m.CONS_SHEET_LONG)
    cells = {(row[0].value, row[3].value): row for row in ws[ws.tables["Answers"].ref][1:]}
    date = cells[("MEF", consolidated["framework"].number("pl_07"))][6]
    assert isinstance(date.value, dt.datetime) and date.number_format == "DD/MM/YYYY"
    assert cells[("MEF", consolidated["framework"].number("pl_07"))][5].value is None  # the date typed is the date read
    percentage = cells[("MEF", consolidated["framework"].number("pl_04"))][6]
    assert isinstance(percentage.value, (int, float)) and percentage.number_format.endswith('" %"')


def test_a_formula_typed_as_an_answer_stays_inert_text_in_the_long_and_the_wide_sheets(consolidated):
    wb = consolidated["wb"]
    for message, table in ((m.CONS_SHEET_LONG, "Answers"), (m.CONS_SHEET_WIDE, "AnswersByQuestion")):
        found = [cell for cell in cells_of(sheet(wb, message), table) if cell.value == FORMULA]
        assert found and all(cell.data_type == "s" for cell in found), message
    with zipfile.ZipFile(consolidated["path"]) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_the_wide_table_has_a_column_per_institution_that_answered(consolidated):
    ws = sheet(consolidated["wb"], m.CONS_SHEET_WIDE)
    assert ws.tables["AnswersByQuestion"].autoFilter is not None
    rows = table_rows(ws, "AnswersByQuestion")
    assert [h for h in rows[0] if h in ("MEF", PCM) or "SUNAT" in str(h)] == ["MEF", PCM]
    pl_01 = next(r for r in rows if r[translate(m.CONS_ID, "es")] == consolidated["framework"].number("pl_01"))
    assert pl_01["MEF"] == level_label(consolidated["framework"], "pl_01", "3")


def test_the_scores_match_a_weighted_mean_computed_by_hand(consolidated):
    d2, e1 = (consolidated["framework"].element_number(name) for name in ("pl_d2", "pl_e1"))  # by number, as the reader knows them
    ws = sheet(consolidated["wb"], m.CONS_SHEET_SCORES)
    by_dimension = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(ws, "ScoresByDimension")}
    assert by_dimension[d2]["MEF"] == pytest.approx(MEF_D2) == 1.5
    assert by_dimension[d2][translate(m.CONS_PERCENT, "es", name="MEF")] == pytest.approx(MEF_D2 / 4)
    assert by_dimension[d2][PCM] == 3.0  # every level 3
    by_element = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(ws, "ScoresByElement")}
    assert by_element[e1]["MEF"] == pytest.approx(MEF_E1)
    mean = translate(m.RETURN_MEAN_MARK, "es", mean=translate(m.CONS_ROUND_MEAN, "es"))  # it includes PCM's incomplete return
    assert by_element[e1][mean] == pytest.approx((MEF_E1 + 3) / 2)
    overall = {r[translate(m.CONS_INSTITUTION, "es")]: r for r in table_rows(ws, "OverallScores")}
    assert overall["SUNAT"][translate(m.CONS_STATUS, "es")] == translate(m.CONS_NOT_RECEIVED, "es")
    assert overall[PCM][translate(m.CONS_STATUS, "es")] == translate(m.RETURN_INCOMPLETE, "es", **pcm_count(consolidated))
    assert overall["SUNAT"][translate(m.CONS_SCORE, "es")] is None and overall[PCM][translate(m.CONS_SCORE, "es")] == 3.0
    counts = pcm_count(consolidated)
    institutions = f"PCM ({counts['answered']}/{counts['required']})"
    assert translate(m.RETURN_INCLUDES_INCOMPLETE, "es", count=1, institutions=institutions) in intro(ws)


def test_the_method_sheet_explains_the_scoring_and_lists_each_questions_weight(consolidated):
    number = consolidated["framework"].number
    ws = sheet(consolidated["wb"], m.CONS_SHEET_METHOD)
    text = " ".join(str(cell.value) for row in ws.iter_rows(max_row=8) for cell in row if cell.value)
    assert translate(m.METHOD_INTRO[0], "es") in text and translate(m.METHOD_ALL_WEIGHTED, "es") in text
    everything = " ".join(str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    assert "weight" not in everything  # the framework's column names are not the reader's words
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
    assert len(first.findall(f".//{C}ser")) == 2  # MEF and PCM; SUNAT sent nothing
    assert len(second.findall(f".//{C}ser")) == 3  # and the round's mean
    colours = [s.find(f"./{C}spPr//{{http://schemas.openxmlformats.org/drawingml/2006/main}}srgbClr").get("val")
               for s in second.findall(f".//{C}ser")]
    assert len(set(colours)) == 3 and colours[-1] == "262626"  # the mean unlike any institution
    assert "SUNAT" not in ElementTree.tostring(second, encoding="unicode")


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
    assert "MEF" not in table_rows(sheet(wb, m.CONS_SHEET_WIDE), "AnswersByQuestion")[0]  # no empty column


def test_complete_only_leaves_the_incomplete_return_out_of_the_scores_and_says_so(consolidated, tmp_path):
    made = consolidate(consolidated["workspace"], ROUND, complete_only=True)
    assert made.left_out == ("pcm",)
    wb = openpyxl.load_workbook(made.path)
    ws = sheet(wb, m.CONS_SHEET_SCORES)
    by_element = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(ws, "ScoresByElement")}
    e1 = consolidated["framework"].element_number("pl_e1")
    assert by_element[e1][translate(m.CONS_ROUND_MEAN, "es")] == pytest.approx(MEF_E1)  # MEF's alone, unmarked
    assert not any(PCM in str(h) or h == "PCM" for h in by_element[e1])
    overall = {r[translate(m.CONS_INSTITUTION, "es")]: r for r in table_rows(ws, "OverallScores")}
    assert overall["PCM"][translate(m.CONS_STATUS, "es")] == translate(m.RETURN_LEFT_OUT, "es", **pcm_count(consolidated))  # not marked: in no mean
    assert translate(m.RETURN_LEFT_OUT_NOTE, "es", institutions="PCM") in intro(ws)
    gaps = {(r[translate(m.CONS_KIND, "es")], r[translate(m.CONS_INSTITUTION, "es")]) for r in table_rows(sheet(wb, m.CONS_SHEET_GAPS), "Gaps")}
    assert (translate(m.CONS_NOT_RECEIVED, "es"), "PCM") not in gaps
    consolidate(consolidated["workspace"], ROUND)  # the fixture's workbook again, for the other tests


def test_the_interview_guide_and_the_report_tell_the_incomplete_return_as_incomplete(consolidated, tmp_path):
    workspace, counts = consolidated["workspace"], pcm_count(consolidated)
    data = load(workspace, ROUND)
    pcm = next(i for i in data.institutions if i.institution.id == "pcm")
    day = format_date(dt.datetime.fromisoformat(pcm.response.received).date(), "es")
    facts = {f["label"]: f["value"] for f in guide_context(workspace.catalog, data, pcm, "es", None)["facts"]}
    assert facts[translate(m.GUIDE_RECEIVED, "es")] == translate(m.RETURN_RECEIVED_INCOMPLETE, "es", date=day, **counts)
    context = report_context(workspace.catalog, content_of(workspace, ROUND, assign=False), 1, "es", tmp_path)
    received = {i["acronym"]: i["received"] for i in context["institutions"]}
    assert received["PCM"] == translate(m.RETURN_RECEIVED_ON_INCOMPLETE, "es", date=day, **counts)
    mef = next(i for i in data.institutions if i.institution.id == "mef")
    assert received["MEF"] == translate(m.REPORT_RECEIVED_ON, "es", date=format_date(
        dt.datetime.fromisoformat(mef.response.received).date(), "es"))  # a complete return, as before
    means = [row for d in context["dimensions"] for row in d["rows"] if row["name"].startswith(translate(m.REPORT_MEAN, "es", count=2)[:5])]
    institutions = f"PCM ({counts['answered']}/{counts['required']})"
    assert means and all(row["scored"] == translate(m.RETURN_MEAN_INCLUDES, "es", count=1, institutions=institutions) for row in means)


def test_an_english_round_names_its_files_in_english(tmp_path):
    workspace = Workspace.init(tmp_path / "ws")
    open_round(workspace, a_round(language="en"))
    made = consolidate(workspace, ROUND, allow_empty=True)
    assert made.path.name == "consolidated.xlsx"
    assert {p.parent.name for p in write_interview_guides(workspace, ROUND)} == {"guides"}
    assert all(p.name.startswith("guide-") for p in (workspace.outbox / ROUND / "guides").iterdir())


@pytest.mark.parametrize(("lang", "receipt", "feedback", "draft"), [
    ("es", "acuse-mef-0123456789ab", "observaciones-notas-ana-0123456789ab", "R-borrador-v2.docx"),
    ("en", "receipt-mef-0123456789ab", "feedback-notes-ana-0123456789ab", "R-draft-v2.docx"),
    ("fr", "accuse-mef-0123456789ab", "observations-notes-ana-0123456789ab", "R-projet-v2.docx"),
])
def test_every_file_name_is_in_the_rounds_language(lang, receipt, feedback, draft):
    sha = "0123456789abcdef" * 4
    assert file_names.answer(AnswerKind.RECEIPT, ("mef",), sha, lang) == receipt
    assert file_names.answer(AnswerKind.FEEDBACK, ("ana",), sha, lang, m.FILE_NOTES) == feedback
    assert file_names.draft("R", 2, lang) == draft
