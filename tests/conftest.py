import datetime as dt
from pathlib import Path

import pytest

from pipeline.domain.models import Calendar, Coordinator, Expert, Institution, Panel, Round, Stage
from pipeline.ledger.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws")


def expert(state: str, name: str | None = None) -> Expert:
    name = name or f"Expert {state}"
    return Expert(name=name, email=f"{state.lower()}@example.org", state=state, institution="Ministry", experience="Ten years")


def a_round(**changes) -> Round:
    """A round of Peru on planning whose questionnaire is open, with two experts and a coordinator."""
    base = Round(
        id="2026-PER-planning",
        country="PER",
        topic="planning",
        institutions=(Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="a@example.pe"),),
        calendar=Calendar(requested=dt.date(2026, 3, 1), questionnaire_deadline=dt.date(2026, 5, 1)),
        panel=Panel(experts=(expert("CHL"), expert("MEX")), coordinator=Coordinator(name="C", email="c@example.org")),
        stage=Stage.QUESTIONNAIRE_OPEN,
    )
    return base.model_copy(update=changes)
