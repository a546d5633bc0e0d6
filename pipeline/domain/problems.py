"""Problems found in what people send, and the errors that carry them.

Library code raises these; only the command line turns them into text, in the
user's language, and into an exit code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable

from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where a problem is. Every part is optional; None means unknown or not relevant."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None

    def render(self, lang: str | None) -> str:
        parts = []
        if self.file:
            parts.append(translate(m.WHERE_FILE, lang, file=self.file))
        if self.sheet:
            parts.append(translate(m.WHERE_SHEET, lang, sheet=self.sheet))
        if self.cell:
            parts.append(translate(m.WHERE_CELL, lang, cell=self.cell))
        if self.row is not None:
            parts.append(translate(m.WHERE_ROW, lang, row=self.row))
        if self.column:
            parts.append(translate(m.WHERE_COLUMN, lang, column=self.column))
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning), with the catalog message that names it."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    where: Location | None = None
    severity: Severity = Severity.ERROR

    def render(self, lang: str | None = None) -> str:
        text = translate(self.message, lang, **self.params)
        where = self.where.render(lang) if self.where else ""
        return f"{where}: {text}" if where else text


class UserError(Exception):
    """Something the user can fix. Carries one or more problems; exit code 2 at the command line."""

    def __init__(self, message: str, where: Location | None = None, **params: Any) -> None:
        self.problems: tuple[Problem, ...] = (Problem(message, params, where),)
        super().__init__(self.problems[0].render("en"))

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> "UserError":
        found = tuple(problems)
        error = cls(found[0].message, found[0].where, **found[0].params)
        error.problems = found
        return error

    @property
    def message(self) -> str:
        """The catalog message of the first problem (what tests compare with)."""
        return self.problems[0].message

    def render(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)


def raise_if_errors(problems: Iterable[Problem]) -> None:
    """Raises a UserError with every error in ``problems``; warnings alone pass."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise UserError.of(errors)
