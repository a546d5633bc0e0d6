"""Forms written for pyxform (KoboToolbox, ODK, SurveyCTO) compile as pyxform reads them: its spellings of
columns, types and language headers, plain forms without version or groups, and the features a self-assessment
needs — repeats, calculations, choice filters, or_other, ranges — each checked where it is written."""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from pipeline.domain.framework import QuestionType
from pipeline.domain.problems import Severity
from pipeline.frameworks.aliases import header_keys
from pipeline.i18n import messages as m
from pipeline.stages.frameworks import check_framework
from tests.frameworks.test_compiler import CHOICES, HEAD, at, build, clean, compiled, found, grouped, one


@pytest.mark.parametrize("sheet, header, key", [
    ("survey", "relevance", "relevant"), ("survey", "Relevant", "relevant"), ("survey", "constraint message", "constraint_message"),
    ("survey", "Constraint Message::English (en)", "constraint_message::english (en)"), ("survey", "jr:constraintMsg", "constraint_message"),
    ("survey", "required message", "required_message"), ("survey", "requiredMsg", "required_message"),
    ("survey", "choice filter", "choice_filter"), ("survey", "CHOICE_FILTER", "choice_filter"), ("survey", "calculate", "calculation"),
    ("survey", "count", "repeat_count"), ("survey", "jr:count", "repeat_count"), ("survey", "caption", "label"),
    ("survey", "read only", "read_only"), ("survey", "image::English (en)", "media::image::english (en)"),
    ("choices", "list name", "list_name"), ("choices", "List Name", "list_name"), ("choices", "value", "name"),
    ("choices", "caption::Español (es)", "label::español (es)"), ("settings", "set_form_id", "form_id"),
    ("settings", "id_string", "form_id"), ("settings", "Form ID", "form_id"), ("settings", "set_form_title", "form_title"),
])
def test_every_header_spelling_pyxform_accepts_is_read_by_the_same_key(sheet: str, header: str, key: str) -> None:
    assert header_keys(sheet, ["type", header]) == ["type", key]


def test_single_colon_language_headers_are_split_only_when_no_header_uses_double_colons() -> None:
    assert header_keys("survey", ["label:English", "hint:English (en)"]) == ["label::english", "hint::english (en)"]
    assert header_keys("survey", ["label::English", "hint:English"]) == ["label::english", "hint:english"]


def test_relevance_is_read_as_relevant_not_dropped(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["select_one yes_no", "a", "A?", "¿A?"], ["text", "b", "B", "B", "${a} = 'yes'"],
                                        head=HEAD + ["relevance"]))
    clean(result)
    assert result.framework.question("b").relevant == "${a} = 'yes'"  # type: ignore[union-attr]


def test_a_form_with_single_colon_label_columns_compiles_in_its_languages(tmp_path: Path) -> None:
    head = ["type", "name", "label:English", "label:Español", "constraint message:English"]
    survey = [head, ["integer", "n", "How many?", "¿Cuántos?", "Positive"]]
    choices = [["list name", "value", "label:English", "label:Español"], ["yes_no", "yes", "Yes", "Sí"]]
    result = compiled(tmp_path, survey, choices=choices, settings=[["form_id", "version"], ["f", "1"]])
    assert result.errors == ()
    q = result.framework.question("n")  # type: ignore[union-attr]
    assert q is not None and q.label == {"en": "How many?", "es": "¿Cuántos?"} and q.constraint_message == {"en": "Positive"}


def test_surveycto_value_column_names_the_choices(tmp_path: Path) -> None:
    choices = [["list_name", "value", "label::English (en)", "label::Español (es)"], ["yes_no", "yes", "Yes", "Sí"], ["yes_no", "no", "No", "No"]]
    result = compiled(tmp_path, grouped(["select_one yes_no", "q1", "Plan?", "¿Plan?"]), choices=choices)
    clean(result)
    assert [c.name for c in result.framework.choices["yes_no"]] == ["yes", "no"]  # type: ignore[union-attr]


@pytest.mark.parametrize("labels, language, message", [
    (["Is there a long-term plan?", "How many staff does the institution have?"], "en", m.FW_LANGUAGE_DETECTED),
    (["¿Existe un plan de largo plazo?", "¿Cuántos funcionarios tiene la institución?"], "es", m.FW_LANGUAGE_DETECTED),
    (["Existe-t-il un plan à long terme ?", "Combien de fonctionnaires compte l'institution ?"], "fr", m.FW_LANGUAGE_DETECTED),
    (["Plan", "Staff"], "es", m.FW_LANGUAGE_UNKNOWN),
])
def test_a_plain_label_column_is_in_the_language_its_text_is_written_in(tmp_path: Path, labels: list[str], language: str,
                                                                         message: str) -> None:
    survey = [["type", "name", "label"], ["text", "q1", labels[0]], ["integer", "q2", labels[1]]]
    result = compiled(tmp_path, survey, choices=None, settings=[["form_id", "version"], ["f", "1"]])
    assert result.framework is not None and result.framework.default_language == language
    assert result.framework.question("q1").label == {language: labels[0]}  # type: ignore[union-attr]
    warning = one(result, message)
    assert (warning.severity, warning.where, warning.params) == (Severity.WARNING, at(1, "label"), {"language": language})


def test_a_plain_form_without_settings_groups_or_version_compiles_with_warnings(tmp_path: Path) -> None:
    survey = [["type", "name", "label"], ["text", "name", "What is your name?"], ["int", "age", "How old are you?"]]
    result = compiled(tmp_path, survey, choices=None, settings=None)
    assert result.errors == () and result.framework is not None
    assert {p.message for p in result.warnings} == {m.FW_NO_FORM_ID, m.FW_NO_VERSION, m.FW_NO_TITLE, m.FW_LOOSE_QUESTIONS,
                                                      m.FW_LANGUAGE_DETECTED, m.FW_NUMBER_NO_RANGE}
    assert [d.name for d in result.framework.dimensions] == ["demo"] and result.framework.default_language == "en"


def test_settings_written_as_survey_rows_are_read(tmp_path: Path) -> None:
    survey = [HEAD, ["form_id", "from_row"], *grouped(["text", "q1", "A", "A"])[1:]]
    result = compiled(tmp_path, survey, settings=[["version"], ["1"]])
    assert result.framework is not None and result.framework.id == "from_row" and not found(result, m.FW_NO_FORM_ID)


@pytest.mark.parametrize("text, message, params", [
    ("False", m.EXPR_BOOLEAN_WORD, {"name": "False", "fixed": "false()", "column": 1}),
    ("${q1} = 'a' or TRUE", m.EXPR_BOOLEAN_WORD, {"name": "TRUE", "fixed": "true()", "column": 16}),
    ("/data/q1 = 'a'", m.EXPR_XPATH_PATH, {"token": "/", "column": 1}),
    ("${last-saved#q1} = 'a'", m.EXPR_LAST_SAVED, {"column": 1}),
])
def test_python_booleans_xpath_paths_and_device_data_get_a_message_that_says_what_to_write(
        tmp_path: Path, text: str, message: str, params: dict[str, object]) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"], ["text", "q2", "B", "B", text], head=HEAD + ["relevant"]))
    problem = one(result, message)
    assert (problem.where, problem.params) == (at(4, "relevant"), params)


@pytest.mark.parametrize("text", ["${q1} = ‘yes’", "${q1} = “yes”"])
def test_quotes_pasted_from_word_are_read_as_straight_quotes_with_a_warning(tmp_path: Path, text: str) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"], ["text", "q2", "B", "B", text], head=HEAD + ["relevant"]))
    warning = one(result, m.FW_CURLY_QUOTES)
    assert (warning.where, warning.severity) == (at(4, "relevant"), Severity.WARNING)
    assert "write straight quotes" in warning.render("en")
    assert result.framework is not None and result.framework.question("q2").relevant in ("${q1} = 'yes'", '${q1} = "yes"')  # type: ignore[union-attr]


def test_the_parser_itself_names_a_curly_quote() -> None:
    from pipeline.frameworks.expressions import ExpressionError, parse

    with pytest.raises(ExpressionError) as raised:
        parse("${q1} = ‘yes’")
    assert (raised.value.message, raised.value.params) == (m.EXPR_CURLY_QUOTE, {"token": "‘", "column": 9})


# Repeats

def test_a_repeat_is_a_table_in_its_dimension_with_its_least_number_of_rows(tmp_path: Path) -> None:
    head = HEAD + ["relevant", "repeat_count"]
    result = compiled(tmp_path, grouped(["select_one yes_no", "has", "Has?", "¿Tiene?"],
                                        ["begin_repeat", "plans", "Plans", "Planes", "${has} = 'yes'", 2],
                                        ["text", "plan", "Plan", "Plan"], ["integer", "year", "Year", "Año", "${plan} != ''"],
                                        ["end_repeat"], ["text", "after", "After", "Después"], head=head))
    clean(result)
    fw = result.framework
    assert fw is not None and [q.name for q in fw.questions] == ["has", "after"]
    [repeat] = fw.repeats
    assert (repeat.name, repeat.count, repeat.relevant, repeat.position, repeat.row) == ("plans", "2", "${has} = 'yes'", 1, 4)
    assert [(q.name, q.repeat, q.relevant) for q in repeat.questions] == [("plan", "plans", None), ("year", "plans", "${plan} != ''")]


def test_a_repeat_outside_any_group_is_a_dimension_of_its_own(tmp_path: Path) -> None:
    survey = [HEAD, ["begin repeat", "staff", "Staff", "Personal"], ["text", "who", "Who", "Quién"], ["end repeat"]]
    fw = compiled(tmp_path, survey).framework
    assert fw is not None and [(d.name, [r.name for r in d.repeats]) for d in fw.dimensions] == [("staff", ["staff"])]


def test_a_repeat_inside_a_repeat_is_refused_and_ends_must_match(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["begin_repeat", "outer", "O", "O"], ["begin_repeat", "inner", "I", "I"],
                                        ["text", "q", "Q", "Q"], ["end_repeat"], ["end_group"], ["end_repeat"]))
    nested = one(result, m.FW_NESTED_REPEAT)
    assert (nested.where, nested.params) == (at(4, "type"), {"name": "inner", "parent": "outer"})
    mismatch = found(result, m.FW_END_MISMATCH)[0]
    assert mismatch.where == at(7, "type") and mismatch.params["expected"] == "end_repeat"


def test_a_loop_over_a_list_asks_for_a_row_per_choice(tmp_path: Path) -> None:
    fw = compiled(tmp_path, grouped(["begin_loop over yes_no", "each", "Each", "Cada"], ["text", "q", "Q", "Q"], ["end_loop"])).framework
    assert fw is not None and fw.repeats[0].count == "2"


# Calculations, filters, or_other, ranges

def test_a_calculate_keeps_its_expression_and_one_that_needs_itself_is_refused(tmp_path: Path) -> None:
    head = HEAD + ["calculation"]
    fw = compiled(tmp_path, grouped(["integer", "n", "N", "N"], ["calculate", "double", None, None, "${n} * 2"], head=head)).framework
    assert fw is not None and fw.question("double").calculation == "${n} * 2"  # type: ignore[union-attr]
    assert not fw.question("double").answerable and fw.question("double").label == {"es": "double"}  # type: ignore[union-attr]
    result = compiled(tmp_path, grouped(["calculate", "a", None, None, "${b} + 1"], ["calculate", "b", None, None, "${a} + 1"],
                                        ["calculate", "c", None, None, None], head=head))
    cycle = found(result, m.FW_CALCULATION_CYCLE)[0]
    assert cycle.where == at(3, "calculation") and cycle.params["path"] == "a → b → a"
    assert one(result, m.FW_NO_CALCULATION).where == at(5, "calculation")


def test_a_choice_filter_reads_columns_of_the_choices_sheet(tmp_path: Path) -> None:
    choices = [["list_name", "name", "label::English (en)", "label::Español (es)", "region"],
               ["regions", "n", "North", "Norte"], ["regions", "s", "South", "Sur"],
               ["cities", "n1", "A", "A", "n"], ["cities", "s1", "B", "B", "s"]]
    head = HEAD + ["choice_filter"]
    fw = compiled(tmp_path, grouped(["select_one regions", "region", "R", "R"], ["select_one cities", "city", "C", "C", "region = ${region}"],
                                    head=head), choices=choices).framework
    assert fw is not None and fw.question("city").choice_filter == "region = ${region}"  # type: ignore[union-attr]
    assert [c.columns for c in fw.choices["cities"]] == [{"region": "n"}, {"region": "s"}]
    result = compiled(tmp_path, grouped(["select_one regions", "region", "R", "R"], ["select_one cities", "city", "C", "C", "state = ${region}"],
                                        head=head), choices=choices)
    problem = one(result, m.FW_FILTER_COLUMN)
    assert (problem.where, problem.params) == (at(4, "choice_filter"), {"column": "state", "list": "cities"})


def test_or_other_adds_an_other_choice_and_a_question_that_says_what_it_is(tmp_path: Path) -> None:
    fw = compiled(tmp_path, grouped(["select_one yes_no or_other", "q1", "Plan?", "¿Plan?"])).framework
    assert fw is not None
    q1, other = fw.questions
    assert [c.name for c in fw.options(q1)] == ["yes", "no", "other"]
    assert fw.options(q1)[-1].label == {"es": "Otro", "en": "Other"}
    assert (other.name, other.type, other.relevant) == ("q1_other", QuestionType.TEXT, "selected(${q1}, 'other')")


def test_a_range_reads_its_parameters(tmp_path: Path) -> None:
    head = HEAD + ["parameters"]
    fw = compiled(tmp_path, grouped(["range", "r", "R", "R", "start=1 end=5 step=0.5"], head=head)).framework
    assert fw is not None and fw.question("r").range.model_dump() == {"start": 1, "end": 5, "step": 0.5}  # type: ignore[union-attr]
    assert one(compiled(tmp_path, grouped(["range", "r", "R", "R", "start=1 end=5 step=0"], head=head)), m.FW_BAD_RANGE).where == \
        at(3, "parameters")


def test_regex_patterns_are_checked(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A", "regex(., '[a-z')"], head=HEAD + ["constraint"]))
    problem = one(result, m.FW_BAD_REGEX)
    assert problem.where == at(3, "constraint") and problem.params["pattern"] == "[a-z"


def test_time_datetime_acknowledge_and_functions_compile(tmp_path: Path) -> None:
    head = HEAD + ["constraint", "calculation"]
    result = compiled(tmp_path, grouped(["time", "t", "T", "T", ". > '08:00'"], ["datetime", "d", "D", "D", ". <= now()"],
                                        ["acknowledge", "ok", "OK", "OK"], ["text", "s", "S", "S", "string-length(.) <= 10 and regex(., '^[A-Z]')"],
                                        ["calculate", "c", None, None, None, "if(${ok} = 'OK', concat(${s}, '!'), coalesce(${s}, 'none'))"],
                                        head=head))
    clean(result)


# Reading by the cells a sheet holds

def test_a_sheet_that_declares_a_million_rows_is_read_in_a_moment(tmp_path: Path) -> None:
    path = build(tmp_path, grouped(["text", "q1", "Name", "Nombre"]), choices=CHOICES)
    declared = tmp_path / "declared.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(declared, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:AMJ1048576"', data)
            target.writestr(item, data)
    started = time.monotonic()
    result = check_framework(declared)
    assert time.monotonic() - started < 2 and result.framework is not None
