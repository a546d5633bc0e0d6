"""The three-way merge of a returned copy of a draft into the round's current draft, section by section.

A copy was edited from a version of the draft (its ``base``); meanwhile the current draft (``ours``) may
have taken other copies of the same version. For each panel section of the copy (``theirs``), compared by
signature (``regions.signature``) with the base:

- unchanged in the copy: the current draft keeps its text;
- changed only in the copy: the copy's text replaces the current draft's (copied as XML, with its tracked
  changes, comments, footnotes and pictures: ``carry.Copier``);
- changed identically in both: kept once;
- changed differently in both: both texts are kept, the current draft's first, each under a marked line
  (``⟪…⟫``, style ``MECIGEP Conflict``) naming who sent it, and a marked line after them; approval is
  refused while a marked line remains (``marked_lines``);
- a section the current draft no longer has: the copy's text goes to the end, set apart;
- a section of the base the copy no longer has: the current draft keeps its own.

Edits of the copy outside the panel sections go into "Edits to regenerated parts" (``outside``). The
current draft's document is changed in place; nothing of the copy is dropped, and every decision is in
the returned ``MergeOutcome`` for the receipt.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from lxml import etree

from pipeline.documents.carry import Copier
from pipeline.documents.outside import keep_outside_edits, marked_line, outside_edits
from pipeline.documents.panel_text import (
    EDITS_SECTION,
    PanelSection,
    drop_trailing_page_break,
    is_marked_text,
    panel_sections,
    set_apart,
    walk,
)
from pipeline.documents.regions import Annotations, signature
from pipeline.documents.wordml import COMMENT_TAGS, ID, P, part_xml, related, visible_text, w
from pipeline.domain.drafts import MergeOutcome, SectionOutcome
from pipeline.domain.enums import SectionMerge
from pipeline.domain.problems import Problem
from pipeline.i18n.messages.merge import (
    MERGE_CONFLICT_END,
    MERGE_CONFLICT_LEFT,
    MERGE_CONFLICT_OURS,
    MERGE_CONFLICT_THEIRS,
    MERGE_EDIT_LEFT,
)
from pipeline.i18n.translation import translate


@dataclass(frozen=True)
class Sides:
    """Who is who in a merge, in words: ``ours(section id)`` names whoever wrote the current draft's text of a
    section; ``theirs`` the copy's sender; ``author`` signs the tracked changes made for the copy."""

    ours: Callable[[str], str]
    theirs: str
    author: str
    current: int  # the current draft's version
    base: int  # the version the copy was edited from
    lang: str
    when: dt.datetime | None = None


def _changed(section: PanelSection | None, base: PanelSection | None, notes: Annotations, base_notes: Annotations) -> bool:
    if section is None:
        return False
    if base is None:
        return not section.is_placeholder
    return signature(section, notes) != signature(base, base_notes)


def _replace(copier: Copier, target: PanelSection, source: PanelSection) -> None:
    for element in target.body:
        element.getparent().remove(element)
    anchor = target.heading_element
    for element in drop_trailing_page_break(copier.copy(source.body)):
        anchor.addnext(element)
        anchor = element


def _conflict(copier: Copier, ours: PanelSection, theirs: PanelSection, sides: Sides) -> None:
    document, lang = copier.dst, sides.lang
    first = marked_line(document, translate(MERGE_CONFLICT_OURS, lang, version=sides.current, who=sides.ours(ours.id)))
    ours.heading_element.addnext(first)
    drop_trailing_page_break(ours.body)
    anchor = ours.body[-1] if ours.body else first
    second = marked_line(document, translate(MERGE_CONFLICT_THEIRS, lang, base=sides.base, who=sides.theirs))
    anchor.addnext(second)
    anchor = second
    for element in [*drop_trailing_page_break(copier.copy(theirs.body)), marked_line(document, translate(MERGE_CONFLICT_END, lang), keep_next=False)]:
        anchor.addnext(element)
        anchor = element


def merge_copy(base: Document, ours: Document, theirs: Document, sides: Sides, set_apart_heading: str) -> MergeOutcome:
    """Merges ``theirs`` (a copy edited from ``base``) into ``ours`` (changed in place); see the module's docstring."""
    b, o, t = panel_sections(base), panel_sections(ours), panel_sections(theirs)
    b_notes, o_notes, t_notes = Annotations(base), Annotations(ours), Annotations(theirs)
    copier = Copier(theirs, ours)
    outcomes: list[SectionOutcome] = []
    apart: list[PanelSection] = []
    for sid, section in t.items():
        if not _changed(section, b.get(sid), t_notes, b_notes):
            continue
        mine = o.get(sid)
        if mine is None:
            apart.append(section)
            decision = SectionMerge.SET_APART
        elif mine.is_placeholder or not _changed(mine, b.get(sid), o_notes, b_notes):
            _replace(copier, mine, section)
            decision = SectionMerge.TAKEN
        elif signature(mine, o_notes) == signature(section, t_notes):
            decision = SectionMerge.SAME
        else:
            _conflict(copier, mine, section, sides)
            decision = SectionMerge.CONFLICT
        outcomes.append(SectionOutcome(sid, section.heading, decision))
    outcomes += [SectionOutcome(sid, s.heading, SectionMerge.MISSING) for sid, s in b.items() if sid not in t and sid in o]
    if apart:
        set_apart(copier, apart, set_apart_heading)
    copier.finish()
    drop_orphan_comments(ours)
    edits = outside_edits(base, theirs)
    keep_outside_edits(ours, edits, sides.theirs, sides.author, sides.base, sides.lang, sides.when)
    return MergeOutcome(tuple(outcomes), tuple(edits))


def drop_orphan_comments(document: Document) -> None:
    """Removes the comments nothing in the document refers to any more: the current draft's, on text a copy's
    section replaced (the copy's own comments came with its text)."""
    part = related(document.part, RT.COMMENTS)
    if part is None:
        return
    used = {n.get(ID) for n in document.element.body.iter(*COMMENT_TAGS)}
    root = part_xml(part)
    for comment in [c for c in root.iter(w("comment")) if c.get(ID) not in used]:
        root.remove(comment)
    if not isinstance(part, XmlPart):
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def marked_lines(document: Document) -> list[Problem]:
    """The marked lines (``⟪…⟫``) still in the document: one problem for each section holding a conflict between
    copies not yet settled (quoting its first marked line), one for each edit to a regenerated part not yet moved."""
    sections = panel_sections(document)
    held = [p for e in (sections[EDITS_SECTION].body if EDITS_SECTION in sections else ()) for p in e.iter(P)]
    edits = {id(p) for p in held}  # the elements held, so that ids stay theirs
    problems, conflicts = [], set()
    for element, section in walk(document):
        if element.tag != P:
            continue
        text = visible_text(element).strip()
        if not is_marked_text(text):
            continue
        quote = text if len(text) <= 90 else text[:89] + "…"
        if id(element) in edits:
            problems.append(Problem(MERGE_EDIT_LEFT, {"section": section, "text": quote}))
        elif section not in conflicts:
            conflicts.add(section)
            problems.append(Problem(MERGE_CONFLICT_LEFT, {"section": section, "text": quote}))
    return problems
