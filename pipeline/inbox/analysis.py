"""What a received file is and says: run in an isolated child process (see ``isolation``).

Everything that reads the untrusted bytes happens here: the safety inspection, the document's identity (the
hidden sheet of a workbook, the custom properties of a Word file), then the reading of the kind it says it
is. The result is a plain value sent back to the parent, which decides the file's fate against the ledger.
The ledger is opened read-only here.

A workbook is opened once (``workbooks/book.py``: python-calamine for the values, its own XML parts for the
names and properties), whether saved as .xlsx or, from LibreOffice, as .ods; a kind that does not read .ods
(the request form) gets today's sentence asking for .xlsx.
"""
from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from pipeline.analysis.validation import answer_model
from pipeline.documents.properties import read_custom_properties
from pipeline.domain.framework import Framework
from pipeline.frameworks.expressions import parse
from pipeline.i18n import messages as m
from pipeline.inbox.kinds.base import Analysis, DocumentKind, identifies, too_long
from pipeline.ledger.database import Ledger
from pipeline.workbooks.response import open_workbook, read_identity
from pipeline.workbooks.safety import Format, inspect

WORD = (Format.DOCX, Format.DOCM, Format.ODT)
SPREADSHEETS = (Format.XLSX, Format.ODS)  # opened with the same reader
# Pinned frameworks never change (a pin is never replaced), so each is read from the ledger once per process: in the
# parent, by warm_up, before the children that read the files are forked. Checked against its structure hash.
_PINNED: dict[tuple[str, str, str], Framework] = {}


class _ReadingLedger(Ledger):
    """The ledger, read-only, as a kind reads it in the child: pinned frameworks come from ``_PINNED``."""

    def framework(self, framework_id: str, version: str) -> Framework | None:
        key = (str(self.path), framework_id, version)
        cached = _PINNED.get(key)
        if cached is not None and cached.structure_hash == self.framework_hash(framework_id, version):
            return cached
        found = super().framework(framework_id, version)
        if found is not None:
            _PINNED[key] = found
        return found


def warm_up(ledger_path: Path) -> None:
    """Prepares, in the process that forks the readers, the answer models and rules of the pinned frameworks,
    so that each child inherits them instead of redoing them for every file."""
    if not ledger_path.exists():
        return
    ledger = Ledger(ledger_path, read_only=True)
    try:
        frameworks = ledger.frameworks()
    finally:
        ledger.close()
    for framework in frameworks:
        _PINNED[(str(ledger_path), framework.id, framework.version)] = framework
        answer_model(framework)
        for question in framework.questions:
            for rule in (question.relevant, question.constraint):
                if rule:
                    try:
                        parse(rule)
                    except ValueError:
                        pass


def analyse(path: Path, ledger_path: Path, kinds: Sequence[DocumentKind]) -> Analysis:
    """Reads the file at ``path`` as far as it is safe and ours, as the kind of ``kinds`` its identity names;
    a text too long for a cell is one more problem of the document (see ``kinds.base.too_long``)."""
    with warnings.catch_warnings():  # openpyxl's remarks on what LibreOffice writes are not the user's concern
        warnings.simplefilter("ignore")
        return _analyse(path, ledger_path, kinds)


def _analyse(path: Path, ledger_path: Path, kinds: Sequence[DocumentKind]) -> Analysis:
    inspection = inspect(path)
    if inspection.refusal is not None:
        return Analysis(inspection.format.value, refusal=inspection.refusal.message, params=dict(inspection.detail))
    fmt = inspection.format
    if fmt in (Format.DOCM, Format.ODT):
        return Analysis(fmt.value, refusal=m.INBOX_WORD_DOCUMENT)
    if fmt not in (*SPREADSHEETS, Format.DOCX):
        return Analysis(fmt.value, refusal=m.INBOX_NOT_A_WORKBOOK, params={"kind": fmt.value})
    workbook = open_workbook(path) if fmt in SPREADSHEETS else None
    identity = read_identity(workbook) if workbook is not None else read_custom_properties(path)
    kind = next((k for k in kinds if identifies(k, fmt, identity)), None)
    if kind is None:
        if fmt is Format.ODS and identity.get("kind"):  # one of ours that is read from .xlsx only
            return Analysis(fmt.value, None, identity, refusal=m.INBOX_ODS)
        return Analysis(fmt.value, None, identity, refusal=m.INBOX_WORD_DOCUMENT if fmt in WORD else m.INBOX_NOT_OURS)
    ledger = _ReadingLedger(ledger_path, read_only=True)
    try:
        return too_long(replace(kind.analyse(path, ledger, identity, workbook), format=fmt.value))
    finally:
        ledger.close()
