"""The panel's sections of a report draft: finding them, reading them, carrying them into a fresh draft.

Implements docs/report-drafts.md on the document XML. A panel section starts at a heading paragraph
carrying a ``mecigep_panel_<id>`` bookmark (found by name anywhere in the paragraph) and runs to the
next heading of the same or a higher level, the next panel bookmark or the end of the body. Text is
read as it reads with tracked changes accepted: ``w:t`` in every run, ``w:ins`` included, ``w:del``
and ``w:moveFrom`` left out. Carrying copies XML elements as they are, then re-creates what they
point to in the fresh document: relationships (hyperlinks, images, other parts), comments (with
their resolved state), footnotes and endnotes, styles and list definitions missing there; annotation
ids are renumbered.

The reading of runs, paragraphs and headings is in ``wordml``, the copying in ``carry``; their names
are re-exported here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.documents.carry import Copier
from pipeline.documents.wordml import (
    BOOKMARK_END,
    BOOKMARK_START,
    COMMENT_TAGS,
    COMMENTS_EXTENDED,
    COMMENTS_EXTENDED_TYPE,
    ID,
    MC,
    NAME,
    PARA_ID,
    R_NS,
    RUN,
    SECT_PR,
    VAL,
    W14,
    W15,
    WP,
    Headings,
    P,
    T,
    W,
    part_xml,
    related,
    run_text,
    shown,
    visible_text,
    w,
)
from pipeline.domain.problems import Problem
from pipeline.i18n.messages.report import PANEL_DOCUMENT_START, PANEL_HEADER_OR_FOOTER, PANEL_PLACEHOLDER_LEFT

__all__ = [
    "BOOKMARK_END", "BOOKMARK_START", "COMMENT_TAGS", "COMMENTS_EXTENDED", "COMMENTS_EXTENDED_TYPE", "ID", "MC", "NAME", "P",
    "PARA_ID", "R_NS", "RUN", "SECT_PR", "T", "VAL", "W", "W14", "W15", "WP", "Headings", "part_xml", "related", "run_text",
    "shown", "visible_text", "w",
    "PANEL_DOCUMENT_START", "PANEL_HEADER_OR_FOOTER", "PANEL_PLACEHOLDER_LEFT", "PREFIX", "EDITS_SECTION", "CarryReport",
    "PanelSection", "carry_over", "drop_trailing_page_break", "end_of_text", "is_marked_text", "is_placeholder_text", "panel_sections", "placeholders", "set_apart", "walk",
]


PREFIX = "mecigep_panel_"
EDITS_SECTION = "regenerated_edits"  # text people changed in regenerated parts, kept at the end for the panel to place
_PLACEHOLDER = re.compile("⟦[^⟦⟧]*⟧")


def open_document(path: Path) -> Document:
    """The Word document at ``path``."""
    return docx.Document(str(path))


def heading_text(paragraph: Any) -> str:
    """A heading as it reads, on one line (LibreOffice may keep a page break inside it)."""
    return " ".join(visible_text(paragraph).split())


def is_marked_text(text: str) -> bool:
    """Whether a paragraph reading ``text`` is a marked line (``⟪…⟫``): a conflict between copies or an edit to a
    regenerated part, left by a merge for the panel to settle."""
    text = text.strip()
    return text.startswith("⟪") and text.endswith("⟫")


def is_placeholder_text(text: str) -> bool:
    text = text.strip()
    return text.startswith("⟦") and text.endswith("⟧")


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
        found[sid] = PanelSection(sid, heading_text(children[i]), body, "\n".join(t for t, _ in texts),
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
            section = heading_text(element)
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


def drop_trailing_page_break(elements: list[Any]) -> list[Any]:
    """``elements`` (a section's body) without the page break that ends its last paragraph, changed in place.

    LibreOffice saves a heading's "page break before" as a ``w:br w:type="page"`` at the end of the paragraph
    before it; carried elsewhere, that break would start an empty page."""
    last = next((e for e in reversed(elements) if e.tag == P), None)
    while last is not None:
        runs = [r for r in last if r.tag == RUN]
        run = runs[-1] if runs else None
        breaks = run.findall(w("br")) if run is not None else []
        if run is None or not breaks or breaks[-1].get(w("type")) != "page" or run_text(run).strip():
            break
        breaks[-1].getparent().remove(breaks[-1])
        if not [c for c in run if c.tag != w("rPr")]:
            last.remove(run)
    return elements


def end_of_text(document: Document) -> Any:
    """A function placing an element at the end of the text: before the section of edits to regenerated parts
    when there is one (it stays last), else before the body's final ``w:sectPr``."""
    edits = panel_sections(document).get(EDITS_SECTION)
    if edits is not None:
        return edits.heading_element.addprevious
    body = document.element.body
    return body[-1].addprevious if len(body) and body[-1].tag == SECT_PR else body.append


def set_apart(copier: Copier, sections: list[PanelSection], heading: str) -> None:
    """Copies ``sections`` (of the copier's source) to the end of its fresh document under a Heading 1 reading
    ``heading``, each under its own heading made a Heading 2."""
    place = end_of_text(copier.dst)
    place(copier.heading(heading, 1))
    for section in sections:
        copied = copier.copy([section.heading_element])[0]
        copier.restyle(copied, 2)
        for element in [copied, *drop_trailing_page_break(copier.copy(section.body))]:
            place(element)


def _keep_edits(copier: Copier, section: PanelSection) -> None:
    """The section of edits to regenerated parts, at the very end, as a Heading 1."""
    body = copier.dst.element.body
    place = body[-1].addprevious if len(body) and body[-1].tag == SECT_PR else body.append
    copied = copier.copy([section.heading_element])[0]
    copier.restyle(copied, 1)
    for element in [copied, *drop_trailing_page_break(copier.copy(section.body))]:
        place(element)


def carry_over(returned: Document, fresh: Document, missing_heading: str) -> CarryReport:
    """Puts the panel's sections of ``returned`` into ``fresh`` (changed in place); sections ``fresh``
    no longer has go at its end under a Heading 1 reading ``missing_heading``; the section of edits to
    regenerated parts, when it holds any text, goes last."""
    old, new = panel_sections(returned), panel_sections(fresh)
    copier = Copier(returned, fresh)
    kept, appended, unfilled, orphans = [], [], [], []
    for sid, section in old.items():
        if sid == EDITS_SECTION:
            continue
        if section.is_placeholder:
            unfilled.append(sid)
        elif sid in new:
            anchor = new[sid].heading_element
            for element in new[sid].body:
                element.getparent().remove(element)
            for element in drop_trailing_page_break(copier.copy(section.body)):
                anchor.addnext(element)
                anchor = element
            kept.append(sid)
        else:
            orphans.append(section)
    edits = old.get(EDITS_SECTION)
    if edits is not None and edits.text.strip() and EDITS_SECTION not in new:
        _keep_edits(copier, edits)
        kept.append(EDITS_SECTION)
    if orphans:
        set_apart(copier, orphans, missing_heading)
        appended.extend(s.id for s in orphans)
    copier.finish()
    return CarryReport(tuple(kept), tuple(appended), tuple(unfilled))
