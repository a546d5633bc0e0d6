"""What changed in the panel's sections between two versions of a draft, as Word's Compare shows it.

The comparison document is made from the newer version (its styles, headers and footers, numbering): its
body is replaced by a title, a sentence naming the sections without changes, then every panel section
that changed, under its heading, with its changes tracked (``tracked.Tracker``). Within a section the
paragraphs and tables of both versions are aligned by their text (``difflib``): what both hold is copied
as the newer version has it, a paragraph changed in between is written word by word with deletions and
insertions, what only one holds is deleted or inserted whole (a table row by row, ``w:trPr/w:ins`` or
``w:del``). Each change is signed by whoever made it (``author_of``: who first wrote an inserted paragraph,
who removed a deleted one). The parts rendered from the round's data are not compared. The document says it is a comparison
(``mecigep_kind=report_compare``), so the inbox never takes it for a draft.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
from typing import Any, Callable

from docx.document import Document
from lxml import etree

from pipeline.documents.carry import Copier
from pipeline.documents.panel_text import PanelSection, drop_trailing_page_break, is_marked_text, panel_sections
from pipeline.documents.properties import update_custom_properties
from pipeline.documents.regions import Annotations, paragraph_text, signature
from pipeline.documents.tracked import Tracker
from pipeline.documents.wordml import RUN, SECT_PR, VAL, P, visible_text, w
from pipeline.i18n.messages.merge import COMPARE_GONE, COMPARE_INTRO, COMPARE_NOTHING, COMPARE_TITLE, COMPARE_UNCHANGED
from pipeline.i18n.translation import translate

# (section id, a paragraph's text, whether it was deleted) -> (who made that change, when)
Author = Callable[[str, str, bool], tuple[str, "dt.datetime | None"]]


def _key(element: Any) -> str:
    if element.tag == P:
        return "p\x1f" + paragraph_text(element)
    return "t\x1f" + "\x1e".join(" | ".join(paragraph_text(c) for c in row.iter(w("tc"))) for row in element.iter(w("tr")))


def section_texts(document: Document) -> dict[str, set[str]]:
    """The text of each paragraph and table of each panel section, by section id: what a change is matched by."""
    return {sid: {_key(e)[2:] for e in section.body} for sid, section in panel_sections(document).items()}


def _rpr(p: Any) -> Any:
    run = next((r for r in p.iter(RUN) if r.find(w("rPr")) is not None), None)
    return run.find(w("rPr")) if run is not None else None


def _mark_row(row: Any, mark: Any) -> None:
    trpr = row.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        exceptions = row.find(w("tblPrEx"))
        (exceptions.addnext if exceptions is not None else lambda e: row.insert(0, e))(trpr)
    trpr.append(mark)


def track_whole(element: Any, tracker: Tracker, deleted: bool) -> Any:
    """``element`` (a paragraph or a table) marked inserted or deleted whole, its text kept as it reads."""
    def whole(p: Any) -> Any:
        text = visible_text(p)
        return tracker.paragraph(text if deleted else None, None if deleted else text, p.find(w("pPr")), _rpr(p))

    if element.tag == P:
        return whole(element)
    for p in list(element.iter(P)):
        p.getparent().replace(p, whole(p))
    for row in element.iter(w("tr")):
        _mark_row(row, tracker.mark("del" if deleted else "ins"))
    return element


def _changed_table(old: Any, new: Any, tracker: Tracker) -> Any:
    """``new`` with each cell whose text changed written as its difference from the same cell of ``old``
    (the tables have the same rows and columns)."""
    for old_cell, new_cell in zip(old.iter(w("tc")), new.iter(w("tc"))):
        before, after = " ".join(paragraph_text(p) for p in old_cell.iter(P)), " ".join(paragraph_text(p) for p in new_cell.iter(P))
        if before == after:
            continue
        paragraphs = new_cell.findall(P)
        first = paragraphs[0] if paragraphs else etree.SubElement(new_cell, P)
        first.addprevious(tracker.paragraph(before, after, first.find(w("pPr")), _rpr(first)))
        for p in paragraphs:
            new_cell.remove(p)
    return new


def _shape(table: Any) -> list[int]:
    return [len(row.findall(w("tc"))) for row in table.iter(w("tr"))]


class Signer:
    """Sets the tracker's author and date to those of each change, as ``author_of`` tells them for a section."""

    def __init__(self, tracker: Tracker, author_of: Author) -> None:
        self.tracker, self.author_of, self.section = tracker, author_of, ""

    def __call__(self, text: str, deleted: bool) -> Tracker:
        author, when = self.author_of(self.section, text, deleted)
        self.tracker.author = author
        self.tracker.date = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return self.tracker


def diff_body(old: list[Any], new: list[Any], copier: Copier, sign: Signer) -> list[Any]:
    """The elements showing ``old`` (elements of the older version) changed into ``new`` (of the newer one, reused)."""
    made: list[Any] = []
    a, b = [_key(e) for e in old], [_key(e) for e in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            made += new[j1:j2]
            continue
        gone, came = old[i1:i2], new[j1:j2]
        while gone and came and gone[0].tag == came[0].tag and (gone[0].tag == P or _shape(gone[0]) == _shape(came[0])) \
                and not any(is_marked_text(_key(e)[2:]) for e in (gone[0], came[0])):  # a marked line is a line of its own
            before, after = gone.pop(0), came.pop(0)
            tracker = sign(_key(after)[2:], False)
            made.append(tracker.paragraph(paragraph_text(before), paragraph_text(after), after.find(w("pPr")), _rpr(after))
                        if after.tag == P else _changed_table(before, after, tracker))
        made += [track_whole(copier.copy([e])[0], sign(_key(e)[2:], True), deleted=True) for e in gone]
        made += [track_whole(e, sign(_key(e)[2:], False), deleted=False) for e in came]
    return made


def _paragraph(document: Document, text: str, style_name: str | None = None) -> Any:
    p = etree.Element(P)
    if style_name:
        sid = next((s.get(w("styleId")) for s in document.styles.element.iter(w("style"))
                    if (n := s.find(w("name"))) is not None and (n.get(VAL) or "").lower() == style_name.lower()), None)
        if sid:
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {VAL: sid})
    etree.SubElement(etree.SubElement(p, RUN), w("t")).text = text
    return p


def compare_versions(old: Document, new: Document, versions: tuple[int, int], author_of: Author, lang: str) -> int:
    """Makes ``new`` (changed in place) the comparison of the panel sections of ``old`` and ``new`` (versions
    ``versions``); returns how many sections changed."""
    before, after = panel_sections(old), panel_sections(new)
    notes_old, notes_new = Annotations(old), Annotations(new)
    changed = [s for sid, s in after.items() if sid not in before or signature(s, notes_new) != signature(before[sid], notes_old)]
    gone = [s for sid, s in before.items() if sid not in after]
    same = [s.heading for sid, s in after.items() if s not in changed]
    copier = Copier(old, new)
    sign = Signer(Tracker(new, "", first_id=copier.next_id + 100_000), author_of)  # ids apart from those the copier gives
    made = [_paragraph(new, translate(COMPARE_TITLE, lang, old=versions[0], new=versions[1]), "Title"),
            _paragraph(new, translate(COMPARE_INTRO, lang, round=_round(new))),
            *([_paragraph(new, translate(COMPARE_UNCHANGED, lang, sections=tuple(same)))] if same and (changed or gone) else []),
            *([] if changed or gone else [_paragraph(new, translate(COMPARE_NOTHING, lang))])]
    for section in changed:
        sign.section = section.id
        previous: PanelSection | None = before.get(section.id)
        made += [section.heading_element, *diff_body(previous.body if previous else [], section.body, copier, sign)]
    for section in gone:
        sign.section = section.id
        heading = copier.copy([section.heading_element])[0]
        made += [heading, _paragraph(new, translate(COMPARE_GONE, lang, old=versions[0], new=versions[1]))]
        made += [track_whole(e, sign(_key(e)[2:], True), deleted=True) for e in copier.copy(section.body)]
    copier.finish()
    body = new.element.body
    for element in [e for e in body if e.tag != SECT_PR]:
        body.remove(element)
    place = body[-1].addprevious if len(body) and body[-1].tag == SECT_PR else body.append
    for element in made:
        element = copy.deepcopy(element) if element.getparent() is not None else element
        for stop in element.iter(w("pageBreakBefore")):  # the comparison runs on, section after section
            stop.getparent().remove(stop)
        place(element)
    drop_trailing_page_break(made)
    update_custom_properties(new, {"mecigep_kind": "report_compare", "mecigep_compared": f"{versions[0]},{versions[1]}"})
    return len(changed) + len(gone)


def _round(document: Document) -> str:
    return document.core_properties.identifier or ""
