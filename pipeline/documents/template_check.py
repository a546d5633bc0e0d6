"""Checks a Word template (``templates_docx/*.docx``) before the pipeline renders it.

DGPE staff restyle the templates in Word without touching code, and Word can spoil Jinja tags on the
way. ``check_template`` lists what would fail or surprise, each problem located by part
(``word/document.xml``, ``word/header1.xml``…, as ``Location.sheet``), paragraph number (every ``w:p``
of the part, those in tables included, counted from 1 in reading order, as ``Location.row``) and the
nearest heading above (the ``heading`` parameter):

* a tag whose characters Word stored in more than one run (piece of text with its own formatting);
* curly quotes in a tag (a warning: docxtpl straightens every one, which mends ``labels[“x”]`` but breaks
  ``'it’s'`` — a break the syntax check then reports);
* template code Jinja cannot parse, read paragraph by paragraph as docxtpl reads it;
* a variable the document's context does not provide (``context_keys``);
* a table of contents Word will not refresh on opening, for want of ``w:updateFields`` (a warning).

``known_contexts`` reads the code for the variables each template gets: a top-level function of
``pipeline/documents/*.py`` whose docstring starts "The variables ``NAME.docx`` is rendered with" and
that returns a dict literal provides that dict's keys to ``NAME.docx``.
"""
from __future__ import annotations

import ast
import bisect
import itertools
import re
import zipfile
from pathlib import Path
from typing import Iterator

from lxml import etree  # type: ignore[import-untyped]

from pipeline.documents.render import environment, template_variables
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.i18n.messages.templates import (
    TEMPLATE_CURLY_QUOTES,
    TEMPLATE_NOT_DOCX,
    TEMPLATE_SPLIT_TAG,
    TEMPLATE_SYNTAX,
    TEMPLATE_SYNTAX_SOMEWHERE,
    TEMPLATE_TOC_NOT_UPDATED,
    TEMPLATE_UNCLOSED_TAG,
    TEMPLATE_UNKNOWN_VARIABLE,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")  # what docxtpl renders
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_OPENING = re.compile(r"\{[{%#]")
_CURLY = re.compile("[“”‘’]")
_STRAIGHT = str.maketrans("“”‘’", "\"\"''")
_LITERAL = re.compile(r"\"[^\"]*\"|'[^']*'")
_PREFIX = re.compile(r"(\{[{%#])(?:tr|tc|p|r) ")  # docxtpl's {%p …%}, {%tr …%}, {{r …}}…
_CELL = re.compile(r"\{%\s*(?:colspan|cellbg)\s+([^%]*)%\}")  # docxtpl's own tags
_MERGE = re.compile(r"\{%\s*[vh]m\s*%\}")
_TOC = re.compile(r"\s*TOC\b")
_CONTEXT_DOC = re.compile(r"The variables ``([\w.-]+\.docx)`` is rendered with")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_NONE = "—"


def check_template(path: Path, context_keys: set[str] | None = None) -> list[Problem]:
    """Every problem of the template at ``path``; with ``context_keys``, also each variable it uses outside them."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted((n for n in archive.namelist() if _PARTS.fullmatch(n)), key=lambda n: (n != "word/document.xml", n))
            parts = {part: _read(archive, part) for part in names}
            headings, updates = _heading_styles(archive), _updates_fields(archive)
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        parts = {}
    if "word/document.xml" not in parts:
        return [Problem(TEMPLATE_NOT_DOCX, {}, Location(file=name))]
    problems: list[Problem] = []
    tags: list[tuple[str, Location, str]] = []
    syntax = False
    for part, root in parts.items():
        paragraphs = list(_paragraphs(root, headings))
        for number, runs, instruction, heading in paragraphs:
            where = Location(file=name, sheet=part, row=number)
            problems += _tag_problems(runs, where, heading, tags)
            if _TOC.match(instruction) and not updates:
                problems.append(Problem(TEMPLATE_TOC_NOT_UPDATED, {"heading": heading}, where, Severity.WARNING))
        error = _syntax_error("\n".join(_as_docxtpl_reads("".join(runs)) for _, runs, _, _ in paragraphs))
        if error:  # at the paragraph Jinja stopped at (its line: paragraphs are joined by line breaks)
            syntax, (number, runs, _, heading) = True, paragraphs[min(max(error[0], 1), len(paragraphs)) - 1]
            text = "".join(runs).strip()
            problems.append(Problem(TEMPLATE_SYNTAX, {"text": f"“{text[:60]}{'…' * (len(text) > 60)}”", "heading": heading,
                                                      "error": error[1]}, Location(file=name, sheet=part, row=number)))
    if not syntax:
        problems += _variable_problems(path, context_keys, tags)
    return problems


def known_contexts() -> dict[str, set[str]]:
    """For each template the code renders (by file name), the context keys its context function returns."""
    found: dict[str, set[str]] = {}
    for module in sorted(Path(__file__).parent.glob("*.py")):
        functions = {f.name: f for f in ast.parse(module.read_text(encoding="utf-8")).body if isinstance(f, ast.FunctionDef)}
        for function in functions.values():
            named = _CONTEXT_DOC.match(ast.get_docstring(function) or "")
            if named and (keys := _returned_keys(function, functions)):
                found[named.group(1)] = keys
    return found


def _returned_keys(function: ast.FunctionDef, functions: dict[str, ast.FunctionDef]) -> set[str] | None:
    """The keys of the dict literals ``function`` itself returns, with those of ``**helper(…)`` spread in them
    (``helper`` a function of the same module); None when some key cannot be read from the code."""
    nested = {id(node) for inner in ast.walk(function) if inner is not function
              and isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for node in ast.walk(inner)}
    keys: set[str] = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Return) or id(node) in nested:
            continue
        if not isinstance(node.value, ast.Dict):
            return None
        for key, value in zip(node.value.keys, node.value.values):
            helper = value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else ""
            spread = _returned_keys(functions[helper], functions) if key is None and helper in functions \
                and helper != function.name else None
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                keys.add(key.value)
            elif spread is None:
                return None
            else:
                keys |= spread
    return keys


def _read(archive: zipfile.ZipFile, part: str) -> etree._Element:
    """The XML of ``part``, an empty element when the template has no such part."""
    return etree.fromstring(archive.read(part), _PARSER) if part in archive.namelist() else etree.Element("none")


def _heading_styles(archive: zipfile.ZipFile) -> set[str]:
    """The ids of the paragraph styles that are headings (or the title) in the template."""
    found = set()
    for style in _read(archive, "word/styles.xml").iter(_W + "style"):
        label = style.find(_W + "name")
        text = (label.get(_W + "val", "") if label is not None else "").lower()
        level = style.find(f"{_W}pPr/{_W}outlineLvl")
        if text.startswith("heading") or text == "title" or (level is not None and level.get(_W + "val", "9") < "9"):
            found.add(style.get(_W + "styleId", ""))
    return found


def _updates_fields(archive: zipfile.ZipFile) -> bool:
    """Whether the template asks Word to update its fields (the table of contents) on opening."""
    flag = _read(archive, "word/settings.xml").find(_W + "updateFields")
    return flag is not None and flag.get(_W + "val", "true").lower() not in ("false", "0", "off")


def _own(element: etree._Element, paragraph: etree._Element) -> bool:
    """Whether ``element`` belongs to ``paragraph`` itself, not to a paragraph nested in it (a text box)."""
    return next(element.iterancestors(_W + "p"), None) is paragraph


def _paragraphs(root: etree._Element, headings: set[str]) -> Iterator[tuple[int, list[str], str, str]]:
    """(number, text of each run, field instructions, nearest heading) for every paragraph of a part."""
    heading = _NONE
    for number, p in enumerate(root.iter(_W + "p"), 1):
        runs = ["".join(t.text or "" for t in r.iter(_W + "t") if _own(t, p)) for r in p.iter(_W + "r") if _own(r, p)]
        instruction = "".join(t.text or "" for t in p.iter(_W + "instrText") if _own(t, p))
        instruction += "".join(f.get(_W + "instr", "") for f in p.iter(_W + "fldSimple") if _own(f, p))
        style = p.find(f"{_W}pPr/{_W}pStyle")
        outline = p.find(f"{_W}pPr/{_W}outlineLvl")
        if ((style is not None and style.get(_W + "val") in headings)
                or (outline is not None and outline.get(_W + "val", "9") < "9")) and "".join(runs).strip():
            heading = "".join(runs).strip()
        yield number, runs, instruction, heading


def _tag_problems(runs: list[str], where: Location, heading: str, tags: list[tuple[str, Location, str]]) -> list[Problem]:
    """Split tags, tags left open and tags with curly quotes in one paragraph; records its tags in ``tags``."""
    text, ends = "".join(runs), list(itertools.accumulate(len(run) for run in runs))
    found, previous = [], 0
    for match in itertools.chain(_TAG.finditer(text), [None]):
        gap = text[previous:match.start() if match else len(text)]
        if opening := _OPENING.search(gap):
            found.append(Problem(TEMPLATE_UNCLOSED_TAG, {"tag": gap[opening.start():][:30], "heading": heading}, where))
        if match is None:
            break
        tag, previous = match.group(), match.end()
        tags.append((tag, where, heading))
        if bisect.bisect_right(ends, match.start()) != bisect.bisect_right(ends, match.end() - 1):
            found.append(Problem(TEMPLATE_SPLIT_TAG, {"tag": tag, "heading": heading}, where))
        if tag[1] != "#" and _CURLY.search(tag):
            found.append(Problem(TEMPLATE_CURLY_QUOTES, {"tag": tag, "heading": heading}, where, Severity.WARNING))
    return found


def _as_docxtpl_reads(text: str) -> str:
    """A paragraph's text as Jinja gets it from docxtpl: its own tags rewritten, quotes in tags straightened."""
    text = _MERGE.sub("", _CELL.sub(r"{{ \1 }}", _PREFIX.sub(r"\1 ", text.replace("\r", " ").replace("\n", " "))))
    return _TAG.sub(lambda m: m.group() if m.group()[1] == "#" else m.group().translate(_STRAIGHT), text)


def _syntax_error(source: str) -> tuple[int, str] | None:
    """(line, Jinja's message) of the first syntax error in ``source``, or None when it parses."""

    try:
        environment().parse(source)
    except Exception as error:  # jinja2.TemplateSyntaxError: render.py is the one module importing jinja2
        if not hasattr(error, "lineno"):
            raise
        return int(error.lineno or 1), str(getattr(error, "message", None) or error)
    return None


def _variable_problems(path: Path, context_keys: set[str] | None, tags: list[tuple[str, Location, str]]) -> list[Problem]:
    """Each variable the template uses outside ``context_keys``, where it is first used; also a syntax
    error only docxtpl's own reading of the whole document finds."""

    try:
        used = template_variables(path)
    except Exception as error:  # as in _syntax_error
        if not hasattr(error, "lineno"):
            raise
        return [Problem(TEMPLATE_SYNTAX_SOMEWHERE, {"error": str(getattr(error, "message", None) or error)},
                        Location(file=path.name))]
    if context_keys is None:
        return []
    problems = []
    for missing in sorted(used - context_keys):
        uses = re.compile(rf"(?<![\w.]){re.escape(missing)}(?!\w)")
        tag, where, heading = next(((t, w, h) for t, w, h in tags if uses.search(_LITERAL.sub("", t))),
                                   (_NONE, Location(file=path.name), _NONE))
        problems.append(Problem(TEMPLATE_UNKNOWN_VARIABLE, {"tag": tag, "heading": heading, "name": missing,
                                                            "known": sorted(context_keys)}, where))
    return problems
