"""How a rendered document holds together on the page, whatever the data made of it, in Word and in LibreOffice.

* Its language: the document's default language is the one it is written in (``w:lang`` of the defaults), so the
  spelling checker, hyphenation, screen readers and the PDF's ``/Lang`` know it (templates say en-US).
* Table rows never split across pages (``w:cantSplit``; header rows repeat, ``w:tblHeader``, as the templates say),
  and a short table (a question of a guide, a facts table) moves to the next page whole rather than leaving its
  first rows alone: its rows' paragraphs keep with the next (Word and LibreOffice keep such a table together).
* A heading is never left at the bottom of a page: headings keep with the next paragraph (the templates' styles),
  and so does a short paragraph between a heading and what it introduces (a dimension's summary before its first
  question, a note before a table).
* Web addresses in tables are hyperlinks that wrap at their slashes: a zero-width space after each "/" of the shown
  text (never in the link itself), so a narrow column breaks "example.gob.pe/directiva" at the slash and not inside
  a word.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.i18n.translation import normalise_language

LANGUAGE_TAGS = {"es": "es-ES", "en": "en-US", "pt": "pt-BR", "fr": "fr-FR"}
SHORT_TABLE_ROWS = 8  # a table with at most so many rows moves whole
SHORT_PARAGRAPH = 700  # characters (some five lines): a paragraph between a heading and what follows keeps with it
URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+[^\s<>\"'()\[\]{}.,;:!?]")
ZWSP = "\u200b"
HEADING = re.compile(r"^(heading|title|subtitle)", re.IGNORECASE)


def finish_layout(document: Any, lang: str) -> None:
    """Every rule of this module applied to ``document`` (its body), in ``lang``."""
    set_language(document, lang)
    keep_rows_whole(document)
    keep_with_content(document)
    link_addresses(document)


def set_language(document: Any, lang: str) -> None:
    """Makes ``lang`` the document's default language (the defaults' ``w:lang``)."""
    tag = LANGUAGE_TAGS.get(normalise_language(lang), normalise_language(lang))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    found = rpr.find(qn("w:lang"))
    if found is None:
        found = OxmlElement("w:lang")
        rpr.append(found)
    found.set(qn("w:val"), tag)


def _row_properties(tr: Any) -> Any:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        after = tr.find(qn("w:tblPrEx"))
        (after.addnext(trpr) if after is not None else tr.insert(0, trpr))
    return trpr


def _set(parent: Any, tag: str, first: bool = False) -> None:
    if parent.find(qn(tag)) is None:
        element = OxmlElement(tag)
        (parent.insert(0, element) if first else parent.append(element))


def _paragraph_properties(p: Any) -> Any:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


def _keep_next(p: Any) -> None:
    """``w:keepNext`` in its place in ``w:pPr`` (after the style, before the rest, as the schema orders them)."""
    ppr = _paragraph_properties(p)
    if ppr.find(qn("w:keepNext")) is not None:
        return
    element = OxmlElement("w:keepNext")
    style = ppr.find(qn("w:pStyle"))
    (style.addnext(element) if style is not None else ppr.insert(0, element))


def keep_rows_whole(document: Any) -> None:
    """No row of any table splits across pages; a short table keeps its rows together."""
    for table in document.element.body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        for tr in rows:
            trpr = _row_properties(tr)
            if trpr.find(qn("w:cantSplit")) is None:
                trpr.insert(0, OxmlElement("w:cantSplit"))
        keep = rows[:-1] if len(rows) <= SHORT_TABLE_ROWS else [tr for tr in rows[:-1] if _is_header(tr)]
        for tr in keep:  # a header row never ends a page alone: it keeps with the first row under it
            for p in tr.iter(qn("w:p")):
                _keep_next(p)


def _is_header(tr: Any) -> bool:
    return tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def _style(document: Any, p: Any) -> str:
    found = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if found is None:
        return ""
    style = document.styles.element.get_by_id(found.get(qn("w:val")))
    return style.name_val if style is not None and style.name_val else found.get(qn("w:val"))


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _level(document: Any, p: Any) -> int | None:
    """The heading level of ``p`` (0 for a title); None when it is no heading."""
    style = _style(document, p) if p.tag == qn("w:p") else ""
    if not HEADING.match(style):
        return None
    digits = re.findall(r"\d+", style)
    return int(digits[0]) if digits else 0


def keep_with_content(document: Any) -> None:
    """A short paragraph right after a heading keeps with what it introduces: a table, or a heading below it (a
    dimension's summary and its first question). Before a heading of the same or a higher level it is the end of a
    section, and keeping it would chain whole sections together."""
    body = [el for el in document.element.body if el.tag in (qn("w:p"), qn("w:tbl"))]
    for before, p, after in zip(body, body[1:], body[2:]):
        level = _level(document, before)
        if p.tag != qn("w:p") or level is None or _level(document, p) is not None:
            continue
        text = _text(p).strip()
        below = _level(document, after)
        if text and len(text) <= SHORT_PARAGRAPH and (after.tag == qn("w:tbl") or below is not None and below > level):
            _keep_next(p)


def link_addresses(document: Any) -> None:
    """Every web address in a table cell becomes a hyperlink whose shown text wraps at its slashes."""
    part = document.part
    for cell in document.element.body.iter(qn("w:tc")):
        for run in list(cell.iter(qn("w:r"))):
            parts = [c for c in run if c.tag != qn("w:rPr")]
            if run.getparent().tag != qn("w:p") or any(c.tag not in _PLAIN for c in parts):
                continue  # in a hyperlink, a field or a tracked change already, or holding more than text
            if any(c.tag == qn("w:t") and URL.search(c.text or "") for c in parts):
                _split(run, parts, part)


_PLAIN = {qn("w:t"), qn("w:br"), qn("w:tab")}
# the order w:rPr's children must keep (ECMA-376 CT_RPr), for the ones a hyperlink sets
_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss",
              "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath"]


def _split(run: Any, parts: list[Any], part: Any) -> None:
    """Replaces ``run`` by runs of its text, breaks and tabs, each address in a hyperlink of its own."""
    rpr, made = run.find(qn("w:rPr")), []
    for child in parts:
        if child.tag != qn("w:t"):
            made.append(_run(rpr, child=copy.deepcopy(child)))
            continue
        text, at = child.text or "", 0
        for match in URL.finditer(text):
            if match.start() > at:
                made.append(_run(rpr, text[at:match.start()]))
            scheme, _, rest = match.group(0).partition("//")
            shown = f"{scheme}//{rest.replace('/', '/' + ZWSP)}" if rest else match.group(0)  # never right after "https://"
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), part.relate_to(match.group(0), RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
            link.append(_run(rpr, shown, link=True))
            made.append(link)
            at = match.end()
        if text[at:]:
            made.append(_run(rpr, text[at:]))
    anchor = run
    for element in made:
        anchor.addnext(element)
        anchor = element
    run.getparent().remove(run)


def _run(rpr: Any, text: str = "", link: bool = False, child: Any = None) -> Any:
    run = OxmlElement("w:r")
    props = copy.deepcopy(rpr) if rpr is not None else OxmlElement("w:rPr")
    if link:
        for tag, value in (("color", "1F4E79"), ("u", "single")):
            for old in props.findall(qn(f"w:{tag}")):
                props.remove(old)
            element = OxmlElement(f"w:{tag}")
            element.set(qn("w:val"), value)
            props.append(element)
        known = {qn(f"w:{t}"): n for n, t in enumerate(_RPR_ORDER)}
        for element in sorted(props, key=lambda e: known.get(e.tag, len(known))):
            props.append(element)  # moved to its place
    if len(props):
        run.append(props)
    if child is None:
        child = OxmlElement("w:t")
        child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        child.text = text
    run.append(child)
    return run
