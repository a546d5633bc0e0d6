"""What every benchmark shares: timing, and the one format a figure is printed in.

    NAME: VALUE UNIT (BASELINE_NAME: VALUE UNIT, ratio R)
    NAME: VALUE UNIT
"""
from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass
from typing import Callable

REPEAT = 5


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str | None = None
    baseline: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    def line(self) -> str:
        text = f"{self.name}: {_number(self.value)} {self.unit}"
        if self.baseline_name is not None and self.baseline is not None:
            ratio = f"{self.ratio:.2f}" if self.ratio is not None else "n/a"
            text += f" ({self.baseline_name}: {_number(self.baseline)} {self.unit}, ratio {ratio})"
        return text

    __str__ = line


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def report(name: str, value: float, unit: str, baseline_name: str | None = None, baseline: float | None = None) -> Figure:
    """A figure, with its baseline when there is one; ``str()`` of it is the printed line."""
    return Figure(name, value, unit, baseline_name, baseline)


def _once(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _pick(samples: list[float], stat: str) -> float:
    return min(samples) if stat == "best" else statistics.median(samples)


def timed(fn: Callable[[], object], repeat: int = REPEAT, stat: str = "best", warmup: bool = True) -> float:
    """Seconds one call of ``fn`` takes: the best (or ``stat="median"``) of ``repeat`` calls, after an untimed one."""
    if warmup:
        fn()
    return _pick([_once(fn) for _ in range(repeat)], stat)


def compared(fn: Callable[[], object], baseline: Callable[[], object], repeat: int = REPEAT,
             stat: str = "best", warmup: bool = True) -> tuple[float, float]:
    """``timed`` for ``fn`` and its ``baseline``, their calls interleaved so that both see the same machine."""
    if warmup:
        fn()
        baseline()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        ours.append(_once(fn))
        theirs.append(_once(baseline))
    return _pick(ours, stat), _pick(theirs, stat)
