"""How each institution's return is told in every document made from a round's data: received, incomplete with
its count of required answers ("incomplete (19/29)"), left out, or not received; and which of the round's means
include incomplete returns, so that each says so."""
from __future__ import annotations

from pipeline.analysis.round_data import InstitutionData, RoundData
from pipeline.i18n.messages.returns import (
    RETURN_INCLUDES_INCOMPLETE,
    RETURN_INCOMPLETE,
    RETURN_LEFT_OUT,
    RETURN_MEAN_INCLUDES,
    RETURN_NOT_RECEIVED,
    RETURN_RECEIVED,
    RETURN_RECEIVED_INCOMPLETE,
    RETURN_RECEIVED_ON_INCOMPLETE,
)
from pipeline.i18n.translation import translate


def return_status(inst: InstitutionData, lang: str) -> str:
    """Its return in a word or two, as a status column shows it: "Received", "Incomplete (19/29)", "Incomplete
    (19/29), left out of the scores", "Not received"."""
    if inst.response is None:
        return translate(RETURN_NOT_RECEIVED, lang)
    if not inst.incomplete:
        return translate(RETURN_RECEIVED, lang)
    message = RETURN_LEFT_OUT if inst.left_out else RETURN_INCOMPLETE
    return translate(message, lang, answered=inst.response.answered, required=inst.response.required)


def received_on(inst: InstitutionData, date: str, lang: str, sentence: bool = False) -> str:
    """When it was received (``date`` as the document writes it), saying so when the return is incomplete:
    "4 de diciembre de 2026, incompleto (19/29 …)"; ``sentence``: "Received on …". ``date`` alone for a complete one."""
    if not inst.incomplete or inst.response is None:
        return date
    return translate(RETURN_RECEIVED_ON_INCOMPLETE if sentence else RETURN_RECEIVED_INCOMPLETE, lang, date=date,
                     answered=inst.response.answered, required=inst.response.required)


def _listed(data: RoundData) -> str:
    return ", ".join(f"{i.institution.acronym} ({i.response.answered}/{i.response.required})"
                     for i in data.incomplete_in_means if i.response)


def mean_includes(data: RoundData, lang: str) -> str:
    """Beside a mean: "Includes an incomplete return: PCM (19/29)."; "" when it includes none."""
    found = data.incomplete_in_means
    return translate(RETURN_MEAN_INCLUDES, lang, count=len(found), institutions=_listed(data)) if found else ""


def incomplete_in_means(data: RoundData, lang: str) -> str:
    """The sentence that marks a mean including incomplete returns ("The round's means include incomplete
    returns: PCM (19/29)."); "" when none does."""
    found = data.incomplete_in_means
    if not found:
        return ""
    return translate(RETURN_INCLUDES_INCOMPLETE, lang, count=len(found), institutions=_listed(data))
