"""The e-mail the pipeline prepared and sent, and the reminders written, as the ledger keeps them.

An e-mail is recorded once its .eml draft is written (DRAFTED); before it is handed to the mail server it is
marked SENDING, and SENT once the server took it. A restart finds a SENDING one and does not send it again on
its own: the server may have taken it just before the stop.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.enums import MailKind, MailState
from pipeline.ledger.database import Ledger
from pipeline.ledger.records import now

COLUMNS = "id, round, kind, key, recipient, file, message_id, state, written, attempted, sent"


@dataclass(frozen=True)
class Mail:
    id: int
    round: str
    kind: MailKind
    key: str
    recipient: str  # the address
    file: str  # the .eml, relative to the workspace
    message_id: str
    state: MailState
    written: str
    attempted: str | None  # when it was last handed to the server
    sent: str | None


def _mail(row: tuple) -> Mail:  # type: ignore[type-arg]
    return Mail(row[0], row[1], MailKind(row[2]), row[3], row[4], row[5], row[6], MailState(row[7]), *row[8:])


def mails(ledger: Ledger, round_id: str, state: MailState | None = None) -> list[Mail]:
    """The round's e-mail, oldest first; only those in ``state`` when given."""
    sql, args = f"SELECT {COLUMNS} FROM mail WHERE round = ?", [round_id]
    if state is not None:
        sql, args = sql + " AND state = ?", args + [state.value]
    return [_mail(row) for row in ledger.db.execute(sql + " ORDER BY id", args).fetchall()]


def keys(ledger: Ledger, round_id: str) -> set[str]:
    """The keys of every e-mail prepared for the round."""
    return {k for (k,) in ledger.db.execute("SELECT key FROM mail WHERE round = ?", (round_id,))}


def next_id(ledger: Ledger) -> int:
    return int(ledger.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM mail").fetchone()[0])


def record_written(ledger: Ledger, mail: Mail, sha256: str, reminder: tuple[str, str, str] | None = None) -> None:
    """Records a drafted e-mail (and the reminder step it is, if one), with its event."""
    with ledger.transaction():
        ledger.db.execute(f"INSERT INTO mail ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                          (mail.id, mail.round, mail.kind.value, mail.key, mail.recipient, mail.file, mail.message_id,
                           MailState.DRAFTED.value, mail.written, None, None))
        ledger.note_row("mail", (mail.id,))  # its event carries it (ledger/rows.py)
        if reminder is not None:
            ledger.db.execute("INSERT INTO reminders (round, institution, deadline, step, mail, written) VALUES (?,?,?,?,?,?)",
                              (mail.round, *reminder, mail.id, mail.written))
            ledger.note_row("reminders", (mail.round, *reminder))
        ledger.record("mail.drafted", mail.round, {"mail": mail.id, "kind": mail.kind.value, "to": mail.recipient,
                                                   **({"step": reminder[2]} if reminder else {})},
                      [{"role": "mail", "name": mail.file, "sha256": sha256}])


def mark(ledger: Ledger, mail: Mail, state: MailState) -> None:
    """Moves the e-mail to ``state``: SENDING before the server is given it, SENT once it took it, DRAFTED again when
    the server refused it. Each is committed before anything else happens."""
    at = now()
    with ledger.transaction():
        if state is MailState.SENDING:
            ledger.db.execute("UPDATE mail SET state = ?, attempted = ? WHERE id = ?", (state.value, at, mail.id))
            ledger.note_row("mail", (mail.id,))
        elif state is MailState.SENT:
            ledger.db.execute("UPDATE mail SET state = ?, sent = ? WHERE id = ?", (state.value, at, mail.id))
            ledger.note_row("mail", (mail.id,))
            ledger.record("mail.sent", mail.round, {"mail": mail.id, "to": mail.recipient, "message_id": mail.message_id})
        else:
            ledger.db.execute("UPDATE mail SET state = ? WHERE id = ?", (state.value, mail.id))
            ledger.note_row("mail", (mail.id,))


def reminded(ledger: Ledger, round_id: str) -> set[tuple[str, str, str]]:
    """Every reminder written for the round, as (institution, deadline, step)."""
    rows = ledger.db.execute("SELECT institution, deadline, step FROM reminders WHERE round = ?", (round_id,))
    return {tuple(r) for r in rows.fetchall()}  # type: ignore[misc]


def answers(ledger: Ledger, round_id: str) -> list[tuple[str, str, str, str]]:
    """The receipts and feedback workbooks the inbox wrote for the round, as (holder, answer path, sha256 of the file
    answered, when it arrived), oldest first; the holder is an institution's id, 'panel:<e-mail>' or 'country'."""
    rows = ledger.db.execute("SELECT institution, answer, sha256, received FROM documents WHERE round = ? AND state = 'answered' "
                             "AND answer IS NOT NULL AND institution IS NOT NULL ORDER BY received, rowid", (round_id,))
    return [tuple(r) for r in rows.fetchall()]  # type: ignore[misc]
