"""A round's life at the command line: only ``round move`` moves it, producing commands say which move they need,
``round edit`` and ``round institution`` change it, the panel's rules and the dates are checked. Each refusal is one
catalogue sentence in the language asked, with exit code 2."""
import datetime as dt
import json

import pytest

from pipeline.cli.app import main
from pipeline.domain.enums import DraftOrigin
from pipeline.domain.models import Panel, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger.drafts import Draft, record_approval
from pipeline.stages.rounds import get, open_round
from tests.conftest import a_round

ROUND = "2026-PER-planning"
LANGS = ("es", "fr")


def run(workspace, lang, *args):
    return main(["--workspace", str(workspace.root), "--lang", lang, *args])


def refusal(workspace, capsys, lang, *args):
    """The one sentence a refused command prints, having checked its exit code and that it printed nothing else."""
    capsys.readouterr()
    assert run(workspace, lang, *args) == 2
    captured = capsys.readouterr()
    assert "Usage" not in captured.err and "Traceback" not in captured.err and captured.out.strip() == ""
    return captured.err.strip()


def stage_of(workspace):
    return get(workspace, ROUND).stage


@pytest.mark.parametrize("lang", LANGS)
def test_interviews_say_which_move_they_need_and_leave_the_round_where_it_is(workspace, capsys, lang):
    open_round(workspace, a_round())
    assert refusal(workspace, capsys, lang, "interviews", ROUND) == translate(
        m.INTERVIEWS_NOT_YET, lang, round=ROUND, stage=m.STAGE_NAMES["questionnaire_open"], target=m.STAGE_NAMES["interviews"])
    assert stage_of(workspace) is Stage.QUESTIONNAIRE_OPEN
    assert refusal(workspace, capsys, lang, "report", "draft", ROUND) == translate(m.REPORT_WRONG_STAGE, lang, round=ROUND,
                                                                                    stage=m.STAGE_NAMES["questionnaire_open"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_draft_of_a_round_at_its_interviews_asks_for_the_move_to_drafting(workspace, capsys, lang):
    open_round(workspace, a_round(stage=Stage.INTERVIEWS))
    assert refusal(workspace, capsys, lang, "report", "draft", ROUND) == translate(
        m.DRAFT_NOT_YET, lang, round=ROUND, stage=m.STAGE_NAMES["interviews"], target=m.STAGE_NAMES["drafting"])
    assert stage_of(workspace) is Stage.INTERVIEWS


@pytest.mark.parametrize("lang", LANGS)
def test_documents_of_a_round_without_returns_ask_for_allow_empty(workspace, capsys, lang):
    open_round(workspace, a_round(stage=Stage.INTERVIEWS))
    assert refusal(workspace, capsys, lang, "consolidate", ROUND) == translate(m.CONS_NO_RETURNS, lang, round=ROUND, expected=1)
    assert refusal(workspace, capsys, lang, "interviews", ROUND) == translate(m.GUIDES_NO_RETURNS, lang, round=ROUND, expected=1)
    assert not (workspace.outbox / ROUND / "consolidado.xlsx").exists()
    assert run(workspace, lang, "consolidate", ROUND, "--allow-empty") == 0
    assert (workspace.outbox / ROUND / "consolidado.xlsx").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_round_move_takes_stage_names_in_each_language_and_goes_back_with_a_reason(workspace, capsys, lang):
    open_round(workspace, a_round(stage=Stage.REQUESTED))
    opened = translate(m.STAGE_NAMES["questionnaire_open"], lang)
    assert run(workspace, lang, "round", "move", ROUND, opened) == 0
    assert capsys.readouterr().out.strip() == translate(m.STAGE_MOVED, lang, round=ROUND, previous=m.STAGE_NAMES["requested"],
                                                        stage=m.STAGE_NAMES["questionnaire_open"])
    back = translate(m.STAGE_NAMES["requested"], "pt")
    assert refusal(workspace, capsys, lang, "round", "move", ROUND, back) == translate(
        m.MOVE_NEEDS_REASON, lang, round=ROUND, target=m.STAGE_NAMES["requested"])
    assert run(workspace, lang, "round", "move", ROUND, back, "--reason", "Abierta por error.") == 0
    assert stage_of(workspace) is Stage.REQUESTED
    assert refusal(workspace, capsys, lang, "round", "move", ROUND, "somewhere") == translate(
        m.UNKNOWN_STAGE, lang, stage="somewhere", stages=tuple(m.STAGE_NAMES[s.value] for s in Stage))
    capsys.readouterr()
    run(workspace, lang, "round", "events", ROUND, "--json")
    moves = [e["payload"] for e in json.loads(capsys.readouterr().out) if e["kind"] == "round.stage"]
    assert moves[-1] == {"from": "questionnaire_open", "to": "requested", "reason": "Abierta por error.", "back": True}


@pytest.mark.parametrize("lang", LANGS)
def test_questionnaires_wait_for_their_coordinator_and_deadline_saying_which_command_sets_each(workspace, capsys, lang):
    round_ = a_round(panel=Panel())
    open_round(workspace, round_.model_copy(update={"calendar": round_.calendar.model_copy(update={"questionnaire_deadline": None})}))
    assert refusal(workspace, capsys, lang, "questionnaire", "emit", ROUND, "--all").splitlines() == [
        translate(m.EMIT_NO_COORDINATOR, lang, round=ROUND), translate(m.EMIT_NO_DEADLINE, lang, round=ROUND)]
    assert not list((workspace.outbox / ROUND).glob("*.xlsx"))
    assert run(workspace, lang, "round", "panel", "coordinator", ROUND, "--name", "Javier Morales", "--email", "jm@example.org") == 0
    assert run(workspace, lang, "round", "edit", ROUND, "--deadline", "2027-01-29") == 0
    assert run(workspace, lang, "questionnaire", "emit", ROUND, "--all") == 0


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_four_working_languages_are_taken(workspace, capsys, lang):
    assert refusal(workspace, capsys, lang, "round", "new", "--country", "PER", "--topic", "planning", "--institution", "MEF|MEF|a@b.pe",
                   "--working-language", "de") == translate(m.UNKNOWN_LANGUAGE, lang, language="de")
    open_round(workspace, a_round())
    assert refusal(workspace, capsys, lang, "round", "edit", ROUND, "--working-language", "it") == translate(
        m.UNKNOWN_LANGUAGE, lang, language="it")


@pytest.mark.parametrize("lang", LANGS)
def test_an_institution_option_without_its_parts_is_refused(workspace, capsys, lang):
    assert refusal(workspace, capsys, lang, "round", "new", "--country", "PER", "--topic", "planning", "--institution",
                   "no pipes here") == translate(m.BAD_INSTITUTION_OPTION, lang, value="no pipes here")


@pytest.mark.parametrize("lang", LANGS)
def test_the_panel_takes_a_person_once_from_participating_states_with_every_field(workspace, capsys, lang):
    open_round(workspace, a_round(panel=Panel()))
    add = ("round", "panel", "add", ROUND, "--institution", "Ministério", "--experience", "Planos plurianuais")
    assert run(workspace, lang, *add, "--name", "Ana Souza", "--email", "asouza@example.gov.br", "--state", "BRA") == 0
    assert refusal(workspace, capsys, lang, *add, "--name", "Ana Souza", "--email", "ASouza@example.gov.br", "--state", "ARG") == translate(
        m.PANEL_TWICE, lang, name="Ana Souza", email="asouza@example.gov.br")
    assert run(workspace, lang, "catalog", "participation", "HTI", "--no") == 0
    haiti = workspace.catalog.states["HTI"]  # said in the message's language, with its article where it takes one
    assert refusal(workspace, capsys, lang, *add, "--name", "Jean Pierre", "--email", "jp@example.gouv.ht", "--state", "HTI") == translate(
        m.PANEL_NOT_PARTICIPATING, lang, name="Jean Pierre", state=haiti)
    assert refusal(workspace, capsys, lang, "round", "panel", "add", ROUND, "--name", "", "--email", "x@example.org", "--state", "CAN",
                   "--institution", "Treasury", "--experience", "Budget") == translate(m.PANEL_NO_NAME, lang, email="x@example.org")
    assert run(workspace, lang, *add, "--name", "Luis Pérez", "--email", "lp@example.gob.mx", "--state", "MEX") == 0
    assert run(workspace, lang, "round", "panel", "remove", ROUND, "--email", "ASOUZA@example.gov.br") == 0
    assert [e.email for e in get(workspace, ROUND).panel.experts] == ["lp@example.gob.mx"]


@pytest.mark.parametrize("lang", LANGS)
def test_an_approval_in_the_future_is_refused(workspace, capsys, lang):
    open_round(workspace, a_round(stage=Stage.COUNTRY_REVIEW))
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert refusal(workspace, capsys, lang, "report", "approve", ROUND, "--by", "Ministra", "--date", tomorrow.isoformat()) == translate(
        m.APPROVAL_IN_FUTURE, lang, date=tomorrow)
    assert refusal(workspace, capsys, lang, "report", "approve", ROUND, "--by", "Ministra", "--date", "2026-13-45") == translate(
        m.BAD_DATE_OPTION, lang, value="2026-13-45", option="--date")


@pytest.mark.parametrize("lang", LANGS)
def test_a_publication_before_the_approval_is_refused(workspace, capsys, lang):
    round_ = open_round(workspace, a_round(stage=Stage.APPROVED))
    approved = dt.date.today() - dt.timedelta(days=3)
    record_approval(workspace, round_, "Ministra", approved, Draft(ROUND, 1, DraftOrigin.GENERATED, None, "archive/x.docx", "0" * 64, ""))
    before = approved - dt.timedelta(days=1)
    assert refusal(workspace, capsys, lang, "report", "final", ROUND, "--date", before.isoformat()) == translate(
        m.PUBLICATION_BEFORE_APPROVAL, lang, date=before, approved=approved)


@pytest.mark.parametrize("lang", LANGS)
def test_round_edit_sets_the_contact_and_dates_and_round_show_says_when_there_is_none(workspace, capsys, lang):
    open_round(workspace, a_round())
    capsys.readouterr()
    run(workspace, lang, "round", "show", ROUND)
    assert f"{translate(m.LABEL_CONTACT, lang)}: —" in capsys.readouterr().out
    assert run(workspace, lang, "round", "edit", ROUND, "--contact-name", "María Quispe", "--contact-email", "mq@example.gob.pe",
               "--visit-start", "2027-02-08", "--visit-end", "2027-02-12") == 0
    round_ = get(workspace, ROUND)
    assert (round_.contact.name, round_.contact.email, round_.calendar.visit_start) == ("María Quispe", "mq@example.gob.pe", dt.date(2027, 2, 8))
    assert refusal(workspace, capsys, lang, "round", "edit", ROUND, "--visit-end", "2027-02-01") == translate(
        m.DATES_OUT_OF_ORDER, lang, earlier=m.DEADLINE_NAMES["visit_start"], earlier_date=dt.date(2027, 2, 8),
        later=m.DEADLINE_NAMES["visit_end"], later_date=dt.date(2027, 2, 1))
    assert refusal(workspace, capsys, lang, "round", "edit", ROUND) == translate(m.ROUND_EDIT_NOTHING, lang, round=ROUND)
    edits = [e for e in workspace.ledger.events(ROUND) if e.kind == "round.edited"]
    assert edits[-1].payload["changes"]["contact_email"] == ["", "mq@example.gob.pe"]


@pytest.mark.parametrize("lang", LANGS)
def test_status_shows_who_is_overdue_and_what_mail_waits(workspace, capsys, lang):
    from pipeline.stages.questionnaire import emit

    round_ = a_round()
    deadline = dt.date.today() - dt.timedelta(days=3)
    open_round(workspace, round_.model_copy(update={"calendar": round_.calendar.model_copy(update={"questionnaire_deadline": deadline})}))
    emit(workspace, ROUND)
    capsys.readouterr()
    assert run(workspace, lang, "status", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["overdue"], row["mail_waiting"]) == (1, 2)  # the questionnaire not mailed yet, and its overdue reminder
    assert run(workspace, lang, "status", ROUND, "--json") == 0
    detail = json.loads(capsys.readouterr().out)
    assert detail["institutions"][0]["overdue"] == 3 and detail["mail"] == {"owed": 2, "drafted": 0, "uncertain": 0}
    assert run(workspace, lang, "status", ROUND) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert translate(m.OVERDUE_DAYS, lang, days=3) in out
    assert " ".join(translate(m.MAIL_WAITING, lang, owed=2, drafted=0, uncertain=0, round=ROUND).split()) in out
