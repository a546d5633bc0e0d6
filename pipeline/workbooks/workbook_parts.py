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
from pathlib import Path, PurePosixPath
from typing import Any

from defusedxml import ElementTree

from pipeline.domain.raw import MAC_1904, WINDOWS_1900

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")
_ERROR_CELL = re.compile(r"<(?:\w+:)?c\s[^>]*?r=\"([A-Z]+\d+)\"[^>]*?t=\"e\"[^>]*>.*?<(?:\w+:)?v>([^<]*)</", re.S)


class UnreadableWorkbook(ValueError):
    """The reader could not make sense of a file that passed the safety inspection (the message says why)."""


@dataclass(frozen=True)
class Area:
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

    def errors(self, path: Path, title: str) -> dict[tuple[int, int], str]:
        """The error cells of a sheet (``#N/A``, ``#DIV/0!``…) by (row, column), read from its XML; {} for none."""
        part = self.sheet_parts.get(title)
        if part is None:
            return {}
        with zipfile.ZipFile(path) as archive:
            xml = archive.read(part).decode("utf-8", "replace")
        found = {}
        for match in _ERROR_CELL.finditer(xml):
            if (cell := CELL.match(match.group(1))) is not None:
                found[(int(cell.group(2)), column_number(cell.group(1)))] = match.group(2)
        return found


def column_number(letters: str) -> int:
    """``A`` → 1, ``AB`` → 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def xml_part(archive: zipfile.ZipFile, name: str) -> Any:
    """The parsed part ``name`` (DTDs refused); None when the package has no such part."""
    return ElementTree.fromstring(archive.read(name), forbid_dtd=True) if name in archive.NameToInfo else None


def xlsx_parts(archive: zipfile.ZipFile) -> Parts:
    book = xml_part(archive, "xl/workbook.xml")
    if book is None:
        raise UnreadableWorkbook("no xl/workbook.xml")
    pr = book.find(f"{MAIN}workbookPr")
    epoch = MAC_1904 if pr is not None and pr.get("date1904", "").lower() in ("1", "true") else WINDOWS_1900
    rels = xml_part(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in (rels if rels is not None else ())}
    states, sheet_parts = {}, {}
    for sheet in book.iter(f"{MAIN}sheet"):
        title = sheet.get("name", "")
        states[title] = sheet.get("state", "visible")
        target = targets.get(sheet.get(f"{RELATIONSHIPS}id"), "")
        if target:
            sheet_parts[title] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    names: dict[str, tuple[Area, ...]] = {}
    for defined in book.iter(f"{MAIN}definedName"):
        name = defined.get("name", "")
        if defined.get("localSheetId") is None and name and not name.startswith("_xlnm."):
            if areas := excel_areas(defined.text or ""):
                names.setdefault(name, areas)
    properties = {}
    custom = xml_part(archive, "docProps/custom.xml")
    for prop in custom if custom is not None else ():
        value = next(iter(prop), None)
        if prop.get("name"):
            properties[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return Parts("xlsx", names, properties, epoch, states, sheet_parts)


def excel_areas(text: str) -> tuple[Area, ...]:
    """The areas of a defined name such as ``'Plan ''A'''!$D$4:$D$9,Hoja2!$B$3``; () when it is not a plain
    reference (a formula, a constant, ``#REF!``)."""
    areas = []
    for piece in split_outside_quotes(text.strip(), ","):
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
