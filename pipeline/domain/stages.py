"""The stages of a round: the seven steps of the mechanism, and withdrawal."""
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
