"""Renders a docxtpl template (``templates_docx/*.docx``) into a Word document.

The only module that imports docxtpl and jinja2. What it guarantees, whoever edits the template:

* Text people typed comes out exactly as typed: every printed value is escaped for XML
  (by the environment's ``finalize``, which every ``{{ … }}`` goes through), so ``&``, ``<`` and quotes stay text, and a value is data, never template
  code, so ``{{ 7*7 }}`` or ``{% if %}`` typed in a questionnaire is printed, not run.
* An edited template cannot run code: it is a Jinja sandbox (no ``__class__``,
  ``__mro__``… attribute access, no mutating the context), and a variable the
  context lacks fails loudly (StrictUndefined) instead of leaving a blank.
* Characters XML forbids (control characters other than tab and line feed, lone
  surrogates, U+FFFE/U+FFFF) are dropped; a line break in a value becomes a line
  break in the document.
* The target appears complete or not at all: the document is written under a
  temporary name in the target's folder, flushed to disk, then renamed over it.
"""
from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

from docxtpl import DocxTemplate, InlineImage, Listing, RichText  # type: ignore[import-untyped]
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel

from pipeline.ledger.files import atomic_write

# XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. CR is made a
# LF below; the rest of C0 (including \a and \f, which docxtpl would turn into a new paragraph
# or a page break) goes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in the rendered XML into "{{", "}}", "{%" and "%}";
# writing braces as character references keeps a typed "{_{" as it was.
_BRACES = {ord("{"): "&#123;", ord("}"): "&#125;"}


def clean_text(text: str) -> str:
    """``text`` without the characters XML cannot hold; CR LF and CR become LF."""
    if "\r" not in text and _NOT_XML.search(text) is None:  # nearly every text: nothing to change
        return text
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


_PLAIN = (int, float, bool, type(None))


def clean(value: Any) -> Any:
    """``value`` with every string in it cleaned (dicts, lists, tuples, pydantic models as dicts)."""
    return _clean(value, None)


def _clean(value: Any, pictures: list[Any] | None) -> Any:
    """``clean``, gathering the pictures met on the way into ``pictures`` (to give them the template)."""
    kind = type(value)  # the common kinds first, by exact type (a Markup is a str, and is kept Markup below)
    if kind is str:
        return clean_text(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {key: _clean(item, pictures) for key, item in value.items()}
    if kind is list:
        return [_clean(item, pictures) for item in value]
    if isinstance(value, Markup):
        return Markup(clean_text(str(value)))
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, BaseModel):
        return _clean(value.model_dump(), pictures)
    if isinstance(value, Mapping):
        return {key: _clean(item, pictures) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        cleaned = [_clean(item, pictures) for item in value]
        return tuple(cleaned) if isinstance(value, tuple) else cleaned
    if isinstance(value, (Listing, RichText)):
        cleaned = copy.copy(value)
        cleaned.xml = clean_text(value.xml)
        return cleaned
    if pictures is not None and isinstance(value, Picture):
        pictures.append(value)
    return value


def _printed(value: Any) -> str:
    """What a ``{{ … }}`` prints (Jinja's finalize): the value escaped for XML, or, for what is XML already
    (Markup, Listing, RichText, a picture), its XML. Escaping here rather than with Jinja's autoescape does the
    same with one pass instead of three (finalize, then escape building a Markup of a Markup) per printed value.

    Line breaks: a value is printed as a docxtpl ``Listing``, not a ``RichText``. Both are escaped
    text whose "\\n" docxtpl turns into ``<w:br/>`` inside the same run; a Listing keeps the run
    and paragraph of the template (its font, the bullet of a list item), whereas a RichText brings
    its own runs with only the formatting given in code. So a two-line warning stays one bullet
    in the template's style. Doing it here rather than in the context keeps the context's
    values plain strings, so ``{% if %}``, ``|length`` and filters behave as on any string.
    """
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    elif hasattr(value, "__html__"):  # Markup, Listing, RichText, a picture: already XML
        return str(value.__html__())
    else:
        text = str(value)
    # What Listing(value).xml is (xml.sax.saxutils.escape), braces as character references; str.replace is
    # many times faster than escape + str.translate over the thousands of values a report prints.
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    if "{" in text or "}" in text:
        text = text.replace("{", "&#123;").replace("}", "&#125;")
    return text


class Picture(InlineImage):  # type: ignore[misc]
    """An image for a template, with its alternative text (read aloud by screen readers) and title.

    ``render`` gives it the template being rendered before printing it."""

    def __init__(self, path: str, alt: str, title: str, width: Any) -> None:
        super().__init__(None, path, width=width)
        self.alt, self.title = clean_text(alt).replace("\n", " "), clean_text(title)

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(self.image_descriptor, self.width, self.height)
        for element in (inline.docPr, *inline.xpath(".//pic:cNvPr")):
            element.set("descr", self.alt)
            element.set("title", self.title)
        xml = inline.xml.translate(_BRACES)  # docxtpl rewrites "{_{" in output
        return f'</w:t></w:r><w:r><w:drawing>{xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, keeping what it compiled from a small source (a receipt's body, every header and footer): docxtpl
    compiles each part of the template again for each document, and a watcher writes a receipt for every file. A
    large part (a report's body, compiled once per report) is compiled each time, as docxtpl does."""

    CACHED_SOURCE = 256 * 1024  # characters
    CACHED_TEMPLATES = 64

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.compiled: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()  # a watcher's thread and the command's may render at once

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:  # noqa: A002
        if globals is not None or template_class is not None or not isinstance(source, str) or len(source) > self.CACHED_SOURCE:
            return super().from_string(source, globals, template_class)
        with self.lock:
            if source in self.compiled:
                self.compiled.move_to_end(source)
                return self.compiled[source]
        template = super().from_string(source)
        with self.lock:
            self.compiled[source] = template
            if len(self.compiled) > self.CACHED_TEMPLATES:
                self.compiled.popitem(last=False)
        return template


_ENVIRONMENT: list[_Environment] = []


def environment() -> ImmutableSandboxedEnvironment:
    """The Jinja environment templates run in: sandboxed, escaping every printed value, strict about missing names.
    One for the process (nothing renders into it but templates), so that what it compiled is compiled once."""
    if not _ENVIRONMENT:
        _ENVIRONMENT.append(_Environment(autoescape=False, undefined=StrictUndefined, finalize=_printed))
    return _ENVIRONMENT[0]


def render(template: Path, context: dict[str, Any], target: Path, finish: Callable[[Any], None] | None = None) -> Path:
    """Renders ``template`` with ``context`` into ``target`` atomically; returns ``target``.

    ``finish``, when given, receives the rendered python-docx Document before it is saved (document
    properties and the like), so the file is written once.

    Raises jinja2's ``SecurityError`` for a template that reaches for what the sandbox forbids and
    ``UndefinedError`` for one that names a variable the context lacks; ``target`` is then left as it was.
    """
    document = DocxTemplate(template)
    pictures: list[Picture] = []
    cleaned = _clean(context, pictures)
    for picture in pictures:
        picture.tpl = document
    document.render(cleaned, environment())  # escaped by finalize: docxtpl's autoescape would escape it again
    if finish is not None:
        finish(document.docx)
    return atomic_write(target, document.save)


def template_variables(template: Path) -> set[str]:
    """The top-level names ``template`` uses (body, headers and footers) that a context must provide."""
    return set(DocxTemplate(template).get_undeclared_template_variables(environment()))
