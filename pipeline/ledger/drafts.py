"""The report's versions, the returned copies merged into them, and the approval, as the ledger keeps them."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.drafts import MergeOutcome, OutsideEdit, SectionOutcome, Sender
from pipeline.domain.enums import DraftOrigin, SectionMerge
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


@dataclass(frozen=True)
class Returned:
    """A returned copy of a draft and what its merge made: ``version`` is the version it produced (the current
    one, unchanged, when the copy changed nothing)."""

    sha256: str
    round: str
    sender: Sender
    based_on: int
    current: int  # the current version it was merged into
    version: int
    outcome: MergeOutcome
    received: str


def _returned(row: tuple) -> Returned:
    sha, round_, name, sender, based_on, current_, version, sections, outside, received = row
    merged = tuple(SectionOutcome(s["id"], s["heading"], SectionMerge(s["decision"])) for s in json.loads(sections))
    edits = tuple(OutsideEdit(e["where"], e["row"], tuple(e["before"]), tuple(e["after"]), tuple(tuple(c) for c in e["comments"]))
                  for e in json.loads(outside))
    return Returned(sha, round_, Sender(name, sender), based_on, current_, version, MergeOutcome(merged, edits), received)


_RETURNED = "SELECT sha256, round, name, sender, based_on, current, version, sections, outside, received FROM draft_returns"


def returned(workspace: Workspace, sha256: str) -> Returned | None:
    """The returned copy with this SHA-256, None when no copy of these bytes was merged."""
    row = workspace.ledger.db.execute(f"{_RETURNED} WHERE sha256 = ?", (sha256,)).fetchone()
    return _returned(row) if row else None


def returns(workspace: Workspace, round_id: str) -> list[Returned]:
    """The round's returned copies, in the order they were merged."""
    rows = workspace.ledger.db.execute(f"{_RETURNED} WHERE round = ? ORDER BY version, rowid", (round_id,)).fetchall()
    return [_returned(r) for r in rows]


def record_return(workspace: Workspace, copy: Returned) -> None:
    """Stores what became of a returned copy (call inside the transaction that records its version, if any)."""
    sections = [{"id": s.id, "heading": s.heading, "decision": s.decision.value} for s in copy.outcome.sections]
    outside = [{"where": e.where, "row": e.row, "before": list(e.before), "after": list(e.after), "comments": [list(c) for c in e.comments]}
               for e in copy.outcome.outside]
    workspace.ledger.db.execute("INSERT OR IGNORE INTO draft_returns VALUES (?,?,?,?,?,?,?,?,?,?)", (
        copy.sha256, copy.round, copy.sender.file, copy.sender.name, copy.based_on, copy.current, copy.version,
        json.dumps(sections, ensure_ascii=False), json.dumps(outside, ensure_ascii=False), copy.received))
    workspace.ledger.note_row("draft_returns", (copy.sha256,))


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


def record_approval(workspace: Workspace, round_: Round, by: str, on: dt.date, draft: Draft) -> None:
    """Stores the approval of ``draft``, with its event, in one transaction (the round's stage does not change:
    ``round move`` moves it)."""
    ledger = workspace.ledger
    with ledger.transaction():
        rows.put(ledger, "approvals", {"round": round_.id, "approved_by": by, "approved_on": on.isoformat(),
                                       "draft_version": draft.version, "draft_sha256": draft.sha256,
                                       "recorded": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
        ledger.record("report.approved", round_.id, {"by": by, "date": on.isoformat(), "version": draft.version},
                      [{"role": "approved_draft", "sha256": draft.sha256}])
