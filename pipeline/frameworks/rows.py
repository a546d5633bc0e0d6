"""The rows of an XLSForm workbook as the compiler reads them: plain text, keyed by header, with their true
row numbers (``workbooks/xlsform.py`` reads them from the file; ``aliases.header_keys`` gives each header its key)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    """One non-blank row: its 1-based number and its cells keyed by header key (empty cells left out)."""

    number: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        """The trimmed text under the column ``key``; empty when the cell or the column is missing."""
        return self.values.get(key, "")


@dataclass(frozen=True)
class Sheet:
    """A sheet's title as written, its header row, headers (key -> text as written) and rows."""

    title: str
    header_row: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    duplicates: tuple[str, ...] = ()  # header texts whose key an earlier column already has
    rows: tuple[Row, ...] = ()

    def has(self, key: str) -> bool:
        """Whether the sheet has a column with the header key ``key``."""
        return key in self.headers

    def column(self, key: str) -> str:
        """The header text of ``key`` as written, else ``key`` itself (to report a column)."""
        return self.headers.get(key, key)


@dataclass(frozen=True)
class XLSFormSheets:
    """The sheets an XLSForm framework is made of; None for a sheet the workbook lacks."""

    survey: Sheet | None = None
    choices: Sheet | None = None
    settings: Sheet | None = None
    elements: Sheet | None = None
    averaging: Sheet | None = None  # a framework's own averaging table (frameworks/methods.py)
    sheet_names: tuple[str, ...] = ()  # every sheet of the workbook, as written
