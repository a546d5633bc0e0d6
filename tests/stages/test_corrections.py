"""DGPE's corrections with their trail, and quality checks marked explained: through the command line, as staff do,
on a round whose questionnaires came back through the inbox."""
import datetime as dt
import hashlib

import docx
import openpyxl
import pytest

from pipeline.analysis.checks import GapKind
from pipeline.cli.app import main
from pipeline.demo.answers import complete_answers
from pipeline.domain.models import Institution
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.corrections import checks
from pipeline.stages.frameworks import available
from pipeline.stages.interviews import consolidate, write_interview_guides
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from tests.conftest import a_round
from tests.support.filling import fill

ROUND = "2026-PER-planning"
NOTE = "La directora confirmó por teléfono que el porcentaje es 45 (el 54 fue un error de tipeo)."


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """MEF and PCM answered (PCM pasting MEF's answer to pl_30); SUNAT sent nothing."""
    workspace = Workspace.init(tmp_path_factory.mktemp("corrections") / "ws")
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="pcm@example.pe"),
        Institution(id="sunat", name="Superintendencia Nacional de Aduanas", acronym="SUNAT", email="s@example.pe"))))
    mef, pcm, _ = emit(workspace, ROUND)
    framework = available(workspace)["planning"].framework
    mef_answers = {**complete_answers(framework, seed=0), "q_pl_04": 54}
    fill(mef, mef_answers, workspace.inbox / "mef.xlsx")
    fill(pcm, {**complete_answers(framework, seed=1), "q_pl_30": mef_answers["q_pl_30"]}, workspace.inbox / "pcm.xlsx")
    outcomes = run_once(workspace, REGISTRY, settle=0.05, workers=1, lang="es")
    assert sorted(o.result for o in outcomes) == ["accepted", "accepted"], [o.render("en") for o in outcomes]
    return workspace


def run(workspace, *args):
    return main(["--workspace", str(workspace.root), *args])


@pytest.fixture(scope="module")
def corrected(returned):
    assert run(returned, "response", "correct", ROUND, "MEF", "pl_04", "45", "--note", NOTE, "--by", "Ana Torres") == 0
    return returned


def test_a_correction_is_an_event_with_who_when_before_and_after(corrected, capsys):
    [event] = [e for e in corrected.ledger.events(ROUND) if e.kind == "response.corrected"]
    assert {k: event.payload[k] for k in ("institution", "question", "before", "after", "note", "by")} == {
        "institution": "mef", "question": "pl_04", "before": 54, "after": 45, "note": NOTE, "by": "Ana Torres"}
    assert dt.datetime.fromisoformat(event.payload["at"]).date() == dt.datetime.now(dt.timezone.utc).date()
    assert corrected.ledger.verify().broken_at is None


def test_the_command_says_what_it_recorded(returned, capsys):
    assert run(returned, "response", "correct", ROUND, "pcm", "pl_23", "120", "--note", "Confirmado por correo.", "--by", "Ana") == 0
    assert capsys.readouterr().out.strip() == translate(m.CORRECTION_RECORDED, "es", institution="PCM", question="pl_23",
                                                        before="1", after="120", note="Confirmado por correo.")


def test_the_officials_file_and_stored_response_never_change(corrected):
    [response] = [r for r in records.responses(corrected.ledger, ROUND) if r.institution == "mef"]
    assert response.answers.value("pl_04") == 54
    stored = records.document(corrected.ledger, response.sha256).stored
    assert hashlib.sha256((corrected.root / stored).read_bytes()).hexdigest() == response.sha256


def table_rows(ws, name):
    rows = [[cell for cell in row] for row in ws[ws.tables[name].ref]]
    return [dict(zip([c.value for c in rows[0]], r)) for r in rows[1:]]


def test_the_consolidation_shows_the_corrected_value_marked(corrected):
    wb = openpyxl.load_workbook(consolidate(corrected, ROUND).path)
    rows = table_rows(wb[translate(m.CONS_SHEET_LONG, "es")], "Answers")
    mef = next(r for r in rows if r[translate(m.CONS_INSTITUTION, "es")].value == "MEF"
               and r[translate(m.CONS_ID, "es")].value == available(corrected)["planning"].framework.number("pl_04"))
    answer, note = mef[translate(m.CONS_ANSWER, "es")], mef[translate(m.CONS_CORRECTION, "es")]
    assert answer.value == 45 and mef[translate(m.CONS_RAW, "es")].value == 54
    assert note.value == translate(m.CONS_CORRECTED, "es", before="54", after="45", by="Ana Torres",
                                   date=format_date(dt.datetime.now(dt.timezone.utc).date(), "es"), note=NOTE)
    assert answer.comment is not None and NOTE in answer.comment.text and answer.fill.fgColor.rgb.endswith("DDEBF7")
    untouched = next(r for r in rows if r[translate(m.CONS_INSTITUTION, "es")].value == "MEF"
                     and r[translate(m.CONS_ID, "es")].value == available(corrected)["planning"].framework.number("pl_01"))
    assert untouched[translate(m.CONS_CORRECTION, "es")].value is None and untouched[translate(m.CONS_ANSWER, "es")].comment is None


def test_history_lists_the_versions_and_the_corrections(corrected, capsys):
    capsys.readouterr()
    assert run(corrected, "response", "history", ROUND, "mef") == 0
    out = capsys.readouterr().out
    [response] = [r for r in records.responses(corrected.ledger, ROUND) if r.institution == "mef"]
    assert response.sha256[:12] in out and translate(m.HISTORY_CURRENT, "es").strip() in out
    assert "Ana Torres" in out and "54 → 45" in out and NOTE in out


@pytest.mark.parametrize("args, message", [
    (("MEF", "pl_04", "45"), m.CORRECTION_NO_NOTE),
    (("MEF", "pl_99", "45", "--note", "x"), m.CORRECTION_UNKNOWN_QUESTION),
    (("MEF", "pl_04", "cuarenta", "--note", "x"), m.RESP_NOT_A_NUMBER),
    (("SUNAT", "pl_04", "45", "--note", "x"), m.CORRECTION_NO_RESPONSE),
    (("XYZ", "pl_04", "45", "--note", "x"), m.CORRECTION_UNKNOWN_INSTITUTION),
])
def test_a_correction_that_cannot_be_made_is_one_sentence_and_exit_code_2(corrected, capsys, args, message):
    capsys.readouterr()
    assert run(corrected, "response", "correct", ROUND, *args) == 2
    err = capsys.readouterr().err
    first = translate(message, "es", round=ROUND, question=args[1], institution=args[0], value="cuarenta",
                      institutions=["MEF", "PCM", "SUNAT"])
    assert err.strip().startswith(first[:25]) and "Traceback" not in err


def test_a_quality_check_fires_and_is_listed_with_its_name(returned, capsys):
    keys = [s.gap.key for s in checks(returned, ROUND) if s.gap.kind is GapKind.COPIED_TEXT]
    assert keys == ["copied_text:mef:pl_30", "copied_text:pcm:pl_30"]
    capsys.readouterr()
    assert run(returned, "check", "list", ROUND) == 0
    assert "copied_text:mef:pl_30" in capsys.readouterr().out


def test_a_check_marked_explained_keeps_its_note_in_the_workbook_and_the_guides(returned, capsys):
    note = "El MEF redactó la respuesta para ambas instituciones; se confirmará en la entrevista."
    assert run(returned, "check", "explain", ROUND, "copied_text:pcm:pl_30", "--note", note, "--by", "Ana Torres") == 0
    assert capsys.readouterr().out.strip() == translate(m.CHECK_MARKED, "es", check="copied_text:pcm:pl_30", round=ROUND, note=note)
    wb = openpyxl.load_workbook(consolidate(returned, ROUND).path)
    rows = {r[translate(m.CHECK_COLUMN, "es")].value: r for r in table_rows(wb[translate(m.CONS_SHEET_GAPS, "es")], "Gaps")}
    explained = rows["copied_text:pcm:pl_30"][translate(m.CHECK_EXPLAINED_COLUMN, "es")].value
    assert explained == translate(m.CHECK_EXPLAINED, "es", note=note, by="Ana Torres",
                                  date=format_date(dt.datetime.now(dt.timezone.utc).date(), "es"))
    assert rows["copied_text:mef:pl_30"][translate(m.CHECK_EXPLAINED_COLUMN, "es")].value is None
    assert rows["copied_text:pcm:pl_30"][translate(m.CONS_KIND, "es")].font.i  # an explained check is greyed
    guides = {p.stem: "\n".join(par.text for par in docx.Document(str(p)).paragraphs) +
              "\n".join(c.text for t in docx.Document(str(p)).tables for row in t.rows for c in row.cells)
              for p in write_interview_guides(returned, ROUND)}
    asked = translate(m.GUIDE_CHECKS["copied_text"], "es", question="6.7", others="PCM")  # pl_30, by its number
    assert asked in guides["guia-mef"]
    assert translate(m.CHECK_EXPLAINED_GUIDE, "es", note=note) in guides["guia-pcm"]


def test_an_unknown_check_cannot_be_marked(returned, capsys):
    capsys.readouterr()
    assert run(returned, "check", "explain", ROUND, "outlier:mef:pl_e9", "--note", "x") == 2
    assert capsys.readouterr().err.strip() == translate(m.CHECK_UNKNOWN, "es", round=ROUND, check="outlier:mef:pl_e9")
