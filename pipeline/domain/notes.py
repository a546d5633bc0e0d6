"""The panel's interview notes: what each row records, and the rows an expert fills."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from pipeline.domain.enums import Assessment, Priority

FIELDS = ("finding", "assessment", "need", "challenge", "recommendation", "priority", "questions")
CHOICES = {"assessment": tuple(a.value for a in Assessment), "priority": tuple(p.value for p in Priority)}


@dataclass(frozen=True)
class RowSpec:
    """One row of notes: its key (in its cells' defined names), the institution's id and the element's."""

    key: str
    institution: str
    element: str


def row_specs(institutions: Sequence[str], elements: Sequence[str]) -> list[RowSpec]:
    """The rows for ``institutions`` × ``elements``, in order, each with a distinct key."""
    slug = lambda text: re.sub(r"[^A-Za-z0-9_]", "_", text)  # noqa: E731
    specs: list[RowSpec] = []
    seen: set[str] = set()
    for institution in institutions:
        for element in elements:
            key = base = f"{slug(institution)}_{slug(element)}"
            number = 2
            while key in seen:
                key, number = f"{base}_{number}", number + 1
            seen.add(key)
            specs.append(RowSpec(key, institution, element))
    return specs


@dataclass(frozen=True)
class NoteRow:
    """One stored row of an expert's notes; empty text means the cell was left empty."""

    round: str
    expert: str  # e-mail, lower case
    expert_name: str
    notes_id: str
    institution: str
    element: str
    finding: str
    assessment: str  # an Assessment's value, or empty
    need: str
    challenge: str
    recommendation: str
    priority: str  # a Priority's value, or empty
    questions: str
    sha256: str
    received: str


ROW_COLUMNS = ("round", "expert", "expert_name", "notes_id", "institution", "element") + FIELDS + ("sha256", "received")


def same_recommendation(text: str) -> str:
    """What two recommendations share when they say the same thing: their words, whatever the case, the spacing and
    a final full stop ("Crear  una red." and "crear una red" are one recommendation, made by two experts)."""
    return " ".join(text.split()).casefold().rstrip(".").strip()


def note_key(note: NoteRow) -> str:
    """What identifies a recommendation across versions: who wrote it, about which institution and element."""
    return f"{note.expert}|{note.institution}|{note.element}"
