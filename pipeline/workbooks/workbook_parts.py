"""What a workbook's own XML parts say beside its values: sheets and their states, defined names, custom
properties, date system (``xl/workbook.xml``, its relationships, ``docProps/custom.xml``), parsed with defusedxml.

A defined name is kept when it is workbook-wide (no ``localSheetId``, as openpyxl's ``wb.defined_names``) and points
to cells: one or more areas such as ``'Plan ''A'''!$D$4:$D$9``; a name Excel turned into ``#REF!`` when its sheet was
deleted, a formula or a constant is left out, and the reader falls back to the question ids of column A.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from defusedxml import ElementTree
from defusedxml.ElementTree import XMLParser

from pipeline.domain.raw import MAC_1904, WINDOWS_1900

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")
# One area, as Excel, LibreOffice and openpyxl write nearly every name: 'Sheet'!$D$4 or Sheet!$D$4:$D$9
_ONE_AREA = re.compile(r"(?:'((?:[^']|'')+)'|([^'!,:\s]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")
_ERROR_CELL = re.compile(r"<(?:\w+:)?c\s[^>]*?r=\"([A-Z]+\d+)\"[^>]*?t=\"e\"[^>]*>.*?<(?:\w+:)?v>([^<]*)</", re.S)


class UnreadableWorkbook(ValueError):
    """The reader could not make sense of a file that passed the safety inspection (the message says why)."""


class Area(NamedTuple):
    """A rectangle of one sheet that a defined name points to; rows and columns from 1."""

    sheet: str
    top: int
    left: int
    bottom: int
    right: int


@dataclass(frozen=True)
class Parts:
    """What the package's parts say: ``names`` by defined name, custom ``properties`` as text, ``epoch`` (day zero
    of the date system), ``states`` by sheet title (empty: ask the values' reader), ``sheet_parts`` the XML part of
    each sheet (xlsx)."""

    format: str
    names: dict[str, tuple[Area, ...]]
    properties: dict[str, str]
    epoch: dt.date
    states: dict[str, str] = field(default_factory=dict)
    sheet_parts: dict[str, str] = field(default_factory=dict)

    def errors(self, archive: zipfile.ZipFile, title: str) -> dict[tuple[int, int], str]:
        """The error cells of a sheet (``#N/A``, ``#DIV/0!``…) by (row, column), read from its XML; {} for none."""
        part = self.sheet_parts.get(title)
        if part is None or part not in archive.NameToInfo:
            return {}
        data = archive.read(part)
        if b't="e"' not in data:  # nearly always: no error cell, nothing to look for
            return {}
        found = {}
        for match in _ERROR_CELL.finditer(data.decode("utf-8", "replace")):
            if (cell := CELL.match(match.group(1))) is not None:
                found[(int(cell.group(2)), column_number(cell.group(1)))] = match.group(2)
        return found


@lru_cache(maxsize=1024)
def column_number(letters: str) -> int:
    """``A`` → 1, ``AB`` → 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def xml_part(archive: zipfile.ZipFile, name: str) -> Any:
    """The parsed part ``name`` (DTDs refused); None when the package has no such part."""
    return ElementTree.fromstring(archive.read(name), forbid_dtd=True) if name in archive.NameToInfo else None


class _Workbook:
    """A parser target for xl/workbook.xml: keeps the date system, the sheets and the defined names, builds nothing
    else (a questionnaire names a thousand cells)."""

    def __init__(self) -> None:
        self.epoch = WINDOWS_1900
        self.sheets: list[tuple[str, str, str]] = []  # title, state, relationship id
        self.names: dict[str, tuple[Area, ...]] = {}
        self._name: str | None = None
        self._text: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == _DEFINED:
            name = attrib.get("name", "")
            self._name = name if name and "localSheetId" not in attrib and not name.startswith("_xlnm.") else None
            self._text = []
        elif tag == _SHEET:
            self.sheets.append((attrib.get("name", ""), attrib.get("state", "visible"), attrib.get(f"{RELATIONSHIPS}id", "")))
        elif tag == _PR and attrib.get("date1904", "").lower() in ("1", "true"):
            self.epoch = MAC_1904

    def data(self, text: str) -> None:
        if self._name is not None:
            self._text.append(text)

    def end(self, tag: str) -> None:
        if tag == _DEFINED and self._name is not None:
            if (areas := excel_areas("".join(self._text))) and self._name not in self.names:
                self.names[self._name] = areas
            self._name = None

    def close(self) -> None:
        return None


_DEFINED, _SHEET, _PR = f"{MAIN}definedName", f"{MAIN}sheet", f"{MAIN}workbookPr"


def xlsx_parts(archive: zipfile.ZipFile) -> Parts:
    if "xl/workbook.xml" not in archive.NameToInfo:
        raise UnreadableWorkbook("no xl/workbook.xml")
    book = _Workbook()
    parser = XMLParser(target=book, forbid_dtd=True)
    parser.feed(archive.read("xl/workbook.xml"))
    parser.close()
    rels = xml_part(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in (rels if rels is not None else ())}
    states, sheet_parts = {}, {}
    for title, state, rid in book.sheets:
        states[title] = state
        if target := targets.get(rid, ""):
            sheet_parts[title] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    properties = {}
    custom = xml_part(archive, "docProps/custom.xml")
    for prop in custom if custom is not None else ():
        value = next(iter(prop), None)
        if prop.get("name"):
            properties[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return Parts("xlsx", book.names, properties, book.epoch, states, sheet_parts)


def excel_areas(text: str) -> tuple[Area, ...]:
    """The areas of a defined name such as ``'Plan ''A'''!$D$4:$D$9,Hoja2!$B$3``; () when it is not a plain
    reference (a formula, a constant, ``#REF!``)."""
    text = text.strip()
    if (one := _ONE_AREA.fullmatch(text)) is not None:
        quoted, bare, left, top, right, bottom = one.groups()
        sheet = quoted.replace("''", "'") if quoted else bare
        if "#REF" in sheet:
            return ()
        if right is None:
            row, column = int(top), column_number(left)
            return (Area(sheet, row, column, row, column),)
        rows, columns = sorted((int(top), int(bottom))), sorted((column_number(left), column_number(right)))
        return (Area(sheet, rows[0], columns[0], rows[1], columns[1]),)
    areas = []
    for piece in split_outside_quotes(text, ","):
        sheet, bang, ref = piece.rpartition("!")
        area = area_of(unquote(sheet), ref.split(":")) if bang else None
        if area is None:
            return ()
        areas.append(area)
    return tuple(areas)


def split_outside_quotes(text: str, separator: str) -> list[str]:
    """``text`` cut at ``separator`` where it is outside single quotes; empty pieces left out."""
    pieces, current, quoted = [], [], False
    for char in text:
        if char == "'":
            quoted = not quoted
        if char == separator and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p for p in pieces if p]


def unquote(sheet: str) -> str:
    """A sheet name as written in a reference (``$'Plan ''A'''``) as it is (``Plan 'A'``)."""
    sheet = sheet.lstrip("$")
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        return sheet[1:-1].replace("''", "'")
    return sheet


def area_of(sheet: str, corners: list[str]) -> Area | None:
    """The area between one or two corners (``$D$4``, ``D9``) of ``sheet``; None when it is not cells."""
    if not sheet or "#REF" in sheet or len(corners) not in (1, 2):
        return None
    found = [CELL.match(corner) for corner in corners]
    if not all(found):
        return None
    rows = [int(m.group(2)) for m in found if m]
    columns = [column_number(m.group(1)) for m in found if m]
    return Area(sheet, min(rows), min(columns), max(rows), max(columns))
