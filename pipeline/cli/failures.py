"""Failures that are not bugs: a full, read-only or failing disk, a damaged ledger — said in one sentence."""
from __future__ import annotations

from pipeline.cli.context import STATE


def storage_sentence(error: BaseException) -> str | None:
    """The sentence for ``error`` when the disk or the ledger's file is what failed; None for anything else."""
    from pipeline.ledger.database import LedgerDamaged
    from pipeline.ledger.storage import problem
    from pipeline.ledger.workspace import LEDGER_NAME, resolve

    if isinstance(error, LedgerDamaged):
        return error.problem.error().render(STATE.lang)
    found = problem(error, resolve(STATE.workspace_path).resolve() / LEDGER_NAME)
    return found.error().render(STATE.lang) if found is not None else None
