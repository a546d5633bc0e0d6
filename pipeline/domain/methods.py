"""What a framework declares about scoring: the method of each element and dimension, the level each requirement
question belongs to, what it replaces of an earlier framework, and its own averaging table.

Read from the framework workbook by ``frameworks/methods.py`` (the ``method`` and ``replaces`` columns of the
elements sheet, the ``level`` and ``replaces`` columns of the survey sheet, an optional ``averaging`` sheet);
applied by ``analysis/methods.py``. A framework that declares nothing scores every element and dimension by the
weighted mean, as frameworks always have.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from pipeline.domain.enums import Method

DEFAULT_THRESHOLD = 3  # the ``share`` method counts questions at "3 – implemented" or above unless told otherwise


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MethodSpec(_Frozen):
    """A method and its parameter: ``threshold`` is the level the ``share`` method counts from (others ignore it)."""

    method: Method = Method.WEIGHTED_MEAN
    threshold: int = DEFAULT_THRESHOLD


WEIGHTED_MEAN = MethodSpec()


class Scoring(_Frozen):
    """Everything a framework says about scoring; empty (every method the weighted mean) when it says nothing.

    ``replaces`` names are an earlier framework's element or question names, optionally prefixed with that
    framework's id and a colon (``ict:ict_e2``) when it is another framework."""

    elements: dict[str, MethodSpec] = {}  # element -> its method
    dimensions: dict[str, MethodSpec] = {}  # dimension -> its method
    levels: dict[str, int] = {}  # question -> the level (1–4) it is a requirement of, for the cumulative method
    element_replaces: dict[str, tuple[str, ...]] = {}  # element -> the earlier elements it replaces
    question_replaces: dict[str, tuple[str, ...]] = {}  # question -> the earlier questions it replaces
    averaging: dict[str, float] = {}  # the framework's own averaging table: "1 1 3" (levels, sorted) -> result

    def element(self, name: str | None) -> MethodSpec:
        """The method of element ``name`` (the weighted mean when the framework declares none)."""
        return self.elements.get(name or "", WEIGHTED_MEAN)

    def dimension(self, name: str) -> MethodSpec:
        """The method of dimension ``name`` (the weighted mean when the framework declares none)."""
        return self.dimensions.get(name, WEIGHTED_MEAN)

    @property
    def declared(self) -> bool:
        """Whether any element or dimension has a method other than the weighted mean."""
        return any(s.method is not Method.WEIGHTED_MEAN for s in (*self.elements.values(), *self.dimensions.values()))
