"""Reads the sheets of an XLSForm workbook (``survey``, ``choices``, ``settings`` and the
MECIGEP ``elements`` sheet) as plain rows of text (``frameworks/rows.py``), for the framework compiler.

Like pyxform's xls2json_backends: the first non-blank row of a sheet is its header; headers
are matched lower-cased and stripped (the text as written is kept to report the column);
cells become trimmed text (a whole number 1.0 is "1"); blank rows are skipped but every row
keeps its true 1-based number. Nothing here judges the content.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pipeline.domain.problems import Location, UserError
from pipeline.domain.raw import text_of
from pipeline.frameworks.rows import Row, Sheet, XLSFormSheets, header_key
from pipeline.i18n.messages.frameworks import (
    XLSFORM_DAMAGED,
    XLSFORM_EMPTY,
    XLSFORM_LEGACY,
    XLSFORM_MISSING,
    XLSFORM_NOT_XLSX,
)
from pipeline.workbooks.sniff import FileKind, sniff

SHEETS = ("survey", "choices", "settings", "elements", "averaging")  # averaging: an optional scoring table
_KINDS = {FileKind.TEXT: "text (CSV)", FileKind.PDF: "a PDF", FileKind.UNKNOWN: "an unknown format"}


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
