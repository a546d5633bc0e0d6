"""Compiles the sheets of an XLSForm workbook into a ``Framework``, collecting every problem.

Pure: it works on the rows ``workbooks.xlsform`` read. Top-level groups are the dimensions;
questions carry the MECIGEP columns ``element``, ``weight``, ``evidence`` and
``interview_prompt``. Problems name the sheet, row and column, and say what to do.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Location, Problem, Severity, UserError
from .expressions import Binary, Call, Current, Expr, ExpressionError, Negate, parse, references
from .frameworks import MATURITY_LEVELS, Choice, Dimension, Framework, Labels, Question, QuestionType
from .i18n import LANGUAGES, N_
from .workbooks.xlsform import Row, Sheet, XLSFormSheets, read_xlsform

FW_NO_SURVEY = N_("The workbook has no 'survey' sheet (its sheets are: {sheets}); add a 'survey' sheet with the columns type, name and label, as in the framework templates.")
FW_MISSING_COLUMN = N_("The '{sheet}' sheet has no '{column}' column; add it to the header row, as in the framework templates.")
FW_DUPLICATE_COLUMN = N_("The column '{column}' appears more than once on this sheet; keep one of them and delete the others.")
FW_UNKNOWN_LANGUAGE = N_("The column '{column}' is not in a working language of the mechanism, so it is ignored; name its language es, en, pt or fr, e.g. label::English (en).")
FW_CALCULATION = N_("The 'calculation' column has a value, but frameworks do not calculate in the questionnaire; compute it in the analysis and empty this cell.")
FW_CHOICE_FILTER = N_("Choice filters (cascading selects) are not supported; give each case its own question and list, shown with relevant, and empty this cell.")
FW_REPEAT_COUNT = N_("Repeats are not supported, so 'repeat_count' has no use; list the institutions' items as separate questions and empty this cell.")
FW_TRIGGER = N_("Triggers are not supported, as frameworks do not change answers in the questionnaire; empty this cell.")
FW_NO_TYPE = N_("The row has a name or a label but no type; write its type (e.g. select_one LIST, integer, text, begin_group) or delete the row.")
FW_UNKNOWN_TYPE = N_("'{type}' is not a type frameworks accept; use select_one LIST, select_multiple LIST, integer, decimal, text, date, note, begin_group or end_group.")
FW_SELECT_LIST = N_("The type '{type}' does not name exactly one list of choices; write select_one LIST or select_multiple LIST, LIST being a list_name of the 'choices' sheet.")
FW_OR_OTHER = N_("'or_other' ('{type}') is not supported; add an 'other' choice to the list and a text question shown when it is selected.")
FW_REPEAT = N_("Repeats ('{type}') are not supported; list the institutions' items as separate questions.")
FW_CALCULATE = N_("Calculated fields ('{type}') are not supported; compute it in the analysis, not in the questionnaire.")
FW_FROM_FILE = N_("Choices from an external file ('{type}') are not supported; put the choices on the 'choices' sheet and use select_one LIST or select_multiple LIST.")
FW_RANK = N_("Ranking ('{type}') is not supported; use select_multiple, or one select_one question per item.")
FW_RANGE = N_("Range questions ('{type}') are not supported; use integer or decimal with a constraint such as . >= 0 and . <= 10.")
FW_GEO = N_("Locations ('{type}') are not supported; ask for the place as text.")
FW_MEDIA = N_("Files, media and scans ('{type}') are not supported; ask for the document's title or link as text, and ask for evidence with the 'evidence' column.")
FW_TIME = N_("Times ('{type}') are not supported; use date.")
FW_ACKNOWLEDGE = N_("'{type}' is not supported; use select_one with a yes/no list of choices.")
FW_HIDDEN = N_("'{type}' fields hold no answer from the respondents and are not supported; delete the row.")
FW_METADATA = N_("The metadata field '{type}' is ignored, as frameworks do not record it; delete the row to silence this warning.")
FW_NO_NAME = N_("The row has no name; write one in the 'name' column, with letters, digits, '_', '-' or '.', starting with a letter or '_'.")
FW_BAD_NAME = N_("The name '{name}' is not valid; use only letters, digits, '_', '-' or '.', starting with a letter or '_' (no spaces or accents).")
FW_DUPLICATE_NAME = N_("The name '{name}' is already used on row {first}; give each one its own name.")
FW_NO_LABEL = N_("'{name}' has no label in any language; write its text in a label column.")
FW_GROUP_NO_LABEL = N_("The group '{name}' has no label, so its dimension is shown by its name; write its title in a label column.")
FW_MISSING_TRANSLATION = N_("'{name}' has no label in {languages}; add the translation in the label column of each of these languages.")
FW_END_WITHOUT_BEGIN = N_("This end_group closes no group; delete it or add the begin_group it belongs to.")
FW_GROUP_NOT_ENDED = N_("The group '{name}' is never closed; add an end_group row after its last question.")
FW_NESTED_GROUP = N_("The group '{name}' is inside the group '{parent}' and dimensions are not nested, so its questions count in '{parent}'; close '{parent}' before it if it should be a dimension of its own.")
FW_LOOSE_QUESTIONS = N_("{count} question(s) are outside any group, so they are put in a dimension named '{dimension}'; put them between begin_group and end_group rows to make them part of a dimension.")
FW_EMPTY_GROUP = N_("The group '{name}' has no questions, so it is left out; add questions to it or delete it.")
FW_NO_QUESTIONS = N_("The form has no questions; add them on the 'survey' sheet, grouped by dimension between begin_group and end_group rows.")
FW_BAD_REQUIRED = N_("'{value}' is not a valid 'required' value; write yes or no, or leave it blank for no.")
FW_BAD_WEIGHT = N_("'{value}' is not a valid weight; write a number of 0 or more, or leave it blank for 1.")
FW_BAD_EVIDENCE = N_("'{value}' is not a valid 'evidence' value; write yes, no, or the maturity level (0 to 4) from which evidence is asked.")
FW_EVIDENCE_LEVEL = N_("The question '{name}' asks for evidence from level {level} but is not answered on the 0–4 maturity scale; write yes or no in 'evidence'.")
FW_UNKNOWN_LIST = N_("The list '{list}' is not on the 'choices' sheet; add its choices there with list_name {list}, or correct the name in the type.")
FW_CHOICE_NO_LIST = N_("The choice has no list_name; write the name of the list it belongs to.")
FW_CHOICE_NO_NAME = N_("A choice of the list '{list}' has no name; write its code in the 'name' column.")
FW_CHOICE_BAD_NAME = N_("The choice name '{name}' contains spaces, which would split it into several answers; write '_' instead of each space.")
FW_DUPLICATE_CHOICE = N_("The choice '{name}' is already in the list '{list}' on row {first}; give each choice of a list its own name.")
FW_UNKNOWN_REFERENCE = N_("${{{name}}} refers to no question of the form; correct the name or add the question.")
FW_DOT_IN_RELEVANT = N_("'.' (this question's own answer) cannot decide whether the question is asked; refer to other questions with ${{name}}.")
FW_NO_FORM_ID = N_("The settings give no form_id, so the framework is called '{form_id}' after the file; write a form_id on the 'settings' sheet.")
FW_BAD_FORM_ID = N_("The form_id '{form_id}' is not valid; use only letters, digits, '_', '-' or '.', starting with a letter or '_'.")
FW_NO_VERSION = N_("The settings give no version, but frameworks are versioned; add a version (e.g. 2026.1) on the 'settings' sheet.")
FW_NO_TITLE = N_("The settings give no form_title, so the framework is titled '{form_id}'; write its title in form_title (one column per language).")
FW_BAD_DEFAULT_LANGUAGE = N_("The default_language '{value}' is not a working language of the mechanism; write es, en, pt or fr, e.g. Español (es).")
FW_DEFAULT_LANGUAGE_UNUSED = N_("The default language is {language} but no label column is in it, so {used} is used instead; add label columns in {language} or change default_language.")
FW_UNKNOWN_ELEMENT = N_("The element '{element}' is not on the 'elements' sheet; add it there with its label, or correct the name.")

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_TYPE = re.compile(r"(?P<kind>select[ _]one[ _]from[ _]file|select[ _]multiple[ _]from[ _]file|select[ _]one[ _]external"
                   r"|select[ _]one|select[ _]multiple|begin[ _]group|end[ _]group|begin[ _]repeat|end[ _]repeat|[\w:-]+)"
                   r"(?:\s+(?P<rest>.*))?", re.IGNORECASE)
METADATA = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit"}
REFUSED_TYPES = {
    "begin_repeat": FW_REPEAT, "end_repeat": FW_REPEAT, "calculate": FW_CALCULATE,
    **dict.fromkeys(("select_one_from_file", "select_multiple_from_file", "select_one_external"), FW_FROM_FILE),
    "rank": FW_RANK, "range": FW_RANGE, **dict.fromkeys(("geopoint", "geotrace", "geoshape", "start-geopoint"), FW_GEO),
    **dict.fromkeys(("image", "audio", "video", "file", "barcode", "background-audio"), FW_MEDIA),
    "time": FW_TIME, "datetime": FW_TIME, "acknowledge": FW_ACKNOWLEDGE,
    **dict.fromkeys(("hidden", "xml-external", "csv-external"), FW_HIDDEN),
}
REFUSED_COLUMNS = {"calculation": FW_CALCULATION, "choice_filter": FW_CHOICE_FILTER,
                   "repeat_count": FW_REPEAT_COUNT, "trigger": FW_TRIGGER}
TRANSLATED = ("label", "hint", "constraint_message", "interview_prompt", "form_title")
LANGUAGE_NAMES = {
    **{code: code for code in LANGUAGES}, "spanish": "es", "español": "es", "espanol": "es", "castellano": "es",
    "english": "en", "inglés": "en", "ingles": "en", "anglais": "en", "portuguese": "pt", "português": "pt",
    "portugues": "pt", "french": "fr", "français": "fr", "francais": "fr",
}
YES, NO = {"yes", "true", "true()", "1"}, {"no", "false", "false()", "0", ""}


def language_of(spec: str) -> str | None:
    """The working language a column suffix or setting names ('English (en)', 'en', 'Español'); None if none."""
    text = spec.strip().lower()
    if found := re.fullmatch(r".*\(\s*([^()]*?)\s*\)", text):
        code = re.split(r"[-_]", found.group(1))[0]
        return code if code in LANGUAGES else None
    return LANGUAGE_NAMES.get(text) or LANGUAGE_NAMES.get(re.split(r"[-_]", text)[0])


def _uses_dot(expr: Expr) -> bool:
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Current):
            return True
        stack += [node.operand] if isinstance(node, Negate) else [node.left, node.right] if isinstance(node, Binary) \
            else list(node.args) if isinstance(node, Call) else []
    return False


@dataclass(frozen=True)
class CompileResult:
    """The compiled framework (None when there are errors) and every error and warning found."""

    framework: Framework | None
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that keep the framework from compiling."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems worth telling that do not keep the framework from compiling."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


@dataclass
class _Dimension:
    name: str
    label: Labels
    hint: Labels
    row: int
    questions: list[Question] = field(default_factory=list)


@dataclass
class _Group:
    name: str
    row: int
    relevant: str | None
    dimension: _Dimension


class _Compiler:
    def __init__(self, sheets: XLSFormSheets, file_name: str) -> None:
        self.sheets, self.file = sheets, file_name
        self.problems: list[Problem] = []
        self.columns: dict[str, dict[str, list[tuple[str, str]]]] = {}  # sheet -> prefix -> [(lang, key)]
        self.names: dict[str, int] = {}
        self.questions: set[str] = set()
        self.lists: dict[str, dict[str, tuple[Choice, Row]]] = {}
        self.used: dict[str, None] = {}
        self.elements: dict[str, Labels] = {}
        self.unknown_elements: set[str] = set()
        self.dimensions: list[_Dimension] = []
        self.pending: list[tuple[Sheet, Row, str, str]] = []  # expressions to check once every name is known
        self.loose: _Dimension | None = None  # the dimension of the questions outside any group, named at the end
        self.loose_count = 0

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
        for text in sheet.duplicates:
            self.add(FW_DUPLICATE_COLUMN, Location(self.file, sheet.title, None, sheet.header_row, text), column=text)
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

    def named(self, sheet: Sheet, row: Row, registry: dict[str, int]) -> str | None:
        name = row.get("name")
        if not name:
            self.add(FW_NO_NAME, self.at(sheet, row.number, "name"))
        elif not NAME.fullmatch(name):
            self.add(FW_BAD_NAME, self.at(sheet, row.number, "name"), name=name)
        elif name in registry:
            self.add(FW_DUPLICATE_NAME, self.at(sheet, row.number, "name"), name=name, first=registry[name])
        else:
            registry[name] = row.number
            return name
        return None

    def settings(self) -> None:
        """The id, version, titles, topic and note of the first settings row, and the languages."""
        sheet = self.sheets.settings
        row = sheet.rows[0] if sheet and sheet.rows else Row(0, {})

        def where(key: str) -> Location:
            return self.at(sheet, row.number or None, key, "settings")

        self.choose_languages(row.get("default_language"), where("default_language"))
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(self.file).stem) or "framework"
        self.form_id = row.get("form_id") or ("_" + stem if not NAME.fullmatch(stem) else stem)
        if not row.get("form_id"):
            self.warn(FW_NO_FORM_ID, where("form_id"), form_id=self.form_id)
        elif not NAME.fullmatch(self.form_id):
            self.add(FW_BAD_FORM_ID, where("form_id"), form_id=self.form_id)
        self.version = row.get("version")
        if not self.version:
            self.add(FW_NO_VERSION, where("version"))
        self.title = self.texts(sheet, row, "form_title") if sheet else {}
        if not self.title:
            self.warn(FW_NO_TITLE, where("form_title"), form_id=self.form_id)
            self.title = {self.default: self.form_id}
        self.topic, self.note = row.get("topic") or None, row.get("status_note")

    def choose_languages(self, spec: str, where: Location) -> None:
        """The default language (the setting, else Spanish, else the first label language) and the others."""
        chosen = language_of(spec) if spec else None
        if spec and chosen is None:
            self.warn(FW_BAD_DEFAULT_LANGUAGE, where, value=spec)
        for sheet in (self.sheets.survey, self.sheets.choices, self.sheets.elements, self.sheets.settings):
            self.scan_columns(sheet)
        found = [lang for cols in self.columns.values() for lang, _ in cols.get("label", [])]
        explicit = list(dict.fromkeys(lang for lang in found if lang))
        fallback = "es" if "es" in explicit or not explicit else explicit[0]
        self.default = chosen or fallback
        if chosen and explicit and chosen not in explicit and "" not in found:
            self.default = fallback
            self.warn(FW_DEFAULT_LANGUAGE_UNUSED, where, language=chosen, used=fallback)
        self.languages = [self.default] + sorted(set(explicit) - {self.default})

    def read_elements(self) -> None:
        sheet = self.sheets.elements
        if sheet is None or not self.require(sheet, "name"):
            return
        registry: dict[str, int] = {}
        for row in sheet.rows:
            if name := self.named(sheet, row, registry):
                self.elements[name] = self.labelled(sheet, row, name)

    def read_choices(self) -> None:
        sheet = self.sheets.choices
        if sheet is None or not self.require(sheet, "list_name|list name", "name"):
            return
        for row in sheet.rows:
            listed, name = row.get("list_name") or row.get("list name"), row.get("name")
            if not listed:
                if name or self.texts(sheet, row, "label"):
                    self.add(FW_CHOICE_NO_LIST, self.at(sheet, row.number, "list_name"))
                continue
            entries = self.lists.setdefault(listed, {})
            if not name:
                self.add(FW_CHOICE_NO_NAME, self.at(sheet, row.number, "name"), list=listed)
            elif any(c.isspace() for c in name):
                self.add(FW_CHOICE_BAD_NAME, self.at(sheet, row.number, "name"), name=name)
            elif name in entries:
                self.add(FW_DUPLICATE_CHOICE, self.at(sheet, row.number, "name"), name=name, list=listed,
                         first=entries[name][1].number)
            else:
                labels = self.texts(sheet, row, "label")
                if not labels:
                    self.add(FW_NO_LABEL, self.at(sheet, row.number, "label"), name=name)
                entries[name] = (Choice(name=name, label=labels), row)

    def read_survey(self) -> None:
        sheet = self.sheets.survey
        if sheet is None:
            self.add(FW_NO_SURVEY, self.at(None, title="survey"), sheets=", ".join(self.sheets.sheet_names) or "-")
            return
        if not self.require(sheet, "type", "name"):
            return
        stack: list[_Group] = []
        for row in sheet.rows:
            for key, message in REFUSED_COLUMNS.items():
                if row.get(key):
                    self.add(message, self.at(sheet, row.number, key))
            text = " ".join(row.get("type").split())
            where = self.at(sheet, row.number, "type")
            if not text:
                if row.get("name") or self.texts(sheet, row, "label"):
                    self.add(FW_NO_TYPE, where)
                continue
            found = _TYPE.fullmatch(text)
            kind = found["kind"].lower().replace(" ", "_") if found else ""
            rest = (found["rest"] or "").split() if found else []
            if kind == "end_group" and not rest:
                if not stack:
                    self.add(FW_END_WITHOUT_BEGIN, where)
                else:
                    stack.pop()
            elif kind == "begin_group" and not rest:
                self.begin(sheet, row, stack)
            elif kind in METADATA and not rest:
                self.warn(FW_METADATA, where, type=text)
            elif kind in REFUSED_TYPES:
                self.add(REFUSED_TYPES[kind], where, type=text)
            elif kind in ("select_one", "select_multiple") and [w.lower() for w in rest[1:]] == ["or_other"]:
                self.add(FW_OR_OTHER, where, type=text)
            elif kind in ("select_one", "select_multiple") and len(rest) != 1:
                self.add(FW_SELECT_LIST, where, type=text)
            elif kind in {t.value for t in QuestionType} and (kind.startswith("select") or not rest):
                self.question(sheet, row, QuestionType(kind), rest[0] if rest else None, stack)
            else:
                self.add(FW_UNKNOWN_TYPE, where, type=text)
        for group in stack:
            self.add(FW_GROUP_NOT_ENDED, self.at(sheet, group.row, "type"), name=group.name)

    def begin(self, sheet: Sheet, row: Row, stack: list[_Group]) -> None:
        name = self.named(sheet, row, self.names) or f"group_{row.number}"
        if relevant := row.get("relevant"):
            self.pending.append((sheet, row, "relevant", relevant))
        if stack:
            self.warn(FW_NESTED_GROUP, self.at(sheet, row.number, "type"), name=name, parent=stack[0].name)
            dimension = stack[0].dimension
        else:
            labels = self.labelled(sheet, row, name, error=False)
            if not labels:
                self.warn(FW_GROUP_NO_LABEL, self.at(sheet, row.number, "label"), name=name)
            dimension = _Dimension(name, labels or {self.default: name}, self.texts(sheet, row, "hint"), row.number)
            self.dimensions.append(dimension)
        stack.append(_Group(name, row.number, relevant or None, dimension))

    def question(self, sheet: Sheet, row: Row, kind: QuestionType, listed: str | None, stack: list[_Group]) -> None:
        name = self.named(sheet, row, self.names)
        labels = self.labelled(sheet, row, name or row.get("name") or f"#{row.number}")
        if listed is not None and listed not in self.lists:
            self.add(FW_UNKNOWN_LIST, self.at(sheet, row.number, "type"), list=listed)
        if listed:
            self.used.setdefault(listed)
        required = row.get("required").lower()
        if required not in YES | NO:
            self.add(FW_BAD_REQUIRED, self.at(sheet, row.number, "required"), value=row.get("required"))
        for key in ("relevant", "constraint"):
            if row.get(key):
                self.pending.append((sheet, row, key, row.get(key)))
        conditions = [g.relevant for g in stack if g.relevant] + ([row.get("relevant")] if row.get("relevant") else [])
        relevant = " and ".join(f"({c})" for c in conditions) if len(conditions) > 1 else next(iter(conditions), None)
        weight = self.weight(sheet, row)
        evidence = self.evidence(sheet, row, name or "", kind, listed)
        if element := row.get("element"):
            if element not in self.elements and element not in self.unknown_elements:
                self.unknown_elements.add(element)
                self.warn(FW_UNKNOWN_ELEMENT, self.at(sheet, row.number, "element"), element=element)
        if not name:
            return
        self.questions.add(name)
        if stack:
            dimension = stack[0].dimension
        else:
            if self.loose is None:
                self.loose = _Dimension("", self.title, {}, row.number)
                self.dimensions.append(self.loose)
            dimension, self.loose_count = self.loose, self.loose_count + 1
        dimension.questions.append(Question(
            name=name, type=kind, list_name=listed, label=labels, hint=self.texts(sheet, row, "hint"),
            required=required in YES and kind is not QuestionType.NOTE, relevant=relevant,
            constraint=row.get("constraint") or None, constraint_message=self.texts(sheet, row, "constraint_message"),
            element=element or None, weight=weight, evidence=evidence,
            prompt=self.texts(sheet, row, "interview_prompt"), row=row.number))

    def weight(self, sheet: Sheet, row: Row) -> float:
        text = row.get("weight").replace(",", ".")
        try:
            value = float(text) if text else 1.0
        except ValueError:
            value = -1.0
        if not math.isfinite(value) or value < 0:
            self.add(FW_BAD_WEIGHT, self.at(sheet, row.number, "weight"), value=row.get("weight"))
            return 1.0
        return value

    def evidence(self, sheet: Sheet, row: Row, name: str, kind: QuestionType, listed: str | None) -> str:
        text = row.get("evidence").lower()
        value = "yes" if text in ("yes", "true") else "no" if text in ("", "no", "false") else text
        if value not in ("yes", "no") and value not in MATURITY_LEVELS:
            self.add(FW_BAD_EVIDENCE, self.at(sheet, row.number, "evidence"), value=row.get("evidence"))
            return "no"
        scale = set(self.lists.get(listed or "", {})) >= set(MATURITY_LEVELS) and kind is QuestionType.SELECT_ONE
        if value in MATURITY_LEVELS and not scale:
            self.warn(FW_EVIDENCE_LEVEL, self.at(sheet, row.number, "evidence"), name=name, level=value)
        return value

    def check_expressions(self) -> None:
        for sheet, row, key, text in self.pending:
            where = self.at(sheet, row.number, key)
            try:
                expr = parse(text)
            except ExpressionError as error:
                self.problems.append(Problem(error.message, dict(error.params), where))
                continue
            for name in sorted(references(expr) - self.questions):
                self.add(FW_UNKNOWN_REFERENCE, where, name=name)
            if key == "relevant" and _uses_dot(expr):
                self.add(FW_DOT_IN_RELEVANT, where)

    def build(self) -> Framework | None:
        survey, dimensions = self.sheets.survey, []
        if self.loose:
            self.loose.name = next(n for i in range(1, len(self.names) + 2)
                                   if (n := self.form_id + (f"_{i}" if i > 1 else "")) not in self.names)
            self.warn(FW_LOOSE_QUESTIONS, self.at(survey, self.loose.row, "type"),
                      count=self.loose_count, dimension=self.loose.name)
        for d in self.dimensions:
            if d.questions:
                dimensions.append(Dimension(name=d.name, label=d.label, hint=d.hint, questions=tuple(d.questions)))
            else:
                self.warn(FW_EMPTY_GROUP, self.at(survey, d.row, "name"), name=d.name)
        if survey and not any(q.answerable for d in dimensions for q in d.questions):
            self.add(FW_NO_QUESTIONS, self.at(survey, survey.header_row))
        choices = self.sheets.choices
        for listed in self.used:
            for choice, row in self.lists.get(listed, {}).values():
                if choice.label and choices:
                    self.labelled(choices, row, choice.name)
        if any(p.severity is Severity.ERROR for p in self.problems):
            return None
        return Framework(
            id=self.form_id, version=self.version, title=self.title, topic=self.topic,
            default_language=self.default, languages=tuple(self.languages), elements=self.elements,
            choices={n: tuple(c for c, _ in self.lists[n].values()) for n in self.used if n in self.lists},
            dimensions=tuple(dimensions), note=self.note)


def compile_framework(sheets: XLSFormSheets, file_name: str) -> CompileResult:
    """Compiles the XLSForm ``sheets`` read from ``file_name`` into a Framework, with every problem found.

    ``framework`` is None when any problem is an error; warnings alone leave it compiled."""
    compiler = _Compiler(sheets, file_name)
    compiler.settings()
    compiler.read_elements()
    compiler.read_choices()
    compiler.read_survey()
    compiler.check_expressions()
    framework = compiler.build()
    return CompileResult(framework, tuple(compiler.problems))


def load_framework(path: Path) -> Framework:
    """Reads and compiles the framework workbook at ``path``; raises UserError listing every error."""
    path = Path(path)
    result = compile_framework(read_xlsform(path), path.name)
    if result.framework is None:
        raise UserError.of(result.errors)
    return result.framework
