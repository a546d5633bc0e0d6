"""OLE2 compound files (legacy .xls/.doc, password-protected xlsx/docx): the names in their directory,
read without any library, bounded."""
from __future__ import annotations

import struct
from pathlib import Path

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DIR_SECTORS = 256  # directory sectors followed (>= 1,024 entries); enough for any Office file
MAX_FAT_SECTORS = 8_192
NAMES = {"EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument"}
SCAN_BYTES = 1024 * 1024  # fallback: where stream names are looked for when the directory cannot be followed


def known_streams(path: Path) -> set[str]:
    """The streams of ``NAMES`` the file holds, whatever their letter case (``WORKBOOK`` is a workbook too)."""
    wanted = {n.lower(): n for n in NAMES}
    try:
        found = {wanted[n.lower()] for n in streams(path) if n.lower() in wanted}
    except (OSError, ValueError, struct.error, IndexError):
        with path.open("rb") as handle:  # no readable directory: look for the names themselves
            head = handle.read(SCAN_BYTES)
        found = {n for n in NAMES for variant in (n, n.upper()) if (variant + "\0").encode("utf-16-le") in head}
    return found


def streams(path: Path) -> set[str]:
    """Names in the compound-file directory, following its sector chain through the FAT.

    Bounded: at most MAX_DIR_SECTORS directory sectors and MAX_FAT_SECTORS FAT sectors (files up to 512 MB
    with 512-byte sectors); a directory it cannot follow raises ValueError.
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
        while current < 0xFFFFFFFA and seen < MAX_DIR_SECTORS:
            data = read(current)
            for at in range(0, sector, 128):
                length, kind = struct.unpack("<HB", data[at + 64 : at + 67])
                if kind in (1, 2, 5) and 2 <= length <= 64:
                    names.add(data[at : at + length - 2].decode("utf-16-le", "replace"))
            index = current // per
            while index >= len(difat) and more < 0xFFFFFFFA and len(difat) < MAX_FAT_SECTORS:
                *slots, more = struct.unpack(f"<{per}I", read(more))  # the DIFAT chain beyond the header
                difat.extend(slots)
            if index not in fat:
                fat[index] = struct.unpack(f"<{per}I", read(difat[index]))
            current, seen = int(fat[index][current % per]), seen + 1
    return names
