"""A round compared with an earlier one on another version of its framework: questions moved, renamed, added and
removed are mapped, elements that no longer exist are listed, and each element's earlier score is the earlier
answers scored on the current framework."""
import pytest

from pipeline.analysis.comparison import Basis, EarlierRecommendation, EarlierRound, QuestionChange
from pipeline.domain.enums import FollowupStatus, Method
from pipeline.domain.methods import MethodSpec, Scoring
from tests.support.scoring import a_round, answers, data_of, framework, maturity

BEFORE = framework({"d1": [maturity("q1", "e1"), maturity("q2", "e1"), maturity("q3", "e2")],
                    "d2": [maturity("q4", "e3"), maturity("q7", "e5")]}, version="2022.1")
AFTER = framework({"d1": [maturity("q1", "e1"), maturity("q2", "e2"), maturity("q3", "e2")],  # q2 moved from e1 to e2
                   "d2": [maturity("q8", "e6"), maturity("q9", "e7")]},  # q8 renamed from q7, q9 new; q4 and e3 gone
                  Scoring(elements={"e2": MethodSpec(method=Method.WEAKEST_LINK)}, element_replaces={"e6": ("e5",)},
                          question_replaces={"q8": ("tiny:q7",)}), version="2026.1")
EARLIER_ANSWERS = {"aa": {"q1": "1", "q2": "3", "q3": "2", "q4": "1", "q7": "0"},
                   "bb": {"q1": "2", "q2": "1", "q3": "1", "q4": "3", "q7": "2"}}
NOW = {"aa": {"q1": "3", "q2": "3", "q3": "4", "q8": "2", "q9": "4"}, "bb": {"q1": "2", "q2": "2", "q3": "2", "q8": "3", "q9": "1"}}
RECOMMENDATIONS = (EarlierRecommendation("R-01", "Crear un sistema de información.", "e3", "aa", FollowupStatus.IMPLEMENTED, "2024-03-01"),
                   EarlierRecommendation("R-02", "Publicar los planes.", "e5", "bb"))


@pytest.fixture(scope="module")
def comparison():
    earlier = EarlierRound(a_round(["aa", "bb"], "2022-PER-planning"), BEFORE,
                           {i: answers(c) for i, c in EARLIER_ANSWERS.items()}, RECOMMENDATIONS)
    return data_of(AFTER, NOW, earlier=earlier).comparison


def test_each_question_is_mapped_to_its_earlier_counterpart(comparison):
    links = {(q.question, q.earlier): q.change for q in comparison.questions}
    assert links == {("q1", "q1"): QuestionChange.SAME, ("q2", "q2"): QuestionChange.MOVED, ("q3", "q3"): QuestionChange.SAME,
                     ("q8", "q7"): QuestionChange.RENAMED, ("q9", None): QuestionChange.NEW, (None, "q4"): QuestionChange.REMOVED}


def test_the_earlier_answers_are_scored_on_the_current_framework(comparison):
    rows = {r.element: r for r in comparison.elements}
    # e1 is now q1 alone: earlier (1 + 2) / 2, now (3 + 2) / 2
    assert (rows["e1"].earlier, rows["e1"].current) == (pytest.approx(1.5), pytest.approx(2.5))
    # e2 is now q2 (moved in) and q3, by the weakest link: earlier aa 3, 2 → 2+, bb 1, 1 → 1; now aa 3, 4 → 3+, bb 2, 2 → 2
    assert rows["e2"].earlier == pytest.approx((2.5 + 1) / 2) and rows["e2"].current == pytest.approx((3.5 + 2) / 2)
    assert rows["e2"].change == pytest.approx((3.5 + 2) / 2 - (2.5 + 1) / 2) and rows["e2"].basis is Basis.RECOMPUTED
    # e6 replaces e5 and q8 replaces q7: earlier q7 (0 + 2) / 2
    assert (rows["e6"].earlier, rows["e6"].replaces, rows["e6"].basis) == (pytest.approx(1.0), ("e5",), Basis.RECOMPUTED)
    assert rows["e7"].earlier is None and rows["e7"].basis is Basis.NEW and rows["e7"].change is None


def test_an_element_that_no_longer_exists_is_listed_with_its_earlier_score(comparison):
    [removed] = comparison.removed
    assert removed.element == "e3" and removed.earlier == pytest.approx((1 + 3) / 2)


def test_each_earlier_recommendation_keeps_its_status_and_finds_its_element_now(comparison):
    assert [(r.id, r.status, now) for r, now in comparison.recommendations] == [
        ("R-01", FollowupStatus.IMPLEMENTED, None), ("R-02", FollowupStatus.NONE, "e6")]


def test_an_element_whose_questions_are_all_new_takes_the_earlier_score_of_what_it_replaces():
    after = framework({"d1": [maturity("q1", "e1")], "d2": [maturity("n1", "e8")]}, Scoring(element_replaces={"e8": ("e3",)}))
    earlier = EarlierRound(a_round(["aa", "bb"], "2022-PER-planning"), BEFORE, {i: answers(c) for i, c in EARLIER_ANSWERS.items()})
    data = data_of(after, {"aa": {"q1": "2", "n1": "4"}, "bb": {"q1": "2", "n1": "2"}}, earlier=earlier)
    rows = {r.element: r for r in data.comparison.elements}
    assert (rows["e8"].earlier, rows["e8"].current, rows["e8"].basis) == (pytest.approx(2.0), pytest.approx(3.0), Basis.AS_SCORED)
    assert {r.element for r in data.comparison.removed} == {"e2", "e5"}
