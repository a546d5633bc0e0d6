"""Member states and topics: shipped, and open to a workspace's own changes."""
import pytest

from pipeline.domain.catalog import Catalog
from pipeline.domain.problems import UserError
from pipeline.domain.rules import check_round
from pipeline.i18n import messages as m
from pipeline.stages.rounds import open_round
from tests.conftest import a_round


def test_it_ships_the_member_states_with_names_in_four_languages():
    catalog = Catalog()
    assert len(catalog.states) == 35
    assert catalog.state("bra").names == {"es": "Brasil", "en": "Brazil", "pt": "Brasil", "fr": "Brésil"}


def test_it_ships_the_eleven_topics_of_the_mandate_and_two_later_ones():
    topics = Catalog().topics
    assert len(topics) == 13
    assert {"digital_transformation", "behavioural_sciences", "planning", "civil_service"} <= set(topics)
    assert all(set(t.names) == {"es", "en", "pt", "fr"} for t in topics.values())


def test_it_finds_a_state_by_code_name_or_label():
    catalog = Catalog()
    assert catalog.find_state("Perú (PER)").code == "PER"
    assert catalog.find_state("brazil").code == "BRA"
    assert catalog.find_state("Narnia") is None


def test_an_unknown_country_or_topic_is_refused_by_name():
    problems = check_round(a_round(country="XXX", topic="astrology"), Catalog())
    assert [p.message for p in problems][:2] == [m.UNKNOWN_COUNTRY, m.UNKNOWN_TOPIC]


def test_staff_can_add_a_topic_and_open_a_round_on_it(workspace):
    workspace.ledger.add_topic("public_procurement", {"es": "Compras Públicas", "en": "Public Procurement"})
    from pipeline.ledger.workspace import Workspace

    reopened = Workspace.open(workspace.root)
    assert reopened.catalog.topic("public_procurement").name("en") == "Public Procurement"
    open_round(reopened, a_round(id="2026-PER-public_procurement", topic="public_procurement"))


def test_a_new_topic_needs_a_clean_id():
    with pytest.raises(UserError) as raised:
        Catalog.check_new_topic("Compras públicas", {"es": "x"}, Catalog().topics)
    assert raised.value.message == m.BAD_TOPIC_ID


def test_staff_can_mark_a_state_as_not_participating(workspace):
    workspace.ledger.set_participation("PER", False)
    from pipeline.ledger.workspace import Workspace

    problems = check_round(a_round(), Workspace.open(workspace.root).catalog)
    assert [p.message for p in problems] == [m.COUNTRY_NOT_PARTICIPATING]
