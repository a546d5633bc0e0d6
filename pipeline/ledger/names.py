"""Names of files that arrive: shown escaped, and made safe to build the pipeline's own names from.

A name that arrives may be anything the sender's system allowed: longer than any prefix leaves room for, not
valid UTF-8, holding characters Windows or a shared folder refuses, or control characters that would break
a note or a log line. The pipeline never builds a path from it as it is: work, archive and quarantine names
are the content hash (or a claim id) plus ``safe(name)``, a shortened form measured in bytes, so that any
prefix and suffix the pipeline adds stays within NAME_MAX on ext4 (255 bytes) and on NTFS or SMB (255
UTF-16 units, never more than the UTF-8 bytes). The name itself, exactly, is kept in the ledger (as text
when it is valid UTF-8, and its bytes in hex when it is not), and shown everywhere through ``display``.
"""
from __future__ import annotations

import os
import unicodedata

SAFE_BYTES = 100  # of the original name kept in a file name; prefixes and suffixes take at most 100 more
_WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def raw(name: str | bytes) -> bytes:
    """The bytes of a name as the filesystem holds it (undoing Python's surrogate escapes)."""
    return name if isinstance(name, bytes) else os.fsencode(name)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as surrogateescape decoded it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display(name: str | bytes) -> str:
    """``name`` as notes, receipts, logs and status show it: valid UTF-8 as it is; bytes that are not UTF-8
    and control characters escaped (``resp\\xff\\xfe.xlsx``), so it is always printable text."""
    text = raw(name).decode("utf-8", "surrogateescape")
    return "".join(_escaped(c) if unicodedata.category(c) in ("Cc", "Cs", "Cf") and c != "\u200d" else c for c in text)


def exact(name: str | bytes) -> bool:
    """Whether ``display(name)`` is the name itself (nothing had to be escaped)."""
    return display(name) == raw(name).decode("utf-8", "replace")


def safe(name: str | bytes, budget: int = SAFE_BYTES) -> str:
    """A form of ``name`` (a file name, or a path relative to the inbox) usable in any file name on any system,
    at most ``budget`` bytes of UTF-8: folders joined with " - ", characters Windows forbids and control
    characters replaced by "_", no leading dot or trailing dot or space, the extension kept when it fits."""
    text = display(name).replace("\\x", "_x").replace("\\u", "_u")
    text = " - ".join(part for part in text.split("/") if part)
    text = "".join("_" if c in _WINDOWS_FORBIDDEN or ord(c) < 32 else c for c in text)
    text = text.strip(" .") or "_"
    stem, dot, extension = text.rpartition(".")
    if not dot or len(extension.encode()) > 16 or not stem:
        stem, extension = text, ""
    tail = f".{extension}" if extension else ""
    room = budget - len(tail.encode())
    shortened = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") or "_"
    return shortened + tail
