"""The mechanism's rules for rounds and panels, as pure functions.

Each check returns every problem it finds (collect, then decide); ``move``
refuses a stage change the seven steps do not allow.
"""
from __future__ import annotations

import re
from collections import Counter

from pipeline.domain.catalog import Catalog
from pipeline.domain.models import STAGE_ORDER, Panel, Round, Stage
from pipeline.domain.problems import Problem, UserError
from pipeline.i18n import messages as m

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EXPERTS = 3


def check_panel(panel: Panel, beneficiary: str) -> list[Problem]:
    """Every rule the panel breaks: size, distinct states, not the beneficiary, experience, one coordinator."""
    problems = []
    if len(panel.experts) > MAX_EXPERTS:
        problems.append(Problem(m.PANEL_TOO_MANY, {"count": len(panel.experts)}))
    for state, count in Counter(e.state for e in panel.experts).items():
        if count > 1:
            problems.append(Problem(m.PANEL_SAME_STATE, {"state": state, "count": count}))
    for expert in panel.experts:
        if expert.state == beneficiary:
            problems.append(Problem(m.PANEL_FROM_BENEFICIARY, {"name": expert.name, "state": expert.state}))
        if not expert.experience.strip():
            problems.append(Problem(m.PANEL_NO_EXPERIENCE, {"name": expert.name}))
        if not EMAIL.match(expert.email):
            problems.append(Problem(m.BAD_EMAIL, {"email": expert.email}))
    if panel.coordinator is None:
        problems.append(Problem(m.PANEL_NO_COORDINATOR))
    elif not EMAIL.match(panel.coordinator.email):
        problems.append(Problem(m.BAD_EMAIL, {"email": panel.coordinator.email}))
    return problems


def check_round(round_: Round, catalog: Catalog, require_coordinator: bool = False) -> list[Problem]:
    """Every problem of a round record: catalogs, institutions, dates, panel members' states."""
    problems: list[Problem] = []
    for lookup in (lambda: catalog.state(round_.country), lambda: catalog.topic(round_.topic)):
        try:
            lookup()
        except UserError as error:
            problems.extend(error.problems)
    state = catalog.states.get(round_.country)
    if state is not None and not state.participating:
        problems.append(Problem(m.COUNTRY_NOT_PARTICIPATING, {"country": state.name()}))
    if not round_.institutions:
        problems.append(Problem(m.NO_INSTITUTIONS))
    for inst, count in Counter(i.id for i in round_.institutions).items():
        if count > 1:
            problems.append(Problem(m.DUPLICATE_INSTITUTION, {"institution": inst}))
    for inst in round_.institutions:
        if inst.email and not EMAIL.match(inst.email):
            problems.append(Problem(m.BAD_EMAIL, {"email": inst.email}))
    cal = round_.calendar
    sequence = [
        ("requested", cal.requested),
        ("questionnaire_deadline", cal.questionnaire_deadline),
        ("visit_start", cal.visit_start),
        ("visit_end", cal.visit_end),
        ("report_due", cal.report_due),
    ]
    known = [(name, day) for name, day in sequence if day is not None]
    for (earlier, earlier_date), (later, later_date) in zip(known, known[1:]):
        if later_date < earlier_date:
            problems.append(
                Problem(
                    m.DATES_OUT_OF_ORDER,
                    {"earlier": m.DEADLINE_NAMES[earlier], "earlier_date": earlier_date,
                     "later": m.DEADLINE_NAMES[later], "later_date": later_date},
                )
            )
    for expert in round_.panel.experts:
        try:
            catalog.state(expert.state)
        except UserError as error:
            problems.extend(error.problems)
    panel_problems = check_panel(round_.panel, round_.country)
    if not require_coordinator:
        panel_problems = [p for p in panel_problems if p.message != m.PANEL_NO_COORDINATOR]
    return problems + panel_problems


def allowed_moves(stage: Stage) -> tuple[Stage, ...]:
    """The stages a round in ``stage`` may move to: the next step, back to drafting from country review, or withdrawn."""
    if stage in (Stage.PUBLISHED, Stage.WITHDRAWN):
        return ()
    index = STAGE_ORDER.index(stage)
    moves = [STAGE_ORDER[index + 1]]
    if stage is Stage.COUNTRY_REVIEW:
        moves.append(Stage.DRAFTING)
    moves.append(Stage.WITHDRAWN)
    return tuple(moves)


def move(round_: Round, target: Stage) -> Round:
    """The round in ``target`` stage; raises UserError when the steps do not allow the move."""
    allowed = allowed_moves(round_.stage)
    if target not in allowed:
        raise UserError(
            m.STAGE_MOVE_REFUSED,
            current=m.STAGE_NAMES[round_.stage.value],
            target=m.STAGE_NAMES[target.value],
            allowed=tuple(m.STAGE_NAMES[s.value] for s in allowed),
        )
    if target is not Stage.WITHDRAWN and target is not Stage.REQUESTED:
        # A round needs its full panel once the questionnaire is out.
        problems = check_panel(round_.panel, round_.country) if target is Stage.INTERVIEWS else []
        if problems:
            raise UserError.of(problems)
    return round_.model_copy(update={"stage": target})
