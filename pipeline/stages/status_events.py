"""The status page's recent events as sentences in the page's language (``messages/status_events.py``).

An event's payload is what the ledger needs to replay it (ids, lists, hashes); the page says what happened:
institutions by acronym, experts by name, stages, countries and topics by their names, dates as readers write
them, a list as words, never a full SHA-256. A kind the page has no sentence for reads "another change".
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.domain.enums import PublicationScope
from pipeline.domain.models import Round
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.ledger.database import Event
from pipeline.ledger.workspace import Workspace
from pipeline.stages.consent import SCOPE_NAMES


class _Reader:
    """Turns one event's payload values into the words its sentence needs."""

    def __init__(self, workspace: Workspace, rounds: dict[str, Round], lang: str) -> None:
        self.workspace, self.rounds, self.lang = workspace, rounds, lang

    def institution(self, round_id: str | None, code: Any) -> str:
        found = self.rounds[round_id].institution(str(code)) if round_id in self.rounds else None
        return found.acronym if found else str(code or "—")

    def expert(self, round_id: str | None, email: Any) -> str:
        found = self.rounds[round_id].expert(str(email)) if round_id in self.rounds else None
        return found.name if found else str(email or "—")

    def stage(self, value: Any) -> str:
        return translate(m.STAGE_NAMES[value], self.lang) if value in m.STAGE_NAMES else str(value)

    def date(self, value: Any) -> str:
        try:
            return format_date(dt.date.fromisoformat(str(value)[:10]), self.lang)
        except ValueError:
            return str(value or "—")

    def state(self, code: Any) -> str:
        try:
            return self.workspace.catalog.state(str(code)).name(self.lang)
        except UserError:
            return str(code)

    def topic(self, code: Any) -> str:
        try:
            return self.workspace.catalog.topic(str(code)).name(self.lang)
        except UserError:
            return str(code)

    def words(self, values: Any) -> str:
        items = [str(v) for v in values] if isinstance(values, (list, tuple)) else [str(values)] if values else []
        return ", ".join(items) or translate(m.EVENT_NONE, self.lang)

    def framework(self, framework_id: Any, version: Any) -> str:
        found = self.workspace.ledger.framework(str(framework_id), str(version))
        if found is None:
            return str(framework_id)
        return found.title.get(self.lang) or found.title.get(found.default_language) or str(framework_id)


def _params(r: _Reader, e: Event) -> dict[str, Any]:
    """The sentence's fields, from the payload of ``e``."""
    p, kind, round_id = e.payload, e.kind, e.round
    got = {key: p.get(key, "—") for key in ("answered", "required", "errors", "rows", "answers", "gaps", "recommendations", "version",
                                             "file", "note", "reason", "first", "key", "value", "before", "after", "question")}
    got["institution"] = r.institution(round_id, p.get("institution", ""))
    got["expert"] = r.expert(round_id, p.get("expert", ""))
    got["file"] = p.get("answer") or p.get("file") or "—"  # an answer names the file sent back, a return the one received
    got["by"] = p.get("by") or "—"
    got["to"] = p.get("to", "—")
    if kind == "round.opened":
        got.update(country=r.state(p.get("country")), topic=r.topic(p.get("topic")))
    elif kind == "round.stage":
        got.update(before=r.stage(p.get("from")), after=r.stage(p.get("to")))
    elif kind in ("round.institution_added", "round.institution_removed"):
        pair = p.get("institution") or ("", "")
        got["institution"] = next((str(x) for x in pair if x), "—") if isinstance(pair, (list, tuple)) else str(pair)
    elif kind == "round.consolidated":
        received = list(p.get("received") or [])
        got.update(received=len(received), total=len(received) + len(p.get("missing") or []))
    elif kind in ("panel.expert_added", "panel.expert_removed", "panel.coordinator"):
        got["name"] = p.get("name") or "—"
    elif kind == "framework.pinned":
        got.update(framework=r.framework(p.get("framework"), p.get("version")), version=p.get("version", "—"))
    elif kind == "interviews.guides":
        got["institutions"] = r.words([r.institution(round_id, i) for i in p.get("institutions") or []])
    elif kind in ("report.approved", "report.final", "report.published"):
        got["date"] = r.date(p.get("date") or p.get("published") or e.at)
    elif kind == "report.consent":
        scope = p.get("scope")
        got["consent"] = translate(SCOPE_NAMES[PublicationScope(scope)], r.lang) if scope in {s.value for s in PublicationScope} else "—"
    elif kind == "mail.drafted":
        got["what"] = translate(m.MAIL_KINDS[p["kind"]], r.lang) if p.get("kind") in m.MAIL_KINDS else "—"
    elif kind == "catalog.topic":
        names = p.get("names") or {}
        got["name"] = (names.get(r.lang) or next(iter(names.values()), "")) if isinstance(names, dict) else p.get("topic", "—")
    elif kind == "catalog.state":
        got["name"] = r.state(p.get("state"))
    return got


def event_sentences(workspace: Workspace, events: list[Event], lang: str) -> list[str]:
    """One sentence in ``lang`` per event of ``events``, in their order."""
    reader = _Reader(workspace, {r.id: r for r in workspace.ledger.rounds()}, lang)
    said = []
    for event in events:
        message = m.EVENT_SENTENCES.get(event.kind)
        said.append(translate(message, lang, **_params(reader, event)) if message else translate(m.EVENT_OTHER, lang))
    return said

