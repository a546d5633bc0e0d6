"""The WordprocessingML the report drafts are read and carried with: namespaces, tags, how a run and a
paragraph read with tracked changes accepted, heading levels, and the parts a part relates to.

Text reads as it reads with tracked changes accepted: ``w:t`` in every run, ``w:ins`` included,
``w:del`` and ``w:moveFrom`` left out (docs/report-drafts.md).
"""
from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.opc.part import Part, XmlPart
from lxml import etree

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


def related(part: Part, reltype: str) -> Part | None:
    """The part ``part`` relates to by ``reltype``, None when there is none."""
    return next((r.target_part for r in part.rels.values() if r.reltype == reltype and not r.is_external), None)


def part_xml(part: Part) -> Any:
    return part.element if isinstance(part, XmlPart) else etree.fromstring(part.blob)
