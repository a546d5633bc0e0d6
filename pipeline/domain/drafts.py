"""What became of a returned copy of a report draft: each panel section merged, each edit outside them.

The merge itself is in ``documents/merge.py`` (docs/report-drafts.md); the ledger keeps these records
(``ledger/drafts.py``) so that a receipt can be written again after a crash and versions can say who wrote
what.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.domain.enums import SectionMerge
from pipeline.i18n.messages.merge import (
    MERGE_SENDER,
    MERGE_SENDER_FILE,
    MERGE_WHERE_PARAGRAPH,
    MERGE_WHERE_ROW,
    MERGE_WHERE_START,
)
from pipeline.i18n.translation import translate


@dataclass(frozen=True)
class SectionOutcome:
    id: str
    heading: str
    decision: SectionMerge


@dataclass(frozen=True)
class OutsideEdit:
    """One change of a copy outside the panel sections: the blocks as the version had them and as the copy has them."""

    where: str  # the heading the change falls under ("" before the first heading)
    row: int  # the table row it starts at, 0 for a paragraph
    before: tuple[str, ...]
    after: tuple[str, ...]
    comments: tuple[tuple[str, str], ...] = ()  # (author, text) of the comments anchored in the changed blocks

    def place(self, lang: str) -> str:
        """Where it is, in words of ``lang``."""
        if self.row:
            return translate(MERGE_WHERE_ROW, lang, row=self.row, section=self.where)
        return translate(MERGE_WHERE_PARAGRAPH, lang, section=self.where) if self.where else translate(MERGE_WHERE_START, lang)


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge did: each section the copy changed or no longer has, and each edit outside the sections."""

    sections: tuple[SectionOutcome, ...]
    outside: tuple[OutsideEdit, ...]

    def count(self, *decisions: SectionMerge) -> int:
        return sum(1 for s in self.sections if s.decision in decisions)

    @property
    def changes_anything(self) -> bool:
        return bool(self.outside) or bool(self.count(SectionMerge.TAKEN, SectionMerge.CONFLICT, SectionMerge.SET_APART))


@dataclass(frozen=True)
class Sender:
    """Who sent a copy: its file name, and the name Word or LibreOffice saved it under ("" when none)."""

    file: str
    name: str = ""

    def label(self, lang: str) -> str:
        """``Ana Souza ("copy.docx")``, or the file name alone."""
        return translate(MERGE_SENDER, lang, name=self.name, file=self.file) if self.name else \
            translate(MERGE_SENDER_FILE, lang, file=self.file)

    @property
    def author(self) -> str:
        """The name that signs tracked changes made for the copy."""
        return self.name or self.file
