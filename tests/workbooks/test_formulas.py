"""XLSForm expressions as Excel formulas: what Excel and LibreOffice compute the same way is translated, the rest
is left to the inbox."""
import pytest

from pipeline.domain.framework import Question, QuestionType
from pipeline.frameworks.expressions import parse
from pipeline.workbooks.formulas import FormulaContext, Untranslatable, to_formula
from tests.support.sample_framework import sample_framework

FW = sample_framework()


def formula(text: str, **cells: str) -> str:
    return to_formula(parse(text), FormulaContext(FW, "Sí", FW.question("law_year"), cells))


@pytest.mark.parametrize("text, expected", [
    ("if(${law_year} > 2000, 'new', 'old')", 'IF(IFERROR(AND(ISNUMBER(q_law_year),q_law_year>2000),FALSE),"new","old")'),
    ("concat(${obstacles}, '!')", '(q_obstacles&"!")'),
    ("round(${budget_share} div 10, 1)", "ROUND((q_budget_share)/(10),1)"),
    ("coalesce(${obstacles}, 'none')", 'IF(LEN(q_obstacles)>0,q_obstacles,"none")'),
    ("today()", "TODAY()"),
    ("count-selected(${tools}) > 1", 'IFERROR(AND(ISNUMBER(COUNTIF(q_tools,"Sí")),COUNTIF(q_tools,"Sí")>1),FALSE)'),
    ("contains(${obstacles}, 'datos')", 'ISNUMBER(FIND("datos",q_obstacles))'),
])
def test_what_excel_computes_as_odk_does_is_a_live_formula(text, expected):
    assert formula(text) == expected


@pytest.mark.parametrize("text", ["regex(., '^[0-9]+$')", "format-date(${last_review}, '%Y')", "selected-at(${tools}, 0)"])
def test_what_excel_cannot_compute_the_same_way_is_left_to_the_inbox(text):
    with pytest.raises(Untranslatable):
        formula(text)


def test_in_a_repeat_row_a_question_of_the_row_is_its_cell():
    row = Question(name="year", type=QuestionType.INTEGER, label={"es": "Año"}, repeat="plans")
    ctx = FormulaContext(FW, "Sí", row, {"year": "B5"})
    assert to_formula(parse(". >= 2000"), ctx) == "IFERROR(AND(ISNUMBER(B5),B5>=2000),FALSE)"
