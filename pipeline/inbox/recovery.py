"""``mecigep verify --repair``: the ledger put back where its own events and the archive allow.

First the ledger's file is copied aside. Rows that differ from what their events recorded are put back; a
ledger whose file is damaged, or whose log cannot be proven past some event, is rebuilt from the events it
can prove (see ``ledger.repair``). Then what the ledger lost is recorded again from the workspace, in the
order it happened: the records kept in ``archive/records/``, each archived document read again (with the
framework its round pinned, through its kind, answers kept as they were sent), each quarantined file with
its note. Their events say ``recovered``. An empty ledger (or none) is rebuilt whole the same way.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pipeline.inbox.kinds.base import DocumentKind
from pipeline.inbox.processing import process
from pipeline.inbox.readiness import CLAIM_SEPARATOR
from pipeline.ledger import claims, conflicts, kept, records, repair
from pipeline.ledger import verification as checks
from pipeline.ledger.files import sha256_of
from pipeline.ledger.kept import KeptRecord
from pipeline.ledger.names import safe
from pipeline.ledger.records import Document, State
from pipeline.ledger.workspace import Workspace
from pipeline.stages.verification import Report, verify

NOTE_REASON_LINE = 7  # the reason's line in a quarantine note (see ``job.note_text``)


@dataclass(frozen=True)
class Repaired:
    restored: int  # rows put back as their events recorded them
    events: int  # events kept from the ledger as it was
    records: int  # kept records recorded again
    files: int  # archived or quarantined files recorded again
    copy: Path | None  # the ledger as it was
    after: Report


def _arrived_name(path: Path, archived: bool) -> str:
    """The name a file was received under, as its archive or quarantine name keeps it (in its safe form)."""
    name = path.name
    if archived:
        return name.split(CLAIM_SEPARATOR, 1)[1] if CLAIM_SEPARATOR in name[64:66] else name
    parts = name.split("-", 4)  # YYYY-MM-DD-<hash>-<name>
    return parts[4] if len(parts) == 5 else name


def _lost_files(workspace: Workspace) -> list[tuple[int, str, Path]]:
    """Archived and quarantined files the ledger has no record of, with when they arrived."""
    known = checks.known(workspace.ledger)
    stored = {s for _, s, _ in known.documents.values() if s}
    found = []
    for path in workspace.archive.rglob("*") if workspace.archive.exists() else ():
        if not path.is_file() or path.name.startswith(".") or workspace.records in path.parents:
            continue
        if workspace.archive / "duplicates" in path.parents:
            continue
        sha = path.name[:64]
        if sha in known.documents and known.documents[sha][0] != State.ARCHIVED.value or sha in known.drafts:
            continue  # (an archived document that still owes its answer is finished now)
        found.append((path.stat().st_mtime_ns, "archive", path))
    for path in workspace.quarantine.glob("*") if workspace.quarantine.exists() else ():
        if path.is_file() and path.suffix != ".txt" and not path.name.startswith(".") \
                and path.relative_to(workspace.root).as_posix() not in stored:
            found.append((path.stat().st_mtime_ns, "quarantine", path))
    return found


def _lost_records(workspace: Workspace) -> list[tuple[int, str, KeptRecord]]:
    known = checks.known(workspace.ledger)
    lost = []
    for record in kept.read_all(workspace.records):
        key_row = json.dumps([list(record.key), record.row], sort_keys=True, ensure_ascii=False)
        if (record.table, key_row) not in known.events:
            lost.append((record.at_ns, "record", record))
    return lost


def _record_again(workspace: Workspace, record: KeptRecord) -> None:
    if record.table == "choices" and record.row is not None:
        versions = conflicts.versions(workspace.ledger, record.row["round"], record.row["institution"])
        if any(v.sha256 == record.row["chosen"] for v in versions):
            conflicts.choose(workspace.ledger, record.row["round"], record.row["institution"], record.row["chosen"], record.row)
            return
    repair.apply_kept(workspace.ledger, record)


def _read_again(workspace: Workspace, kinds: Sequence[DocumentKind], lang: str, path: Path) -> None:
    name = _arrived_name(path, archived=True)
    claim = uuid.uuid4().hex[:12]
    claims.record(workspace.ledger, [(claim, os.fsencode(name))])
    workspace.work.mkdir(parents=True, exist_ok=True)
    target = workspace.work / f"{claim}{CLAIM_SEPARATOR}{safe(name)}"
    shutil.copyfile(path, target)
    process(workspace, target, kinds, lang, recovered=True, received_ns=path.stat().st_mtime_ns)


def _set_aside_again(workspace: Workspace, path: Path) -> None:
    note = path.with_name(path.name + ".txt")
    try:
        lines = note.read_text(encoding="utf-8").splitlines()
        reason = lines[NOTE_REASON_LINE] if len(lines) > NOTE_REASON_LINE else note.name
    except OSError:
        reason = path.name
    sha = sha256_of(path)
    when = records.at(path.stat().st_mtime_ns)
    document = Document(sha, _arrived_name(path, archived=False), when, None, State.QUARANTINED, None, None, reason,
                        path.relative_to(workspace.root).as_posix(), None, None)
    with workspace.ledger.transaction():
        if records.document(workspace.ledger, sha) is None:
            records.save_document(workspace.ledger, document)
        workspace.ledger.record("document.quarantined", None, {"file": document.name, "reason": reason, "recovered": True},
                                [{"role": "received", "name": document.name, "sha256": sha}])


def repair_workspace(workspace: Workspace, kinds: Sequence[DocumentKind], lang: str) -> Repaired:
    """Repairs the ledger of ``workspace`` (see the module's docstring); returns what was done and the report of
    a verification afterwards."""
    report = verify(workspace)
    in_file = workspace.ledger.head()[0] if not report.damaged else report.count
    copy = repair.set_aside(workspace.ledger_path) if in_file or report.damaged else None
    restored, lost_from = 0, None
    anchored = max((f.params.get("recorded", 0) for f in report.findings if "recorded" in f.params), default=0)
    if report.damaged or report.trusted < in_file:
        workspace.ledger.close()
        del workspace.__dict__["ledger"]
        kept_events = repair.rebuild(workspace.ledger_path, report.trusted, workspace.records)
        lost_from = kept_events + 1
    else:
        kept_events = in_file
        restored = repair.put_back_rows(workspace.ledger, list(report.differences))
        if anchored > in_file:
            lost_from = in_file + 1
    items = sorted(_lost_records(workspace) + _lost_files(workspace), key=lambda item: item[0])
    counts = {"record": 0, "archive": 0, "quarantine": 0}
    for _, what, item in items:
        if what == "record":
            _record_again(workspace, item)  # type: ignore[arg-type]
        elif what == "archive":
            _read_again(workspace, kinds, lang, item)  # type: ignore[arg-type]
        else:
            _set_aside_again(workspace, item)  # type: ignore[arg-type]
        counts[what] += 1
    present = {(r.table, r.key, r.seq) for r in kept.read_all(workspace.records)}
    if any((restored, lost_from, *counts.values())):
        with workspace.ledger.transaction():
            workspace.ledger.record("ledger.repaired", None, {
                "lost_from": lost_from, "restored": restored, "records": counts["record"],
                "files": counts["archive"] + counts["quarantine"], "copy": copy.name if copy else None})
    repair.keep_missing(workspace.ledger, workspace.records, present)
    return Repaired(restored, kept_events, counts["record"], counts["archive"] + counts["quarantine"], copy, verify(workspace))
