"""Emitting a questionnaire: ``write_questionnaire`` against the same workbook written with bare openpyxl.

The framework is built in code: 6 dimensions of 50 questions — 36 maturity
questions (0–4 plus na/ii, each with its own list of 7 options, evidence from
level 2), 3 yes/no, 3 integers with a range constraint, 2 decimals with one,
2 dates, 2 texts and 2 select_multiple of 4 options — and one ``relevant`` rule
per dimension (its first integer is asked when its first yes/no is yes).

The baselines write the same workbook with bare openpyxl and, for information, with XlsxWriter
(``bench/emit_xlsxwriter.py``, which says why openpyxl stays the writer): the emitted workbook is read once beforehand into
plain data (every sheet's cells with their values and styles, merged ranges, column widths and row heights,
data validations, conditional formats, protection, sheet states, defined names, document properties), and the
timed part replays that data into a fresh ``Workbook`` and saves it. So the baseline follows the questionnaire's
layout by construction, with no second copy of it to keep in step; what it leaves out is the deciding (texts,
formulas and rules compiled from the framework), which is our cost. ``python -m bench.emit --check`` compares the
replayed workbook with ours cell by cell.
"""
from __future__ import annotations

import copy
import datetime as dt
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.indexed_list import IndexedList

from bench.common import Figure, compared, report
from bench.emit_xlsxwriter import xlsxwriter_replay
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType
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


# The baseline: the same workbook replayed with bare openpyxl


TABLES = ("_fonts", "_fills", "_borders", "_alignments", "_protections", "_number_formats", "_cell_styles")


def snapshot(path: Path) -> dict[str, Any]:
    """Everything the workbook at ``path`` holds that a writer sets, as plain data (read before timing): each cell's
    value and style (as openpyxl keeps it: indices into the workbook's style tables, which are copied too — what
    openpyxl's own ``copy_worksheet`` does), merged ranges, widths and heights, validations, conditional formats,
    protection, sheet states, defined names and document properties."""
    wb = load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        sheets.append({
            "title": ws.title, "state": ws.sheet_state,
            "cells": [(c.row, c.column, c.value, copy.copy(c._style)) for row in ws.iter_rows() for c in row
                      if c._style is not None and (c.value is not None or c.has_style)],
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "validations": [copy.copy(v) for v in ws.data_validations.dataValidation],
            "formats": [(str(rng.sqref), copy.copy(rule)) for rng in ws.conditional_formatting for rule in rng.rules],
            "protected": ws.protection.sheet, "freeze": ws.freeze_panes, "grid": ws.sheet_view.showGridLines,
            "page": (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr),
        })
    return {"sheets": sheets, "names": [copy.copy(d) for d in wb.defined_names.values()],
            "styles": {t: list(getattr(wb, t)) for t in TABLES},
            "properties": copy.copy(wb.properties), "custom": [copy.copy(p) for p in wb.custom_doc_props.props]}


def openpyxl_replay(path: Path, data: dict[str, Any]) -> None:
    """Writes ``data`` (a ``snapshot``) into a fresh workbook with bare openpyxl and saves it to ``path``."""
    wb = Workbook()
    wb.remove(wb.active)
    for table, values in data["styles"].items():
        setattr(wb, table, IndexedList(values))
    for sheet in data["sheets"]:
        ws = wb.create_sheet(sheet["title"])
        ws.sheet_state = sheet["state"]
        for row, column, value, style in sheet["cells"]:
            ws.cell(row, column, value)._style = copy.copy(style)
        for merged in sheet["merged"]:
            ws.merge_cells(merged)
        for key, width in sheet["widths"].items():
            ws.column_dimensions[key].width = width
        for key, height in sheet["heights"].items():
            ws.row_dimensions[key].height = height
        for validation in sheet["validations"]:
            ws.add_data_validation(validation)
        for sqref, rule in sheet["formats"]:
            ws.conditional_formatting.add(sqref, rule)
        ws.protection.sheet, ws.freeze_panes, ws.sheet_view.showGridLines = sheet["protected"], sheet["freeze"], sheet["grid"]
        orientation, width, height, fit = sheet["page"]
        ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = orientation, width, height
        ws.sheet_properties.pageSetUpPr = fit
    for name in data["names"]:
        wb.defined_names[name.name] = name
    wb.properties = data["properties"]
    for prop in data["custom"]:
        wb.custom_doc_props.append(prop)
    wb.save(path)


# The benchmark


def prepared() -> tuple[Framework, Identity, Cover]:
    dimensions, lists = spec()
    fw = framework(dimensions, lists)
    return (fw, *identity_and_cover(fw))


def run() -> list[Figure]:
    fw, identity, cover = prepared()
    with tempfile.TemporaryDirectory(prefix="bench-emit-") as folder:
        ours_path, theirs_path = Path(folder, "questionnaire.xlsx"), Path(folder, "openpyxl.xlsx")
        write_questionnaire(ours_path, fw, identity, cover)
        data = snapshot(ours_path)
        ours, theirs = compared(lambda: write_questionnaire(ours_path, fw, identity, cover),
                                lambda: openpyxl_replay(theirs_path, data))
        xlsxwriter_path = Path(folder, "xlsxwriter.xlsx")
        fastest = compared(lambda: write_questionnaire(ours_path, fw, identity, cover),
                           lambda: xlsxwriter_replay(xlsxwriter_path, data))[1]
    return [report("emit", ours, "s", "openpyxl_emit", theirs), report("emit", ours, "s", "xlsxwriter_emit", fastest)]


def check() -> list[str]:
    """Where the replayed workbook differs from ours (sheets, values, styles, validations, names, merges); empty when
    it does not."""
    fw, identity, cover = prepared()
    differences: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-emit-") as folder:
        a_path, b_path = Path(folder, "a.xlsx"), Path(folder, "b.xlsx")
        write_questionnaire(a_path, fw, identity, cover)
        openpyxl_replay(b_path, snapshot(a_path))
        a, b = load_workbook(a_path), load_workbook(b_path)
    if a.sheetnames != b.sheetnames:
        return [f"sheets {a.sheetnames} != {b.sheetnames}"]
    names = lambda wb: {n: d.attr_text for n, d in wb.defined_names.items()}  # noqa: E731
    if names(a) != names(b):
        differences.append(f"defined names differ: {len(names(a))} vs {len(names(b))}")
    for title in a.sheetnames:
        x, y = a[title], b[title]
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
    if sys.argv[1:] == ["--check"]:
        found = check()
        print("\n".join(found[:40]) or "the replayed workbook matches ours")
        sys.exit(1 if found else 0)
    for figure in run():
        print(figure)
