"""A returned questionnaire is checked against its framework: every problem, named at its cell."""
import datetime as dt

import pytest

from pipeline.analysis import validation as v
from pipeline.analysis.normalise import Answer, Normalised, normalise
from pipeline.analysis.validation import AnswerStatus, answer_model, validate
from pipeline.domain.framework import Framework
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.i18n import messages as m
from pipeline.i18n.messages.answers import RESP_NOT_A_NUMBER
from pipeline.i18n.translation import translate
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire
from pipeline.workbooks.response import read_answers
from tests.support.filling import fill
from tests.support.sample_framework import sample_framework
from tests.workbooks.test_response import AS_AN_OFFICIAL_TYPES, NO, SHEET1, SHEET2, YES

FILE = "r.xlsx"


@pytest.fixture
def framework():
    return sample_framework()


@pytest.fixture
def questionnaire(tmp_path, framework):
    identity = Identity("2026-PER-planning.mef.1", "2026-PER-planning", "mef", framework.id, framework.version, "es",
                        framework.structure_hash, "2026-11-28")
    cover = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18), "jm@example.org")
    return write_questionnaire(tmp_path / "q.xlsx", framework, identity, cover)


def returned(questionnaire, framework, tmp_path, answers, lang="es"):
    path = fill(questionnaire, answers, tmp_path / "filled.xlsx")
    return validate(normalise(read_answers(path, framework), framework, lang), framework, lang)


def at(cell, sheet=SHEET1):
    return Location(FILE, sheet, cell)


def response(answers=None, evidence=None, problems=()):
    """A Normalised built by hand: question -> value, each answer in column D of its own row."""
    made = {name: Answer(name, value, value, at(f"D{row}")) for row, (name, value) in enumerate((answers or {}).items(), 4)}
    proofs = {name: Answer(name, value, value, at(f"E{row}")) for row, (name, value) in enumerate((evidence or {}).items(), 4)}
    return Normalised({"language": "es"}, {}, made, proofs, tuple(problems))


def variant(framework, name, **changes):
    """``framework`` with question ``name`` changed (built anew, so that its structure hash is too)."""
    data = framework.model_dump()
    for dimension in data["dimensions"]:
        for question in dimension["questions"]:
            if question["name"] == name:
                question.update(changes)
    return Framework.model_validate(data)


COMPLETE = {"plan": "1", "law": "no", "tools": ("reports",)}


def test_the_questionnaire_as_an_official_fills_it_is_complete(questionnaire, framework, tmp_path):
    result = returned(questionnaire, framework, tmp_path, AS_AN_OFFICIAL_TYPES)
    assert result.problems == () and result.complete
    assert (result.required, result.answered, result.completion) == (4, 4, 1.0)
    assert result.statuses == {"plan": AnswerStatus.ANSWERED, "law": AnswerStatus.ANSWERED, "law_year": AnswerStatus.ANSWERED,
                               "tools": AnswerStatus.ANSWERED, "budget_share": AnswerStatus.ANSWERED,
                               "last_review": AnswerStatus.ANSWERED, "obstacles": AnswerStatus.ANSWERED}


def test_a_required_question_left_empty_is_named_with_its_cell(questionnaire, framework, tmp_path):
    result = returned(questionnaire, framework, tmp_path, {"q_plan": "1 – Nivel 1 en español", "q_tools__reports": YES})
    [missing] = result.errors
    assert (missing.message, missing.params["question"]) == (m.VAL_MISSING, "law")
    assert missing.where == Location("filled.xlsx", SHEET1, "D5")
    assert "1.2 “¿Una ley lo exige?”" in missing.render("es") and "D5" in missing.render("en")  # by number and text, not id
    assert result.statuses["law"] is AnswerStatus.MISSING and result.statuses["law_year"] is AnswerStatus.NOT_APPLICABLE
    assert result.statuses["budget_share"] is AnswerStatus.EMPTY_OPTIONAL and not result.complete


def test_a_required_question_without_a_cell_is_still_named():
    result = validate(response({"plan": "1", "law": "no"}), sample_framework())
    [missing] = result.errors
    assert missing.params == {"question": "tools"} and missing.where == Location(sheet=None, cell=None)


def test_an_answer_to_a_question_that_does_not_apply_is_a_warning(framework):
    result = validate(response({**COMPLETE, "law_year": 1995}), framework)
    [warning] = result.problems
    assert (warning.message, warning.severity, warning.where) == (m.VAL_NOT_APPLICABLE, Severity.WARNING, at("D7"))
    assert result.warnings == (warning,) and result.errors == () and result.complete
    assert result.statuses["law_year"] is AnswerStatus.NOT_APPLICABLE
    assert "1.3 “Year of the law”" in warning.render("en") and "ignored" in warning.render("en")


def test_a_value_that_breaks_the_constraint_is_an_error_with_the_value(framework):
    result = validate(response({**COMPLETE, "law": "yes", "law_year": 1900}, {"law": "Ley 1"}), framework, "en")
    [error] = result.errors
    assert (error.message, error.params["value"], error.where) == (m.VAL_CONSTRAINT, 1900, at("D7"))
    assert "1900" in error.render("en") and result.statuses["law_year"] is AnswerStatus.INVALID
    assert not result.complete and result.answered == 3


def test_the_constraint_message_of_the_framework_is_used_in_the_respondents_language(framework):
    strict = variant(framework, "law_year", constraint_message={"es": "el año debe estar entre 1950 y 2030.",
                                                                "en": "the year must be between 1950 and 2030."})
    answers = response({**COMPLETE, "law": "yes", "law_year": 1900}, {"law": "Ley 1"})
    [english] = validate(answers, strict, "en").errors
    assert english.message == m.VAL_CONSTRAINT_EXPLAINED
    assert "the year must be between 1950 and 2030" in english.render("en") and "1900" in english.render("en")
    [spanish] = validate(answers, strict).errors  # the response's own language by default
    assert spanish.params["reason"] == "el año debe estar entre 1950 y 2030"
    [french] = validate(answers, strict, "fr").errors  # no French text: the framework's default language
    assert french.params["reason"] == "el año debe estar entre 1950 y 2030"


def test_completion_counts_only_relevant_required_questions(framework):
    without_law = validate(response({"plan": "2", "law": "no"}, {"plan": "Plan 2030"}), framework)
    assert (without_law.required, without_law.answered) == (3, 2)
    assert without_law.completion == pytest.approx(2 / 3)
    with_law = validate(response({"plan": "2", "law": "yes", "tools": ()}, {"plan": "Plan 2030", "law": "Ley 1"}), framework)
    assert (with_law.required, with_law.answered, with_law.completion) == (4, 3, 0.75)
    assert with_law.statuses["tools"] is AnswerStatus.ANSWERED  # every option answered no is an answer


def test_nothing_required_is_complete():
    optional = Framework.model_validate({**sample_framework().model_dump(), "dimensions": [
        {"name": "d", "label": {"es": "D"}, "questions": [{"name": "x", "type": "text", "label": {"es": "X"}}]}]})
    result = validate(Normalised({}), optional)
    assert (result.required, result.answered, result.completion, result.complete) == (0, 0, 1.0, True)
    assert result.statuses == {"x": AnswerStatus.EMPTY_OPTIONAL}


def test_insufficient_information_and_not_applicable_count_as_answered_without_evidence(framework):
    for level in ("ii", "na"):
        result = validate(response({**COMPLETE, "plan": level}), framework)
        assert result.problems == () and result.statuses["plan"] is AnswerStatus.ANSWERED and result.complete


def test_evidence_asked_and_left_empty_is_named_at_the_evidence_cell(questionnaire, framework, tmp_path):
    result = returned(questionnaire, framework, tmp_path, {"q_plan": "3 – Nivel 3 en español", "q_law": "Sí",
                                                           "q_law_year": 2001, "q_tools__audits": NO, "e_plan": "Plan 2040"})
    [error] = result.errors
    assert (error.message, error.params["question"]) == (m.VAL_EVIDENCE_MISSING, "law")
    assert "“Sí”" in error.render("es") and "“Yes”" in error.render("en")  # the answer as its list shows it, not its code
    assert error.where == Location("filled.xlsx", SHEET1, "E5")
    assert result.statuses["law"] is AnswerStatus.EVIDENCE_MISSING and result.statuses["plan"] is AnswerStatus.ANSWERED
    assert result.answered == 3 and not result.complete


def test_evidence_is_asked_from_the_level_set_by_the_framework_and_without_a_cell_the_answer_cell_is_named(framework):
    assert validate(response({**COMPLETE, "plan": "1"}), framework).complete
    [error] = validate(response({**COMPLETE, "plan": "2"}), framework).errors
    assert (error.message, error.where) == (m.VAL_EVIDENCE_MISSING, at("D4"))
    [error] = validate(response({**COMPLETE, "plan": "4"}, {"plan": "  "}), framework).errors
    assert error.where == at("E4")


def test_types_and_options_are_checked_by_the_model_in_our_own_words(framework):
    result = validate(response({"plan": "7", "law": "no", "tools": ("reports", "drones"), "budget_share": "12,5",
                                "last_review": "ayer", "obstacles": 3}), framework, "en")
    found = {(p.message, p.params["question"], p.where.cell) for p in result.errors}
    assert found == {(m.VAL_NOT_AN_OPTION, "plan", "D4"), (m.VAL_NOT_AN_OPTION, "tools", "D6"),
                     (m.VAL_WRONG_TYPE, "budget_share", "D7"), (m.VAL_WRONG_TYPE, "last_review", "D8"),
                     (m.VAL_WRONG_TYPE, "obstacles", "D9")}
    texts = [p.render("en") for p in result.errors]
    assert not any("Input should" in t or "literal" in t for t in texts)
    plan = next(t for t, p in zip(texts, result.errors) if p.params["question"] == "plan")
    assert "“7”" in plan and "drop-down list" in plan and "3 – Level 3" not in plan  # one sentence, not the list of options
    assert "drones" in next(t for t, p in zip(texts, result.errors) if p.params["question"] == "tools")
    assert "a date" in next(t for t, p in zip(texts, result.errors) if p.params["question"] == "last_review")
    assert all(result.statuses[q] is AnswerStatus.INVALID for q in ("plan", "tools", "budget_share", "last_review", "obstacles"))


def test_a_whole_number_is_a_decimal_but_a_decimal_is_not_a_whole_number(framework):
    assert validate(response({**COMPLETE, "budget_share": 12}), framework).complete
    [error] = validate(response({**COMPLETE, "law": "yes", "law_year": 1995.5}, {"law": "Ley"}), framework).errors
    assert (error.message, error.params["question"]) == (m.VAL_WRONG_TYPE, "law_year")
    assert error.render("en").endswith("Write a whole number instead.")


def test_the_problems_of_reading_are_kept_and_every_problem_is_collected(questionnaire, framework, tmp_path):
    result = returned(questionnaire, framework, tmp_path, {"q_plan": "4 – Nivel 4 en español", "q_law": "Sí",
                                                           "q_law_year": "mil novecientos", "q_budget_share": 250})
    found = {(p.message, p.where.cell, p.where.sheet) for p in result.errors}
    assert found == {(m.VAL_EVIDENCE_MISSING, "E4", SHEET1), (m.VAL_EVIDENCE_MISSING, "E5", SHEET1),
                     (RESP_NOT_A_NUMBER, "D6", SHEET1), (m.VAL_MISSING, "D6:D8", SHEET2),
                     (m.VAL_CONSTRAINT, "D9", SHEET2)}
    assert result.statuses["law_year"] is AnswerStatus.INVALID and result.statuses["tools"] is AnswerStatus.MISSING
    assert (result.required, result.answered, result.completion) == (4, 0, 0.0)


def test_the_pydantic_model_is_built_once_per_framework_structure(framework, monkeypatch):
    v._MODELS.clear()
    built = []
    real = v.create_model
    monkeypatch.setattr(v, "create_model", lambda *args, **kwargs: built.append(args) or real(*args, **kwargs))
    model = answer_model(framework)
    for _ in range(3):
        validate(response(COMPLETE), sample_framework())
    reworded = variant(framework, "plan", label={"es": "Otra redacción"})
    assert answer_model(reworded) is model and len(built) == 1
    assert answer_model(variant(framework, "budget_share", type="integer")) is not model and len(built) == 2
    fields = {f.alias: f.annotation for f in model.model_fields.values()}
    assert set(fields) == {"plan", "law", "law_year", "tools", "budget_share", "last_review", "obstacles"}
    assert model.model_validate({"plan": "ii", "tools": ("audits",), "last_review": dt.date(2026, 1, 1)})


def test_a_rule_that_cannot_be_evaluated_is_a_warning_not_a_crash(framework):
    broken = variant(framework, "law_year", relevant="${law} = ", constraint=". >>> 3")
    result = validate(response({**COMPLETE, "law_year": 1995}), broken)
    assert {p.message for p in result.problems} == {m.VAL_RULE_NOT_CHECKED}
    assert result.statuses["law_year"] is AnswerStatus.ANSWERED


def test_text_answers_are_never_evaluated(framework):
    risky = "__import__('os').system('exit 1')"
    result = validate(response({**COMPLETE, "obstacles": risky}), variant(framework, "obstacles", constraint="string-length(.) < 500"))
    assert result.complete and result.statuses["obstacles"] is AnswerStatus.ANSWERED


def test_the_reader_problems_are_part_of_the_validation(framework):
    reading = Problem(RESP_NOT_A_NUMBER, {"question": "budget_share", "value": "12 %"}, at("D9", SHEET2))
    normalised = response(COMPLETE, problems=[reading])
    normalised.answers["budget_share"] = Answer("budget_share", "12 %", None, at("D9", SHEET2))
    result = validate(normalised, framework)
    assert result.errors == (reading,) and result.statuses["budget_share"] is AnswerStatus.INVALID
    assert (result.required, result.answered) == (3, 3) and not result.complete


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_every_message_can_be_shown_in_every_language(lang):
    params = {"question": "q", "value": "v", "options": ("a", "b"), "expected": m.VAL_KIND_DATE, "reason": "r",
              "start": 1, "end": 10, "step": 1, "repeat": "r", "count": 1, "least": 2}
    messages = [getattr(v, name) for name in dir(v) if name.startswith("VAL_") and not name.startswith("VAL_KIND_")]
    assert len(messages) == 12
    for message in messages:
        assert ("{question}" in message or "{repeat}" in message) and translate(message, lang, **params)
