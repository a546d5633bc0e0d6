"""The panel: at most three experts, each once, from three different participating member states other than the
beneficiary, each with a name, an e-mail, an institution and experience; one coordinator. Every broken rule is one
sentence naming the person. Dates: an approval is not in the future nor before its draft; publication follows it."""
import datetime as dt

import pytest

from pipeline.domain.catalog import Catalog
from pipeline.domain.models import Coordinator, Expert, Panel
from pipeline.domain.rules import check_approval_date, check_panel, check_publication_date
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from tests.conftest import expert

COORDINATOR = Coordinator(name="Javier Morales", email="jm@example.org")
CATALOG = Catalog({"HTI": False})  # Haiti does not participate, in this workspace


def messages_of(panel: Panel, catalog: Catalog | None = CATALOG) -> list[str]:
    return [p.message for p in check_panel(panel, "PER", catalog)]


def person(name="Ana Souza", email="ana@example.gov.br", state="BRA", institution="Ministério", experience="Planejamento"):
    return Expert(name=name, email=email, state=state, institution=institution, experience=experience)


def test_a_panel_of_three_states_and_a_coordinator_is_valid():
    assert messages_of(Panel(experts=(expert("CHL"), expert("MEX"), expert("BRA")), coordinator=COORDINATOR)) == []


def test_it_refuses_a_fourth_expert():
    panel = Panel(experts=(expert("CHL"), expert("MEX"), expert("BRA"), expert("CAN")), coordinator=COORDINATOR)
    problems = check_panel(panel, "PER")
    assert [p.message for p in problems] == [m.PANEL_TOO_MANY]
    assert problems[0].params == {"count": 4}


def test_it_refuses_two_experts_from_one_state_naming_both():
    panel = Panel(experts=(person("Ana", "a@example.cl", "CHL"), person("Bruno", "b@example.cl", "CHL")), coordinator=COORDINATOR)
    [problem] = check_panel(panel, "PER", CATALOG)
    assert problem.render("es") == translate(m.PANEL_SAME_STATE, "es", names=("Ana", "Bruno"), state=CATALOG.states["CHL"])
    assert "Chile" in problem.render("es") and "CHL" not in problem.render("es")


def test_one_person_sits_once_whatever_the_state_given():
    panel = Panel(experts=(person(state="BRA"), person(state="ARG", email="ANA@example.gov.br ")), coordinator=COORDINATOR)
    assert [p.render("en") for p in check_panel(panel, "PER", CATALOG)] == [
        translate(m.PANEL_TWICE, "en", name="Ana Souza", email="ana@example.gov.br")]


def test_the_coordinator_is_not_an_expert_of_the_panel():
    panel = Panel(experts=(person(),), coordinator=Coordinator(name="Ana Souza", email="ana@example.gov.br"))
    assert messages_of(panel) == [m.COORDINATOR_ON_PANEL]


def test_it_refuses_an_expert_from_the_beneficiary_state():
    problems = check_panel(Panel(experts=(expert("PER", "Rosa"),), coordinator=COORDINATOR), "PER")
    assert [p.message for p in problems] == [m.PANEL_FROM_BENEFICIARY]
    assert "Rosa" in problems[0].render("es")


def test_experts_come_from_participating_member_states():
    [problem] = check_panel(Panel(experts=(person(state="HTI"),), coordinator=COORDINATOR), "PER", CATALOG)
    assert problem.render("fr") == translate(m.PANEL_NOT_PARTICIPATING, "fr", name="Ana Souza", state=CATALOG.states["HTI"])
    assert "Haïti" in problem.render("fr")  # the French name in a French sentence
    [unknown] = check_panel(Panel(experts=(person(state="XYZ"),), coordinator=COORDINATOR), "PER", CATALOG)
    assert unknown.render("en") == translate(m.PANEL_UNKNOWN_STATE, "en", name="Ana Souza", state="XYZ")


def test_every_missing_field_is_named_with_the_person():
    nameless = person(name=" ", institution="", experience="")
    assert [p.render("es") for p in check_panel(Panel(experts=(nameless,), coordinator=COORDINATOR), "PER", CATALOG)] == [
        translate(m.PANEL_NO_NAME, "es", email="ana@example.gov.br"),
        translate(m.PANEL_NO_INSTITUTION, "es", name="ana@example.gov.br"),
        translate(m.PANEL_NO_EXPERIENCE, "es", name="ana@example.gov.br")]
    assert [p.render("en") for p in check_panel(Panel(experts=(person(email="ana at gov"),), coordinator=COORDINATOR), "PER")] == [
        translate(m.PANEL_BAD_EMAIL, "en", name="Ana Souza", email="ana at gov")]
    assert messages_of(Panel(experts=(person(email=""),), coordinator=COORDINATOR)) == [m.PANEL_NO_EMAIL]


def test_the_coordinator_needs_a_name_and_an_address():
    assert messages_of(Panel(coordinator=Coordinator(name="", email="jm"))) == [m.COORDINATOR_NO_NAME, m.COORDINATOR_BAD_EMAIL]


def test_it_asks_for_a_coordinator():
    assert messages_of(Panel(experts=(expert("CHL"),))) == [m.PANEL_NO_COORDINATOR]


def test_it_collects_every_broken_rule_at_once():
    panel = Panel(experts=(expert("PER", "A"), person("B", "b@x.org", "CHL"), person("C", "c@x.org", "CHL"), expert("MEX", "D")))
    assert set(messages_of(panel)) == {m.PANEL_TOO_MANY, m.PANEL_SAME_STATE, m.PANEL_FROM_BENEFICIARY, m.PANEL_NO_COORDINATOR}


TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize("on, message", [(TODAY + dt.timedelta(days=1), m.APPROVAL_IN_FUTURE),
                                         (dt.date(2026, 11, 1), m.APPROVAL_BEFORE_DRAFT), (TODAY, None), (dt.date(2026, 11, 20), None)])
def test_an_approval_is_dated_between_its_draft_and_today(on, message):
    problems = check_approval_date(on, TODAY, 3, dt.date(2026, 11, 20))
    assert [p.message for p in problems] == ([message] if message else [])


def test_publication_is_not_before_approval():
    [problem] = check_publication_date(dt.date(2026, 11, 1), dt.date(2026, 11, 20))
    assert problem.render("es") == translate(m.PUBLICATION_BEFORE_APPROVAL, "es", date=dt.date(2026, 11, 1), approved=dt.date(2026, 11, 20))
    assert check_publication_date(dt.date(2026, 11, 20), dt.date(2026, 11, 20)) == []
