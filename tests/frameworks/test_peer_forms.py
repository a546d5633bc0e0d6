"""pyxform's own test forms are the peer suite: each form pyxform converts either compiles here or is refused
only for what a questionnaire answered in Excel cannot hold, each refusal naming its sheet and row.

The committed selection is ``tests/data/xlsform/`` (see its SOURCE.md). When a checkout of pyxform is at hand
(``PYXFORM_SOURCE`` naming its folder), every ``.xlsx`` of its ``tests/example_xls/`` is checked too.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from pipeline.i18n import messages as m
from pipeline.stages.frameworks import check_framework

DATA = Path(__file__).resolve().parents[1] / "data" / "xlsform"
MANIFEST = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
# What a questionnaire answered offline in Excel cannot hold: each refused with the reason and what to ask instead.
OFFLINE = {m.FW_GEO, m.FW_MEDIA, m.FW_FROM_FILE, m.FW_HIDDEN, m.FW_RANK, m.EXPR_OFFLINE_FUNCTION, m.EXPR_LAST_SAVED}
UPSTREAM = Path(os.environ.get("PYXFORM_SOURCE", "/nonexistent")) / "tests" / "example_xls"


def check(path: Path, valid: bool) -> None:
    started = time.monotonic()
    result = check_framework(path)
    assert time.monotonic() - started < 2, "a form under 1 MB checks in under 2 s"
    for problem in result.errors:
        assert problem.where is not None and problem.where.sheet and problem.render("es") and problem.render("en")
        assert problem.where.row is not None or problem.message in (m.FW_NO_SURVEY, m.FW_MISSING_COLUMN), problem.render("en")
    if valid:
        assert result.framework is not None or {p.message for p in result.errors} <= OFFLINE, \
            [p.render("en") for p in result.errors if p.message not in OFFLINE]
    else:
        assert result.framework is not None or result.errors


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_each_form_of_the_peer_suite_compiles_or_is_refused_for_what_excel_cannot_hold(name: str) -> None:
    check(DATA / name, MANIFEST[name]["valid_for_pyxform"])


def test_the_peer_suite_covers_the_features_and_both_outcomes() -> None:
    outcomes = {name: check_framework(DATA / name) for name in MANIFEST}
    compiled = {name for name, result in outcomes.items() if result.framework is not None}
    assert len(compiled) >= 12 and len(outcomes) - len(compiled) >= 10
    used = {q.type.value for name in compiled for q in outcomes[name].framework.every_question}  # type: ignore[union-attr]
    assert {"select_one", "select_multiple", "calculate", "range", "text", "integer"} <= used
    assert any(outcomes[name].framework.repeats for name in compiled)  # type: ignore[union-attr]
    assert any(q.choice_filter for name in compiled for q in outcomes[name].framework.every_question)  # type: ignore[union-attr]


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="no pyxform checkout named by PYXFORM_SOURCE")
@pytest.mark.parametrize("path", sorted(UPSTREAM.glob("*.xlsx")) if UPSTREAM.is_dir() else [], ids=lambda p: p.name)
def test_each_example_workbook_of_a_pyxform_checkout(path: Path) -> None:
    # invalid by design, or broken on purpose: bad_calc's calculation is prose, or_other filters on an XPath node 'yes'
    check(path, valid=path.stem not in {"duplicate_columns", "unknown_question_type", "survey_no_name", "bad_calc", "or_other"})
