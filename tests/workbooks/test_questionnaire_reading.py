"""What an official sees in the questionnaire and its feedback copy: tabs that name their dimension, one colour per
meaning as the instructions say, numbers held to their real range and unit, open answers in tall cells, and a
returned copy that opens on what to correct, each cell to fix red above any status colour."""
from __future__ import annotations

import colorsys
import datetime as dt
import re

import openpyxl
import pytest

from pipeline.domain.framework import QuestionType, pick
from pipeline.frameworks.bounds import bounds
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.stages.frameworks import available, check_framework
from pipeline.workbooks.cells import INPUT_FILL, named_cells
from pipeline.workbooks.fit import line_points, row_height
from pipeline.workbooks.formulas import text_literal
from pipeline.workbooks.questionnaire import Cover, Identity, Prefill, sheet_title, write_questionnaire
from pipeline.workbooks.questionnaire_questions import LONG_TEXT_LINES
from pipeline.workbooks.questionnaire_rules import status_texts
from pipeline.workbooks.sheets import PENDING
from tests.support.workbook_checks import highlighted

FRAMEWORKS = {entry.framework.id: entry for entry in available(None).values()}
# what guidance says when an answer may be left empty, in the four languages
MAY_BE_BLANK = re.compile(r"en blanco|blank|em branco|\bvide\b|leave it empty|sin responder", re.IGNORECASE)
COVER = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18), "J. Morales <jm@example.org>")


def questionnaire(tmp_path, framework_id="planning", lang="es", prefill=None):
    fw = FRAMEWORKS[framework_id].framework
    identity = Identity(f"R.{fw.id}.1", "2026-PER-planning", "mef", fw.id, fw.version, lang, fw.structure_hash, "2026-11-28")
    path = write_questionnaire(tmp_path / f"{framework_id}-{lang}.xlsx", fw, identity, COVER, prefill)
    return fw, openpyxl.load_workbook(path)


@pytest.mark.parametrize(("label", "tab"), [
    ("Marco institucional y capacidades", "1. Marco institucional y"[:-2]),  # not "…y capaci", nor ending on "y"
    ("Institutional framework and capacity", "1. Institutional framework and"[:-4]),
    ("Visión", "1. Visión"),
    ("Participação da sociedade no planejamento", "1. Participação da sociedade"),
])
def test_a_long_dimension_name_is_shortened_at_a_word_for_its_tab(label, tab):
    assert sheet_title(1, label) == tab and len(tab) <= 31


def test_each_dimension_sheet_says_its_whole_name_above_a_tab_cut_at_a_word(tmp_path):
    fw, wb = questionnaire(tmp_path)
    for index, dimension in enumerate(fw.dimensions, start=1):
        whole = f"{index}. {pick(dimension.label, 'es')}"
        tab = sheet_title(index, pick(dimension.label, "es"))
        assert wb[tab]["A1"].value == whole and whole.startswith(tab) and whole[len(tab):][:1] in ("", " ")


def test_pending_answers_are_the_yellow_the_instructions_name():
    def hue(fill):
        r, g, b = (int(fill.fgColor.rgb[-6:][i:i + 2], 16) / 255 for i in (0, 2, 4))
        return colorsys.rgb_to_hsv(r, g, b)[0] * 360
    assert 40 <= hue(PENDING) <= 60 and 40 <= hue(INPUT_FILL) <= 60  # yellow, bright and pale
    for lang, yellow in (("es", "amarill"), ("en", "yellow"), ("pt", "amarel"), ("fr", "jaune")):
        assert yellow in translate(m.Q_HOW_TO_FILL, lang)


def test_the_pending_colour_is_the_one_an_unanswered_required_question_shows(tmp_path):
    fw, wb = questionnaire(tmp_path)
    cell = named_cells(wb, "q_pl_01")[0]
    pending = text_literal(status_texts("es")["pending"])
    rules = [r for cf in cell.parent.conditional_formatting if cell.coordinate in cf.sqref for r in cf.rules]
    [rule] = [r for r in rules if pending in r.formula[0]]
    assert rule.dxf.fill.fgColor.rgb.endswith(PENDING.fgColor.rgb[-6:])


def test_a_percentage_takes_0_to_100_with_decimals_and_shows_its_sign(tmp_path):
    fw, wb = questionnaire(tmp_path)
    cell = named_cells(wb, "q_pl_04")[0]
    [rule] = [dv for dv in cell.parent.data_validations.dataValidation if cell.coordinate in str(dv.sqref).split()]
    assert (rule.type, rule.operator, float(rule.formula1), float(rule.formula2)) == ("decimal", "between", 0, 100)
    assert rule.error == translate(m.Q_NUMBER_BETWEEN, "es", start="0", end="100")
    assert cell.number_format == 'General" %"'


@pytest.mark.parametrize("framework_id", sorted(FRAMEWORKS))
def test_every_starter_number_question_has_a_real_range_and_every_percentage_is_a_decimal_in_percent(framework_id):
    result = check_framework(FRAMEWORKS[framework_id].path)
    assert [p for p in result.warnings if p.message == m.FW_NUMBER_NO_RANGE] == []
    fw = result.framework
    for q in fw.questions:
        if q.type in (QuestionType.INTEGER, QuestionType.DECIMAL):
            found = bounds(q.constraint)
            assert found.closed and found.low < found.high, q.name
        if re.search(r"porcentaje", pick(q.label, "es"), re.IGNORECASE) and q.type in (QuestionType.INTEGER, QuestionType.DECIMAL):
            assert q.type is QuestionType.DECIMAL and pick(q.unit, "es") == "%", q.name


@pytest.mark.parametrize("framework_id", sorted(FRAMEWORKS))
def test_no_starter_question_is_required_while_its_guidance_says_it_may_be_left_blank(framework_id):
    fw = FRAMEWORKS[framework_id].framework
    contradictions = [(q.name, lang) for q in fw.questions if q.required for lang, hint in q.hint.items() if MAY_BE_BLANK.search(hint)]
    assert contradictions == []
    assert fw.note  # a starter framework still says it is illustrative


@pytest.mark.parametrize("framework_id", sorted(FRAMEWORKS))
def test_every_open_question_of_a_starter_framework_has_a_tall_answer_cell(tmp_path, framework_id):
    fw, wb = questionnaire(tmp_path, framework_id)
    for q in fw.questions:
        if q.type is QuestionType.TEXT and q.repeat is None:
            cell = named_cells(wb, f"q_{q.name}")[0]
            assert row_height(cell.parent, cell.row) >= LONG_TEXT_LINES * line_points(), q.name


def test_the_compiler_warns_about_a_number_question_without_a_range():
    assert bounds(". >= 0 and . <= 100").closed and bounds("100 >= . and . > -5").closed
    assert not bounds(". >= 0").closed and not bounds("${x} > 3").closed and not bounds(None).closed


@pytest.fixture
def returned(tmp_path):
    prefill = Prefill(answers={"q_pl_04": 250, "q_pl_01": "Texto"},
                      problems={"q_pl_02": ["La pregunta pl_02 es obligatoria."], "q_pl_04": ["«250» no es un porcentaje."],
                                "resp_email": ["Escriba un correo."]},
                      general=["Falta una hoja."], date=dt.date(2026, 12, 4))
    return questionnaire(tmp_path, prefill=prefill)


def test_a_feedback_copy_opens_on_a_titled_sheet_of_what_to_correct_with_links_to_each_cell(returned):
    fw, wb = returned
    sheet = wb.worksheets[0]
    assert sheet.title == translate(m.Q_SHEET_PROBLEMS, "es") and wb.active.title == sheet.title
    assert sheet["A1"].value == translate(m.Q_PROBLEMS_TITLE, "es")
    facts = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(3, 8)}
    assert facts[translate(m.Q_ROUND, "es")] == "2026-PER-planning" and facts[translate(m.Q_INSTITUTION, "es")] == COVER.institution
    assert facts[translate(m.Q_PROBLEMS_DATE, "es")] == format_date(dt.date(2026, 12, 4), "es")
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert translate(m.Q_RETURNED, "es", count=4) in text
    for name in ("q_pl_02", "q_pl_04", "resp_email"):
        target = named_cells(wb, name)[0]
        [link] = [row[1] for row in sheet.iter_rows() if row[1].value == target.coordinate and row[0].value == target.parent.title]
        assert link.hyperlink.location == f"'{target.parent.title}'!{target.coordinate}"


def test_the_instructions_of_a_feedback_copy_say_it_is_their_questionnaire_returned(returned):
    fw, wb = returned
    instructions = wb[translate(m.Q_SHEET_INSTRUCTIONS, "es")]
    assert translate(m.Q_RETURNED, "es", count=4) in [c.value for row in instructions.iter_rows() for c in row]


def test_a_cell_to_correct_is_red_above_every_status_colour_and_carries_its_comment(returned):
    fw, wb = returned
    for name in ("q_pl_02", "q_pl_04", "resp_email"):
        cell = named_cells(wb, name)[0]
        assert highlighted(cell) and cell.comment is not None, name
    assert not highlighted(named_cells(wb, "q_pl_01")[0])
    wrong = named_cells(wb, "q_pl_04")[0]
    [rule] = [r for cf in wrong.parent.conditional_formatting if wrong.coordinate in cf.sqref for r in cf.rules
              if r.formula == [f"{wrong.coordinate}=250"]]  # red while it holds what was sent
    assert rule.stopIfTrue
