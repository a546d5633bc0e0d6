"""Copies elements of one Word document into another, re-creating in the fresh one what they point to.

Relationships (hyperlinks, images, other parts, copied with the parts they relate to), comments
(with their resolved state in ``commentsExtended``), footnotes and endnotes (``footnotes``), styles and
list definitions missing there are re-created; annotation ids are renumbered so as not to clash.
``panel_text.carry_over`` and ``merge`` decide what to copy and where.
"""
from __future__ import annotations

import copy
import io
import re
import secrets
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from lxml import etree

from pipeline.documents.footnotes import REFERENCES, NoteCopier
from pipeline.documents.wordml import (
    COMMENT_TAGS,
    COMMENTS_EXTENDED,
    COMMENTS_EXTENDED_TYPE,
    ID,
    NAME,
    PARA_ID,
    R_NS,
    RUN,
    VAL,
    W15,
    WP,
    Headings,
    P,
    T,
    W,
    part_xml,
    related,
    w,
)

_NOT_RENUMBERED = {*COMMENT_TAGS, w("footnoteReference"), w("endnoteReference"), w("comment")}


class Copier:
    """Copies elements of one document into another, re-creating what they point to."""

    def __init__(self, src: Document, dst: Document) -> None:
        self.src, self.dst = src, dst
        self.rels: dict[tuple[int, str], str] = {}
        self.parts: dict[int, Part] = {}
        self.names = {str(p.partname) for p in dst.part.package.iter_parts()}
        self.comment_ids: dict[str, str | None] = {}
        self.comment_ex: list[Any] = []
        self.styles: dict[str, str] = {}
        self.nums: dict[str, str] = {}
        self.dst_styles = {s.get(w("styleId")): s for s in dst.styles.element.iter(w("style"))}
        self.src_styles = {s.get(w("styleId")): s for s in src.styles.element.iter(w("style"))}
        self.ids: dict[tuple[str, str], str] = {}
        used = [int(v) for e in dst.element.body.iter(etree.Element) if e.tag not in _NOT_RENUMBERED
                for k in (ID, "id") if (v := e.get(k)) and v.lstrip("-").isdigit()]
        self.next_id = max(used, default=0) + 1
        self.notes = NoteCopier(src, dst, self.names, self._fix)

    def copy(self, elements: list[Any]) -> list[Any]:
        copies = [copy.deepcopy(e) for e in elements]
        for element in copies:
            self._fix(element, self.src.part, self.dst.part)
        return copies

    def _fix(self, element: Any, src: Part, dst: Part) -> None:
        """Re-creates in the fresh document what the copied ``element`` (from part ``src``, going to ``dst``) points to."""
        self.relink(element, src, dst)
        for node in list(element.iter(etree.Element)):
            if node.tag in COMMENT_TAGS:
                self.comment(node)
            elif node.tag in REFERENCES:
                self.notes.reference(node)
            elif (node.get(ID) is not None and node.tag.startswith(f"{{{W}}}") and node.tag not in _NOT_RENUMBERED) \
                    or node.tag == f"{{{WP}}}docPr":
                key = ID if node.tag.startswith(f"{{{W}}}") else "id"
                if (key, node.get(key)) not in self.ids:
                    self.ids[(key, node.get(key))] = str(self._next())
                node.set(key, self.ids[(key, node.get(key))])
            elif node.tag in (w("pStyle"), w("rStyle"), w("tblStyle")):
                node.set(VAL, self.style(node.get(VAL)))
            elif node.tag == w("numId") and node.get(VAL) not in (None, "0"):
                node.set(VAL, self.num(node.get(VAL)))

    def _next(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def relink(self, root: Any, src: Part, dst: Part) -> None:
        for node in root.iter(etree.Element):
            for key, value in node.attrib.items():
                if key.startswith(f"{{{R_NS}}}") and value in src.rels:
                    node.set(key, self.rel(src, dst, value))

    def rel(self, src: Part, dst: Part, rid: str) -> str:
        key = (id(dst), f"{id(src)}:{rid}")
        if key not in self.rels:
            rel = src.rels[rid]
            if rel.is_external:
                self.rels[key] = dst.relate_to(rel.target_ref, rel.reltype, is_external=True)
            elif rel.reltype == RT.IMAGE and hasattr(dst, "get_or_add_image"):
                self.rels[key] = dst.get_or_add_image(io.BytesIO(rel.target_part.blob))[0]
            else:
                self.rels[key] = dst.relate_to(self.part(rel.target_part), rel.reltype)
        return self.rels[key]

    def part(self, part: Part) -> Part:
        """A copy of ``part`` (and of the parts it relates to) in the fresh package."""
        if id(part) not in self.parts:
            template = re.sub(r"\d*(\.\w+)$", r"%d\1", str(part.partname))
            name = next(template % n for n in range(1, 10**6) if template % n not in self.names)
            self.names.add(name)
            new = self.parts[id(part)] = Part(PackURI(name), part.content_type, part.blob, self.dst.part.package)
            for rid, rel in part.rels.items():
                target = rel.target_ref if rel.is_external else self.part(rel.target_part)
                new.load_rel(rel.reltype, target, rid, rel.is_external)
        return self.parts[id(part)]

    def comment(self, node: Any) -> None:
        old = node.get(ID)
        if old not in self.comment_ids:
            source = related(self.src.part, RT.COMMENTS)
            found = part_xml(source).find(f"{w('comment')}[@{ID}='{old}']") if source is not None else None
            self.comment_ids[old] = None if found is None or source is None else self._copy_comment(found, source)
        if self.comment_ids[old] is None:  # a reference to a comment the draft does not hold
            node.getparent().remove(node)
        else:
            node.set(ID, self.comment_ids[old])

    def _copy_comment(self, found: Any, source: Part) -> str:
        made = self.dst.comments.add_comment(author=found.get(w("author"), ""))
        element = made.part.element.get_comment_by_id(made.comment_id)
        for key in (w("date"), w("initials")):
            element.attrib.pop(key, None)
        for key, value in found.attrib.items():
            if key != ID:
                element.set(key, value)
        element[:] = [copy.deepcopy(child) for child in found]
        self.relink(element, source, made.part)
        extended = related(self.src.part, COMMENTS_EXTENDED)
        if extended is not None:
            ids = {p.get(PARA_ID) for p in element.iter(P)}
            self.comment_ex += [e for e in part_xml(extended) if e.get(f"{{{W15}}}paraId") in ids]
        return str(made.comment_id)

    def style(self, sid: str) -> str:
        if sid not in self.styles:
            self.styles[sid] = sid
            source = self.src_styles.get(sid)
            if sid not in self.dst_styles and source is not None:
                name = source.find(NAME)
                same = [k for k, s in self.dst_styles.items() if name is not None and s.find(NAME) is not None
                        and s.find(NAME).get(VAL, "").lower() == name.get(VAL, "").lower()]
                if same:
                    self.styles[sid] = same[0]
                else:
                    new = self.dst_styles[sid] = copy.deepcopy(source)
                    self.dst.styles.element.append(new)
                    for node in new.iter(w("basedOn"), w("next"), w("link"), w("numId")):
                        node.set(VAL, self.style(node.get(VAL)) if node.tag != w("numId") else self.num(node.get(VAL)))
        return self.styles[sid]

    def num(self, old: str) -> str:
        if old not in self.nums:
            self.nums[old] = old
            source = related(self.src.part, RT.NUMBERING)
            root = part_xml(source) if source is not None else None
            num = root.find(f"{w('num')}[@{w('numId')}='{old}']") if root is not None else None
            pointer = num.find(w("abstractNumId")) if num is not None else None
            found = None if root is None or pointer is None else \
                root.find(f"{w('abstractNum')}[@{w('abstractNumId')}='{pointer.get(VAL)}']")
            if found is not None and num is not None:
                abstract = copy.deepcopy(found)
                numbering = self.dst.part.numbering_part.element
                used = [int(a.get(w("abstractNumId"))) for a in numbering.iter(w("abstractNum"))]
                abstract.set(w("abstractNumId"), str(max(used, default=-1) + 1))
                for nsid in abstract.iter(w("nsid")):
                    nsid.set(VAL, secrets.token_hex(4).upper())
                first_num = numbering.find(w("num"))
                if first_num is not None:
                    first_num.addprevious(abstract)
                else:
                    numbering.append(abstract)
                new = numbering.add_num(int(abstract.get(w("abstractNumId"))))
                new.extend(copy.deepcopy(child) for child in num if child.tag == w("lvlOverride"))
                self.nums[old] = new.get(w("numId"))
        return self.nums[old]

    def heading(self, text: str, level: int) -> Any:
        p = etree.SubElement(etree.Element(w("body"), nsmap={"w": W}), P)
        etree.SubElement(etree.SubElement(p, RUN), T).text = text
        self.restyle(p, level)
        return p

    def restyle(self, p: Any, level: int) -> None:
        """Makes ``p`` a heading of ``level`` in the fresh document's own heading style."""
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        for old in ppr.findall(w("pStyle")) + ppr.findall(w("outlineLvl")):
            ppr.remove(old)
        headings = Headings(self.dst)
        sid = next((k for k, s in self.dst_styles.items()
                    if k and s.get(w("type")) == "paragraph" and headings.style_level(k) == level), None)
        if sid is not None:
            ppr.insert(0, etree.Element(w("pStyle"), {VAL: sid}))
        else:
            ppr.append(etree.Element(w("outlineLvl"), {VAL: str(level - 1)}))

    def finish(self) -> None:
        """Writes the copied notes and the resolved state of the copied comments (``w15:commentEx``)."""
        self.notes.finish()
        if not self.comment_ex:
            return
        part = related(self.dst.part, COMMENTS_EXTENDED)
        if part is None:
            root = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
            name = next(n for n in ("/word/commentsExtended.xml", *(f"/word/commentsExtended{i}.xml" for i in range(1, 99)))
                        if n not in self.names)
            part = Part(PackURI(name), COMMENTS_EXTENDED_TYPE, b"", self.dst.part.package)
            self.dst.part.relate_to(part, COMMENTS_EXTENDED)
        else:
            root = part_xml(part)
        root.extend(copy.deepcopy(e) for e in self.comment_ex)
        if not isinstance(part, XmlPart):
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
