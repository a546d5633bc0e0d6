"""Returned questionnaires for inbox tests: a round with its questionnaires issued, filled the way an official
would, and cheap distinct copies of a filled one (its respondent's name rewritten inside the zip)."""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.demo.answers import complete_answers
from pipeline.domain.models import Institution
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from tests.conftest import a_round
from tests.support.filling import fill

ROUND = "2026-PER-planning"
PLACEHOLDER = "Persona respondente 00000"


def issue(workspace: Workspace) -> dict:
    """A round with MEF and PCM, their questionnaires emitted; the framework to fill them with."""
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="pcm@example.pe"),
    )))
    mef, pcm = emit(workspace, ROUND)
    return {"mef": mef, "pcm": pcm, "framework": available(workspace)["planning"].framework}


def filled(issued: dict, institution: str, target: Path, **answers) -> Path:
    """The institution's questionnaire filled completely (``answers`` changing some cells), saved at ``target``."""
    values = {**complete_answers(issued["framework"]), "resp_name": PLACEHOLDER, **answers}
    return fill(issued[institution], values, target)


def variants(source: Path, count: int, folder: Path, stem: str = "r") -> list[Path]:
    """``count`` copies of a filled questionnaire, each with its own respondent name (so its own bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as archive:
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]
    old = PLACEHOLDER.encode()
    if not any(old in data for _, data in parts):
        raise RuntimeError("the respondent's name is not in the workbook")
    made = []
    for n in range(count):
        target = folder / f"{stem}{n:04d}.xlsx"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in parts:
                archive.writestr(info, data.replace(old, f"{PLACEHOLDER[:-5]}{n:05d}".encode()))
        made.append(target)
    return made


def with_text(source: Path, placeholder: str, text: str, target: Path) -> Path:
    """A copy of a filled questionnaire whose ``placeholder`` answer reads ``text``, written into the zip as any
    program may (openpyxl itself would cut a text past 32,767 characters when setting it)."""
    old, new = placeholder.encode(), text.encode()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        found = 0
        for info in archive.infolist():
            data = archive.read(info.filename)
            found += data.count(old)
            copy.writestr(info, data.replace(old, new))
    if not found:
        raise RuntimeError(f"{placeholder!r} is not in the workbook")
    return target
