"""What is done to a report document once its text is there: the table of contents filled in (a rendered report,
the seminar compendium), and a merged draft stamped with the version it now is."""
from __future__ import annotations

import re
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.documents.panel_text import visible_text
from pipeline.documents.properties import PIPELINE_AUTHOR, update_custom_properties
from pipeline.i18n.messages.report import REPORT_PRELIMINARY
from pipeline.i18n.translation import normalise_language, translate


def fill_contents(document: Any) -> None:
    """Writes the headings into the table of contents as its last result, so that a reader that does not refresh
    fields (LibreOffice, a PDF made by it) shows them; Word rebuilds the table with page numbers on opening."""
    body = document.element.body
    field = next((p for p in body.iter(qn("w:p")) if any("TOC" in (i.text or "") for i in p.iter(qn("w:instrText")))), None)
    if field is None:
        return
    levels = {s.style_id: int(s.name[-1]) for s in document.styles if re.fullmatch(r"Heading [1-3]", s.name or "")}
    toc = {level: document.styles[f"TOC {level}"].style_id for level in (1, 2, 3)}
    end = [r for r in field.iter(qn("w:r")) if r.find(qn("w:fldChar")) is not None][-1]
    last = field
    for paragraph in list(body)[list(body).index(field) + 1:]:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        level = levels.get(style.get(qn("w:val")) if style is not None else None)
        if paragraph.tag != qn("w:p") or level is None:
            continue
        entry = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{toc[level]}"/></w:pPr><w:r><w:t xml:space="preserve"/></w:r></w:p>')
        entry.find(f".//{qn('w:t')}").text = visible_text(paragraph)
        last.addnext(entry)
        last = entry
    last.append(end)


def stamp_version(document: Any, version: int, lang: str) -> None:
    """Makes a draft the pipeline merged say it is ``version``: on its cover, in its properties and its identity."""
    text = translate(REPORT_PRELIMINARY, normalise_language(lang), version=version)
    kinds = {s.style_id for s in document.styles if s.name == "MECIGEP Cover Kind"}
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) not in kinds:
            continue
        runs = p.findall(qn("w:r"))
        for run in runs[1:]:
            p.remove(run)
        if runs:
            for child in [c for c in runs[0] if c.tag != qn("w:rPr")]:
                runs[0].remove(child)
            parse = parse_xml(f'<w:t {nsdecls("w")} xml:space="preserve"/>')
            parse.text = text
            runs[0].append(parse)
    props = document.core_properties
    props.subject, props.version, props.last_modified_by = text, str(version), PIPELINE_AUTHOR
    update_custom_properties(document, {"mecigep_draft_version": str(version)})
