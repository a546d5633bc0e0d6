"""Step 6: the final report the OAS publishes (and its PDF), and what follows from publication — the donors'
register of cooperation needs and recommendations, and the follow-up of each recommendation with the country.

The final report prints the country's consent to publish in its approval record and annexes, verbatim, the
government's observations the panel did not accept (``report_review.unaccepted``). The register takes of each
round only what its consent makes public (``consent.view``): a round whose report is not public, or is under
embargo, has one row saying so, by its existence and topic alone.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.analysis.followup import followup_framework
from pipeline.analysis.register import RegisterRow, display_name, public_title, register_rows, register_view
from pipeline.analysis.report_content import ReportContent
from pipeline.documents.pdf import export_pdf
from pipeline.domain import file_names
from pipeline.domain.enums import FollowupStatus
from pipeline.domain.followup import ANSWERING, FRAMEWORK_PREFIX, FollowupReport
from pipeline.domain.models import Publication, Round, Stage
from pipeline.domain.notes import note_key
from pipeline.domain.problems import UserError, raise_if_errors
from pipeline.domain.rules import check_publication_date
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, normalise_language, translate
from pipeline.ledger import followups, recommendations, settings
from pipeline.ledger.drafts import approval, drafts
from pipeline.ledger.files import sha256_of
from pipeline.ledger.workspace import Workspace
from pipeline.stages import consent, rounds
from pipeline.stages.interviews import merged_notes
from pipeline.stages.report import content_of, render
from pipeline.stages.report_review import unaccepted
from pipeline.workbooks.followup import FollowupCover, FollowupIdentity, write_followup
from pipeline.workbooks.questionnaire import Prefill
from pipeline.workbooks.register import write_register_workbook


@dataclass(frozen=True)
class FinalResult:
    docx: Path
    pdf: Path | None
    pdf_problem: str | None  # a catalog message: why no PDF was made, or what the PDF lacks


def write_final(workspace: Workspace, round_id: str, lang: str | None = None, published: dt.date | None = None) -> FinalResult:
    """The final report from the approved draft (and its PDF when LibreOffice is there), saying it was published on
    ``published`` (default today; not before the approval). The round is then published with ``round move``."""
    round_ = rounds.get(workspace, round_id)
    approved = approval(workspace, round_.id)
    if round_.stage in (Stage.COUNTRY_REVIEW, Stage.DRAFTING) and approved is not None:
        rounds.needs_stage(round_, (Stage.APPROVED,), m.FINAL_NOT_YET)
    if approved is None or round_.stage is not Stage.APPROVED:
        raise UserError(m.REPORT_NOT_APPROVED, round=round_.id)
    published = published or settings.load(workspace.ledger).today()
    raise_if_errors(check_publication_date(published, approved.approved_on))
    version = approved.draft_version
    draft = next(d for d in drafts(workspace, round_.id) if d.version == version)
    target = workspace.round_outbox(round_.id) / file_names.final_report(round_.id, round_.language)
    language = lang or round_.language
    render(workspace, content_of(workspace, round_.id), version, target, language, final=True,
           approval={"approved_by": approved.approved_by, "date": approved.approved_on, "published": published,
                     "consent": consent.describe(consent.consent_of(workspace, round_.id), normalise_language(language))},
           panel_text_from=draft, observations=unaccepted(workspace, round_.id))
    pdf, problem = _pdf(target)  # before the .docx's hash: the export writes its table's page numbers into it
    documents = [{"role": "final_report", "name": target.name, "sha256": sha256_of(target)}]
    if pdf is not None:
        documents.append({"role": "final_report_pdf", "name": pdf.name, "sha256": sha256_of(pdf)})
    with workspace.ledger.transaction():
        workspace.ledger.record(rounds.FINAL_EVENT, round_.id, {"version": version, "published": published.isoformat()}, documents)
    return FinalResult(target, pdf, problem)


def _pdf(source: Path) -> tuple[Path | None, str | None]:
    """The final report's PDF beside it: tagged PDF/A-2b, its table of contents with page numbers (written back into
    the .docx too); None and why when none could be made, or the PDF and what it lacks (documents/pdf.py)."""
    made = export_pdf(source)
    return made.pdf, made.problem


def publications(workspace: Workspace) -> list[Publication]:
    """Every round published (its latest publication), oldest publication first."""
    published = {r.id: r for r in workspace.ledger.rounds() if r.stage is Stage.PUBLISHED}
    found: dict[str, tuple[Publication, int]] = {}
    # ledgers written before publication became a move of its own record it as "report.published", dated by its event
    events = workspace.ledger.events(kind="report.published") + workspace.ledger.events(kind=rounds.FINAL_EVENT)
    for event in sorted(events, key=lambda e: e.seq):
        if event.round in published:
            name = next((d.get("name", "") for d in event.documents if d.get("role") == "final_report"), "")
            when = str(event.payload.get("published") or event.at)
            found[event.round] = (Publication(published[event.round], when, f"outbox/{event.round}/{name}" if name else ""), event.seq)
    return [p for p, _ in sorted(found.values(), key=lambda item: (item[0].published[:10], item[1]))]


def published_content(workspace: Workspace, round_id: str) -> ReportContent:
    """What the round's final report says, rebuilt from its data and notes with the ids already assigned (its
    responses and notes no longer change after publication)."""
    return content_of(workspace, round_id, assign=False)


def recommendation_status(workspace: Workspace) -> dict[tuple[str, str], list[FollowupReport]]:
    """Each recommendation's statuses over time, by (round, recommendation id), oldest first."""
    return followups.statuses(workspace.ledger)


def followup_summary(workspace: Workspace, round_id: str) -> dict[str, int]:
    """How many of the round's reported recommendations stand at each status (latest follow-up), ``none`` for
    those never followed up; every status is a key, in the list's order."""
    stored = recommendations.ids(workspace.ledger, round_id)
    ids = {stored[note_key(n)] for n in merged_notes(workspace, round_id) if n.recommendation.strip() and note_key(n) in stored}
    statuses = recommendation_status(workspace)
    counts = Counter(statuses[(round_id, i)][-1].status if (round_id, i) in statuses else FollowupStatus.NONE for i in ids)
    return {status.value: counts[status] for status in FollowupStatus}


def followup_cover(workspace: Workspace, round_: Round, lang: str) -> FollowupCover:
    who = round_.panel.coordinator or round_.contact
    topic, country = workspace.catalog.topic(round_.topic).name(lang), workspace.catalog.state(round_.country).name(lang)
    found = next((p for p in publications(workspace) if p.round.id == round_.id), None)
    return FollowupCover(topic, country, f"{who.name} <{who.email}>" if who.email else who.name or "—",
                         public_title(topic, country, found.published if found else "", lang))


def emit_followup(workspace: Workspace, round_id: str, lang: str | None = None, today: dt.date | None = None) -> Path:
    """Writes the round's next follow-up workbook into outbox/<round>/ and records it as issued; returns it."""
    round_ = rounds.get(workspace, round_id)
    if round_.stage is not Stage.PUBLISHED:
        raise UserError(m.FOLLOWUP_NOT_PUBLISHED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    content = published_content(workspace, round_.id)
    if not content.recommendations:
        raise UserError(m.FOLLOWUP_NO_RECOMMENDATIONS, round=round_.id)
    ledger, day = workspace.ledger, (today or dt.date.today()).isoformat()
    framework, n = followup_framework(round_, content, day), 1
    while (pinned := ledger.framework(framework.id, framework.version)) is not None and pinned != framework:
        n += 1
        framework = framework.model_copy(update={"version": f"{day}.{n}"})
    issued = [q for q in ledger.questionnaires(round_.id) if q["framework_id"] == framework.id]
    number, language = len(issued) + 1, normalise_language(lang or round_.language)
    identity = FollowupIdentity(f"{round_.id}.followup.{number}", round_.id, ANSWERING, framework.id, framework.version,
                                language, framework.structure_hash, day)
    path = write_followup(workspace.round_outbox(round_.id) / file_names.followup(round_.id, number, round_.language), framework, identity,
                          followup_cover(workspace, round_, language))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with ledger.transaction():
        ledger.pin_framework(framework)
        ledger.record_questionnaire({"id": identity.questionnaire_id, "round": round_.id, "institution": ANSWERING,
                                     "framework_id": framework.id, "framework_version": framework.version,
                                     "structure_hash": framework.structure_hash, "language": language, "file": path.name,
                                     "sha256": digest, "issued": day})
        ledger.record("followup.issued", round_.id, {"followup": identity.questionnaire_id, "recommendations": len(content.recommendations)},
                      [{"role": "followup", "name": path.name, "sha256": digest}])
    return path


def write_followup_feedback(workspace: Workspace, round_: Round, identity: FollowupIdentity, target: Path, prefill: Prefill) -> Path:
    """A follow-up's feedback copy: the workbook again, with what was typed and the cells to correct."""
    framework = workspace.ledger.framework(identity.framework_id, identity.framework_version)
    assert framework is not None and framework.id.startswith(FRAMEWORK_PREFIX)
    return write_followup(target, framework, identity, followup_cover(workspace, round_, identity.language), prefill)


@dataclass(frozen=True)
class RegisterResult:
    path: Path
    rows: list[RegisterRow]
    rounds: int


def register_rows_of(workspace: Workspace, lang: str = "es", today: dt.date | None = None) -> list[RegisterRow]:
    """The register's rows, in ``lang``: every need and recommendation of the published rounds whose full report is
    public on ``today``, and one row for each published round whose report is not (saying so, with its topic)."""
    day, shown, rows = today or dt.date.today(), [], []
    for p in publications(workspace):
        public = consent.view(workspace, p.round.id, day)
        if public.report:
            shown.append((p, published_content(workspace, p.round.id)))
        else:
            rows.append(withheld_row(workspace, p, public.embargoed, lang))
    return register_rows(shown, recommendation_status(workspace), workspace.catalog, lang) + rows


def withheld_row(workspace: Workspace, publication: Publication, embargo: dt.date | None, lang: str) -> RegisterRow:
    """The register's row for a published round whose report is not public: its existence and topic, and why."""
    round_, catalog = publication.round, workspace.catalog
    country = display_name(catalog.state, round_.country, lang)
    text = translate(m.CONSENT_REGISTER_EMBARGOED, lang, date=format_date(embargo, lang)) if embargo else \
        translate(m.CONSENT_REGISTER_WITHHELD, lang, country=catalog.states.get(round_.country, country))
    return RegisterRow(round=round_.id, country=round_.country, country_name=country, topic=round_.topic,
                       topic_name=display_name(catalog.topic, round_.topic, lang), element="", element_name="", institution="",
                       institution_name="", kind="withheld", text=text, priority="", status="", status_date="", recommendation="",
                       report="", published=publication.published[:10])


def write_register(workspace: Workspace, target: Path | None = None, lang: str = "es", today: dt.date | None = None) -> RegisterResult:
    """Writes the register (default ``outbox/registro-cooperacion.xlsx``, named in ``lang``) atomically. Raises UserError when no round
    is published."""
    published = publications(workspace)
    if not published:
        raise UserError(m.REGISTER_NO_ROUNDS)
    rows = register_rows_of(workspace, lang, today)
    target = Path(target) if target else workspace.outbox / file_names.register(lang)
    target = target if target.is_absolute() else Path.cwd() / target
    write_register_workbook(target, register_view(rows, lang, today or dt.date.today(), target, workspace.root))
    return RegisterResult(target, rows, len(published))
