"""A returned workbook opened for reading: each sheet's values by cell, its defined names, custom properties and
date system; the same for an Excel workbook (.xlsx) and an OpenDocument spreadsheet (.ods).

python-calamine reads the values (the cached results of formulas, as Excel or LibreOffice last computed them). It
knows nothing of defined names or custom properties, so those come from the package's own parts, parsed with
defusedxml (``workbook_parts.py`` for .xlsx, ``ods_parts.py`` for .ods). ``inspect`` in ``safety.py`` has already
looked at every part (sizes, ratios, DTDs, sheet extents) before anything here opens the file.

Values are given as openpyxl gives them, so that what the inbox reads does not depend on the reader: a whole number
is an ``int``, a date a ``datetime`` at midnight, an error cell its code (``#N/A``); an empty cell is absent, and so
is an empty text (calamine does not tell them apart; neither does anything that reads a return). Sheets are read
when first asked for: identity alone reads only the metadata sheet.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import python_calamine as calamine
from defusedxml import ElementTree

from pipeline.workbooks.ods_parts import ods_parts
from pipeline.workbooks.workbook_parts import Area, UnreadableWorkbook, xlsx_parts

STATES = (("Visible", "visible"), ("Hidden", "hidden"), ("VeryHidden", "veryHidden"))  # calamine's enum is not hashable
CALAMINE_TEXT_LIMIT = 32_767  # the longest text calamine gives of a cell (Excel's limit)
WHOLE = 2 ** 53  # past this a float is no longer a whole number someone typed

__all__ = ["Area", "Book", "UnreadableWorkbook", "open_book"]


@dataclass
class Book:
    """What a reader needs of a returned workbook. ``values(title)`` is every non-empty cell of a sheet by (row,
    column); ``names`` the workbook-wide defined names that point to cells (one whose sheet was deleted is absent);
    ``states`` each sheet's visibility (visible, hidden, veryHidden); ``properties`` the custom document
    properties as text; ``epoch`` day zero of its date system."""

    file: str
    format: str  # "xlsx" or "ods"
    sheet_names: tuple[str, ...]
    states: dict[str, str]
    names: dict[str, tuple[Area, ...]]
    properties: dict[str, str]
    epoch: dt.date
    load: Callable[[str], list[list[Any]]] = field(repr=False, default=lambda title: [])
    errors: Callable[[str], dict[tuple[int, int], str]] = field(repr=False, default=lambda title: {})
    whole: Callable[[str, list[tuple[int, int]]], dict[tuple[int, int], str]] = field(repr=False, default=lambda title, cells: {})
    _sheets: dict[str, dict[tuple[int, int], object]] = field(default_factory=dict, repr=False)

    def values(self, title: str) -> Mapping[tuple[int, int], object]:
        """The non-empty cells of sheet ``title`` by (row, column); empty when there is no such sheet."""
        if title not in self._sheets:
            self._sheets[title] = self._read(title) if title in self.sheet_names else {}
        return self._sheets[title]

    def _read(self, title: str) -> dict[tuple[int, int], object]:
        found: dict[tuple[int, int], object] = {}
        for r, row in enumerate(self.load(title), start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    found[(r, c)] = as_openpyxl(value)
        found.update(self.errors(title))  # calamine gives an error cell as empty: its code is in the sheet's XML
        cut = [cell for cell, value in found.items() if isinstance(value, str) and len(value) >= CALAMINE_TEXT_LIMIT]
        if cut:  # calamine stops a text at Excel's limit; a file another program wrote may hold more, kept whole
            found.update(self.whole(title, cut))
        return found


def as_openpyxl(value: Any) -> Any:
    """A calamine value as openpyxl gives it: whole numbers as int, dates as datetime at midnight."""
    kind = type(value)
    if kind is float:
        return int(value) if value.is_integer() and abs(value) < WHOLE else value
    if kind is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def _state(visible: Any) -> str:
    return next((state for name, state in STATES if visible == getattr(calamine.SheetVisibleEnum, name)), "visible")


def open_book(path: Path) -> Book:
    """The workbook or spreadsheet at ``path`` (already inspected), ready to be read; raises UnreadableWorkbook."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = ods_parts(archive) if "mimetype" in archive.NameToInfo else xlsx_parts(archive)
        if path.suffix.lower() == f".{parts.format}":
            workbook = calamine.CalamineWorkbook.from_path(str(path))
        else:  # calamine goes by the name's extension; a file named otherwise is handed over by its content
            workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        metadata = workbook.sheets_metadata
    except (calamine.CalamineError, zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise UnreadableWorkbook(f"{type(error).__name__}: {error}") from None
    worksheets = tuple(s.name for s in metadata if s.typ is calamine.SheetTypeEnum.WorkSheet)
    states = parts.states or {s.name: _state(s.visible) for s in metadata}

    def load(title: str) -> list[list[Any]]:
        try:
            return workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
        except calamine.CalamineError as error:
            raise UnreadableWorkbook(f"{type(error).__name__}: {error}") from None

    opened: list[zipfile.ZipFile] = []  # the package, opened again the first time a sheet's error cells are looked for

    def errors(title: str) -> dict[tuple[int, int], str]:
        if title not in parts.sheet_parts:
            return {}
        if not opened:
            opened.append(zipfile.ZipFile(path))
        return parts.errors(opened[0], title)

    def whole(title: str, cells: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
        return _whole_texts(path, title, cells) if parts.format == "xlsx" else {}

    return Book(path.name, parts.format, worksheets, states, parts.names, parts.properties, parts.epoch, load, errors, whole)


def _whole_texts(path: Path, title: str, cells: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The texts of ``cells`` of sheet ``title`` as the file holds them, read with openpyxl (rare: only texts at
    calamine's limit)."""
    from openpyxl import load_workbook  # only for this rare case: reading a return does not load openpyxl otherwise

    wanted, found = set(cells), {}
    top, bottom = min(r for r, _ in cells), max(r for r, _ in cells)
    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True, keep_links=False)
    try:
        for r, row in enumerate(book[title].iter_rows(min_row=top, max_row=bottom, values_only=True), start=top):
            for c, value in enumerate(row, start=1):
                if (r, c) in wanted and isinstance(value, str):
                    found[(r, c)] = value
    finally:
        book.close()
    return found
