"""The review of a report draft: the observations made in it (tracked changes, comments, marked lines to settle)
and the panel's answers to them, as the comment-and-response matrix lists them (the country's right of reply).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from pipeline.domain.enums import ReviewDecision


class ObservationKind(str, Enum):
    INSERTION = "insertion"
    DELETION = "deletion"
    MOVED = "moved"
    COMMENT = "comment"
    MARKED = "marked"  # a marked line (⟪…⟫): a conflict between copies or an edit to a regenerated part


@dataclass(frozen=True)
class Observation:
    """One observation of a draft, verbatim. ``section`` is the heading's text (an English catalogue message for
    "beginning of the document"); ``commented`` is the text a comment is anchored on; ``country`` says whether
    its author is not of the panel (the beneficiary state's observation)."""

    kind: ObservationKind
    author: str
    date: str  # ISO date and time, "" when unknown
    section: str
    text: str
    commented: str = ""
    country: bool = False
    version: int = 0  # the first version it was seen in
    position: int = 0  # its place in that version

    @property
    def key(self) -> str:
        """The same observation carried into later versions keeps its key."""
        what = "\x1f".join((self.kind.value, self.author, self.date, self.text, self.commented))
        return hashlib.sha256(what.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReviewAnswer:
    """The latest answer to an observation: the panel's decision and response, and whether the country withdrew it."""

    decision: ReviewDecision | None
    response: str
    withdrawn: bool


@dataclass(frozen=True)
class Unaccepted:
    """An observation of the government the panel did not accept (and the government did not withdraw), with the
    latest answer to it (no decision at all counts as not accepted)."""

    observation: Observation
    answer: ReviewAnswer
