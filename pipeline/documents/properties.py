"""The custom document properties of an Office file (docProps/custom.xml): read safely, written with python-docx."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from defusedxml import ElementTree
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

PREFIX = "mecigep_"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
MAX_BYTES = 1 << 20
PIPELINE_AUTHOR = "OAS/DGPE — MECIGEP"  # the author and last saver of the documents the pipeline writes


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


def set_custom_properties(document: Any, values: dict[str, str]) -> None:
    """Writes ``values`` as the document's custom properties (docProps/custom.xml), replacing any there."""
    props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(name)}">'
                    f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>" for pid, (name, value) in enumerate(values.items(), 2))
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">'
            f"{props}</Properties>").encode()
    package = document.part.package
    existing = [r for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES]
    if existing:
        existing[0].target_part._blob = blob
    else:
        package.relate_to(Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, blob, package), RT.CUSTOM_PROPERTIES)


def update_custom_properties(document: Any, values: dict[str, str]) -> None:
    """Sets ``values`` among the document's ``mecigep_*`` custom properties, keeping the others."""
    package = document.part.package
    existing = [r for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES]
    found: dict[str, str] = {}
    if existing:
        root = ElementTree.fromstring(existing[0].target_part.blob)
        found = {p.get("name", ""): (p[0].text or "") for p in root if p.get("name", "").startswith(PREFIX) and len(p)}
    set_custom_properties(document, {**found, **values})
