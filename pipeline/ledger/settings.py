"""The workspace's settings as the ledger keeps them (see ``domain/settings.py`` for what each means)."""
from __future__ import annotations

from pipeline.domain.settings import Settings, normalise_setting, settings_of
from pipeline.ledger.database import Ledger


def stored(ledger: Ledger) -> dict[str, str]:
    """Every setting stored, by key."""
    return dict(ledger.db.execute("SELECT key, value FROM settings ORDER BY key").fetchall())


def load(ledger: Ledger) -> Settings:
    return settings_of(stored(ledger))


def change(ledger: Ledger, key: str, value: str) -> str:
    """Stores ``value`` for ``key`` (an empty value goes back to the default), with its event; returns what is stored.
    Raises UserError for an unknown key or a value the key does not take."""
    key, value = key.strip().lower(), normalise_setting(key, value)
    with ledger.transaction():
        if value:
            ledger.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                              (key, value))
        else:
            ledger.db.execute("DELETE FROM settings WHERE key = ?", (key,))
        ledger.note_row("settings", (key,))  # its event carries the row, or its removal (ledger/rows.py)
        ledger.record("settings.changed", None, {"key": key, "value": value})
    return value
