"""Step 6: the beneficiary state's consent to publish — recorded, shown, and obeyed by everything public.

``mecigep report consent ROUND --full|--summary|--none [--answers] [--embargo DATE]`` records it, and so does
``report approve`` given the same options. The latest consent counts. The final report prints it in its
approval record; the seminar compendium and the donors' register take of a round only what it makes
public (``public_view``): a round without consent, or under embargo, appears there by its existence and
topic alone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.domain.consent import Consent, PublicView, public_view
from pipeline.domain.enums import PublicationScope
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.ledger.consents import latest_consent, record_consent
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds

SCOPE_NAMES = {PublicationScope.FULL: m.CONSENT_FULL, PublicationScope.SUMMARY: m.CONSENT_SUMMARY, PublicationScope.NONE: m.CONSENT_NONE}


@dataclass(frozen=True)
class ConsentChoice:
    """What the government chose; ``embargo`` None means none."""

    scope: PublicationScope
    answers: bool = False
    embargo: dt.date | None = None


def record(workspace: Workspace, round_id: str, choice: ConsentChoice, source: str = "command") -> Consent:
    """Records the round's consent to publish; returns it."""
    round_ = rounds.get(workspace, round_id)
    consent = Consent(choice.scope, choice.answers, choice.embargo, source,
                      dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    record_consent(workspace.ledger, round_.id, consent)
    return consent


def consent_of(workspace: Workspace, round_id: str) -> Consent | None:
    """The round's consent to publish; None while none is recorded (then nothing of it is public)."""
    return latest_consent(workspace.ledger, round_id)


def view(workspace: Workspace, round_id: str, day: dt.date | None = None) -> PublicView:
    """What of the round may be public on ``day`` (today by default)."""
    return public_view(consent_of(workspace, round_id), day or dt.date.today())


def describe(consent: Consent | None, lang: str) -> str:
    """The consent in one sentence of ``lang``, as status and the approval record show it."""
    if consent is None:
        return translate(m.CONSENT_NOT_RECORDED, lang)
    said = translate(SCOPE_NAMES[consent.scope], lang)
    said += "; " + translate(m.CONSENT_ANSWERS_PUBLIC if consent.answers else m.CONSENT_ANSWERS_PRIVATE, lang)
    if consent.embargo:
        said += "; " + translate(m.CONSENT_EMBARGO, lang, date=format_date(consent.embargo, lang))
    return said
