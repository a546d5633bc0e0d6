"""The cooperation register: every need and recommendation of the published final reports, with follow-up status.

``published_workspace`` (also used by test_seminar and test_followup) publishes two rounds with the package's own
functions: questionnaires filled and ingested, the experts' notes filled and ingested, a draft whose every panel
placeholder is written with python-docx and returned through the inbox, approval, final report (no PDF, for speed).
"""
import datetime as dt
import json
import shutil
from pathlib import Path
from unittest import mock

import docx
import openpyxl
import pytest

from pipeline import messages as m
from pipeline import reports
from pipeline.cli.context import STATE
from pipeline.documents.panel_text import panel_sections
from pipeline.errors import UserError
from pipeline.example_answers import complete_answers
from pipeline.framework_library import pinned
from pipeline.i18n import translate
from pipeline.inbox.run import run_once
from pipeline.interviews import prepare
from pipeline.models import Calendar, Coordinator, Institution, Panel, Round
from pipeline.notes import NOTES_PRIORITIES
from pipeline.questionnaires import emit
from pipeline.register import REGISTER_NO_ROUNDS, published_content, publications, register_rows, write_register
from pipeline.rounds import get, open_round
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.notes import cell_name, row_specs
from pipeline.workspace import Workspace

from .conftest import expert
from .filling import fill
from .word import write_panel_text

PERU, COSTA_RICA = "2026-PER-planning", "2026-CRI-service_quality"
FORMULA = '=HYPERLINK("x")'
ROUNDS = {
    PERU: Round(id=PERU, country="PER", topic="planning", calendar=Calendar(requested=dt.date(2026, 3, 1)),
                institutions=(Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
                              Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM")),
                panel=Panel(experts=(expert("CHL"), expert("MEX")), coordinator=Coordinator(name="Javier Morales", email="jm@example.org"))),
    COSTA_RICA: Round(id=COSTA_RICA, country="CRI", topic="service_quality", calendar=Calendar(requested=dt.date(2026, 4, 1)),
                      institutions=(Institution(id="ccss", name="Caja Costarricense de Seguro Social", acronym="CCSS"),),
                      panel=Panel(experts=(expert("COL"),), coordinator=Coordinator(name="Javier Morales", email="jm@example.org"))),
}
# (institution, element index, finding, need, recommendation, priority) of each expert's notes
NOTES = {
    PERU: [[("mef", 0, "El plan de largo plazo existe pero no orienta el presupuesto.", FORMULA, "Vincular el plan con el presupuesto.", "high"),
            ("pcm", 1, "La coordinación sectorial es débil.", "Pasantía en un centro de planeamiento.", "Crear una red de planificadores.", "medium")],
           [("mef", 0, "El seguimiento existe pero no se publica.", "", "Publicar el seguimiento trimestral.", "low")]],
    COSTA_RICA: [[("ccss", 0, "Las cartas de servicio no se evalúan.", "Formación en medición de la satisfacción.",
                   "Medir la satisfacción de los usuarios cada año.", "high")]],
}
_BUILT: dict[str, Path] = {}


def _notes(workspace: Workspace, round_id: str) -> None:
    round_, framework = pinned(workspace, get(workspace, round_id))
    institutions, elements = [i.id for i in round_.institutions], list(framework.elements)
    keys = {(s.institution, s.element): s.key for s in row_specs(institutions, elements)}
    made = prepare(workspace, round_id)
    for n, (notes, rows) in enumerate(zip(made.notes, NOTES[round_id])):
        typed = {}
        for institution, element, finding, need, recommendation, priority in rows:
            key = keys[(institution, elements[element])]
            typed.update({cell_name(key, "finding"): finding, cell_name(key, "assessment"): "Parcialmente confirmado",
                          cell_name(key, "need"): need, cell_name(key, "recommendation"): recommendation,
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


def _publish(workspace: Workspace, round_id: str) -> None:
    draft = reports.write_draft(workspace, round_id)
    document = docx.Document(str(draft.path))
    for section in [s for s in panel_sections(document).values() if s.is_placeholder]:
        write_panel_text(document, section.id, f"Texto del panel ({section.id}) sobre {round_id}.", "Segundo párrafo.")
    document.save(str(workspace.inbox / f"borrador-{round_id}.docx"))
    assert [o.result for o in run_once(workspace, settle=0.0, workers=1, lang="es")] == ["draft"]
    reports.approve(workspace, round_id, "Ministra", dt.date.today())
    reports.write_final(workspace, round_id)


def _build(root: Path) -> Path:
    workspace = Workspace.init(root)
    for round_ in ROUNDS.values():
        open_round(workspace, round_)
        framework = pinned(workspace, get(workspace, round_.id))[1]
        for n, path in enumerate(emit(workspace, round_.id)):
            fill(path, complete_answers(framework), workspace.inbox / f"q-{round_.id}-{n}.xlsx")
    for round_id in ROUNDS:
        _notes(workspace, round_id)
    assert {o.result for o in run_once(workspace, settle=0.0, workers=1, lang="es")} == {"accepted"}
    with mock.patch.object(reports, "_pdf", lambda source: (None, m.REPORT_NO_LIBREOFFICE)):  # no LibreOffice: fast
        for round_id in ROUNDS:
            _publish(workspace, round_id)
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
