"""A cheap look at a received file BEFORE any workbook library opens it.

``inspect`` says what a file really is (whatever its name or extension says) and whether it is safe to hand
to openpyxl or python-docx: it refuses zip and XML bombs, macros, password-protected, truncated, legacy,
binary and oversized files, and files whose inner names a reader would stumble on, each with its own reason
and message. It reads only zip directories, the first bytes of an OLE2 file (``ole2``), and the XML parts
(``parts``, each up to ``Limits.max_xml_bytes``), and never raises.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid
from pipeline.workbooks.ole2 import known_streams
from pipeline.workbooks.ole2 import streams as _ole2_streams  # noqa: F401  (what tests look into)
from pipeline.workbooks.parts import Index, PartProblem, check_names, check_xml
from pipeline.workbooks.sniff import FileKind, sniff

MB = 1024 * 1024
ODF_TYPES = {b"application/vnd.oasis.opendocument.spreadsheet": "ODS", b"application/vnd.oasis.opendocument.text": "ODT"}
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, struct.error, NotImplementedError,
           RuntimeError)  # what zipfile raises on damaged data (RuntimeError: zip-level encryption, never Office)


class Format(str, Enum):
    """What a file really is."""

    XLSX, XLSM, XLSB, DOCX, DOCM, ODS, ODT = "xlsx", "xlsm", "xlsb", "docx", "docm", "ods", "odt"
    LEGACY_XLS, LEGACY_DOC, ENCRYPTED_OFFICE = "xls", "doc", "encrypted-office"
    TEXT, PDF, EMPTY, UNKNOWN_ZIP, UNKNOWN = "text", "pdf", "empty", "unknown-zip", "unknown"


class Refusal(str, Enum):
    """Why a file is not handed to a workbook library; each reason has its own MSG_ message."""

    EMPTY, TEXT, PDF, LEGACY_XLS, LEGACY_DOC = "empty", "text", "pdf", "legacy-xls", "legacy-doc"
    ENCRYPTED, TRUNCATED, ZIP_BOMB, XML_BOMB = "encrypted", "truncated", "zip-bomb", "xml-bomb"
    MALFORMED_XML, MACROS, HUGE_SHEET = "malformed-xml", "macros", "huge-sheet"
    TOO_LARGE, NOT_OFFICE, BINARY_WORKBOOK = "too-large", "not-office", "binary-workbook"
    PART_CASE, BACKSLASH_PARTS, SHEET_STATE = "part-case", "backslash-parts", "sheet-state"

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
    (b"ms-excel.sheet.binary.macroenabled", Format.XLSB),
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
    fmt = next((f for main, f in _MAIN_PARTS if main + b".main" in types), Format.UNKNOWN_ZIP)
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
    if fmt is Format.XLSB:
        raise _Refused(Refusal.BINARY_WORKBOOK)
    if fmt in (Format.XLSM, Format.DOCM):
        raise _Refused(Refusal.MACROS)
    index = Index()
    order = {"[Content_Types].xml": 0, "xl/workbook.xml": 1, "xl/_rels/workbook.xml.rels": 2}  # names first
    try:
        for info in sorted(infos, key=lambda i: (order.get(i.filename, 3), not i.filename.endswith(".rels"))):
            if info.filename.lower().endswith((".xml", ".rels")):
                check_xml(archive, info, limits.max_xml_bytes, limits.max_rows, limits.max_columns, index)
        if fmt in (Format.XLSX, Format.DOCX):
            check_names(archive, index)
    except PartProblem as problem:
        raise _Refused(Refusal(problem.reason), **problem.detail) from None


# --- OLE2 compound files: legacy .xls/.doc, and encrypted (password-protected) xlsx/docx ----------

def _ole2(path: Path) -> Inspection:
    names = known_streams(path)
    detail: dict[str, object] = {"streams": sorted(names)}
    if names & {"EncryptionInfo", "EncryptedPackage"}:
        return Inspection(Format.ENCRYPTED_OFFICE, Refusal.ENCRYPTED, detail)
    if names & {"Workbook", "Book"}:
        return Inspection(Format.LEGACY_XLS, Refusal.LEGACY_XLS, detail)
    if "WordDocument" in names:
        return Inspection(Format.LEGACY_DOC, Refusal.LEGACY_DOC, detail)
    return Inspection(Format.UNKNOWN, Refusal.NOT_OFFICE, detail)
