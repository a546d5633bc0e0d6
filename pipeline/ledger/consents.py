"""The consents to publish of each round, as the ledger keeps them: every one recorded, the latest counts."""
from __future__ import annotations

import datetime as dt

from pipeline.domain.consent import Consent
from pipeline.domain.enums import PublicationScope
from pipeline.ledger.database import Ledger


def record_consent(ledger: Ledger, round_id: str, consent: Consent) -> None:
    """Stores ``consent`` with its event, in one transaction (joining the caller's)."""
    with ledger.transaction():
        cursor = ledger.db.execute("INSERT INTO consents (round, scope, answers, embargo, source, recorded) VALUES (?,?,?,?,?,?)",
                                   (round_id, consent.scope.value, int(consent.answers),
                                    consent.embargo.isoformat() if consent.embargo else None, consent.source, consent.recorded))
        ledger.note_row("consents", (cursor.lastrowid,))  # its event carries it (ledger/rows.py)
        ledger.record("report.consent", round_id, {"scope": consent.scope.value, "answers": consent.answers,
                                                   "embargo": consent.embargo.isoformat() if consent.embargo else None,
                                                   "source": consent.source})


def latest_consent(ledger: Ledger, round_id: str) -> Consent | None:
    """The round's consent to publish (the latest recorded); None while it has none."""
    row = ledger.db.execute("SELECT scope, answers, embargo, source, recorded FROM consents WHERE round = ? ORDER BY seq DESC LIMIT 1",
                            (round_id,)).fetchone()
    if row is None:
        return None
    scope, answers, embargo, source, recorded = row
    return Consent(PublicationScope(scope), bool(answers), dt.date.fromisoformat(embargo) if embargo else None, source, recorded)
