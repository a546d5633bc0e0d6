"""Emitting a questionnaire: ``write_questionnaire`` against the same workbook written with bare openpyxl.

The framework is built in code: 6 dimensions of 50 questions — 36 maturity
questions (0–4 plus na/ii, each with its own list of 7 options, evidence from
level 2), 3 yes/no, 3 integers with a range constraint, 2 decimals with one,
2 dates, 2 texts and 2 select_multiple of 4 options — and one ``relevant`` rule
per dimension (its first integer is asked when its first yes/no is yes).

The baseline is what a plain script would do to write an equivalent workbook
from the same plain data: the same sheets, texts, styles, merged cells, data
validations (one per list and sheet, referencing the lists sheet), defined
names and status/summary formulas, written straight with openpyxl. The Spanish
UI texts are fetched once beforehand, as a script would have them hard-coded;
the formulas are f-strings for the few shapes this framework uses instead of
being compiled from XLSForm expressions. ``python -m bench.emit --check``
compares the two workbooks cell by cell, to keep the baseline honest.
"""
from __future__ import annotations

import datetime as dt
import math
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import DataBarRule, FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from bench.common import Figure, compared, report
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire

DIMENSIONS = 6
KINDS = ["maturity"] * 36 + ["yes_no"] * 3 + ["integer"] * 3 + ["decimal"] * 2 + ["date"] * 2 + ["text"] * 2 + ["multiple"] * 2
LANG = "es"
LEVEL_WORDS = ("Inexistente", "Inicial", "En desarrollo", "Establecido", "Optimizado")
RANGES = {"integer": (1950, 2030), "decimal": (0, 100)}
TYPES = {
    "maturity": QuestionType.SELECT_ONE, "yes_no": QuestionType.SELECT_ONE, "integer": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL, "date": QuestionType.DATE, "text": QuestionType.TEXT,
    "multiple": QuestionType.SELECT_MULTIPLE,
}


# The framework, as plain data and as a Framework


@dataclass(frozen=True)
class Q:
    name: str
    kind: str
    label: str
    hint: str
    list_name: str | None
    required: bool
    evidence: str  # "no", "yes" or the lowest level
    relevant_on: str | None  # name of the yes/no question that must be "yes"


def spec() -> tuple[list[tuple[str, str, str, list[Q]]], dict[str, list[tuple[str, str]]]]:
    """(dimensions as (name, label, hint, questions), lists as name -> [(code, label)]), in Spanish."""
    lists: dict[str, list[tuple[str, str]]] = {"yes_no": [("yes", "Sí"), ("no", "No")]}
    dimensions = []
    for d in range(1, DIMENSIONS + 1):
        questions: list[Q] = []
        first_yes_no: str | None = None
        relevant_given = False
        for n, kind in enumerate(KINDS, start=1):
            name = f"d{d}_{kind}_{n}"
            label = (f"Pregunta {n} de la dimensión {d}: ¿en qué medida la institución aplica la práctica "
                     f"de gestión número {n} ({kind}) de manera sistemática y documentada?")
            hint = f"Considere los documentos oficiales vigentes y su aplicación efectiva en los últimos dos años ({name})."
            list_ = None
            if kind == "maturity":
                list_ = f"{name}_levels"
                lists[list_] = [(str(level), f"{level} – {word}: descripción del nivel {level} para la pregunta {n} "
                                             f"de la dimensión {d}, con sus criterios observables.")
                                for level, word in enumerate(LEVEL_WORDS)]
                lists[list_] += [("na", "No aplica"), ("ii", "Información insuficiente")]
            elif kind == "yes_no":
                list_ = "yes_no"
                first_yes_no = first_yes_no or name
            elif kind == "multiple":
                list_ = f"{name}_options"
                lists[list_] = [(f"opt{i}", f"Opción {i} de la pregunta {n}: instrumento de gestión") for i in range(1, 5)]
            relevant_on = None
            if kind == "integer" and not relevant_given:
                relevant_on, relevant_given = first_yes_no, True
            required = kind in ("maturity", "yes_no", "integer", "multiple")
            evidence = "2" if kind == "maturity" else "yes" if kind == "yes_no" else "no"
            questions.append(Q(name, kind, label, hint, list_, required, evidence, relevant_on))
        dimensions.append((f"d{d}", f"Dimensión {d}: capacidades de gestión pública", f"Guía de la dimensión {d}.", questions))
    return dimensions, lists


def framework(dimensions: list[tuple[str, str, str, list[Q]]], lists: dict[str, list[tuple[str, str]]]) -> Framework:
    def question(q: Q) -> Question:
        constraint = None
        if q.kind in RANGES:
            lo, hi = RANGES[q.kind]
            constraint = f". >= {lo} and . <= {hi}"
        return Question(name=q.name, type=TYPES[q.kind], list_name=q.list_name, label={"es": q.label, "en": q.label},
                        hint={"es": q.hint}, required=q.required, evidence=q.evidence, constraint=constraint,
                        relevant=f"${{{q.relevant_on}}} = 'yes'" if q.relevant_on else None)

    return Framework(
        id="bench", version="2026.1", title={"es": "Marco de referencia de prueba", "en": "Benchmark framework"},
        topic="planning", languages=("es", "en"), note="Marco ilustrativo.",
        choices={name: tuple(Choice(name=code, label={"es": label}) for code, label in pairs) for name, pairs in lists.items()},
        dimensions=tuple(Dimension(name=name, label={"es": label}, hint={"es": hint}, questions=tuple(question(q) for q in qs))
                         for name, label, hint, qs in dimensions),
    )


def identity_and_cover(fw: Framework) -> tuple[Identity, Cover]:
    identity = Identity("2026-PER-planning.mef.1", "2026-PER-planning", "mef", fw.id, fw.version, LANG,
                        fw.structure_hash, "2026-11-28")
    cover = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18),
                  "J. Morales <jm@example.org>")
    return identity, cover


# The baseline: bare openpyxl


def texts(fw: Framework, identity: Identity, cover: Cover) -> dict[str, Any]:
    """Every UI text the workbook shows, in Spanish: what a plain script would have as constants."""
    t = lambda message, **params: translate(message, LANG, **params)  # noqa: E731
    return {
        "instructions": t(m.Q_SHEET_INSTRUCTIONS), "respondent": t(m.Q_SHEET_RESPONDENT), "summary": t(m.Q_SHEET_SUMMARY),
        "title": t(m.Q_TITLE, topic=cover.topic),
        "facts": [(t(m.Q_ROUND), identity.round_id), (t(m.Q_COUNTRY), cover.country), (t(m.Q_INSTITUTION), cover.institution),
                  (t(m.Q_DEADLINE), format_date(cover.deadline, LANG)), (t(m.Q_CONTACT), cover.contact),
                  (t(m.Q_FRAMEWORK), f"{fw.title['es']} ({fw.id} {fw.version})")],
        "paragraphs": [t(m.Q_PURPOSE), t(m.Q_HOW_TO_FILL), t(m.Q_HOW_TO_RETURN), t(m.Q_EVIDENCE_RULE)],
        "scale_title": t(m.Q_SCALE_TITLE), "scale": [t(message) for message in m.Q_SCALE.values()],
        "note": t(m.Q_ILLUSTRATIVE, note=fw.note),
        "respondent_title": t(m.Q_RESPONDENT_TITLE),
        "respondent_fields": [("resp_name", t(m.Q_RESPONDENT_NAME), None), ("resp_position", t(m.Q_RESPONDENT_POSITION), None),
                              ("resp_institution", t(m.Q_RESPONDENT_INSTITUTION), cover.institution),
                              ("resp_email", t(m.Q_RESPONDENT_EMAIL), None), ("resp_date", t(m.Q_RESPONDENT_DATE), None)],
        "headers": [t(h) for h in (m.Q_HEADER_ID, m.Q_HEADER_QUESTION, m.Q_HEADER_HELP, m.Q_HEADER_ANSWER,
                                   m.Q_HEADER_EVIDENCE, m.Q_HEADER_STATUS)],
        "summary_headers": [t(h) for h in (m.Q_HEADER_DIMENSION, m.Q_HEADER_APPLICABLE, m.Q_HEADER_ANSWERED,
                                           m.Q_HEADER_PENDING, m.Q_HEADER_PROGRESS)],
        "total": t(m.Q_TOTAL), "multiple_hint": t(m.Q_MULTIPLE_HINT), "yes": t(m.Q_YES), "no": t(m.Q_NO),
        "status": {k: t(v) for k, v in (("answered", m.Q_STATUS_ANSWERED), ("pending", m.Q_STATUS_PENDING),
                                         ("optional", m.Q_STATUS_OPTIONAL), ("na", m.Q_STATUS_NOT_APPLICABLE),
                                         ("check", m.Q_STATUS_CHECK), ("evidence", m.Q_STATUS_EVIDENCE))},
        "dv": {"whole": (t(m.Q_WHOLE), t(m.Q_WHOLE_ERROR)), "decimal": (t(m.Q_DECIMAL), t(m.Q_DECIMAL_ERROR)),
               "date": (t(m.Q_DATE), t(m.Q_DATE_ERROR)), "choose": (t(m.Q_CHOOSE), t(m.Q_CHOOSE_ERROR))},
        "metadata": identity.as_dict(),
        "subject": f"{identity.round_id} / {identity.institution_id}",
    }


THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
INPUT = PatternFill("solid", fgColor="FFF9E5")
GREY = PatternFill("solid", fgColor="E7E6E6")
HEAD_FILL, HEAD_FONT = PatternFill("solid", fgColor="1F4E79"), Font(bold=True, color="FFFFFF")
TITLE = Font(bold=True, size=14, color="1F4E79")
UNLOCKED = Protection(locked=False)
FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
FILLS = (("pending", "F8CBAD"), ("check", "FFD966"), ("evidence", "FFD966"), ("na", "E7E6E6"), ("answered", "C6E0B4"))


def openpyxl_emit(path: Path, dimensions: list[tuple[str, str, str, list[Q]]], lists: dict[str, list[tuple[str, str]]],
                  T: dict[str, Any]) -> None:
    S = {k: '"' + v.replace('"', '""') + '"' for k, v in T["status"].items()}
    wb = Workbook()

    def name(n: str, title: str, ref: str) -> None:
        wb.defined_names[n] = DefinedName(n, attr_text=f"'{title}'!{ref}")

    def text(ws, row: int, col: int, value: str):
        cell = ws.cell(row, col)
        cell.value, cell.data_type = value, "s"
        return cell

    def answer_cell(cell) -> None:
        cell.fill, cell.border, cell.protection, cell.alignment = INPUT, BOX, UNLOCKED, WRAP

    def page(ws, landscape: bool = False) -> None:
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = ws.PAPERSIZE_A4, 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    def validation(ws, kind: str, ref: str | None = None) -> DataValidation:
        if kind == "whole":
            dv = DataValidation(type="whole", operator="between", formula1="-2147483647", formula2="2147483647",
                                promptTitle=T["dv"]["whole"][0], error=T["dv"]["whole"][1])
        elif kind == "decimal":
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                                promptTitle=T["dv"]["decimal"][0], error=T["dv"]["decimal"][1])
        elif kind == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", promptTitle=T["dv"]["date"][0],
                                prompt=T["dv"]["date"][1], error=T["dv"]["date"][1])
        else:
            dv = DataValidation(type="list", formula1=ref, promptTitle=T["dv"]["choose"][0][:32],
                                prompt=T["dv"]["choose"][0], error=T["dv"]["choose"][1])
        dv.allow_blank = dv.showInputMessage = dv.showErrorMessage = True
        dv.errorStyle = "stop"
        ws.add_data_validation(dv)
        return dv

    def paragraph(ws, row: int, value: str) -> None:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        text(ws, row, 1, value).alignment = WRAP
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(value) / 115))

    def height(*values: str) -> float:
        return min(409, 15 * max(1, max(sum(max(1, math.ceil(len(line) / 58)) for line in v.split("\n")) for v in values)))

    # Instructions
    ws = wb.active
    ws.title = T["instructions"]
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 95
    text(ws, 1, 1, T["title"]).font = TITLE
    for row, (label, value) in enumerate(T["facts"], start=3):
        text(ws, row, 1, label).font = Font(bold=True)
        text(ws, row, 2, value)
    row = 3 + len(T["facts"]) + 1
    for value in T["paragraphs"]:
        paragraph(ws, row, value)
        row += 1
    row += 1
    text(ws, row, 1, T["scale_title"]).font = Font(bold=True, color="1F4E79")
    for value in T["scale"]:
        row += 1
        paragraph(ws, row, value)
    row += 2
    paragraph(ws, row, T["note"])
    ws.cell(row, 1).font = Font(italic=True, color="7F7F7F")
    ws.protection.sheet, ws.sheet_view.showGridLines = True, False
    page(ws)

    # Respondent
    ws = wb.create_sheet(T["respondent"])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 60
    text(ws, 1, 1, T["respondent_title"]).font = TITLE
    for row, (field, label, value) in enumerate(T["respondent_fields"], start=3):
        text(ws, row, 1, label)
        cell = ws.cell(row, 2)
        answer_cell(cell)
        if value is not None:
            text(ws, row, 2, value)
        if field == "resp_date":
            cell.number_format = "DD/MM/YYYY"
            validation(ws, "date").add(cell)
        name(field, ws.title, f"$B${row}")
    ws.protection.sheet = True
    page(ws)

    summary = wb.create_sheet(T["summary"])

    # Lists (ranges first: the dimension sheets refer to them)
    ranges: dict[str, str] = {}
    all_lists = {"_yes_no": [("yes", T["yes"]), ("no", T["no"])], **lists}
    row = 1
    for list_, pairs in all_lists.items():
        ranges[list_] = f"'_lists'!$A${row}:$A${row + len(pairs) - 1}"
        name(f"list_{list_}", "_lists", f"$A${row}:$B${row + len(pairs) - 1}")
        row += len(pairs)

    # Dimensions
    status_names = []
    for index, (dim, label, hint, questions) in enumerate(dimensions, start=1):
        ws = wb.create_sheet(f"{index}. {label.translate(FORBIDDEN)}"[:31].rstrip())
        for letter, width in (("A", 9), ("B", 55), ("C", 55), ("D", 30), ("E", 40), ("F", 18)):
            ws.column_dimensions[letter].width = width
        ws.merge_cells("A1:F1")
        text(ws, 1, 1, f"{index}. {label}").font = TITLE
        ws.merge_cells("A2:F2")
        text(ws, 2, 1, hint).alignment = WRAP
        ws.row_dimensions[2].height = 15 * max(1, math.ceil(len(hint) / 200))
        for col, header in enumerate(T["headers"], start=1):
            cell = text(ws, 3, col, header)
            cell.fill, cell.font, cell.border = HEAD_FILL, HEAD_FONT, BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        dvs: dict[str, DataValidation] = {}

        def dv(kind: str, list_: str | None = None) -> DataValidation:
            key = list_ or kind
            if key not in dvs:
                dvs[key] = validation(ws, kind, ranges.get(list_ or ""))
            return dvs[key]

        row = 4
        for q in questions:
            qn = f"q_{q.name}"
            help_text = q.hint
            if q.kind == "maturity":
                help_text += "\n" + "\n".join(label for code, label in lists[q.list_name] if code.isdigit())
            label = q.label + (" *" if q.required else "")
            text(ws, row, 1, q.name)
            text(ws, row, 2, label)
            text(ws, row, 3, help_text)
            for col in range(1, 7):
                ws.cell(row, col).alignment, ws.cell(row, col).border = WRAP, BOX
            answer, evidence = ws.cell(row, 4), ws.cell(row, 5)
            answer_cell(evidence)
            name(f"e_{q.name}", ws.title, f"$E${row}")
            first = row
            if q.kind == "multiple":
                answer.fill = GREY
                text(ws, row, 4, T["multiple_hint"])
                for code, option in lists[q.list_name]:
                    row += 1
                    text(ws, row, 2, "    • " + option)
                    cell = ws.cell(row, 4)
                    answer_cell(cell)
                    dv("list", "_yes_no").add(cell)
                    name(f"{qn}__{code}", ws.title, f"$D${row}")
                    for col in range(1, 7):
                        ws.cell(row, col).border = BOX
                name(qn, ws.title, f"$D${first + 1}:$D${row}")
                answered = f"COUNTA({qn})>0"
            else:
                answer_cell(answer)
                name(qn, ws.title, f"$D${row}")
                if q.list_name:
                    dv("list", q.list_name).add(answer)
                elif q.kind in ("integer", "decimal", "date"):
                    dv({"integer": "whole"}.get(q.kind, q.kind)).add(answer)
                if q.kind == "date":
                    answer.number_format = "DD/MM/YYYY"
                answered = f"LEN(TRIM({qn}))>0"
            result = S["answered"]
            code = f'IFERROR(VLOOKUP({qn},list_{q.list_name},2,FALSE),"")'
            if q.evidence.isdigit():
                asked = f"IFERROR(VALUE({code})>={q.evidence},FALSE)"
                result = f'IF(AND({asked},LEN(TRIM(e_{q.name}))=0),{S["evidence"]},{result})'
            elif q.evidence == "yes":
                asked = f'AND(LEN(TRIM({qn}))>0,{code}<>"no",{code}<>"na",{code}<>"ii")'
                result = f'IF(AND({asked},LEN(TRIM(e_{q.name}))=0),{S["evidence"]},{result})'
            if q.kind in RANGES:
                lo, hi = RANGES[q.kind]
                ok = f"AND(IFERROR(AND(ISNUMBER({qn}),{qn}>={lo}),FALSE),IFERROR(AND(ISNUMBER({qn}),{qn}<={hi}),FALSE))"
                result = f"IF({ok},{result},{S['check']})"
            formula = f"IF({answered},{result},{S['pending'] if q.required else S['optional']})"
            if q.relevant_on:
                formula = f'IF(IFERROR(VLOOKUP(q_{q.relevant_on},list_yes_no,2,FALSE),"")="yes",{formula},{S["na"]})'
            status = ws.cell(first, 6)
            status.value = "=" + formula
            status.alignment = Alignment(vertical="top", wrap_text=True)
            ws.row_dimensions[first].height = height(label, help_text)
            row += 1
        last = row - 1
        status_names.append(f"status_{dim}")
        name(f"status_{dim}", ws.title, f"$F$4:$F${last}")
        for kind, color in FILLS:
            ws.conditional_formatting.add(f"D4:D{last} F4:F{last}", FormulaRule(
                formula=[f"$F4={S[kind]}"], fill=PatternFill("solid", fgColor=color), stopIfTrue=True))
        ws.freeze_panes, ws.print_title_rows = "A4", "3:3"
        page(ws, landscape=True)
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = ws.protection.insertRows = False

    # Summary
    ws = summary
    text(ws, 1, 1, T["summary"]).font = TITLE
    for col, header in enumerate(T["summary_headers"], start=1):
        cell = text(ws, 3, col, header)
        cell.fill, cell.font, cell.border = HEAD_FILL, HEAD_FONT, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["A"].width = 55
    for letter in "BCDE":
        ws.column_dimensions[letter].width = 16
    for row, ((_, label, _, _), status) in enumerate(zip(dimensions, status_names), start=4):
        text(ws, row, 1, label)
        done = f"COUNTIF({status},{S['answered']})"
        todo = f"COUNTIF({status},{S['pending']})+COUNTIF({status},{S['check']})+COUNTIF({status},{S['evidence']})"
        ws.cell(row, 2).value, ws.cell(row, 3).value, ws.cell(row, 4).value = f"={done}+{todo}", f"={done}", f"={todo}"
        ws.cell(row, 5).value = f"=IF(B{row}=0,1,C{row}/B{row})"
    last, row = 3 + len(dimensions), 4 + len(dimensions)
    text(ws, row, 1, T["total"])
    for col in "BCD":
        ws[f"{col}{row}"] = f"=SUM({col}4:{col}{last})"
    ws[f"E{row}"] = f"=IF(B{row}=0,1,C{row}/B{row})"
    for r in range(4, row + 1):
        ws[f"E{r}"].number_format = "0%"
        for col in "ABCDE":
            ws[f"{col}{r}"].border = BOX
    for col in "ABCDE":
        ws[f"{col}{row}"].font = Font(bold=True)
    name("progress_total", ws.title, f"$E${row}")
    ws.conditional_formatting.add(f"E4:E{last}", DataBarRule(start_type="num", start_value=0, end_type="num",
                                                             end_value=1, color="5B9BD5"))
    ws.row_dimensions[3].height = 32
    ws.protection.sheet = True
    page(ws)

    # Lists and metadata, last
    ws = wb.create_sheet("_lists")
    ws.sheet_state = "hidden"
    row = 1
    for pairs in all_lists.values():
        for code, label in pairs:
            text(ws, row, 1, label)
            text(ws, row, 2, code)
            row += 1
    ws = wb.create_sheet("_mecigep")
    for row, (key, value) in enumerate(T["metadata"].items(), start=1):
        text(ws, row, 1, key)
        text(ws, row, 2, value)
        wb.custom_doc_props.append(StringProperty(name=f"mecigep_{key}", value=value))
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
    wb.properties.title, wb.properties.subject, wb.properties.creator = T["title"], T["subject"], "MECIGEP"
    wb.save(path)


# The benchmark


def run() -> list[Figure]:
    dimensions, lists = spec()
    fw = framework(dimensions, lists)
    identity, cover = identity_and_cover(fw)
    T = texts(fw, identity, cover)
    with tempfile.TemporaryDirectory(prefix="bench-emit-") as folder:
        ours_path, theirs_path = Path(folder, "questionnaire.xlsx"), Path(folder, "openpyxl.xlsx")
        ours, theirs = compared(lambda: write_questionnaire(ours_path, fw, identity, cover),
                                lambda: openpyxl_emit(theirs_path, dimensions, lists, T))
    return [report("emit", ours, "s", "openpyxl_emit", theirs)]


def check() -> list[str]:
    """Where the two workbooks differ (sheets, cell values, styles, validations, names, merges); empty when they do not."""
    dimensions, lists = spec()
    fw = framework(dimensions, lists)
    identity, cover = identity_and_cover(fw)
    differences: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-emit-") as folder:
        a_path, b_path = Path(folder, "a.xlsx"), Path(folder, "b.xlsx")
        write_questionnaire(a_path, fw, identity, cover)
        openpyxl_emit(b_path, dimensions, lists, texts(fw, identity, cover))
        a, b = load_workbook(a_path), load_workbook(b_path)
    if a.sheetnames != b.sheetnames:
        return [f"sheets {a.sheetnames} != {b.sheetnames}"]
    names = lambda wb: {n: d.attr_text for n, d in wb.defined_names.items()}  # noqa: E731
    if names(a) != names(b):
        differences.append(f"defined names differ: {len(names(a))} vs {len(names(b))}, e.g. "
                           f"{sorted(set(names(a).items()) ^ set(names(b).items()))[:3]}")
    for title in a.sheetnames:
        x, y = a[title], b[title]
        if (x.max_row, x.max_column) != (y.max_row, y.max_column):
            differences.append(f"{title}: size {x.max_row}x{x.max_column} != {y.max_row}x{y.max_column}")
        shape = lambda ws: sorted((str(v.sqref), v.formula1, v.type) for v in ws.data_validations.dataValidation)  # noqa: E731
        if shape(x) != shape(y):
            differences.append(f"{title}: data validations differ ({len(shape(x))} vs {len(shape(y))})")
        if sorted(map(str, x.merged_cells.ranges)) != sorted(map(str, y.merged_cells.ranges)):
            differences.append(f"{title}: merged cells differ")
        if x.sheet_state != y.sheet_state or x.freeze_panes != y.freeze_panes:
            differences.append(f"{title}: state or frozen panes differ")
        for r1, r2 in zip(x.iter_rows(), y.iter_rows()):
            for c1, c2 in zip(r1, r2):
                style = lambda c: tuple(map(repr, (c.fill, c.font, c.border, c.alignment, c.protection, c.number_format)))  # noqa: E731
                if c1.value != c2.value or style(c1) != style(c2):
                    differences.append(f"{title}!{c1.coordinate}: {c1.value!r:.60} != {c2.value!r:.60}")
    return differences


if __name__ == "__main__":
    if "--check" in sys.argv:
        found = check()
        print("\n".join(found[:20]) or "same workbook")
        sys.exit(1 if found else 0)
    for figure in run():
        print(figure.line())
