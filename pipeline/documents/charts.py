"""Charts of maturity scores for the documents (the interview guides, later the reports).

The one module that draws: matplotlib is imported inside the functions, with the Agg backend
chosen before pyplot, so nothing of it loads when the command line starts. Every chart is a PNG
at 150 dpi, the same bytes for the same input (no software name or date in the file), 17 cm wide
so it fills an A4 page between 2 cm margins, drawn with the Okabe–Ito colours, which people with
any common colour-vision deficiency tell apart, and with hatching so a grey print keeps them apart
too. A ``Chart`` carries a sentence with the chart's numbers, to be the picture's alternative text.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.i18n.messages.charts import CHART_COMPARED_ALT, CHART_DIMENSIONS_ALT, CHART_NO_SCORE, CHART_SERIES, CHART_VALUE
from pipeline.i18n.translation import format_number, translate

# Okabe & Ito (2008), "Color Universal Design": blue, orange, bluish green, reddish purple, sky blue, vermillion.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
HATCHES = ("", "//", "..", "xx", "\\\\", "--")
INK = "#1F3864"  # the navy of the documents
GRID = "#D9D9D9"
WIDTH_INCHES = 6.7  # 17 cm
DPI = 150
SCALE = ("0", "1", "2", "3", "4")
METADATA: dict[str, Any] = {"Software": None, "CreationDate": None}
DRAWING = "1"  # change it whenever a chart is drawn differently: cached pictures of the old drawing are then not used
STYLE = {"font.family": "DejaVu Sans", "font.size": 8.5, "axes.edgecolor": GRID, "axes.linewidth": 0.8,
         "svg.hashsalt": "mecigep", "path.simplify": False}


@dataclass(frozen=True)
class Chart:
    """A chart written to ``path``; ``alt_text`` says what it shows, with its numbers, for readers who cannot see it."""

    path: Path
    title: str
    alt_text: str


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (a longer word stays whole)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def level_label(name: str) -> str:
    """A tick of the scale: "3 – Implemented" as the number over the name, a long name wrapped."""
    number, dash, rest = name.partition(" – ")
    return f"{number}\n{wrap(rest, 18)}" if dash else wrap(name, 18)


def _number(value: float | None, lang: str | None) -> str:
    return translate(CHART_NO_SCORE, lang) if value is None else format_number(value, lang, digits=1)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _scale_axis(ax: Any, levels: Sequence[str]) -> None:
    """The value axis: 0 to 4, each tick named after its level, a light grid behind the bars."""
    ax.set_xlim(0, 4.45)
    ax.set_xticks(range(5))
    ax.set_xticklabels([level_label(name) for name in levels], fontsize=7.5, color="#404040")
    ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="both", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _value_label(ax: Any, x: float | None, y: float, lang: str | None, size: float) -> None:
    """The number at the end of a bar (or "no score" where there is none)."""
    ax.text((x or 0) + 0.05, y, _number(x, lang), va="center", ha="left", fontsize=size,
            color="#262626" if x is not None else "#7F7F7F", style="normal" if x is not None else "italic")


def _save(fig: Any, path: Path) -> None:
    plt = _pyplot()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fig.savefig(path, dpi=DPI, format="png", metadata=METADATA, facecolor="white")
    finally:
        plt.close(fig)


def dimension_scores(labels: list[str], series: dict[str, list[float | None]], title: str, path: Path,
                     levels: Sequence[str] = SCALE, lang: str | None = None) -> Chart:
    """Grouped horizontal bars: for each dimension (``labels``, top to bottom) one bar per series
    (an institution, or a mean), its 0–4 score; ``None`` is a dimension with no score.

    ``levels`` names the five ticks of the scale; ``lang`` is the language of the numbers and alt text."""
    if any(len(values) != len(labels) for values in series.values()):
        raise ValueError("every series needs one value per label")
    plt = _pyplot()
    names = list(series)
    count = max(len(names), 1)
    band = 0.8 / count
    wrapped = [wrap(label, 30) for label in labels]
    rows_height = sum(max(0.16 * (label.count("\n") + 1), 0.2 * count) + 0.14 for label in wrapped)
    height = min(9.5, 1.15 + rows_height + (0.3 if len(names) > 1 else 0))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, height), layout="constrained")
        rows = range(len(labels))
        for n, name in enumerate(names):
            offsets = [row - 0.4 + band * (n + 0.5) for row in rows]
            values = series[name]
            ax.barh(offsets, [v or 0 for v in values], height=band * 0.92, label=name,
                    color=PALETTE[n % len(PALETTE)], hatch=HATCHES[n % len(HATCHES)], edgecolor="white", linewidth=0.4)
            for y, value in zip(offsets, values):
                _value_label(ax, value, y, lang, 7 if count > 2 else 7.5)
        ax.set_yticks(list(rows))
        ax.set_yticklabels(wrapped, color="#262626")
        ax.set_ylim(len(labels) - 0.5, -0.5)  # the first dimension on top
        _scale_axis(ax, levels)
        ax.set_title(wrap(title, 80), loc="left", color=INK, fontsize=10, fontweight="bold")
        if len(names) > 1:
            fig.legend(loc="outside lower center", ncol=min(len(names), 3), frameon=False, fontsize=8)
        _save(fig, path)
    parts = [translate(CHART_SERIES, lang, name=name, values="; ".join(
        translate(CHART_VALUE, lang, label=label, value=_number(value, lang)) for label, value in zip(labels, series[name])))
        for name in names]
    return Chart(path, title, translate(CHART_DIMENSIONS_ALT, lang, title=title, series=". ".join(parts)))


def institutions_compared(names: list[str], values: list[float | None], title: str, path: Path,
                          levels: Sequence[str] = SCALE, lang: str | None = None) -> Chart:
    """One horizontal bar per institution (``names``, top to bottom): its 0–4 score; ``None`` is no score."""
    if len(names) != len(values):
        raise ValueError("one value per name")
    plt = _pyplot()
    wrapped = [wrap(name, 30) for name in names]
    height = min(9.5, 1.15 + sum(max(0.16 * (n.count("\n") + 1), 0.22) + 0.14 for n in wrapped))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, height), layout="constrained")
        rows = list(range(len(names)))
        ax.barh(rows, [v or 0 for v in values], height=0.62, color=PALETTE[0], edgecolor="white", linewidth=0.4)
        for y, value in zip(rows, values):
            _value_label(ax, value, y, lang, 7.5)
        ax.set_yticks(rows)
        ax.set_yticklabels(wrapped, color="#262626")
        ax.set_ylim(len(names) - 0.5, -0.5)
        _scale_axis(ax, levels)
        ax.set_title(wrap(title, 80), loc="left", color=INK, fontsize=10, fontweight="bold")
        _save(fig, path)
    listed = "; ".join(translate(CHART_VALUE, lang, label=name, value=_number(value, lang)) for name, value in zip(names, values))
    return Chart(path, title, translate(CHART_COMPARED_ALT, lang, title=title, values=listed))


def cached(cache: Path | None, draw: Callable[..., Chart], *args: Any, **kwargs: Any) -> Chart:
    """``draw(*args, **kwargs)`` (``dimension_scores`` or ``institutions_compared``, the picture's path fourth), or,
    when ``cache`` already holds a picture drawn from the same arguments (in any earlier run), a copy of it: the
    same bytes, since a chart is the same PNG for the same input. Pictures are kept in ``cache`` under the SHA-256
    of the function, ``DRAWING`` and the arguments but the path, with their title and alternative text beside them.
    ``cache`` None draws every time."""
    if cache is None:
        return draw(*args, **kwargs)
    path, rest = Path(args[3]), args[:3] + args[4:]
    key = hashlib.sha256(repr((draw.__name__, DRAWING, rest, sorted(kwargs.items()))).encode()).hexdigest()
    picture, about = cache / f"{key}.png", cache / f"{key}.json"
    if picture.exists() and about.exists():
        try:
            told = json.loads(about.read_text(encoding="utf-8"))
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(picture, path)
            return Chart(path, told["title"], told["alt_text"])
        except (OSError, ValueError, KeyError):
            pass  # a damaged entry is drawn again and replaced
    chart = draw(*args, **kwargs)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for target, write in ((picture, lambda tmp: shutil.copyfile(chart.path, tmp)),
                              (about, lambda tmp: tmp.write_text(json.dumps({"title": chart.title, "alt_text": chart.alt_text},
                                                                            ensure_ascii=False), encoding="utf-8"))):
            tmp = target.with_name(f".{target.name}.{id(chart)}.tmp")
            write(tmp)
            tmp.replace(target)  # whole or absent: a run stopped midway leaves no half picture to reuse
    except OSError:
        pass  # a cache that cannot be written only costs the drawing next time
    return chart
