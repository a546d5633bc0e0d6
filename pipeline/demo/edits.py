"""What the panel and the country do to a draft in Word (and to the review matrix in Excel), done with python-docx
and openpyxl for the example workspace (``make demo``); the tests do the same through LibreOffice."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.documents.panel_text import EDITS_SECTION, is_marked_text, panel_sections, visible_text
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.review import HEADER_NAME, INPUTS


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


def _save(document, target: Path, author: str) -> Path:  # type: ignore[no-untyped-def]
    document.core_properties.last_modified_by = author  # as Word and LibreOffice sign a save
    document.save(str(target))
    return target


def write_panel_text(source: Path, target: Path, texts: dict[str, str], default: str | None, author: str) -> Path:
    """Writes the panel's text in the sections of ``texts`` (by section id) and, with a ``default``, in every other
    section still holding its placeholder."""
    document = docx.Document(str(source))
    for section_id, section in panel_sections(document).items():
        text = texts.get(section_id, default if section.is_placeholder else None)
        if text is not None and section.body:
            _set_text(section.body[0], text)
            for extra in section.body[1:]:
                extra.getparent().remove(extra)
    return _save(document, target, author)


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
    return _save(document, target, author)


def settle_conflicts(source: Path, target: Path, author: str) -> Path:
    """Settles every conflict between copies as a coordinator does: keeps the current draft's text (the one before the
    second marked line), deletes the other copy's text and the three marked lines."""
    document = docx.Document(str(source))
    for section_id, section in panel_sections(document).items():
        if section_id == EDITS_SECTION:
            continue
        marks, dropping = 0, False
        for element in section.body:
            marked = element.tag == qn("w:p") and is_marked_text(visible_text(element))
            if marked:
                marks += 1
                dropping = marks % 3 == 2  # between the second and the third line: the other copy's text
            if marked or dropping:
                element.getparent().remove(element)
    return _save(document, target, author)


def resolve_everything(source: Path, target: Path, author: str = "") -> Path:
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
    if author:
        document.core_properties.last_modified_by = author
    document.save(str(target))
    return target


def answer_matrix(source: Path, target: Path, answers: dict[str, tuple[str, str]]) -> Path:
    """Types the panel's decision and response into the review matrix, for each row whose observation starts with a
    key of ``answers``."""
    wb = openpyxl.load_workbook(source)
    header = named_cells(wb, HEADER_NAME)[0]
    sheet = header.parent
    for row in range(header.row + 1, sheet.max_row + 1):
        observation = str(sheet.cell(row, 7).value or "")
        for start, (decision, response) in answers.items():
            if observation.strip().startswith(start):
                sheet.cell(row, INPUTS["decision"]).value, sheet.cell(row, INPUTS["response"]).value = decision, response
    wb.save(target)
    return target


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(visible_text(p) for p in document.element.body.iter(qn("w:p")))
