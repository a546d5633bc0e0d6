"""The workspace's settings: its time zone, the sender of its e-mail, the mail server and the reminders' schedule.

Staff set them with ``mecigep settings KEY VALUE``; the ledger keeps them. The mail server's password is never
one of them: it is read from the environment variable ``smtp.password_env`` names, when mail is sent.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m

DEFAULT_PASSWORD_ENV = "MECIGEP_SMTP_PASSWORD"
DEFAULT_REMINDERS = (14, 7, 1)
KEYS = ("timezone", "mail.from", "smtp.host", "smtp.port", "smtp.starttls", "smtp.user", "smtp.password_env", "reminders")
DEFAULTS = {"smtp.port": "587", "smtp.starttls": "yes", "smtp.password_env": DEFAULT_PASSWORD_ENV,
            "reminders": ",".join(map(str, DEFAULT_REMINDERS))}  # the others have none: the machine's zone, the coordinator…
YES, NO = ("yes", "true", "1", "on", "si", "sí", "oui", "sim"), ("no", "false", "0", "off", "non", "não", "nao")


@dataclass(frozen=True)
class Settings:
    """The settings as they apply; ``timezone`` None means the machine's, ``mail_from`` empty the coordinator's
    address, ``smtp_host`` empty that no server is set."""

    timezone: str | None = None
    mail_from: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_user: str = ""
    smtp_password_env: str = DEFAULT_PASSWORD_ENV
    reminders: tuple[int, ...] = DEFAULT_REMINDERS  # days before the deadline; an overdue reminder follows it

    def zone(self) -> dt.tzinfo:
        """The time zone times are shown in: the one set, else the machine's."""
        if self.timezone:
            return ZoneInfo(self.timezone)
        return dt.datetime.now().astimezone().tzinfo or dt.timezone.utc

    def local(self, moment: str | dt.datetime) -> dt.datetime:
        """A moment of the ledger (ISO text or an aware datetime, UTC when naive) in the workspace's time zone."""
        value = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(self.zone())

    def today(self) -> dt.date:
        return dt.datetime.now(self.zone()).date()


def check_key(key: str) -> str:
    """``key`` as stored; raises UserError for a key that is not a setting (the password never is one)."""
    key = key.strip().lower()
    if key == "smtp.password":
        raise UserError(m.SETTING_NO_PASSWORD, env=DEFAULT_PASSWORD_ENV)
    if key not in KEYS:
        raise UserError(m.SETTING_UNKNOWN, key=key, keys=KEYS)
    return key


def normalise_setting(key: str, value: str) -> str:
    """``value`` as stored for ``key``; an empty value means the default. Raises UserError saying what the key takes."""
    key, value = check_key(key), value.strip()
    if not value:
        return ""
    if key == "timezone" and value:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(m.SETTING_BAD_TIMEZONE, value=value) from None
    if key == "smtp.port" and not (value.isdigit() and 0 < int(value) < 65536):
        raise UserError(m.SETTING_BAD_PORT, value=value)
    if key == "smtp.starttls":
        if value.casefold() not in YES + NO:
            raise UserError(m.SETTING_BAD_YES_NO, key=key, value=value)
        value = "yes" if value.casefold() in YES else "no"
    if key == "reminders":
        days = [d.strip() for d in value.split(",") if d.strip()]
        if not days or not all(d.isdigit() for d in days):
            raise UserError(m.SETTING_BAD_REMINDERS, value=value)
        value = ",".join(str(d) for d in sorted({int(d) for d in days}, reverse=True))
    return value


def settings_of(stored: dict[str, str]) -> Settings:
    """The settings from what the ledger stores (key → text); keys not stored keep their defaults."""
    def text(key: str, default: str = "") -> str:
        return stored.get(key, "") or default

    return Settings(
        timezone=text("timezone") or None, mail_from=text("mail.from"), smtp_host=text("smtp.host"),
        smtp_port=int(text("smtp.port", "587")), smtp_starttls=text("smtp.starttls", "yes") == "yes",
        smtp_user=text("smtp.user"), smtp_password_env=text("smtp.password_env", DEFAULT_PASSWORD_ENV),
        reminders=tuple(int(d) for d in text("reminders").split(",") if d) or DEFAULT_REMINDERS)
