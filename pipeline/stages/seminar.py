"""The annual seminar: what DGPE presents once a year on the rounds whose final report was published that year.

A round belongs to the seminar of the year its final report was published; what of it the compendium shows is
what its government consented to make public on the day it is written (``consent.view``). ``mecigep seminar YEAR`` writes
``outbox/seminario-<YEAR>.docx`` (what it says: ``analysis/seminar.py``; its layout: ``documents/seminar.py``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.analysis.seminar import SeminarRound, common_findings
from pipeline.documents.seminar import render_seminar
from pipeline.domain import file_names
from pipeline.domain.problems import UserError
from pipeline.i18n.messages.seminar import SEMINAR_NO_ROUNDS
from pipeline.ledger.workspace import Workspace
from pipeline.stages import consent
from pipeline.stages.publication import publications, published_content


def year_rounds(workspace: Workspace, year: int, today: dt.date | None = None) -> list[SeminarRound]:
    """The rounds whose final report was published in ``year``, in order of publication, each with what of it is public
    on ``today``; raises UserError for none."""
    published = publications(workspace)
    chosen = [p for p in published if p.published[:4] == str(year)]
    if not chosen:
        years = sorted({p.published[:4] for p in published})
        raise UserError(SEMINAR_NO_ROUNDS, year=str(year), years=tuple(years))
    day = today or dt.date.today()
    return [SeminarRound(p, published_content(workspace, p.round.id), consent.view(workspace, p.round.id, day)) for p in chosen]


@dataclass(frozen=True)
class SeminarResult:
    path: Path
    rounds: tuple[str, ...]  # the ids of its rounds, in order of publication


def write_seminar(workspace: Workspace, year: int, target: Path | None = None, lang: str | None = None,
                  today: dt.date | None = None) -> SeminarResult:
    """Writes the seminar document of ``year`` (default ``outbox/seminario-<year>.docx``). Raises UserError when no
    round was published that year."""
    rounds = year_rounds(workspace, year, today)
    target = Path(target) if target else workspace.outbox / file_names.seminar(year, lang or "es")
    path = render_seminar(workspace.catalog, workspace.root, year, rounds, common_findings(rounds), target, lang or "es")
    return SeminarResult(path, tuple(r.id for r in rounds))
