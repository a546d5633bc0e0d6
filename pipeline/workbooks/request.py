"""The round request workbook a beneficiary state fills (step 1).

The one place that knows its shape. Single answers are cells with defined names
(``req_country``, ...); the institutions and experts are tables whose header
rows are named ``req_institutions`` and ``req_experts``. Sheet names are in the
form's language and may be renamed: reading goes through the names only.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.domain.catalog import Catalog
from pipeline.domain.models import Calendar, Contact, Expert, Institution, Panel, Round, institution_id, round_id
from pipeline.domain.problems import Location, Problem, UserError, raise_if_errors
from pipeline.domain.raw import text_of
from pipeline.domain.rules import check_expert
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, normalise_language, translate
from pipeline.workbooks.cells import TITLE_FONT, WRAP, date_of, define_name, named_cells, style_header, style_input
from pipeline.workbooks.fit import fit_rows, width_for
from pipeline.workbooks.sheets import fit_to_width, put_text, save_atomically
from pipeline.workbooks.sniff import FileKind, sniff

KIND = "round_request"
FORM_VERSION = "1"
TABLE_ROWS = 25
TABLE_HEADER = 4  # the header row of the institutions and experts tables: a title and what to write above it

FIELDS = (  # defined name, label, kind
    ("req_country", m.REQUEST_FIELD_COUNTRY, "state"),
    ("req_topic", m.REQUEST_FIELD_TOPIC, "topic"),
    ("req_language", m.REQUEST_FIELD_LANGUAGE, "language"),
    ("req_requested", m.REQUEST_FIELD_REQUESTED, "date"),
    ("req_deadline", m.REQUEST_FIELD_DEADLINE, "date"),
    ("req_visit_start", m.REQUEST_FIELD_VISIT_START, "date"),
    ("req_visit_end", m.REQUEST_FIELD_VISIT_END, "date"),
    ("req_report_due", m.REQUEST_FIELD_REPORT_DUE, "date"),
    ("req_contact_name", m.REQUEST_FIELD_CONTACT_NAME, "text"),
    ("req_contact_position", m.REQUEST_FIELD_CONTACT_POSITION, "text"),
    ("req_contact_email", m.REQUEST_FIELD_CONTACT_EMAIL, "text"),
)
REQUIRED = {"req_country", "req_topic", "req_requested", "req_contact_name", "req_contact_email"}
INSTITUTION_COLUMNS = (m.LABEL_NAME, m.LABEL_ACRONYM, m.LABEL_EMAIL, m.LABEL_LANGUAGE)
EXPERT_COLUMNS = (m.LABEL_NAME, m.LABEL_EMAIL, m.LABEL_STATE, m.LABEL_INSTITUTION, m.LABEL_EXPERIENCE, m.LABEL_LANGUAGE)


@dataclass(frozen=True)
class RequestContent:
    """What a filled request form holds; values the form left empty are empty strings or None."""

    values: dict[str, Any]  # defined name -> (raw value, Location) once read; raw value when written
    institutions: Any  # (sheet title, [(row number, cells)]) once read; [cells] when written
    experts: Any


def write_form(path: Path, catalog: Catalog, lang: str = "es", content: RequestContent | None = None) -> Path:
    """Writes a request form in ``lang`` to ``path``, filled with ``content`` when given (for examples)."""
    lang = normalise_language(lang)
    t = lambda msg: translate(msg, lang)  # noqa: E731
    wb = Workbook()
    intro = wb.active
    intro.title = t(m.REQUEST_SHEET_INSTRUCTIONS)
    intro["A1"] = t(m.REQUEST_TITLE)
    intro["A1"].font = TITLE_FONT
    intro["A3"] = t(m.REQUEST_INTRO)
    intro["A5"] = t(m.REQUEST_ILLUSTRATIVE)
    for ref in ("A3", "A5"):
        intro[ref].alignment = WRAP
    intro.column_dimensions["A"].width = 72  # one A4 page wide
    fit_rows(intro)
    fit_to_width(intro)

    lists = wb.create_sheet(t(m.REQUEST_SHEET_LISTS))
    # only the states that take part in the mechanism can ask for a round or send experts
    states = [f"{s.name(lang)} ({s.code})" for s in sorted(catalog.states.values(), key=lambda s: s.name(lang)) if s.participating]
    topics = [f"{tp.name(lang)} ({tp.id})" for tp in catalog.topics.values()]
    for row, value in enumerate(states, start=1):
        lists.cell(row, 1, value)
    for row, value in enumerate(topics, start=1):
        lists.cell(row, 2, value)
    for row, value in enumerate(LANGUAGES, start=1):
        lists.cell(row, 3, value)
    lists.sheet_state = "hidden"
    list_refs = {
        "state": f"'{lists.title}'!$A$1:$A${len(states)}",
        "topic": f"'{lists.title}'!$B$1:$B${len(topics)}",
        "language": f"'{lists.title}'!$C$1:$C${len(LANGUAGES)}",
    }

    form = wb.create_sheet(t(m.REQUEST_SHEET_REQUEST), 1)
    form["A1"] = t(m.REQUEST_TITLE)
    form["A1"].font = TITLE_FONT
    form.column_dimensions["A"].width = 42
    form.column_dimensions["B"].width = 50
    date_rule = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                               promptTitle="", prompt=t(m.REQUEST_DATE_PROMPT), showInputMessage=True, showErrorMessage=True)
    form.add_data_validation(date_rule)
    for offset, (name, label, kind) in enumerate(FIELDS):
        row = 3 + offset
        form.cell(row, 1, t(label) + (" *" if name in REQUIRED else ""))
        cell = form.cell(row, 2)
        style_input(cell)
        define_name(wb, name, form, cell.coordinate)
        if kind in list_refs:
            rule = DataValidation(type="list", formula1=list_refs[kind], allow_blank=True,
                                  prompt=t(m.REQUEST_LIST_PROMPT), showInputMessage=True, showErrorMessage=True)
            form.add_data_validation(rule)
            rule.add(cell)
        elif kind == "date":
            date_rule.add(cell)
            cell.number_format = "DD/MM/YYYY"
        if content is not None:
            cell.value = content.values.get(name)
    form.protection.sheet = True
    fit_to_width(form)

    for title, heading, help_, columns, name, rows in (
        (m.REQUEST_SHEET_INSTITUTIONS, m.REQUEST_INSTITUTIONS_TITLE, m.REQUEST_INSTITUTIONS_HELP, INSTITUTION_COLUMNS,
         "req_institutions", content.institutions if content else []),
        (m.REQUEST_SHEET_EXPERTS, m.REQUEST_EXPERTS_TITLE, m.REQUEST_EXPERTS_HELP, EXPERT_COLUMNS, "req_experts",
         content.experts if content else []),
    ):
        sheet = wb.create_sheet(t(title), wb.sheetnames.index(form.title) + 1 + (name == "req_experts"))
        _table(sheet, t(heading), t(help_), [t(h) for h in columns], name, rows, list_refs)
        define_name(wb, name, sheet, f"A{TABLE_HEADER}:{sheet.cell(TABLE_HEADER, len(columns)).column_letter}{TABLE_HEADER}")

    meta = wb.create_sheet("_mecigep")
    for row, (key, value) in enumerate((("kind", KIND), ("form_version", FORM_VERSION), ("language", lang)), start=1):
        meta.cell(row, 1, key)
        meta.cell(row, 2, value)
    meta.sheet_state = "veryHidden"
    wb.custom_doc_props.append(StringProperty(name="mecigep_kind", value=KIND))
    wb.custom_doc_props.append(StringProperty(name="mecigep_language", value=lang))
    wb.active = 1
    return save_atomically(wb, path)


def _table(sheet: Worksheet, heading: str, help_: str, headers: list[str], name: str, rows: list[Any],
           list_refs: dict[str, str]) -> None:
    """A table of the form (institutions or experts): its title and what to write, then its header and rows of
    yellow cells (``rows``: values to fill them with, for examples)."""
    put_text(sheet["A1"], heading)
    sheet["A1"].font = TITLE_FONT
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    put_text(sheet["A2"], help_)
    sheet["A2"].alignment = WRAP
    first, last = TABLE_HEADER + 1, TABLE_HEADER + TABLE_ROWS
    for col, header in enumerate(headers, start=1):
        put_text(sheet.cell(TABLE_HEADER, col), header)
        sheet.column_dimensions[sheet.cell(TABLE_HEADER, col).column_letter].width = 40 if col != 2 or name == "req_experts" else 14
    style_header(sheet[TABLE_HEADER][: len(headers)])
    for r in range(first, last + 1):
        for col in range(1, len(headers) + 1):
            style_input(sheet.cell(r, col))
    for r, values in enumerate(rows, start=first):
        for col, value in enumerate(values, start=1):
            sheet.cell(r, col, value)
    if name == "req_experts":
        rule = DataValidation(type="list", formula1=list_refs["state"], allow_blank=True, showErrorMessage=True)
        sheet.add_data_validation(rule)
        rule.add(f"C{first}:C{last}")
    language_column = sheet.cell(TABLE_HEADER, len(headers)).column_letter
    sheet.column_dimensions[language_column].width = max(12, width_for(headers[-1], bold=True))
    languages = DataValidation(type="list", formula1=list_refs["language"], allow_blank=True, showErrorMessage=True)
    sheet.add_data_validation(languages)
    languages.add(f"{language_column}{first}:{language_column}{last}")
    fit_rows(sheet)  # wrapped text needs its lines' height, or it runs over the next row when printed
    sheet.freeze_panes = f"A{first}"
    sheet.print_title_rows = f"{TABLE_HEADER}:{TABLE_HEADER}"
    sheet.protection.sheet = True
    fit_to_width(sheet, landscape=True)


def open_workbook(path: Path) -> Workbook:
    """Opens an .xlsx, or raises UserError saying what the file really is."""
    kind = sniff(path)
    where = Location(file=path.name)
    if kind is not FileKind.ZIP:
        described = {FileKind.TEXT: m.KIND_TEXT, FileKind.OLE2: m.KIND_OLE2,
                     FileKind.PDF: m.KIND_PDF, FileKind.EMPTY: m.KIND_EMPTY}.get(kind, m.KIND_UNKNOWN)
        raise UserError(m.REQUEST_NOT_XLSX, where, kind=described)
    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UserError(m.REQUEST_NOT_XLSX, where, kind=m.KIND_BAD_ZIP) from None


def read_request(path: Path) -> RequestContent:
    """The values of a filled request form; raises UserError listing every structural problem."""
    wb = open_workbook(path)
    kind = _meta(wb).get("kind")
    if kind != KIND:
        raise UserError(m.REQUEST_NOT_A_REQUEST, Location(file=path.name))
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name, label, _ in FIELDS:
        cells = named_cells(wb, name)
        if cells is None:
            problems.append(Problem(m.REQUEST_MISSING_SHEET, {"sheet": _expected_sheet(wb, name)}, Location(file=path.name)))
            continue
        values[name] = (cells[0].value, Location(file=path.name, sheet=cells[0].parent.title, cell=cells[0].coordinate))
    tables = {}
    for name in ("req_institutions", "req_experts"):
        header = named_cells(wb, name)
        if header is None:
            problems.append(Problem(m.REQUEST_MISSING_SHEET, {"sheet": _expected_sheet(wb, name)}, Location(file=path.name)))
            continue
        sheet = header[0].parent
        first, width = header[0].column, len(header)
        rows = []
        for r in range(header[0].row + 1, sheet.max_row + 1):
            row = tuple(text_of(sheet.cell(r, first + c).value) for c in range(width))
            if any(row):
                rows.append((r, row))
        tables[name] = (sheet.title, rows)
    # Problems above are structural: report them before any value.
    if problems:
        raise UserError.of(_dedupe(problems))
    return RequestContent(values, tables["req_institutions"], tables["req_experts"])  # type: ignore[arg-type]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for p in problems:
        key = (p.message, tuple(sorted(p.params.items())))
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _expected_sheet(wb: Workbook, name: str) -> str:
    defined = wb.defined_names.get(name)
    text = defined.attr_text if defined is not None else name
    return text.split("!")[0].strip("'") if "!" in text else name


def _meta(wb: Workbook) -> dict[str, str]:
    if "_mecigep" not in wb.sheetnames:
        return {}
    sheet = wb["_mecigep"]
    return {text_of(a): text_of(b) for a, b in sheet.iter_rows(min_col=1, max_col=2, values_only=True) if a}


def _language(rest: list[str], where: Location, problems: list[Problem]) -> str | None:
    """The language of a table row's last column (forms before it had none); None when empty or not a working
    language (then a problem says so)."""
    text = (rest[0] if rest else "").strip().lower()
    if text and text not in LANGUAGES:
        problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": text}, where))
        return None
    return text or None


def round_from_request(content: RequestContent, catalog: Catalog, file_name: str) -> Round:
    """The round a request asks for; raises UserError with every problem, each with its cell."""
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    for name, label, kind in FIELDS:
        raw, where = content.values[name]
        text = text_of(raw)
        if not text:
            if name in REQUIRED:
                problems.append(Problem(m.REQUEST_MISSING_VALUE, {"field": label}, where))
            parsed[name] = None
            continue
        if kind == "state":
            found = catalog.find_state(text)
            if found is None:
                problems.append(Problem(m.UNKNOWN_COUNTRY, {"country": text}, where))
            parsed[name] = found.code if found else None
        elif kind == "topic":
            topic = catalog.find_topic(text)
            if topic is None:
                problems.append(Problem(m.UNKNOWN_TOPIC, {"topic": text}, where))
            parsed[name] = topic.id if topic else None
        elif kind == "language":
            if text.lower() not in LANGUAGES:
                problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": text}, where))
            parsed[name] = text.lower()
        elif kind == "date":
            day = date_of(raw)
            if day is None:
                problems.append(Problem(m.REQUEST_BAD_DATE, {"value": text}, where))
            parsed[name] = day
        else:
            parsed[name] = text
    institutions = []
    sheet, rows = content.institutions
    for row_number, (name, acronym, email, *rest) in rows:  # type: ignore[misc]
        where = Location(file=file_name, sheet=sheet, row=row_number)
        if not name or not acronym:
            field = m.LABEL_NAME if not name else m.LABEL_ACRONYM
            problems.append(Problem(m.REQUEST_MISSING_VALUE, {"field": field}, where))
            continue
        institutions.append(Institution(id=institution_id(acronym), name=name, acronym=acronym, email=email,
                                        language=_language(rest, where, problems)))
    experts = []
    sheet, rows = content.experts
    beneficiary = parsed.get("req_country") or ""
    for row_number, (name, email, state_text, institution, experience, *rest) in rows:  # type: ignore[misc]
        where = Location(file=file_name, sheet=sheet, row=row_number)
        state = catalog.find_state(state_text) if state_text else None
        if state is None:
            problems.append(Problem(m.UNKNOWN_COUNTRY, {"country": state_text}, where))
            continue
        expert = Expert(name=name, email=email, state=state.code, institution=institution, experience=experience,
                        language=_language(rest, where, problems))
        problems.extend(replace(p, where=where) for p in check_expert(expert, beneficiary, catalog))
        experts.append(expert)
    raise_if_errors(problems)
    requested: dt.date = parsed["req_requested"]
    round_ = Round(
        id=round_id(requested.year, parsed["req_country"], parsed["req_topic"]),
        country=parsed["req_country"],
        topic=parsed["req_topic"],
        language=parsed["req_language"] or "es",
        institutions=tuple(institutions),
        calendar=Calendar(
            requested=requested,
            questionnaire_deadline=parsed["req_deadline"],
            visit_start=parsed["req_visit_start"],
            visit_end=parsed["req_visit_end"],
            report_due=parsed["req_report_due"],
        ),
        panel=Panel(experts=tuple(experts)),
        contact=Contact(name=parsed["req_contact_name"] or "", email=parsed["req_contact_email"] or "",
                        position=parsed["req_contact_position"] or ""),
    )
    return round_
