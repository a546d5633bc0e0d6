"""The names of the files the pipeline writes into ``outbox/``, in the round's language: ``consolidado.xlsx`` /
``consolidated.xlsx``, ``guias/guia-mef.docx`` / ``guides/guide-mef.docx``, ``…-borrador-v2.docx`` /
``…-draft-v2.docx``, ``acuse-mef-….docx`` / ``receipt-mef-….docx``…

A name is only ever made here, and the ledger records the name each file was given: what reads a file back takes
that record (or, for what comes back through the inbox, the document's own identity, never its name), so files
written under earlier names stay readable. The words are in the catalogue (``FILE_*`` in
``i18n/messages/workbooks.py``), as ASCII, lower case, words joined by '-'.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.domain.enums import AnswerKind
from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid, translate

ANSWER_WORDS = {AnswerKind.RECEIPT: m.FILE_RECEIPT, AnswerKind.FEEDBACK: m.FILE_FEEDBACK}


def word(message: Msgid, lang: str) -> str:
    """``message`` in ``lang`` as a part of a file name: ASCII, lower case, words joined by '-'."""
    text = translate(message, lang).removeprefix("file:")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or str(message).removeprefix("file:")


def consolidated(lang: str) -> str:
    return f"{word(m.FILE_CONSOLIDATED, lang)}.xlsx"


def guides_folder(lang: str) -> str:
    return word(m.FILE_GUIDES, lang)


def guide(institution: str, lang: str) -> str:
    return f"{word(m.FILE_GUIDE, lang)}-{institution}.docx"


def notes(round_id: str, slug: str, language: str, number: int, lang: str) -> str:
    """An expert's notes workbook (``language``: the workbook's own, ``lang``: the round's)."""
    return f"{round_id}-{word(m.FILE_NOTES, lang)}-{slug}-{language}-{number}.xlsx"


def draft(round_id: str, version: int | str, lang: str) -> str:
    return f"{round_id}-{word(m.FILE_DRAFT, lang)}-v{version}.docx"


def review(round_id: str, version: int | str, lang: str) -> str:
    return f"{round_id}-{word(m.FILE_REVIEW, lang)}-v{version}.xlsx"


def comparison(round_id: str, old: int, new: int, lang: str) -> str:
    """The comparison of two draft versions."""
    return f"{round_id}-{word(m.FILE_CHANGES, lang)}-v{old}-v{new}.docx"


def final_report(round_id: str, lang: str) -> str:
    return f"{round_id}-{word(m.FILE_FINAL_REPORT, lang)}.docx"


def followup(round_id: str, number: int, lang: str) -> str:
    return f"{round_id}-{word(m.FILE_FOLLOWUP, lang)}-{number}.xlsx"


def register(lang: str) -> str:
    return f"{word(m.FILE_REGISTER, lang)}.xlsx"


def seminar(year: int, lang: str) -> str:
    return f"{word(m.FILE_SEMINAR, lang)}-{year}.docx"


def answer(kind: AnswerKind, parts: tuple[str, ...], sha256: str, lang: str, about: Msgid | None = None) -> str:
    """The receipt or feedback answering a file (without its suffix): the word, what it answers (``about``: notes,
    a follow-up; None for a questionnaire), who sent it (``parts``) and the start of the file's SHA-256."""
    words = [word(ANSWER_WORDS[kind], lang)] + ([word(about, lang)] if about else [])
    return "-".join([*words, *parts, sha256[:12]])
