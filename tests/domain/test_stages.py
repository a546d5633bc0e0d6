"""A round follows the seven steps, one explicit move at a time: forward when it is ready, one step back where the
mechanism allows it and with a reason, out (withdrawn) at any point before publication."""
import datetime as dt

import pytest

from pipeline.domain.models import STAGE_ORDER, Stage
from pipeline.domain.problems import UserError
from pipeline.domain.rules import MoveFacts, allowed_moves, move
from pipeline.domain.stages import stage_named
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, translate
from tests.conftest import a_round

TODAY = dt.date(2026, 12, 4)
READY = MoveFacts(today=TODAY, questionnaires_issued=2, draft_version=3, approved_version=3, final_version=3)


def refused(round_, stage, facts=READY, reason=""):
    with pytest.raises(UserError) as raised:
        move(round_, stage, facts, reason)
    return raised.value


def test_a_round_walks_the_steps_in_order_when_each_is_ready():
    round_ = a_round(stage=Stage.REQUESTED)
    for stage in STAGE_ORDER[1:]:
        round_ = move(round_, stage, READY)
    assert round_.stage is Stage.PUBLISHED


def test_it_cannot_skip_a_step_and_says_where_it_can_go():
    error = refused(a_round(stage=Stage.REQUESTED), Stage.INTERVIEWS)
    assert error.message == m.STAGE_MOVE_REFUSED
    assert error.render("es") == translate(m.STAGE_MOVE_REFUSED, "es", current=m.STAGE_NAMES["requested"], target=m.STAGE_NAMES["interviews"],
                                           allowed=(m.STAGE_NAMES["questionnaire_open"], m.STAGE_NAMES["withdrawn"]))


def test_it_is_not_published_before_it_is_approved():
    assert refused(a_round(stage=Stage.COUNTRY_REVIEW), Stage.PUBLISHED).message == m.STAGE_MOVE_REFUSED


@pytest.mark.parametrize("stage, back", [(Stage.QUESTIONNAIRE_OPEN, Stage.REQUESTED), (Stage.INTERVIEWS, Stage.QUESTIONNAIRE_OPEN),
                                         (Stage.DRAFTING, Stage.INTERVIEWS), (Stage.COUNTRY_REVIEW, Stage.DRAFTING)])
def test_a_step_back_needs_a_reason(stage, back):
    facts = MoveFacts(today=TODAY)
    assert refused(a_round(stage=stage), back, facts).message == m.MOVE_NEEDS_REASON
    assert move(a_round(stage=stage), back, facts, "the country asked").stage is back


def test_approval_and_publication_have_no_way_back():
    assert Stage.COUNTRY_REVIEW not in allowed_moves(Stage.APPROVED)
    assert allowed_moves(Stage.PUBLISHED) == () and allowed_moves(Stage.WITHDRAWN) == ()


def test_the_questionnaire_goes_back_to_requested_only_while_none_went_out():
    error = refused(a_round(), Stage.REQUESTED, MoveFacts(today=TODAY, questionnaires_issued=2), "wrong round")
    assert error.render("en") == translate(m.MOVE_BACK_QUESTIONNAIRES_OUT, "en", round="2026-PER-planning",
                                           target=m.STAGE_NAMES["requested"], count=2)


def test_the_interviews_go_back_to_the_questionnaire_only_before_they_begin():
    round_ = a_round(stage=Stage.INTERVIEWS)
    before_visit = round_.model_copy(update={"calendar": round_.calendar.model_copy(update={"visit_start": TODAY + dt.timedelta(days=30)})})
    assert move(before_visit, Stage.QUESTIONNAIRE_OPEN, MoveFacts(today=TODAY), "late answers").stage is Stage.QUESTIONNAIRE_OPEN
    assert refused(before_visit, Stage.QUESTIONNAIRE_OPEN, MoveFacts(today=TODAY, notes_received=1), "x").message == m.MOVE_BACK_NOTES_RECEIVED
    begun = round_.model_copy(update={"calendar": round_.calendar.model_copy(update={"visit_start": TODAY})})
    assert refused(begun, Stage.QUESTIONNAIRE_OPEN, MoveFacts(today=TODAY), "x").render("es") == translate(
        m.MOVE_BACK_VISIT_BEGUN, "es", round="2026-PER-planning", target=m.STAGE_NAMES["questionnaire_open"], date=TODAY)


def test_interviews_need_a_full_panel():
    round_ = a_round()
    no_coordinator = round_.model_copy(update={"panel": round_.panel.model_copy(update={"coordinator": None})})
    assert refused(no_coordinator, Stage.INTERVIEWS).message == m.PANEL_NO_COORDINATOR


def test_the_country_reviews_a_draft_that_exists():
    assert refused(a_round(stage=Stage.DRAFTING), Stage.COUNTRY_REVIEW, MoveFacts(today=TODAY)).message == m.MOVE_NEEDS_DRAFT


def test_a_round_is_approved_once_the_approval_of_its_current_draft_is_recorded():
    review = a_round(stage=Stage.COUNTRY_REVIEW)
    assert refused(review, Stage.APPROVED, MoveFacts(today=TODAY, draft_version=2)).message == m.MOVE_NEEDS_APPROVAL
    stale = refused(review, Stage.APPROVED, MoveFacts(today=TODAY, draft_version=3, approved_version=2))
    assert stale.render("en") == translate(m.MOVE_NEEDS_APPROVAL, "en", round="2026-PER-planning", target=m.STAGE_NAMES["approved"], version=3)


def test_a_round_is_published_once_its_final_report_is_written():
    facts = MoveFacts(today=TODAY, draft_version=3, approved_version=3)
    assert refused(a_round(stage=Stage.APPROVED), Stage.PUBLISHED, facts).message == m.MOVE_NEEDS_FINAL


@pytest.mark.parametrize("stage", [s for s in STAGE_ORDER if s is not Stage.PUBLISHED])
def test_it_can_be_withdrawn_before_publication_with_a_reason(stage):
    assert Stage.WITHDRAWN in allowed_moves(stage)
    assert refused(a_round(stage=stage), Stage.WITHDRAWN).message == m.MOVE_NEEDS_REASON
    assert move(a_round(stage=stage), Stage.WITHDRAWN, READY, "the country withdrew").stage is Stage.WITHDRAWN


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stage", list(Stage))
def test_a_stage_is_named_by_its_id_or_its_name_in_any_language(stage, lang):
    name = translate(m.STAGE_NAMES[stage.value], lang)
    assert stage_named(name) is stage and stage_named(name.upper()) is stage and stage_named(stage.value) is stage


def test_a_stage_name_is_read_without_accents_and_with_hyphens():
    assert stage_named("redaccion") is Stage.DRAFTING and stage_named("questionnaire-open") is Stage.QUESTIONNAIRE_OPEN
    assert stage_named("cuestionario_abierto") is Stage.QUESTIONNAIRE_OPEN and stage_named("nowhere") is None


def test_a_finished_round_has_no_deadline_left(workspace):
    from pipeline.stages.rounds import open_round
    from pipeline.stages.status import overview

    open_round(workspace, a_round(stage=Stage.WITHDRAWN))
    [row] = overview(workspace, dt.date(2026, 3, 2))
    assert (row.deadline, row.days) == (None, None)
