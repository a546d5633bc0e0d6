"""What the framework compiler knows while it reads the sheets, and the helpers every sheet's rules share.

``CompileContext`` holds the rows read, the problems found so far and what earlier sheets taught
(languages, names, lists, elements); its helpers locate a cell, report a problem there, read a row's
translated texts and check its name and labels. Questions and repeats are kept as drafts until every name
is known, so that an expression can name a question further down and a name may repeat in another group.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.domain.framework import Choice, Labels
from pipeline.domain.problems import Location, Problem, Severity
from pipeline.frameworks.language import language_of
from pipeline.frameworks.rows import Row, Sheet, XLSFormSheets
from pipeline.i18n.messages.frameworks import (
    FW_BAD_NAME,
    FW_DUPLICATE_COLUMN,
    FW_DUPLICATE_NAME,
    FW_DUPLICATE_NAME_IN_GROUP,
    FW_MISSING_COLUMN,
    FW_MISSING_TRANSLATION,
    FW_NO_LABEL,
    FW_NO_NAME,
    FW_UNKNOWN_LANGUAGE,
)

__all__ = ["NAME", "CompileContext", "DimensionDraft", "OpenGroup", "QuestionDraft", "RepeatDraft", "language_of"]

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
TRANSLATED = ("label", "hint", "constraint_message", "required_message", "interview_prompt", "form_title", "unit")


@dataclass
class QuestionDraft:
    """A question while the sheets are read: its name as written, the id it will have (the name, or
    ``group.name`` when the name repeats in another group), the groups around it, and its expressions as
    written (``relevant`` holds its groups' conditions too, each with the groups it was written in)."""

    name: str
    row: int
    path: tuple[str, ...]
    fields: dict[str, object]
    expressions: dict[str, str] = field(default_factory=dict)
    relevant: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # (text, path, row)
    repeat: RepeatDraft | None = None
    key: str = ""


@dataclass
class RepeatDraft:
    name: str
    row: int
    path: tuple[str, ...]
    label: Labels
    hint: Labels
    count: str | None
    relevant: list[tuple[str, tuple[str, ...], int]]
    position: int
    questions: list[QuestionDraft] = field(default_factory=list)
    key: str = ""


@dataclass
class DimensionDraft:
    """A dimension (a top-level group) while its questions are read."""

    name: str
    label: Labels
    hint: Labels
    row: int
    questions: list[QuestionDraft] = field(default_factory=list)
    repeats: list[RepeatDraft] = field(default_factory=list)


@dataclass
class OpenGroup:
    """A group or repeat begun and not yet ended: its names so far, and the dimension its questions go to."""

    name: str
    row: int
    relevant: str | None
    dimension: DimensionDraft
    repeat: RepeatDraft | None = None
    names: dict[str, int] = field(default_factory=dict)
    type: str = "begin_group"


class CompileContext:
    """The state of one compilation; the settings fill ``form_id`` … ``languages`` before any other sheet is read."""

    form_id: str
    version: str
    title: Labels
    topic: str | None
    note: str
    default: str  # the default language
    languages: list[str]  # the default language first

    def __init__(self, sheets: XLSFormSheets, file_name: str) -> None:
        self.sheets, self.file = sheets, file_name
        self.problems: list[Problem] = []
        self.columns: dict[str, dict[str, list[tuple[str, str]]]] = {}  # sheet -> prefix -> [(lang, key)]
        self.names: dict[str, int] = {}  # the names outside any group
        self.drafts: list[QuestionDraft | RepeatDraft] = []  # every question and repeat, in order
        self.lists: dict[str, dict[str, tuple[Choice, Row]]] = {}
        self.used: dict[str, None] = {}
        self.elements: dict[str, Labels] = {}
        self.unknown_elements: set[str] = set()
        self.dimensions: list[DimensionDraft] = []
        self.loose: DimensionDraft | None = None  # the dimension of the questions outside any group, named at the end
        self.loose_count = 0
        self.allow_duplicates = False
        self.placeholders: set[str] = set()  # names of rows kept out (metadata, refused): referring to them is no error
        self.given_form_id = False

    def at(self, sheet: Sheet | None, row: int | None = None, key: str | None = None, title: str = "") -> Location:
        column = (sheet.column(key) if sheet else key) if key else None
        return Location(file=self.file, sheet=sheet.title if sheet else title or None, row=row, column=column)

    def add(self, message: str, where: Location, severity: Severity = Severity.ERROR, **params: object) -> None:
        self.problems.append(Problem(message, dict(params), where, severity))

    def warn(self, message: str, where: Location, **params: object) -> None:
        self.add(message, where, Severity.WARNING, **params)

    def scan_columns(self, sheet: Sheet | None) -> None:
        if sheet is None:
            return
        for text in sheet.duplicates:  # on the settings sheet (form_id and id_string…) the first one is kept, as pyxform does
            severity = Severity.WARNING if sheet is self.sheets.settings else Severity.ERROR
            self.add(FW_DUPLICATE_COLUMN, Location(self.file, sheet.title, None, sheet.header_row, text), severity, column=text)
        found: dict[str, list[tuple[str, str]]] = {}
        for key, text in sheet.headers.items():
            prefix, _, suffix = key.partition("::")
            if prefix not in TRANSLATED or "::" in suffix:
                continue
            lang = language_of(suffix) if suffix else ""
            if lang is None:
                self.warn(FW_UNKNOWN_LANGUAGE, self.at(sheet, sheet.header_row, key), column=text)
            else:
                found.setdefault(prefix, []).append((lang, key))
        self.columns[sheet.title] = {p: sorted(cols, key=lambda c: c[0] == "") for p, cols in found.items()}

    def texts(self, sheet: Sheet, row: Row, prefix: str) -> Labels:
        out: Labels = {}
        for lang, key in self.columns.get(sheet.title, {}).get(prefix, []):
            if (text := row.get(key)) and (lang or self.default) not in out:
                out[lang or self.default] = text
        return out

    def require(self, sheet: Sheet, *keys: str) -> bool:
        missing = [k for k in keys if not any(sheet.has(a) for a in k.split("|"))]
        for key in missing:
            self.add(FW_MISSING_COLUMN, self.at(sheet, sheet.header_row), sheet=sheet.title, column=key.split("|")[0])
        return not missing

    def labelled(self, sheet: Sheet, row: Row, name: str, error: bool = True) -> Labels:
        """The row's labels; an error (or nothing) when it has none, a warning per missing language."""
        labels = self.texts(sheet, row, "label")
        if not labels:
            if error:
                self.add(FW_NO_LABEL, self.at(sheet, row.number, "label"), name=name)
            return labels
        if missing := [lang for lang in self.languages if lang not in labels]:
            key = next((k for lang, k in self.columns[sheet.title]["label"] if (lang or self.default) == missing[0]), "label")
            self.warn(FW_MISSING_TRANSLATION, self.at(sheet, row.number, key), name=name, languages=", ".join(missing))
        return labels

    def named(self, sheet: Sheet, row: Row, registry: dict[str, int], group: str | None = None) -> str | None:
        """The row's name once checked (valid, and not used before in ``registry``, the names of ``group``,
        None for outside any group); None, with the problem, when it is not."""
        name = row.get("name")
        if not name:
            self.add(FW_NO_NAME, self.at(sheet, row.number, "name"))
        elif not NAME.fullmatch(name):
            self.add(FW_BAD_NAME, self.at(sheet, row.number, "name"), name=name)
        elif name in registry and group:
            self.add(FW_DUPLICATE_NAME_IN_GROUP, self.at(sheet, row.number, "name"), name=name, first=registry[name], group=group)
        elif name in registry:
            self.add(FW_DUPLICATE_NAME, self.at(sheet, row.number, "name"), name=name, first=registry[name])
        else:
            registry[name] = row.number
            return name
        return None
