"""Two rounds of one country on one topic, on two versions of the framework: in the later version a question moved
to another element and dimension, one question and its element were removed, one question is new. The consolidated
workbook and the draft set each element's earlier and current scores side by side, list what no longer exists,
and give each earlier recommendation's status from the follow-up. The report's results section states the method."""
import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl import Workbook

from pipeline.analysis.followup import question_base
from pipeline.analysis.method_text import report_paragraph
from pipeline.demo.answers import example_notes
from pipeline.domain.enums import FollowupStatus
from pipeline.domain.methods import Scoring
from pipeline.domain.models import Calendar, Institution, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import recommendations
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.comparison import earlier_round_of
from pipeline.stages.interviews import consolidate, prepare
from pipeline.stages.publication import emit_followup
from pipeline.stages.questionnaire import emit
from pipeline.stages.report import write_draft
from tests.conftest import a_round
from tests.support.filling import fill
from tests.support.publishing import publish
from tests.support.scoring import framework, maturity
from tests.support.stages import advance

EARLIER, CURRENT = "2022-PER-planning", "2026-PER-planning"
HEAD = ["type", "name", "label::Español (es)", "label::English (en)", "element", "replaces"]
CHOICES = [["list_name", "name", "label::Español (es)", "label::English (en)"],
           *[["levels", str(n), f"{n} – Nivel {n}", f"{n} – Level {n}"] for n in range(5)],
           ["levels", "na", "No aplica", "Not applicable"], ["levels", "ii", "Información insuficiente", "Insufficient information"]]
ELEMENTS = {"e1": ("Visión de largo plazo", "Long-term vision"), "e2": ("Articulación de planes", "Alignment of plans"),
            "e3": ("Sistema de información", "Information system")}
BEFORE = [HEAD, ["begin_group", "d1", "Marco", "Framework"],
          ["select_one levels", "q1", "Uno", "One", "e1"], ["select_one levels", "q2", "Dos", "Two", "e1"],
          ["select_one levels", "q3", "Tres", "Three", "e2"], ["end_group"],
          ["begin_group", "d2", "Seguimiento", "Monitoring"], ["select_one levels", "q4", "Cuatro", "Four", "e3"], ["end_group"]]
AFTER = [HEAD, ["begin_group", "d1", "Marco", "Framework"],
         ["select_one levels", "q1", "Uno", "One", "e1"], ["select_one levels", "q3", "Tres", "Three", "e2"], ["end_group"],
         ["begin_group", "d2", "Seguimiento", "Monitoring"], ["select_one levels", "q2", "Dos", "Two", "e2"],  # moved
         ["select_one levels", "q5", "Cinco", "Five", "e2"], ["end_group"]]  # q4 and e3 removed, q5 new
EARLIER_LEVELS = {"mef": {"q1": "1", "q2": "2", "q3": "1", "q4": "0"}, "pcm": {"q1": "2", "q2": "3", "q3": "2", "q4": "2"}}
CURRENT_LEVELS = {"mef": {"q1": "3", "q2": "3", "q3": "2", "q5": "4"}, "pcm": {"q1": "2", "q2": "4", "q3": "3", "q5": "3"}}
# By hand. e1 is now q1 alone: earlier (1 + 2) / 2, now (3 + 2) / 2. e2 (weakest link) is now q3, q2 and q5: earlier
# mef 1, 2 → 1+, pcm 2, 3 → 2+ (q5 did not exist); now mef 2, 3, 4 → 2+, pcm 3, 4, 3 → 3+. e3 was q4: (0 + 2) / 2.
E1 = ((1 + 2) / 2, (3 + 2) / 2)
E2 = ((1.5 + 2.5) / 2, (2.5 + 3.5) / 2)
E3 = (0 + 2) / 2


def framework_file(path: Path, version: str, survey, elements: dict, methods: dict | None = None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {"survey": survey, "choices": CHOICES,
              "settings": [["form_id", "version", "form_title", "default_language", "topic"],
                           ["planning", version, "Planificación (prueba)", "Español (es)", "planning"]],
              "elements": [["name", "label::Español (es)", "label::English (en)", "method"],
                           *[[e, es, en, (methods or {}).get(e)] for e, (es, en) in elements.items()]]}
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def institutions():
    return (Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),
            Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="pcm@example.pe"))


def answer(workspace, round_id, levels):
    for path, institution in zip(emit(workspace, round_id), ("mef", "pcm")):
        fill(path, {f"q_{q}": f"{v} – Nivel {v}" for q, v in levels[institution].items()}, workspace.inbox / path.name)
    assert all(o.result == "accepted" for o in run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es"))


@pytest.fixture(scope="module")
def rounds_compared(tmp_path_factory):
    workspace = Workspace.init(tmp_path_factory.mktemp("comparison") / "ws")
    old = framework_file(workspace.root / "frameworks" / "planning-2022.xlsx", "2022.1", BEFORE, ELEMENTS)
    rounds.open_round(workspace, a_round(id=EARLIER, institutions=institutions(),
                                         calendar=Calendar(requested=dt.date(2022, 3, 1), questionnaire_deadline=dt.date(2022, 5, 2))))
    answer(workspace, EARLIER, EARLIER_LEVELS)
    advance(workspace, EARLIER, Stage.INTERVIEWS)
    notes = prepare(workspace, EARLIER).notes
    fill(notes[0], example_notes(["mef", "pcm"], list(ELEMENTS)), workspace.inbox / "notas.xlsx")
    run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")
    publish(workspace, EARLIER)  # the draft gives the recommendations their ids
    ids = sorted(recommendations.ids(workspace.ledger, EARLIER).values())
    statuses = dict(zip(ids, (FollowupStatus.IMPLEMENTED, FollowupStatus.IN_PROGRESS, FollowupStatus.NOT_STARTED)))
    reported = {}
    for rec, status in statuses.items():
        base = question_base(rec)
        reported[f"q_{base}_status"] = translate(FOLLOWUP_STATUSES[status.value], "es")
        if status is not FollowupStatus.NOT_STARTED:
            reported.update({f"q_{base}_actions": "Se aprobó la guía.", f"q_{base}_evidence": "Resolución 12-2024"})
    fill(emit_followup(workspace, EARLIER), reported, workspace.inbox / "seguimiento.xlsx")
    run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")
    old.unlink()  # the framework is revised: version 2026.1 replaces 2022.1
    framework_file(workspace.root / "frameworks" / "planning-2026.xlsx", "2026.1", AFTER,
                   {e: v for e, v in ELEMENTS.items() if e != "e3"}, {"e2": "weakest_link"})
    rounds.open_round(workspace, a_round(institutions=institutions()))
    answer(workspace, CURRENT, CURRENT_LEVELS)
    return {"workspace": workspace, "consolidated": openpyxl.load_workbook(consolidate(workspace, CURRENT).path),
            "ids": ids, "statuses": statuses}


def frameworks(rounds_compared):
    ledger = rounds_compared["workspace"].ledger
    return tuple(ledger.framework("planning", r.framework_version) for r in (ledger.get_round(EARLIER), ledger.get_round(CURRENT)))


def table_rows(ws, name):
    rows = [[cell.value for cell in row] for row in ws[ws.tables[name].ref]]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def t(message, **params):
    return translate(message, "es", **params)


def test_the_rounds_are_on_two_versions_of_the_framework(rounds_compared):
    ledger = rounds_compared["workspace"].ledger
    assert (ledger.get_round(EARLIER).framework_version, ledger.get_round(CURRENT).framework_version) == ("2022.1", "2026.1")


def test_the_comparison_sheet_gives_each_elements_earlier_and_current_scores_and_the_change(rounds_compared):
    ws = rounds_compared["consolidated"][t(m.CMP_SHEET)]
    rows = {r[t(m.CMP_ID)]: r for r in table_rows(ws, "ElementsCompared")}
    earlier, now, change = t(m.CMP_EARLIER, round=EARLIER), t(m.CMP_CURRENT, round=CURRENT), t(m.CMP_CHANGE)
    before_fw, now_fw = frameworks(rounds_compared)
    for element, (before, after) in (("e1", E1), ("e2", E2)):
        number = now_fw.element_number(element)  # an element by the number the reader knows it by, not its id
        assert (rows[number][earlier], rows[number][now]) == (pytest.approx(before), pytest.approx(after)), element
        assert rows[number][change] == pytest.approx(round(after - before, 2))
    assert set(rows) == {now_fw.element_number("e1"), now_fw.element_number("e2")} == {"E1", "E2"}
    [removed] = table_rows(ws, "ElementsRemoved")
    assert (removed[t(m.CMP_ID)], removed[earlier], removed[t(m.CMP_STATUS)]) == (before_fw.element_number("e3"), pytest.approx(E3),
                                                                                t(m.CMP_NO_LONGER))


def test_the_moved_new_and_removed_questions_are_mapped(rounds_compared):
    ws = rounds_compared["consolidated"][t(m.CMP_SHEET)]
    mapped = {(r[t(m.CMP_QUESTION_NOW)], r[t(m.CMP_QUESTION_BEFORE)]): r[t(m.CMP_MAPPING)] for r in table_rows(ws, "QuestionsMapped")}
    before, now = frameworks(rounds_compared)  # each question by its number in its own version of the framework
    assert mapped == {(now.number("q2"), before.number("q2")): t(m.CMP_CHANGES["moved"]), (now.number("q5"), None): t(m.CMP_CHANGES["new"]),
                      (None, before.number("q4")): t(m.CMP_CHANGES["removed"])}
    assert now.number("q2") != before.number("q2")


def test_each_earlier_recommendation_shows_its_latest_follow_up_status(rounds_compared):
    ws = rounds_compared["consolidated"][t(m.CMP_SHEET)]
    rows = {r[t(m.CMP_ID)]: r for r in table_rows(ws, "EarlierRecommendations")}
    assert sorted(rows) == rounds_compared["ids"] and len(rows) == 3
    for rec, row in rows.items():
        status = rounds_compared["statuses"][rec]
        assert row[t(m.CMP_STATUS)] == t(FOLLOWUP_STATUSES[status.value])
    on_e3 = [r for r in rows.values() if t(m.CMP_NO_LONGER) in r[t(m.CMP_ELEMENT_NOW)]]
    assert len(on_e3) == 1  # the recommendation on the removed element says so


def paragraphs_and_cells(path):
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs], [[c.text for c in row.cells] for table in document.tables for row in table.rows]


@pytest.fixture(scope="module")
def drafts(rounds_compared, tmp_path_factory):
    workspace = rounds_compared["workspace"]
    advance(workspace, CURRENT, Stage.INTERVIEWS, Stage.DRAFTING)
    return {lang: paragraphs_and_cells(write_draft(workspace, CURRENT, lang).path) for lang in ("es", "en")}


def test_the_draft_compares_each_element_with_the_earlier_round(drafts):
    paragraphs, cells = drafts["es"]
    assert t(m.REPORT_CMP_HEADING, number=3, year="2022") in paragraphs  # a review is known by its year, not our id
    assert not any(EARLIER in p for p in paragraphs) and t(m.CMP_EARLIER, round="2022") in [c for row in cells for c in row]
    rows = {row[0]: row for row in cells}
    assert rows["Visión de largo plazo"][1:] == ["1,5", "2,5", "+1,0"]
    assert rows["Articulación de planes"][1:] == ["2,0", "3,0", "+1,0"]
    assert t(m.REPORT_CMP_REMOVED, elements=["Sistema de información (1,0)"]) in paragraphs
    statuses = [row[3] for row in cells if row[0].startswith("R-")]
    assert statuses == [t(FOLLOWUP_STATUSES[s]) for s in ("implemented", "in_progress", "not_started")]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_results_section_states_the_method(rounds_compared, drafts, lang):
    paragraphs, _ = drafts[lang]
    framework = rounds_compared["workspace"].ledger.framework("planning", "2026.1")
    stated = report_paragraph(framework, lang)
    assert stated.startswith(translate(m.REPORT_RESULTS_SCALE, lang))
    assert translate(m.REPORT_RESULTS_METHODS, lang, methods=translate(
        m.REPORT_RESULTS_METHOD_ITEM, lang, names=["Alignment of plans" if lang == "en" else "Articulación de planes"],
        method=translate(m.METHOD_NAMES["weakest_link"], lang))) in stated
    assert any(p.startswith(stated) for p in paragraphs)


def test_the_earlier_round_is_the_latest_published_one_of_the_country_on_the_topic_or_a_framework_replaced(workspace):
    def stored(round_id, topic, requested, stage, framework_id="planning", country="PER"):
        round_ = a_round(id=round_id, topic=topic, country=country, calendar=Calendar(requested=requested), stage=stage,
                         framework_id=framework_id, framework_version="1")
        workspace.ledger.save_round(round_, "round.opened")
        return round_

    now = a_round(calendar=Calendar(requested=dt.date(2026, 3, 1)))
    planning = framework({"d1": [maturity("q1", "e1")]}, framework_id="planning")
    stored("2019-PER-planning", "planning", dt.date(2019, 1, 1), Stage.PUBLISHED)
    stored("2023-PER-planning", "planning", dt.date(2023, 1, 1), Stage.PUBLISHED)
    stored("2024-PER-planning", "planning", dt.date(2024, 1, 1), Stage.DRAFTING)  # not published
    stored("2025-CHL-planning", "planning", dt.date(2025, 1, 1), Stage.PUBLISHED, country="CHL")  # another country
    stored("2027-PER-planning", "planning", dt.date(2027, 1, 1), Stage.PUBLISHED)  # requested later
    assert earlier_round_of(workspace.ledger, now, planning).id == "2023-PER-planning"
    stored("2025-PER-ict", "ict", dt.date(2025, 6, 1), Stage.PUBLISHED, framework_id="ict")
    assert earlier_round_of(workspace.ledger, now, planning).id == "2023-PER-planning"  # another topic, not replaced
    replacing = planning.model_copy(update={"scoring": Scoring(element_replaces={"e1": ("ict:ict_e2",)})})
    assert earlier_round_of(workspace.ledger, now, replacing).id == "2025-PER-ict"
