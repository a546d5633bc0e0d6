"""The mechanism's rules for rounds, panels and their dates, as pure functions.

Each check returns every problem it finds (collect, then decide), each naming the person or the date it is
about; ``move`` refuses a stage change the seven steps do not allow, or one the round is not ready for.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.domain.catalog import Catalog
from pipeline.domain.models import Coordinator, Expert, Panel, Round, Stage
from pipeline.domain.problems import Problem, UserError
from pipeline.domain.stages import BACK, allowed_moves
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EXPERTS = 3


def _who(person: Expert | Coordinator) -> str:
    """How a message names a person: the name, else the e-mail, else a dash."""
    return person.name.strip() or person.email.strip() or "—"


def check_expert(expert: Expert, beneficiary: str, catalog: Catalog | None = None) -> list[Problem]:
    """Every rule one expert breaks: name, e-mail, institution, experience, state (a participating member state
    other than the beneficiary; checked against ``catalog`` when given), language."""
    who, problems = _who(expert), []
    if not expert.name.strip():
        problems.append(Problem(m.PANEL_NO_NAME, {"email": expert.email.strip() or "—"}))
    if not expert.email.strip():
        problems.append(Problem(m.PANEL_NO_EMAIL, {"name": who}))
    elif not EMAIL.match(expert.email.strip()):
        problems.append(Problem(m.PANEL_BAD_EMAIL, {"name": who, "email": expert.email}))
    if not expert.institution.strip():
        problems.append(Problem(m.PANEL_NO_INSTITUTION, {"name": who}))
    if not expert.experience.strip():
        problems.append(Problem(m.PANEL_NO_EXPERIENCE, {"name": who}))
    state = catalog.states.get(expert.state.strip().upper()) if catalog is not None else None
    if expert.state == beneficiary:
        problems.append(Problem(m.PANEL_FROM_BENEFICIARY, {"name": who, "state": state or expert.state}))
    elif catalog is not None and state is None:
        problems.append(Problem(m.PANEL_UNKNOWN_STATE, {"name": who, "state": expert.state}))
    elif state is not None and not state.participating:
        problems.append(Problem(m.PANEL_NOT_PARTICIPATING, {"name": who, "state": state}))
    if expert.language is not None and expert.language not in LANGUAGES:
        problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": expert.language}))
    return problems


def check_coordinator(coordinator: Coordinator) -> list[Problem]:
    """What is missing or wrong in the coordinator's name and e-mail."""
    problems = []
    if not coordinator.name.strip():
        problems.append(Problem(m.COORDINATOR_NO_NAME, {"email": coordinator.email.strip() or "—"}))
    if not EMAIL.match(coordinator.email.strip()):
        problems.append(Problem(m.COORDINATOR_BAD_EMAIL, {"name": _who(coordinator), "email": coordinator.email}))
    return problems


def check_panel(panel: Panel, beneficiary: str, catalog: Catalog | None = None, require_coordinator: bool = True) -> list[Problem]:
    """Every rule the panel breaks: size, one person once (by e-mail), distinct states, each expert's own rules
    (see ``check_expert``), one coordinator (asked for when ``require_coordinator``)."""
    problems = []
    if len(panel.experts) > MAX_EXPERTS:
        problems.append(Problem(m.PANEL_TOO_MANY, {"count": len(panel.experts)}))
    people = [(e.email.strip().lower(), _who(e)) for e in panel.experts if e.email.strip()]
    for email, count in Counter(e for e, _ in people).items():
        if count > 1:
            problems.append(Problem(m.PANEL_TWICE, {"name": next(w for e, w in people if e == email), "email": email}))
    for state, count in Counter(e.state for e in panel.experts).items():
        if count > 1:
            names = tuple(_who(e) for e in panel.experts if e.state == state)
            problems.append(Problem(m.PANEL_SAME_STATE, {"state": catalog.states.get(state, state) if catalog else state, "names": names}))
    for expert in panel.experts:
        problems.extend(check_expert(expert, beneficiary, catalog))
    if panel.coordinator is None:
        if require_coordinator:
            problems.append(Problem(m.PANEL_NO_COORDINATOR))
    else:
        problems.extend(check_coordinator(panel.coordinator))
        if panel.coordinator.email.strip().lower() in {e for e, _ in people}:
            problems.append(Problem(m.COORDINATOR_ON_PANEL, {"name": _who(panel.coordinator), "email": panel.coordinator.email}))
    return problems


DATE_FIELDS = ("requested", "questionnaire_deadline", "visit_start", "visit_end", "report_due")


def check_calendar(round_: Round) -> list[Problem]:
    """The round's dates that come before the ones they should follow."""
    cal = round_.calendar
    known = [(name, getattr(cal, name)) for name in DATE_FIELDS if getattr(cal, name) is not None]
    return [Problem(m.DATES_OUT_OF_ORDER, {"earlier": m.DEADLINE_NAMES[earlier], "earlier_date": earlier_date,
                                           "later": m.DEADLINE_NAMES[later], "later_date": later_date})
            for (earlier, earlier_date), (later, later_date) in zip(known, known[1:]) if later_date < earlier_date]


def check_round(round_: Round, catalog: Catalog, require_coordinator: bool = False) -> list[Problem]:
    """Every problem of a round record: catalogs, working language, institutions, dates, panel."""
    problems: list[Problem] = []
    for lookup in (lambda: catalog.state(round_.country), lambda: catalog.topic(round_.topic)):
        try:
            lookup()
        except UserError as error:
            problems.extend(error.problems)
    state = catalog.states.get(round_.country)
    if state is not None and not state.participating:
        problems.append(Problem(m.COUNTRY_NOT_PARTICIPATING, {"country": state}))
    if round_.language not in LANGUAGES:
        problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": round_.language}))
    if not round_.institutions:
        problems.append(Problem(m.NO_INSTITUTIONS))
    for inst, count in Counter(i.id for i in round_.institutions).items():
        if count > 1:
            problems.append(Problem(m.DUPLICATE_INSTITUTION, {"institution": inst}))
    for inst in round_.institutions:
        if not inst.name.strip():
            problems.append(Problem(m.INSTITUTION_NO_NAME, {"institution": inst.acronym}))
        if inst.email and not EMAIL.match(inst.email):
            problems.append(Problem(m.BAD_EMAIL, {"email": inst.email}))
        if inst.language is not None and inst.language not in LANGUAGES:
            problems.append(Problem(m.UNKNOWN_LANGUAGE, {"language": inst.language}))
    if round_.contact.email and not EMAIL.match(round_.contact.email):
        problems.append(Problem(m.BAD_EMAIL, {"email": round_.contact.email}))
    return problems + check_calendar(round_) + check_panel(round_.panel, round_.country, catalog, require_coordinator)


@dataclass(frozen=True)
class MoveFacts:
    """What the ledger knows of a round that a move depends on. ``draft_version`` None: no draft yet;
    ``approved_version`` None: no approval recorded; ``final_version`` None: no final report written."""

    today: dt.date
    questionnaires_issued: int = 0
    notes_received: int = 0
    draft_version: int | None = None
    approved_version: int | None = None
    final_version: int | None = None


def move(round_: Round, target: Stage, facts: MoveFacts | None = None, reason: str = "") -> Round:
    """The round in ``target`` stage; raises UserError when the steps do not allow the move, when a move back or a
    withdrawal comes without a ``reason``, or when the round is not ready for it (``facts`` None: checks only the
    steps and the panel)."""
    allowed = allowed_moves(round_.stage)
    if target not in allowed:
        raise UserError(m.STAGE_MOVE_REFUSED, current=m.STAGE_NAMES[round_.stage.value], target=m.STAGE_NAMES[target.value],
                        allowed=tuple(m.STAGE_NAMES[s.value] for s in allowed))
    backward = BACK.get(round_.stage) is target
    if (backward or target is Stage.WITHDRAWN) and not reason.strip():
        raise UserError(m.MOVE_NEEDS_REASON, round=round_.id, target=m.STAGE_NAMES[target.value])
    problems = _not_ready(round_, target, facts) if target is not Stage.WITHDRAWN else []
    if problems:
        raise UserError.of(problems)
    return round_.model_copy(update={"stage": target})


def _not_ready(round_: Round, target: Stage, facts: MoveFacts | None) -> list[Problem]:
    params = {"round": round_.id, "target": m.STAGE_NAMES[target.value]}
    if target is Stage.INTERVIEWS and round_.stage is Stage.QUESTIONNAIRE_OPEN:
        return check_panel(round_.panel, round_.country)  # the panel is complete before it interviews
    if facts is None:
        return []
    if target is Stage.REQUESTED and facts.questionnaires_issued:
        return [Problem(m.MOVE_BACK_QUESTIONNAIRES_OUT, {**params, "count": facts.questionnaires_issued})]
    if target is Stage.QUESTIONNAIRE_OPEN and round_.stage is Stage.INTERVIEWS:
        visit = round_.calendar.visit_start
        if facts.notes_received:
            return [Problem(m.MOVE_BACK_NOTES_RECEIVED, params)]
        if visit is not None and visit <= facts.today:
            return [Problem(m.MOVE_BACK_VISIT_BEGUN, {**params, "date": visit})]
    if target is Stage.COUNTRY_REVIEW and facts.draft_version is None:
        return [Problem(m.MOVE_NEEDS_DRAFT, params)]
    if target is Stage.APPROVED and (facts.approved_version is None or facts.approved_version != facts.draft_version):
        return [Problem(m.MOVE_NEEDS_APPROVAL, {**params, "version": facts.draft_version or 0})]
    if target is Stage.PUBLISHED and (facts.final_version is None or facts.final_version != facts.approved_version):
        return [Problem(m.MOVE_NEEDS_FINAL, params)]
    return []


def check_approval_date(on: dt.date, today: dt.date, draft_version: int, draft_written: dt.date) -> list[Problem]:
    """An approval is dated today at the latest, and not before the draft it approves was written."""
    if on > today:
        return [Problem(m.APPROVAL_IN_FUTURE, {"date": on})]
    if on < draft_written:
        return [Problem(m.APPROVAL_BEFORE_DRAFT, {"date": on, "version": draft_version, "written": draft_written})]
    return []


def check_publication_date(on: dt.date, approved: dt.date) -> list[Problem]:
    """A report is published on or after the day it was approved."""
    return [Problem(m.PUBLICATION_BEFORE_APPROVAL, {"date": on, "approved": approved})] if on < approved else []
