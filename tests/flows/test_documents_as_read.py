"""Every Word document the demo produces, as its reader sees it: rendered to PDF by LibreOffice (all in one call)
and read back page by page with pypdf; and the final report's own PDF, as the OAS publishes and archives it.

Readers see the titles and numbers of a document, never the pipeline's keys (question ids such as ``pl_20``,
element ids, notes-file ids), folders (``outbox/``), placeholders (``⟦…⟧``) or notes to an editor about how to
refresh a field. The drafts and their comparison are the panel's working copies: they may keep placeholders and
the round's stage, but not our ids or folders either.
"""
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from pipeline.cli.app import main
from pipeline.documents.report_labels import REPORT_LABELS
from pipeline.i18n.translation import translate
from tests.support.office import soffice

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")

QUESTION_ID = re.compile(r"\b[a-z]{2,3}_(?:[de]?\d+)\b")  # pl_20, pl_e1, pl_d1, sq_16
TOC_LINE = re.compile(r"^(?P<heading>.+?)\s*\.{4,}\s*(?P<page>\d+)$")
FINAL = "2026-PER-planning/2026-PER-planning-informe-final"


def working_copy(name: str) -> bool:
    """The panel's drafts and their comparison (not meant for readers outside the panel and the government)."""
    return "-borrador-" in name or "-cambios-" in name


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def body_lines(pages: list[str]) -> list[list[str]]:
    """Each page's lines without the running header and footer: the lines (digits aside) found on most pages."""
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in pages]
    if len(pages) < 3:
        return lines
    key = lambda line: re.sub(r"\d+", "#", line)  # noqa: E731
    counts: dict[str, int] = {}
    for page in lines:
        for k in {key(line) for line in page}:
            counts[k] = counts.get(k, 0) + 1
    running = {k for k, n in counts.items() if n >= len(pages) * 0.6}
    return [[line for line in page if key(line) not in running] for page in lines]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("read") / "demo"
    assert main(["demo", "--workspace", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def rendered(demo, tmp_path_factory):
    """{outbox-relative name without suffix: (the .docx, each page's text)} for every .docx of the demo's outbox."""
    folder = tmp_path_factory.mktemp("pdf")
    sources = {}
    for n, path in enumerate(sorted((demo / "outbox").rglob("*.docx"))):
        copy = folder / f"{n:02d}-{path.name}"  # two rounds have documents of the same name
        shutil.copyfile(path, copy)
        sources[copy] = path
    subprocess.run([soffice(), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder / "out"), *map(str, sources)], check=True, capture_output=True, timeout=600)
    return {str(path.relative_to(demo / "outbox").with_suffix("")): (path, page_texts(folder / "out" / f"{copy.stem}.pdf"))
            for copy, path in sources.items()}


def test_every_document_of_the_demo_is_rendered(rendered):
    names = set(rendered)
    assert {FINAL, "seminario-" + next(n for n in names if n.startswith("seminario-"))[10:]} <= names
    assert any("/guias/" in n for n in names) and any(Path(n).name.startswith("acuse-") for n in names)
    assert all(pages for _, pages in rendered.values())


def test_no_page_is_empty(rendered):
    empty = [(name, n + 1) for name, (_, pages) in rendered.items() for n, lines in enumerate(body_lines(pages)) if not lines]
    assert empty == []


def test_no_document_shows_our_ids_or_folders(rendered):
    found = {name: sorted(set(QUESTION_ID.findall("\n".join(pages))) | ({"outbox/"} if "outbox/" in "\n".join(pages) else set()))
             for name, (_, pages) in rendered.items()}
    assert {name: ids for name, ids in found.items() if ids} == {}


def test_documents_meant_for_readers_have_no_placeholder_or_editors_note(rendered):
    readers = {name: "\n".join(pages) for name, (_, pages) in rendered.items() if not working_copy(name)}
    assert len(readers) > 20
    # the placeholder of a panel section; a note on how to refresh the contents (it names the office suite's menus)
    assert [name for name, text in readers.items() if "⟦" in text or "⟧" in text or "LibreOffice" in text or "›" in text] == []


def test_a_heading_never_ends_a_page(rendered):
    """Headings keep with the next paragraph: the last line of a page is never the end of a heading (the pages of
    the table of contents, where every line is a heading, aside). A short paragraph between a heading and what it
    introduces keeps with both: tests/documents/test_layout.py."""
    left = []
    for name, (path, pages) in rendered.items():
        document = docx.Document(str(path))
        headings = {p.text.strip() for p in document.paragraphs if p.style.name.startswith("Heading") and p.text.strip()}
        ends = lambda line: len(line) > 3 and any(h.endswith(line) for h in headings)  # noqa: E731
        for number, lines in enumerate(body_lines(pages)[:-1], 1):
            contents = sum(map(ends, lines)) > len(lines) / 2
            if lines and ends(lines[-1]) and not contents:
                left.append((name, number, lines[-1]))
    assert left == [], "\n".join(map(str, left))


def test_no_table_row_splits_across_pages(rendered):
    split = [(name, n) for name, (path, _) in rendered.items() if not working_copy(name)
             for n, tr in enumerate(docx.Document(str(path)).element.body.iter(qn("w:tr")))
             if tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None]
    assert split == []


@pytest.fixture(scope="module")
def final_pdf(demo):
    return demo / "outbox" / f"{FINAL}.pdf"


def test_the_published_pdf_has_a_table_of_contents_with_the_page_of_every_heading(demo, final_pdf):
    pages = page_texts(final_pdf)
    title = translate(REPORT_LABELS["contents"], "es")
    first = next(n for n, text in enumerate(pages) if title in text.splitlines()[:6])
    entries = [TOC_LINE.match(line.strip()) for text in pages[first:first + 2] for line in text.splitlines()]
    toc = {e["heading"].strip(): int(e["page"]) for e in entries if e}
    document = docx.Document(str(demo / "outbox" / f"{FINAL}.docx"))
    headings = [p.text.strip() for p in document.paragraphs if re.fullmatch(r"Heading [123]", p.style.name) and p.text.strip()]
    assert len(headings) > 30 and set(headings) <= set(toc)
    flat = [re.sub(r"\s+", " ", text) for text in pages]
    assert all(heading in flat[toc[heading] - 1] for heading in headings)  # each heading is on the page the contents say
    # the .docx carries the same numbers in its own contents (a tab, then the page), for readers who do not refresh it
    numbered = [p.text for p in document.paragraphs if p.style.name.startswith("TOC")]
    assert numbered and all(re.search(r"\t\d+$", text) for text in numbered)
    assert [int(text.rsplit("\t", 1)[1]) for text in numbered] == [toc[text.rsplit("\t", 1)[0].strip()] for text in numbered]


def test_the_published_pdf_is_tagged_and_archivable(demo, final_pdf):
    reader = PdfReader(final_pdf)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged: structure and reading order
    assert root["/Lang"] == "es-ES"
    core = docx.Document(str(demo / "outbox" / f"{FINAL}.docx")).core_properties
    assert reader.metadata.title == core.title and core.title
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp) and re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", xmp)

    def figures(node, found):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                figures(child, found)
        elif hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                figures(node["/K"], found)
        return found

    alts = figures(root["/StructTreeRoot"], [])
    assert len(alts) >= 7 and all(alt.strip() for alt in alts)  # the charts, each with its alternative text


def test_identical_recommendations_of_several_notes_are_listed_once_with_all_their_sources(demo):
    document = docx.Document(str(demo / "outbox" / f"{FINAL}.docx"))
    header = [translate(REPORT_LABELS[k], "es") for k in ("recommendation", "priority")]
    [table] = [t for t in document.tables if [c.text for c in t.rows[0].cells][1:3] == header]  # section 7's
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    texts = [r[1] for r in rows]
    assert len(texts) == len(set(texts)) == 3  # the demo's experts made three recommendations twice each
    assert all(len(r[3].split("\n")) >= 4 for r in rows)  # institutions, two elements, two references
