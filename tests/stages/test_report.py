"""The report's commands as staff use them: consent to publish and what it lets reach the seminar and the register, the
report's state in ``status``, comparing versions, and taking a returned copy again after a crash."""
import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import docx
import openpyxl
import pytest

from pipeline.cli.app import main
from pipeline.documents.panel_text import panel_sections
from pipeline.documents.report_labels import REPORT_LABELS
from pipeline.domain.catalog import Catalog
from pipeline.domain.enums import PublicationScope
from pipeline.i18n import messages as m
from pipeline.i18n.messages.report import REPORT_APPROVAL_ROWS
from pipeline.i18n.translation import format_date, translate
from pipeline.ledger import records
from pipeline.ledger.drafts import drafts, returns
from pipeline.ledger.records import State
from pipeline.stages.consent import ConsentChoice, consent_of, describe, record
from pipeline.stages.publication import write_register
from pipeline.stages.seminar import write_seminar
from tests.stages.test_register import COSTA_RICA, PERU, published_workspace
from tests.support.drafting import ROUND, drafting_copy, first_draft
from tests.support.word import saved_by, write_panel_text

YEAR = dt.date.today().year
PERU_SUMMARY = f"Texto del panel (summary) sobre {PERU}."
PERU_RECOMMENDATION = "Vincular el plan con el presupuesto."


@pytest.fixture
def published(tmp_path_factory):
    return published_workspace(tmp_path_factory)


def run(workspace, *args):
    return main(["--workspace", str(workspace.root), *args])


def texts(path):
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])


def register_rows(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=1) if row[0].value in (PERU, COSTA_RICA)]


def test_with_no_consent_a_round_is_in_seminar_and_register_by_its_existence_and_topic_alone(published, capsys):
    assert run(published, "report", "consent", PERU, "--none") == 0
    said = describe(consent_of(published, PERU), "es")
    assert capsys.readouterr().out.strip() == translate(m.CONSENT_RECORDED, "es", round=PERU, consent=said)

    seminar = texts(write_seminar(published, YEAR).path)
    assert translate(m.CONSENT_WITHHELD, "es", country=Catalog().state("PER")) in seminar
    assert "3.1 Perú — Planificación (2026)" in seminar  # it exists, on its topic, by its country and year, never its id
    for private in (PERU_SUMMARY, PERU_RECOMMENDATION, "El plan de largo plazo existe pero no orienta el presupuesto.", "Expert CHL"):
        assert private not in seminar
    assert "Medir la satisfacción de los usuarios cada año." in seminar  # Costa Rica's consent is untouched

    rows = register_rows(write_register(published).path)
    peru = [r for r in rows if r[0] == PERU]
    assert len(peru) == 1 and peru[0][5] == translate(m.REGISTER_KINDS["withheld"], "es")
    assert peru[0][6] == translate(m.CONSENT_REGISTER_WITHHELD, "es", country=Catalog().state("PER")) and peru[0][2] == "Planificación"
    assert [r for r in rows if r[0] == COSTA_RICA and r[6] == "Medir la satisfacción de los usuarios cada año."]


def test_an_executive_summary_only_reaches_the_seminar_and_nothing_reaches_the_register(published):
    record(published, PERU, ConsentChoice(PublicationScope.SUMMARY))
    seminar = texts(write_seminar(published, YEAR).path)
    assert PERU_SUMMARY in seminar and translate(m.CONSENT_SUMMARY_ONLY, "es", country=Catalog().state("PER")) in seminar
    assert PERU_RECOMMENDATION not in seminar
    assert [r[5] for r in register_rows(write_register(published).path) if r[0] == PERU] == [
        translate(m.REGISTER_KINDS["withheld"], "es")]


def test_before_its_embargo_nothing_of_a_round_is_public_and_after_it_all_it_consented(published):
    embargo = dt.date.today() + dt.timedelta(days=30)
    assert run(published, "report", "consent", PERU, "--full", "--answers", "--embargo", embargo.isoformat()) == 0
    seminar = texts(write_seminar(published, YEAR).path)
    assert translate(m.CONSENT_EMBARGOED, "es", date=format_date(embargo, "es")) in seminar and PERU_SUMMARY not in seminar
    [peru] = [r for r in register_rows(write_register(published).path) if r[0] == PERU]
    assert peru[6] == translate(m.CONSENT_REGISTER_EMBARGOED, "es", date=format_date(embargo, "es"))
    after = embargo + dt.timedelta(days=1)
    assert PERU_SUMMARY in texts(write_seminar(published, YEAR, today=after).path)
    assert PERU_RECOMMENDATION in [r[6] for r in register_rows(write_register(published, today=after).path)]


def test_a_consent_says_one_scope_and_the_final_report_prints_the_consent_it_was_approved_with(published, capsys):
    assert run(published, "report", "consent", PERU, "--full", "--none") == 2
    assert capsys.readouterr().err.strip() == translate(m.CONSENT_ONE_SCOPE, "es")
    final = texts(published.outbox / PERU / f"{PERU}-informe-final.docx")
    consent = describe(consent_of(published, COSTA_RICA), "es")
    assert translate(REPORT_APPROVAL_ROWS["consent"], "es") in final and consent in final
    assert consent.startswith(translate(m.CONSENT_FULL, "es"))
    assert translate(REPORT_LABELS["confidential_mark"], "es") == "Borrador — confidencial"


def test_status_shows_the_draft_left_to_settle_and_the_consent(tmp_path_factory, capsys):
    workspace = drafting_copy(tmp_path_factory)
    assert run(workspace, "status", ROUND, "--json") == 0
    report = json.loads(capsys.readouterr().out)["report"]
    assert (report["version"], report["consent_scope"], report["consent"]) == (1, None, translate(m.CONSENT_NOT_RECORDED, "es"))
    assert report["left"] == len(panel_sections(docx.Document(str(first_draft(workspace)))))  # every placeholder
    assert run(workspace, "status", ROUND) == 0
    out = capsys.readouterr().out
    assert translate(m.STATUS_DRAFT, "es", version=1, left=report["left"]) in out
    assert f"{translate(m.CONSENT_LABEL, 'es')}: {translate(m.CONSENT_NOT_RECORDED, 'es')}" in out


def test_compare_names_a_version_the_round_does_not_have(tmp_path_factory, capsys):
    workspace = drafting_copy(tmp_path_factory)
    assert run(workspace, "report", "compare", ROUND, "1", "7") == 2
    assert capsys.readouterr().err.strip() == translate(m.COMPARE_NO_VERSION, "es", round=ROUND, version=7, versions=("1",))
    assert run(workspace, "report", "compare", ROUND, "1", "1") == 0
    path = workspace.outbox / ROUND / f"{ROUND}-cambios-v1-v1.docx"
    assert translate(m.COMPARE_NOTHING, "es") in texts(path)
    assert translate(m.COMPARE_WRITTEN, "es", old=1, new=1, path=str(path), count=0) in capsys.readouterr().out


@pytest.mark.parametrize("crash_at", ["ledger-before-commit", "draft-merged", "draft-answered"])
def test_a_copy_taken_again_after_a_crash_makes_one_version_and_one_receipt(tmp_path_factory, crash_at):
    workspace = drafting_copy(tmp_path_factory)
    copy = docx.Document(str(first_draft(workspace)))
    write_panel_text(copy, "summary", "Resumen de la coordinación.")
    saved_by(copy, "Javier Morales").save(str(workspace.inbox / "copia.docx"))
    command = [sys.executable, "-c", "from pipeline.cli.app import main; main()", "--workspace", str(workspace.root), "watch",
               "--once", "--settle", "0.05", "--workers", "1"]
    env = {k: v for k, v in os.environ.items() if k != "MECIGEP_CRASH_AT"}
    killed = subprocess.run(command, env={**env, "MECIGEP_CRASH_AT": crash_at}, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert [d.version for d in drafts(workspace, ROUND)] == [1, 2] and len(returns(workspace, ROUND)) == 1
    assert len(list((workspace.outbox / ROUND).glob("acuse-borrador-*.docx"))) == 1
    [copy_sha] = [r.sha256 for r in returns(workspace, ROUND)]
    document = records.document(workspace.ledger, copy_sha)
    assert document is not None and document.state is State.ANSWERED and document.answer.endswith(f"-{copy_sha[:12]}.docx") and "acuse-borrador-" in document.answer
    assert not list(workspace.inbox.iterdir()) and not [p for p in (workspace.root / "work").iterdir() if p.name != ".locks"]
    assert panel_sections(docx.Document(str(workspace.outbox / ROUND / f"{ROUND}-borrador-v2.docx")))["summary"].text == \
        "Resumen de la coordinación."
    shutil.rmtree(workspace.root)
