"""A line of the review of a report draft: one tracked change or comment, as the review workbook lists it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewLine:
    """One change or comment, every field already in words of the workbook's language."""

    kind: str
    who: str
    when: str  # empty when the date is unknown
    where: str  # the section it falls under
    what: str
