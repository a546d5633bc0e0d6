"""The scoring methods: an element's (or a dimension's) questions in, its score out, with what each method needs
to show its working. Pure.

The rules, as docs/scoring-methods.md gives them to framework authors (levels are 0 to 4):

- **weighted_mean** (the default, and every framework's method before methods existed): Σ weight × level / Σ weight
  over the questions answered with a level; "not applicable" and "insufficient information" are left out.
- **weakest_link** (PEFA M1): the lowest level, raised by half a point (a "+") when any other question scores
  higher; there is no "4+". "Insufficient information" counts as 0 (PEFA aggregates D* like D).
- **averaging_table** (PEFA M2): the levels, sorted, read off a table — the framework's own ``averaging`` sheet,
  else the shipped ``data/averaging.json`` (two to four questions), else the rule that table follows (the mean
  rounded up to the next half point); one question scores its level. "Insufficient information" counts as 0.
- **cumulative**: the highest level L such that every requirement of L and of every level below is met. A maturity
  question is a requirement of every level and meets those up to its answer; a question given a ``level`` in the
  survey is a requirement of that level, met when answered yes (or, on the maturity scale, at that level or above).
  "Insufficient information" meets nothing.
- **share**: p = Σ weight of the questions at the threshold level or above / Σ weight of those answered (an
  "insufficient information" counts, below); all (p ≥ 90 %) scores 4, most (75 %) 3, a majority (50 %) 2, some
  (25 %) 1, fewer 0 — PEFA's words for shares.

In every method "not applicable" (chosen, or a question whose relevant rule is false) and unanswered questions are
left out; when no question is left with an answer that scores, there is no score (``insufficient`` says how many
"insufficient information" answers there were: a score that is missing for lack of information, PEFA's D*).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import fmean
from typing import Iterable, Mapping, Sequence

from pipeline.domain.enums import Method, ShareBand
from pipeline.domain.framework import INSUFFICIENT_INFORMATION, NOT_APPLICABLE
from pipeline.domain.methods import WEIGHTED_MEAN, MethodSpec

DEFAULT_TABLE = Path(__file__).resolve().parents[1] / "data" / "averaging.json"
BANDS = ((0.9, ShareBand.ALL, 4.0), (0.75, ShareBand.MOST, 3.0), (0.5, ShareBand.MAJORITY, 2.0), (0.25, ShareBand.SOME, 1.0))
EVERY_LEVEL = (1, 2, 3, 4)


@dataclass(frozen=True)
class Input:
    """One question as a method reads it. ``answer`` is the code answered ("0"–"4", "yes", "no", "ii", "na"); None
    when unanswered. ``requirement`` is the level it is a requirement of (cumulative); None for a maturity question,
    which is one of every level."""

    question: str
    answer: str | None
    weight: float = 1.0
    maturity: bool = True
    requirement: int | None = None

    @property
    def level(self) -> int | None:
        """The maturity level answered; None for anything else."""
        return int(self.answer) if self.maturity and self.answer is not None and self.answer.isdigit() else None

    @property
    def insufficient(self) -> bool:
        return self.answer == INSUFFICIENT_INFORMATION

    @property
    def not_applicable(self) -> bool:
        return self.answer == NOT_APPLICABLE

    @property
    def scores(self) -> bool:
        """Whether it has an answer a method reads (a level, or yes/no for a requirement)."""
        return self.level is not None or (self.requirement is not None and not self.maturity and self.answer in ("yes", "no"))


@dataclass(frozen=True)
class Score:
    """A score on the 0–4 scale; ``value`` None when nothing of it scored. ``scored`` questions counted (an
    "insufficient information" counted as 0 included), of ``total`` it covers. The other fields are the working:
    ``plus`` (weakest link), ``table`` ("framework", "shipped", "rule" or "single": where an averaging result came
    from), ``failed`` and ``next_level`` (cumulative: the requirements not met at the first level not reached),
    ``share`` and ``band`` (share), and the ``inputs`` themselves."""

    value: float | None
    scored: int
    total: int
    method: Method = Method.WEIGHTED_MEAN
    insufficient: int = 0
    not_applicable: int = 0
    plus: bool = False
    table: str = ""
    failed: tuple[str, ...] = ()
    next_level: int | None = None
    share: float | None = None
    band: ShareBand | None = None
    threshold: int = 3
    inputs: tuple[Input, ...] = ()

    @property
    def percent(self) -> float | None:
        return None if self.value is None else self.value / 4


def weighted(pairs: Iterable[tuple[float, float]], total: int) -> Score:
    """The weighted mean of (value, weight) pairs, of ``total`` questions."""
    items = [(v, w) for v, w in pairs]
    weight = sum(w for _, w in items)
    value = sum(v * w for v, w in items) / weight if weight else None
    return Score(value, len(items), total)


@cache
def shipped_table() -> dict[str, float]:
    """The shipped averaging table: sorted levels ("1 1 3") -> result."""
    rows = json.loads(DEFAULT_TABLE.read_text(encoding="utf-8"))["rows"]
    return {" ".join(str(v) for v in sorted(r["levels"])): float(r["result"]) for r in rows}


def rounded_up_mean(levels: Sequence[int]) -> float:
    """The mean of ``levels`` rounded up to the next half point (the rule the shipped table follows)."""
    return math.ceil(round(2 * fmean(levels), 9)) / 2


def evaluate(spec: MethodSpec | None, inputs: Sequence[Input], table: Mapping[str, float] | None = None) -> Score:
    """The score ``spec`` gives ``inputs`` (the weighted mean when ``spec`` is None); ``table`` is the framework's
    own averaging table."""
    spec = spec or WEIGHTED_MEAN
    base = {"total": len(inputs), "method": spec.method, "insufficient": sum(i.insufficient for i in inputs),
            "not_applicable": sum(i.not_applicable for i in inputs), "threshold": spec.threshold, "inputs": tuple(inputs)}
    if spec.method is Method.WEIGHTED_MEAN:
        mean = weighted(((i.level, i.weight) for i in inputs if i.level is not None), len(inputs))
        return Score(mean.value, mean.scored, **base)
    if not any(i.scores for i in inputs):
        return Score(None, 0, **base)
    counted = [i for i in inputs if i.scores or i.insufficient]
    levels = [i.level or 0 for i in counted]  # "insufficient information" as 0
    if spec.method is Method.WEAKEST_LINK:
        lowest = min(levels)
        plus = any(v > lowest for v in levels)
        return Score(lowest + 0.5 if plus else float(lowest), len(counted), plus=plus, **base)
    if spec.method is Method.AVERAGING_TABLE:
        value, source = _averaged(sorted(levels), table or {})
        return Score(value, len(counted), table=source, **base)
    if spec.method is Method.SHARE:
        return _share(counted, spec.threshold, base)
    return _cumulative(counted, base)


def _averaged(levels: list[int], table: Mapping[str, float]) -> tuple[float, str]:
    if len(levels) == 1:
        return float(levels[0]), "single"
    key = " ".join(str(v) for v in levels)
    if key in table:
        return table[key], "framework"
    if key in shipped_table():
        return shipped_table()[key], "shipped"
    return rounded_up_mean(levels), "rule"


def _share(counted: list[Input], threshold: int, base: dict) -> Score:
    whole = sum(i.weight for i in counted)
    if not whole:
        return Score(None, 0, **base)
    share = sum(i.weight for i in counted if (i.level or 0) >= threshold and not i.insufficient) / whole
    band, value = next(((b, v) for limit, b, v in BANDS if share >= limit - 1e-9), (ShareBand.FEW, 0.0))
    return Score(value, len(counted), share=share, band=band, **base)


def _met(i: Input, level: int) -> bool:
    """Whether ``i`` meets ``level`` (for a requirement of a lower level: whether it is met at all)."""
    if i.insufficient:
        return False
    if i.maturity:
        return (i.level or 0) >= (level if i.requirement is None else i.requirement)
    return i.answer == "yes"


def _cumulative(counted: list[Input], base: dict) -> Score:
    defined = sorted({i.requirement for i in counted if i.requirement is not None}
                     | (set(EVERY_LEVEL) if any(i.requirement is None for i in counted) else set()))
    reached = 0
    for level in defined:
        failed = tuple(i.question for i in counted
                       if (i.requirement is None or i.requirement <= level) and not _met(i, level))
        if failed:
            return Score(float(reached), len(counted), failed=failed, next_level=level, **base)
        reached = level
    return Score(float(reached), len(counted), **base)
