"""XLSForm expressions (``relevant``, ``constraint``, ``required``, ``calculation``, ``choice_filter``,
``repeat_count``): the one import for the rest of the package.

``syntax`` parses text to a small AST, ``functions`` holds the XPath/ODK functions frameworks compute,
``values`` XPath's conversions, ``evaluator`` evaluates an AST against the answers.
"""
from __future__ import annotations

from pipeline.frameworks.evaluator import evaluate
from pipeline.frameworks.functions import FUNCTIONS
from pipeline.frameworks.syntax import (
    MAX_NESTING,
    MAX_OPERATORS,
    Binary,
    Call,
    Column,
    Current,
    Expr,
    ExpressionError,
    Negate,
    Number,
    Parent,
    Ref,
    String,
    functions_used,
    parse,
    references,
    rename_references,
    walk,
)
from pipeline.frameworks.values import Nodes, Scope, truthy

__all__ = [
    "FUNCTIONS", "MAX_NESTING", "MAX_OPERATORS", "Binary", "Call", "Column", "Current", "Expr", "ExpressionError",
    "Negate", "Nodes", "Number", "Parent", "Ref", "Scope", "String", "evaluate", "functions_used", "parse",
    "references", "rename_references", "truthy", "walk",
]
