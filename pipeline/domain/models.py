"""The round record: what a review round is, who answers and who reviews.

Frozen pydantic models passed between stages. Rules that need the catalogs
(states, topics) live in ``rules.py``; these models only know their own shape.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from pipeline.domain.stages import STAGE_ORDER, Stage  # noqa: F401  (the round record's stage)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Institution(Frozen):
    """A body of the beneficiary state expected to answer the questionnaire; ``id`` is its acronym in lower case."""

    id: str
    name: str
    acronym: str
    email: str = ""
    language: str | None = None  # its own language for what it receives; None means the round's working language


class Expert(Frozen):
    """A panel member: an official of another member state (``state`` is its ISO alpha-3 code)."""

    name: str
    email: str
    state: str
    institution: str
    experience: str
    language: str | None = None  # the language of what the expert receives; None means the round's working language


class Coordinator(Frozen):
    """The DGPE expert who coordinates the panel and acts as its secretariat."""

    name: str
    email: str


class Panel(Frozen):
    experts: tuple[Expert, ...] = ()
    coordinator: Coordinator | None = None


class Calendar(Frozen):
    """The round's dates; None means not set yet."""

    requested: dt.date
    questionnaire_deadline: dt.date | None = None
    visit_start: dt.date | None = None
    visit_end: dt.date | None = None
    report_due: dt.date | None = None


class Contact(Frozen):
    name: str = ""
    email: str = ""
    position: str = ""


class Round(Frozen):
    """A thematic review round of one beneficiary state. ``framework_id`` None means no framework chosen yet."""

    id: str
    country: str
    topic: str
    language: str = "es"
    framework_id: str | None = None
    framework_version: str | None = None
    institutions: tuple[Institution, ...] = ()
    calendar: Calendar
    panel: Panel = Field(default_factory=Panel)
    contact: Contact = Field(default_factory=Contact)
    stage: Stage = Stage.REQUESTED

    def institution(self, institution_id: str) -> Institution | None:
        """The institution with that id or acronym (any case); None when the round has none such."""
        key = institution_id.strip().lower()
        return next((i for i in self.institutions if i.id == key or i.acronym.lower() == key), None)

    def language_of(self, recipient: Institution | Expert | None = None) -> str:
        """The language of what ``recipient`` receives: its own when recorded, else the round's working language."""
        return (recipient.language if recipient is not None and recipient.language else None) or self.language

    def expert(self, email: str) -> Expert | None:
        """The panel's expert with that e-mail (any case); None when the panel has none such."""
        key = email.strip().lower()
        return next((e for e in self.panel.experts if e.email.strip().lower() == key), None)

    def next_deadline(self, today: dt.date) -> tuple[str, dt.date] | None:
        """The next date of the calendar still ahead (its field name and date); None when all have passed."""
        dates = [
            ("questionnaire_deadline", self.calendar.questionnaire_deadline),
            ("visit_start", self.calendar.visit_start),
            ("visit_end", self.calendar.visit_end),
            ("report_due", self.calendar.report_due),
        ]
        ahead = [(name, day) for name, day in dates if day is not None and day >= today]
        return min(ahead, key=lambda item: item[1]) if ahead else None


@dataclass(frozen=True)
class Publication:
    """A published round: when its final report was published (ISO date and time) and where the report is,
    relative to the workspace ("" when none was recorded)."""

    round: Round
    published: str
    report: str


def round_id(year: int, country: str, topic: str) -> str:
    """The readable id of a round: year-country-topic, e.g. '2026-PER-planning'."""
    return f"{year}-{country.upper()}-{topic}"


def institution_id(acronym: str) -> str:
    return "".join(ch for ch in acronym.lower() if ch.isalnum() or ch in "-_")
