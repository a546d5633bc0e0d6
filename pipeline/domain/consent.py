"""The beneficiary state's consent to publish its round's report, and what of the round it makes public.

As in the UNCAC and APRM reviews, publication is the country's decision per document: the full final report,
its executive summary only, or nothing public (the report stays with the government and DGPE); the answers
of the self-assessment may be made public or not; and an embargo keeps everything of the round private until
a date. Without a recorded consent nothing is public. Whatever is public, a round's existence and topic are.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.domain.enums import PublicationScope


@dataclass(frozen=True)
class Consent:
    scope: PublicationScope
    answers: bool  # the self-assessment answers (and the scores drawn from them) may be public
    embargo: dt.date | None  # nothing of the round is public before this day
    source: str  # "command" or "approval"
    recorded: str  # ISO date and time


@dataclass(frozen=True)
class PublicView:
    """What of a round may reach anything public (the seminar compendium, the donors' register) on a given day."""

    report: bool  # the whole report: findings, needs, challenges, recommendations
    summary: bool  # the panel's executive summary
    answers: bool  # the institutions' answers and scores
    embargoed: dt.date | None = None  # set when an embargo is what keeps the round private that day

    @property
    def anything(self) -> bool:
        return self.report or self.summary or self.answers


NOTHING = PublicView(False, False, False)


def public_view(consent: Consent | None, day: dt.date) -> PublicView:
    """What ``consent`` makes public on ``day``; nothing without a consent, or before its embargo."""
    if consent is None:
        return NOTHING
    if consent.embargo is not None and day < consent.embargo:
        return PublicView(False, False, False, consent.embargo)
    full = consent.scope is PublicationScope.FULL
    return PublicView(full, full or consent.scope is PublicationScope.SUMMARY, consent.answers)
