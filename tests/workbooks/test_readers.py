"""The python-calamine reader reads every return the inbox tests use exactly as the openpyxl reader did.

Each fixture of the inbox suites is built here the same way (an emitted questionnaire filled as an official does,
renamed sheets, inserted rows, deleted names, the metadata sheet gone, the 1904 date system, odd cells, a repeat,
notes workbooks, a copy saved by LibreOffice) and read twice: by ``pipeline.workbooks.response`` (calamine) and by
the reader as it was (``tests/support/openpyxl_reader.py``). Identity, respondent, answers, evidence, repeats, epoch
and file must agree field by field, each value of the same type and at the same sheet and cell; and so must every
non-empty cell of every sheet, every defined name and every custom property.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

import openpyxl
import pytest

from pipeline.demo.answers import complete_answers
from pipeline.domain.models import Institution, Stage
from pipeline.domain.raw import RawValue
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import emit_notes
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round, set_stage
from pipeline.workbooks import notes as notes_workbook
from pipeline.workbooks.book import open_book
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire
from pipeline.workbooks.response import read_answers
from tests.conftest import a_round
from tests.flows.test_xlsform_features import good
from tests.support import hostile
from tests.support import openpyxl_reader as reference
from tests.support.feature_form import write_feature_form
from tests.support.filling import fill
from tests.support.office import libreoffice_convert, rename_sheet, soffice
from tests.support.sample_framework import sample_framework
from tests.workbooks.test_response import AS_AN_OFFICIAL_TYPES, SHEET1

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def differences(old: Any, new: Any, where: str = "") -> list[str]:
    """Every place where two readings differ, in value or in type."""
    if isinstance(old, RawValue) and isinstance(new, RawValue):
        return differences(old.value, new.value, f"{where}.value") + differences(old.where, new.where, f"{where}.where")
    if isinstance(old, dict) and isinstance(new, dict):
        found = [f"{where}: keys {sorted(map(str, old.keys() ^ new.keys()))} in one only"] if old.keys() != new.keys() else []
        return found + [d for key in old.keys() & new.keys() for d in differences(old[key], new[key], f"{where}[{key!r}]")]
    if isinstance(old, tuple) and isinstance(new, tuple) and not hasattr(old, "_fields"):
        if len(old) != len(new):
            return [f"{where}: {len(old)} items, then {len(new)}"]
        return [d for i, (a, b) in enumerate(zip(old, new)) for d in differences(a, b, f"{where}[{i}]")]
    if type(old) is not type(new) or old != new:
        return [f"{where}: {old!r} ({type(old).__name__}) then {new!r} ({type(new).__name__})"]
    return []


def same_response(path: Path, framework) -> None:
    old, new = reference.read_answers(path, framework), read_answers(path, framework)
    found = []
    for field in ("identity", "respondent", "answers", "evidence", "repeats", "epoch", "file"):
        found += differences(getattr(old, field), getattr(new, field), field)
    assert found == []
    assert new.answers or new.repeats  # something was read


def same_cells(path: Path) -> None:
    """Every non-empty cell, defined name and custom property, as openpyxl read-only gives them."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    book = open_book(path)
    assert book.sheet_names == tuple(wb.sheetnames)
    for sheet in wb.worksheets:
        old = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row if c.value not in (None, "")}
        assert differences(old, dict(book.values(sheet.title)), sheet.title) == []
    assert book.epoch == wb.epoch.date()
    old_names = {}
    for name, defined in wb.defined_names.items():
        try:
            destinations = list(defined.destinations)
        except Exception:
            continue
        if destinations:
            refs = [ref.replace("$", "").split(":") for _, ref in destinations]  # D4:D4 is D4
            old_names[name] = [(title, ":".join(dict.fromkeys(ref))) for (title, _), ref in zip(destinations, refs)]
    new_names = {name: [(a.sheet, f"{reference.get_column_letter(a.left)}{a.top}"
                         + ("" if (a.top, a.left) == (a.bottom, a.right) else f":{reference.get_column_letter(a.right)}{a.bottom}"))
                        for a in areas] for name, areas in book.names.items()}
    assert new_names == old_names
    assert book.properties == {p.name: str(p.value) for p in wb.custom_doc_props.props}
    wb.close()


# The fixtures, built as the inbox suites build them


@pytest.fixture
def sample(tmp_path):
    framework = sample_framework()
    identity = Identity("2026-PER-planning.mef.1", "2026-PER-planning", "mef", framework.id, framework.version, "es",
                        framework.structure_hash, "2026-11-28")
    cover = Cover("Planificación", "Perú", "Ministerio de Economía y Finanzas (MEF)", dt.date(2026, 12, 18), "jm@example.org")
    return framework, write_questionnaire(tmp_path / "q.xlsx", framework, identity, cover)


def official(path: Path, target: Path) -> Path:
    return fill(path, AS_AN_OFFICIAL_TYPES, target)


def renamed_and_unnamed(path: Path, target: Path) -> Path:
    official(path, target)
    rename_sheet(target, SHEET1, "Planes")
    wb = openpyxl.load_workbook(target)
    del wb.defined_names["q_law_year"]
    wb.save(target)
    return target


def inserted_rows(path: Path, target: Path) -> Path:
    official(path, target)
    wb = openpyxl.load_workbook(target)
    wb[SHEET1].insert_rows(4, 2)
    for name in ("q_plan", "q_law", "q_law_year", "e_plan", "e_law", "e_law_year"):
        del wb.defined_names[name]
    wb.save(target)
    return target


def without_metadata_sheet(path: Path, target: Path) -> Path:
    official(path, target)
    wb = openpyxl.load_workbook(target)
    del wb["_mecigep"]
    wb.save(target)
    return target


def dates_of_1904(path: Path, target: Path) -> Path:
    wb = openpyxl.load_workbook(path)
    wb.epoch = dt.datetime(1904, 1, 1)
    wb.save(target)
    return fill(target, {"q_last_review": dt.datetime(2026, 3, 15), "resp_date": 45366, "q_law_year": 1995}, target)


def odd_cells(path: Path, target: Path) -> Path:
    """What officials leave in cells: error values, a time, spaces and line breaks, a float, a boolean, Unicode."""
    return fill(path, {"q_plan": "#N/A", "q_law": True, "q_law_year": 1995.5, "q_budget_share": "#DIV/0!",
                       "q_last_review": dt.time(10, 30), "q_obstacles": "  Línea 1\nLínea 2\t«citada» — ✓ 😀  ",
                       "e_law": "=B2*2", "resp_name": "  ", "q_tools__reports": 0.1}, target)


SAMPLE_CASES: dict[str, Callable[[Path, Path], Path]] = {
    "as-an-official-types": official, "renamed-sheet-and-deleted-name": renamed_and_unnamed,
    "inserted-rows": inserted_rows, "metadata-sheet-deleted": without_metadata_sheet, "1904-dates": dates_of_1904,
    "odd-cells": odd_cells, "blank": lambda path, target: path,
}


@pytest.mark.parametrize("case", SAMPLE_CASES)
def test_a_sample_questionnaire_reads_the_same(sample, tmp_path, case):
    framework, blank = sample
    path = SAMPLE_CASES[case](blank, tmp_path / f"{case}.xlsx")
    same_cells(path)
    same_response(path, framework)


@pytest.fixture
def planning(workspace):
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),)))
    [mef] = emit(workspace, "2026-PER-planning")
    return available(workspace)["planning"].framework, mef


def test_the_planning_questionnaire_complete_incomplete_and_renamed_reads_the_same(planning, tmp_path):
    framework, mef = planning
    answers = complete_answers(framework)
    complete = fill(mef, answers, tmp_path / "complete.xlsx")
    incomplete = fill(mef, dict(list(answers.items())[: len(answers) // 3]), tmp_path / "incomplete.xlsx")
    renamed = fill(mef, answers, tmp_path / "renamed.xlsx")
    first_dimension = next(n for n in openpyxl.load_workbook(renamed, read_only=True).sheetnames if n.startswith("1."))
    rename_sheet(renamed, first_dimension, "Marco")
    for path in (complete, incomplete, renamed):
        same_cells(path)
        same_response(path, framework)


@needs_libreoffice
def test_a_copy_saved_by_libreoffice_reads_the_same(planning, tmp_path):
    framework, mef = planning
    saved = libreoffice_convert(fill(mef, complete_answers(framework), tmp_path / "mef.xlsx"), tmp_path / "lo")
    same_cells(saved)
    same_response(saved, framework)


def test_a_repeat_and_its_rows_read_the_same(workspace, tmp_path):
    write_feature_form(workspace.root / "frameworks" / "features.xlsx")
    open_round(workspace, a_round())
    framework = available(workspace)["planning"].framework
    [issued] = emit(workspace, "2026-PER-planning", lang="es")
    path = fill(issued, good(framework, "es"), tmp_path / "features.xlsx")
    same_cells(path)
    same_response(path, framework)
    assert len(read_answers(path, framework).repeats["plans"]) == 2


def test_a_notes_workbook_reads_the_same(workspace, tmp_path):
    open_round(workspace, a_round())
    set_stage(workspace, "2026-PER-planning", Stage.INTERVIEWS)
    chl, _ = emit_notes(workspace, "2026-PER-planning")
    wb = openpyxl.load_workbook(chl)
    names = [n for n in wb.defined_names if n.startswith("n_")][:6]
    path = fill(chl, {**{n: f"Hallazgo {i}" for i, n in enumerate(names)}, "expert_name": "Carolina Fuentes"}, tmp_path / "n.xlsx")
    same_cells(path)
    old, new = reference.read_notes(path), notes_workbook.read_notes(path)
    assert differences(old.__dict__, new.__dict__) == []
    assert len(new.rows) >= 1


def test_a_large_workbook_that_is_not_ours_reads_the_same_cell_by_cell(tmp_path):
    same_cells(hostile.questionnaire(tmp_path))
