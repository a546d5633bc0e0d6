"""The workspace's settings, and the reminders' schedule counted from the questionnaire deadline."""
import datetime as dt

import pytest

from pipeline.domain.mail import OVERDUE, reminder_step
from pipeline.domain.problems import UserError
from pipeline.domain.settings import DEFAULT_PASSWORD_ENV, normalise_setting, settings_of
from pipeline.i18n import messages as m

DEADLINE = dt.date(2026, 12, 18)


@pytest.mark.parametrize("days_before, step", [(20, None), (14, "14"), (10, "14"), (7, "7"), (2, "7"), (1, "1"), (0, "1"), (-1, OVERDUE),
                                               (-30, OVERDUE)])
def test_the_reminder_due_is_the_latest_step_reached(days_before, step):
    assert reminder_step(DEADLINE, DEADLINE - dt.timedelta(days=days_before), (14, 7, 1)) == step


def test_settings_default_to_the_machines_time_zone_and_starttls():
    settings = settings_of({})
    assert settings.timezone is None and settings.smtp_starttls and settings.smtp_port == 587
    assert settings.zone().utcoffset(dt.datetime.now()) == dt.datetime.now().astimezone().utcoffset()
    assert settings.smtp_password_env == DEFAULT_PASSWORD_ENV


def test_a_time_zone_shows_ledger_times_locally():
    lima = settings_of({"timezone": "America/Lima"})
    assert lima.local("2026-12-04T15:00:00+00:00").strftime("%H:%M %z") == "10:00 -0500"


@pytest.mark.parametrize("key, value, message", [
    ("timezone", "Mars/Olympus", m.SETTING_BAD_TIMEZONE), ("smtp.port", "70000", m.SETTING_BAD_PORT),
    ("smtp.starttls", "maybe", m.SETTING_BAD_YES_NO), ("reminders", "soon", m.SETTING_BAD_REMINDERS),
    ("smtp.password", "secret", m.SETTING_NO_PASSWORD), ("colour", "blue", m.SETTING_UNKNOWN)])
def test_a_wrong_setting_is_refused_in_one_sentence(key, value, message):
    with pytest.raises(UserError) as raised:
        normalise_setting(key, value)
    assert raised.value.message == message


def test_settings_are_stored_in_a_normal_form():
    assert normalise_setting("smtp.starttls", "Sí") == "yes" and normalise_setting("reminders", "1, 14,7,7") == "14,7,1"
    assert settings_of({"reminders": "10,3"}).reminders == (10, 3)
