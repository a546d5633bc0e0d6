"""The quality checks run before scoring: each fires on the data that should raise it, and not on data just short of
its rule; the consolidated workbook's Gaps sheet words each with its rule's figures."""
import pytest

from pipeline.analysis.check_text import detail
from pipeline.analysis.checks import CHANGE_SHARE, OUTLIER_DISTANCE, UNKNOWN_SHARE, GapKind
from pipeline.analysis.round_data import round_data
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_number, translate
from tests.support.scoring import a_round, answers, data_of, framework, maturity, response, text

QUESTIONS = {"d1": [maturity("q1", "e1"), maturity("q2", "e1"), maturity("q3", "e2", evidence="2"), maturity("q4", "e2", evidence="2"),
                    maturity("q5", "e2", evidence="yes"), text("t1", "e2")]}
FW = framework(QUESTIONS)
BASE = {"q1": "2", "q2": "2", "q3": "2", "q4": "2", "q5": "2"}


def fired(data, kind):
    return [g for g in data.gaps if g.kind is kind]


def test_an_institution_far_from_the_others_on_an_element_is_flagged_with_the_rule():
    data = data_of(FW, {"aa": {**BASE, "q1": "4", "q2": "4"}, "bb": {**BASE, "q1": "1", "q2": "1"},
                        "cc": {**BASE, "q1": "1", "q2": "1"}, "dd": {**BASE, "q1": "1", "q2": "2"}})
    [outlier] = fired(data, GapKind.OUTLIER)
    assert (outlier.institution, outlier.element, outlier.key) == ("aa", "e1", "outlier:aa:e1")
    assert outlier.detail["score"] == 4.0 and outlier.detail["median"] == 1.0  # bb 1, cc 1, dd 1.5
    sentence = detail(outlier, "es", str.upper)
    assert sentence == translate(m.CHECK_DETAILS["outlier"], "es", institution="AA", score="4,00", count=3, median="1,00",
                                 distance="3,00", limit=format_number(OUTLIER_DISTANCE, "es", 1))


def test_no_outlier_just_inside_the_distance_nor_with_a_single_other_institution():
    near = data_of(FW, {"aa": {**BASE, "q1": "2", "q2": "2"}, "bb": {**BASE, "q1": "1", "q2": "1"},
                        "cc": {**BASE, "q1": "1", "q2": "1"}, "dd": {**BASE, "q1": "1", "q2": "2"}})
    assert fired(near, GapKind.OUTLIER) == []  # 2 against the others' median of 1: one point, less than the rule's 1.5
    pair = data_of(FW, {"aa": {**BASE, "q1": "4", "q2": "4"}, "bb": {**BASE, "q1": "0", "q2": "0"}})
    assert fired(pair, GapKind.OUTLIER) == [] and fired(pair, GapKind.DISAGREEMENT)  # two apart: a disagreement, no outlier


def test_a_high_share_of_insufficient_information_and_not_applicable_is_flagged():
    data = data_of(FW, {"aa": {**BASE, "q1": "ii", "q2": "na"}, "bb": {**BASE, "q1": "ii"}})
    [many] = fired(data, GapKind.UNKNOWN_SHARE)
    assert many.institution == "aa" and (many.detail["ii"], many.detail["na"], many.detail["answered"]) == (1, 1, 5)
    assert many.detail["share"] >= UNKNOWN_SHARE


def test_identical_free_text_across_institutions_is_flagged_ignoring_case_and_punctuation():
    copied = "Falta personal especializado en las regiones y la rotación es alta."
    data = data_of(FW, {"aa": {**BASE, "t1": copied}, "bb": {**BASE, "t1": copied.upper().replace(".", " !")},
                        "cc": {**BASE, "t1": "Una respuesta propia, escrita por la institución."}})
    found = fired(data, GapKind.COPIED_TEXT)
    assert [(g.institution, g.question, g.detail["others"]) for g in found] == [("aa", "t1", ("bb",)), ("bb", "t1", ("aa",))]


def test_short_identical_answers_are_not_copies():
    data = data_of(FW, {"aa": {**BASE, "t1": "Ninguno."}, "bb": {**BASE, "t1": "Ninguno."}})
    assert fired(data, GapKind.COPIED_TEXT) == []


def round_with_evidence(evidence_aa, evidence_bb):
    round_ = a_round(["aa", "bb"])
    current = {"aa": response(round_.id, "aa", answers(BASE, evidence_aa)), "bb": response(round_.id, "bb", answers(BASE, evidence_bb))}
    return round_data(round_, FW, current)


def test_the_same_evidence_for_every_claim_is_flagged():
    same = "Decreto 12-2024, https://example.org/d"
    data = round_with_evidence({"q3": same, "q4": same.upper(), "q5": same + " "},
                               {"q3": same, "q4": "Informe anual 2025", "q5": same})
    [flag] = fired(data, GapKind.SAME_EVIDENCE)
    assert flag.institution == "aa" and flag.detail["count"] == 3


def test_the_same_evidence_for_two_claims_only_is_not_flagged():
    data = round_with_evidence({"q3": "Decreto 12", "q4": "Decreto 12"}, {})
    assert fired(data, GapKind.SAME_EVIDENCE) == []


def test_a_level_claimed_without_the_evidence_asked_is_still_flagged_and_not_when_it_is_given():
    data = round_with_evidence({"q3": "Decreto 12"}, {"q3": "Decreto 12", "q4": "Informe", "q5": "Ley 1"})
    assert sorted((g.institution, g.question) for g in fired(data, GapKind.NO_EVIDENCE)) == [("aa", "q4"), ("aa", "q5")]


@pytest.mark.parametrize("changed, fires", [({"q1": "4", "q2": "0"}, True), ({"q1": "3"}, False)])
def test_answers_that_changed_a_lot_between_two_versions_are_flagged(changed, fires):
    round_ = a_round(["aa"])
    before = response(round_.id, "aa", answers(BASE), salt="v1")
    now = response(round_.id, "aa", answers({**BASE, **changed}), salt="v2")
    data = round_data(round_, FW, {"aa": now}, previous={"aa": before})
    found = fired(data, GapKind.BIG_CHANGE)
    assert bool(found) is fires
    if fires:
        assert (found[0].detail["changed"], found[0].detail["compared"], found[0].detail["questions"]) == (2, 5, ("q1", "q2"))
        assert 2 / 5 >= CHANGE_SHARE and found[0].detail["before"] == 2.0
