"""Taking a test's round from its first draft to publication the way people do: the panel fills every section of
the draft in Word and sends it back, the country approves it, the final report is made (without its PDF, for
speed), each step an explicit move."""
import datetime as dt
from unittest import mock

import docx

from pipeline.documents.panel_text import panel_sections
from pipeline.domain.enums import PublicationScope
from pipeline.domain.models import Stage
from pipeline.i18n import messages as m
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.stages import publication
from pipeline.stages import report as reports
from pipeline.stages.consent import ConsentChoice
from tests.support.stages import advance
from tests.support.word import write_panel_text

FULL = ConsentChoice(PublicationScope.FULL, answers=True)


def publish(workspace, round_id: str, consent: ConsentChoice | None = FULL) -> None:
    """Drafts, approves and publishes the round, from the drafting stage on (a round in interviews moves there); the
    country consents to publish the whole report and its answers unless ``consent`` says otherwise."""
    if workspace.ledger.get_round(round_id).stage is Stage.INTERVIEWS:
        advance(workspace, round_id, Stage.DRAFTING)
    draft = reports.write_draft(workspace, round_id)
    document = docx.Document(str(draft.path))
    for section in [s for s in panel_sections(document).values() if s.is_placeholder]:
        write_panel_text(document, section.id, f"Texto del panel ({section.id}) sobre {round_id}.", "Segundo párrafo.")
    document.save(str(workspace.inbox / f"borrador-{round_id}.docx"))
    assert [o.result for o in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")] == ["draft"]
    advance(workspace, round_id, Stage.COUNTRY_REVIEW)
    reports.approve(workspace, round_id, "Ministra", dt.date.today(), consent)
    advance(workspace, round_id, Stage.APPROVED)
    with mock.patch.object(publication, "_pdf", lambda source: (None, m.REPORT_NO_LIBREOFFICE)):  # no LibreOffice: fast
        publication.write_final(workspace, round_id)
    advance(workspace, round_id, Stage.PUBLISHED)
