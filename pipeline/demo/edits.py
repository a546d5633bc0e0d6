"""What the panel and the country do to a draft in Word, done with python-docx for the example
workspace (``make demo``); the tests do the same through LibreOffice Writer."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.documents.panel_text import panel_sections, visible_text


def _set_text(paragraph_element, text: str) -> None:  # type: ignore[no-untyped-def]
    for child in list(paragraph_element):
        if child.tag != qn("w:pPr"):
            paragraph_element.remove(child)
    run = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"></w:t></w:r>')
    run.find(qn("w:t")).text = text
    paragraph_element.append(run)
    style = paragraph_element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is not None:
        style.getparent().remove(style)  # the panel's text is body text, not a placeholder


def write_panel_text(source: Path, target: Path, texts: dict[str, str], default: str) -> Path:
    """Replaces each panel section's placeholder with the panel's text (``texts`` by section id, else ``default``)."""
    document = docx.Document(str(source))
    for section_id, section in panel_sections(document).items():
        if section.is_placeholder and section.body:
            _set_text(section.body[0], texts.get(section_id, default))
            for extra in section.body[1:]:
                extra.getparent().remove(extra)
    document.save(str(target))
    return target


def review_by_country(source: Path, target: Path, section_id: str, insertion: str, comment: str, author: str) -> Path:
    """Adds, in one panel section, a tracked insertion and a comment by the country's reviewer."""
    document = docx.Document(str(source))
    paragraph = panel_sections(document)[section_id].body[0]
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    inserted = parse_xml(f'<w:ins {nsdecls("w")} w:id="9001" w:author="" w:date="{when}">'
                         '<w:r><w:t xml:space="preserve"></w:t></w:r></w:ins>')
    inserted.set(qn("w:author"), author)
    inserted.find(f".//{qn('w:t')}").text = insertion
    paragraph.append(inserted)
    runs = [r for r in docx.text.paragraph.Paragraph(paragraph, document._body).runs]
    document.add_comment(runs[:1], text=comment, author=author, initials="".join(w[0] for w in author.split()[:2]))
    document.save(str(target))
    return target


def resolve_everything(source: Path, target: Path) -> Path:
    """Accepts every tracked change and removes every comment, as the panel does once agreed with the country."""
    document = docx.Document(str(source))
    body = document.element.body
    for inserted in list(body.iter(qn("w:ins"))):
        parent = inserted.getparent()
        index = parent.index(inserted)
        for child in list(inserted):
            parent.insert(index, child)
            index += 1
        parent.remove(inserted)
    for deleted in list(body.iter(qn("w:del"))):
        deleted.getparent().remove(deleted)
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for marker in list(body.iter(qn(tag))):
            marker.getparent().remove(marker)
    for reference in list(body.iter(qn("w:commentReference"))):
        run = reference.getparent()
        run.getparent().remove(run)
    comments = document.part._comments_part if hasattr(document.part, "_comments_part") else None
    if comments is not None:
        for element in list(comments.element):
            comments.element.remove(element)
    document.save(str(target))
    return target


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(visible_text(p) for p in document.element.body.iter(qn("w:p")))
