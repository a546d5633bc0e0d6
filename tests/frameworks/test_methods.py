"""The framework's scoring columns, read as a specification: ``method`` and ``replaces`` on the elements sheet
(a row named after a dimension gives that dimension's method), ``level`` and ``replaces`` on the survey sheet, and
an optional ``averaging`` sheet."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from pipeline.domain.enums import Method
from pipeline.domain.methods import MethodSpec, Scoring
from pipeline.frameworks.compiler import CompileResult, compile_framework
from pipeline.i18n import messages as m
from pipeline.stages.frameworks import SHIPPED, load_framework
from pipeline.workbooks.xlsform import read_xlsform

HEAD = ["type", "name", "label::Español (es)", "element", "level", "replaces"]
CHOICES = [["list_name", "name", "label::Español (es)"], ["yes_no", "yes", "Sí"], ["yes_no", "no", "No"],
           *[["levels", str(n), f"{n} – Nivel {n}"] for n in range(5)], ["levels", "na", "No aplica"],
           ["levels", "ii", "Información insuficiente"]]
SETTINGS = [["form_id", "version", "form_title", "default_language"], ["demo", "2", "Demostración", "Español (es)"]]
SURVEY = [HEAD, ["begin_group", "d1", "Planificación"],
          ["select_one levels", "q1", "Uno", "e1"], ["select_one levels", "q2", "Dos", "e1", "", "old_q2"],
          ["select_one yes_no", "r1", "Requisito", "e2", "2"], ["select_one levels", "q3", "Tres", "e2"],
          ["end_group"]]


def compiled(tmp_path: Path, elements: list[list[Any]], survey: list[list[Any]] = SURVEY,
             averaging: list[list[Any]] | None = None) -> CompileResult:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", survey), ("choices", CHOICES), ("settings", SETTINGS), ("elements", elements),
                        ("averaging", averaging)):
        if rows is not None:
            sheet = wb.create_sheet(title)
            for row in rows:
                sheet.append(row)
    wb.save(tmp_path / "demo.xlsx")
    result = compile_framework(read_xlsform(tmp_path / "demo.xlsx"), "demo.xlsx")
    for problem in result.problems:
        assert problem.render("en") and problem.render("es")
    return result


def messages(result: CompileResult) -> list[str]:
    return [p.message for p in result.problems]


def test_each_element_and_dimension_takes_the_method_its_row_names(tmp_path):
    result = compiled(tmp_path, [["name", "label::Español (es)", "method", "replaces"],
                                 ["e1", "Uno", "weakest_link", "old_e1, old_e9"], ["e2", "Dos", "cumulative"],
                                 ["d1", "", "share 2"]])
    assert result.framework is not None, [p.render("en") for p in result.problems]
    scoring = result.framework.scoring
    assert scoring.elements == {"e1": MethodSpec(method=Method.WEAKEST_LINK), "e2": MethodSpec(method=Method.CUMULATIVE)}
    assert scoring.dimensions == {"d1": MethodSpec(method=Method.SHARE, threshold=2)}
    assert "d1" not in result.framework.elements  # a dimension's row is not an element
    assert scoring.element_replaces == {"e1": ("old_e1", "old_e9")}
    assert scoring.question_replaces == {"q2": ("old_q2",)} and scoring.levels == {"r1": 2}


def test_pefa_names_are_understood_and_a_blank_method_is_the_weighted_mean(tmp_path):
    result = compiled(tmp_path, [["name", "label::Español (es)", "method"], ["e1", "Uno", "M1"], ["e2", "Dos", "m2"]])
    assert result.framework is not None
    assert result.framework.scoring.element("e1").method is Method.WEAKEST_LINK
    assert result.framework.scoring.element("e2").method is Method.AVERAGING_TABLE
    assert result.framework.scoring.dimension("d1").method is Method.WEIGHTED_MEAN
    assert m.FW_LEVEL_UNUSED in messages(result)  # r1's level serves no cumulative element


def test_an_unknown_method_or_level_is_an_error_at_its_cell(tmp_path):
    survey = [row if row[1:2] != ["r1"] else ["select_one yes_no", "r1", "Requisito", "e2", "5"] for row in SURVEY]
    result = compiled(tmp_path, [["name", "label::Español (es)", "method"], ["e1", "Uno", "mean of medians"],
                                 ["e2", "Dos", "share 7"]], survey)
    assert result.framework is None
    problems = {p.message: p for p in result.problems}
    assert problems[m.FW_UNKNOWN_METHOD].where.row == 2 and problems[m.FW_UNKNOWN_METHOD].params["value"] == "mean of medians"
    assert problems[m.FW_BAD_THRESHOLD].where.row == 3
    assert problems[m.FW_BAD_LEVEL].where.row == 5 and problems[m.FW_BAD_LEVEL].where.sheet == "survey"


def test_a_level_on_a_text_question_is_refused_and_an_element_with_a_method_still_needs_a_label(tmp_path):
    survey = [*SURVEY[:-1], ["text", "t1", "Texto", "e2", "1"], ["end_group"]]
    result = compiled(tmp_path, [["name", "label::Español (es)", "method"], ["e1", "", "weakest_link"], ["e2", "Dos", "cumulative"]],
                      survey)
    assert m.FW_LEVEL_NOT_YES_NO in messages(result) and m.FW_NO_LABEL in messages(result)


def test_a_framework_gives_its_own_averaging_table_with_plus_or_halves(tmp_path):
    result = compiled(tmp_path, [["name", "label::Español (es)", "method"], ["e1", "Uno", "averaging_table"]],
                      averaging=[["scores", "result"], ["3 1", "1+"], ["1 1 3", "1,5"], ["2 2 4", "3"]])
    assert result.framework is not None
    assert result.framework.scoring.averaging == {"1 3": 1.5, "1 1 3": 1.5, "2 2 4": 3.0}


def test_a_wrong_averaging_row_is_named(tmp_path):
    result = compiled(tmp_path, [["name", "label::Español (es)"], ["e1", "Uno"], ["e2", "Dos"]],
                      averaging=[["scores", "result"], ["1 9", "2"], ["1 3", "2.3"], ["3 1", "2"], ["1 3", "2"]])
    problems = [(p.message, p.where.row) for p in result.problems]
    assert (m.FW_AVERAGING_SCORES, 2) in problems and (m.FW_AVERAGING_RESULT, 3) in problems
    assert (m.FW_AVERAGING_DUPLICATE, 5) in problems


def test_the_shipped_frameworks_without_method_columns_declare_nothing():
    for path in sorted(SHIPPED.glob("*.xlsx")):
        framework = load_framework(path)
        if framework.id != "public_budget":
            assert framework.scoring == Scoring(), path.name


def test_the_public_budget_starter_framework_shows_methods_as_an_example():
    framework = load_framework(SHIPPED / "public_budget.xlsx")
    assert framework.scoring.declared
    assert {s.method for s in framework.scoring.elements.values()} >= {Method.WEAKEST_LINK, Method.AVERAGING_TABLE}
