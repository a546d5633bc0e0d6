"""Edits made outside the panel sections of a draft: found, put in words, and kept where the panel sees them.

Everything outside the panel sections is rendered afresh from the round's data at the next draft, so text a
person typed there would be lost. ``outside_edits`` compares a returned copy's regenerated blocks
(``regions``) with those of the version it was edited from; ``keep_outside_edits`` writes each edit into
the section "Edits to regenerated parts" at the end of a draft (a panel section, ``EDITS_SECTION``, carried
to every later version): a marked line saying who changed what where, then the text as the copy has it,
its difference from the version tracked in the sender's name, and the comments anchored there re-made.
"""
from __future__ import annotations

import datetime as dt
import difflib

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from pipeline.documents.panel_text import EDITS_SECTION, PREFIX, SECT_PR, panel_sections
from pipeline.documents.regions import Annotations, Block, regenerated_blocks
from pipeline.documents.tracked import Tracker
from pipeline.documents.wordml import BOOKMARK_END, BOOKMARK_START, ID, NAME, RUN, VAL, Headings, P, T, W, w
from pipeline.domain.drafts import OutsideEdit
from pipeline.i18n.messages.merge import MERGE_EDIT_MARK, MERGE_EDITS_HEADING
from pipeline.i18n.translation import translate

MARK_STYLE = "MECIGEP Conflict"


def outside_edits(base: Document, edited: Document) -> list[OutsideEdit]:
    """Every change of ``edited`` outside its panel sections, against ``base``, in document order."""
    notes = Annotations(edited)
    old, new = regenerated_blocks(base), regenerated_blocks(edited, notes)
    found = []
    matcher = difflib.SequenceMatcher(None, [b.key for b in old], [b.key for b in new], autojunk=False)
    for op, a, b, c, d in matcher.get_opcodes():
        if op == "equal":
            continue
        first: Block = new[c] if d > c else old[a]
        comments = tuple(x for block in new[c:d] for x in notes.comments_in(block.element))
        found.append(OutsideEdit(first.where, first.row, tuple(x.text for x in old[a:b]), tuple(x.text for x in new[c:d]), comments))
    return found


def mark_style(document: Document) -> str:
    """The style id of the marked lines (``MECIGEP Conflict``), made in ``document`` when it lacks it."""
    for style in document.styles.element.iter(w("style")):
        name = style.find(NAME)
        if name is not None and (name.get(VAL) or "").lower() == MARK_STYLE.lower():
            return style.get(w("styleId")) or ""
    made = document.styles.add_style(MARK_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    made.font.bold, made.font.color.rgb = True, RGBColor(0xC0, 0x00, 0x00)
    return made.style_id


def marked_line(document: Document, text: str, keep_next: bool = True) -> etree._Element:
    """A paragraph of the marked style reading ``text`` (``⟪…⟫``), kept on the page of the next one unless
    ``keep_next`` is False (a line that closes what it marks)."""
    p = etree.Element(P, nsmap={"w": W})
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("pStyle"), {VAL: mark_style(document)})
    if keep_next:
        etree.SubElement(ppr, w("keepNext"))
    node = etree.SubElement(etree.SubElement(p, RUN), T)
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def _heading(document: Document, text: str) -> etree._Element:
    """A Heading 1 carrying the bookmark of the section of edits to regenerated parts."""
    p = etree.Element(P, nsmap={"w": W})
    headings = Headings(document)
    sid = next((s.get(w("styleId")) for s in document.styles.element.iter(w("style"))
                if s.get(w("type")) == "paragraph" and headings.style_level(s.get(w("styleId"))) == 1), None)
    ppr = etree.SubElement(p, w("pPr"))
    if sid:
        etree.SubElement(ppr, w("pStyle"), {VAL: sid})
    etree.SubElement(ppr, w("pageBreakBefore"))
    if not sid:
        etree.SubElement(ppr, w("outlineLvl"), {VAL: "0"})
    used = [int(v) for b in document.element.body.iter(BOOKMARK_START) if (v := b.get(ID, "")).isdigit()]
    number = str(max(used, default=0) + 1)
    etree.SubElement(p, BOOKMARK_START, {ID: number, NAME: PREFIX + EDITS_SECTION})
    etree.SubElement(etree.SubElement(p, RUN), T).text = text
    etree.SubElement(p, BOOKMARK_END, {ID: number})
    return p


def keep_outside_edits(document: Document, edits: list[OutsideEdit], who: str, author: str, base: int, lang: str,
                       when: dt.datetime | None = None) -> None:
    """Writes ``edits`` (made by ``who``, in words, on version ``base``) at the end of ``document``'s section of
    edits to regenerated parts, creating the section when it has none; changes are tracked as ``author``'s."""
    if not edits:
        return
    section = panel_sections(document).get(EDITS_SECTION)
    body = document.element.body
    if section is None:
        heading = _heading(document, translate(MERGE_EDITS_HEADING, lang))
        (body[-1].addprevious if len(body) and body[-1].tag == SECT_PR else body.append)(heading)
        last = heading
    else:
        last = section.body[-1] if section.body else section.heading_element
    tracker = Tracker(document, author, when)
    for edit in edits:
        mark = marked_line(document, translate(MERGE_EDIT_MARK, lang, who=who, base=base, where=edit.place(lang)))
        made = [mark]
        pairs = min(len(edit.before), len(edit.after))
        made += [tracker.paragraph(edit.before[i], edit.after[i]) for i in range(pairs)]
        made += [tracker.paragraph(text, None) for text in edit.before[pairs:]]
        made += [tracker.paragraph(None, text) for text in edit.after[pairs:]]
        for element in made:
            last.addnext(element)
            last = element
        anchor = Run(mark.find(RUN), Paragraph(mark, document._body))
        for commenter, text in edit.comments:
            document.add_comment(anchor, text=text, author=commenter, initials="".join(x[0] for x in commenter.split()[:2]))
