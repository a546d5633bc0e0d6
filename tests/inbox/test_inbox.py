"""The inbox identifies, checks, archives and answers every file — and never loses one."""
import shutil

import openpyxl
import pytest
from docx import Document as WordDocument

from pipeline.demo.answers import complete_answers
from pipeline.domain import file_names
from pipeline.domain.models import Institution
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.readiness import work_files
from pipeline.inbox.run import ingest, run_once
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.records import ResponseStatus
from pipeline.stages.frameworks import available
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from pipeline.workbooks.cells import named_cells
from tests.conftest import a_round
from tests.support import hostile
from tests.support.filling import fill
from tests.support.office import libreoffice_convert, rename_sheet, soffice
from tests.support.workbook_checks import highlighted

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


@pytest.fixture
def issued(workspace):
    """A round with two institutions whose questionnaires were emitted."""
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="pcm@example.pe"),
    )))
    mef, pcm = emit(workspace, "2026-PER-planning")
    return {"mef": mef, "pcm": pcm, "framework": available(workspace)["planning"].framework}


def drop(workspace, source, name):
    target = workspace.inbox / name
    shutil.copyfile(source, target)
    return target


def run(workspace):
    return run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")


def test_a_complete_questionnaire_is_archived_recorded_and_receipted(workspace, issued):
    filled = fill(issued["mef"], complete_answers(issued["framework"]), workspace.root / "mef.xlsx")
    drop(workspace, filled, "Respuesta MEF final.xlsx")
    [outcome] = run(workspace)
    assert outcome.result == "accepted", outcome.render("en")
    sha = sha256_of(filled)
    archived = workspace.root / records.document(workspace.ledger, sha).stored
    assert archived.read_bytes() == filled.read_bytes()
    assert archived.stat().st_mode & 0o222 == 0  # read-only
    receipt = workspace.root / outcome.answer
    text = "\n".join(p.text for p in WordDocument(receipt).paragraphs) + "\n".join(
        c.text for t in WordDocument(receipt).tables for row in t.rows for c in row.cells)
    assert "Respuesta MEF final.xlsx" in text and sha in text
    [response] = records.responses(workspace.ledger, "2026-PER-planning")
    assert (response.institution, response.status, response.errors) == ("mef", ResponseStatus.ACCEPTED, 0)
    assert response.answered == response.required > 20
    assert list(workspace.inbox.iterdir()) == [] and work_files(workspace.work) == []


def test_an_incomplete_questionnaire_gets_a_feedback_workbook_with_the_cells_to_fix(workspace, issued):
    framework = issued["framework"]
    answers = complete_answers(framework)
    answers.pop("q_pl_02")  # a required answer left empty
    answers["q_pl_04"] = 250  # a percentage typed past the validation
    drop(workspace, fill(issued["mef"], answers, workspace.root / "mef.xlsx"), "mef.xlsx")
    [outcome] = run(workspace)
    assert outcome.result == "incomplete"
    feedback = openpyxl.load_workbook(workspace.root / outcome.answer)
    missing = named_cells(feedback, "q_pl_02")[0]
    wrong = named_cells(feedback, "q_pl_04")[0]
    assert missing.comment is not None and f"{framework.number('pl_02')} “" in missing.comment.text  # by number and text
    assert wrong.value == 250 and wrong.comment is not None
    assert highlighted(missing) and highlighted(wrong)
    kept = named_cells(feedback, "q_pl_01")[0]
    assert kept.value == answers["q_pl_01"] and kept.comment is None
    problems_sheet = feedback[translate(m.Q_SHEET_PROBLEMS, "es")]
    listed = [(r[0].value, r[1].value) for r in problems_sheet.iter_rows()]
    assert (missing.parent.title, missing.coordinate) in listed and (wrong.parent.title, wrong.coordinate) in listed
    [response] = records.responses(workspace.ledger, "2026-PER-planning")
    assert response.status is ResponseStatus.INCOMPLETE and response.answers.value("pl_01") == "3"


def test_a_corrected_resubmission_supersedes_the_first_and_keeps_its_history(workspace, issued):
    answers = complete_answers(issued["framework"])
    partial = {k: v for k, v in answers.items() if k != "q_pl_02"}
    drop(workspace, fill(issued["mef"], partial, workspace.root / "first.xlsx"), "mef.xlsx")
    [first] = run(workspace)
    feedback = workspace.root / first.answer
    drop(workspace, fill(feedback, {"q_pl_02": answers["q_pl_02"]}, workspace.root / "second.xlsx"), "mef corregido.xlsx")
    [second] = run(workspace)
    assert (first.result, second.result) == ("incomplete", "accepted"), (first.render("en"), second.render("en"))
    history = records.responses(workspace.ledger, "2026-PER-planning", current_only=False)
    assert [r.status for r in history] == [ResponseStatus.INCOMPLETE, ResponseStatus.ACCEPTED]
    assert history[0].superseded_by == history[1].sha256
    assert [r.status for r in records.responses(workspace.ledger, "2026-PER-planning")] == [ResponseStatus.ACCEPTED]


def test_the_same_file_sent_twice_is_counted_once(workspace, issued):
    filled = fill(issued["mef"], complete_answers(issued["framework"]), workspace.root / "mef.xlsx")
    drop(workspace, filled, "a.xlsx")
    run(workspace)
    drop(workspace, filled, "a (copia).xlsx")
    [again] = run(workspace)
    assert again.result == "duplicate"
    assert len(records.responses(workspace.ledger, "2026-PER-planning", current_only=False)) == 1
    assert len(list((workspace.outbox / "2026-PER-planning").glob(f"{file_names.word(m.FILE_RECEIPT, 'es')}-*.docx"))) == 1


def test_a_renamed_sheet_and_a_renamed_file_do_not_matter(workspace, issued):
    filled = fill(issued["pcm"], complete_answers(issued["framework"]), workspace.root / "pcm.xlsx")
    rename_sheet(filled, "1. Marco institucional", "Marco")
    drop(workspace, filled, "cualquier nombre.xlsx")
    [outcome] = run(workspace)
    assert (outcome.result, outcome.institution) == ("accepted", "pcm")


@needs_libreoffice
def test_a_questionnaire_saved_by_libreoffice_is_read_like_excels(workspace, issued, tmp_path):
    filled = fill(issued["mef"], complete_answers(issued["framework"]), tmp_path / "mef.xlsx")
    saved = libreoffice_convert(filled, tmp_path / "lo")
    drop(workspace, saved, "mef-libreoffice.xlsx")
    [outcome] = run(workspace)
    assert outcome.result == "accepted", outcome.render("en")


def test_a_tampered_workbook_is_quarantined_with_the_reason(workspace, issued):
    tampered = workspace.root / "tampered.xlsx"
    wb = openpyxl.load_workbook(issued["mef"])
    meta = wb["_mecigep"]
    for row in meta.iter_rows():
        if row[0].value == "structure_hash":
            row[1].value = "0" * 64
    wb.save(tampered)
    drop(workspace, tampered, "mef.xlsx")
    [outcome] = run(workspace)
    assert outcome.result == "quarantined"
    assert translate(m.INBOX_TAMPERED, "es", questionnaire="2026-PER-planning.mef.1", field="structure_hash") in outcome.render("es")
    note = next(workspace.quarantine.glob("*.txt")).read_text()
    assert "structure_hash" in note


def test_a_questionnaire_this_workspace_never_issued_is_foreign(workspace, issued, tmp_path):
    other = tmp_path / "other"
    from pipeline.ledger.workspace import Workspace

    elsewhere = Workspace.init(other)
    open_round(elsewhere, a_round(id="2026-PER-planning"))
    [foreign] = emit(elsewhere, "2026-PER-planning", ["mef"])
    wb = openpyxl.load_workbook(foreign)
    for row in wb["_mecigep"].iter_rows():
        if row[0].value == "questionnaire_id":
            row[1].value = "2026-PER-planning.mef.99"
    wb.save(foreign)
    drop(workspace, foreign, "x.xlsx")
    [outcome] = run(workspace)
    assert outcome.result == "quarantined"
    assert "2026-PER-planning.mef.99" in outcome.render("es")


@pytest.mark.parametrize("make", [
    hostile.zip_bomb, hostile.billion_laughs, hostile.control_character, hostile.truncated, hostile.with_macros,
    hostile.far_column, hostile.csv_as_xlsx, hostile.docx_as_xlsx, hostile.pdf_as_xlsx,
    lambda folder: hostile.fake_ole2(folder, "encrypted.xlsx", ["EncryptionInfo", "EncryptedPackage"]),
    lambda folder: hostile.fake_ole2(folder, "legacy.xlsx", ["Workbook"]),
    hostile.minimal_ods,
], ids=["zip-bomb", "xml-bomb", "control-character", "truncated", "macros", "huge-sheet", "csv", "docx", "pdf",
        "encrypted", "legacy-xls", "ods"])
def test_a_hostile_or_unusable_file_is_quarantined_unchanged_with_a_note(workspace, tmp_path, make):
    made = make(tmp_path)
    original = made.read_bytes()
    drop(workspace, made, made.name)
    [outcome] = run(workspace)
    assert outcome.result == "quarantined"
    kept = workspace.root / outcome.answer
    assert kept.read_bytes() == original
    assert kept.with_name(kept.name + ".txt").read_text().count("SHA-256") == 1


def test_hostile_files_are_told_apart(workspace, tmp_path):
    for make in (hostile.truncated, lambda f: hostile.fake_ole2(f, "encrypted.xlsx", ["EncryptionInfo", "EncryptedPackage"]),
                 hostile.csv_as_xlsx):
        drop(workspace, make(tmp_path), f"{len(list(workspace.inbox.iterdir()))}.xlsx")
    reasons = [o.params["reason"] for o in run(workspace)]
    assert len(set(reasons)) == 3


def test_lock_and_temporary_files_are_never_taken(workspace):
    for name in ("~$mef.xlsx", ".~lock.mef.xlsx#", "mef.xlsx.tmp", "descarga.part", ".oculto.xlsx"):
        (workspace.inbox / name).write_bytes(b"PK\x03\x04 partial")
    assert run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es", give_up_after=0.5) == []
    assert len(list(workspace.inbox.iterdir())) == 5


def test_a_round_request_dropped_in_the_inbox_opens_its_round(workspace, tmp_path):
    from pipeline.demo.build import PERU_REQUEST
    from pipeline.workbooks.request import write_form

    drop(workspace, write_form(tmp_path / "solicitud.xlsx", workspace.catalog, "es", PERU_REQUEST), "solicitud.xlsx")
    [outcome] = run(workspace)
    assert outcome.result == "request"
    assert workspace.ledger.get_round("2026-PER-planning").institutions[0].acronym == "CEPLAN"


def test_ingest_leaves_the_given_file_where_it_was(workspace, issued):
    filled = fill(issued["mef"], complete_answers(issued["framework"]), workspace.root / "elsewhere.xlsx")
    [outcome] = ingest(workspace, REGISTRY, [filled], workers=1, lang="es")
    assert outcome.result == "accepted" and filled.exists()


def test_a_burst_is_processed_with_two_workers_each_file_once(workspace, issued):
    answers = complete_answers(issued["framework"])
    for n in range(12):
        fill(issued["mef"] if n % 2 else issued["pcm"], {**answers, "q_pl_29": f"Versión {n}"}, workspace.inbox / f"r{n}.xlsx")
    outcomes = run_once(workspace, REGISTRY, settle=0.05, workers=2, lang="es")
    assert sorted(o.result for o in outcomes) == ["accepted"] * 12
    assert len(records.responses(workspace.ledger, "2026-PER-planning", current_only=False)) == 12
    assert workspace.ledger.verify().broken_at is None
