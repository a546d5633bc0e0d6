"""Readers see a question by its number and an element by its number and name, never by the framework's ids."""
from pipeline.domain.framework import Dimension, Question, QuestionType, Repeat
from tests.support.sample_framework import sample_framework


def test_a_question_is_numbered_by_its_dimension_and_its_place_among_the_questions_one_answers():
    fw = sample_framework()
    assert [fw.number(q) for q in fw.questions] == ["1.1", "1.2", "1.3", "", "2.1", "2.2", "2.3", "2.4"]  # a note has none
    assert fw.number("budget_share") == "2.2" and fw.number(fw.question("plan")) == "1.1"
    assert fw.number("no_such_question") == ""


def test_a_column_of_a_table_of_rows_is_numbered_by_its_sheet():
    fw = sample_framework()
    plans = Repeat(name="plans", label={"es": "Planes"}, questions=(
        Question(name="plan_name", type=QuestionType.TEXT, label={"es": "Nombre"}),
        Question(name="plan_year", type=QuestionType.INTEGER, label={"es": "Año"})))
    second = fw.dimensions[1]
    fw = fw.model_copy(update={"dimensions": (fw.dimensions[0], Dimension(**{**second.model_dump(), "repeats": (plans,)}))})
    assert fw.number("plan_year") == "2.1.2"  # dimension 2, its first table (sheet "2.1"), second column


def test_an_element_has_a_number_and_a_name_in_each_language():
    fw = sample_framework().model_copy(update={"elements": {"e1": {"es": "Visión de largo plazo", "en": "Long-term vision"},
                                                            "e2": {}}})
    assert (fw.element_number("e1"), fw.element_number("e2"), fw.element_number("e9")) == ("E1", "E2", "")
    assert fw.element_label("e1", "en") == "Long-term vision" and fw.element_label("e1", "pt") == "Visión de largo plazo"
    assert fw.element_label("e2", "es") == "E2"  # no name: its number, never its id
