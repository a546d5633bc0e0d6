"""DGPE's corrections of answers and the quality checks marked explained, as the ledger keeps them: each row
written with its event in one transaction, never changed afterwards (a later correction or mark is a new row)."""
from __future__ import annotations

import datetime as dt
import json

from pipeline.domain.answers import Value
from pipeline.domain.corrections import CheckMark, Correction
from pipeline.ledger.database import Ledger

TEMPORAL = {"date": dt.date, "datetime": dt.datetime}


def _encode(value: Value) -> str:
    def one(v: object) -> object:
        if isinstance(v, tuple):
            return [one(x) for x in v]
        if isinstance(v, dt.datetime):
            return {"datetime": v.isoformat()}
        if isinstance(v, dt.date):
            return {"date": v.isoformat()}
        return v
    return json.dumps(one(value), ensure_ascii=False)


def _decode(text: str) -> Value:
    def one(v: object) -> object:
        if isinstance(v, list):
            return tuple(one(x) for x in v)
        if isinstance(v, dict) and len(v) == 1 and next(iter(v)) in TEMPORAL:
            name, iso = next(iter(v.items()))
            return TEMPORAL[name].fromisoformat(iso)
        return v
    return one(json.loads(text))  # type: ignore[return-value]


def add_correction(ledger: Ledger, correction: Correction) -> None:
    """Stores the correction with its ``response.corrected`` event (who, when, before and after), atomically."""
    c = correction
    with ledger.transaction():
        cursor = ledger.db.execute(
            "INSERT INTO corrections (round, institution, response, question, before, after, typed, note, made_by, made_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (c.round, c.institution, c.response, c.question, _encode(c.before), _encode(c.after), c.typed, c.note, c.by, c.at))
        ledger.note_row("corrections", (cursor.lastrowid,))  # its event carries it (ledger/rows.py)
        ledger.record("response.corrected", c.round, {
            "institution": c.institution, "response": c.response, "question": c.question, "before": json.loads(_encode(c.before)),
            "after": json.loads(_encode(c.after)), "typed": c.typed, "note": c.note, "by": c.by, "at": c.at})


def corrections(ledger: Ledger, round_id: str, institution: str | None = None) -> list[Correction]:
    """The round's corrections (of one institution when given), in the order they were made."""
    sql = ("SELECT round, institution, response, question, before, after, typed, note, made_by, made_at FROM corrections "
           "WHERE round = ?" + (" AND institution = ?" if institution else "") + " ORDER BY seq")
    rows = ledger.db.execute(sql, (round_id, institution) if institution else (round_id,)).fetchall()
    return [Correction(r[0], r[1], r[2], r[3], _decode(r[4]), _decode(r[5]), *r[6:]) for r in rows]


def add_mark(ledger: Ledger, mark: CheckMark) -> None:
    """Stores the mark with its ``check.explained`` event, atomically."""
    with ledger.transaction():
        cursor = ledger.db.execute("INSERT INTO check_marks (round, key, note, made_by, made_at) VALUES (?,?,?,?,?)",
                                   (mark.round, mark.key, mark.note, mark.by, mark.at))
        ledger.note_row("check_marks", (cursor.lastrowid,))
        ledger.record("check.explained", mark.round, {"check": mark.key, "note": mark.note, "by": mark.by, "at": mark.at})


def marks(ledger: Ledger, round_id: str) -> dict[str, CheckMark]:
    """The round's checks marked explained, by key: the latest mark of each."""
    rows = ledger.db.execute("SELECT round, key, note, made_by, made_at FROM check_marks WHERE round = ? ORDER BY seq",
                             (round_id,)).fetchall()
    return {r[1]: CheckMark(*r) for r in rows}
