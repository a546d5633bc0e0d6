"""The XML parts of a zip-based Office file, checked before any library opens it: every part parsed with
entities forbidden, each worksheet measured by the cells it holds, the names the file's own index uses
held against the parts it has.

Part names that differ in letter case from their relationships, parts named with backslashes, and sheet
visibilities Excel never writes are accepted by Excel but make openpyxl drop sheets without a word or
fail; each is reported for what it is.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import PurePosixPath
from typing import Any

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, XMLParser
from openpyxl.utils.cell import column_index_from_string  # a pure function: no workbook is opened

CHUNK = 64 * 1024
SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml$")
ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?<!/)>")  # a row holding cells (an empty, formatted row closes itself)
CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})[0-9]+"[^>]*?(?<!/)>')  # a cell holding a value or formula
SHEET_STATES = ("visible", "hidden", "veryHidden")


class PartProblem(Exception):
    """What is wrong, as a ``safety.Refusal`` value, and the details its message names."""

    def __init__(self, reason: str, **detail: Any) -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


class Index:
    """A parser target for the parts that name others: the workbook's sheets (name, visibility), every
    relationship's target, and the parts [Content_Types].xml names."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # relationship id -> sheet name
        self.states: dict[str, str] = {}  # sheet name -> state
        self.sheet_targets: dict[str, str] = {}  # worksheet part -> relationship id
        self.targets: list[tuple[str, str]] = []  # (relationships part, target part)
        self.declared: list[str] = []  # part names of [Content_Types].xml overrides
        self.part = ""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag.endswith("}sheet"):
            name = attrib.get("name", "")
            self.names[next((v for k, v in attrib.items() if k.endswith("}id")), "")] = name
            self.states[name] = attrib.get("state", "visible")
        elif tag.endswith("}Relationship") and attrib.get("TargetMode") != "External":
            target = resolve(self.part, attrib.get("Target", ""))
            self.targets.append((self.part, target))
            if self.part == "xl/_rels/workbook.xml.rels":
                self.sheet_targets[target] = attrib.get("Id", "")
        elif tag.endswith("}Override"):
            self.declared.append(attrib.get("PartName", "").lstrip("/"))

    def sheet(self, part: str) -> str:
        return self.names.get(self.sheet_targets.get(part, ""), "") or PurePosixPath(part).stem


def resolve(relationships: str, target: str) -> str:
    """The part a relationship's target names, from the relationships part it is in."""
    if target.startswith("/"):
        return target[1:]
    source = posixpath.dirname(posixpath.dirname(relationships))  # xl/_rels/x.rels -> xl
    return posixpath.normpath(posixpath.join(source, target)) if target else ""


def check_names(archive: zipfile.ZipFile, index: Index) -> None:
    """Raises PartProblem for a part named with backslashes, one its index names in another letter case, or a
    sheet with a visibility Excel does not write."""
    names = archive.namelist()
    backslashed = next((n for n in names if "\\" in n), None)
    if backslashed is not None:
        raise PartProblem("backslash-parts", part=backslashed)
    present = set(names)
    folded = {n.lower(): n for n in names}
    for source, target in index.targets + [("[Content_Types].xml", p) for p in index.declared]:
        if target and target not in present and target.lower() in folded:
            raise PartProblem("part-case", part=folded[target.lower()], named=target)
    for sheet, state in index.states.items():
        if state not in SHEET_STATES:
            raise PartProblem("sheet-state", sheet=sheet, state=state)


class _Measure:
    """Rows holding cells and the furthest column holding a value, counted as a worksheet streams by."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        window = self.tail + chunk
        end = window.rfind(b">") + 1  # tags after the last ">" are incomplete: counted with the next chunk
        complete, self.tail = window[:end], window[end:][-CHUNK:]
        self.rows += len(ROW.findall(complete))
        letters = set(CELL.findall(complete))
        if letters:
            self.columns = max(self.columns, max(column_index_from_string(c.decode()) for c in letters))


def check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int, max_rows: int, max_columns: int,
              index: Index) -> None:
    """Parses one part with defusedxml (DTDs forbidden), up to ``max_bytes``; measures worksheets by the cells
    they hold (not the range they declare). An empty part is nothing to parse."""
    part = info.filename
    if info.file_size == 0:
        return
    collect = part in ("[Content_Types].xml", "xl/workbook.xml") or part.endswith(".rels")
    index.part = part
    parser = XMLParser(target=index if collect else object(), forbid_dtd=True)
    parser.parser.DefaultHandlerExpand = None  # no Python call per tag (the DTD and entity guards stay)
    measure = _Measure() if SHEET_PART.match(part) else None
    read = 0
    try:
        with archive.open(info) as handle:
            while read < max_bytes and (chunk := handle.read(min(CHUNK, max_bytes - read))):
                parser.feed(chunk)
                if measure is not None:
                    measure.feed(chunk)
                    if measure.rows > max_rows or measure.columns > max_columns:
                        raise PartProblem("huge-sheet", sheet=index.sheet(part), rows=measure.rows, columns=measure.columns,
                                          max_rows=max_rows, max_columns=max_columns)
                read += len(chunk)
            if read < max_bytes:  # a longer part is checked for DTDs (which open it) but not to its end
                parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise PartProblem("xml-bomb", part=part, error=type(error).__name__) from None
    except ParseError as error:
        with archive.open(info) as handle:  # scrambled bytes fail their CRC: damage, not bad XML
            handle.read(max_bytes)
        raise PartProblem("malformed-xml", part=part, error=str(error)) from None
