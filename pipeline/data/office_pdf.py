"""Exports Word documents to PDF with LibreOffice, their indexes updated first. Run by the SYSTEM python (the one
with LibreOffice's Python-UNO bridge; the pipeline's own environment has none):

    /usr/bin/python3 office_pdf.py JOB.json

JOB.json = {"documents": [{"source": ".docx", "target": ".pdf"}, ...], "timeout": seconds}. A private soffice with a
fresh profile loads each document hidden, updates every index (the table of contents gets its page numbers,
``DocumentIndexes`` → ``update()``) and the fields, and stores a tagged PDF/A-2b (``UseTaggedPDF``, ``SelectPdfVersion``
2: structure, reading order, alternative texts of images and the document's language and title kept for screen
readers; fonts embedded for archiving), with the headings as the PDF's outline. Exit 0 with one JSON line on stdout:
{"documents": [{"target", "contents": [[level, text, page], ...]}]}, the entries of each table of contents as
LibreOffice paginated them; otherwise 1 (3 on timeout, 2 on bad usage) with the reason on stderr. soffice and its
profile are always removed (``office.py``, beside it). This file imports nothing of the pipeline: it runs outside it.
"""
import json
import os
import shutil
import sys
import tempfile
import threading
import time

import uno
from office import STARTED, Office, kill_group, props

# writer_pdf_Export's options: tagged (accessible) PDF/A-2b, the outline from the headings, links kept as links.
PDF_OPTIONS = {"UseTaggedPDF": True, "SelectPdfVersion": 2, "ExportBookmarks": True, "ExportNotes": False,
               "ExportFormFields": False, "ConvertOOoTargetToPDFTarget": True, "ExportLinksRelativeFsys": False,
               "UseLosslessCompression": False, "Quality": 90, "ReduceImageResolution": False, "InitialView": 1}


def contents(doc):
    """[level, text, page] of every entry of the document's tables of contents, once updated."""
    found, indexes = [], doc.DocumentIndexes
    for n in range(indexes.getCount()):
        index = indexes.getByIndex(n)
        if not index.supportsService("com.sun.star.text.ContentIndex"):
            continue
        enum = index.getAnchor().createEnumeration()
        while enum.hasMoreElements():
            para = enum.nextElement()
            style = getattr(para, "ParaStyleName", "") or ""
            text = para.getString()
            if not style.startswith("Contents") or "\t" not in text:
                continue
            title, _, page = text.rpartition("\t")
            level = int(style.rsplit(" ", 1)[-1]) if style.rsplit(" ", 1)[-1].isdigit() else 1
            found.append([level, title, page])
    return found


def export(desktop, source, target):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, props(Hidden=True))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {source}")
    try:
        doc.getTextFields().refresh()
        indexes = doc.DocumentIndexes
        for _ in range(2):  # the second pass: the contents' own length may move the pages it lists
            for n in range(indexes.getCount()):
                indexes.getByIndex(n).update()
        doc.refresh()
        options = uno.Any("[]com.sun.star.beans.PropertyValue", props(**PDF_OPTIONS))
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.abspath(target)),
                                       props(FilterName="writer_pdf_Export", FilterData=options, Overwrite=True)))
        return {"target": target, "contents": contents(doc)}
    finally:
        try:
            doc.close(True)
        except Exception:
            doc.dispose()


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        job = json.load(f)
    root, timeout, timed_out = tempfile.mkdtemp(prefix="mecigep_pdf_"), float(job.get("timeout", 240)), threading.Event()

    def give_up():
        timed_out.set()
        print(f"office_pdf: timed out after {timeout:.0f} s", file=sys.stderr)
        for proc in STARTED:
            kill_group(proc)
        time.sleep(5)
        shutil.rmtree(root, ignore_errors=True)
        os._exit(3)

    watchdog = threading.Timer(timeout, give_up)
    watchdog.daemon = True
    watchdog.start()
    office = None
    try:
        office = Office(root, "mecigep_pdf")
        office.connect()
        done = [export(office.desktop, d["source"], d["target"]) for d in job["documents"]]
    except Exception as e:
        print(f"office_pdf: {type(e).__name__}: {e}", file=sys.stderr)
        return 3 if timed_out.is_set() else 1
    finally:
        watchdog.cancel()
        if office is not None:
            office.kill()
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({"documents": done}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
