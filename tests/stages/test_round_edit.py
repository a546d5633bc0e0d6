"""Changing a round after it is opened: the next documents say the new thing, those already issued keep what they
said, and the status says what changed since they went out. An institution added once the questionnaires are out
gets its own at once."""
import datetime as dt

import openpyxl
import pytest

from pipeline.domain.models import Coordinator, Institution, Stage
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.stages.panel import set_coordinator
from pipeline.stages.questionnaire import emit
from pipeline.stages.round_edit import Changes, add_institution, changes_since_issue, edit_round, remove_institution
from pipeline.stages.rounds import get, open_round
from tests.conftest import a_round

ROUND = "2026-PER-planning"


def instructions(path, lang):
    """The facts of a questionnaire's instructions sheet, by their label."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    facts = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=3, max_row=8, max_col=2)}
    return facts[translate(m.Q_DEADLINE, lang)], facts[translate(m.Q_CONTACT, lang)]


def test_an_edit_shows_in_the_next_questionnaire_and_not_in_those_issued(workspace):
    open_round(workspace, a_round())
    [first] = emit(workspace, ROUND, ["mef"])
    edited, done = edit_round(workspace, ROUND, Changes(questionnaire_deadline=dt.date(2027, 1, 29), language="pt"))
    assert done == {"questionnaire_deadline": ("2026-05-01", "2027-01-29"), "language": ("es", "pt")}
    set_coordinator(workspace, ROUND, Coordinator(name="Javier Morales", email="jmorales@example.oas.org"))
    [second] = emit(workspace, ROUND, ["mef"])
    assert second.name == f"{ROUND}-mef-pt-2.xlsx"
    assert instructions(second, "pt") == (format_date(dt.date(2027, 1, 29), "pt"), "Javier Morales <jmorales@example.oas.org>")
    assert instructions(first, "es") == (format_date(dt.date(2026, 5, 1), "es"), "C <c@example.org>")
    changed = [(c.edit.field, c.edit.before, c.edit.after, c.issued) for c in changes_since_issue(workspace, ROUND)]
    assert changed == [("questionnaire_deadline", "2026-05-01", "2027-01-29", 1), ("language", "es", "pt", 1),
                       ("coordinator", "C <c@example.org>", "Javier Morales <jmorales@example.oas.org>", 1)]


def test_an_edit_that_changes_nothing_is_not_recorded(workspace):
    open_round(workspace, a_round())
    before = len(workspace.ledger.events(ROUND))
    assert edit_round(workspace, ROUND, Changes(questionnaire_deadline=dt.date(2026, 5, 1)))[1] == {}
    assert len(workspace.ledger.events(ROUND)) == before


def test_an_institution_added_once_the_questionnaires_are_out_gets_its_own(workspace):
    open_round(workspace, a_round())
    emit(workspace, ROUND)
    added = add_institution(workspace, ROUND, Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM",
                                                          email="sgp@example.pcm.gob.pe", language="en"))
    assert added.questionnaire is not None and added.questionnaire.name == f"{ROUND}-pcm-en-1.xlsx" and added.questionnaire.exists()
    assert [q["institution"] for q in workspace.ledger.questionnaires(ROUND)] == ["mef", "pcm"]
    assert [c.edit.after for c in changes_since_issue(workspace, ROUND)] == ["PCM"]


def test_an_institution_added_before_the_questionnaires_waits_for_them(workspace):
    open_round(workspace, a_round(stage=Stage.REQUESTED))
    added = add_institution(workspace, ROUND, Institution(id="pcm", name="Presidencia", acronym="PCM"))
    assert added.questionnaire is None and [i.id for i in get(workspace, ROUND).institutions] == ["mef", "pcm"]
    with pytest.raises(UserError) as twice:
        add_institution(workspace, ROUND, Institution(id="pcm", name="Presidencia", acronym="PCM"))
    assert twice.value.message == m.DUPLICATE_INSTITUTION


def test_an_institution_is_removed_until_it_answers(workspace):
    open_round(workspace, a_round(institutions=a_round().institutions + (Institution(id="pcm", name="Presidencia", acronym="PCM"),)))
    assert [i.id for i in remove_institution(workspace, ROUND, "PCM").institutions] == ["mef"]
    with pytest.raises(UserError) as unknown:
        remove_institution(workspace, ROUND, "pcm")
    assert unknown.value.message == m.UNKNOWN_INSTITUTION
