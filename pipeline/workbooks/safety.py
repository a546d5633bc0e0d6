"""A cheap look at a received file BEFORE any workbook library opens it.

``inspect`` says what a file really is (whatever its name says) and whether it is
safe to hand to openpyxl or python-docx: it refuses zip and XML bombs, macros,
password-protected, truncated, legacy and oversized files, each with its own
reason and message. It reads only zip directories, the first bytes of an OLE2
file, and the XML parts (each up to ``Limits.max_xml_bytes``), and never raises.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, XMLParser
from openpyxl.utils.cell import range_boundaries  # a pure function: no workbook is opened

from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid
from pipeline.workbooks.sniff import FileKind, sniff

MB = 1024 * 1024
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODF_TYPES = {b"application/vnd.oasis.opendocument.spreadsheet": "ODS", b"application/vnd.oasis.opendocument.text": "ODT"}
_CHUNK = 64 * 1024
_DIMENSION_WINDOW = 16 * 1024  # the <dimension> element comes right after <sheetPr>
_OLE2_MAX_DIR_SECTORS = 256  # directory sectors followed (>= 1,024 entries); enough for any Office file
_OLE2_MAX_FAT_SECTORS = 8_192
_OLE2_NAMES = {"EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument"}
_OLE2_SCAN_BYTES = MB  # fallback: where stream names are looked for when the directory cannot be followed
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([^\"]*)\"")
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, struct.error, NotImplementedError,
           RuntimeError)  # what zipfile raises on damaged data (RuntimeError: zip-level encryption, never Office)
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml$")


class Format(str, Enum):
    """What a file really is."""

    XLSX, XLSM, DOCX, DOCM, ODS, ODT = "xlsx", "xlsm", "docx", "docm", "ods", "odt"
    LEGACY_XLS, LEGACY_DOC, ENCRYPTED_OFFICE = "xls", "doc", "encrypted-office"
    TEXT, PDF, EMPTY, UNKNOWN_ZIP, UNKNOWN = "text", "pdf", "empty", "unknown-zip", "unknown"


class Refusal(str, Enum):
    """Why a file is not handed to a workbook library; each reason has its own MSG_ message."""

    EMPTY, TEXT, PDF, LEGACY_XLS, LEGACY_DOC = "empty", "text", "pdf", "legacy-xls", "legacy-doc"
    ENCRYPTED, TRUNCATED, ZIP_BOMB, XML_BOMB = "encrypted", "truncated", "zip-bomb", "xml-bomb"
    MALFORMED_XML, MACROS, HUGE_SHEET = "malformed-xml", "macros", "huge-sheet"
    TOO_LARGE, NOT_OFFICE = "too-large", "not-office"

    @property
    def message(self) -> Msgid:
        """The catalog message naming this reason; its fields come from ``Inspection.detail``."""
        return REFUSAL_MESSAGES[self]


REFUSAL_MESSAGES: dict[Refusal, Msgid] = {reason: getattr(m, f"MSG_{reason.name}") for reason in Refusal}


@dataclass(frozen=True)
class Limits:
    """What a received file may hold before it is refused unopened."""

    max_file_bytes: int = 50 * MB
    max_total_bytes: int = 200 * MB  # all zip entries, uncompressed
    max_entries: int = 5_000
    max_ratio: float = 100.0  # uncompressed / compressed, for any entry over ratio_min_bytes
    ratio_min_bytes: int = MB
    max_rows: int = 100_000
    max_columns: int = 2_000
    max_xml_bytes: int = 50 * MB  # read and parsed of each XML part; a DTD can only come at its start


@dataclass(frozen=True)
class Inspection:
    """What a file is, and why it is refused (None: safe to open); ``detail`` fills the message."""

    format: Format
    refusal: Refusal | None = None
    detail: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the file may be opened."""
        return self.refusal is None


class _Refused(Exception):
    def __init__(self, refusal: Refusal, **detail: object) -> None:
        super().__init__(refusal.value)
        self.refusal, self.detail = refusal, detail


def inspect(path: Path, limits: Limits = Limits()) -> Inspection:
    """Says what ``path`` really is and whether it may be opened; never raises, whatever the file holds."""
    try:
        kind = sniff(path)
        if kind is FileKind.EMPTY:
            return Inspection(Format.EMPTY, Refusal.EMPTY, {"size": 0})
        if kind is FileKind.ZIP:
            return _zip(path, limits)
        if kind is FileKind.OLE2:
            return _ole2(path)
        if kind is FileKind.PDF:
            return Inspection(Format.PDF, Refusal.PDF)
        with path.open("rb") as handle:
            bom = handle.read(2)
        if kind is FileKind.TEXT or bom in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 is Excel's "Unicode text"
            return Inspection(Format.TEXT, Refusal.TEXT)
        return Inspection(Format.UNKNOWN, Refusal.NOT_OFFICE)
    except Exception as error:  # a hostile file must never crash the pipeline
        return Inspection(Format.UNKNOWN, Refusal.TRUNCATED, {"error": f"{type(error).__name__}: {error}"})


# --- zip containers: xlsx, xlsm, docx, docm, ods, odt ---------------------------------------------

def _zip(path: Path, limits: Limits) -> Inspection:
    size, fmt = path.stat().st_size, Format.UNKNOWN_ZIP
    try:
        _check_directory(path, size, limits)
        with zipfile.ZipFile(path) as archive:
            fmt = _zip_format(archive)
            _check_zip(archive, fmt, size, limits)
    except _Refused as refused:
        return Inspection(fmt, refused.refusal, refused.detail)
    except _DAMAGE as error:
        return Inspection(fmt, Refusal.TRUNCATED, {"error": f"{type(error).__name__}: {error}"})
    return Inspection(fmt)


def _check_directory(path: Path, size: int, limits: Limits) -> None:
    """Reads the entry count and directory size from the end records, before zipfile lists the entries."""
    with path.open("rb") as handle:
        handle.seek(max(0, size - 22 - 65_535 - 20 - 56))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise _Refused(Refusal.TRUNCATED, size=size, error="no zip central directory")
    entries, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    zip64 = tail.rfind(b"PK\x06\x06", 0, at)  # a zip64 record, when present, overrides both numbers
    if zip64 >= 0 and len(tail) >= zip64 + 56:
        entries, directory = struct.unpack("<QQ", tail[zip64 + 32 : zip64 + 48])
    if entries > max(limits.max_entries, 0xFFFF) or directory > 64 * MB:  # too many for zipfile to list cheaply
        raise _Refused(Refusal.ZIP_BOMB, entries=entries, uncompressed_mb="?", reason="entries")


def _read(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    with archive.open(name) as handle:
        return handle.read(cap)


_MAIN_PARTS = [  # content type of the main part (+ ".main+xml"), most specific first
    (b"ms-excel.sheet.macroenabled", Format.XLSM), (b"ms-excel.template.macroenabled", Format.XLSM),
    (b"spreadsheetml.sheet", Format.XLSX), (b"spreadsheetml.template", Format.XLSX),
    (b"ms-word.document.macroenabled", Format.DOCM), (b"ms-word.template.macroenabledtemplate", Format.DOCM),
    (b"wordprocessingml.document", Format.DOCX), (b"wordprocessingml.template", Format.DOCX)]


def _zip_format(archive: zipfile.ZipFile) -> Format:
    names = set(archive.namelist())
    if "mimetype" in names:
        return Format[ODF_TYPES.get(_read(archive, "mimetype", 200).strip(), "UNKNOWN_ZIP")]
    if "[Content_Types].xml" not in names:
        return Format.UNKNOWN_ZIP
    types = _read(archive, "[Content_Types].xml", MB).lower()  # a few KB in any real file
    fmt = next((f for main, f in _MAIN_PARTS if main + b".main+xml" in types), Format.UNKNOWN_ZIP)
    if any(n.lower().endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in names):
        return {Format.XLSX: Format.XLSM, Format.DOCX: Format.DOCM}.get(fmt, fmt)
    return fmt


def _check_zip(archive: zipfile.ZipFile, fmt: Format, size: int, limits: Limits) -> None:
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    bomb = {"entries": len(infos), "uncompressed_mb": round(total / MB, 1)}
    if size > limits.max_file_bytes:
        raise _Refused(Refusal.TOO_LARGE, size_mb=round(size / MB, 1), max_mb=round(limits.max_file_bytes / MB, 1))
    if len(infos) > limits.max_entries:
        raise _Refused(Refusal.ZIP_BOMB, **bomb, reason="entries")
    if total > limits.max_total_bytes:
        raise _Refused(Refusal.ZIP_BOMB, **bomb, reason="total")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            raise _Refused(Refusal.ZIP_BOMB, **bomb, reason="ratio", part=info.filename, ratio=round(ratio))
        if info.header_offset + info.compress_size > size:
            raise _Refused(Refusal.TRUNCATED, part=info.filename, error="entry past the end of the file")
    if fmt is Format.UNKNOWN_ZIP:
        raise _Refused(Refusal.NOT_OFFICE)
    odf = fmt in (Format.ODS, Format.ODT) and "META-INF/manifest.xml" in archive.NameToInfo
    manifest = _read(archive, "META-INF/manifest.xml", MB) if odf else b""
    if b"encryption-data" in manifest:  # a password-protected ODF file: its parts are ciphertext
        raise _Refused(Refusal.ENCRYPTED)
    if fmt in (Format.XLSM, Format.DOCM):
        raise _Refused(Refusal.MACROS)
    sheets = _Sheets()
    order = {"[Content_Types].xml": 0, "xl/workbook.xml": 1, "xl/_rels/workbook.xml.rels": 2}  # names first
    for info in sorted(infos, key=lambda i: order.get(i.filename, 3)):
        if info.filename.lower().endswith((".xml", ".rels")):
            _check_xml(archive, info, limits, sheets)


class _Sheets:
    """A parser target for workbook.xml and its relationships: the sheet name of each worksheet part."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.targets: dict[str, str] = {}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag.endswith("}sheet"):
            self.names[next((v for k, v in attrib.items() if k.endswith("}id")), "")] = attrib.get("name", "")
        elif tag.endswith("}Relationship"):
            target = attrib.get("Target", "")
            self.targets[target[1:] if target.startswith("/") else f"xl/{target}"] = attrib.get("Id", "")

    def name(self, part: str) -> str:
        return self.names.get(self.targets.get(part, ""), "") or PurePosixPath(part).stem


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, sheets: _Sheets) -> None:
    """Parses one part with defusedxml (DTDs forbidden), up to max_xml_bytes; measures worksheets on the way."""
    part = info.filename
    collect = part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
    parser = XMLParser(target=sheets if collect else object(), forbid_dtd=True)
    sheet = bool(_SHEET_PART.match(part))
    parser.parser.DefaultHandlerExpand = None  # no Python call per tag (the DTD and entity guards stay)
    rows = columns = counted = read = 0
    tail = b""
    try:
        with archive.open(info) as handle:
            while read < limits.max_xml_bytes and (chunk := handle.read(min(_CHUNK, limits.max_xml_bytes - read))):
                parser.feed(chunk)
                if sheet:
                    window, tail = tail + chunk, chunk[-4:]  # no 5-byte "<row " fits in the 4 bytes carried over
                    if read < _DIMENSION_WINDOW and (found := _DIMENSION.search(window)):
                        rows, columns = _extent(found.group(1).decode("ascii", "replace"))
                    counted += window.count(b"<row ") + window.count(b"<row>") + window.count(b":row ")
                    if max(rows, counted) > limits.max_rows or columns > limits.max_columns:
                        raise _Refused(Refusal.HUGE_SHEET, sheet=sheets.name(part),
                                       rows=max(rows, counted), columns=columns,
                                       max_rows=limits.max_rows, max_columns=limits.max_columns)
                read += len(chunk)
            if read < limits.max_xml_bytes:  # a longer part is checked for DTDs (which open it) but not to its end
                parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise _Refused(Refusal.XML_BOMB, part=part, error=type(error).__name__) from None
    except ParseError as error:
        _read(archive, part, limits.max_xml_bytes)  # scrambled bytes fail their CRC: TRUNCATED, not MALFORMED
        raise _Refused(Refusal.MALFORMED_XML, part=part, error=str(error)) from None


def _extent(ref: str) -> tuple[int, int]:
    """Rows and columns reached by a range such as ``A1:XFD1048576`` (0, 0 when it cannot be read)."""
    try:
        _, _, columns, rows = range_boundaries(ref.strip())
    except (ValueError, TypeError):
        return 0, 0
    return rows or 0, columns or 0


# --- OLE2 compound files: legacy .xls/.doc, and encrypted (password-protected) xlsx/docx ----------

def _ole2(path: Path) -> Inspection:
    try:
        names = _ole2_streams(path) & _OLE2_NAMES
    except (OSError, ValueError, struct.error, IndexError):
        with path.open("rb") as handle:  # no readable directory: look for the names themselves
            head = handle.read(_OLE2_SCAN_BYTES)
        names = {n for n in _OLE2_NAMES if (n + "\0").encode("utf-16-le") in head}
    detail: dict[str, object] = {"streams": sorted(names)}
    if names & {"EncryptionInfo", "EncryptedPackage"}:
        return Inspection(Format.ENCRYPTED_OFFICE, Refusal.ENCRYPTED, detail)
    if names & {"Workbook", "Book"}:
        return Inspection(Format.LEGACY_XLS, Refusal.LEGACY_XLS, detail)
    if "WordDocument" in names:
        return Inspection(Format.LEGACY_DOC, Refusal.LEGACY_DOC, detail)
    return Inspection(Format.UNKNOWN, Refusal.NOT_OFFICE, detail)


def _ole2_streams(path: Path) -> set[str]:
    """Names in the compound-file directory, following its sector chain through the FAT.

    Bounded: at most _OLE2_MAX_DIR_SECTORS directory sectors and _OLE2_MAX_FAT_SECTORS FAT sectors
    (files up to 512 MB with 512-byte sectors); a directory it cannot follow raises ValueError.
    """
    names: set[str] = set()
    with path.open("rb") as handle:
        header = handle.read(512)
        shift = int(struct.unpack("<H", header[30:32])[0])
        if header[:8] != OLE2_SIGNATURE or shift not in (9, 12):
            raise ValueError("not a compound file header")
        sector, per = 1 << shift, (1 << shift) // 4
        difat: list[int] = list(struct.unpack("<109I", header[76:512]))
        more, fat = int(struct.unpack("<I", header[68:72])[0]), {}  # next DIFAT sector; FAT sectors read so far

        def read(number: int) -> bytes:
            handle.seek((number + 1) * sector)
            if len(data := handle.read(sector)) < sector:
                raise ValueError("sector past the end of the file")
            return data

        current, seen = int(struct.unpack("<I", header[48:52])[0]), 0
        while current < 0xFFFFFFFA and seen < _OLE2_MAX_DIR_SECTORS:
            data = read(current)
            for at in range(0, sector, 128):
                length, kind = struct.unpack("<HB", data[at + 64 : at + 67])
                if kind in (1, 2, 5) and 2 <= length <= 64:
                    names.add(data[at : at + length - 2].decode("utf-16-le", "replace"))
            index = current // per
            while index >= len(difat) and more < 0xFFFFFFFA and len(difat) < _OLE2_MAX_FAT_SECTORS:
                *slots, more = struct.unpack(f"<{per}I", read(more))  # the DIFAT chain beyond the header
                difat.extend(slots)
            if index not in fat:
                fat[index] = struct.unpack(f"<{per}I", read(difat[index]))
            current, seen = int(fat[index][current % per]), seen + 1
    return names
