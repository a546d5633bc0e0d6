"""A framework written as a Kobo or ODK author writes it — repeats, calculations, dependent lists, times, ranges,
acknowledgements, or_other, regex(), required conditions — compiles, is emitted as a questionnaire that applies
each rule as the official types, is filled in code and in LibreOffice Calc (a row inserted inside the repeat's
table), and comes back through the inbox with every value read and every rule enforced, in Spanish and English."""
from __future__ import annotations

import datetime as dt
import shutil
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pipeline.analysis.normalise import normalise
from pipeline.analysis.validation import validate
from pipeline.domain.framework import Framework, QuestionType, pick
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import consolidate
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.response import read_answers
from tests.conftest import a_round
from tests.support import libreoffice
from tests.support.feature_form import write_feature_form
from tests.support.filling import fill

ROUND = "2026-PER-planning"
needs_calc = pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with the Python-UNO bridge is not installed")


@pytest.fixture
def framework(workspace) -> Framework:
    write_feature_form(workspace.root / "frameworks" / "features.xlsx")
    open_round(workspace, a_round())
    return available(workspace)["planning"].framework


def label(fw: Framework, list_: str, code: str, lang: str) -> str:
    return next(pick(c.label, lang) for c in fw.choices[list_] if c.name == code)


def good(fw: Framework, lang: str) -> dict[str, Any]:
    """Every answer valid; two plans in the repeat, the second of status 'other'."""
    yes = translate(m.Q_YES, lang)
    return {
        "resp_name": "Rosa Huamán", "q_has_plan": label(fw, "yes_no", "yes", lang),
        "q_plan_name#1": "Plan Bicentenario", "q_plan_year#1": 2021, "q_plan_status#1": label(fw, "status_or_other", "approved", lang),
        "q_plan_name#2": "Plan Regional", "q_plan_year#2": 2024, "q_plan_status#2": label(fw, "status_or_other", "other", lang),
        "q_plan_status_other#2": "En consulta pública",
        "q_region": label(fw, "regions", "north", lang), "q_city": label(fw, "cities", "n2", lang),
        "q_meeting_time": dt.time(9, 30), "q_last_session": dt.datetime(2026, 3, 15, 10, 0), "q_satisfaction": 8,
        "q_code": "PLN-21", "q_contact_email": "planes@example.gob.pe", "q_budget": 125_000,
        "q_tools__dashboards": yes, "q_tools__reports": yes, "q_n_tools": 12, "q_consent": translate(m.Q_ACKNOWLEDGED, lang),
    }


def bad(fw: Framework, lang: str) -> dict[str, Any]:
    """One plan where two are asked, approved in 1990; a city of another region; a malformed code; a satisfaction
    past the range; no e-mail though there is a plan; no acknowledgement."""
    answers = good(fw, lang)
    for key in ("q_plan_name#2", "q_plan_year#2", "q_plan_status#2", "q_plan_status_other#2", "q_contact_email", "q_consent"):
        answers.pop(key)
    answers.update({"q_plan_year#1": 1990, "q_city": label(fw, "cities", "s1", lang), "q_code": "abc-1", "q_satisfaction": 11})
    return answers


def issued(workspace, lang: str) -> Path:
    [path] = emit(workspace, ROUND, lang=lang)
    return path


def ingest(workspace, filled: Path, name: str):
    shutil.copyfile(filled, workspace.inbox / name)
    [outcome] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    return outcome


def problems(path: Path, fw: Framework, lang: str):
    normalised = normalise(read_answers(path, fw), fw, lang)
    return validate(normalised, fw, lang).problems


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_questionnaire_filled_in_code_comes_back_with_every_value_read(workspace, framework, lang):
    filled = fill(issued(workspace, lang), good(framework, lang), workspace.root / "filled.xlsx")
    outcome = ingest(workspace, filled, "features.xlsx")
    assert outcome.result == "accepted", [p.render("en") for p in problems(filled, framework, lang)]
    [response] = records.responses(workspace.ledger, ROUND)
    answers = response.answers
    assert {q: answers.value(q) for q in ("has_plan", "region", "city", "meeting_time", "last_session", "satisfaction",
                                           "code", "tools", "consent", "total_plans", "budget_k")} == {
        "has_plan": "yes", "region": "north", "city": "n2", "meeting_time": dt.time(9, 30),
        "last_session": dt.datetime(2026, 3, 15, 10, 0), "satisfaction": 8, "code": "PLN-21",
        "tools": ("dashboards", "reports"), "consent": "OK", "total_plans": 2, "budget_k": 125}
    rows = answers.rows("plans")
    assert [(r["plan_name"].value, r["plan_year"].value, r["plan_status"].value, r["plan_age"].value) for r in rows] == [
        ("Plan Bicentenario", 2021, "approved", 5), ("Plan Regional", 2024, "other", 2)]
    assert rows[1]["plan_status_other"].value == "En consulta pública" and "plan_status_other" not in rows[0] or \
        rows[0]["plan_status_other"].value is None
    consolidated = openpyxl.load_workbook(consolidate(workspace, ROUND, lang).path)
    listed = {(r[3], r[6]) for r in consolidated[translate(m.CONS_SHEET_LONG, lang)].iter_rows(min_row=2, values_only=True)}
    n = framework.number  # each question by its number, a table's rows numbered after it
    assert {(f"{n('plan_year')} (1)", 2021), (f"{n('plan_year')} (2)", 2024),
            (f"{n('plan_status')} (2)", label(framework, "status_or_other", "other", lang)), (n("meeting_time"), dt.time(9, 30))} <= listed


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_rule_is_enforced_on_ingest_and_the_feedback_marks_each_cell(workspace, framework, lang):
    filled = fill(issued(workspace, lang), bad(framework, lang), workspace.root / "filled.xlsx")
    found = {(p.message, str(p.params.get("question"))) for p in problems(filled, framework, lang) if p.severity.value == "error"}
    assert found == {
        (m.VAL_TOO_FEW_ROWS, "plans"), (m.VAL_CONSTRAINT_EXPLAINED, "plan_year #1"), (m.VAL_FILTERED_OUT, "city"),
        (m.VAL_CONSTRAINT_EXPLAINED, "code"), (m.VAL_OUT_OF_RANGE, "satisfaction"), (m.VAL_MISSING, "contact_email"),
        (m.VAL_MISSING, "consent")}
    outcome = ingest(workspace, filled, "features.xlsx")
    assert outcome.result == "incomplete"
    feedback = openpyxl.load_workbook(workspace.root / outcome.answer)
    year = named_cells(feedback, "q_plan_year")[0]
    assert year.value == 1990 and year.comment is not None
    reason = pick(framework.question("plan_year").constraint_message, lang)  # type: ignore[union-attr]
    assert translate(m.VAL_CONSTRAINT_EXPLAINED, lang, question=framework.reference("plan_year", 1), value=1990, reason=reason) in year.comment.text
    city = named_cells(feedback, "q_city")[0]
    assert city.comment is not None and f"{framework.number('city')} “" in city.comment.text  # one sentence: the question by number,
    assert label(framework, "cities", "n1", lang) not in city.comment.text  # the list in its cell offers the options, not the text
    listed = " ".join(str(c.value) for row in feedback[translate(m.Q_SHEET_PROBLEMS, lang)].iter_rows() for c in row if c.value)
    assert translate(m.VAL_TOO_FEW_ROWS, lang, question="plans", repeat=pick(framework.repeat("plans").label, lang),  # type: ignore[union-attr]
                     count=1, least=2) in listed


def test_the_questionnaire_applies_each_rule_while_the_official_types(workspace, framework):
    wb = openpyxl.load_workbook(issued(workspace, "es"))
    city = named_cells(wb, "q_city")[0]
    rules = {dv.type: dv for dv in city.parent.data_validations.dataValidation if city.coordinate in str(dv.sqref).split()}
    assert rules["list"].formula1 == "INDIRECT(VLOOKUP(q_region,fmap_city,2,FALSE))"
    north = [c.value for c in named_cells(wb, "f_city_1")]
    assert north == [label(framework, "cities", "n1", "es"), label(framework, "cities", "n2", "es")]
    kinds = {name: next(dv.type for dv in named_cells(wb, name)[0].parent.data_validations.dataValidation
                        if named_cells(wb, name)[0].coordinate in str(dv.sqref).split())
             for name in ("q_meeting_time", "q_last_session", "q_satisfaction", "q_consent")}
    assert kinds == {"q_meeting_time": "time", "q_last_session": "decimal", "q_satisfaction": "whole", "q_consent": "list"}
    budget_k = named_cells(wb, "q_budget_k")[0]
    assert budget_k.value == "=ROUND((q_budget)/(1000),1)" and budget_k.protection.locked
    code_help = named_cells(wb, "q_code")[0].offset(column=-1).value
    assert translate(m.Q_CHECKED_ON_RECEIPT, "es", rules="Tres mayúsculas, un guion y dos cifras (ABC-12)") in code_help
    [table] = named_cells(wb, "q_plan_year")[0].parent.tables.values()
    years = named_cells(wb, "q_plan_year")
    assert table.ref.endswith(str(years[-1].row)) and len(years) == 5


@needs_calc
@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_questionnaire_filled_in_calc_with_a_row_inserted_in_the_repeat_comes_back_whole(workspace, framework, lang, tmp_path):
    source = issued(workspace, lang)
    wb = openpyxl.load_workbook(source)
    years = named_cells(wb, "q_plan_year")
    sheet, first = years[0].parent.title, years[0].row
    columns = {name: named_cells(wb, name)[0].column_letter for name in ("q_plan_name", "q_plan_year", "q_plan_status")}
    answers = {k: v for k, v in good(framework, lang).items() if "#" not in k and k != "q_tools__reports"}
    answers.pop("q_meeting_time")
    answers.pop("q_last_session")
    operations: list[dict[str, Any]] = [{"op": "insert_rows", "sheet": sheet, "before_row": first + 1, "count": 1}]
    plans = [("Plan Bicentenario", 2021, "approved"), ("Plan Insertado", 2023, "draft"), ("Plan Regional", 2024, "approved")]
    for offset, (plan, year, status) in enumerate(plans):
        row = first + offset
        operations += [{"op": "set_cell", "sheet": sheet, "cell": f"{columns['q_plan_name']}{row}", "value": plan},
                       {"op": "set_cell", "sheet": sheet, "cell": f"{columns['q_plan_year']}{row}", "value": year},
                       {"op": "set_cell", "sheet": sheet, "cell": f"{columns['q_plan_status']}{row}",
                        "value": label(framework, "status_or_other", status, lang)}]
    operations += [{"op": "set_named", "name": n, "value": v} for n, v in answers.items()]
    operations += [{"op": "set_named", "name": "q_last_session", "value": {"date": "2026-03-15"}}, {"op": "recalculate"}]
    saved = libreoffice.edit(source, tmp_path / "calc.xlsx", operations)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        calc = openpyxl.load_workbook(saved, data_only=True)
    years = named_cells(calc, "q_plan_year")
    assert [c.value for c in years[:3]] == [2021, 2023, 2024] and len(years) == 6  # the name grew with the table
    rules = [dv for dv in years[0].parent.data_validations.dataValidation if dv.type == "whole"]
    assert any(f"{years[0].column_letter}{first + 1}" in str(dv.sqref) or
               any(first <= r.min_row and first + 1 <= r.max_row for r in dv.sqref.ranges) for dv in rules)
    assert named_cells(calc, "q_budget_k")[0].value == 125  # Calc computed the live formula
    outcome = ingest(workspace, saved, "calc.xlsx")
    assert outcome.result == "accepted", [p.render("en") for p in problems(saved, framework, lang)]
    [response] = records.responses(workspace.ledger, ROUND)
    assert [(r["plan_name"].value, r["plan_year"].value) for r in response.answers.rows("plans")] == [(p, y) for p, y, _ in plans]
    assert response.answers.value("last_session") == dt.datetime(2026, 3, 15) and response.answers.value("total_plans") == 3
    assert QuestionType.CALCULATE is framework.question("total_plans").type  # type: ignore[union-attr]
