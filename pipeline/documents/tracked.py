"""Writing a difference between two texts as Word's tracked changes, the way Word's Compare shows it.

Texts are compared word by word (``difflib`` on words, spaces and punctuation): what both hold is a plain
run, what only the old one holds a deletion (``w:del`` with ``w:delText``), what only the new one holds an
insertion (``w:ins``), each signed with the author and date given. A paragraph only one side has is
inserted or deleted whole, its paragraph mark too (``w:rPr/w:ins`` or ``w:del`` in its ``w:pPr``), as Word
records a paragraph typed or removed with changes tracked. Text is set as text: nothing in it is markup.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from typing import Any

from docx.document import Document
from lxml import etree

from pipeline.documents.wordml import ID, RUN, P, T, W, w

_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
SIMILAR = 0.5  # below this share of words in common, a paragraph is shown deleted and retyped, not edited word by word


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


class Tracker:
    """Makes runs and paragraphs of tracked changes signed by ``author`` at ``date`` for ``document``
    (whose annotation ids it does not reuse)."""

    def __init__(self, document: Document, author: str, date: dt.datetime | None = None, first_id: int = 0) -> None:
        self.author = author
        self.date = (date or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        used = [int(v) for e in document.element.body.iter(etree.Element) if (v := e.get(ID)) and v.lstrip("-").isdigit()]
        self.next_id = max([*used, first_id - 1], default=0) + 1

    def mark(self, tag: str) -> Any:
        """An empty ``w:ins`` or ``w:del`` (``tag``) signed by the author, with the next id."""
        element = etree.Element(w(tag), {ID: str(self.next_id), w("author"): self.author, w("date"): self.date}, nsmap={"w": W})
        self.next_id += 1
        return element

    @staticmethod
    def run(text: str, rpr: Any = None, deleted: bool = False) -> Any:
        run = etree.Element(RUN, nsmap={"w": W})
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        node = etree.SubElement(run, w("delText") if deleted else T)
        node.text = text
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return run

    def inserted(self, text: str, rpr: Any = None) -> Any:
        mark = self.mark("ins")
        mark.append(self.run(text, rpr))
        return mark

    def deleted(self, text: str, rpr: Any = None) -> Any:
        mark = self.mark("del")
        mark.append(self.run(text, rpr, deleted=True))
        return mark

    def runs(self, old: str, new: str, rpr: Any = None) -> list[Any]:
        """``old`` changed into ``new``, word by word: plain runs, deletions and insertions, in order."""
        before, after = words(old), words(new)
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        kept = difflib.SequenceMatcher(None, [x for x in before if not x.isspace()], [x for x in after if not x.isspace()],
                                       autojunk=False)
        if before and after and kept.ratio() < SIMILAR:  # rewritten rather than edited: shown as such
            return [self.deleted(old, rpr), self.inserted(new, rpr)]
        pieces: list[list[str]] = []  # [kind, text]: "=", "-" or "+"
        for op, a, b, c, d in matcher.get_opcodes():
            if op == "equal":
                pieces.append(["=", "".join(before[a:b])])
                continue
            if b > a:
                pieces.append(["-", "".join(before[a:b])])
            if d > c:
                pieces.append(["+", "".join(after[c:d])])
        return [self.run(text, rpr) if kind == "=" else self.deleted(text, rpr) if kind == "-" else self.inserted(text, rpr)
                for kind, text in _slid(pieces) if text]

    def paragraph(self, old: str | None, new: str | None, ppr: Any = None, rpr: Any = None) -> Any:
        """A paragraph reading ``new`` with its changes from ``old`` tracked; a side that is None means the
        paragraph is inserted (``old`` None) or deleted (``new`` None) whole. ``ppr`` is copied as its properties."""
        p = etree.Element(P, nsmap={"w": W})
        properties = copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr"))
        for change in (properties.findall(f"{w('rPr')}/{w('ins')}") + properties.findall(f"{w('rPr')}/{w('del')}")
                       + properties.findall(w("pPrChange")) + properties.findall(w("sectPr"))):
            change.getparent().remove(change)  # a section break or an earlier change is not the paragraph's to repeat
        if old is None or new is None:
            mark_rpr = properties.find(w("rPr"))
            if mark_rpr is None:
                mark_rpr = etree.SubElement(properties, w("rPr"))
            mark_rpr.insert(0, self.mark("ins" if old is None else "del"))
        p.append(properties)
        if old is None:
            p.append(self.inserted(new or "", rpr))
        elif new is None:
            p.append(self.deleted(old, rpr))
        else:
            p.extend(self.runs(old, new, rpr))
        return p


def _slid(pieces: list[list[str]]) -> list[list[str]]:
    """A change that ends with the space the unchanged text before it ends with starts with it instead, as people
    read an insertion: "puntaje" + " (to verify)" + " | 2,5", not "puntaje " + "(to verify) " + "| 2,5"."""
    found: list[list[str]] = []
    for kind, text in pieces:
        before = found[-1] if found else None
        moved = ""
        while kind != "=" and before is not None and before[0] == "=" and text and text[-1].isspace() \
                and before[1].endswith(text[-1]):
            before[1], text, moved = before[1][:-1], text[-1] + text[:-1], text[-1] + moved
        found.append([kind, text])
        if moved:
            found.append(["=", moved])
    merged: list[list[str]] = []
    for kind, text in found:  # neighbours of one kind joined again
        if merged and merged[-1][0] == kind:
            merged[-1][1] += text
        else:
            merged.append([kind, text])
    return merged
