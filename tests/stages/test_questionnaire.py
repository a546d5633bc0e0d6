"""`questionnaire emit` writes one workbook per institution, pins the framework and opens the stage."""

import openpyxl
import pytest

from pipeline.cli.app import main
from pipeline.domain.models import Institution, Stage
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.stages.frameworks import SHIPPED, available
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from pipeline.workbooks.cells import named_cells
from tests.conftest import a_round
from tests.support.office import libreoffice_convert, soffice

SHIPPED_FRAMEWORKS = sorted(p.stem for p in SHIPPED.glob("*.xlsx"))


def test_every_topic_of_the_catalog_has_a_starter_framework(workspace):
    topics = {entry.framework.topic for entry in available(workspace).values()}
    assert set(workspace.catalog.topics) <= topics


@pytest.mark.parametrize("framework_id", SHIPPED_FRAMEWORKS)
def test_a_questionnaire_is_emitted_for_every_shipped_framework(workspace, framework_id):
    framework = available(workspace)[framework_id].framework
    round_ = open_round(workspace, a_round(id=f"2026-PER-{framework.topic}", topic=framework.topic))
    [path] = emit(workspace, round_.id, ["mef"])
    wb = openpyxl.load_workbook(path)
    assert len(wb.sheetnames) == 3 + len(framework.dimensions) + 2
    for question in framework.questions:
        if question.answerable:
            assert named_cells(wb, f"q_{question.name}"), question.name
    meta = {row[0].value: row[1].value for row in wb["_mecigep"].iter_rows()}
    assert (meta["framework_id"], meta["framework_version"]) == (framework.id, framework.version)


def test_emitting_pins_the_framework_and_records_each_questionnaire_without_moving_the_round(workspace):
    round_ = open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía", acronym="MEF"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM"),
    )))
    paths = emit(workspace, round_.id)
    assert [p.name for p in paths] == ["2026-PER-planning-mef-es-1.xlsx", "2026-PER-planning-pcm-es-1.xlsx"]
    stored = workspace.ledger.get_round(round_.id)
    assert stored.stage is Stage.QUESTIONNAIRE_OPEN
    assert (stored.framework_id, stored.framework_version) == ("planning", "2026.1")
    issued = workspace.ledger.questionnaires(round_.id)
    assert [q["institution"] for q in issued] == ["mef", "pcm"]
    assert workspace.ledger.framework("planning", "2026.1") is not None
    again = emit(workspace, round_.id, ["MEF"], "en")
    assert again[0].name == "2026-PER-planning-mef-en-2.xlsx"


def test_an_unknown_institution_is_refused(workspace):
    open_round(workspace, a_round())
    with pytest.raises(UserError) as raised:
        emit(workspace, "2026-PER-planning", ["xyz"])
    assert raised.value.message == m.UNKNOWN_INSTITUTION


def test_a_round_past_its_questionnaire_stage_emits_none(workspace):
    open_round(workspace, a_round(stage=Stage.DRAFTING))
    with pytest.raises(UserError) as raised:
        emit(workspace, "2026-PER-planning")
    assert raised.value.message == m.QUESTIONNAIRE_ROUND_CLOSED


def test_the_command_emits_in_each_institutions_language_whatever_lang_says(workspace, capsys):
    open_round(workspace, a_round(language="fr", institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", language="pt"))))
    code = main(["questionnaire", "emit", "2026-PER-planning", "--all", "--lang", "en", "--workspace", str(workspace.root)])
    assert code == 0
    assert sorted(p.name for p in (workspace.outbox / "2026-PER-planning").glob("*.xlsx")) == [
        "2026-PER-planning-mef-fr-1.xlsx", "2026-PER-planning-pcm-pt-1.xlsx"]
    assert translate(m.QUESTIONNAIRES_WRITTEN, "en", count=2, folder=str(workspace.outbox / "2026-PER-planning")) in capsys.readouterr().out


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_a_real_questionnaire_and_keeps_its_names(workspace, tmp_path):
    open_round(workspace, a_round())
    [path] = emit(workspace, "2026-PER-planning")
    pdf = libreoffice_convert(path, tmp_path, "pdf")
    assert pdf.stat().st_size > 10_000
    saved = libreoffice_convert(path, tmp_path / "xlsx")
    wb = openpyxl.load_workbook(saved)
    assert named_cells(wb, "q_pl_01") and named_cells(wb, "e_pl_01")
