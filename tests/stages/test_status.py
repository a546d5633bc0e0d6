"""The status page shows DGPE staff every round's stage, the returns per institution and recent events."""
import re
import shutil
import subprocess
import tempfile

import pytest

from pipeline.cli.app import main
from pipeline.domain.models import Institution, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from tests.conftest import a_round

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def rendered_dom(page) -> str:
    """The page as headless Chromium renders it (its DOM after loading), offline."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.fixture
def busy_workspace(workspace):
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM"),
    )))
    open_round(workspace, a_round(id="2026-CRI-service_quality", country="CRI", topic="service_quality", stage=Stage.REQUESTED))
    mef, _ = emit(workspace, "2026-PER-planning")
    shutil.copyfile(mef, workspace.inbox / "mef.xlsx")
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    return workspace


def test_the_page_is_self_contained(busy_workspace, capsys):
    assert main(["--workspace", str(busy_workspace.root), "status", "--html"]) == 0
    html = (busy_workspace.outbox / "status.html").read_text()
    assert "http://" not in html and "https://" not in html and "<script src" not in html


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_chromium_shows_each_rounds_stage_returns_and_events(busy_workspace):
    main(["--workspace", str(busy_workspace.root), "--lang", "en", "status", "--html"])
    dom = rendered_dom(busy_workspace.outbox / "status.html")
    assert '<tr data-round="2026-PER-planning">' in dom and '<tr data-round="2026-CRI-service_quality">' in dom
    assert translate(m.STAGE_NAMES["questionnaire_open"], "en") in dom
    assert translate(m.STAGE_NAMES["requested"], "en") in dom
    peru = dom[dom.index('<table class="returns" data-round="2026-PER-planning">'):].split("</table>")[0]
    mef_row = peru[peru.index('data-institution="MEF"'):].split("</tr>")[0]
    assert translate(m.LABEL_INCOMPLETE, "en") in mef_row
    pcm_row = peru[peru.index('data-institution="PCM"'):].split("</tr>")[0]
    assert translate(m.LABEL_MISSING, "en") in pcm_row
    cri = dom[dom.index('<table class="returns" data-round="2026-CRI-service_quality">'):].split("</table>")[0]
    assert translate(m.LABEL_NOT_SENT, "en") in cri and translate(m.LABEL_MISSING, "en") not in cri  # nothing issued yet
    events = dom[dom.index('<table id="events">'):].split("</table>")[0]
    assert translate(m.EVENT_SENTENCES["questionnaire.issued"], "en", institution="PCM") in events
    assert translate(m.EVENT_SENTENCES["round.opened"], "en", country="Peru", topic="Planning") in events
    assert "MEF returned its questionnaire: " in events
    assert re.search(r"Answer sent to MEF: (observaciones|acuse)-mef-[0-9a-f]{12}\.(xlsx|docx)\.", events)  # the file sent back
    # sentences in the page's language: no event kinds, no Python lists or dicts, no SHA-256
    assert "response.received" not in events and "['" not in events and "{'" not in events
    assert not re.search(r"[0-9a-f]{64}", events)


def test_the_watcher_refreshes_the_page_after_each_file(busy_workspace):
    page = busy_workspace.outbox / "status.html"
    page.unlink(missing_ok=True)
    shutil.copyfile(next((busy_workspace.outbox / "2026-PER-planning").glob("*-pcm-*.xlsx")), busy_workspace.inbox / "pcm.xlsx")
    assert main(["--workspace", str(busy_workspace.root), "watch", "--once", "--settle", "0"]) == 0
    assert 'data-institution="PCM"' in page.read_text()
