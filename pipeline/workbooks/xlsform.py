"""Reads the sheets of an XLSForm workbook (``survey``, ``choices``, ``settings`` and the
MECIGEP ``elements`` sheet) as plain rows of text (``frameworks/rows.py``), for the framework compiler.

Like pyxform's xls2json_backends: the first non-blank row of a sheet is its header; each header gets the key
pyxform would read it by (``frameworks/aliases.py``: ``relevance`` is ``relevant``, ``label:English`` is
``label::english``), the text as written being kept to report the column; cells become trimmed text (a whole
number 1.0 is "1"); blank rows are skipped but every row keeps its true 1-based number. Nothing here judges
the content.

A sheet is read by the cells it holds, not by the size it declares: some editors declare A1:AMJ1048576 for a
sheet of twenty rows, and walking that takes a minute. As in pyxform, a sheet ends after more than 60 empty rows
and its header after more than 20 empty cells.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Iterable

from pipeline.domain.problems import Location, UserError
from pipeline.domain.raw import text_of
from pipeline.frameworks.aliases import header_keys
from pipeline.frameworks.rows import Row, Sheet, XLSFormSheets
from pipeline.i18n.messages.frameworks import (
    XLSFORM_DAMAGED,
    XLSFORM_EMPTY,
    XLSFORM_LEGACY,
    XLSFORM_MISSING,
    XLSFORM_NOT_XLSX,
)
from pipeline.workbooks.sniff import FileKind, sniff

SHEETS = ("survey", "choices", "settings", "elements", "averaging")  # averaging: an optional scoring table
EMPTY_COLUMNS, EMPTY_ROWS = 20, 60  # where pyxform takes a sheet to end: after so many empty header cells, or rows
_KINDS = {FileKind.TEXT: "text (CSV)", FileKind.PDF: "a PDF", FileKind.UNKNOWN: "an unknown format"}


def _until_a_gap(texts: list[str]) -> list[str]:
    """The header cells up to the first run of more than EMPTY_COLUMNS empty ones."""
    gap = 0
    for index, text in enumerate(texts):
        gap = 0 if text else gap + 1
        if gap > EMPTY_COLUMNS:
            return texts[:index - gap + 1]
    return texts


def _read_sheet(kind: str, title: str, rows: Iterable[tuple[object, ...]]) -> Sheet:
    headers: dict[str, str] = {}
    columns: list[str | None] = []
    duplicates: list[str] = []
    header_row = last = 0
    body: list[Row] = []
    for number, cells in enumerate(rows, start=1):
        texts = [text_of(value) for value in cells]
        if not any(texts):
            if header_row and number - last > EMPTY_ROWS:
                break
            continue
        if not header_row:
            header_row = last = number
            texts = _until_a_gap(texts)
            for text, key in zip(texts, header_keys(kind, texts)):
                if key in headers:
                    duplicates.append(text)
                    columns.append(None)
                else:
                    if key:
                        headers[key] = text
                    columns.append(key or None)
            continue
        values = {key: text for key, text in zip(columns, texts) if key and text}
        if values:
            body.append(Row(number, values))
            last = number
        elif number - last > EMPTY_ROWS:
            break
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
    # openpyxl is imported here, not with the module: what only looks frameworks up (``status``) does not load it
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

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
                    ws.reset_dimensions()  # what the sheet holds, not what it declares
                    found[key] = _read_sheet(key, ws.title, ws.iter_rows(values_only=True))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            raise UserError(XLSFORM_DAMAGED, where, file=path.name) from None
        finally:
            wb.close()
    return XLSFormSheets(sheet_names=names, **found)
