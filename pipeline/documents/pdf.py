"""The PDF of a Word document, made by LibreOffice: what the OAS publishes and archives.

LibreOffice does not refresh a table of contents when it converts a .docx (``--convert-to`` prints the entries
as the file holds them, without page numbers), so the export goes through UNO: ``pipeline/data/office_pdf.py``,
run by the system python (the one with LibreOffice's Python bridge, python3-uno), loads the document, updates
its indexes (``DocumentIndexes`` → ``update()``) and stores a tagged PDF/A-2b: structure and reading order,
the images' alternative texts, the document's title and language (``/Lang``), fonts embedded, the headings as
the outline. The page numbers LibreOffice gave the table of contents are then written into the .docx's own
table too, so the Word file shows the same numbers (Word renumbers it on opening anyway: ``w:updateFields``).

Without the Python bridge the PDF is still made, tagged and PDF/A, by ``soffice --convert-to`` with the same
options, and the result says its table of contents has no page numbers.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.documents.panel_text import visible_text
from pipeline.i18n import messages as m
from pipeline.ledger.files import atomic_write, replace_with

EXPORTER = Path(__file__).resolve().parents[1] / "data" / "office_pdf.py"
SYSTEM_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")
TIMEOUT = 300
# The same options as the exporter's, for soffice --convert-to (LibreOffice 7.4 reads them as JSON).
CONVERT_OPTIONS = {"UseTaggedPDF": {"type": "boolean", "value": "true"}, "SelectPdfVersion": {"type": "long", "value": "2"},
                   "ExportBookmarks": {"type": "boolean", "value": "true"}}
TOC_STYLES = ("TOC 1", "TOC 2", "TOC 3")


@dataclass(frozen=True)
class PdfResult:
    """``pdf`` None: none was made, ``problem`` says why; a ``problem`` beside a PDF says what it lacks."""

    pdf: Path | None
    problem: str | None
    contents: tuple[tuple[int, str, str], ...] = ()  # (level, heading, page) of its table of contents


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=None)
def uno_python() -> str | None:
    """A python that can import LibreOffice's bridge (uno); None when the machine has none."""
    for candidate in SYSTEM_PYTHONS:
        if Path(candidate).exists():
            try:
                if subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                    return candidate
            except (OSError, subprocess.TimeoutExpired):
                continue
    return None


def export_pdf(source: Path, target: Path | None = None) -> PdfResult:
    """Exports ``source`` (.docx) to ``target`` (default: beside it, .pdf) with its indexes updated, then writes the
    pages of its table of contents into ``source``. Nothing is written when the export fails."""
    target = target or source.with_suffix(".pdf")
    soffice = office()
    if soffice is None:
        return PdfResult(None, m.REPORT_NO_LIBREOFFICE)
    python = uno_python()
    with tempfile.TemporaryDirectory(prefix="mecigep-pdf-") as folder:
        made = Path(folder) / (source.stem + ".pdf")
        if python is None:
            return _convert(soffice, source, made, target, Path(folder))
        job = Path(folder) / "job.json"
        job.write_text(json.dumps({"documents": [{"source": str(source.resolve()), "target": str(made)}],
                                   "timeout": TIMEOUT - 20}), encoding="utf-8")
        try:
            done = subprocess.run([python, str(EXPORTER), str(job)], capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return PdfResult(None, m.REPORT_PDF_FAILED)
        if done.returncode != 0 or not made.exists():
            return PdfResult(None, m.REPORT_PDF_FAILED)
        contents = tuple((int(level), text, page) for level, text, page in json.loads(done.stdout)["documents"][0]["contents"])
        pdf = replace_with(made, target)
    if contents:
        number_contents(source, contents)
    return PdfResult(pdf, None, contents)


def _convert(soffice: str, source: Path, made: Path, target: Path, folder: Path) -> PdfResult:
    """The PDF by ``soffice --convert-to``: tagged PDF/A, its table of contents as the .docx holds it."""
    filter_ = "pdf:writer_pdf_Export:" + json.dumps(CONVERT_OPTIONS)
    try:
        done = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to",
                               filter_, "--outdir", str(made.parent), str(source)], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return PdfResult(None, m.REPORT_PDF_FAILED)
    if done.returncode != 0 or not made.exists():
        return PdfResult(None, m.REPORT_PDF_FAILED)
    return PdfResult(replace_with(made, target), m.REPORT_PDF_NO_PAGES)


def number_contents(source: Path, contents: tuple[tuple[int, str, str], ...]) -> None:
    """Writes each page LibreOffice gave a heading after its entry in the .docx's table of contents (a tab, then the
    number: the TOC styles right-align it with dots); entries are matched in order, by their text."""
    document = docx.Document(str(source))
    styles = {s.style_id for s in document.styles if s.name in TOC_STYLES}
    pages = list(contents)
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) not in styles or not pages:
            continue
        text = visible_text(p).strip()
        found = next((n for n, (_, heading, _) in enumerate(pages) if heading.strip() == text), None)
        if found is None or "\t" in visible_text(p):
            continue
        page = pages[found][2]
        del pages[:found + 1]
        _append_page(p, page)
    atomic_write(source, lambda path: document.save(str(path)))


def _append_page(p: Any, page: str) -> None:
    runs = p.findall(qn("w:r"))
    end = next((r for r in runs if r.find(qn("w:fldChar")) is not None), None)  # the contents field's end stays last
    for child in (OxmlElement("w:tab"), None):
        run = OxmlElement("w:r")
        if child is None:
            child = OxmlElement("w:t")
            child.text = page
        run.append(child)
        (end.addprevious(run) if end is not None else p.append(run))
