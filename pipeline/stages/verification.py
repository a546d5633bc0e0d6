"""``mecigep verify``: proving the ledger whole and complete, and in agreement with the workspace's files.

In order: SQLite's integrity check; the hash chain; the chain against its anchors outside the database (the
head file beside the ledger, and the head each receipt records in its properties), which show a log cut
short or rewritten from some event on; each table's rows against the rows the events recorded; and the
archive, the quarantine, the outbox and the kept records against what the ledger says of them. Every finding
is a sentence in the user's language; the first one names the first problem.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.documents.properties import read_custom_properties
from pipeline.documents.receipt import ANCHOR_EVENTS, ANCHOR_HEAD
from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid, translate
from pipeline.ledger import head, kept, rows
from pipeline.ledger import verification as checks
from pipeline.ledger.chain import Break
from pipeline.ledger.files import sha256_of
from pipeline.ledger.workspace import Workspace

BREAKS = {Break.CONTENT: m.VERIFY_CONTENT, Break.REWRITTEN: m.VERIFY_REWRITTEN, Break.MISSING: m.VERIFY_MISSING,
          Break.UNREADABLE: m.VERIFY_UNREADABLE}
ANSWER = re.compile(r"-[0-9a-f]{12}\.(?:docx|xlsx)$")  # receipts and feedback are named by the hash of what they answer


@dataclass(frozen=True)
class Finding:
    message: Msgid
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None) -> str:
        """The finding in ``lang``; a parameter given as (msgid, params) is itself translated."""
        return translate(self.message, lang, **{k: translate(v[0], lang, **v[1]) if isinstance(v, tuple) else v
                                                for k, v in self.params.items()})


@dataclass(frozen=True)
class Anchor:
    """A head recorded outside the database: ``count`` events, the last one's ``hash``, where and when."""

    count: int
    hash: str
    where: tuple[Msgid, dict[str, str]]  # what holds it, as a message and its parameters
    at: float  # when it was written (POSIX seconds)


@dataclass(frozen=True)
class Report:
    """What ``verify`` found; ``trusted`` is how many events can be proven (a repair keeps those)."""

    count: int
    trusted: int
    findings: tuple[Finding, ...]
    damaged: bool = False
    differences: tuple[rows.Difference, ...] = ()

    @property
    def intact(self) -> bool:
        return not self.findings


def anchors(workspace: Workspace) -> list[Anchor]:
    """The head file's anchor and every receipt's, oldest first."""
    found = []
    recorded = head.read(head.head_path(workspace.ledger_path))
    if recorded is not None:
        found.append(Anchor(recorded.count, recorded.hash, (m.VERIFY_HEAD_FILE, {}), head.head_path(workspace.ledger_path).stat().st_mtime))
    for receipt in workspace.outbox.rglob("*.docx") if workspace.outbox.exists() else ():
        properties = read_custom_properties(receipt)
        if properties.get(ANCHOR_EVENTS[len("mecigep_"):], "").isdigit():
            found.append(Anchor(int(properties[ANCHOR_EVENTS[len("mecigep_"):]]), properties.get(ANCHOR_HEAD[len("mecigep_"):], ""),
                                (m.VERIFY_RECEIPT, {"file": receipt.name}), receipt.stat().st_mtime))
    return sorted(found, key=lambda a: a.at)


def _anchored(workspace: Workspace, hashes: tuple[str, ...]) -> tuple[list[Finding], int]:
    """Findings of the chain against its anchors (one for a log cut short, naming the furthest anchor; one for
    a history rewritten, naming the first anchor it contradicts), and the events they still prove."""
    repaired = checks.repairs(workspace.ledger)
    found = anchors(workspace)
    live = [a for a in found if a.count and not any(
        r.lost_from is not None and r.lost_from <= a.count and a.at <= dt.datetime.fromisoformat(r.at).timestamp() + 1
        for r in repaired)]  # anchors of a history a repair already replaced are no longer held against it
    findings: list[Finding] = []
    trusted = len(hashes)
    contradicted = sorted((a for a in live if a.count <= len(hashes) and hashes[a.count - 1] != a.hash), key=lambda a: a.count)
    if contradicted:
        first = contradicted[0]
        good = max((a.count for a in live if a.count < first.count and hashes[a.count - 1] == a.hash), default=0)
        findings.append(Finding(m.VERIFY_TAIL_REWRITTEN, {"good": good, "where": first.where, "at": first.count}))
        trusted = good
    beyond = max((a for a in live if a.count > len(hashes)), key=lambda a: a.count, default=None)
    if beyond is not None:
        findings.append(Finding(m.VERIFY_TRUNCATED, {"count": len(hashes), "where": beyond.where, "recorded": beyond.count,
                                                     "lost": beyond.count - len(hashes)}))
    return findings, trusted


def _rows(differences: list[rows.Difference]) -> list[Finding]:
    found = []
    for d in differences:
        key = "/".join(str(k) for k in d.key)
        if d.expected is None:
            found.append(Finding(m.VERIFY_ROW_UNRECORDED, {"table": d.table, "key": key}))
        elif d.actual is None:
            found.append(Finding(m.VERIFY_ROW_MISSING, {"table": d.table, "key": key}))
        else:
            found.append(Finding(m.VERIFY_ROW_CHANGED, {"table": d.table, "key": key, "column": d.column,
                                                        "actual": str(d.actual[d.column])[:60], "expected": str(d.expected[d.column])[:60]}))
    return found


def files(workspace: Workspace) -> list[Finding]:
    """Files of the archive, quarantine and outbox the ledger does not know, and records whose file is missing."""
    known = checks.known(workspace.ledger)
    root, found = workspace.root, []
    relative = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    listed = {p for folder in (workspace.archive, workspace.quarantine, workspace.outbox) if folder.exists()
              for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")}
    stored = {s for _, s, _ in known.documents.values() if s} | set(known.drafts.values())
    answers = {a for _, _, a in known.documents.values() if a}
    for path in sorted(listed):
        name = relative(path)
        if workspace.records in path.parents:
            continue
        if workspace.archive / "duplicates" in path.parents:
            if name in known.kept_aside or sha256_of(path) in known.documents:
                continue  # a second copy of a document the ledger has
        elif workspace.archive in path.parents:
            sha = path.name[:64]
            if name in stored or sha in known.documents or sha in known.drafts:
                continue
        elif workspace.quarantine in path.parents:
            if name in stored or path.suffix == ".txt" and name[:-4] in stored or path.suffix == ".txt" and path.with_suffix("").exists():
                continue
        elif not ANSWER.search(path.name) or name in answers or path.relative_to(workspace.outbox).as_posix() in known.issued \
                or sha256_of(path) in known.shas:
            continue  # the outbox's other files are outputs made again at will (reports, registers, this page)
        found.append(Finding(m.VERIFY_UNKNOWN_FILE, {"path": name}))
    for state, where, answer in known.documents.values():
        for recorded in (where, answer):
            if recorded and not (root / recorded).exists():
                found.append(Finding(m.VERIFY_MISSING_FILE, {"path": recorded}))
    found += [Finding(m.VERIFY_MISSING_FILE, {"path": f}) for f in known.drafts.values() if not (root / f).exists()]
    present = set()
    for record in kept.read_all(workspace.records):
        present.add((record.table, record.key, record.seq))
        if (record.table, _key_row(record.key, record.row)) not in known.events:
            found.append(Finding(m.VERIFY_KEPT_UNKNOWN, {"path": relative(record.path), "table": record.table,
                                                         "key": "/".join(str(k) for k in record.key)}))
    for seq, text in checks.recorded_rows(workspace.ledger, 10**12):
        for table, key, _ in rows.decode(text):
            if table in rows.KEPT and (table, key, seq) not in present:
                found.append(Finding(m.VERIFY_KEPT_MISSING, {"table": table, "key": "/".join(str(k) for k in key), "seq": seq}))
    return found


def _key_row(key: tuple[Any, ...], row: dict[str, Any] | None) -> str:
    return json.dumps([list(key), row], sort_keys=True, ensure_ascii=False)


def verify(workspace: Workspace) -> Report:
    """Everything ``mecigep verify`` checks, in order (see the module's docstring)."""
    ledger = workspace.ledger
    findings: list[Finding] = []
    damage = checks.integrity(ledger)
    if damage is not None:
        findings.append(Finding(m.VERIFY_INTEGRITY, {"detail": damage}))
    if workspace.ledger_path.exists() and not checks.writable(workspace.ledger_path):
        findings.append(Finding(m.VERIFY_READ_ONLY, {"path": str(workspace.ledger_path)}))
    walked = checks.chain(ledger)
    trusted = walked.count
    if walked.broken_at is not None:
        findings.append(Finding(BREAKS[walked.how], {"seq": walked.broken_at}))  # type: ignore[index]
    anchored, trusted = _anchored(workspace, walked.hashes)
    findings += anchored
    differences = checks.differences(ledger, trusted) if damage is None else []
    findings += _rows(differences)
    if damage is None:
        findings += files(workspace)
    count = ledger.head()[0] if damage is None else walked.count
    return Report(count, trusted, tuple(findings), damage is not None, tuple(differences))


def sentences(report: Report, lang: str | None) -> list[str]:
    return [f.render(lang) for f in report.findings]

