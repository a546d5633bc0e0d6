"""Step 5: the preliminary report — numbered drafts that keep the panel's text, the country's review, approval.

Every draft, generated or merged from returned copies (``report_returns``), is a numbered version of the
round; the highest is the current one. A new draft is rendered afresh from the template and takes the
panel's sections from the current one (see docs/report-drafts.md): a returned draft is never rendered as a
template. Approval is refused while anything is left to settle: tracked changes, comments, ``⟦…⟧``
placeholders, conflicts between copies and edits to regenerated parts (their marked lines ``⟪…⟫``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from pipeline.analysis.report_content import ReportContent, ordered, report_content
from pipeline.documents.merge import marked_lines
from pipeline.documents.panel_text import CarryReport, carry_over, open_document, placeholders
from pipeline.documents.report import render_report
from pipeline.documents.review import unresolved
from pipeline.domain import file_names
from pipeline.domain.enums import DraftOrigin
from pipeline.domain.models import Stage
from pipeline.domain.problems import Problem, UserError, raise_if_errors
from pipeline.domain.review import Unaccepted
from pipeline.domain.rules import check_approval_date
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger import recommendations, settings
from pipeline.ledger.drafts import Draft, current, record_approval, record_draft
from pipeline.ledger.workspace import Workspace
from pipeline.stages import consent, rounds
from pipeline.stages.interviews import merged_notes
from pipeline.stages.report_returns import draft_lock
from pipeline.stages.report_review import record_observations
from pipeline.stages.round_data import load

DRAFTING_STAGES = (Stage.DRAFTING, Stage.COUNTRY_REVIEW)


def content_of(workspace: Workspace, round_id: str, assign: bool = True) -> ReportContent:
    """What the round's report says as the round stands: its current responses and notes. ``assign`` gives new
    recommendations their ids (recorded); otherwise only those already assigned are numbered (a published round)."""
    data = load(workspace, round_id)
    notes = ordered(data, merged_notes(workspace, data.round.id))
    ids = (recommendations.assign(workspace.ledger, data.round.id, notes) if assign
           else recommendations.ids(workspace.ledger, data.round.id))
    return report_content(data, notes, ids)


def chart_cache(workspace: Workspace) -> Path:
    """Where the report's charts are kept between runs, by the content they show (``documents/charts.cached``)."""
    return workspace.root / ".cache" / "charts"


def render(workspace: Workspace, content: ReportContent, version: int, target: Path, lang: str, final: bool = False,
           approval: dict[str, Any] | None = None, panel_text_from: Draft | None = None,
           observations: Sequence[Unaccepted] = ()) -> CarryReport:
    """Renders the report into ``target`` (atomically) with the panel's sections of ``panel_text_from`` carried over;
    says which sections were carried and which the template no longer has (kept at the end). The panel's text is
    carried into the rendered document before it is first saved, so the draft is written once. ``approval`` and
    ``observations`` (the final report's) are described at ``documents.report.report_context``."""
    carried: list[CarryReport] = []

    def carry(fresh: Any) -> None:
        assert panel_text_from is not None
        carried.append(carry_over(open_document(workspace.root / panel_text_from.file), fresh,
                                  translate(m.REPORT_SECTIONS_SET_APART, lang)))

    render_report(workspace.catalog, content, version, target, lang, final, approval, observations,
                  then=carry if panel_text_from is not None else None, charts=chart_cache(workspace))
    return carried[0] if carried else CarryReport((), (), ())


@dataclass(frozen=True)
class DraftResult:
    path: Path
    version: int
    kept: list[str]  # the panel's sections carried from the previous version
    appended: list[str]  # sections the template no longer has, kept at the end


def write_draft(workspace: Workspace, round_id: str, lang: str | None = None) -> DraftResult:
    """Writes the next draft version into outbox/<round>/, keeping the panel's text of the current draft."""
    round_ = rounds.get(workspace, round_id)
    if round_.stage is Stage.INTERVIEWS:
        rounds.needs_stage(round_, DRAFTING_STAGES, m.DRAFT_NOT_YET)
    if round_.stage not in DRAFTING_STAGES:
        raise UserError(m.REPORT_WRONG_STAGE, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    content = content_of(workspace, round_.id)
    with draft_lock(workspace):
        before = current(workspace, round_.id)
        version = (before.version if before else 0) + 1
        language = lang or round_.language
        target = workspace.round_outbox(round_.id) / file_names.draft(round_.id, version, round_.language)
        report = render(workspace, content, version, target, language, panel_text_from=before)
        with workspace.ledger.transaction():
            record_draft(workspace, round_, target, DraftOrigin.GENERATED, before.version if before else None, target.name)
            record_observations(workspace, round_, open_document(target), version)
    return DraftResult(target, version, list(report.kept), list(report.appended))


def current_draft(workspace: Workspace, round_id: str) -> tuple[Draft, Any]:
    """The round's current draft and its document; raises UserError before the first draft."""
    draft = current(workspace, round_id)
    if draft is None:
        raise UserError(m.REPORT_NO_DRAFT, round=round_id)
    return draft, open_document(workspace.root / draft.file)


def left_to_settle(document: Any) -> list[Problem]:
    """Everything that keeps a draft from approval: tracked changes and comments, ``⟦…⟧`` placeholders, conflicts
    between copies and edits to regenerated parts not yet placed."""
    return unresolved(document) + placeholders(document) + marked_lines(document)


def approve(workspace: Workspace, round_id: str, by: str, on: dt.date, consent_given: consent.ConsentChoice | None = None) -> Draft:
    """Records the country's approval of the current draft of a round under its review (and, when given, its consent to
    publish; the round then moves with ``round move … approved``); raises UserError listing whatever is unresolved, or
    when ``on`` is in the future or before the draft was written."""
    round_ = rounds.get(workspace, round_id)
    if round_.stage is Stage.DRAFTING:
        rounds.needs_stage(round_, (Stage.COUNTRY_REVIEW,), m.APPROVE_NOT_YET)
    if round_.stage is not Stage.COUNTRY_REVIEW:
        raise UserError(m.REPORT_WRONG_STAGE, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    zone = settings.load(workspace.ledger)
    if on > zone.today():  # said before anything else: no draft makes a future date right
        raise UserError(m.APPROVAL_IN_FUTURE, date=on)
    draft, document = current_draft(workspace, round_.id)
    raise_if_errors(check_approval_date(on, zone.today(), draft.version, zone.local(draft.created).date()))
    problems = left_to_settle(document)
    if problems:
        raise UserError.of([Problem(m.REPORT_NOT_APPROVABLE, {"version": draft.version}), *problems])
    record_approval(workspace, round_, by, on, draft)
    if consent_given is not None:
        consent.record(workspace, round_.id, consent_given, source="approval")
    return draft
