"""Each scoring method computed by hand on a small framework, and read back from the consolidated workbook's cells:
the Scores sheet and the Method sheet's working (inputs, rule applied, result), with "insufficient information"
(PEFA's D*), "not applicable" and the weakest link's "+"."""
import openpyxl
import pytest

from pipeline.analysis.consolidation import build
from pipeline.domain.enums import Method
from pipeline.domain.methods import MethodSpec, Scoring
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks.consolidated import write_consolidated
from tests.support.scoring import data_of, framework, maturity, yes_no

QUESTIONS = {
    "d1": [maturity("q1", "e_wm"), maturity("q2", "e_wm", weight=2), maturity("q3", "e_wm"),
           maturity("q4", "e_m1"), maturity("q5", "e_m1"), maturity("q6", "e_m1")],
    "d2": [maturity("q7", "e_m2"), maturity("q8", "e_m2"), maturity("q9", "e_m2"),
           maturity("q10", "e_cu"), yes_no("r1", "e_cu"), yes_no("r2", "e_cu"), yes_no("r3", "e_cu"),
           maturity("q11", "e_sh"), maturity("q12", "e_sh"), maturity("q13", "e_sh", weight=2), maturity("q14", "e_sh"),
           maturity("q15", "e_ii"), maturity("q16", "e_ii")],
}
SCORING = Scoring(
    elements={"e_m1": MethodSpec(method=Method.WEAKEST_LINK), "e_m2": MethodSpec(method=Method.AVERAGING_TABLE),
              "e_cu": MethodSpec(method=Method.CUMULATIVE), "e_sh": MethodSpec(method=Method.SHARE, threshold=3),
              "e_ii": MethodSpec(method=Method.WEAKEST_LINK)},
    dimensions={"d1": MethodSpec(method=Method.WEAKEST_LINK)},
    levels={"r1": 1, "r2": 2, "r3": 3})
ANSWERS = {
    "aa": {"q1": "3", "q2": "ii", "q3": "na", "q4": "2", "q5": "4", "q6": "3", "q7": "1", "q8": "1", "q9": "3",
           "q10": "3", "r1": "yes", "r2": "no", "r3": "yes", "q11": "4", "q12": "3", "q13": "1", "q14": "ii",
           "q15": "ii", "q16": "ii"},
    "bb": {"q1": "2", "q2": "4", "q3": "0", "q4": "ii", "q5": "4", "q6": "na", "q7": "2", "q8": "na", "q9": "3",
           "q10": "2", "r1": "yes", "r2": "yes", "r3": "yes", "q11": "4", "q12": "4", "q13": "3", "q14": "na",
           "q15": "ii", "q16": "1"},
}
# By hand, method by method:
BY_HAND = {
    # weighted mean: "ii" and "na" left out — aa: 3×1 / 1; bb: (2×1 + 4×2 + 0×1) / 4
    ("e_wm", "aa"): 3.0, ("e_wm", "bb"): (2 + 4 * 2 + 0) / 4,
    # weakest link: aa lowest 2, others higher → 2+; bb "ii" counts as 0, "na" left out, 4 higher → 0+
    ("e_m1", "aa"): 2.5, ("e_m1", "bb"): 0.5,
    # averaging table: aa 1 1 3, mean 1.67 rounded up to the half → 2; bb 2 3 ("na" left out), mean 2.5
    ("e_m2", "aa"): 2.0, ("e_m2", "bb"): 2.5,
    # cumulative: aa meets level 1 (q10 ≥ 1, r1 yes) but not level 2 (r2 no) → 1; bb meets 1 and 2, not 3 (q10 = 2) → 2
    ("e_cu", "aa"): 1.0, ("e_cu", "bb"): 2.0,
    # share ≥ 3 by weight: aa (1 + 1) / (1 + 1 + 2 + 1, "ii" below) = 40 % → some → 1; bb 4 / 4 ("na" out) = 100 % → all → 4
    ("e_sh", "aa"): 1.0, ("e_sh", "bb"): 4.0,
    # every answer "insufficient information": no score (D*); bb's "ii" counts as 0 beside a 1 → 0+
    ("e_ii", "aa"): None, ("e_ii", "bb"): 0.5,
}


def table_rows(ws, name):
    rows = [[cell.value for cell in row] for row in ws[ws.tables[name].ref]]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


FW = framework(QUESTIONS, SCORING)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("methods")
    data = data_of(FW, ANSWERS)
    made = {}
    for lang in ("es", "en"):
        made[lang] = openpyxl.load_workbook(write_consolidated(folder / f"consolidado-{lang}.xlsx", build(data, lang)))
    return made


def test_each_method_gives_the_score_computed_by_hand_in_the_scores_sheet(workbooks):
    rows = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(workbooks["es"][translate(m.CONS_SHEET_SCORES, "es")], "ScoresByElement")}
    for (element, institution), expected in BY_HAND.items():
        assert rows[FW.element_number(element)][institution.upper()] == (None if expected is None else pytest.approx(round(expected, 2))), (element, institution)


def test_a_dimension_is_scored_by_its_own_method(workbooks):
    rows = {r[translate(m.CONS_ID, "es")]: r for r in table_rows(workbooks["es"][translate(m.CONS_SHEET_SCORES, "es")], "ScoresByDimension")}
    # d1, weakest link over q1–q6: aa 3, ii→0, (na), 2, 4, 3 → lowest 0, others higher → 0+; bb 2, 4, 0, ii→0, 4 → 0+
    assert rows[FW.element_number("d1")]["AA"] == 0.5 and rows[FW.element_number("d1")]["BB"] == 0.5
    # d2 keeps the weighted mean of its maturity questions (requirements do not count in it)
    aa = [("1", 1), ("1", 1), ("3", 1), ("3", 1), ("4", 1), ("3", 1), ("1", 2)]
    assert rows[FW.element_number("d2")]["AA"] == pytest.approx(round(sum(int(v) * w for v, w in aa) / sum(w for _, w in aa), 2))


def working(workbooks, lang):
    ws = workbooks[lang][translate(m.CONS_SHEET_METHOD, lang)]
    header = {k: translate(v, lang) for k, v in (("id", m.CONS_ID), ("inst", m.CONS_INSTITUTION), ("method", m.METHOD_METHOD),
                                                 ("inputs", m.METHOD_INPUTS), ("rule", m.METHOD_RULE), ("result", m.METHOD_RESULT))}
    # the sheet shows an element or a dimension by its number, the Scope column saying which
    by_number = {(translate(m.METHOD_SCOPE_ELEMENT, lang), FW.element_number(e)): e for e in FW.elements}
    by_number.update({(translate(m.METHOD_SCOPE_DIMENSION, lang), FW.element_number(d.name)): d.name for d in FW.dimensions})
    scope = translate(m.METHOD_SCOPE, lang)
    return {(by_number[(r[scope], r[header["id"]])], r[header["inst"]]): {k: r[v] for k, v in header.items()}
            for r in table_rows(ws, "Working")}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_method_sheet_shows_each_scores_inputs_rule_and_result(workbooks, lang):
    rows, n = working(workbooks, lang), FW.number  # each question by its number (1.4), never its id
    for (element, institution), expected in BY_HAND.items():
        assert rows[(element, institution.upper())]["result"] == (None if expected is None else pytest.approx(round(expected, 2)))
    m1 = rows[("e_m1", "AA")]
    assert m1["method"] == translate(m.METHOD_NAMES["weakest_link"], lang)
    assert m1["rule"] == translate(m.WORKING_WEAKEST, lang, lowest=2, higher=[FW.number("q5"), FW.number("q6")], result="2+")
    assert rows[("e_m1", "BB")]["inputs"] == (f"{n('q4')}: {translate(m.INPUT_II_ZERO, lang)}; {n('q5')} = 4; {n('q6')}: {translate(m.INPUT_NA, lang)}")
    assert rows[("e_wm", "AA")]["inputs"] == (f"{n('q1')} = 3; {n('q2')}: {translate(m.INPUT_II_LEFT_OUT, lang)}; {n('q3')}: {translate(m.INPUT_NA, lang)}")
    assert rows[("e_m2", "AA")]["rule"] == translate(m.WORKING_DEFAULT_TABLE, lang, levels="1 1 3", result="2")
    assert rows[("e_cu", "AA")]["rule"] == translate(m.WORKING_CUMULATIVE, lang, result="1", failed=[FW.number("r2")], next=2)
    assert rows[("e_sh", "AA")]["rule"] == translate(m.WORKING_SHARE, lang, part="2", whole="5", threshold=3,
                                                      share=f"{40} %", band=translate(m.SHARE_BANDS["some"], lang), result="1")
    assert rows[("e_ii", "AA")]["rule"] == translate(m.WORKING_INSUFFICIENT, lang)
    mean = rows[("e_wm", translate(m.CONS_ROUND_MEAN, lang))]
    assert mean["result"] == pytest.approx(round((3.0 + 2.5) / 2, 2))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_method_sheet_says_in_words_which_method_scores_what(workbooks, lang):
    ws = workbooks[lang][translate(m.CONS_SHEET_METHOD, lang)]
    intro = [ws.cell(r, 1).value for r in range(1, 14) if ws.cell(r, 1).value]
    assert translate(m.METHOD_INTRO[0], lang) in intro
    element, dimension = ("Element", "Dimension") if lang == "en" else ("Elemento", "Dimensión")
    for method, names in ((Method.WEAKEST_LINK, [f"{element} e_m1", f"{element} e_ii", f"{dimension} d1"]),
                          (Method.AVERAGING_TABLE, [f"{element} e_m2"]), (Method.CUMULATIVE, [f"{element} e_cu"]),
                          (Method.SHARE, [f"{element} e_sh"])):
        said = translate(m.METHOD_USED, lang, method=translate(m.METHOD_NAMES[method.value], lang), names=names)
        assert f"{said} {translate(m.METHOD_RULES[method.value], lang, threshold=3)}" in intro, method


def test_a_framework_table_replaces_the_shipped_one():
    scoring = SCORING.model_copy(update={"averaging": {"1 1 3": 1.5}})
    data = data_of(framework(QUESTIONS, scoring), ANSWERS)
    score = data.institutions[0].scores.elements["e_m2"]
    assert (score.value, score.table) == (1.5, "framework")


def test_a_framework_without_methods_scores_every_element_and_dimension_by_the_weighted_mean_as_before():
    data = data_of(framework(QUESTIONS), ANSWERS)
    fw = data.framework
    for inst in data.institutions:
        codes = ANSWERS[inst.institution.id]

        def mean(questions, codes=codes):
            pairs = [(int(codes[q.name]), q.weight) for q in questions if fw.is_maturity(q) and str(codes.get(q.name, "")).isdigit()]
            return sum(v * w for v, w in pairs) / sum(w for _, w in pairs) if pairs else None

        for element, score in inst.scores.elements.items():
            assert score.value == pytest.approx(mean([q for q in fw.questions if q.element == element])), element
        for d in fw.dimensions:
            assert inst.scores.dimensions[d.name].value == pytest.approx(mean(d.questions)), d.name
        assert set(inst.scores.elements) == {q.element for q in fw.questions if fw.is_maturity(q)}
