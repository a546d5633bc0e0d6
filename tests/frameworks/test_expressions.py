"""Specification of the XLSForm expression parser and evaluator (relevant and constraint columns)."""
from __future__ import annotations

import datetime as dt
import math
import string

import pytest

from pipeline.frameworks import expressions as ex
from pipeline.frameworks.expressions import (
    Binary,
    Call,
    Current,
    ExpressionError,
    Negate,
    Number,
    Ref,
    String,
    evaluate,
    parse,
    references,
    truthy,
)
from pipeline.i18n import messages as m


def refused(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    return caught.value


# --- parsing each construct -------------------------------------------------------------

def test_it_parses_a_reference_to_a_question():
    assert parse("${age}") == Ref("age")


def test_it_accepts_question_names_with_digits_underscores_hyphens_and_dots():
    assert parse("${q1_a-b.c}") == Ref("q1_a-b.c")


def test_it_parses_the_dot_as_the_current_answer():
    assert parse(".") == Current()


def test_it_parses_integers_as_int_and_decimals_as_float():
    assert parse("42") == Number(42) and isinstance(parse("42").value, int)
    assert parse("3.5") == Number(3.5)
    assert parse(".5") == Number(0.5)


def test_it_parses_single_and_double_quoted_text_verbatim():
    assert parse("'yes'") == String("yes")
    assert parse('"it\'s"') == String("it's")
    assert parse("''") == String("")


@pytest.mark.parametrize("op", ["=", "!=", "<", "<=", ">", ">="])
def test_it_parses_every_comparison(op):
    assert parse(f"${{a}} {op} 1") == Binary(op, Ref("a"), Number(1))


@pytest.mark.parametrize("op", ["+", "-", "*", "div", "mod", "and", "or"])
def test_it_parses_every_arithmetic_and_logical_operator(op):
    assert parse(f"${{a}} {op} ${{b}}") == Binary(op, Ref("a"), Ref("b"))


def test_it_parses_unary_minus():
    assert parse("-${a}") == Negate(Ref("a"))
    assert parse("1 - -2") == Binary("-", Number(1), Negate(Number(2)))


def test_it_parses_the_four_supported_functions():
    assert parse("not(${a})") == Call("not", (Ref("a"),))
    assert parse("selected(${q}, 'x')") == Call("selected", (Ref("q"), String("x")))
    assert parse("count-selected(${q})") == Call("count-selected", (Ref("q"),))
    assert parse("string-length(.)") == Call("string-length", (Current(),))


def test_it_ignores_whitespace_including_between_a_function_name_and_its_parenthesis():
    assert parse("  not ( ${a}  )\n") == parse("not(${a})")


def test_parentheses_group_without_adding_nodes():
    assert parse("((${a}))") == Ref("a")


# --- precedence and associativity -------------------------------------------------------

def test_and_binds_tighter_than_or():
    assert parse("${a} or ${b} and ${c}") == Binary("or", Ref("a"), Binary("and", Ref("b"), Ref("c")))


def test_comparison_binds_tighter_than_and():
    assert parse("${a} = 1 and ${b} > 2") == Binary(
        "and", Binary("=", Ref("a"), Number(1)), Binary(">", Ref("b"), Number(2)))


def test_multiplication_binds_tighter_than_addition_which_binds_tighter_than_comparison():
    assert parse("1 + 2 * 3 > 6") == Binary(
        ">", Binary("+", Number(1), Binary("*", Number(2), Number(3))), Number(6))


def test_relational_binds_tighter_than_equality():
    assert parse("${a} = ${b} < 3") == Binary("=", Ref("a"), Binary("<", Ref("b"), Number(3)))


def test_binary_operators_associate_to_the_left():
    assert parse("10 - 4 - 3") == Binary("-", Binary("-", Number(10), Number(4)), Number(3))
    assert evaluate("10 - 4 - 3", {}) == 3
    assert evaluate("12 div 2 div 3", {}) == 2


def test_unary_minus_binds_tighter_than_multiplication():
    assert parse("-2 * 3") == Binary("*", Negate(Number(2)), Number(3))


def test_parentheses_override_precedence():
    assert parse("(${a} or ${b}) and ${c}") == Binary("and", Binary("or", Ref("a"), Ref("b")), Ref("c"))


# --- parsing is cached and the AST is immutable -----------------------------------------

def test_parsing_the_same_text_twice_returns_the_cached_tree():
    text = "${cached_a} > 1"
    assert parse(text) is parse(text)


def test_nodes_are_frozen_and_hashable():
    node = parse("${a} + 1")
    with pytest.raises(AttributeError):
        node.op = "-"  # type: ignore[misc]
    assert {node: 1}[parse("${a} + 1")] == 1


def test_references_lists_every_question_name_used_once():
    expr = parse("selected(${q}, 'a') and (${age} > 18 or -${age} < count-selected(${r})) and . != ''")
    assert references(expr) == frozenset({"q", "age", "r"})
    assert references(parse("1 + 1")) == frozenset()


# --- errors: each class, with its message constant and position -------------------------

def test_it_refuses_an_empty_or_blank_expression():
    for text in ("", "   \t"):
        error = refused(text)
        assert (error.message, error.position) == (m.EXPR_EMPTY, 0)


def test_it_refuses_a_function_that_needs_data_the_questionnaire_lacks_with_its_position():
    error = refused("${a} > pulldata('fruits', 'name', 'key', ${a})")
    assert error.message == m.EXPR_OFFLINE_FUNCTION
    assert error.position == 7
    assert error.params["name"] == "pulldata"


def test_it_refuses_a_function_called_with_the_wrong_number_of_arguments():
    error = refused("1 + selected(${q})")
    assert (error.message, error.position) == (m.EXPR_ARGUMENTS, 4)
    assert {"name": "selected", "expected": 2, "given": 1}.items() <= error.params.items()
    assert refused("not()").params["given"] == 0
    assert refused("string-length(1, 2)").params["given"] == 2


def test_it_refuses_an_unterminated_string_at_its_opening_quote():
    error = refused("${a} = 'yes")
    assert (error.message, error.position, error.params["quote"]) == (m.EXPR_UNTERMINATED_STRING, 7, "'")
    assert refused('"no').params["quote"] == '"'


def test_it_refuses_an_unclosed_parenthesis_at_the_parenthesis():
    error = refused("1 + (2 * (3)")
    assert (error.message, error.position) == (m.EXPR_UNBALANCED, 4)
    assert (refused("not(${a}").message, refused("not(${a}").position) == (m.EXPR_UNBALANCED, 3)


def test_it_refuses_a_closing_parenthesis_without_an_opening_one():
    error = refused("(1) + 2)")
    assert (error.message, error.position) == (m.EXPR_UNMATCHED_CLOSE, 7)


def test_it_refuses_an_expression_that_stops_after_an_operator():
    error = refused("${a} >=")
    assert (error.message, error.position) == (m.EXPR_INCOMPLETE, 7)


@pytest.mark.parametrize("text, token, position", [
    ("${a} ${b}", "${b}", 5),
    ("1 ! 2", "!", 2),
    ("1 == 2", "=", 3),
    ("and ${a}", "and", 0),
    ("${a} = 1 xor 2", "xor", 9),
    ("selected(${a},)", ")", 14),
    ("1 + )", ")", 4),
    ("(,)", ",", 1),
    ("1 & 2", "&", 2),
    ("..", "..", 0),
    ("not ${a}", "not", 0),
])
def test_it_refuses_an_unexpected_token_with_the_token_and_its_position(text, token, position):
    error = refused(text)
    assert (error.message, error.params["token"], error.position) == (m.EXPR_UNEXPECTED, token, position)


@pytest.mark.parametrize("text", ["${a", "${}", "${a b}", "$a", "${1a}"])
def test_it_refuses_a_malformed_reference(text):
    error = refused(text)
    assert (error.message, error.position) == (m.EXPR_BAD_REFERENCE, 0)


def test_it_refuses_a_bare_name_and_suggests_the_reference_syntax():
    error = refused("age > 18")
    assert (error.message, error.position, error.params["name"]) == (m.EXPR_BARE_NAME, 0, "age")
    assert "${age}" in str(error)


def test_the_error_text_is_the_message_formatted_with_its_params_and_a_one_based_column():
    error = refused("1 + foo(2)")
    assert error.message == m.EXPR_UNKNOWN_FUNCTION
    assert error.params["column"] == error.position + 1 == 5
    assert str(error) == m.EXPR_UNKNOWN_FUNCTION.format(**error.params)
    assert isinstance(error, ValueError)


def test_every_message_is_a_sentence_with_named_placeholders_only():
    constants = [v for k, v in vars(m).items() if k.startswith("EXPR_")]
    assert len(constants) >= 12
    for message in constants:
        fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
        assert all(f.isidentifier() for f in fields), message
        assert (message[0].isupper() or message[0] == "'") and message.endswith("."), message


# --- hostile input is refused cleanly ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "__import__('os')",
    "__import__('os').system('ls')",
    "${a}.__class__",
    "eval('1')",
    "exec('x = 1')",
    "lambda: 1",
    "1; import os",
    "[1, 2]",
    "{1: 2}",
    "`ls`",
    "${a} if 1 else 2",
    "x = 1",
    "\\u0041",
    "１ + 1",
])
def test_it_refuses_python_and_other_foreign_syntax(text):
    with pytest.raises(ExpressionError):
        parse(text)


def test_it_refuses_the_import_hook_as_an_unknown_function_at_position_zero():
    error = refused("__import__('os')")
    assert (error.message, error.position, error.params["name"]) == (m.EXPR_UNKNOWN_FUNCTION, 0, "__import__")


def test_it_refuses_ten_thousand_nested_parentheses_without_recursion_error():
    error = refused("(" * 10_000 + "1" + ")" * 10_000)
    assert error.message == m.EXPR_TOO_DEEP
    assert error.position == ex.MAX_NESTING
    assert error.params["limit"] == ex.MAX_NESTING


@pytest.mark.parametrize("text", [
    "-" * 10_000 + "1",
    "not(" * 10_000 + "1" + ")" * 10_000,
    "(" * 10_000,
    "1" + " + (1" * 10_000 + ")" * 10_000,
])
def test_it_refuses_other_deep_nestings_cleanly(text):
    assert refused(text).message == m.EXPR_TOO_DEEP


def test_it_refuses_too_long_a_chain_of_operators_but_evaluates_the_longest_allowed():
    longest = " + ".join(["1"] * (ex.MAX_OPERATORS + 1))
    assert evaluate(longest, {}) == ex.MAX_OPERATORS + 1
    error = refused(longest + " + 1")
    assert (error.message, error.params["limit"]) == (m.EXPR_TOO_LONG, ex.MAX_OPERATORS)
    assert error.position == len(longest) + 1


def test_the_deepest_allowed_expression_evaluates():
    deepest = "not(" * (ex.MAX_NESTING - 1) + "${a} or 1" + ")" * (ex.MAX_NESTING - 1)
    assert evaluate(deepest, {}) is (ex.MAX_NESTING % 2 == 1)


# --- evaluation: values and unanswered questions -----------------------------------------

def test_a_reference_evaluates_to_the_answer_and_an_unanswered_one_to_empty_text():
    assert evaluate("${a}", {"a": "x"}) == "x"
    assert evaluate("${a}", {"a": None}) == ""
    assert evaluate("${a}", {}) == ""


def test_the_dot_evaluates_to_the_current_value():
    assert evaluate(".", {}, current=7) == 7
    assert evaluate(".", {}) == ""


def test_evaluate_accepts_a_parsed_tree_or_text():
    assert evaluate(parse("1 + 1"), {}) == evaluate("1 + 1", {}) == 2


# --- comparisons -------------------------------------------------------------------------

@pytest.mark.parametrize("text, answers, expected", [
    ("${a} = 3", {"a": "3"}, True),
    ("${a} = 3", {"a": "3.0"}, True),
    ("${a} = 3", {"a": " 3 "}, True),
    ("${a} > 18", {"a": "20"}, True),
    ("${a} < 18", {"a": "9"}, True),     # numerically, not as text ("9" > "18")
    ("${a} >= 18.5", {"a": 18.5}, True),
    ("${a} = 'yes'", {"a": "yes"}, True),
    ("${a} != 'yes'", {"a": "no"}, True),
    ("${a} = ${b}", {"a": "x", "b": "x"}, True),
    ("${a} = 3", {"a": "three"}, False),
    ("${a} != 3", {"a": "three"}, True),
])
def test_comparisons_follow_xpath(text, answers, expected):
    assert evaluate(text, answers) is expected


def test_an_unanswered_value_compares_like_odk():
    assert evaluate("${a} = ''", {}) is True
    assert evaluate("${a} != ''", {"a": None}) is False
    assert evaluate("${a} != ''", {"a": 0}) is True
    assert evaluate("${a} > 3", {}) is False
    assert evaluate("${a} < 3", {}) is False
    assert evaluate("${a} = 0", {}) is False
    assert evaluate("${a} != 3", {}) is True


def test_relational_comparison_of_non_numeric_text_is_false():
    assert evaluate("'b' > 'a'", {}) is False
    assert evaluate("'b' < 'a'", {}) is False


def test_booleans_compare_as_booleans():
    assert evaluate("(1 = 1) = 'yes'", {}) is True
    assert evaluate("(1 = 2) = ''", {}) is True
    assert evaluate("(1 = 1) > 0", {}) is True


def test_dates_compare_with_dates_and_iso_text():
    answers = {"start": dt.date(2024, 3, 1), "end": dt.date(2024, 3, 15), "text": "2024-03-01"}
    assert evaluate("${end} > ${start}", answers) is True
    assert evaluate("${start} = '2024-03-01'", answers) is True
    assert evaluate("${start} = ${text}", answers) is True
    assert evaluate("${end} >= '2024-03-16'", answers) is False
    assert evaluate("'2024-03-02' > ${text}", answers) is True
    assert evaluate(". <= ${end}", answers, current=dt.date(2024, 3, 15)) is True
    assert evaluate("${end} - ${start}", answers) == 14


def test_a_date_compared_with_an_unanswered_or_invalid_value_is_false():
    answers = {"d": dt.date(2024, 3, 1)}
    assert evaluate("${d} > ${missing}", answers) is False
    assert evaluate("${d} < 'soon'", answers) is False
    assert evaluate("${d} = ''", answers) is False
    assert evaluate("${d} > '2024-02-30'", answers) is False


def test_datetimes_compare_with_each_other_and_with_dates():
    answers = {"a": dt.datetime(2024, 3, 1, 9), "b": dt.datetime(2024, 3, 1, 17), "d": dt.date(2024, 3, 1)}
    assert evaluate("${a} < ${b}", answers) is True
    assert evaluate("${a} >= ${d}", answers) is True


# --- logic ---------------------------------------------------------------------------------

def test_and_and_or_return_booleans():
    assert evaluate("1 and 'x'", {}) is True
    assert evaluate("0 or ''", {}) is False
    assert evaluate("${a} or 2", {}) is True


def test_and_and_or_short_circuit():
    assert evaluate("0 and (1 div 0 = 1)", {}) is False
    assert evaluate("1 or selected(${q}, 'x')", {}) is True


def test_not_negates_the_xpath_boolean():
    assert evaluate("not(${a})", {}) is True
    assert evaluate("not(${a} = 'x')", {"a": "x"}) is False
    assert evaluate("not(0 div 0)", {}) is True


@pytest.mark.parametrize("value, expected", [
    ("", False), (None, False), (0, False), (0.0, False), (math.nan, False), (False, False), ((), False),
    ("0", True), ("false", True), (1, True), (-0.5, True), (math.inf, True), (True, True), (("a",), True),
    (dt.date(2024, 1, 1), True),
])
def test_truthy_is_xpath_boolean(value, expected):
    assert truthy(value) is expected


# --- select_multiple -------------------------------------------------------------------------

@pytest.mark.parametrize("answer", ["a c", ("a", "c"), ["a", "c"], {"a", "c"}, frozenset({"c", "a"})])
def test_selected_and_count_selected_accept_text_or_collections_of_codes(answer):
    assert evaluate("selected(${q}, 'c')", {"q": answer}) is True
    assert evaluate("selected(${q}, 'b')", {"q": answer}) is False
    assert evaluate("count-selected(${q})", {"q": answer}) == 2


def test_selected_matches_whole_codes_not_substrings():
    assert evaluate("selected(${q}, 'a')", {"q": "ab b"}) is False


def test_selected_compares_numeric_codes_as_text():
    assert evaluate("selected(${q}, 2)", {"q": [1, 2]}) is True
    assert evaluate("selected(${q}, '3')", {"q": 3}) is True


def test_an_unanswered_select_multiple_has_nothing_selected():
    assert evaluate("count-selected(${q})", {}) == 0
    assert evaluate("selected(${q}, 'a')", {"q": None}) is False
    assert evaluate("count-selected(${q})", {"q": []}) == 0


def test_selected_works_on_the_current_value_in_a_constraint():
    assert evaluate("not(selected(., 'none') and count-selected(.) > 1)", {}, current="none a") is False


def test_a_select_multiple_compares_as_its_space_separated_codes():
    assert evaluate("${q} = 'a b'", {"q": ["a", "b"]}) is True


# --- string-length -----------------------------------------------------------------------

def test_string_length_counts_characters_and_is_zero_when_unanswered():
    assert evaluate("string-length(${a})", {"a": "héllo"}) == 5
    assert evaluate("string-length(${a})", {"a": None}) == 0
    assert evaluate("string-length(${a})", {}) == 0
    assert evaluate("string-length(.) <= 3", {}, current=12.0) is True


# --- arithmetic ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1 + 2", 3), ("7 - 10", -3), ("2 * 3.5", 7), ("7 div 2", 3.5), ("7 mod 3", 1),
    ("-7 mod 3", -1), ("7 mod -3", 1), ("5.5 mod 2", 1.5), ("-(2 + 3)", -5), ("0.1 + 0.2 > 0.3", True),
])
def test_arithmetic_follows_xpath(text, expected):
    assert evaluate(text, {}) == expected


def test_arithmetic_converts_numeric_answers_and_gives_nan_for_the_rest():
    assert evaluate("${a} + ${b}", {"a": "2", "b": 3}) == 5
    assert math.isnan(evaluate("${a} + 1", {}))
    assert math.isnan(evaluate("'x' * 2", {}))


def test_whole_results_are_ints():
    assert isinstance(evaluate("6 div 3", {}), int)


def test_division_by_zero_gives_infinity_or_nan_instead_of_raising():
    assert evaluate("1 div 0", {}) == math.inf
    assert evaluate("-1 div 0", {}) == -math.inf
    assert math.isnan(evaluate("0 div 0", {}))
    assert math.isnan(evaluate("5 mod 0", {}))
    assert math.isnan(evaluate("(1 div 0) mod 2", {}))
    assert evaluate("${a} div 0 > 1000", {"a": 3}) is True


def test_a_huge_number_literal_becomes_infinity_rather_than_raising():
    assert evaluate("1" * 400, {}) == math.inf


# --- a realistic form ----------------------------------------------------------------------

def test_a_realistic_relevant_and_constraint():
    relevant = parse("${consent} = 'yes' and (${age} >= 18 or selected(${roles}, 'guardian'))")
    assert truthy(evaluate(relevant, {"consent": "yes", "age": "17", "roles": "student guardian"}))
    assert not truthy(evaluate(relevant, {"consent": "yes", "age": "17", "roles": "student"}))
    assert not truthy(evaluate(relevant, {"age": 40}))
    constraint = parse(". >= 0 and . <= 120 and string-length(.) <= 3")
    assert truthy(evaluate(constraint, {}, current="42"))
    assert not truthy(evaluate(constraint, {}, current="-1"))


# --- the XPath/ODK functions beyond the first four --------------------------------------

@pytest.mark.parametrize("text, answers, expected", [
    ("if(${a} > 1, 'big', 'small')", {"a": 2}, "big"),
    ("if(${a} > 1, 'big', 'small')", {"a": 0}, "small"),
    ("concat(${a}, '-', ${b})", {"a": "x", "b": 3}, "x-3"),
    ("coalesce(${a}, ${b})", {"a": None, "b": "fallback"}, "fallback"),
    ("regex(${a}, '^[A-Z]{3}-[0-9]{2}$')", {"a": "PLN-21"}, True),
    ("regex(${a}, '^[A-Z]{3}-[0-9]{2}$')", {"a": "pln-21"}, False),
    ("round(${a} div 1000, 1)", {"a": 125_456}, 125.5),
    ("round(-2.5)", {}, -2),
    ("floor(-1.5) + ceiling(1.2)", {}, 0),
    ("int(7.9)", {}, 7),
    ("substr('abcdef', 1, 3)", {}, "bc"),
    ("selected-at(${s}, 1)", {"s": ("a", "b")}, "b"),
    ("count-selected(${s})", {"s": ("a", "b")}, 2),
    ("string-length(normalize-space('  a   b '))", {}, 3),
    ("contains(${a}, 'lan') and starts-with(${a}, 'P') and ends-with(${a}, 'n')", {"a": "Plan"}, True),
    ("max(1, ${a}, 3)", {"a": 7}, 7),
    ("pow(2, 10)", {}, 1024),
    ("format-date(${d}, '%d/%m/%Y')", {"d": dt.date(2026, 3, 5)}, "05/03/2026"),
    ("number('12.5') * 2", {}, 25),
    ("${t} > '08:00'", {"t": dt.time(9, 30)}, True),
])
def test_the_functions_odk_computes_evaluate_as_odk_does(text, answers, expected):
    assert evaluate(text, answers) == expected


def test_today_and_now_are_the_day_the_response_is_read():
    scope = ex.Scope({}, today=dt.datetime(2026, 5, 1, 10, 30))
    assert evaluate("today()", scope) == dt.date(2026, 5, 1)
    assert evaluate("${d} < today()", ex.Scope({"d": dt.date(2026, 4, 30)}, today=dt.datetime(2026, 5, 1)))


def test_a_repeat_seen_from_outside_is_the_values_of_its_rows():
    years = ex.Nodes((2020, 2024, 2021))
    assert evaluate("sum(${year})", {"year": years}) == 6065
    assert evaluate("count(${year})", {"year": years}) == 3
    assert evaluate("max(${year})", {"year": years}) == 2024
    assert evaluate("${year} = 2024", {"year": years}) is True  # any row, as XPath compares node-sets
    scope = ex.Scope({}, position=2, nodes={"year": years})
    assert evaluate("indexed-repeat(${year}, ${plans}, 3)", scope) == 2021 and evaluate("position(..)", scope) == 2


def test_a_choice_filter_reads_the_columns_of_the_choice():
    scope = ex.Scope({"region": "north"}, columns={"region": "north", "name": "n1"})
    assert evaluate(parse("region = ${region}", columns=True), scope) is True
    assert refused("region = ${region}").message == m.EXPR_BARE_NAME  # outside a choice_filter, a bare name is a mistake
