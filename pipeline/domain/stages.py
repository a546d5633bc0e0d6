"""The seven steps of the mechanism, the stages a round goes through on its way, and the moves between them.

``Step`` numbers the steps as the reference document does; ``Stage`` is where a round stands (its state);
``STEP_OF_STAGE`` is the one map between the two. Step 3 (the panel) runs beside steps 1 and 2 and has no stage
of its own; step 7 (the seminar) draws on published rounds and is no stage of any round. A round changes stage
only by an explicit move (``mecigep round move``): forward to the next step, back one step where the mechanism
allows it, or out (withdrawn). What each move needs is checked in ``rules.move``.
"""
from __future__ import annotations

import unicodedata
from enum import Enum

from pipeline.i18n.messages.common import STAGE_NAMES
from pipeline.i18n.translation import LANGUAGES, translate


class Stage(str, Enum):
    """Where a round stands; the order follows the seven steps of the mechanism."""

    REQUESTED = "requested"
    QUESTIONNAIRE_OPEN = "questionnaire_open"
    INTERVIEWS = "interviews"
    DRAFTING = "drafting"
    COUNTRY_REVIEW = "country_review"
    APPROVED = "approved"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


STAGE_ORDER = (
    Stage.REQUESTED,
    Stage.QUESTIONNAIRE_OPEN,
    Stage.INTERVIEWS,
    Stage.DRAFTING,
    Stage.COUNTRY_REVIEW,
    Stage.APPROVED,
    Stage.PUBLISHED,
)


class Step(int, Enum):
    """The seven steps of MECIGEP, numbered as in its reference document."""

    REQUEST = 1
    QUESTIONNAIRE = 2
    PANEL = 3
    INTERVIEWS = 4
    REPORT = 5  # the preliminary report, the country's review and approval
    PUBLICATION = 6
    SEMINAR = 7


STEP_OF_STAGE = {
    Stage.REQUESTED: Step.REQUEST,
    Stage.QUESTIONNAIRE_OPEN: Step.QUESTIONNAIRE,
    Stage.INTERVIEWS: Step.INTERVIEWS,
    Stage.DRAFTING: Step.REPORT,
    Stage.COUNTRY_REVIEW: Step.REPORT,
    Stage.APPROVED: Step.REPORT,
    Stage.PUBLISHED: Step.PUBLICATION,
}


# The one step back each stage allows: before any questionnaire went out, before the interviews began, for more
# interviews while drafting, and the country sending a draft back. Approval and publication are final.
BACK = {
    Stage.QUESTIONNAIRE_OPEN: Stage.REQUESTED,
    Stage.INTERVIEWS: Stage.QUESTIONNAIRE_OPEN,
    Stage.DRAFTING: Stage.INTERVIEWS,
    Stage.COUNTRY_REVIEW: Stage.DRAFTING,
}


def allowed_moves(stage: Stage) -> tuple[Stage, ...]:
    """The stages a round in ``stage`` may move to: the next step, the step back where there is one, or withdrawn."""
    if stage in (Stage.PUBLISHED, Stage.WITHDRAWN):
        return ()
    moves = [STAGE_ORDER[STAGE_ORDER.index(stage) + 1]]
    if stage in BACK:
        moves.append(BACK[stage])
    moves.append(Stage.WITHDRAWN)
    return tuple(moves)


def _folded(text: str) -> str:
    """Lower case, without accents, with spaces for underscores and hyphens: how stage names are compared."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("_", " ").replace("-", " ").split())


def stage_named(text: str) -> Stage | None:
    """The stage ``text`` names: its id or its name in any working language ('interviews', 'entrevistas',
    'cuestionario abierto', 'sous examen du pays'); None when it names none."""
    wanted = _folded(text)
    for stage in Stage:
        names = {stage.value} | {translate(STAGE_NAMES[stage.value], lang) for lang in LANGUAGES}
        if wanted in {_folded(n) for n in names}:
            return stage
    return None
