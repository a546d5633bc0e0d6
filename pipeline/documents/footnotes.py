"""Footnotes and endnotes carried with the text that refers to them.

A ``w:footnoteReference`` (``w:endnoteReference``) points by ``w:id`` to a ``w:footnote`` of the document's
footnotes part (``word/footnotes.xml``; endnotes in ``word/endnotes.xml``). Word and LibreOffice number notes
by the order of their references, so a note copied with its reference keeps its place in the numbering; a
note with its own mark (``w:customMarkFollows``) keeps that mark, since the run is copied as it is.

Copying a reference copies its note into the fresh document's part under a new id, creating the part (with
the separator notes of the source and the ``w:footnotePr`` of its settings) when the fresh one has none.
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from lxml import etree

from pipeline.documents.wordml import ID, W, part_xml, related, w

KINDS = {
    w("footnoteReference"): ("footnote", RT.FOOTNOTES, "/word/footnotes.xml",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"),
    w("endnoteReference"): ("endnote", RT.ENDNOTES, "/word/endnotes.xml",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"),
}
REFERENCES = tuple(KINDS)
_AFTER_NOTE_PR = {w(t) for t in ("endnotePr", "compat", "docVars", "rsids", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                                 "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
                                 "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                                 "decimalSymbol", "listSeparator")} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}


def note_texts(document: Document, text_of: Callable[[Any], str]) -> dict[tuple[str, str], str]:
    """The text of every footnote and endnote, by (``footnote`` or ``endnote``, id)."""
    found = {}
    for tag, name, reltype, _, _ in ((t, *v) for t, v in KINDS.items()):
        part = related(document.part, reltype)
        if part is not None:
            for note in part_xml(part).iter(w(name)):
                found[(name, note.get(ID, ""))] = text_of(note)
    return found


class NoteCopier:
    """Copies the notes that copied references point to; ``fix`` adapts each copied note (styles, links, ids)."""

    def __init__(self, src: Document, dst: Document, names: set[str], fix: Callable[[Any, Part, Part], None]) -> None:
        self.src, self.dst, self.names, self.fix = src, dst, names, fix
        self.done: dict[tuple[str, str], str] = {}
        self.roots: dict[str, tuple[Part, Any]] = {}  # kind -> the fresh part and its XML, written back at the end

    def reference(self, node: Any) -> None:
        """Points ``node`` (a copied note reference) at a copy of its note in the fresh document."""
        name, reltype, partname, content_type = KINDS[node.tag]
        old = node.get(ID, "")
        if (name, old) not in self.done:
            source = related(self.src.part, reltype)
            note = part_xml(source).find(f"{w(name)}[@{ID}='{old}']") if source is not None else None
            if note is None or source is None:  # a reference to a note the draft does not hold: left as it is
                return
            part, root = self._target(name, reltype, partname, content_type, source)
            ids = [int(v) for n in root.iter(w(name)) if (v := n.get(ID, "")).lstrip("-").isdigit()]
            new = copy.deepcopy(note)
            new.set(ID, str(max(ids + [0]) + 1))
            self.fix(new, source, part)
            root.append(new)
            self.done[(name, old)] = new.get(ID)
        node.set(ID, self.done[(name, old)])

    def _target(self, name: str, reltype: str, partname: str, content_type: str, source: Part) -> tuple[Part, Any]:
        if name not in self.roots:
            part = related(self.dst.part, reltype)
            if part is None:
                root = etree.Element(w(f"{name}s"), nsmap=dict(part_xml(source).nsmap) or {"w": W})
                root.extend(copy.deepcopy(n) for n in part_xml(source) if n.get(w("type")))  # separators
                used = self.names
                partname = next(p for p in (partname, *(partname.replace(".xml", f"{i}.xml") for i in range(1, 99))) if p not in used)
                used.add(partname)
                part = XmlPart(PackURI(partname), content_type, root, self.dst.part.package)
                self.dst.part.relate_to(part, reltype)
                self._settings(name)
            self.roots[name] = (part, part.element if isinstance(part, XmlPart) else etree.fromstring(part.blob))
        return self.roots[name]

    def _settings(self, name: str) -> None:
        """The source's ``w:footnotePr`` (which notes are the separators) where the fresh settings have none."""
        src, dst = self.src.settings.element, self.dst.settings.element
        found = src.find(w(f"{name}Pr"))
        if found is not None and dst.find(w(f"{name}Pr")) is None:
            after = next((e for e in dst if e.tag in _AFTER_NOTE_PR), None)  # the schema's order of settings
            (after.addprevious if after is not None else dst.append)(copy.deepcopy(found))

    def finish(self) -> None:
        for part, root in self.roots.values():
            if not isinstance(part, XmlPart):
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
