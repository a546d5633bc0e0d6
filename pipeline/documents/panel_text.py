"""The panel's sections of a report draft: finding them, reading them, carrying them into a fresh draft.

Implements docs/report-drafts.md on the document XML. A panel section starts at a heading paragraph
carrying a ``mecigep_panel_<id>`` bookmark (found by name anywhere in the paragraph) and runs to the
next heading of the same or a higher level, the next panel bookmark or the end of the body. Text is
read as it reads with tracked changes accepted: ``w:t`` in every run, ``w:ins`` included, ``w:del``
and ``w:moveFrom`` left out. Carrying copies XML elements as they are, then re-creates what they
point to in the fresh document: relationships (hyperlinks, images, other parts), comments (with
their resolved state), styles and list definitions missing there; annotation ids are renumbered.
Footnotes and endnotes are not carried (their references keep their ids).
"""
from __future__ import annotations

import copy
import io
import re
import secrets
from dataclasses import dataclass
from typing import Any, Iterator

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from lxml import etree

from ..errors import Problem
from ..i18n import N_

PANEL_PLACEHOLDER_LEFT = N_('Under "{section}", "{text}" still waits for the panel\'s text')
PANEL_HEADER_OR_FOOTER = N_("page header or footer")
PANEL_DOCUMENT_START = N_("beginning of the document")

PREFIX = "mecigep_panel_"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
COMMENTS_EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, RUN, T, VAL, ID, NAME = w("p"), w("r"), w("t"), w("val"), w("id"), w("name")
BOOKMARK_START, BOOKMARK_END, SECT_PR = w("bookmarkStart"), w("bookmarkEnd"), w("sectPr")
COMMENT_TAGS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
PARA_ID = f"{{{W14}}}paraId"
_HIDDEN = {w("del"), w("moveFrom"), w("txbxContent"), f"{{{MC}}}Fallback"}
_TEXT = {T: None, w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_HEADING_NAME = re.compile(r"^(?:heading|t[ií]?tulo)\s*([1-9])$", re.IGNORECASE)
_PLACEHOLDER = re.compile("⟦[^⟦⟧]*⟧")
_NOT_RENUMBERED = {*COMMENT_TAGS, w("footnoteReference"), w("endnoteReference"), w("comment")}


def run_text(run: Any) -> str:
    """The text of one ``w:r``: ``w:t``, tabs and breaks; never ``w:delText`` or field codes."""
    return "".join((child.text or "") if (s := _TEXT.get(child.tag, "")) is None else s for child in run)


def shown(run: Any, stop: Any = None) -> bool:
    """Whether ``run`` reads in the document once tracked changes are accepted."""
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _HIDDEN:
            return False
        parent = parent.getparent()
    return True


def visible_text(paragraph_element: Any) -> str:
    """The text of a paragraph (or any element) as it reads with tracked changes accepted."""
    return "".join(run_text(r) for r in paragraph_element.iter(RUN) if shown(r, paragraph_element))


def is_placeholder_text(text: str) -> bool:
    text = text.strip()
    return text.startswith("⟦") and text.endswith("⟧")


class Headings:
    """Heading levels of a document's paragraphs, read through its styles part (LibreOffice renames style ids)."""

    def __init__(self, document: Document) -> None:
        self.styles = {s.get(w("styleId")): s for s in document.styles.element.iter(w("style"))}
        self.cache: dict[str | None, int | None] = {}

    def level(self, p: Any) -> int | None:
        """1 for Heading 1…, None for a paragraph that is no heading."""
        if p.tag != P:
            return None
        direct = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if direct is not None:
            return _outline(direct)
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        return self.style_level(style.get(VAL) if style is not None else None)

    def style_level(self, style_id: str | None, depth: int = 0) -> int | None:
        if style_id not in self.cache:
            style = self.styles.get(style_id)
            if style is None or depth > 10:
                match = _HEADING_NAME.match(style_id or "")
                return int(match[1]) if match else None
            name, lvl, based = style.find(NAME), style.find(f"{w('pPr')}/{w('outlineLvl')}"), style.find(w("basedOn"))
            match = _HEADING_NAME.match((name.get(VAL) if name is not None else "") or "")
            if match:
                self.cache[style_id] = int(match[1])
            elif lvl is not None:
                self.cache[style_id] = _outline(lvl)
            else:
                self.cache[style_id] = self.style_level(based.get(VAL), depth + 1) if based is not None else None
        return self.cache[style_id]


def _outline(element: Any) -> int | None:
    value = int(element.get(VAL, "9"))
    return value + 1 if 0 <= value < 9 else None


@dataclass(frozen=True)
class PanelSection:
    id: str
    heading: str
    body: list[Any]
    text: str
    is_placeholder: bool
    heading_element: Any = None
    level: int | None = None


def _panel_id(element: Any) -> str | None:
    starts = [element] if element.tag == BOOKMARK_START else element.iter(BOOKMARK_START)
    for start in starts:
        name = start.get(NAME) or ""
        if name.startswith(PREFIX):
            return name[len(PREFIX):]
    return None


def _body_children(document: Document) -> list[Any]:
    children = list(document.element.body)
    return children[:-1] if children and children[-1].tag == SECT_PR else children


def panel_sections(document: Document) -> dict[str, PanelSection]:
    """The panel sections of ``document`` by id, in document order (the first of a repeated id wins)."""
    headings = Headings(document)
    children = _body_children(document)
    marks: list[tuple[int, str]] = []
    for i, el in enumerate(children):
        sid = _panel_id(el) if el.tag in (P, BOOKMARK_START) else None
        if sid is not None:
            marks.append((i, sid))
    panel_ids = {b.get(ID) for b in document.element.body.iter(BOOKMARK_START) if _panel_id(b)}
    found: dict[str, PanelSection] = {}
    for position, (i, sid) in enumerate(marks):
        if children[i].tag != P:  # a bookmark standing between paragraphs belongs to the next one
            if i + 1 >= len(children) or children[i + 1].tag != P or _panel_id(children[i + 1]):
                continue
            i += 1
        if sid in found:
            continue
        level = headings.level(children[i]) or 10
        end = marks[position + 1][0] if position + 1 < len(marks) else len(children)
        for j in range(i + 1, end):
            if (headings.level(children[j]) or 11) <= level:
                end = j
                break
        body = [el for el in children[i + 1:end]
                if not (el.tag in (BOOKMARK_START, BOOKMARK_END) and el.get(ID) in panel_ids)]
        texts = [(visible_text(p), p) for el in body for p in el.iter(P)]
        filled = [t for t, p in texts if t.strip() or any(p.iter(w("drawing"), w("object"), w("pict")))]
        found[sid] = PanelSection(sid, visible_text(children[i]), body, "\n".join(t for t, _ in texts),
                                  all(is_placeholder_text(t) for t in filled), children[i], headings.level(children[i]))
    return found


def walk(document: Document) -> Iterator[tuple[Any, str]]:
    """Every element of the body, then of the page headers and footers, in document order, with the
    text of the nearest heading before it (a Msgid where there is none)."""
    headings = Headings(document)
    section: str = PANEL_DOCUMENT_START
    body = document.element.body
    for element in body.iter(etree.Element):
        if element.tag == P and element.getparent() is body and headings.level(element):
            section = visible_text(element)
        yield element, section
    seen = set()
    for rel in list(document.part.rels.values()):
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external and id(rel.target_part) not in seen:
            seen.add(id(rel.target_part))
            for element in part_xml(rel.target_part).iter(etree.Element):
                yield element, PANEL_HEADER_OR_FOOTER


def placeholders(document: Document) -> list[Problem]:
    """One problem for every paragraph (body, tables, page headers and footers) still holding ``⟦…⟧``."""
    problems = []
    for element, section in walk(document):
        if element.tag == P:
            found = _PLACEHOLDER.findall(visible_text(element))
            if found:
                problems.append(Problem(PANEL_PLACEHOLDER_LEFT, {"section": section, "text": " ".join(found)}))
    return problems


@dataclass(frozen=True)
class CarryReport:
    kept: tuple[str, ...]  # sections whose panel text replaced the fresh placeholder
    appended: tuple[str, ...]  # sections the fresh draft no longer has, appended at its end
    unfilled: tuple[str, ...]  # sections still a placeholder in the returned draft, left as rendered


def carry_over(returned: Document, fresh: Document, missing_heading: str) -> CarryReport:
    """Puts the panel's sections of ``returned`` into ``fresh`` (changed in place); sections ``fresh``
    no longer has go at its end under a Heading 1 reading ``missing_heading``."""
    old, new = panel_sections(returned), panel_sections(fresh)
    copier = _Copier(returned, fresh)
    kept, appended, unfilled, orphans = [], [], [], []
    for sid, section in old.items():
        if section.is_placeholder:
            unfilled.append(sid)
        elif sid in new:
            anchor = new[sid].heading_element
            for element in new[sid].body:
                element.getparent().remove(element)
            for element in copier.copy(section.body):
                anchor.addnext(element)
                anchor = element
            kept.append(sid)
        else:
            orphans.append(section)
    if orphans:
        body = fresh.element.body
        place = body[-1].addprevious if len(body) and body[-1].tag == SECT_PR else body.append
        place(copier.heading(missing_heading, 1))
        for section in orphans:
            heading = copier.copy([section.heading_element])[0]
            copier.restyle(heading, 2)
            for element in [heading, *copier.copy(section.body)]:
                place(element)
            appended.append(section.id)
    copier.finish()
    return CarryReport(tuple(kept), tuple(appended), tuple(unfilled))


def related(part: Part, reltype: str) -> Part | None:
    """The part ``part`` relates to by ``reltype``, None when there is none."""
    return next((r.target_part for r in part.rels.values() if r.reltype == reltype and not r.is_external), None)


def part_xml(part: Part) -> Any:
    return part.element if isinstance(part, XmlPart) else etree.fromstring(part.blob)


class _Copier:
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

    def copy(self, elements: list[Any]) -> list[Any]:
        copies = [copy.deepcopy(e) for e in elements]
        for element in copies:
            self.relink(element, self.src.part, self.dst.part)
            for node in list(element.iter(etree.Element)):
                if node.tag in COMMENT_TAGS:
                    self.comment(node)
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
        return copies

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
        """Writes the resolved state of the copied comments (``w15:commentEx``)."""
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
