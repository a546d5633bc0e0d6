"""The ledger's tables, as an ordered list of migrations applied once each.

A ledger records which migrations it has had in the ``migrations`` table (the way sqlite-utils keeps
them); opening a ledger applies the missing ones in order, each in its own transaction. The first four
are written with ``IF NOT EXISTS`` because ledgers made before this table existed already hold them.
Never edit a migration that has shipped: add the next one.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Callable

CORE = """
CREATE TABLE IF NOT EXISTS rounds (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, round TEXT, payload TEXT NOT NULL,
    documents TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_round ON events(round);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TABLE IF NOT EXISTS frameworks (
    id TEXT NOT NULL, version TEXT NOT NULL, structure_hash TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS questionnaires (
    id TEXT PRIMARY KEY, round TEXT NOT NULL, institution TEXT NOT NULL, framework_id TEXT NOT NULL,
    framework_version TEXT NOT NULL, structure_hash TEXT NOT NULL, language TEXT NOT NULL, file TEXT NOT NULL,
    sha256 TEXT NOT NULL, issued TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, received TEXT NOT NULL, kind TEXT, state TEXT NOT NULL, round TEXT,
    institution TEXT, reason TEXT, stored TEXT, answer TEXT, claim TEXT);
CREATE TABLE IF NOT EXISTS responses (
    seq INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, round TEXT NOT NULL, institution TEXT NOT NULL,
    questionnaire TEXT NOT NULL, received TEXT NOT NULL, status TEXT NOT NULL, answered INTEGER NOT NULL,
    required INTEGER NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, answers TEXT NOT NULL, superseded_by TEXT);
CREATE INDEX IF NOT EXISTS responses_round ON responses(round, institution);
CREATE TABLE IF NOT EXISTS attempts (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
    round TEXT NOT NULL, version INTEGER NOT NULL, origin TEXT NOT NULL, based_on INTEGER, file TEXT NOT NULL,
    sha256 TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (round, version));
CREATE TABLE IF NOT EXISTS approvals (
    round TEXT PRIMARY KEY, approved_by TEXT NOT NULL, approved_on TEXT NOT NULL, draft_version INTEGER NOT NULL,
    draft_sha256 TEXT NOT NULL, recorded TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalog_states (code TEXT PRIMARY KEY, participating INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS catalog_topics (id TEXT PRIMARY KEY, names TEXT NOT NULL);
"""

NOTES = """
CREATE TABLE IF NOT EXISTS notes_issued (id TEXT PRIMARY KEY, round TEXT NOT NULL, expert TEXT NOT NULL,
    framework_id TEXT NOT NULL, framework_version TEXT NOT NULL, language TEXT NOT NULL, institutions TEXT NOT NULL,
    file TEXT NOT NULL, sha256 TEXT NOT NULL, issued TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (seq INTEGER PRIMARY KEY, round TEXT NOT NULL, expert TEXT NOT NULL,
    expert_name TEXT NOT NULL, notes_id TEXT NOT NULL, institution TEXT NOT NULL, element TEXT NOT NULL,
    finding TEXT NOT NULL, assessment TEXT NOT NULL, need TEXT NOT NULL, challenge TEXT NOT NULL,
    recommendation TEXT NOT NULL, priority TEXT NOT NULL, questions TEXT NOT NULL, sha256 TEXT NOT NULL,
    received TEXT NOT NULL, superseded_by TEXT, UNIQUE (sha256, institution, element));
CREATE INDEX IF NOT EXISTS notes_round ON notes(round, expert);
"""

FOLLOWUPS = """
CREATE TABLE IF NOT EXISTS followups (round TEXT NOT NULL, recommendation TEXT NOT NULL, status TEXT NOT NULL,
    actions TEXT NOT NULL, evidence TEXT NOT NULL, received TEXT NOT NULL, sha256 TEXT NOT NULL, followup TEXT NOT NULL,
    PRIMARY KEY (sha256, recommendation));
"""

RECOMMENDATIONS = """
CREATE TABLE IF NOT EXISTS recommendations (round TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL,
    text TEXT NOT NULL, priority TEXT NOT NULL, element TEXT NOT NULL, institution TEXT NOT NULL, expert TEXT NOT NULL,
    PRIMARY KEY (round, key), UNIQUE (round, id));
"""

ROUND_LIFE = """
CREATE TABLE IF NOT EXISTS round_edits (seq INTEGER PRIMARY KEY, round TEXT NOT NULL, field TEXT NOT NULL, before TEXT NOT NULL,
    after TEXT NOT NULL, at TEXT NOT NULL, event INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS round_edits_round ON round_edits(round);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mail (id INTEGER PRIMARY KEY, round TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL, file TEXT NOT NULL, message_id TEXT NOT NULL, state TEXT NOT NULL, written TEXT NOT NULL,
    attempted TEXT, sent TEXT);
CREATE INDEX IF NOT EXISTS mail_round ON mail(round, state);
CREATE TABLE IF NOT EXISTS reminders (round TEXT NOT NULL, institution TEXT NOT NULL, deadline TEXT NOT NULL, step TEXT NOT NULL,
    mail INTEGER NOT NULL, written TEXT NOT NULL, PRIMARY KEY (round, institution, deadline, step));
"""

CORRECTIONS = """
CREATE TABLE IF NOT EXISTS corrections (seq INTEGER PRIMARY KEY, round TEXT NOT NULL, institution TEXT NOT NULL,
    response TEXT NOT NULL, question TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL, typed TEXT NOT NULL,
    note TEXT NOT NULL, made_by TEXT NOT NULL, made_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corrections_round ON corrections(round, institution);
CREATE TRIGGER IF NOT EXISTS corrections_no_update BEFORE UPDATE ON corrections
    BEGIN SELECT RAISE(ABORT, 'corrections are kept as made'); END;
CREATE TRIGGER IF NOT EXISTS corrections_no_delete BEFORE DELETE ON corrections
    BEGIN SELECT RAISE(ABORT, 'corrections are kept as made'); END;
CREATE TABLE IF NOT EXISTS check_marks (seq INTEGER PRIMARY KEY, round TEXT NOT NULL, key TEXT NOT NULL,
    note TEXT NOT NULL, made_by TEXT NOT NULL, made_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS check_marks_round ON check_marks(round, key);
"""

REPORT_REVIEW = """
CREATE TABLE IF NOT EXISTS draft_returns (sha256 TEXT PRIMARY KEY, round TEXT NOT NULL, name TEXT NOT NULL, sender TEXT NOT NULL,
    based_on INTEGER NOT NULL, current INTEGER NOT NULL, version INTEGER NOT NULL, sections TEXT NOT NULL, outside TEXT NOT NULL,
    received TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS draft_returns_round ON draft_returns(round, version);
CREATE TABLE IF NOT EXISTS review_items (round TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL,
    kind TEXT NOT NULL, author TEXT NOT NULL, date TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL, commented TEXT NOT NULL,
    country INTEGER NOT NULL, PRIMARY KEY (round, key));
CREATE TABLE IF NOT EXISTS review_answers (seq INTEGER PRIMARY KEY, round TEXT NOT NULL, key TEXT NOT NULL, decision TEXT NOT NULL,
    response TEXT NOT NULL, withdrawn INTEGER NOT NULL, sha256 TEXT NOT NULL, received TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS review_answers_round ON review_answers(round, key);
CREATE TABLE IF NOT EXISTS consents (seq INTEGER PRIMARY KEY, round TEXT NOT NULL, scope TEXT NOT NULL, answers INTEGER NOT NULL,
    embargo TEXT, source TEXT NOT NULL, recorded TEXT NOT NULL);
"""

RELIABILITY = """
ALTER TABLE events ADD COLUMN rows TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN raw_name TEXT;
ALTER TABLE responses ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS claims (id TEXT PRIMARY KEY, name TEXT NOT NULL, raw_name TEXT NOT NULL, claimed TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS choices (id INTEGER PRIMARY KEY, round TEXT NOT NULL, institution TEXT NOT NULL,
    chosen TEXT NOT NULL, others TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO ledger_meta (key, value) SELECT 'rows_from', COALESCE(MAX(seq), 0) + 1 FROM events;
"""

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _answers_as_records(db: sqlite3.Connection) -> None:
    """Responses stored before answers were typed records ({"answers", "raw", "evidence", "statuses", …})
    rewritten in the record's form (see ``records.encode_answers``); dates, stored then as text, are dates
    again where the pinned framework says the question is a date."""
    types: dict[str, dict[str, str]] = {}
    for fid, version, data in db.execute("SELECT id, version, data FROM frameworks"):
        questions = [q for d in json.loads(data).get("dimensions", []) for q in d.get("questions", [])]
        types[f"{fid}\x00{version}"] = {q["name"]: q.get("type", "") for q in questions}
    issued = {qid: f"{fid}\x00{version}" for qid, fid, version in
              db.execute("SELECT id, framework_id, framework_version FROM questionnaires")}
    for seq, questionnaire, text in db.execute("SELECT seq, questionnaire, answers FROM responses").fetchall():
        old = json.loads(text)
        if "v" in old:
            continue
        kinds = types.get(issued.get(questionnaire, ""), {})
        values, raw, evidence = old.get("answers", {}), old.get("raw", {}), old.get("evidence", {})
        answers = {}
        for name, status in old.get("statuses", {}).items():
            value = values.get(name)
            if kinds.get(name) == "date" and isinstance(value, str) and ISO_DATE.match(value[:10]):
                value = {"date": value[:10]}
            typed = raw.get(name)
            if kinds.get(name) == "select_multiple":
                typed = [[key.split("__", 1)[1], cell] for key, cell in raw.items() if key.startswith(f"{name}__")]
            answers[name] = {"s": status, "v": value, "r": typed, "e": evidence.get(name)}
        respondent = old.get("respondent", {})
        if isinstance(respondent.get("resp_date"), str) and ISO_DATE.match(respondent["resp_date"][:10]):
            respondent["resp_date"] = {"date": respondent["resp_date"][:10]}
        db.execute("UPDATE responses SET answers = ? WHERE seq = ?",
                   (json.dumps({"v": 2, "answers": answers, "respondent": respondent}, ensure_ascii=False), seq))


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    apply: str | Callable[[sqlite3.Connection], None]


MIGRATIONS = (
    Migration(1, "rounds, events, frameworks, questionnaires, documents, responses, drafts, approvals, catalog", CORE),
    Migration(2, "interview notes", NOTES),
    Migration(3, "follow-ups of recommendations", FOLLOWUPS),
    Migration(4, "stable ids of recommendations", RECOMMENDATIONS),
    Migration(5, "answers stored as typed records", _answers_as_records),
    Migration(6, "round edits, workspace settings, mail and reminders", ROUND_LIFE),
    Migration(7, "DGPE corrections of answers and quality checks marked explained", CORRECTIONS),
    Migration(8, "returned copies of drafts and their merge, the review matrix, consent to publish", REPORT_REVIEW),
    Migration(9, "rows recorded in events, names as they arrived, claims, conflicts to choose", RELIABILITY),
)


def pending(db: sqlite3.Connection) -> bool:
    """Whether the ledger lacks a migration (opening it read-write applies them)."""
    try:
        done = {n for (n,) in db.execute("SELECT number FROM migrations")}
    except sqlite3.OperationalError:
        return True
    return any(migration.number not in done for migration in MIGRATIONS)


def migrate(db: sqlite3.Connection) -> list[int]:
    """Applies every migration the ledger has not had, in order; returns the numbers applied."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")
    done = {n for (n,) in db.execute("SELECT number FROM migrations")}
    applied = []
    for migration in MIGRATIONS:
        if migration.number in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if not db.execute("SELECT 1 FROM migrations WHERE number = ?", (migration.number,)).fetchone():
                if isinstance(migration.apply, str):
                    for statement in _statements(migration.apply):
                        db.execute(statement)
                else:
                    migration.apply(db)
                db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (migration.number, migration.name,
                                                                       dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
                applied.append(migration.number)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return applied


def _statements(script: str) -> list[str]:
    """The statements of ``script`` (``executescript`` would commit the open transaction)."""
    statements, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
