"""The cooperation register: every need and recommendation of the published final reports, with follow-up status.

``published_workspace`` (also used by test_seminar and test_followup) publishes two rounds with the package's own
functions: questionnaires filled and ingested, the experts' notes filled and ingested, a draft whose every panel
placeholder is written with python-docx and returned through the inbox, approval with consent to publish the full
report and the answers, final report (no PDF, for speed).
"""
import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path
from unittest import mock

import openpyxl
import pytest

from pipeline.analysis.register import public_title
from pipeline.cli.context import STATE
from pipeline.demo.answers import complete_answers
from pipeline.domain.models import Calendar, Coordinator, Institution, Panel, Round, Stage
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
from pipeline.i18n.messages.notes import NOTES_PRIORITIES
from pipeline.i18n.messages.register import REGISTER_BY, REGISTER_NO_ROUNDS
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger.workspace import Workspace
from pipeline.stages import publication
from pipeline.stages.frameworks import pinned
from pipeline.stages.interviews import prepare
from pipeline.stages.publication import publications, published_content, register_rows_of, write_register
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import get, open_round
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.notes import cell_name, row_specs
from tests.conftest import expert
from tests.support.filling import fill
from tests.support.publishing import publish
from tests.support.stages import advance

PERU, COSTA_RICA = "2026-PER-planning", "2026-CRI-service_quality"
FORMULA = '=HYPERLINK("x")'
ROUNDS = {
    PERU: Round(id=PERU, country="PER", topic="planning", stage=Stage.QUESTIONNAIRE_OPEN,
                calendar=Calendar(requested=dt.date(2026, 3, 1), questionnaire_deadline=dt.date(2026, 5, 1)),
                institutions=(Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
                              Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM")),
                panel=Panel(experts=(expert("CHL"), expert("MEX")), coordinator=Coordinator(name="Javier Morales", email="jm@example.org"))),
    COSTA_RICA: Round(id=COSTA_RICA, country="CRI", topic="service_quality", stage=Stage.QUESTIONNAIRE_OPEN,
                      calendar=Calendar(requested=dt.date(2026, 4, 1), questionnaire_deadline=dt.date(2026, 6, 1)),
                      institutions=(Institution(id="ccss", name="Caja Costarricense de Seguro Social", acronym="CCSS"),),
                      panel=Panel(experts=(expert("COL"),), coordinator=Coordinator(name="Javier Morales", email="jm@example.org"))),
}
# (institution, element index, finding, need, challenge, recommendation, priority) of each expert's notes
NOTES = {
    PERU: [[("mef", 0, "El plan de largo plazo existe pero no orienta el presupuesto.", FORMULA, "Presupuestar por objetivos del plan.",
             "Vincular el plan con el presupuesto.", "high"),
            ("pcm", 1, "La coordinación sectorial es débil.", "Pasantía en un centro de planeamiento.", "",
             "Crear una red de planificadores.", "medium")],
           [("mef", 0, "El seguimiento existe pero no se publica.", "", "", "Publicar el seguimiento trimestral.", "low")]],
    COSTA_RICA: [[("ccss", 0, "Las cartas de servicio no se evalúan.", "Formación en medición de la satisfacción.", "",
                   "Medir la satisfacción de los usuarios cada año.", "high")]],
}
_BUILT: dict[str, Path] = {}


NO_FOLLOWUP_YET = translate(FOLLOWUP_STATUSES["none"], "es")


def _notes(workspace: Workspace, round_id: str) -> None:
    round_, framework = pinned(workspace, get(workspace, round_id))
    institutions, elements = [i.id for i in round_.institutions], list(framework.elements)
    keys = {(s.institution, s.element): s.key for s in row_specs(institutions, elements)}
    advance(workspace, round_id, Stage.INTERVIEWS)
    made = prepare(workspace, round_id, allow_empty=True)
    for n, (notes, rows) in enumerate(zip(made.notes, NOTES[round_id])):
        typed = {}
        for institution, element, finding, need, challenge, recommendation, priority in rows:
            key = keys[(institution, elements[element])]
            typed.update({cell_name(key, "finding"): finding, cell_name(key, "assessment"): "Parcialmente confirmado",
                          cell_name(key, "need"): need, cell_name(key, "challenge"): challenge, cell_name(key, "recommendation"): recommendation,
                          cell_name(key, "priority"): translate(NOTES_PRIORITIES[priority], "es")})
        type_text(notes, typed, workspace.inbox / f"notas-{round_id}-{n}.xlsx")


def type_text(path: Path, typed: dict, target: Path) -> Path:
    """Types ``typed`` into the named cells as text, as Excel keeps a typed '=…' when its cell is formatted as text."""
    wb = openpyxl.load_workbook(path)
    for name, value in typed.items():
        cell = named_cells(wb, name)[0]
        cell.value, cell.data_type = value, "s"
    wb.save(target)
    return target


def _build(root: Path) -> Path:
    workspace = Workspace.init(root)
    for round_ in ROUNDS.values():
        open_round(workspace, round_)
        framework = pinned(workspace, get(workspace, round_.id))[1]
        for n, path in enumerate(emit(workspace, round_.id)):
            fill(path, complete_answers(framework), workspace.inbox / f"q-{round_.id}-{n}.xlsx")
    for round_id in ROUNDS:
        _notes(workspace, round_id)
    assert {o.result for o in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")} == {"accepted"}
    with mock.patch.object(publication, "_pdf", lambda source: (None, m.REPORT_NO_LIBREOFFICE)):  # no LibreOffice: fast
        for round_id in ROUNDS:
            publish(workspace, round_id)
    workspace.ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return root


def published_workspace(tmp_path_factory) -> Workspace:
    """A fresh copy of a workspace with the two rounds published (built once per test session)."""
    if "root" not in _BUILT:
        _BUILT["root"] = _build(tmp_path_factory.mktemp("published") / "ws")
    copy = tmp_path_factory.mktemp("copy") / "ws"
    shutil.copytree(_BUILT["root"], copy)
    return Workspace.open(copy)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return published_workspace(tmp_path_factory)


def test_the_register_has_a_row_per_need_and_recommendation_of_each_published_round(published):
    rows = register_rows_of(published, "es")
    assert [(r.round, r.kind, r.recommendation) for r in rows] == [
        (PERU, "need", ""), (PERU, "need", ""), (PERU, "recommendation", "R-01"), (PERU, "recommendation", "R-02"),
        (PERU, "recommendation", "R-03"), (COSTA_RICA, "need", ""), (COSTA_RICA, "recommendation", "R-01")]
    first = rows[2]
    assert (first.country_name, first.topic_name, first.institution_name, first.text, first.priority) == (
        "Perú", "Planificación", "Ministerio de Economía y Finanzas (MEF)", "Vincular el plan con el presupuesto.", "high")
    assert first.element == "pl_e1" and first.element_name and first.element_name != "pl_e1"
    assert {r.status for r in rows if r.kind == "recommendation"} == {"none"} and {r.status for r in rows if r.kind == "need"} == {""}
    assert first.report == f"outbox/{PERU}/{PERU}-informe-final.docx" and (published.root / first.report).exists()
    assert [p.round.id for p in publications(published)] == [PERU, COSTA_RICA]


def test_the_register_workbook_is_a_filterable_table_with_text_kept_as_text(published):
    made = write_register(published, lang="es")
    path, rows = made.path, made.rows
    assert path == published.outbox / "registro-cooperacion.xlsx" and not list(path.parent.glob(".*tmp"))
    wb = openpyxl.load_workbook(path)
    sheet = wb.worksheets[0]
    table = sheet.tables["Register"]
    assert table.ref == f"A4:L{4 + len(rows)}" and sheet.freeze_panes == "A5"
    headers = [c.value for c in sheet[4]]
    assert headers[0] == "Ronda" and headers[-1] == "Informe final" and len(headers) == 12
    cell = next(c for row in sheet.iter_rows(min_row=5) for c in row if c.value == FORMULA)
    assert cell.data_type == "s"  # a need typed as a formula stays text
    reports = [sheet.cell(r, 12) for r in range(5, 5 + len(rows))]  # named by title and date, no link that breaks once sent
    assert [c.value for c in reports] == [public_title(r.topic_name, r.country_name, r.published, "es") for r in rows]
    assert not any(c.hyperlink for c in reports) and rows[0].topic_name in reports[0].value
    statuses = [sheet.cell(r, 9).value for r in range(5, 5 + len(rows))]
    assert statuses.count(NO_FOLLOWUP_YET) == 4


def test_the_summary_sheet_counts_by_topic_country_priority_and_status_with_native_charts(published, tmp_path):
    path = write_register(published, tmp_path / "otro" / "registro.xlsx", "es").path
    wb = openpyxl.load_workbook(path)
    summary = wb.worksheets[1]
    assert set(summary.tables) == {"By_topic", "By_country", "By_priority", "By_status"}

    def rows(name):
        ref = summary.tables[name].ref
        return [tuple(c.value for c in row) for row in summary[ref]][1:]

    assert rows("By_topic") == [("Planificación", 2, 3), ("Calidad de los Servicios Públicos", 1, 1)]
    assert rows("By_country") == [("Perú", 2, 3), ("Costa Rica", 1, 1)]
    assert rows("By_priority") == [("Alta", 2, 2), ("Media", 1, 1), ("Baja", 0, 1)]
    assert rows("By_status")[-1] == (NO_FOLLOWUP_YET, 4) and sum(n for _, n in rows("By_status")) == 4
    with zipfile.ZipFile(path) as package:
        charts = sorted(n for n in package.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 4
        xml = "".join(package.read(n).decode() for n in charts)
    assert xml.count("<barChart>") == 4 and translate(REGISTER_BY["topic"], "es") in xml
    assert f"'{summary.title}'!$B$" in xml  # the charts read the summary's counts


def test_the_register_as_json_and_without_published_rounds(published, workspace, capsys, monkeypatch):
    from pipeline.cli.seminar import register

    monkeypatch.setattr(STATE, "workspace_path", published.root)
    register(output=None, as_json=True)
    printed = json.loads(capsys.readouterr().out)
    assert len(printed) == 7 and printed[0]["round"] == PERU and printed[2]["recommendation"] == "R-01"
    with pytest.raises(UserError) as refused:
        write_register(workspace)
    assert refused.value.message == REGISTER_NO_ROUNDS


def test_published_content_assigns_no_new_id(published):
    before = published.ledger.db.execute("SELECT COUNT(*) FROM recommendations").fetchone()[0]
    assert [r.id for r in published_content(published, PERU).recommendations] == ["R-01", "R-02", "R-03"]
    assert published.ledger.db.execute("SELECT COUNT(*) FROM recommendations").fetchone()[0] == before
