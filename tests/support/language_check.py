"""Reads every text a document shows, as its reader would, and finds what a native speaker would stop at.

``texts_of`` extracts the text of a Word document (body, tables, headers, footers, footnotes), a workbook (every
cell value and comment of every visible sheet) or an HTML page; ``problems`` lists, for one language, each
sentence from another language's catalogue, each internal code (question ids, choice codes), each "1" (and in French
and Portuguese "0") before a plural noun, each doubled word or parenthesis, each placeholder left unfilled, and (Spanish) each question without
its opening "¿". The word lists are in ``language_words.py``.
"""
from __future__ import annotations

import html
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from defusedxml import ElementTree

from pipeline.i18n.translation import LANGUAGES, LOCALE_DIR
from tests.support import language_words as words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# an id (pl_20, pl_e1) or a code (not_confirmed), but not a part of a file name, an address or a colon-joined name that
# staff type as a command's argument (copied_text:pcm:pl_30, the Check column of the Gaps sheet)
CODE = re.compile(r"(?<![\w/.@#:=-])(?:[a-z]{2,5}_(?:e)?\d{1,3}|[a-z]+(?:_[a-z0-9]+)+)(?![\w/@.-]*\.[a-z]{2,4}\b)(?![\w/@-])(?!:\w)")
URL_OR_MAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\S+\.(?:xlsx|docx|pdf|ods)\b")
DOUBLED_WORD = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)
DOUBLED_PARENTHESIS = re.compile(r"\)\s*\(|\(\s*\(|\)\s*\)")
PLACEHOLDER = re.compile(r"\{[\w.]*(?::\w+)?\}|%\(\w+\)|\{\{|\}\}|\{%")
# where a sentence ends: after . ! ? : ; before a capital or an opening mark ("p. ej. primera" goes on), or a line break
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-ZÁÉÍÓÚÑ¿¡“«\"(])|\n")


def texts_of(path: Path) -> list[str]:
    """Every piece of text ``path`` shows its reader, one string per paragraph, cell or comment."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix in (".html", ".htm"):
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text("utf-8"), flags=re.S | re.I)
        return [html.unescape(t).strip() for t in re.split(r"<[^>]+>", text) if t.strip()]
    return []


def _docx(path: Path) -> list[str]:
    found = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml", name):
                root = ElementTree.fromstring(package.read(name))
                for paragraph in root.iter(f"{W}p"):
                    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))  # deleted text (w:delText) is not shown
                    if text.strip():
                        found.append(text.strip())
    return found


def _xlsx(path: Path) -> list[str]:
    import openpyxl  # the tests' own reading; the product reads workbooks in pipeline/workbooks/

    found = []
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        found.append(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.strip() and not cell.value.startswith("="):
                    found.append(cell.value.strip())
                if cell.comment is not None:
                    found.append(cell.comment.text.strip())
    return found


@lru_cache(maxsize=None)
def sentences(lang: str) -> frozenset[str]:
    """The catalogue's sentences in ``lang`` long enough to be told apart (four words or more, no placeholder)."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "mecigep.po").open("rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if lang == "en":
            texts = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in texts:
            for part in re.split(r"\{[^}]*\}", text or ""):
                part = part.strip(" .,;:—–-")
                if len(part.split()) >= 4:
                    found.add(part)
    return frozenset(found)


def foreign(text: str, lang: str) -> list[str]:
    """The sentences of another language's catalogue that ``text`` contains (and ``lang``'s does not)."""
    own = sentences(lang)
    return [s for other in LANGUAGES if other != lang for s in sentences(other) if s not in own and s in text]


def problems(texts: list[str], lang: str, where: str = "") -> list[str]:
    """Every mistake found in ``texts`` read as ``lang``, each said with the text it is in."""
    found: list[str] = []
    plural_nouns = words.PLURAL_NOUNS[lang]
    for text in texts:
        plain = URL_OR_MAIL.sub(" ", text)
        say = lambda kind, detail: found.append(f"{where}: {kind}: {detail!r} in {text[:120]!r}")  # noqa: E731
        for sentence in foreign(text, lang):
            say("another language", sentence)
        for code in CODE.findall(plain):
            if code not in words.ALLOWED_CODES:
                say("internal code", code)
        for match in re.finditer(rf"(?<![\d.,])\b(?:{'|'.join(words.SINGULAR_NUMBERS[lang])})\s+([\w-]+)", plain):
            if match.group(1).lower() in plural_nouns:
                say("1 with a plural", match.group(0))
        for match in DOUBLED_WORD.finditer(plain):
            if match.group(1).lower() not in words.DOUBLED_ALLOWED:
                say("doubled word", match.group(0))
        if DOUBLED_PARENTHESIS.search(plain):
            say("doubled parenthesis", DOUBLED_PARENTHESIS.search(plain).group(0))
        if PLACEHOLDER.search(text):
            say("placeholder", PLACEHOLDER.search(text).group(0))
        if lang == "es":
            for question in (s for s in SENTENCE_END.split(plain) if "?" in s):
                for part in re.findall(r"[^?]*\?", question):  # each question of the sentence
                    if "¿" not in part and part.strip(" —–-\"“”«»()"):
                        say("question without ¿", part.strip())
    return found
