"""Reads the sheets of an XLSForm workbook (``survey``, ``choices``, ``settings`` and the
MECIGEP ``elements`` sheet) as plain rows of text, for ``framework_compiler``.

Like pyxform's xls2json_backends: the first non-blank row of a sheet is its header; headers
are matched lower-cased and stripped (the text as written is kept to report the column);
cells become trimmed text (a whole number 1.0 is "1"); blank rows are skipped but every row
keeps its true 1-based number. Nothing here judges the content.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pipeline.domain.problems import Location, UserError
from pipeline.i18n.translation import N_
from pipeline.workbooks.cells import text_of
from pipeline.workbooks.sniff import FileKind, sniff

XLSFORM_MISSING = N_("There is no file {file}; check the name and the folder.")
XLSFORM_EMPTY = N_("The file {file} is empty; save the framework from Excel or LibreOffice as an .xlsx workbook.")
XLSFORM_LEGACY = N_("The file {file} is an old .xls workbook or a password-protected one; save it as .xlsx without a password.")
XLSFORM_NOT_XLSX = N_("The file {file} is not an Excel workbook (.xlsx), it looks like {kind}; save the framework from Excel or LibreOffice as .xlsx.")
XLSFORM_DAMAGED = N_("The file {file} is a damaged workbook or another kind of zip file; open it in Excel or LibreOffice and save it again as .xlsx.")

SHEETS = ("survey", "choices", "settings", "elements")
_KINDS = {FileKind.TEXT: "text (CSV)", FileKind.PDF: "a PDF", FileKind.UNKNOWN: "an unknown format"}


def header_key(text: str) -> str:
    """The key a header is matched by: lower-case, with the parts around '::' stripped."""
    return "::".join(part.strip() for part in text.split("::")).lower()


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
    sheet_names: tuple[str, ...] = ()  # every sheet of the workbook, as written


def _read_sheet(title: str, rows: list[tuple[object, ...]]) -> Sheet:
    headers: dict[str, str] = {}
    columns: list[str | None] = []
    duplicates: list[str] = []
    header_row = 0
    body: list[Row] = []
    for number, cells in enumerate(rows, start=1):
        texts = [text_of(value) for value in cells]
        if not any(texts):
            continue
        if not header_row:
            header_row = number
            for text in texts:
                key = header_key(text) if text else None
                if key in headers:
                    duplicates.append(text)
                    key = None
                elif key:
                    headers[key] = text
                columns.append(key)
            continue
        values = {key: text for key, text in zip(columns, texts) if key and text}
        if values:
            body.append(Row(number, values))
    return Sheet(title, header_row or 1, headers, tuple(duplicates), tuple(body))


def read_xlsform(path: Path) -> XLSFormSheets:
    """Reads the XLSForm sheets of the workbook at ``path``; raises UserError when it is not an .xlsx."""
    path = Path(path)
    where = Location(file=path.name)
    if not path.is_file():
        raise UserError(XLSFORM_MISSING, where, file=path.name)
    kind = sniff(path)
    if kind is FileKind.EMPTY:
        raise UserError(XLSFORM_EMPTY, where, file=path.name)
    if kind is FileKind.OLE2:
        raise UserError(XLSFORM_LEGACY, where, file=path.name)
    if kind is not FileKind.ZIP:
        raise UserError(XLSFORM_NOT_XLSX, where, file=path.name, kind=_KINDS.get(kind, kind.value))
    found: dict[str, Sheet] = {}
    with path.open("rb") as handle:  # a handle, so that openpyxl does not judge by the file's name
        try:
            wb = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError):
            raise UserError(XLSFORM_DAMAGED, where, file=path.name) from None
        try:
            names = tuple(ws.title for ws in wb.worksheets)
            for ws in wb.worksheets:
                key = ws.title.strip().lower()
                if key in SHEETS and key not in found:
                    found[key] = _read_sheet(ws.title, list(ws.iter_rows(values_only=True)))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            raise UserError(XLSFORM_DAMAGED, where, file=path.name) from None
        finally:
            wb.close()
    return XLSFormSheets(sheet_names=names, **found)
