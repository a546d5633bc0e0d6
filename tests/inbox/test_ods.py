"""An official who saved the questionnaire as .ods in LibreOffice is read like one who saved .xlsx: identity from
the hidden sheet, answers by named range, a receipt that says the format was accepted, a feedback workbook when
something is to fix, a refusal when it was tampered with. An old .xls stays refused with its own sentence."""
import re

import docx
import openpyxl
import pytest

from pipeline.demo.answers import complete_answers
from pipeline.domain.models import Institution, Stage
from pipeline.domain.raw import MAC_1904, WINDOWS_1900
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.ledger.records import ResponseStatus
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import emit_notes, merged_notes
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.response import read_answers
from pipeline.workbooks.safety import Format, Refusal, inspect
from tests.conftest import a_round
from tests.stages.test_notes import good_answers as notes_answers
from tests.support import hostile
from tests.support.filling import fill
from tests.support.office import libreoffice_convert_all, soffice
from tests.support.stages import advance
from tests.workbooks.test_readers import differences

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
ROUND = "2026-PER-planning"


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """One round's questionnaires, filled complete, incomplete and tampered with, each saved by LibreOffice headless
    as .ods (calc8), and the complete one also as .xls (Excel 97); with the workspace that issued them."""
    from pipeline.ledger.workspace import Workspace

    root = tmp_path_factory.mktemp("ods")
    workspace = Workspace.init(root / "ws")
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="pcm@example.pe"),
    )))
    mef, pcm = emit(workspace, ROUND)
    framework = available(workspace)["planning"].framework
    answers = complete_answers(framework)
    incomplete = {k: v for k, v in answers.items() if k != "q_pl_02"} | {"q_pl_04": 250}
    made = root / "made"
    files = {"complete": fill(mef, answers, made / "complete.xlsx"), "incomplete": fill(pcm, incomplete, made / "incomplete.xlsx")}
    wb = openpyxl.load_workbook(mef)
    for row in wb["_mecigep"].iter_rows():
        if row[0].value == "structure_hash":
            row[1].value = "0" * 64
    wb.save(made / "tampered.xlsx")
    files["tampered"] = fill(made / "tampered.xlsx", answers)
    advance(workspace, ROUND, Stage.INTERVIEWS)  # questionnaires still count; the experts' notes are out
    chl, _ = emit_notes(workspace, ROUND)
    files["notes"] = fill(chl, notes_answers(), made / "notes.xlsx")
    odf = dict(zip(files, libreoffice_convert_all(list(files.values()), root / "lo", "ods:calc8")))
    [odf["legacy"]] = libreoffice_convert_all([files["complete"]], root / "lo", 'xls:MS Excel 97')
    return {"workspace": workspace, "framework": framework, "xlsx": files, **odf}


def cells(found):
    """Values read, each as (value, sheet, cell)."""
    if isinstance(found, dict):
        return {key: cells(value) for key, value in found.items()}
    if isinstance(found, tuple):
        return tuple(cells(value) for value in found)
    return (found.value, found.where.sheet, found.where.cell)


def take(workspace, path, name):
    (workspace.inbox / name).write_bytes(path.read_bytes())
    [outcome] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    return outcome


def test_libreoffice_saves_an_ods_that_the_inspection_lets_through(saved):
    for case in ("complete", "incomplete", "tampered"):
        assert (inspect(saved[case]).format, inspect(saved[case]).refusal) == (Format.ODS, None)


def test_an_ods_is_read_like_the_xlsx_it_was_saved_from(saved):
    framework = saved["framework"]
    ods, xlsx = read_answers(saved["complete"], framework), read_answers(saved["xlsx"]["complete"], framework)
    assert ods.identity == xlsx.identity and ods.identity["questionnaire_id"] == f"{ROUND}.mef.1"
    assert ods.epoch == xlsx.epoch
    for field in ("respondent", "answers", "evidence", "repeats"):  # the same values at the same cells, whatever the file's name
        assert differences(cells(getattr(xlsx, field)), cells(getattr(ods, field)), field) == []
    assert ods.answers["pl_01"].where.file == "complete.ods"


def test_a_complete_ods_is_accepted_and_its_receipt_says_the_format_was(saved):
    workspace = saved["workspace"]
    outcome = take(workspace, saved["complete"], "Respuesta MEF.ods")
    assert outcome.result == "accepted", outcome.render("en")
    [response] = [r for r in records.responses(workspace.ledger, ROUND) if r.institution == "mef"]
    assert response.status is ResponseStatus.ACCEPTED and response.answered == response.required > 20
    receipt = docx.Document(workspace.root / outcome.answer)
    facts = {row.cells[0].text: row.cells[1].text for table in receipt.tables for row in table.rows}
    assert facts[translate(m.RECEIPT_FILE_FORMAT, "es")] == translate(m.RECEIPT_FORMATS["ods"], "es")
    assert facts[translate(m.RECEIPT_FILE_NAME, "es")] == "Respuesta MEF.ods"
    archived = workspace.root / records.document(workspace.ledger, outcome.sha256).stored
    assert archived.suffix == ".ods" and archived.read_bytes() == saved["complete"].read_bytes()


def test_an_incomplete_ods_gets_a_feedback_workbook_with_the_cells_to_fix(saved):
    workspace = saved["workspace"]
    outcome = take(workspace, saved["incomplete"], "pcm.ods")
    assert outcome.result == "incomplete", outcome.render("en")
    feedback = openpyxl.load_workbook(workspace.root / outcome.answer)
    missing, wrong = named_cells(feedback, "q_pl_02")[0], named_cells(feedback, "q_pl_04")[0]
    assert missing.comment is not None and f"{saved['framework'].number('pl_02')} “" in missing.comment.text  # by its number
    assert wrong.value == 250 and wrong.comment is not None
    [response] = [r for r in records.responses(workspace.ledger, ROUND) if r.institution == "pcm"]
    assert response.status is ResponseStatus.INCOMPLETE and response.answers.value("pl_01") is not None


def test_an_experts_notes_saved_as_ods_are_accepted_row_by_row(saved):
    workspace = saved["workspace"]
    outcome = take(workspace, saved["notes"], "notas CHL.ods")
    assert outcome.result == "accepted", outcome.render("en")
    assert (outcome.params["answered"], outcome.params["required"]) == (2, 18)
    rows = {(r.institution, r.element): r for r in merged_notes(workspace, ROUND)}
    assert rows[("mef", "pl_e1")].assessment == "partly" and rows[("mef", "pl_e1")].expert == "chl@example.org"


def test_a_tampered_ods_is_refused_with_the_reason(saved):
    workspace = saved["workspace"]
    original = saved["tampered"].read_bytes()
    outcome = take(workspace, saved["tampered"], "mef.ods")
    assert outcome.result == "quarantined"
    assert translate(m.INBOX_TAMPERED, "es", questionnaire=f"{ROUND}.mef.1", field="structure_hash") in outcome.render("es")
    assert (workspace.root / outcome.answer).read_bytes() == original


def test_a_legacy_xls_stays_refused_with_its_own_sentence(saved):
    workspace = saved["workspace"]
    outcome = take(workspace, saved["legacy"], "mef.xls")
    assert outcome.result == "quarantined"
    assert translate(m.MSG_LEGACY_XLS, "es") in outcome.render("es")


def test_a_hostile_ods_is_refused_unopened_or_set_aside_unread(saved, tmp_path):
    """An entity bomb in content.xml is refused by the inspection; a sheet of 16 billion cells, stated by repeats
    that cost a few bytes, is stopped by the reader (calamine's cell limit) and set aside: the file is kept."""
    workspace = saved["workspace"]
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    bomb = hostile.rewrite(saved["complete"], tmp_path / "bomb.ods", lambda name, data: laughs + data[data.index(b"?>") + 2:]
                           if name == "content.xml" else data)
    assert inspect(bomb).refusal is Refusal.XML_BOMB
    huge = hostile.rewrite(saved["complete"], tmp_path / "huge.ods", lambda name, data: data.replace(
        b"</table:table>", b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        b'table:number-columns-repeated="16000" office:value-type="float" office:value="1"/></table:table-row></table:table>', 1)
        if name == "content.xml" else data)
    for path, reason in ((bomb, translate(m.MSG_XML_BOMB, "es", part="content.xml")),
                         (huge, translate(m.INBOX_UNREADABLE, "es", detail="UnreadableWorkbook: CalamineError: Cell limit exceeded"))):
        original = path.read_bytes()
        outcome = take(workspace, path, path.name)
        said = outcome.params["reason"]  # the reader's own words about the file follow ours
        known = reason[:reason.index("exceeded") + len("exceeded")] if path is huge else reason
        assert outcome.result == "quarantined" and said.startswith(known), outcome.render("en")
        assert (workspace.root / outcome.answer).read_bytes() == original


def test_the_date_system_of_an_ods_is_its_null_date(saved, tmp_path):
    """LibreOffice keeps a workbook's 1904 date system as the spreadsheet's null date; numbers typed in date cells
    are then read from that day zero."""
    assert read_answers(saved["complete"], saved["framework"]).epoch == WINDOWS_1900
    settings = re.compile(rb"(<table:calculation-settings[^>]*[^/]>)")
    mac = hostile.rewrite(saved["complete"], tmp_path / "mac.ods", lambda name, data: settings.sub(
        rb'\1<table:null-date table:date-value="1904-01-01"/>', data, count=1) if name == "content.xml" else data)
    assert read_answers(mac, saved["framework"]).epoch == MAC_1904
