"""E-mail the pipeline prepares for staff: who receives what, and when a reminder is due.

A ``Send`` is one e-mail owed to someone (a questionnaire to an institution, a receipt to its sender…), known by
a ``key`` that says what it carries, so that the same documents never go twice to the same person. Reminders
follow a schedule counted in days before the questionnaire deadline, then one once it has passed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.domain.enums import MailKind

OVERDUE = "overdue"


@dataclass(frozen=True)
class Recipient:
    """Who receives an e-mail; ``email`` empty means no address is known, so it cannot be prepared."""

    name: str
    email: str
    language: str


@dataclass(frozen=True)
class Attachment:
    """A document attached: its path relative to the workspace and its SHA-256."""

    path: str
    sha256: str


@dataclass(frozen=True)
class Send:
    """One e-mail owed. ``values`` are the words its template may use ($round, $deadline…), already in the
    recipient's language; ``key`` makes it unique (kind, recipient, what it carries)."""

    kind: MailKind
    round_id: str
    recipient: Recipient
    attachments: tuple[Attachment, ...]
    key: str
    values: dict[str, str] = field(default_factory=dict)
    reminder: tuple[str, str, str] | None = None  # (institution, deadline, step) for a reminder


def send_key(kind: MailKind, email: str, attachments: tuple[Attachment, ...], extra: str = "") -> str:
    """The key of a send: the same documents to the same address make the same key."""
    return ":".join([kind.value, email.strip().lower(), extra, "+".join(sorted(a.sha256 for a in attachments))])


def reminder_step(deadline: dt.date, today: dt.date, schedule: tuple[int, ...]) -> str | None:
    """The reminder due ``today`` for a questionnaire due on ``deadline``: the latest step of ``schedule`` (days
    before the deadline) reached, as text ('7'), or 'overdue' once the deadline has passed; None before the first."""
    if today > deadline:
        return OVERDUE
    reached = [days for days in schedule if today >= deadline - dt.timedelta(days=days)]
    return str(min(reached)) if reached else None
