"""The panel's words in a report draft: found, read as they read, and carried into a fresh draft."""
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.documents.panel_text import carry_over, panel_sections, placeholders, visible_text
from pipeline.documents.review import comments, tracked_changes
from pipeline.i18n.messages.report import PANEL_HEADER_OR_FOOTER, PANEL_PLACEHOLDER_LEFT
from tests.support.office import soffice
from tests.support.word import (
    add_link,
    comment,
    delete,
    draft,
    insert,
    png,
    reopen,
    resolve,
    save_with_libreoffice,
    write_panel_text,
)

SECTIONS = [("summary", "Summary", 1), ("findings_a", "Findings on A", 2), ("findings_b", "Findings on B", 2),
            ("conclusions", "Conclusions", 1)]
MISSING = "Panel sections this draft no longer has"


def body_texts(document) -> list[str]:
    return [visible_text(p) for p in document.element.body.iter("{*}p")]


def test_text_in_a_tracked_insertion_counts_as_panel_text():
    document = draft(SECTIONS)
    (placeholder,) = [p for p in document.paragraphs if p._p is panel_sections(document)["summary"].body[0]]
    for run in placeholder.runs:
        placeholder._p.remove(run._r)
    delete(placeholder, "⟦Panel text: Summary⟧")  # the placeholder deleted with changes tracked…
    insert(placeholder, "The institution plans by results.")  # …and the panel's words typed in its place

    assert placeholder.text == ""  # python-docx does not see them
    section = panel_sections(document)["summary"]
    assert section.text == "The institution plans by results."
    assert not section.is_placeholder
    assert [p.params["section"] for p in placeholders(document)] == ["Findings on A", "Findings on B", "Conclusions"]


def test_visible_text_reads_links_tabs_breaks_and_field_results_but_not_field_codes():
    document = draft(SECTIONS)
    paragraph = document.add_paragraph("a")
    paragraph.add_run().add_tab()
    paragraph.add_run("b").add_break()
    add_link(document, paragraph, "link", "https://www.oas.org/")
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> DATE </w:instrText></w:r>'))
    assert visible_text(paragraph._p) == "a\tb\nlink7"


def test_a_section_runs_to_the_next_heading_of_the_same_or_a_higher_level():
    document = draft(SECTIONS)
    document.add_heading("Annex", level=1)
    document.add_paragraph("Annex data.")
    (text,) = write_panel_text(document, "findings_b", "Text on B.")
    heading, detail = document.add_heading("A detail", level=3), document.add_paragraph("Detail.")
    text._p.addnext(heading._p)
    heading._p.addnext(detail._p)
    sections = panel_sections(document)

    assert [len(s.body) for s in sections.values()] == [1, 1, 3, 1]
    assert sections["summary"].is_placeholder and sections["findings_a"].is_placeholder  # ends at the next bookmark
    assert sections["findings_b"].text == "Text on B.\nA detail\nDetail."  # a Heading 3 does not end a Heading 2
    assert sections["conclusions"].text == "⟦Panel text: Conclusions⟧"  # a Heading 1 ends a Heading 1
    del document.element.body[-3:-1]  # without the annex, the body's end ends it (never its sectPr)
    assert panel_sections(document)["conclusions"].body == sections["conclusions"].body


def test_headings_are_recognised_through_the_styles_part_when_their_ids_are_renamed():
    document = draft(SECTIONS)
    for style in document.styles.element.iter("{*}style"):
        if style.get(style.tag.replace("style", "styleId")) == "Heading2":
            style.set(style.tag.replace("style", "styleId"), "Ttulo2")
    for p in document.element.body.iter("{*}pStyle"):
        if p.get(p.tag.replace("pStyle", "val")) == "Heading2":
            p.set(p.tag.replace("pStyle", "val"), "Ttulo2")
    sections = panel_sections(document)
    assert [s.level for s in sections.values()] == [1, 2, 2, 1]
    assert sections["findings_a"].body and sections["findings_a"].is_placeholder


def test_placeholders_are_found_in_tables_and_page_headers_with_the_section_they_are_in():
    document = draft(SECTIONS)
    write_panel_text(document, "summary", "Done.")
    write_panel_text(document, "findings_a", "Done.")
    write_panel_text(document, "findings_b", "Done.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("before ⟦a cell to fill⟧")
    document.sections[0].header.paragraphs[0].add_run("⟦").bold = True
    document.sections[0].header.paragraphs[0].add_run("header⟧")
    found = placeholders(reopen(document))
    assert all(p.message == PANEL_PLACEHOLDER_LEFT for p in found)
    assert [(p.params["section"], p.params["text"]) for p in found] == [
        ("Conclusions", "⟦Panel text: Conclusions⟧"), ("Conclusions", "⟦a cell to fill⟧"),
        (PANEL_HEADER_OR_FOOTER, "⟦header⟧")]
    assert "Conclusions" in found[0].render("en")


def test_text_that_looks_like_a_template_is_carried_as_text(tmp_path: Path):
    returned = draft(SECTIONS)
    words = ["Use {{ x }} and {% if a %}b{% endif %} as written.", "{{ 7*7 }} {# not a comment #} {%p if %}"]
    write_panel_text(returned, "conclusions", *words)
    fresh = draft(SECTIONS, data="New data.")
    report = carry_over(reopen(returned), fresh, MISSING)
    fresh.save(tmp_path / "fresh.docx")
    again = docx.Document(tmp_path / "fresh.docx")
    assert report.kept == ("conclusions",)
    assert panel_sections(again)["conclusions"].text == "\n".join(words)
    assert "New data." in body_texts(again)


def panel_edits(document):
    """The panel's work on a draft: plain text, a tracked insertion and deletion, a comment, a link, an image."""
    first, second = write_panel_text(document, "findings_a", "The planning office meets monthly.", "It reports")
    insert(first, " It publishes its minutes.", author="Experto CHL")
    delete(second, " to nobody", author="Experto MEX")
    comment(document, first.runs[0], "Source?", author="Coordinación")
    add_link(document, second, " (see the law)", "https://www.oas.org/law")
    second.add_run().add_picture(png())
    return first, second


def test_carry_over_keeps_the_panels_words_and_their_tracked_changes(tmp_path: Path):
    returned = draft(SECTIONS)
    first, _ = panel_edits(returned)
    resolved = comment(returned, first.runs[0], "Done, thanks", author="Experto CHL")
    resolve(returned, resolved)
    returned.save(tmp_path / "returned.docx")
    fresh = draft(SECTIONS, data="Results of the new answers.")
    fresh.add_comment(fresh.paragraphs[2].runs[0], text="A note of the template", author="MECIGEP")

    report = carry_over(docx.Document(tmp_path / "returned.docx"), fresh, MISSING)
    fresh.save(tmp_path / "fresh.docx")
    result = docx.Document(tmp_path / "fresh.docx")

    assert report.kept == ("findings_a",) and report.appended == ()
    assert set(report.unfilled) == {"summary", "findings_b", "conclusions"}
    section = panel_sections(result)["findings_a"]
    assert section.text == "The planning office meets monthly. It publishes its minutes.\nIt reports (see the law)"
    assert "Results of the new answers." in body_texts(result)
    assert [(c.kind.value, c.author, c.text, c.section) for c in tracked_changes(result)] == [
        ("insertion", "Experto CHL", " It publishes its minutes.", "Findings on A"),
        ("deletion", "Experto MEX", " to nobody", "Findings on A")]
    notes = {n.text: n for n in comments(result)}
    assert set(notes) == {"A note of the template", "Source?", "Done, thanks"}
    assert len({n.id for n in notes.values()}) == 3
    assert notes["Source?"].commented == "The planning office meets monthly."
    assert notes["Source?"].section == "Findings on A" and not notes["Source?"].resolved
    assert notes["Done, thanks"].resolved
    link = section.body[1].find("{*}hyperlink")
    rel = result.part.rels[link.get(f"{{{link.nsmap['r']}}}id")]
    assert rel.is_external and rel.target_ref == "https://www.oas.org/law"
    blip = section.body[1].find(".//{*}blip")
    assert result.part.rels[blip.get(f"{{{blip.nsmap['r']}}}embed")].target_part.blob == png().getvalue()
    ids = [e.get(e.tag.rsplit("}", 1)[0] + "}id") for e in result.element.body.iter("{*}bookmarkStart", "{*}ins", "{*}del")]
    assert len(ids) == len(set(ids))


def test_a_section_the_fresh_draft_no_longer_has_is_appended_not_dropped():
    returned = draft(SECTIONS)
    panel_edits(returned)
    write_panel_text(returned, "findings_b", "B is gone from the framework.")
    fresh = draft([s for s in SECTIONS if s[0] not in ("findings_a", "findings_b")], data="New data.")

    report = carry_over(reopen(returned), fresh, MISSING)
    result = reopen(fresh)

    assert report.kept == () and report.appended == ("findings_a", "findings_b")
    texts = [t for t in body_texts(result) if t]
    assert texts[texts.index(MISSING):] == [
        MISSING, "Findings on A", "The planning office meets monthly. It publishes its minutes.", "It reports (see the law)",
        "Findings on B", "B is gone from the framework."]
    sections = panel_sections(result)
    assert list(sections) == ["summary", "conclusions", "findings_a", "findings_b"]
    assert sections["findings_a"].level == sections["findings_b"].level == 2
    assert [c.section for c in tracked_changes(result)] == ["Findings on A", "Findings on A"]
    assert [n.text for n in comments(result)] == ["Source?"]
    assert result.element.body[-1].tag.endswith("}sectPr")


def test_lists_and_styles_the_fresh_draft_lacks_come_with_the_panels_text():
    returned = draft(SECTIONS)
    (item,) = write_panel_text(returned, "summary", "First point")
    item._p.get_or_add_pPr().get_or_add_pStyle().val = "ListBullet"
    num = returned.part.numbering_part.element.add_num(0)
    num_pr = item._p.get_or_add_pPr()._add_numPr()
    num_pr._add_ilvl().val = 0
    num_pr._add_numId().val = num.numId
    from docx.enum.style import WD_STYLE_TYPE

    returned.styles.add_style("Panel Quote", WD_STYLE_TYPE.PARAGRAPH)
    write_panel_text(returned, "conclusions", "Quoted")[0].style = "Panel Quote"
    fresh = draft(SECTIONS)
    fresh_abstracts = fresh.part.numbering_part.element.findall("{*}abstractNum")
    carry_over(reopen(returned), fresh, MISSING)
    result = reopen(fresh)
    sections = panel_sections(result)
    (style,) = [s for s in result.styles if s.style_id == sections["conclusions"].body[0].style]
    assert style.name == "Panel Quote"
    numbering = result.part.numbering_part.element
    num = numbering.num_having_numId(sections["summary"].body[0].pPr.numPr.numId.val)
    assert num.abstractNumId.val == len(fresh_abstracts)  # a new list definition, not one of the fresh draft's
    assert len(numbering.findall("{*}abstractNum")) == len(fresh_abstracts) + 1


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_panel_text_survives_a_save_by_libreoffice_writer(tmp_path: Path):
    returned = draft(SECTIONS)
    panel_edits(returned)
    returned.save(tmp_path / "returned.docx")
    saved = docx.Document(save_with_libreoffice(tmp_path / "returned.docx", tmp_path))

    sections = panel_sections(saved)
    assert list(sections) == ["summary", "findings_a", "findings_b", "conclusions"]
    assert [s.heading for s in sections.values()] == ["Summary", "Findings on A", "Findings on B", "Conclusions"]
    assert sections["findings_a"].text.startswith("The planning office meets monthly. It publishes its minutes.\nIt reports")
    assert [(c.kind.value, c.author, c.text) for c in tracked_changes(saved)] == [
        ("insertion", "Experto CHL", " It publishes its minutes."), ("deletion", "Experto MEX", " to nobody")]
    (note,) = comments(saved)
    assert (note.author, note.text, note.section) == ("Coordinación", "Source?", "Findings on A")
    assert note.commented == "The planning office meets monthly."
    assert [p.params["section"] for p in placeholders(saved)] == ["Summary", "Findings on B", "Conclusions"]

    fresh = draft(SECTIONS, data="New data.")  # and the LibreOffice copy carries over like Word's
    assert carry_over(saved, fresh, MISSING).kept == ("findings_a",)
    fresh.save(tmp_path / "fresh.docx")
    again = docx.Document(save_with_libreoffice(tmp_path / "fresh.docx", tmp_path / "again"))
    assert panel_sections(again)["findings_a"].text == sections["findings_a"].text
    assert [c.author for c in tracked_changes(again)] == ["Experto CHL", "Experto MEX"]
    assert [n.text for n in comments(again)] == ["Source?"]
