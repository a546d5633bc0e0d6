"""What a draft says, region by region, in a form two copies of it can be compared in.

Two readings, both of the text as it reads (``wordml.visible_text``) with its annotations, whitespace
collapsed, page breaks and formatting ignored — what a save by Word or LibreOffice Writer changes without
anyone meaning to:

- a panel section's **signature**: its paragraphs (table cells included), the text a tracked deletion
  holds and the text a tracked insertion holds (accepting a change is a change), and the text of the
  comments (with whether each is marked done), footnotes and endnotes anchored in it; a placeholder
  section has the signature of a placeholder whatever its wording. Two copies changed a section identically when
  their signatures are equal (docs/report-drafts.md, "Merging returned copies");
- the **regenerated blocks**: every paragraph and table row outside the panel sections (their headings
  included: a section deleted whole is the merge's to say), in order, each with the heading it falls
  under; the table of contents (a field Word and LibreOffice rebuild) is left out. An edit outside the
  panel sections is a difference between two copies' blocks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from pipeline.documents.footnotes import KINDS, note_texts
from pipeline.documents.panel_text import PanelSection, panel_sections
from pipeline.documents.review import done_flags
from pipeline.documents.wordml import ID, PARA_ID, SECT_PR, Headings, P, part_xml, related, visible_text, w

_SPACE = re.compile(r"\s+")
_DRAWINGS = (w("drawing"), w("pict"), w("object"))
PLACEHOLDER_SIGNATURE = ("⟦⟧",)


def normalised(text: str) -> str:
    """``text`` with every run of whitespace (line and page breaks, tabs) one space, and none at either end."""
    return _SPACE.sub(" ", text).strip()


class Annotations:
    """The comments, footnotes and endnotes of a document, each as a text, by what refers to it."""

    def __init__(self, document: Document) -> None:
        self.notes = note_texts(document, lambda n: normalised(" ".join(visible_text(p) for p in n.iter(P))))
        part = related(document.part, RT.COMMENTS)
        self.comments = {c.get(ID, ""): (c.get(w("author"), ""), normalised(" ".join(visible_text(p) for p in c.iter(P))))
                         for c in (part_xml(part).iter(w("comment")) if part is not None else ())}
        flags = done_flags(document)
        self.done = set()
        for c in (part_xml(part).iter(w("comment")) if part is not None else ()):
            paragraphs = c.findall(P)
            done, parent = flags.get(paragraphs[-1].get(PARA_ID, "") if paragraphs else "", (False, None))
            if done or (parent is not None and flags.get(parent, (False, None))[0]):
                self.done.add(c.get(ID, ""))

    def of(self, element: Any) -> tuple[str, ...]:
        """What ``element`` anchors, in order: ``author: comment`` for each comment, the text of each note."""
        found = []
        for node in element.iter(w("commentReference"), *KINDS):
            if node.tag == w("commentReference"):
                author, text = self.comments.get(node.get(ID, ""), ("", ""))
                found.append(f"{author}: {text}" + (" \u2713" if node.get(ID, "") in self.done else ""))
            else:
                found.append(self.notes.get((KINDS[node.tag][0], node.get(ID, "")), ""))
        return tuple(found)

    def comments_in(self, element: Any) -> list[tuple[str, str]]:
        """The (author, text) of each comment ``element`` anchors."""
        return [self.comments[n.get(ID, "")] for n in element.iter(w("commentReference")) if n.get(ID, "") in self.comments]


def paragraph_text(p: Any) -> str:
    """A paragraph as it reads, whitespace collapsed, an object character for each picture or chart."""
    pictures = sum(1 for _ in p.iter(*_DRAWINGS))
    return normalised(visible_text(p) + " \ufffc" * pictures)


def deleted_text(element: Any) -> str:
    return normalised(" ".join(t.text or "" for t in element.iter(w("delText"))))


def inserted_text(element: Any) -> str:
    """The text of the tracked insertions in ``element`` (what accepting them would make plain text)."""
    return normalised(" ".join(t.text or "" for change in element.iter(w("ins"), w("moveTo")) for t in change.iter(w("t"))))


def signature(section: PanelSection, annotations: Annotations) -> tuple[str, ...]:
    """What a panel section says, for comparing copies (see the module's docstring)."""
    if section.is_placeholder:
        return PLACEHOLDER_SIGNATURE
    found: list[str] = []
    for element in section.body:
        paragraphs = [element] if element.tag == P else list(element.iter(P))
        for p in paragraphs:
            text, gone, notes = paragraph_text(p), deleted_text(p), annotations.of(p)
            if text or gone or notes:
                found.append("\x1f".join((text, gone, inserted_text(p), *notes)))
    return tuple(found)


@dataclass(frozen=True)
class Block:
    """A paragraph or a table row outside the panel sections, as it reads."""

    where: str  # the text of the heading it falls under ("" before the first)
    row: int  # its number in its table, counting the header row; 0 for a paragraph
    text: str  # a row's cells joined by " | "
    notes: tuple[str, ...]  # the comments and notes anchored in it
    element: Any

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return self.text, self.notes


def _children(document: Document) -> Iterator[Any]:
    """The body's elements, a content control's content in its place; the table of contents left out."""
    for element in document.element.body:
        if element.tag == SECT_PR:
            continue
        if element.tag == w("sdt"):
            if any("TOC" in (i.text or "") for i in element.iter(w("instrText"))) or \
                    any((g.get(w("val")) or "").startswith("Table of Contents") for g in element.iter(w("docPartGallery"))):
                continue
            content = element.find(w("sdtContent"))
            yield from (content if content is not None else ())
        else:
            yield element


def regenerated_blocks(document: Document, annotations: Annotations | None = None) -> list[Block]:
    """The blocks outside the panel sections, in document order (see the module's docstring)."""
    annotations = annotations or Annotations(document)
    sections = panel_sections(document)  # held, so that the elements keep their identity while compared by id()
    inside = {id(e) for s in sections.values() for e in (s.heading_element, *s.body)}
    headings, where, depth = Headings(document), "", 0
    blocks = []
    for element in _children(document):
        if id(element) in inside:
            continue
        if element.tag == P:
            starts = any("TOC" in (i.text or "") for i in element.iter(w("instrText")))
            if depth or starts:  # inside the table of contents' field, which may span many paragraphs
                for char in element.iter(w("fldChar")):
                    depth += {"begin": 1, "end": -1}.get(char.get(w("fldCharType")) or "", 0)
                depth = max(depth, 0)
                continue
            if headings.level(element):
                where = normalised(visible_text(element))
            text = paragraph_text(element)
            if text or annotations.of(element):
                blocks.append(Block(where, 0, text, annotations.of(element), element))
        elif element.tag == w("tbl"):
            for number, row in enumerate(element.iter(w("tr")), 1):
                cells = [" ".join(paragraph_text(p) for p in cell.iter(P)).strip() for cell in row.iter(w("tc"))]
                text = " | ".join(cells)
                if text.replace("|", "").strip() or annotations.of(row):
                    blocks.append(Block(where, number, text, annotations.of(row), row))
    return blocks
