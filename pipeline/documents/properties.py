"""The custom document properties of an Office file (docProps/custom.xml), read safely."""
from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import ElementTree

PREFIX = "mecigep_"
MAX_BYTES = 1 << 20


def read_custom_properties(path: Path) -> dict[str, str]:
    """The ``mecigep_*`` custom properties of the file, without their prefix; empty when it has none."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/custom.xml")
            if info.file_size > MAX_BYTES:
                return {}
            root = ElementTree.fromstring(archive.read(info))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    found = {}
    for prop in root:
        name = prop.get("name", "")
        if name.startswith(PREFIX) and len(prop):
            found[name[len(PREFIX):]] = (prop[0].text or "").strip()
    return found
