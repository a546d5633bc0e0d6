"""The status page for DGPE staff: outbox/status.html, a self-contained page (no server, no internet)
with every round's stage, the returns per institution, the deadlines and the recent events
(``stages/status.py`` gathers what it shows)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "status.html"


def render_status_page(lang: str, labels: dict[str, Any], rounds: list[dict[str, Any]], events: list[dict[str, Any]],
                       waiting: list[dict[str, Any]] | None = None) -> str:
    """The page's HTML; every value is escaped. ``waiting`` lists what waits in the inbox and why."""
    environment = Environment(loader=FileSystemLoader(TEMPLATE.parent), autoescape=select_autoescape(["html"]))
    return environment.get_template(TEMPLATE.name).render(lang=lang, labels=labels, rounds=rounds, events=events,
                                                          waiting=waiting or [])
