"""The framework compiler, read as a specification: XLSForm workbooks in, Framework or problems out."""
from __future__ import annotations

import string
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from pipeline.domain.framework import QuestionType
from pipeline.domain.problems import Location, Problem, Severity, UserError
from pipeline.frameworks.compiler import CompileResult, compile_framework
from pipeline.i18n import messages as m
from pipeline.i18n.messages.frameworks import EXPR_BARE_NAME, EXPR_UNBALANCED
from pipeline.stages.frameworks import load_framework
from pipeline.workbooks import xlsform as xf
from pipeline.workbooks.xlsform import read_xlsform

TEMPLATES = Path(__file__).resolve().parents[2] / "templates_xlsx" / "frameworks"
HEAD = ["type", "name", "label::English (en)", "label::Español (es)"]
CHOICES = [["list_name", "name", "label::English (en)", "label::Español (es)"],
           ["yes_no", "yes", "Yes", "Sí"], ["yes_no", "no", "No", "No"]]
SETTINGS = [["form_id", "version", "form_title", "default_language"], ["demo", "1", "Demostración", "Español (es)"]]
Rows = list[list[Any]]


def build(tmp_path: Path, survey: Rows, choices: Rows | None = CHOICES, settings: Rows | None = SETTINGS,
          elements: Rows | None = None, name: str = "demo.xlsx") -> Path:
    """Writes an XLSForm workbook whose sheets hold ``rows`` (the first row of each is its header)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings), ("elements", elements)):
        if rows is not None:
            sheet = wb.create_sheet(title)
            for row in rows:
                sheet.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def grouped(*rows: list[Any], head: list[str] = HEAD) -> Rows:
    """A survey sheet: ``head``, then ``rows`` inside one group 'd1' (so the first of them is on row 3)."""
    return [head, ["begin_group", "d1", "Planning", "Planificación"], *rows, ["end_group"]]


def compiled(tmp_path: Path, survey: Rows, **sheets: Any) -> CompileResult:
    result = compile_framework(read_xlsform(build(tmp_path, survey, **sheets)), "demo.xlsx")
    for problem in result.problems:  # every message formats with the fields it was given
        assert problem.render("en") and problem.render("es")
    return result


def found(result: CompileResult, message: str) -> list[Problem]:
    return [p for p in result.problems if p.message == message]


def one(result: CompileResult, message: str) -> Problem:
    matches = found(result, message)
    assert len(matches) == 1, [p.render("en") for p in result.problems]
    return matches[0]


def at(row: int | None, column: str | None, sheet: str = "survey") -> Location:
    return Location(file="demo.xlsx", sheet=sheet, row=row, column=column)


def clean(result: CompileResult) -> None:
    """No problem, but the warning about a number question without a range (tested on its own)."""
    problems = [p for p in result.problems if p.message != m.FW_NUMBER_NO_RANGE]
    assert not problems, [p.render("en") for p in problems]
    assert result.framework is not None


# Reading the workbook

def test_it_reads_each_sheet_with_true_row_numbers_skipping_blank_rows(tmp_path: Path) -> None:
    survey: Rows = [HEAD, [], ["text", "q1", "Name", "Nombre"], [None, "  ", None], ["integer", "q2", "Age", "Edad"]]
    sheets = read_xlsform(build(tmp_path, survey))
    assert sheets.survey is not None and sheets.elements is None
    assert [(r.number, r.get("name")) for r in sheets.survey.rows] == [(3, "q1"), (5, "q2")]
    assert sheets.sheet_names == ("survey", "choices", "settings")


def test_it_matches_headers_lower_cased_and_keeps_them_as_written(tmp_path: Path) -> None:
    sheets = read_xlsform(build(tmp_path, [[" Type ", "NAME", "Label :: English (en)"], ["text", "q1", "Name"]]))
    assert sheets.survey is not None
    assert sheets.survey.headers == {"type": "Type", "name": "NAME", "label::english (en)": "Label :: English (en)"}
    assert sheets.survey.rows[0].get("label::english (en)") == "Name"


def test_it_reads_cells_as_trimmed_text_with_whole_numbers_without_decimals(tmp_path: Path) -> None:
    sheets = read_xlsform(build(tmp_path, [HEAD + ["weight"], ["  text ", "q1", "Name", "Nombre", 2.0]],
                                settings=[["version"], [1.0]]))
    assert sheets.survey is not None and sheets.settings is not None
    assert sheets.survey.rows[0].values["type"] == "text" and sheets.survey.rows[0].get("weight") == "2"
    assert sheets.settings.rows[0].get("version") == "1"


def test_it_finds_its_sheets_whatever_their_case(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Survey"
    wb.active.append(["type"])
    wb.save(tmp_path / "f.xlsx")
    sheets = read_xlsform(tmp_path / "f.xlsx")
    assert sheets.survey is not None and sheets.survey.title == "Survey"


@pytest.mark.parametrize("content, message", [
    (b"type,name,label\ntext,q1,Name\n", m.XLSFORM_NOT_XLSX),
    (b"", m.XLSFORM_EMPTY),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, m.XLSFORM_LEGACY),
])
def test_it_refuses_a_file_that_is_not_an_xlsx_whatever_its_name(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "framework.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError) as raised:
        read_xlsform(path)
    assert raised.value.message == message
    assert raised.value.problems[0].where == Location(file="framework.xlsx")


def test_it_refuses_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "framework.xlsx", "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(UserError) as raised:
        read_xlsform(tmp_path / "framework.xlsx")
    assert raised.value.message == m.XLSFORM_DAMAGED


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as raised:
        load_framework(tmp_path / "nowhere.xlsx")
    assert raised.value.message == m.XLSFORM_MISSING


# A small form

def test_it_compiles_a_small_form_into_dimensions_and_questions(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["select_one yes_no", "q1", "Is there a plan?", "¿Hay un plan?"],
                                        ["integer", "q2", "How many?", "¿Cuántos?"]))
    clean(result)
    fw = result.framework
    assert fw is not None
    assert (fw.id, fw.version, fw.title, fw.default_language, fw.languages) == ("demo", "1", {"es": "Demostración"}, "es", ("es", "en"))
    assert [d.name for d in fw.dimensions] == ["d1"]
    assert fw.dimensions[0].label == {"en": "Planning", "es": "Planificación"}
    q1, q2 = fw.questions
    assert (q1.type, q1.list_name, q1.row, q1.weight, q1.evidence, q1.required) == (QuestionType.SELECT_ONE, "yes_no", 3, 1.0, "no", False)
    assert [c.name for c in fw.options(q1)] == ["yes", "no"] and q2.type is QuestionType.INTEGER
    assert set(fw.choices) == {"yes_no"}


def test_groups_become_dimensions_with_their_label_and_hint_in_each_language(tmp_path: Path) -> None:
    head = HEAD + ["hint::English (en)", "hint::Español (es)"]
    survey = [head, ["begin_group", "d1", "Planning", "Planificación", "About plans", "Sobre los planes"],
              ["text", "q1", "Name", "Nombre"], ["end_group"],
              ["begin group", "d2", "Budget", "Presupuesto"], ["text", "q2", "Amount", "Monto"], ["end group"]]
    fw = compiled(tmp_path, survey).framework
    assert fw is not None
    assert [(d.name, d.hint, [q.name for q in d.questions]) for d in fw.dimensions] == [
        ("d1", {"en": "About plans", "es": "Sobre los planes"}, ["q1"]), ("d2", {}, ["q2"])]


def test_a_question_outside_any_group_goes_into_a_dimension_named_after_the_form(tmp_path: Path) -> None:
    result = compiled(tmp_path, [HEAD, ["text", "q0", "Name", "Nombre"], *grouped(["text", "q1", "Age", "Edad"])[1:],
                                 ["text", "q2", "Role", "Cargo"]])
    assert result.framework is not None
    assert [(d.name, [q.name for q in d.questions]) for d in result.framework.dimensions] == [
        ("demo", ["q0", "q2"]), ("d1", ["q1"])]
    assert result.framework.dimensions[0].label == {"es": "Demostración"}
    warning = one(result, m.FW_LOOSE_QUESTIONS)
    assert (warning.severity, warning.where, warning.params) == (Severity.WARNING, at(2, "type"), {"count": 2, "dimension": "demo"})


def test_the_dimension_of_loose_questions_takes_a_name_no_group_has(tmp_path: Path) -> None:
    survey = [HEAD, ["text", "q0", "Name", "Nombre"], ["begin_group", "demo", "Demo", "Demo"], ["text", "q1", "Age", "Edad"], ["end_group"]]
    fw = compiled(tmp_path, survey).framework
    assert fw is not None and [d.name for d in fw.dimensions] == ["demo_2", "demo"]


def test_nested_groups_are_flattened_into_their_dimension_with_a_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["begin_group", "inner", "Inner", "Interior"], ["text", "q1", "Name", "Nombre"],
                                        ["end_group"], ["text", "q2", "Age", "Edad"]))
    assert result.framework is not None
    assert [[q.name for q in d.questions] for d in result.framework.dimensions] == [["q1", "q2"]]
    warning = one(result, m.FW_NESTED_GROUP)
    assert (warning.severity, warning.where, warning.params) == (Severity.WARNING, at(3, "type"), {"name": "inner", "parent": "d1"})


def test_a_group_relevant_applies_to_each_of_its_questions(tmp_path: Path) -> None:
    head = HEAD + ["relevant"]
    survey = [head, ["begin_group", "d0", "Intro", "Intro"], ["select_one yes_no", "has", "Has?", "¿Tiene?"], ["end_group"],
              ["begin_group", "d1", "Plans", "Planes", "${has} = 'yes'"], ["integer", "n", "How many?", "¿Cuántos?"],
              ["integer", "m", "And?", "¿Y?", "${n} > 0"], ["end_group"]]
    fw = compiled(tmp_path, survey).framework
    assert fw is not None
    assert (fw.question("n").relevant, fw.question("m").relevant) == (  # type: ignore[union-attr]
        "${has} = 'yes'", "(${has} = 'yes') and (${n} > 0)")


def test_it_refuses_an_end_group_that_closes_no_group(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"]) + [["end_group"]])
    assert result.framework is None
    assert one(result, m.FW_END_WITHOUT_BEGIN).where == at(5, "type")


def test_it_refuses_a_group_that_is_never_closed_at_the_row_it_begins(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"])[:-1])
    problem = one(result, m.FW_GROUP_NOT_ENDED)
    assert (problem.where, problem.params) == (at(2, "type"), {"name": "d1"})


def test_a_group_with_no_questions_is_left_out_with_a_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"]) + [["begin_group", "d2", "Empty", "Vacío"], ["end_group"]])
    assert result.framework is not None and len(result.framework.dimensions) == 1
    assert one(result, m.FW_EMPTY_GROUP).severity is Severity.WARNING


# Types

@pytest.mark.parametrize("kind, message", [
    ("select_one_from_file places.csv", m.FW_FROM_FILE), ("select_multiple_from_file places.csv", m.FW_FROM_FILE),
    ("select_one_external places", m.FW_FROM_FILE), ("select one from file places.csv", m.FW_FROM_FILE),
    ("rank yes_no", m.FW_RANK), ("geopoint", m.FW_GEO), ("geotrace", m.FW_GEO), ("geoshape", m.FW_GEO), ("gps", m.FW_GEO),
    ("location", m.FW_GEO), ("image", m.FW_MEDIA), ("photo", m.FW_MEDIA), ("audio", m.FW_MEDIA), ("video", m.FW_MEDIA),
    ("file", m.FW_MEDIA), ("barcode", m.FW_MEDIA), ("add image prompt", m.FW_MEDIA), ("hidden", m.FW_HIDDEN),
    ("xml-external", m.FW_HIDDEN), ("number", m.FW_UNKNOWN_TYPE), ("integer x", m.FW_UNKNOWN_TYPE),
])
def test_it_refuses_what_an_excel_cell_cannot_hold_saying_what_to_ask_instead(tmp_path: Path, kind: str, message: str) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"], [kind, "q2", "Other", "Otro"]))
    problem = one(result, message)
    assert (problem.where, problem.params, result.framework) == (at(4, "type"), {"type": kind}, None)


def test_a_photo_is_refused_saying_to_ask_for_a_link(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["image", "q1", "Photo", "Foto"]))
    assert "ask for a link to the document" in one(result, m.FW_MEDIA).render("en")


@pytest.mark.parametrize("kind", ["start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "audit",
                                  "imei", "start-geopoint", "get start time", "uri:deviceid"])
def test_it_ignores_metadata_fields_with_a_warning(tmp_path: Path, kind: str) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"]) + [[kind, kind]])
    assert result.framework is not None and [q.name for q in result.framework.questions] == ["q1"]
    warning = one(result, m.FW_METADATA)
    assert (warning.severity, warning.where) == (Severity.WARNING, at(5, "type"))


@pytest.mark.parametrize("kind, expected", [
    ("select_one yes_no", QuestionType.SELECT_ONE), ("select one yes_no", QuestionType.SELECT_ONE),
    ("select_multiple yes_no", QuestionType.SELECT_MULTIPLE), ("select multiple yes_no", QuestionType.SELECT_MULTIPLE),
    ("integer", QuestionType.INTEGER), ("decimal", QuestionType.DECIMAL), ("text", QuestionType.TEXT),
    ("date", QuestionType.DATE), ("note", QuestionType.NOTE), ("time", QuestionType.TIME), ("datetime", QuestionType.DATETIME),
    ("dateTime", QuestionType.DATETIME), ("acknowledge", QuestionType.ACKNOWLEDGE), ("range", QuestionType.RANGE),
    ("select one from yes_no", QuestionType.SELECT_ONE), ("select1 yes_no", QuestionType.SELECT_ONE),
    ("select all that apply from yes_no", QuestionType.SELECT_MULTIPLE), ("select all that apply yes_no", QuestionType.SELECT_MULTIPLE),
    ("string", QuestionType.TEXT), ("int", QuestionType.INTEGER), ("tel", QuestionType.TEXT), ("phone number", QuestionType.TEXT),
    ("Select_One yes_no", QuestionType.SELECT_ONE), ("add integer prompt", QuestionType.INTEGER),
])
def test_it_accepts_the_question_types_of_a_framework(tmp_path: Path, kind: str, expected: QuestionType) -> None:
    result = compiled(tmp_path, grouped(["text", "q0", "Name", "Nombre"], [kind, "q1", "Question", "Pregunta"]))
    clean(result)
    assert result.framework is not None and result.framework.question("q1").type is expected  # type: ignore[union-attr]


@pytest.mark.parametrize("kind, message", [("select_one", m.FW_SELECT_LIST), ("select_one a b", m.FW_SELECT_LIST),
                                           ("select_multiple nowhere", m.FW_UNKNOWN_LIST)])
def test_a_select_must_name_one_list_of_the_choices_sheet(tmp_path: Path, kind: str, message: str) -> None:
    result = compiled(tmp_path, grouped([kind, "q1", "Pick", "Elija"]))
    assert one(result, message).where == at(3, "type") and result.framework is None


def test_a_row_with_a_name_but_no_type_is_refused(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"], [None, "q2", "Age", "Edad"]))
    assert one(result, m.FW_NO_TYPE).where == at(4, "type")


# Columns

@pytest.mark.parametrize("column, message", [("calculation", m.FW_CALCULATION_UNUSED), ("choice_filter", m.FW_FILTER_NOT_SELECT),
                                             ("repeat_count", m.FW_REPEAT_COUNT_UNUSED), ("trigger", m.FW_TRIGGER)])
def test_columns_that_do_nothing_on_a_row_are_warned_about(tmp_path: Path, column: str, message: str) -> None:
    head = HEAD + [column]
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre", ""], ["integer", "q2", "Age", "Edad", "${q1}"], head=head))
    warning = one(result, message)
    assert (warning.where, warning.severity) == (at(4, column), Severity.WARNING) and result.framework is not None


def test_it_ignores_harmless_columns(tmp_path: Path) -> None:
    head = HEAD + ["appearance", "media::image::English (en)", "guidance_hint::English (en)", "required_message", "default", "read_only"]
    clean(compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre", "multiline", "a.png", "Ask kindly", "Please", "x", "no"], head=head)))


def test_it_refuses_a_column_written_twice(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre", "Name"], head=HEAD + ["Label::English (en)"]))
    assert one(result, m.FW_DUPLICATE_COLUMN).where == at(1, "Label::English (en)")


def test_it_refuses_a_survey_without_type_or_name_columns(tmp_path: Path) -> None:
    result = compiled(tmp_path, [["type", "label"], ["text", "Name"]])
    assert one(result, m.FW_MISSING_COLUMN).params == {"sheet": "survey", "column": "name"}


def test_it_refuses_a_workbook_without_a_survey_sheet(tmp_path: Path) -> None:
    path = build(tmp_path, [["x"]])
    result = compile_framework(xf.XLSFormSheets(sheet_names=("Sheet1",)), path.name)
    assert one(result, m.FW_NO_SURVEY).params == {"sheets": "Sheet1"}


@pytest.mark.parametrize("header, language", [
    ("label::English (en)", "en"), ("label::en", "en"), ("label::English", "en"), ("Label :: Español (es)", "es"),
    ("label::Spanish", "es"), ("label::Français (fr)", "fr"), ("label::fr", "fr"), ("label::Português", "pt"), ("label::pt-BR", "pt"),
])
def test_label_columns_may_name_their_language_in_several_ways(tmp_path: Path, header: str, language: str) -> None:
    survey = [["type", "name", header], ["begin_group", "d1", "D"], ["text", "q1", "Q"], ["end_group"]]
    fw = compiled(tmp_path, survey, choices=None, settings=[["form_id", "version"], ["demo", "1"]]).framework
    assert fw is not None and fw.question("q1").label == {language: "Q"}  # type: ignore[union-attr]
    assert fw.default_language == language


def test_a_plain_label_column_is_in_the_default_language(tmp_path: Path) -> None:
    survey = [["type", "name", "label", "label::French"], ["begin_group", "d1", "D", "D"], ["text", "q1", "Name", "Nom"], ["end_group"]]
    settings = [["form_id", "version", "default_language"], ["demo", "1", "English (en)"]]
    fw = compiled(tmp_path, survey, choices=None, settings=settings).framework
    assert fw is not None and fw.question("q1").label == {"en": "Name", "fr": "Nom"}  # type: ignore[union-attr]
    assert fw.languages == ("en", "fr")


def test_a_column_in_another_language_is_ignored_with_a_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre", "Suti"], head=HEAD + ["label::Quechua (qu)"]))
    assert result.framework is not None and result.framework.languages == ("es", "en")
    warning = one(result, m.FW_UNKNOWN_LANGUAGE)
    assert (warning.severity, warning.where) == (Severity.WARNING, at(1, "label::Quechua (qu)"))


def test_languages_are_sorted_with_the_default_first(tmp_path: Path) -> None:
    head = ["type", "name", "label::Português (pt)", "label::English (en)", "label::Français (fr)", "label::Español (es)"]
    survey = [head, ["begin_group", "d1", "a", "b", "c", "d"], ["text", "q1", "a", "b", "c", "d"], ["end_group"]]
    settings = [["form_id", "version", "default_language"], ["demo", "1", "Français (fr)"]]
    choices = [["list_name", "name", "label::fr"], ["unused", "x", "X"]]
    fw = compiled(tmp_path, survey, settings=settings, choices=choices).framework
    assert fw is not None and fw.languages == ("fr", "en", "es", "pt") and fw.default_language == "fr"


def test_it_warns_for_each_label_missing_in_a_language_naming_the_language(tmp_path: Path) -> None:
    survey = grouped(["select_one yes_no", "q1", "Plan?", None], ["text", "q2", "Name", "Nombre"])
    choices = CHOICES[:2] + [["yes_no", "no", None, "No"], ["unused", "x", "X", None]]
    elements = [["name", "label::English (en)", "label::Español (es)"], ["e1", None, "Elemento"]]
    result = compiled(tmp_path, survey, choices=choices, elements=elements)
    assert result.framework is not None
    assert [(w.where, w.params) for w in found(result, m.FW_MISSING_TRANSLATION)] == [
        (at(2, "label::English (en)", "elements"), {"name": "e1", "languages": "en"}),
        (at(3, "label::Español (es)"), {"name": "q1", "languages": "es"}),
        (at(3, "label::English (en)", "choices"), {"name": "no", "languages": "en"}),
    ]
    assert all(w.severity is Severity.WARNING for w in result.problems)


# Names and labels

@pytest.mark.parametrize("name, message", [(None, m.FW_NO_NAME), ("2q", m.FW_BAD_NAME), ("q one", m.FW_BAD_NAME),
                                           ("año", m.FW_BAD_NAME), ("q1", m.FW_DUPLICATE_NAME_IN_GROUP)])
def test_names_are_required_valid_and_unique_within_their_group(tmp_path: Path, name: str | None, message: str) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"], ["text", name, "Age", "Edad"]))
    assert one(result, message).where == at(4, "name") and result.framework is None


def test_the_duplicate_name_message_points_to_the_first_row_and_names_the_group(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"], ["text", "q1", "Age", "Edad"]))
    assert one(result, m.FW_DUPLICATE_NAME_IN_GROUP).params == {"name": "q1", "first": 3, "group": "d1"}
    outside = compiled(tmp_path, [HEAD, ["text", "q1", "Name", "Nombre"], ["text", "q1", "Age", "Edad"]])
    assert one(outside, m.FW_DUPLICATE_NAME).params == {"name": "q1", "first": 2}


def test_the_same_name_in_two_groups_is_two_questions_and_references_mean_the_nearest(tmp_path: Path) -> None:
    head = HEAD + ["relevant"]
    survey = [head, ["begin_group", "a", "A", "A"], ["integer", "n", "How many?", "¿Cuántos?"],
              ["text", "why", "Why?", "¿Por qué?", "${n} > 0"], ["end_group"],
              ["begin_group", "b", "B", "B"], ["integer", "n", "How many?", "¿Cuántos?"],
              ["text", "why", "Why?", "¿Por qué?", "${n} > 1"], ["end_group"]]
    result = compiled(tmp_path, survey)
    clean(result)
    fw = result.framework
    assert fw is not None and [q.name for q in fw.questions] == ["a.n", "a.why", "b.n", "b.why"]
    assert (fw.question("a.why").relevant, fw.question("b.why").relevant) == ("${a.n} > 0", "${b.n} > 1")  # type: ignore[union-attr]


def test_a_reference_that_could_mean_two_questions_is_refused_naming_their_groups(tmp_path: Path) -> None:
    head = HEAD + ["relevant"]
    survey = [head, ["begin_group", "a", "A", "A"], ["integer", "n", "N", "N"], ["end_group"],
              ["begin_group", "b", "B", "B"], ["integer", "n", "N", "N"], ["end_group"],
              ["begin_group", "c", "C", "C"], ["text", "q", "Q", "Q", "${n} > 1"], ["end_group"]]
    problem = one(compiled(tmp_path, survey), m.FW_AMBIGUOUS_REFERENCE)
    assert (problem.where, problem.params) == (at(9, "relevant"), {"name": "n", "groups": "'a', 'b'"})


def test_names_may_use_dots_and_dashes(tmp_path: Path) -> None:
    clean(compiled(tmp_path, grouped(["text", "_q.1-a", "Name", "Nombre"])))


def test_a_question_without_a_label_shows_its_name_with_a_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", None, None]))
    warning = one(result, m.FW_LABEL_IS_NAME)
    assert (warning.where, warning.severity) == (at(3, "label"), Severity.WARNING)
    assert result.framework is not None and result.framework.question("q1").label == {"es": "q1"}  # type: ignore[union-attr]


# Choices

def test_choices_need_a_name_a_list_and_a_label_and_repeated_or_spaced_names_are_warned_about(tmp_path: Path) -> None:
    choices = CHOICES + [["yes_no", "yes", "Yes again", "Sí otra vez"], ["yes_no", "maybe", None, None],
                         ["other", "yes", "Yes", "Sí"], ["yes_no", "not sure", "Not sure", "No sé"], ["yes_no", None, "x", "x"],
                         [None, "orphan", "Orphan", "Huérfano"]]
    result = compiled(tmp_path, grouped(["select_one yes_no", "q1", "Plan?", "¿Plan?"]), choices=choices)
    duplicate = one(result, m.FW_DUPLICATE_CHOICE)
    assert (duplicate.params, duplicate.severity) == ({"name": "yes", "list": "yes_no", "first": 2}, Severity.WARNING)
    assert one(result, m.FW_LABEL_IS_NAME).where == at(5, "label", "choices")
    spaced = one(result, m.FW_CHOICE_BAD_NAME)
    assert (spaced.where, spaced.severity) == (at(7, "name", "choices"), Severity.WARNING)
    assert one(result, m.FW_CHOICE_NO_NAME).where == at(8, "name", "choices")
    assert one(result, m.FW_CHOICE_NO_LIST).where == at(9, "list_name", "choices")


def test_duplicate_choices_are_kept_when_the_settings_allow_them(tmp_path: Path) -> None:
    choices = CHOICES + [["yes_no", "yes", "Yes again", "Sí otra vez"]]
    settings = [["form_id", "version", "allow_choice_duplicates"], ["demo", "1", "yes"]]
    result = compiled(tmp_path, grouped(["select_one yes_no", "q1", "Plan?", "¿Plan?"]), choices=choices, settings=settings)
    assert not found(result, m.FW_DUPLICATE_CHOICE) and result.framework is not None
    assert [c.name for c in result.framework.choices["yes_no"]] == ["yes", "no", "yes"]


def test_an_empty_choices_sheet_is_fine_for_a_form_without_selects(tmp_path: Path) -> None:
    clean(compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"]), choices=[]))


def test_unused_lists_of_choices_are_fine(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre"]), choices=CHOICES + [["spare", "a", "A", "A"]])
    clean(result)
    assert result.framework is not None and result.framework.choices == {}


# Values of the MECIGEP columns

@pytest.mark.parametrize("value, expected", [("yes", True), ("Yes", True), ("TRUE", True), ("true()", True), (1, True),
                                             ("no", False), ("false", False), (None, False)])
def test_required_reads_yes_or_no(tmp_path: Path, value: Any, expected: bool) -> None:
    fw = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre", value], head=HEAD + ["required"])).framework
    assert fw is not None and fw.questions[0].required is expected


def test_required_may_be_a_condition_on_other_answers(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["select_one yes_no", "has", "Has?", "¿Tiene?"],
                                        ["text", "q1", "Name", "Nombre", "${has} = 'yes'"], head=HEAD + ["required"]))
    clean(result)
    q1 = result.framework.question("q1")  # type: ignore[union-attr]
    assert q1 is not None and (q1.required, q1.required_if) == (False, "${has} = 'yes'")


def test_a_required_condition_is_checked_like_any_expression(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "Name", "Nombre", "${q0} = 1"], ["text", "q2", "Age", "Edad", "maybe"],
                                        head=HEAD + ["required"]))
    assert one(result, m.FW_UNKNOWN_REFERENCE).where == at(3, "required")
    assert one(result, EXPR_BARE_NAME).where == at(4, "required")


def test_weight_is_a_number_of_zero_or_more_and_one_by_default(tmp_path: Path) -> None:
    head = HEAD + ["weight"]
    fw = compiled(tmp_path, grouped(["text", "q1", "A", "A", None], ["text", "q2", "B", "B", 2], ["text", "q3", "C", "C", "0,5"],
                                    ["text", "q4", "D", "D", 0], head=head)).framework
    assert fw is not None and [q.weight for q in fw.questions] == [1.0, 2.0, 0.5, 0.0]
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A", -1], ["text", "q2", "B", "B", "heavy"], head=head))
    assert [p.where for p in found(result, m.FW_BAD_WEIGHT)] == [at(3, "weight"), at(4, "weight")]


def test_evidence_is_no_yes_or_the_maturity_level_from_which_it_is_asked(tmp_path: Path) -> None:
    choices = CHOICES + [["levels", str(n), f"Level {n}", f"Nivel {n}"] for n in range(5)]
    head = HEAD + ["evidence"]
    fw = compiled(tmp_path, grouped(["select_one levels", "q1", "A", "A", 2], ["select_one yes_no", "q2", "B", "B", "yes"],
                                    ["text", "q3", "C", "C", None], ["text", "q4", "D", "D", "No"], head=head), choices=choices).framework
    assert fw is not None and [q.evidence for q in fw.questions] == ["2", "yes", "no", "no"]
    result = compiled(tmp_path, grouped(["select_one levels", "q1", "A", "A", 7], ["select_one yes_no", "q2", "B", "B", 2], head=head),
                      choices=choices)
    assert one(result, m.FW_BAD_EVIDENCE).where == at(3, "evidence")
    warning = one(result, m.FW_EVIDENCE_LEVEL)
    assert (warning.severity, warning.where) == (Severity.WARNING, at(4, "evidence"))


def test_a_question_keeps_its_element_hint_constraint_message_and_interview_prompt(tmp_path: Path) -> None:
    head = HEAD + ["hint::en", "constraint", "constraint_message::en", "element", "interview_prompt::Español (es)"]
    elements = [["name", "label::English (en)", "label::Español (es)"], ["e1", "Element", "Elemento"]]
    result = compiled(tmp_path, grouped(["integer", "q1", "How many?", "¿Cuántos?", "Count them", ". >= 0", "Not negative", "e1",
                                         "Pregunte por el registro"], head=head), elements=elements)
    clean(result)
    fw = result.framework
    assert fw is not None and fw.elements == {"e1": {"en": "Element", "es": "Elemento"}}
    q = fw.questions[0]
    assert (q.hint, q.constraint, q.constraint_message, q.element, q.prompt) == (
        {"en": "Count them"}, ". >= 0", {"en": "Not negative"}, "e1", {"es": "Pregunte por el registro"})


def test_an_element_not_on_the_elements_sheet_is_kept_with_one_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A", "e9"], ["text", "q2", "B", "B", "e9"], head=HEAD + ["element"]))
    assert result.framework is not None and [q.element for q in result.framework.questions] == ["e9", "e9"]
    warning = one(result, m.FW_UNKNOWN_ELEMENT)
    assert (warning.severity, warning.where, warning.params) == (Severity.WARNING, at(3, "element"), {"element": "e9"})


# Expressions

def test_a_relevant_that_does_not_parse_is_refused_at_its_row_and_column_with_the_parsers_message(tmp_path: Path) -> None:
    head = HEAD + ["relevant", "constraint"]
    result = compiled(tmp_path, grouped(["integer", "q1", "A", "A", None, "(. > 0"], ["text", "q2", "B", "B", "${q1} > zero"], head=head))
    unbalanced, bare = one(result, EXPR_UNBALANCED), one(result, EXPR_BARE_NAME)
    assert (unbalanced.where, unbalanced.params) == (at(3, "constraint"), {"column": 1})
    assert (bare.where, bare.params) == (at(4, "relevant"), {"column": 9, "name": "zero"})
    assert result.framework is None


def test_every_reference_must_be_a_question_of_the_form(tmp_path: Path) -> None:
    head = HEAD + ["relevant"]
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A", "${q2} != ''"], ["integer", "q2", "B", "B", "${q9} > 1 or ${d1} = 1"],
                                        head=head))
    assert [(p.where, p.params) for p in found(result, m.FW_UNKNOWN_REFERENCE)] == [
        (at(4, "relevant"), {"name": "d1"}), (at(4, "relevant"), {"name": "q9"})]
    assert "${q9}" in found(result, m.FW_UNKNOWN_REFERENCE)[1].render("en")


def test_a_relevant_cannot_use_the_questions_own_answer(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["integer", "q1", "A", "A", "not(. > 0)", ". > 0"], head=HEAD + ["relevant", "constraint"]))
    assert one(result, m.FW_DOT_IN_RELEVANT).where == at(3, "relevant")


# Settings and elements

def test_settings_give_the_id_version_titles_default_language_topic_and_note(tmp_path: Path) -> None:
    settings = [["form_id", "version", "form_title::English (en)", "form_title::Español (es)", "default_language", "topic", "status_note"],
                ["pl", 2026.1, "Planning", "Planificación", "Español (es)", "planning", "Illustrative."]]
    fw = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=settings).framework
    assert fw is not None
    assert (fw.id, fw.version, fw.title, fw.default_language, fw.topic, fw.note) == (
        "pl", "2026.1", {"en": "Planning", "es": "Planificación"}, "es", "planning", "Illustrative.")


def test_without_a_form_id_the_framework_is_named_after_the_file_with_a_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=[["version"], ["1"]])
    assert result.framework is not None and result.framework.id == "demo"
    assert result.framework.title == {"es": "demo"}
    assert one(result, m.FW_NO_FORM_ID).where == at(2, "form_id", "settings")
    assert one(result, m.FW_NO_TITLE).severity is Severity.WARNING


def test_a_form_without_a_version_gets_one_from_its_content_with_a_warning(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=[["form_id"], ["demo"]])
    warning = one(result, m.FW_NO_VERSION)
    assert result.framework is not None and warning.severity is Severity.WARNING
    assert (warning.where, warning.params) == (at(2, "version", "settings"), {"version": result.framework.version})
    again = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=[["form_id"], ["demo"]]).framework
    changed = compiled(tmp_path, grouped(["text", "q1", "B", "B"]), settings=[["form_id"], ["demo"]]).framework
    assert again is not None and changed is not None
    assert again.version == result.framework.version != changed.version
    assert one(compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=None), m.FW_NO_VERSION).where == at(None, "version", "settings")


def test_a_default_language_that_is_not_a_working_language_is_warned_about(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=[["version", "default_language"], ["1", "Quechua (qu)"]])
    assert one(result, m.FW_BAD_DEFAULT_LANGUAGE).params == {"value": "Quechua (qu)"}
    assert result.framework is not None and result.framework.default_language == "es"


def test_a_default_language_without_labels_gives_way_to_one_that_has_them(tmp_path: Path) -> None:
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), settings=[["version", "default_language"], ["1", "Português (pt)"]])
    assert one(result, m.FW_DEFAULT_LANGUAGE_UNUSED).params == {"language": "pt", "used": "es"}
    assert result.framework is not None and result.framework.languages == ("es", "en")


def test_elements_need_unique_names_and_a_label(tmp_path: Path) -> None:
    elements = [["name", "label::English (en)", "label::Español (es)"], ["e1", "One", "Uno"], ["e1", "Again", "Otra"],
                ["e2", None, None], [None, "Three", "Tres"]]
    result = compiled(tmp_path, grouped(["text", "q1", "A", "A"]), elements=elements)
    assert one(result, m.FW_DUPLICATE_NAME).where == at(3, "name", "elements")
    assert one(result, m.FW_NO_LABEL).where == at(4, "label", "elements")
    assert one(result, m.FW_NO_NAME).where == at(5, "name", "elements")


# The whole

def test_it_collects_every_problem_before_deciding(tmp_path: Path) -> None:
    head = HEAD + ["relevant", "weight", "calculation"]
    survey = grouped(["text", "q1", "A", "A", "${nope} = 1", "-2"], ["geopoint", "where", "Where", "Dónde"],
                     ["select_one nowhere", "q1", "B", "B"], ["calculate", "c", None, None, None, None, "${c} + 1"], ["end_group"],
                     head=head)
    result = compiled(tmp_path, survey, settings=[["form_id"], ["demo"]])
    messages = {p.message for p in result.errors}
    assert {m.FW_UNKNOWN_REFERENCE, m.FW_BAD_WEIGHT, m.FW_CALCULATION_CYCLE, m.FW_GEO, m.FW_UNKNOWN_LIST,
            m.FW_DUPLICATE_NAME_IN_GROUP, m.FW_END_WITHOUT_BEGIN} <= messages
    with pytest.raises(UserError) as raised:
        load_framework(build(tmp_path, survey, settings=[["form_id"], ["demo"]]))
    assert {p.message for p in raised.value.problems} == messages
    assert all(p.severity is Severity.ERROR for p in raised.value.problems)


def test_load_framework_returns_the_framework_when_there_are_only_warnings(tmp_path: Path) -> None:
    fw = load_framework(build(tmp_path, [HEAD, ["start", "start"], ["text", "q1", "A", "A"]]))
    assert [d.name for d in fw.dimensions] == ["demo"]


def test_every_message_says_what_is_wrong_and_then_what_to_do() -> None:
    messages = {k: v for k, v in vars(m).items() if k.startswith("FW_")}
    assert len(messages) >= 40
    for key, message in messages.items():
        assert "; " in message and message.endswith(".") and message[0].isupper() or message[0] in "'${", key
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
        assert message.format(**dict.fromkeys(fields, "x")), key


def test_a_realistic_odk_form_compiles_as_it_is(tmp_path: Path) -> None:
    head = ["type", "name", "label::English (en)", "label::Español (es)", "hint::English (en)", "required", "relevant",
            "constraint", "constraint_message::English (en)", "appearance", "required_message::English (en)"]
    survey: Rows = [head, ["start", "start"], ["end", "end"], ["today", "today"], ["deviceid", "deviceid"],
              ["begin_group", "respondent", "Respondent", "Persona que responde", None, None, None, None, None, "field-list"],
              ["text", "inst_name", "Institution", "Institución", "Full name", "yes", None, None, None, None, "Required"],
              ["select_one yes_no", "has_plan", "Is there a plan?", "¿Hay un plan?", None, "yes"],
              ["select_multiple sectors", "plan_sectors", "Which sectors?", "¿Qué sectores?", None, "yes", "selected(${has_plan}, 'yes')"],
              ["text", "other_sector", "Which other?", "¿Cuál otro?", None, None, "selected(${plan_sectors}, 'other')"],
              ["integer", "staff", "How many staff?", "¿Cuánto personal?", None, None, None, ". >= 0", "Cannot be negative"],
              ["end_group"], [],
              ["begin group", "budget", "Budget", "Presupuesto"],
              ["decimal", "share", "Share (%)", "Proporción (%)", None, None, "count-selected(${plan_sectors}) > 0",
               ". >= 0 and . <= 100", "Between 0 and 100"],
              ["date", "approved", "Approved on", "Aprobado el"],
              ["note", "thanks", "Thank you", "Gracias"],
              ["end group"]]
    choices = [["list_name", "name", "label::English (en)", "label::Español (es)", "image"],
               ["yes_no", "yes", "Yes", "Sí"], ["yes_no", "no", "No", "No"],
               ["sectors", "health", "Health", "Salud"], ["sectors", "education", "Education", "Educación"],
               ["sectors", "other", "Other", "Otro"]]
    settings = [["form_title", "form_id", "version", "instance_name", "default_language", "style"],
                ["Plan survey", "plan_survey", 2024050101, "concat(${inst_name})", "English (en)", "pages"]]
    result = compiled(tmp_path, survey, choices=choices, settings=settings)
    assert result.errors == ()
    assert [p.params["type"] for p in result.warnings if p.message != m.FW_NUMBER_NO_RANGE] == ["start", "end", "today", "deviceid"]
    assert [p.params["name"] for p in result.warnings if p.message == m.FW_NUMBER_NO_RANGE] == ["staff"]  # . >= 0 only
    fw = result.framework
    assert fw is not None
    assert (fw.id, fw.version, fw.default_language, fw.languages, fw.title) == (
        "plan_survey", "2024050101", "en", ("en", "es"), {"en": "Plan survey"})
    assert [(d.name, len(d.questions)) for d in fw.dimensions] == [("respondent", 5), ("budget", 3)]
    assert fw.question("plan_sectors").relevant == "selected(${has_plan}, 'yes')"  # type: ignore[union-attr]
    assert fw.question("staff").constraint_message == {"en": "Cannot be negative"}  # type: ignore[union-attr]
    assert fw.question("inst_name").required and fw.question("inst_name").hint == {"en": "Full name"}  # type: ignore[union-attr]
    assert fw.question("share").row == 15  # type: ignore[union-attr]


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_every_shipped_framework_compiles_without_errors(path: Path) -> None:
    result = compile_framework(read_xlsform(path), path.name)
    assert result.errors == (), [p.render("en") for p in result.errors]
    fw = result.framework
    assert fw is not None and fw.version and fw.id == path.stem
    assert 4 <= len(fw.dimensions) <= 8
    assert 20 <= len([q for q in fw.questions if q.answerable]) <= 40
    assert set(fw.languages) == {"es", "en", "pt", "fr"} and fw.default_language == "es"
