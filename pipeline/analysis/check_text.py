"""The gaps and quality checks in words, with their figures and rules: one sentence for the consolidated workbook's
Gaps sheet, one for the interview guides. Pure."""
from __future__ import annotations

from typing import Callable

from pipeline.analysis.checks import (
    CHANGE_MIN,
    CHANGE_SHARE,
    COPIED_LENGTH,
    OUTLIER_DISTANCE,
    OUTLIER_OTHERS,
    SAME_EVIDENCE_MIN,
    UNKNOWN_MIN,
    UNKNOWN_SHARE,
    Gap,
    GapKind,
)
from pipeline.analysis.scoring import DISAGREEMENT, LOW_SCORE
from pipeline.i18n import messages as m
from pipeline.i18n.messages.checks import CHECK_DETAILS, CHECK_KINDS, CHECK_RULES, GUIDE_CHECKS
from pipeline.i18n.translation import format_number, format_percent, translate


def percent(share: float, lang: str) -> str:
    return format_percent(share, lang)


def params(gap: Gap, lang: str, acronym: Callable[[object], str]) -> dict[str, object]:
    """The figures a gap's sentences use, formatted in ``lang`` (institutions by acronym)."""
    number = lambda v: "—" if v is None else format_number(v, lang, 2)
    found: dict[str, object] = {"institution": acronym(gap.institution) if gap.institution else "", "question": gap.question or "",
                                "threshold": format_number(LOW_SCORE, lang, 0), "apart": format_number(DISAGREEMENT, lang, 0),
                                "limit": "", "least": ""}
    for key, value in gap.detail.items():
        if key in ("high", "low"):
            found[key] = acronym(value)
        elif key == "others":
            found[key] = ", ".join(acronym(o) for o in value)  # type: ignore[union-attr]
        elif key == "share":
            found[key] = percent(float(value), lang)  # type: ignore[arg-type]
        elif isinstance(value, float) or value is None:
            found[key] = number(value)  # type: ignore[arg-type]
        elif isinstance(value, tuple):
            found[key] = value  # said item by item in the message's language (questions by number and text)
        else:
            found[key] = value
    if isinstance(gap.detail.get("high_score"), (int, float)) and isinstance(gap.detail.get("low_score"), (int, float)):
        found["difference"] = number(gap.detail["high_score"] - gap.detail["low_score"])  # type: ignore[operator]
    if gap.kind is GapKind.OUTLIER:
        found.update(distance=number(abs(float(gap.detail["score"]) - float(gap.detail["median"]))),  # type: ignore[arg-type]
                     limit=format_number(OUTLIER_DISTANCE, lang, 1))
    elif gap.kind is GapKind.UNKNOWN_SHARE:
        found.update(limit=percent(UNKNOWN_SHARE, lang), least=UNKNOWN_MIN)
    elif gap.kind is GapKind.BIG_CHANGE:
        found.update(limit=percent(CHANGE_SHARE, lang), least=CHANGE_MIN)
    elif gap.kind is GapKind.COPIED_TEXT:
        found["length"] = COPIED_LENGTH
    return found


def kind_label(gap: Gap, lang: str) -> str:
    return translate(CHECK_KINDS.get(gap.kind.value) or m.CONS_GAP_KINDS[gap.kind], lang)


def detail(gap: Gap, lang: str, acronym: Callable[[object], str]) -> str:
    """The Gaps sheet's sentence: what was found, with the rule's threshold."""
    return translate(CHECK_DETAILS.get(gap.kind.value) or m.CONS_GAP_DETAILS[gap.kind], lang, **params(gap, lang, acronym))


def guide_sentence(gap: Gap, lang: str, acronym: Callable[[object], str], element: str) -> str | None:
    """The interview guide's sentence for a quality check; None for the other gaps (the guide words them itself)."""
    message = GUIDE_CHECKS.get(gap.kind.value)
    return translate(message, lang, **params(gap, lang, acronym), element=element) if message else None


def rules(lang: str) -> list[str]:
    """Every rule, with its thresholds, a sentence each."""
    values = (
        {"low": format_number(LOW_SCORE, lang, 0), "apart": format_number(DISAGREEMENT, lang, 0)},
        {"distance": format_number(OUTLIER_DISTANCE, lang, 1), "others": OUTLIER_OTHERS},
        {"share": percent(UNKNOWN_SHARE, lang), "least": UNKNOWN_MIN},
        {"length": COPIED_LENGTH},
        {"least": SAME_EVIDENCE_MIN},
        {"share": percent(CHANGE_SHARE, lang), "least": CHANGE_MIN},
        {},
    )
    return [translate(message, lang, **p) for message, p in zip(CHECK_RULES, values)]
