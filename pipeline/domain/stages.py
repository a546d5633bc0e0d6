"""The seven steps of the mechanism, and the stages a round goes through on its way.

``Step`` numbers the steps as the reference document does; ``Stage`` is where a round stands (its state);
``STEP_OF_STAGE`` is the one map between the two. Step 3 (the panel) runs beside steps 1 and 2 and has no stage
of its own; step 7 (the seminar) draws on published rounds and is no stage of any round.
"""
from __future__ import annotations

from enum import Enum


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
