"""The status page for DGPE staff: outbox/status.html, a self-contained page (no server, no internet)
with every round's stage, the returns per institution, the deadlines and the recent events."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, normalise_language, translate
from pipeline.ledger.files import write_bytes
from pipeline.ledger.workspace import Workspace
from pipeline.stages.status import institutions, overview

TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "status.html"
STATUS_NAMES = {"accepted": m.LABEL_ACCEPTED, "incomplete": m.LABEL_INCOMPLETE, "missing": m.LABEL_MISSING}


def write_status_page(workspace: Workspace, lang: str | None = None, today: dt.date | None = None) -> Path:
    """Writes outbox/status.html atomically; returns its path."""
    lang = normalise_language(lang)
    today = today or dt.date.today()
    t = lambda message, **params: translate(message, lang, **params)  # noqa: E731
    catalog = workspace.catalog
    rounds = []
    for row in overview(workspace, today):
        rounds.append({
            "id": row.round_id,
            "country": catalog.states[row.country].name(lang) if row.country in catalog.states else row.country,
            "topic": catalog.topics[row.topic].name(lang) if row.topic in catalog.topics else row.topic,
            "stage": t(m.STAGE_NAMES[row.stage]),
            "deadline": f"{format_date(row.deadline, lang)} ({t(m.DEADLINE_NAMES[row.deadline_name])})" if row.deadline_name else "—",
            "days": row.days,
            "returned": row.returned,
            "expected": row.expected,
            "institutions": [
                {"acronym": i.acronym, "name": i.name, "status": i.status, "status_label": t(STATUS_NAMES[i.status]),
                 "received": i.received, "answered": f"{i.answered}/{i.required}" if i.required else "—",
                 "last": i.last[:16].replace("T", " ") if i.last else "—"}
                for i in institutions(workspace, row.round_id)
            ],
        })
    events = [
        {"seq": e.seq, "at": e.at[:16].replace("T", " "), "round": e.round or "", "kind": e.kind,
         "details": ", ".join(f"{k}: {v}" for k, v in e.payload.items())}
        for e in reversed(workspace.ledger.events(limit=30))
    ]
    labels = {
        "title": t(m.PAGE_TITLE),
        "updated": t(m.PAGE_GENERATED, when=dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        "rounds": t(m.PAGE_ROUNDS), "returns": t(m.PAGE_RETURNS), "events": t(m.PAGE_EVENTS), "no_events": t(m.PAGE_NO_EVENTS),
        "round_headers": [t(h) for h in (m.LABEL_ROUND, m.LABEL_COUNTRY, m.LABEL_TOPIC, m.LABEL_STAGE, m.LABEL_NEXT_DEADLINE,
                                         m.LABEL_DAYS, m.LABEL_RETURNS)],
        "institution_headers": [t(h) for h in (m.LABEL_ACRONYM, m.LABEL_INSTITUTION, m.LABEL_STATUS, m.LABEL_RECEIVED,
                                               m.LABEL_ANSWERED, m.LABEL_LAST)],
        "event_headers": ["#", t(m.WHEN_HEADER), t(m.LABEL_ROUND), t(m.EVENTS_HEADER), t(m.DETAILS_HEADER)],
    }
    environment = Environment(loader=FileSystemLoader(TEMPLATE.parent), autoescape=select_autoescape(["html"]))
    html = environment.get_template(TEMPLATE.name).render(lang=lang, labels=labels, rounds=rounds, events=events)
    return write_bytes(workspace.outbox / "status.html", html.encode("utf-8"))
