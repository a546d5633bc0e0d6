"""A round follows the seven steps; it can be withdrawn at any point before publication."""
import pytest

from pipeline.domain.models import STAGE_ORDER, Stage
from pipeline.domain.problems import UserError
from pipeline.domain.rules import allowed_moves, move
from pipeline.i18n import messages as m
from tests.conftest import a_round


def test_a_round_walks_the_steps_in_order():
    round_ = a_round()
    for stage in STAGE_ORDER[1:]:
        round_ = move(round_, stage)
    assert round_.stage is Stage.PUBLISHED


def test_it_is_not_published_before_it_is_approved():
    with pytest.raises(UserError) as raised:
        move(a_round(stage=Stage.COUNTRY_REVIEW), Stage.PUBLISHED)
    assert raised.value.message == m.STAGE_MOVE_REFUSED
    assert "approved" in raised.value.render("en")


def test_it_cannot_skip_the_questionnaire():
    with pytest.raises(UserError):
        move(a_round(), Stage.INTERVIEWS)


def test_the_country_can_send_a_draft_back_to_drafting():
    assert move(a_round(stage=Stage.COUNTRY_REVIEW), Stage.DRAFTING).stage is Stage.DRAFTING


@pytest.mark.parametrize("stage", [s for s in STAGE_ORDER if s is not Stage.PUBLISHED])
def test_it_can_be_withdrawn_before_publication(stage):
    assert Stage.WITHDRAWN in allowed_moves(stage)


def test_a_published_or_withdrawn_round_moves_no_more():
    assert allowed_moves(Stage.PUBLISHED) == ()
    assert allowed_moves(Stage.WITHDRAWN) == ()


def test_interviews_need_a_full_panel():
    round_ = a_round(stage=Stage.QUESTIONNAIRE_OPEN)
    no_coordinator = round_.model_copy(update={"panel": round_.panel.model_copy(update={"coordinator": None})})
    with pytest.raises(UserError) as raised:
        move(no_coordinator, Stage.INTERVIEWS)
    assert raised.value.message == m.PANEL_NO_COORDINATOR


def test_a_finished_round_has_no_deadline_left(workspace):
    import datetime as dt

    from pipeline.stages.rounds import open_round
    from pipeline.stages.status import overview

    open_round(workspace, a_round(stage=Stage.WITHDRAWN))
    [row] = overview(workspace, dt.date(2026, 3, 2))
    assert (row.deadline, row.days) == (None, None)
