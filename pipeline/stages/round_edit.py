"""Changing a round after it was opened: its contact, dates and working language (``round edit``) and its
institutions (``round institution add/remove``).

Each change is stored with its event and a row per field, so that ``status`` can say what changed since
documents went out: those already issued keep what they said; the next ones say the new thing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.models import Institution, Round, Stage
from pipeline.domain.problems import Problem, UserError, raise_if_errors
from pipeline.domain.rules import EMAIL, check_calendar
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES
from pipeline.ledger import records
from pipeline.ledger.edits import Edit, edits, save_edited
from pipeline.ledger.workspace import Workspace
from pipeline.stages import questionnaire
from pipeline.stages.rounds import get

CALENDAR_FIELDS = ("questionnaire_deadline", "visit_start", "visit_end", "report_due")
CONTACT_FIELDS = ("name", "email", "position")
ISSUING_EVENTS = ("questionnaire.issued", "notes.issued", "interviews.guides", "draft.generated", "followup.issued")


@dataclass(frozen=True)
class Changes:
    """What ``round edit`` changes; None leaves a field as it is."""

    questionnaire_deadline: dt.date | None = None
    visit_start: dt.date | None = None
    visit_end: dt.date | None = None
    report_due: dt.date | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_position: str | None = None
    language: str | None = None


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else "" if value is None else str(value)


def edit_round(workspace: Workspace, round_id: str, changes: Changes) -> tuple[Round, dict[str, tuple[str, str]]]:
    """The round with ``changes`` applied and stored, and what changed (field → before, after); raises UserError
    when nothing is asked, or naming every date, address or language that does not fit."""
    round_ = get(workspace, round_id)
    calendar = {f: getattr(changes, f) for f in CALENDAR_FIELDS if getattr(changes, f) is not None}
    contact = {f: getattr(changes, f"contact_{f}").strip() for f in CONTACT_FIELDS if getattr(changes, f"contact_{f}") is not None}
    update: dict[str, object] = {}
    if calendar:
        update["calendar"] = round_.calendar.model_copy(update=calendar)
    if contact:
        update["contact"] = round_.contact.model_copy(update=contact)
    if changes.language is not None:
        update["language"] = changes.language.strip().lower()
    if not update:
        raise UserError(m.ROUND_EDIT_NOTHING, round=round_.id)
    edited = round_.model_copy(update=update)
    problems: list[Problem] = check_calendar(edited)
    if edited.language not in LANGUAGES:
        problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": edited.language}))
    if edited.contact.email and not EMAIL.match(edited.contact.email):
        problems.append(Problem(m.BAD_EMAIL, {"email": edited.contact.email}))
    raise_if_errors(problems)
    done = {f: (_text(getattr(round_.calendar, f)), _text(v)) for f, v in calendar.items()}
    done |= {f"contact_{f}": (getattr(round_.contact, f), v) for f, v in contact.items()}
    if "language" in update:
        done["language"] = (round_.language, edited.language)
    done = {f: (b, a) for f, (b, a) in done.items() if b != a}
    if done:
        save_edited(workspace.ledger, edited, "round.edited", done)
    return edited, done


@dataclass(frozen=True)
class InstitutionAdded:
    round: Round
    institution: Institution
    questionnaire: Path | None  # emitted at once when the round's questionnaires are already out


def add_institution(workspace: Workspace, round_id: str, institution: Institution) -> InstitutionAdded:
    """Adds an institution expected to answer; once the round's questionnaires are out, emits its own too."""
    round_ = get(workspace, round_id)
    if round_.stage not in (Stage.REQUESTED, Stage.QUESTIONNAIRE_OPEN):
        raise UserError(m.INSTITUTION_ADD_CLOSED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    problems = []
    if not institution.id or round_.institution(institution.id) is not None:
        problems.append(Problem(m.DUPLICATE_INSTITUTION, {"institution": institution.acronym}))
    if not institution.name.strip():
        problems.append(Problem(m.INSTITUTION_NO_NAME, {"institution": institution.acronym}))
    if institution.email and not EMAIL.match(institution.email):
        problems.append(Problem(m.BAD_EMAIL, {"email": institution.email}))
    if institution.language is not None and institution.language not in LANGUAGES:
        problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": institution.language}))
    raise_if_errors(problems)
    updated = round_.model_copy(update={"institutions": round_.institutions + (institution,)})
    save_edited(workspace.ledger, updated, "round.institution_added", {"institution": ("", institution.acronym)},
                {"institution": institution.id})
    emitted = None
    if round_.stage is Stage.QUESTIONNAIRE_OPEN and workspace.ledger.questionnaires(round_.id):
        emitted = questionnaire.emit(workspace, round_.id, [institution.id])[0]
    return InstitutionAdded(get(workspace, round_.id), institution, emitted)


def remove_institution(workspace: Workspace, round_id: str, reference: str) -> Round:
    """The round without that institution (by id or acronym); refused once it has sent a questionnaire back."""
    round_ = get(workspace, round_id)
    found = round_.institution(reference)
    if found is None:
        raise UserError(m.UNKNOWN_INSTITUTION, round=round_.id, institution=reference)
    sent = [r for r in records.responses(workspace.ledger, round_.id, current_only=False) if r.institution == found.id]
    if sent:
        raise UserError(m.INSTITUTION_HAS_ANSWERED, institution=found.acronym, round=round_.id, count=len(sent))
    updated = round_.model_copy(update={"institutions": tuple(i for i in round_.institutions if i.id != found.id)})
    save_edited(workspace.ledger, updated, "round.institution_removed", {"institution": (found.acronym, "")},
                {"institution": found.id})
    return updated


@dataclass(frozen=True)
class ChangeSince:
    """An edit made after documents of the round went out: ``issued`` of them say what was there before."""

    edit: Edit
    issued: int


def changes_since_issue(workspace: Workspace, round_id: str) -> list[ChangeSince]:
    """The round's edits that came after some of its documents were issued, oldest first."""
    round_ = get(workspace, round_id)
    issued = [e.seq for e in workspace.ledger.events(round_.id) if e.kind in ISSUING_EVENTS]
    found = []
    for edit in edits(workspace.ledger, round_.id):
        before = sum(seq < edit.event for seq in issued)
        if before:
            found.append(ChangeSince(edit, before))
    return found
