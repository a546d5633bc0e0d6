"""What the panel still has to settle in a report draft: its tracked changes, comments and marked lines.

``tracked_changes`` and ``comments`` read them from the document XML (body, then page headers and
footers), each with the heading it falls under; ``observations`` gives each of them, and each marked
line ``⟪…⟫`` left by a merge, verbatim for the review matrix (``workbooks/review.py``); ``unresolved``
is what ``report approve`` refuses on. A comment counts as resolved when Word or LibreOffice marked it
done (``w15:done`` in commentsExtended, on the comment or on the comment it answers).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from pipeline.documents.panel_text import EDITS_SECTION, is_marked_text, panel_sections, walk
from pipeline.documents.wordml import COMMENTS_EXTENDED, PARA_ID, RUN, W15, P, part_xml, related, run_text, shown, visible_text, w
from pipeline.domain.problems import Problem
from pipeline.domain.review import Observation, ObservationKind
from pipeline.i18n.messages.review import (
    REVIEW_CHANGE_UNRESOLVED,
    REVIEW_COMMENT_UNRESOLVED,
    REVIEW_KIND_DELETION,
    REVIEW_KIND_FORMATTING,
    REVIEW_KIND_INSERTION,
    REVIEW_KIND_MOVED,
    REVIEW_UNKNOWN_AUTHOR,
)
from pipeline.i18n.translation import Msgid

PARAGRAPH_MARK = "¶"


class ChangeKind(str, Enum):
    INSERTION = "insertion"
    DELETION = "deletion"
    FORMATTING = "formatting"
    MOVED = "moved"

    @property
    def label(self) -> Msgid:
        return {"insertion": REVIEW_KIND_INSERTION, "deletion": REVIEW_KIND_DELETION,
                "formatting": REVIEW_KIND_FORMATTING, "moved": REVIEW_KIND_MOVED}[self.value]


_KINDS = {
    **dict.fromkeys((w("ins"), w("cellIns")), ChangeKind.INSERTION),
    **dict.fromkeys((w("del"), w("cellDel")), ChangeKind.DELETION),
    **dict.fromkeys((w("moveFrom"), w("moveTo")), ChangeKind.MOVED),
    **dict.fromkeys((w(t) for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange",
                                     "tcPrChange", "tblGridChange", "numberingChange", "cellMerge")), ChangeKind.FORMATTING),
}
_OWNERS = (RUN, P, w("tr"), w("tbl"))


@dataclass(frozen=True)
class TrackedChange:
    kind: ChangeKind
    author: str
    date: dt.datetime | None
    text: str  # what was inserted, deleted, moved or reformatted; ¶ for a paragraph mark alone
    section: str  # text of the nearest heading before it (a Msgid where there is none)
    paragraph: int  # index of the paragraph in document order, body first, then headers and footers


@dataclass(frozen=True)
class CommentNote:
    id: str
    author: str
    date: dt.datetime | None
    text: str
    commented: str  # the text between commentRangeStart and commentRangeEnd, as it reads
    section: str
    resolved: bool
    paragraph: int = -1


def _date(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _owner(element: Any) -> Any:
    node = element.getparent()
    while node is not None and node.tag not in _OWNERS:
        node = node.getparent()
    return node if node is not None else element


def _change_text(element: Any, kind: ChangeKind) -> str:
    if element.getparent() is not None and element.getparent().tag in (w("rPr"), w("trPr"), w("pPr"), w("tcPr")):
        owner = _owner(element)  # a change of a paragraph mark, a row or a cell: the text it holds
        text = visible_text(owner) if kind is not ChangeKind.DELETION else "".join(n.text or "" for n in owner.iter(w("t"), w("delText")))
        return text if owner.tag != P or element.getparent().tag != w("rPr") else PARAGRAPH_MARK
    if kind in (ChangeKind.DELETION, ChangeKind.MOVED):
        return "".join(n.text or "" for n in element.iter(w("t"), w("delText")))
    if kind is ChangeKind.FORMATTING:
        return visible_text(_owner(element))
    return visible_text(element)


def tracked_changes(document: Document) -> list[TrackedChange]:
    """Every tracked change, in document order. A paragraph mark changed together with text of the
    same paragraph, by the same author, is not listed on its own."""
    found: list[tuple[TrackedChange, bool]] = []
    index = -1
    for element, section in walk(document):
        if element.tag == P:
            index += 1
        kind = _KINDS.get(element.tag)
        if kind is None:
            continue
        text = _change_text(element, kind)
        change = TrackedChange(kind, element.get(w("author"), ""), _date(element.get(w("date"))), text, section, index)
        found.append((change, text == PARAGRAPH_MARK))
    inline = {(c.paragraph, c.kind, c.author) for c, mark in found if not mark}
    return [c for c, mark in found if not (mark and (c.paragraph, c.kind, c.author) in inline)]


def done_flags(document: Document) -> dict[str, tuple[bool, str | None]]:
    """By the paraId of a comment's last paragraph: whether it is marked done, and the paraId it answers."""
    part = related(document.part, COMMENTS_EXTENDED)
    if part is None:
        return {}
    flags = {}
    for entry in part_xml(part).iter(f"{{{W15}}}commentEx"):
        flags[entry.get(f"{{{W15}}}paraId")] = (entry.get(f"{{{W15}}}done") in ("1", "true"), entry.get(f"{{{W15}}}paraIdParent"))
    return flags


def comments(document: Document) -> list[CommentNote]:
    """Every comment of the document, in the order of the comments part."""
    part = related(document.part, RT.COMMENTS)
    if part is None:
        return []
    anchors: dict[str, list[Any]] = {}  # id → [section, paragraph, pieces of commented text]
    open_ids: set[str] = set()
    index = -1
    for element, section in walk(document):
        if element.tag == P:
            index += 1
            for cid in open_ids:
                anchors[cid][2].append("\n")
        elif element.tag in (w("commentRangeStart"), w("commentReference")):
            anchors.setdefault(element.get(w("id")), [section, index, []])
            if element.tag == w("commentRangeStart"):
                open_ids.add(element.get(w("id")))
        elif element.tag == w("commentRangeEnd"):
            open_ids.discard(element.get(w("id")))
        elif element.tag == RUN and open_ids and shown(element):
            for cid in open_ids:
                anchors[cid][2].append(run_text(element))
    flags = done_flags(document)
    notes = []
    for element in part_xml(part).iter(w("comment")):
        cid = element.get(w("id"))
        section, paragraph, pieces = anchors.get(cid, ["", -1, []])
        paragraphs = element.findall(P)
        done, parent = flags.get(paragraphs[-1].get(PARA_ID, "") if paragraphs else "", (False, None))
        resolved = done or (parent is not None and flags.get(parent, (False, None))[0])
        notes.append(CommentNote(cid, element.get(w("author"), ""), _date(element.get(w("date"))),
                                 "\n".join(visible_text(p) for p in paragraphs).strip(), "".join(pieces).strip(),
                                 section, resolved, paragraph))
    return notes


def _quote(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def unresolved(document: Document) -> list[Problem]:
    """One problem for every tracked change and every comment not marked resolved."""
    problems = [Problem(REVIEW_CHANGE_UNRESOLVED, {"kind": c.kind.label, "author": c.author or REVIEW_UNKNOWN_AUTHOR,
                                                   "section": c.section, "quote": _quote(c.text)})
                for c in tracked_changes(document)]
    problems += [Problem(REVIEW_COMMENT_UNRESOLVED, {"author": n.author or REVIEW_UNKNOWN_AUTHOR, "section": n.section,
                                                     "quote": _quote(n.commented), "text": _quote(n.text, 120)})
                 for n in comments(document) if not n.resolved]
    return problems


def _iso(value: dt.datetime | None) -> str:
    return value.isoformat(timespec="minutes") if value else ""


def observations(document: Document) -> list[Observation]:
    """Every tracked change (formatting changes left out), comment and edit to a regenerated part (its marked line,
    which says who changed what where) of the document, verbatim, in document order; ``country`` and ``version``
    are left for the caller to say. The marked lines of a conflict are not observations: approval lists them."""
    found: list[tuple[int, Observation]] = []
    for c in tracked_changes(document):
        if c.kind is not ChangeKind.FORMATTING:
            found.append((c.paragraph, Observation(ObservationKind(c.kind.value), c.author, _iso(c.date), str(c.section), c.text)))
    for n in comments(document):
        found.append((n.paragraph, Observation(ObservationKind.COMMENT, n.author, _iso(n.date), str(n.section), n.text, n.commented)))
    edits = panel_sections(document).get(EDITS_SECTION)
    held = [p for e in (edits.body if edits else ()) for p in e.iter(P)]
    inside = {id(p) for p in held}  # the elements held, so that ids stay theirs
    index = -1
    for element, section in walk(document):
        if element.tag == P:
            index += 1
            text = visible_text(element).strip()
            if id(element) in inside and is_marked_text(text):
                found.append((index, Observation(ObservationKind.MARKED, "", "", str(section), text)))
    found.sort(key=lambda pair: (pair[0], pair[1].kind is not ObservationKind.MARKED))  # a marked line before what is on it
    return [Observation(o.kind, o.author, o.date, o.section, o.text, o.commented, position=n) for n, (_, o) in enumerate(found)]
