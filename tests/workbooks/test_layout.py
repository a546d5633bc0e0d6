"""Every workbook the pipeline emits shows all its text, as its reader prints or scrolls it: checked cell by cell
with the writer's own measure (``workbooks/fit.py``: Calibri's metrics, the column's width) — every wrapped text fits
its row, no word is wider than its column, no text that does not wrap runs into a filled cell, no sheet's tab is a
name cut mid-word — on every workbook of the example round and on every starter framework's questionnaire, blank and
returned for correction, in the four languages. LibreOffice, asked for the height each row needs, agrees."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from pipeline.analysis.consolidation import build
from pipeline.cli.app import main
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.round_data import load
from pipeline.workbooks.consolidated import write_consolidated
from pipeline.workbooks.fit import cut_cells, row_height
from pipeline.workbooks.questionnaire import Cover, Identity, Prefill, write_questionnaire
from tests.support import libreoffice

LANGUAGES = ("es", "en", "pt", "fr")
ROUND = "2026-PER-planning"


def problems_of(path: Path) -> list[str]:
    """Every text of the workbook at ``path`` that would not show whole, and every tab cut mid-word."""
    found = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        if sheet.sheet_state != "visible":
            continue
        found += [f"{path.name}: {p}" for p in cut_cells(sheet)]
        title = sheet["A1"].value
        if isinstance(title, str) and title.startswith(sheet.title) and title[len(sheet.title):][:1].isalnum():
            found.append(f"{path.name}: the tab {sheet.title!r} cuts {title!r} mid-word")
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The example workspace, with its consolidated workbook also made in the other languages."""
    root = tmp_path_factory.mktemp("layout") / "demo"
    assert main(["demo", "--workspace", str(root)]) == 0
    workspace = Workspace.open(root)
    data = load(workspace, ROUND)
    for lang in LANGUAGES[1:]:
        write_consolidated(root / "outbox" / ROUND / f"consolidated-{lang}.xlsx", build(data, lang))
    return root


@pytest.fixture(scope="module")
def questionnaires(tmp_path_factory) -> list[Path]:
    """Every starter framework's questionnaire in every language, and a copy returned with a problem in each cell kind."""
    folder, made = tmp_path_factory.mktemp("questionnaires"), []
    for entry in available(None).values():
        fw = entry.framework
        for lang in LANGUAGES:
            identity = Identity(f"{fw.id}.x.1", "2026-PER-x", "x", fw.id, fw.version, lang, fw.structure_hash, "2026-05-01")
            cover = Cover("Tema", "País", "Ministerio de Economía y Finanzas (MEF)", None, "Ana Torres <ana@example.org>")
            made.append(write_questionnaire(folder / f"{fw.id}-{lang}.xlsx", fw, identity, cover))
            first = [q for q in fw.questions if q.answerable][:3]
            prefill = Prefill(answers={f"q_{first[0].name}": "x" * 300, "resp_name": "Rosa Huamán"},
                              problems={f"q_{q.name}": [f"La pregunta {q.name} es obligatoria, pero no tiene respuesta."]
                                        for q in first} | {"resp_email": ["Escriba un correo electrónico válido."]},
                              general=["El archivo se guardó con otro nombre de hoja."])
            made.append(write_questionnaire(folder / f"{fw.id}-{lang}-feedback.xlsx", fw, identity, cover, prefill))
    return made


def test_every_workbook_of_the_example_round_shows_all_its_text(demo):
    workbooks = sorted(p for p in (demo / "outbox").rglob("*.xlsx")) + sorted((demo / "examples").rglob("*.xlsx"))
    assert len(workbooks) >= 15
    assert [p for path in workbooks for p in problems_of(path)] == []


def test_every_starter_questionnaire_shows_all_its_text_in_every_language(questionnaires):
    assert [p for path in questionnaires for p in problems_of(path)] == []


@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with its Python bridge is not installed")
def test_libreoffice_needs_no_taller_row_than_the_writer_gives(questionnaires, demo, tmp_path):
    """LibreOffice's optimal height of each row (its own text layout, with Carlito for Calibri) is never more than the
    height the writer set, on a questionnaire, its feedback copy and the consolidated workbook."""
    for source in (questionnaires[0], questionnaires[1], demo / "outbox" / ROUND / "consolidado.xlsx"):
        report = tmp_path / f"{source.stem}.json"
        libreoffice.edit(source, tmp_path / source.name, [{"op": "row_heights", "output": str(report)}])
        measured = json.loads(report.read_text(encoding="utf-8"))
        wb = openpyxl.load_workbook(source)
        taller = [(sheet, row, ours, optimal) for sheet, rows in measured.items() for row, ours, optimal in rows
                  if optimal > ours + 1.5 and row_height(wb[sheet], row) < 409]
        assert taller == [], source.name
