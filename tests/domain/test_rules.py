"""The panel: at most three experts from three different states other than the beneficiary, one coordinator."""
from pipeline.domain.models import Coordinator, Panel
from pipeline.domain.rules import check_panel
from pipeline.i18n import messages as m
from tests.conftest import expert

COORDINATOR = Coordinator(name="Javier Morales", email="jm@example.org")


def messages_of(panel: Panel) -> list[str]:
    return [p.message for p in check_panel(panel, "PER")]


def test_a_panel_of_three_states_and_a_coordinator_is_valid():
    assert messages_of(Panel(experts=(expert("CHL"), expert("MEX"), expert("BRA")), coordinator=COORDINATOR)) == []


def test_it_refuses_a_fourth_expert():
    panel = Panel(experts=(expert("CHL"), expert("MEX"), expert("BRA"), expert("CAN")), coordinator=COORDINATOR)
    problems = check_panel(panel, "PER")
    assert [p.message for p in problems] == [m.PANEL_TOO_MANY]
    assert problems[0].params == {"count": 4}


def test_it_refuses_two_experts_from_one_state():
    problems = check_panel(Panel(experts=(expert("CHL", "A"), expert("CHL", "B")), coordinator=COORDINATOR), "PER")
    assert [p.message for p in problems] == [m.PANEL_SAME_STATE]
    assert "CHL" in problems[0].render("en")


def test_it_refuses_an_expert_from_the_beneficiary_state():
    problems = check_panel(Panel(experts=(expert("PER", "Rosa"),), coordinator=COORDINATOR), "PER")
    assert [p.message for p in problems] == [m.PANEL_FROM_BENEFICIARY]
    assert "Rosa" in problems[0].render("es")


def test_it_asks_for_a_coordinator():
    assert messages_of(Panel(experts=(expert("CHL"),))) == [m.PANEL_NO_COORDINATOR]


def test_it_collects_every_broken_rule_at_once():
    panel = Panel(experts=(expert("PER", "A"), expert("CHL", "B"), expert("CHL", "C"), expert("MEX", "D")))
    assert set(messages_of(panel)) == {m.PANEL_TOO_MANY, m.PANEL_SAME_STATE, m.PANEL_FROM_BENEFICIARY, m.PANEL_NO_COORDINATOR}
