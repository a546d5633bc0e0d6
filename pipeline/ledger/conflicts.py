"""Versions of one questionnaire that must not silently replace each other, and staff's choice between them.

A sync client that could not merge two people's edits leaves a *conflict copy* beside the file; two versions
of one institution's questionnaire arriving within minutes with different answers are as likely two people
filling it at once as a correction. Either way the later one is archived and answered but *held*: it does
not supersede the current version and is not current itself until staff choose (``mecigep inbox choose``).
A correction made on the feedback copy of the current version is not a conflict: it follows that version.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from pipeline.domain.answers import QuestionnaireAnswers
from pipeline.domain.arrivals import conflict_copy
from pipeline.ledger import rows
from pipeline.ledger.database import Ledger
from pipeline.ledger.records import decode_answers

WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Version:
    """One version of an institution's questionnaire still in play: the current one, or a held one."""

    sha256: str
    name: str
    received: str
    status: str
    held: bool


@dataclass(frozen=True)
class Conflict:
    """Why a version arriving is held: the version it conflicts with, and whether a conflict copy's name said so."""

    other: Version
    copy: bool


def versions(ledger: Ledger, round_id: str, institution: str) -> list[Version]:
    """The current version and the held ones of an institution's questionnaire, oldest first."""
    found = ledger.db.execute(
        "SELECT r.sha256, COALESCE(d.name, ''), r.received, r.status, r.held FROM responses r "
        "LEFT JOIN documents d ON d.sha256 = r.sha256 WHERE r.round = ? AND r.institution = ? AND r.superseded_by IS NULL "
        "ORDER BY r.seq", (round_id, institution)).fetchall()
    return [Version(s, n, r, st, bool(h)) for s, n, r, st, h in found]


def open_conflicts(ledger: Ledger, round_id: str | None = None) -> dict[tuple[str, str], list[Version]]:
    """Every institution with versions to choose from, by (round, institution)."""
    sql = "SELECT DISTINCT round, institution FROM responses WHERE held = 1 AND superseded_by IS NULL"
    args: list[str] = []
    if round_id is not None:
        sql += " AND round = ?"
        args.append(round_id)
    return {(r, i): versions(ledger, r, i) for r, i in ledger.db.execute(sql + " ORDER BY round, institution", args).fetchall()}


def _values(answers: QuestionnaireAnswers) -> tuple[dict[str, object], dict[str, object]]:
    return {name: a.value for name, a in answers.answers.items()}, dict(answers.respondent)


def conflicting(ledger: Ledger, round_id: str, institution: str, sha256: str, name: str, received: str,
                answers: QuestionnaireAnswers, follows: str = "") -> Conflict | None:
    """The version a new response conflicts with, if any: one of them is a conflict copy, or they arrived
    within ``WINDOW`` of each other with different answers; unless the new one was made on the feedback
    copy of that version (``follows`` is its hash). None when the new response simply follows the others."""
    when = dt.datetime.fromisoformat(received)
    copy = conflict_copy(name)
    for version in versions(ledger, round_id, institution):
        if version.sha256 == sha256:
            continue
        if version.sha256 == follows and not copy:
            continue
        stored = ledger.db.execute("SELECT answers FROM responses WHERE sha256 = ?", (version.sha256,)).fetchone()
        if stored is None or _values(decode_answers(stored[0])) == _values(answers):
            continue  # the same answers saved again: nothing to choose
        close = abs(when - dt.datetime.fromisoformat(version.received)) <= WINDOW
        if copy or conflict_copy(version.name) or close:
            return Conflict(version, copy or conflict_copy(version.name))
    return None


def choose(ledger: Ledger, round_id: str, institution: str, chosen: str, recovered: dict | None = None) -> list[str]:
    """Makes ``chosen`` (a version's hash) the institution's current response and has it supersede the other
    versions in play (their history kept), with its event; returns the hashes it superseded. Call with a
    version of ``versions``. ``recovered`` is the kept record of a choice made before, re-applied by a repair."""
    others = [v.sha256 for v in versions(ledger, round_id, institution) if v.sha256 != chosen]
    with ledger.transaction():
        rows.changed(ledger, "responses", "round = ? AND institution = ? AND superseded_by IS NULL", (round_id, institution))
        ledger.db.execute("UPDATE responses SET superseded_by = ?, held = 0 WHERE round = ? AND institution = ? "
                          "AND superseded_by IS NULL AND sha256 != ?", (chosen, round_id, institution, chosen))
        ledger.db.execute("UPDATE responses SET held = 0 WHERE sha256 = ?", (chosen,))
        if recovered is not None:
            rows.put(ledger, "choices", recovered)
        else:
            at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            cursor = ledger.db.execute("INSERT INTO choices (round, institution, chosen, others, at) VALUES (?, ?, ?, ?, ?)",
                                       (round_id, institution, chosen, json.dumps(others), at))
            ledger.note_row("choices", (cursor.lastrowid,))
        payload: dict[str, object] = {"institution": institution, "chosen": chosen, "others": others}
        ledger.record("response.chosen", round_id, {**payload, "recovered": True} if recovered else payload,
                      [{"role": "response", "sha256": chosen}])
    return others
