"""What a file really is, from its first bytes, whatever its name says."""
from __future__ import annotations

from enum import Enum
from pathlib import Path


class FileKind(str, Enum):
    ZIP = "zip"  # xlsx, docx, ods... (the zip directory says which)
    OLE2 = "ole2"  # legacy .xls/.doc, or an encrypted Office file
    PDF = "pdf"
    TEXT = "text"  # CSV and other plain text
    EMPTY = "empty"
    UNKNOWN = "unknown"


def sniff(path: Path) -> FileKind:
    """The kind of ``path`` by its leading bytes."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    if not head:
        return FileKind.EMPTY
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return FileKind.ZIP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return FileKind.OLE2
    if head.startswith(b"%PDF"):
        return FileKind.PDF
    try:
        head.decode("utf-8")
        return FileKind.TEXT
    except UnicodeDecodeError:
        pass
    if all(b >= 9 for b in head[:512]):
        return FileKind.TEXT
    return FileKind.UNKNOWN
