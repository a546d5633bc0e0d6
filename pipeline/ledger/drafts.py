"""The report's versions and its approval, as the ledger keeps them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.enums import DraftOrigin
from pipeline.domain.models import Round
from pipeline.ledger import rows
from pipeline.ledger.files import archive_copy, sha256_of
from pipeline.ledger.workspace import Workspace


@dataclass(frozen=True)
class Draft:
    round: str
    version: int
    origin: DraftOrigin
    based_on: int | None  # the version it was edited from (a returned draft) or carried the panel's text from
    file: str  # relative to the workspace: the archived copy
    sha256: str
    created: str


@dataclass(frozen=True)
class Approval:
    round: str
    approved_by: str
    approved_on: dt.date
    draft_version: int
    draft_sha256: str


def drafts(workspace: Workspace, round_id: str) -> list[Draft]:
    """The round's drafts, oldest version first."""
    rows = workspace.ledger.db.execute(
        "SELECT round, version, origin, based_on, file, sha256, created FROM drafts WHERE round = ? ORDER BY version", (round_id,))
    return [Draft(r, v, DraftOrigin(o), b, f, s, c) for r, v, o, b, f, s, c in rows.fetchall()]


def current(workspace: Workspace, round_id: str) -> Draft | None:
    """The round's current draft (its highest version); None before the first."""
    found = drafts(workspace, round_id)
    return found[-1] if found else None


def record_draft(workspace: Workspace, round_: Round, path: Path, origin: DraftOrigin, based_on: int | None, name: str) -> Draft:
    """Archives ``path`` and records it as the round's next draft version, with its event."""
    digest = sha256_of(path)
    stored = archive_copy(path, workspace.archive, digest, ".docx")
    ledger = workspace.ledger
    with ledger.transaction():
        previous = current(workspace, round_.id)
        draft = Draft(round_.id, (previous.version if previous else 0) + 1, origin, based_on,
                      stored.relative_to(workspace.root).as_posix(), digest, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        rows.put(ledger, "drafts", {"round": draft.round, "version": draft.version, "origin": draft.origin.value,
                                    "based_on": draft.based_on, "file": draft.file, "sha256": draft.sha256, "created": draft.created},
                 replace=False)
        ledger.record(f"draft.{origin.value}", round_.id, {"version": draft.version, "based_on": based_on, "file": name},
                      [{"role": f"draft_{origin.value}", "name": name, "sha256": digest}])
    return draft


def approval(workspace: Workspace, round_id: str) -> Approval | None:
    """The round's recorded approval; None while it has none."""
    row = workspace.ledger.db.execute(
        "SELECT round, approved_by, approved_on, draft_version, draft_sha256 FROM approvals WHERE round = ?", (round_id,)).fetchone()
    return Approval(row[0], row[1], dt.date.fromisoformat(row[2]), row[3], row[4]) if row else None


def record_approval(workspace: Workspace, approved: Round, by: str, on: dt.date, draft: Draft) -> None:
    """Stores the approval of ``draft`` and the approved round, with their event, in one transaction."""
    ledger = workspace.ledger
    with ledger.transaction():
        rows.put(ledger, "approvals", {"round": approved.id, "approved_by": by, "approved_on": on.isoformat(),
                                       "draft_version": draft.version, "draft_sha256": draft.sha256,
                                       "recorded": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
        ledger.save_round(approved, "report.approved", {"by": by, "date": on.isoformat(), "version": draft.version},
                          [{"role": "approved_draft", "sha256": draft.sha256}])
