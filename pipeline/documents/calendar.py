"""The round's calendar as an iCalendar file for the panel and the country."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar as ICalendar
from icalendar import Event

from pipeline.domain.catalog import Catalog
from pipeline.domain.models import Round
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger.files import write_bytes


def write_calendar(round_: Round, path: Path, catalog: Catalog, lang: str) -> Path:
    """Writes one all-day event per date of the round (the visit as one span); returns ``path``."""
    cal = ICalendar()
    cal.add("prodid", "-//OAS DGPE//MECIGEP//ES")
    cal.add("version", "2.0")
    title = f"MECIGEP {round_.id} — {catalog.topic(round_.topic).name(lang)}"
    c = round_.calendar
    spans = [
        ("questionnaire_deadline", c.questionnaire_deadline, c.questionnaire_deadline),
        ("visit_start", c.visit_start, c.visit_end or c.visit_start),
        ("report_due", c.report_due, c.report_due),
    ]
    stamp = dt.datetime.now(dt.timezone.utc)
    for name, start, end in spans:
        if start is None or end is None:
            continue
        event = Event()
        label = translate(m.DEADLINE_NAMES[name], lang) if name != "visit_start" else translate(m.LABEL_PANEL, lang)
        event.add("summary", f"{title}: {label}")
        event.add("dtstart", start)
        event.add("dtend", end + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("uid", f"{round_.id}-{name}@mecigep")
        cal.add_component(event)
    return write_bytes(path, cal.to_ical())
