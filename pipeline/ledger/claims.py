"""The name each file had in the inbox when it was claimed, kept while it is processed under its claim name.

Work files are named ``<claim id>--<safe form of the name>``, so any name fits; the name itself (bytes,
folder included, even when it is not UTF-8) is kept here under the claim id, recorded before the file is
renamed so that a crash never loses it. Claims are operational: no event records them.
"""
from __future__ import annotations

import datetime as dt

from pipeline.ledger.database import Ledger
from pipeline.ledger.names import display


def record(ledger: Ledger, claims: list[tuple[str, bytes]]) -> None:
    """Keeps (claim id, name as the filesystem holds it) for each file about to be claimed; one transaction."""
    if not claims:
        return
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with ledger.transaction():
        ledger.db.executemany("INSERT OR REPLACE INTO claims (id, name, raw_name, claimed) VALUES (?, ?, ?, ?)",
                              [(claim, display(raw), raw.hex(), now) for claim, raw in claims])


def name_of(ledger: Ledger, claim: str) -> bytes | None:
    """The name the claimed file had, relative to the inbox; None when the claim was not recorded."""
    row = ledger.db.execute("SELECT raw_name FROM claims WHERE id = ?", (claim,)).fetchone()
    return bytes.fromhex(row[0]) if row else None


def forget(ledger: Ledger, claims: list[str]) -> None:
    """Drops the claims of files that were not taken after all (another process took them, or they changed)."""
    if claims:
        with ledger.transaction():
            ledger.db.executemany("DELETE FROM claims WHERE id = ?", [(c,) for c in claims])


def prune(ledger: Ledger, in_work: set[str], older_than: dt.timedelta = dt.timedelta(minutes=10)) -> int:
    """Drops the claims of files no longer in work/ (finished, or put back), once old enough that no watcher
    can still be about to rename them; returns how many. ``in_work`` are the claim ids of files still there."""
    limit = (dt.datetime.now(dt.timezone.utc) - older_than).isoformat(timespec="seconds")
    stale = [claim for (claim,) in ledger.db.execute("SELECT id FROM claims WHERE claimed < ?", (limit,)) if claim not in in_work]
    forget(ledger, stale)
    return len(stale)
