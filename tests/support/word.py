"""Report drafts built the way the template and the panel build them, for the tests.

A draft has data-driven headings and panel sections (a heading carrying a ``mecigep_panel_<id>``
bookmark, then a ``⟦…⟧`` placeholder in the style ``MECIGEP Placeholder``). The panel's edits are
made as Word makes them: tracked insertions (``w:ins``), deletions (``w:del`` with ``w:delText``)
and comments anchored on runs.
"""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from pipeline.documents.panel_text import PREFIX, panel_sections
from tests.support.office import libreoffice_convert

PLACEHOLDER_STYLE = "MECIGEP Placeholder"
WHEN = "2026-04-02T10:30:00Z"
_ids = iter(range(9000, 10**6))


def draft(sections: list[tuple[str, str, int]], data: str = "Results rendered from the data.") -> Document:
    """A draft with a data heading and, for each ``(id, heading, level)``, a panel section holding
    its placeholder."""
    document = docx.Document()
    document.styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.PARAGRAPH).font.italic = True
    document.add_paragraph("Preliminary report", style="Title")
    document.add_heading("Results", level=1)
    document.add_paragraph(data)
    for section_id, heading, level in sections:
        panel_heading(document, section_id, heading, level)
        document.add_paragraph(f"⟦Panel text: {heading}⟧", style=PLACEHOLDER_STYLE)
    return document


def panel_heading(document: Document, section_id: str, text: str, level: int = 1) -> Paragraph:
    """A heading carrying the bookmark of panel section ``section_id``."""
    paragraph = document.add_heading(text, level=level)
    bookmark = next(_ids)
    paragraph._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark}" w:name="{PREFIX}{section_id}"/>'))
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark}"/>'))
    return paragraph


def write_panel_text(document: Document, section_id: str, *texts: str) -> list[Paragraph]:
    """Replaces the section's placeholder with paragraphs of plain (not tracked) text."""
    section = panel_sections(document)[section_id]
    for element in section.body:
        element.getparent().remove(element)
    anchor = section.heading_element
    paragraphs = []
    for text in texts:
        p = parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve"></w:t></w:r></w:p>')
        p.find(".//{*}t").text = text
        anchor.addnext(p)
        anchor = p
        paragraphs.append(Paragraph(p, document._body))
    return paragraphs


def insert(paragraph: Paragraph, text: str, author: str = "Experto CHL", date: str = WHEN) -> None:
    """Appends ``text`` to ``paragraph`` as a tracked insertion by ``author``."""
    element = parse_xml(f'<w:ins {nsdecls("w")} w:id="{next(_ids)}" w:author="" w:date="{date}">'
                        '<w:r><w:t xml:space="preserve"></w:t></w:r></w:ins>')
    element.set(element.tag.replace("ins", "author"), author)
    element.find(".//{*}t").text = text
    paragraph._p.append(element)


def delete(paragraph: Paragraph, text: str, author: str = "Experto MEX", date: str = WHEN) -> None:
    """Appends ``text`` to ``paragraph`` as a tracked deletion (what Word leaves after deleting it)."""
    element = parse_xml(f'<w:del {nsdecls("w")} w:id="{next(_ids)}" w:author="" w:date="{date}">'
                        '<w:r><w:delText xml:space="preserve"></w:delText></w:r></w:del>')
    element.set(element.tag.replace("del", "author"), author)
    element.find(".//{*}delText").text = text
    paragraph._p.append(element)


def comment(document: Document, runs: Run | list[Run], text: str, author: str = "Coordinación") -> int:
    """Anchors a comment on ``runs``; returns its id."""
    return document.add_comment(runs, text=text, author=author, initials="C").comment_id


def add_link(document: Document, paragraph: Paragraph, text: str, url: str) -> None:
    """Appends a hyperlink to ``url``."""
    rid = document.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t xml:space="preserve"></w:t></w:r></w:hyperlink>')
    link.find(".//{*}t").text = text
    paragraph._p.append(link)


def png() -> io.BytesIO:
    """A 1×1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return io.BytesIO(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
                      + chunk(b"IEND", b""))


def reopen(document: Document) -> Document:
    """``document`` saved and read back, as the pipeline reads a returned draft."""
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    return docx.Document(stream)


def save_with_libreoffice(path: Path, tmpdir: Path) -> Path:
    """Opens ``path`` in LibreOffice Writer and saves it again as .docx; returns the saved copy."""
    target = tmpdir / "libreoffice"
    target.mkdir(parents=True, exist_ok=True)
    return libreoffice_convert(path, target, to="docx")


def resolve(document: Document, comment_id: int) -> None:
    """Marks a comment done, as Word does: ``w15:done`` on the ``w15:commentEx`` of its last paragraph."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    from pipeline.documents.panel_text import COMMENTS_EXTENDED, COMMENTS_EXTENDED_TYPE, PARA_ID, W15, related

    element = document.comments.get(comment_id)._comment_elm
    para_id = f"{next(_ids):08X}"
    element.findall("{*}p")[-1].set(PARA_ID, para_id)
    part = related(document.part, COMMENTS_EXTENDED)
    if part is None:
        part = Part(PackURI("/word/commentsExtended.xml"), COMMENTS_EXTENDED_TYPE,
                    f'<w15:commentsEx xmlns:w15="{W15}"/>'.encode(), document.part.package)
        document.part.relate_to(part, COMMENTS_EXTENDED)
    root = etree.fromstring(part.blob)
    etree.SubElement(root, f"{{{W15}}}commentEx", {f"{{{W15}}}paraId": para_id, f"{{{W15}}}done": "1"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def results_table(document: Document, rows: list[tuple[str, str]]) -> None:
    """A table of the data-driven part, right after the ``Results`` heading's paragraph: institution and score."""
    table = document.add_table(rows=1 + len(rows), cols=2)
    for r, (name, score) in enumerate([("Institution", "Score"), *rows]):
        table.cell(r, 0).text, table.cell(r, 1).text = name, score
    data = next(p for p in document.paragraphs if p.text.startswith("Results rendered"))
    data._p.addnext(table._tbl)


def footnote(document: Document, paragraph: Paragraph, text: str) -> int:
    """Appends a footnote reference to ``paragraph`` and its note, as Word writes them; returns the note's id."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart

    from pipeline.documents.wordml import related

    part = related(document.part, RT.FOOTNOTES)
    if part is None:
        root = parse_xml(f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                         '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                         '</w:p></w:footnote></w:footnotes>')
        part = XmlPart(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                       root, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    number = max(int(n.get(n.tag.replace("footnote", "id"))) for n in part.element) + 1
    note = parse_xml(f'<w:footnote {nsdecls("w")} w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
                     '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p></w:footnote>')
    note.findall(".//{*}t")[-1].text = " " + text
    part.element.append(note)
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="{number}"/></w:r>'))
    return number


def saved_by(document: Document, name: str) -> Document:
    """Says ``name`` last saved the document, as Word and LibreOffice do on saving."""
    document.core_properties.last_modified_by = name
    return document
