"""A round at the drafting step, built with the package's own functions: questionnaires emitted, filled the way
officials fill them and taken through the inbox, the interview workbooks prepared, the first draft written."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pipeline.demo.answers import complete_answers
from pipeline.domain.models import Calendar, Contact, Coordinator, Institution, Panel, Round, Stage
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import pinned
from pipeline.stages.interviews import prepare
from pipeline.stages.questionnaire import emit
from pipeline.stages.report import write_draft
from pipeline.stages.rounds import get, open_round
from tests.conftest import expert
from tests.support.filling import fill
from tests.support.stages import advance

ROUND = "2026-PER-planning"
PANEL = ("Ana Beatriz Souza", "Luis Alberto Pérez")
COUNTRY = "Rosa Quispe"  # the government's reviewer: not of the panel


def a_drafting_round() -> Round:
    return Round(id=ROUND, country="PER", topic="planning",
                 calendar=Calendar(requested=dt.date(2026, 3, 1), questionnaire_deadline=dt.date(2026, 5, 4)),
                 institutions=(Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
                               Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM")),
                 contact=Contact(name=COUNTRY, position="Directora", email="rquispe@example.gob.pe"),
                 panel=Panel(experts=(expert("BRA", PANEL[0]), expert("MEX", PANEL[1])),
                             coordinator=Coordinator(name="Javier Morales", email="jm@example.org")))


def drafting_workspace(root: Path) -> Workspace:
    """A workspace at ``root`` whose round has its first draft (``outbox/<round>/<round>-borrador-v1.docx``)."""
    workspace = Workspace.init(root)
    open_round(workspace, a_drafting_round())
    advance(workspace, ROUND, Stage.QUESTIONNAIRE_OPEN)
    framework = pinned(workspace, get(workspace, ROUND))[1]
    for n, path in enumerate(emit(workspace, ROUND)):
        fill(path, complete_answers(framework, seed=n), workspace.inbox / f"q-{n}.xlsx")
    assert {o.result for o in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")} == {"accepted"}
    advance(workspace, ROUND, Stage.INTERVIEWS)
    prepare(workspace, ROUND)
    advance(workspace, ROUND, Stage.DRAFTING)
    write_draft(workspace, ROUND)
    workspace.ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return workspace


def first_draft(workspace: Workspace) -> Path:
    return workspace.outbox / ROUND / f"{ROUND}-borrador-v1.docx"


_BUILT: dict[str, Path] = {}


def drafting_copy(tmp_path_factory, name: str = "ws") -> Workspace:
    """A fresh copy of a drafting workspace (built once per test session)."""
    if "root" not in _BUILT:
        _BUILT["root"] = drafting_workspace(tmp_path_factory.mktemp("drafting") / "ws").root
    copy = tmp_path_factory.mktemp("drafting-copy") / name
    shutil.copytree(_BUILT["root"], copy)
    return Workspace.open(copy)
