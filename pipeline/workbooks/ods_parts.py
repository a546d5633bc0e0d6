"""What an OpenDocument spreadsheet (.ods) says beside its values, as ``workbook_parts`` does for a workbook: its
named ranges (``table:named-range`` of the document, in ``content.xml``; those inside a sheet are that sheet's
own, as a ``localSheetId`` name is in Excel, and left out), its null date (``table:null-date``, day zero of its date
system) and its custom properties (``meta:user-defined`` in ``meta.xml``). LibreOffice writes an Excel workbook's
defined names as named ranges and its custom properties as user-defined ones when it saves it as .ods, so a
questionnaire saved that way keeps its identity and finds its answers by the same names.

``content.xml`` holds every cell too; it is parsed once with a parser target that keeps nothing but the few
elements above (defusedxml, DTDs refused), so its size costs no memory.
"""
from __future__ import annotations

import datetime as dt
import zipfile

from defusedxml.ElementTree import XMLParser

from pipeline.domain.raw import WINDOWS_1900
from pipeline.workbooks.workbook_parts import Area, Parts, UnreadableWorkbook, area_of, split_outside_quotes, unquote, xml_part

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_CHUNK = 256 * 1024


class _Content:
    """A parser target for content.xml: the document's named ranges and its null date."""

    def __init__(self) -> None:
        self.depth = 0  # open table:table elements
        self.names: dict[str, tuple[Area, ...]] = {}
        self.epoch = WINDOWS_1900

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == f"{TABLE}table":
            self.depth += 1
        elif tag == f"{TABLE}named-range" and self.depth == 0:
            name = attrib.get(f"{TABLE}name", "")
            if name and not name.startswith("_xlnm.") and (areas := ods_areas(attrib.get(f"{TABLE}cell-range-address", ""))):
                self.names.setdefault(name, areas)
        elif tag == f"{TABLE}null-date":
            try:
                self.epoch = dt.date.fromisoformat(attrib.get(f"{TABLE}date-value", "")[:10])
            except ValueError:
                pass

    def end(self, tag: str) -> None:
        if tag == f"{TABLE}table":
            self.depth -= 1

    def close(self) -> None:
        return None


def ods_areas(address: str) -> tuple[Area, ...]:
    """The areas of a range address such as ``$'1. Plan'.$D$6:.$D$8`` (several are separated by spaces); () when
    it is not cells of a sheet (``#REF!``, a formula)."""
    areas = []
    for one in split_outside_quotes(address.strip(), " "):
        corners, sheet = [], ""
        for corner in split_outside_quotes(one, ":"):
            owner, dot, cell = corner.rpartition(".")
            if not dot:
                return ()
            sheet = unquote(owner) or sheet
            corners.append(cell)
        area = area_of(sheet, corners)
        if area is None:
            return ()
        areas.append(area)
    return tuple(areas)


def ods_parts(archive: zipfile.ZipFile) -> Parts:
    if "content.xml" not in archive.NameToInfo:
        raise UnreadableWorkbook("no content.xml")
    content = _Content()
    parser = XMLParser(target=content, forbid_dtd=True)
    with archive.open("content.xml") as handle:
        while chunk := handle.read(_CHUNK):
            parser.feed(chunk)
    parser.close()
    properties = {}
    meta = xml_part(archive, "meta.xml")
    for prop in meta.iter(f"{META}user-defined") if meta is not None else ():
        if name := prop.get(f"{META}name"):
            properties[name] = prop.text or ""
    return Parts("ods", content.names, properties, content.epoch)
