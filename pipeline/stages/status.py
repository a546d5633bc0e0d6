"""Where every round stands: the rows of ``mecigep status`` and of ``mecigep status ROUND``."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from pipeline.documents.panel_text import open_document
from pipeline.documents.status_page import render_status_page
from pipeline.domain.arrivals import Waiting
from pipeline.domain.enums import ReturnState
from pipeline.domain.models import Round, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, format_number, normalise_language, translate
from pipeline.ledger import conflicts, records, settings
from pipeline.ledger.drafts import current
from pipeline.ledger.files import write_bytes
from pipeline.ledger.workspace import Workspace
from pipeline.stages.consent import consent_of, describe
from pipeline.stages.mail import waiting
from pipeline.stages.report import left_to_settle
from pipeline.stages.rounds import get
from pipeline.stages.status_events import event_sentences


@dataclass(frozen=True)
class RoundStatus:
    round_id: str
    country: str
    topic: str
    stage: str
    deadline_name: str | None
    deadline: dt.date | None
    days: int | None  # days to the next deadline; None when none is ahead
    returned: int  # institutions with a current response, accepted or not
    expected: int
    overdue: int = 0  # institutions without an accepted questionnaire past its deadline, while it is open
    mail_waiting: int = 0  # e-mail owed, drafted but not sent, or whose sending was interrupted
    to_choose: int = 0  # institutions whose versions conflict, waiting for staff to choose one

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["id"] = data.pop("round_id")
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        return data


@dataclass(frozen=True)
class InstitutionStatus:
    """One institution of a round; ``status`` None means nothing received yet."""

    institution: str
    acronym: str
    name: str
    status: ReturnState
    received: int  # how many files it sent
    answered: int
    required: int
    errors: int
    last: str | None  # when the current response arrived
    overdue: int | None = None  # days past the questionnaire deadline without an accepted questionnaire; None when not overdue
    versions: tuple[str, ...] = ()  # the versions to choose from (file names), when some conflict
    issued: bool = True  # whether its questionnaire was sent (False: nothing to return yet, not "missing")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _overdue(round_: Round, status: ReturnState, today: dt.date) -> int | None:
    deadline = round_.calendar.questionnaire_deadline
    if round_.stage is not Stage.QUESTIONNAIRE_OPEN or deadline is None or today <= deadline or status is ReturnState.ACCEPTED:
        return None
    return (today - deadline).days


def overview(workspace: Workspace, today: dt.date, mail: bool = True) -> list[RoundStatus]:
    """One row per round, in id order; ``mail`` False leaves out the count of mail waiting (the status page, rebuilt
    after each file, does not show it)."""
    rows = []
    for round_ in workspace.ledger.rounds():
        finished = round_.stage in (Stage.PUBLISHED, Stage.WITHDRAWN)
        upcoming = None if finished else round_.next_deadline(today)  # a finished round has no deadline left
        responses = records.responses(workspace.ledger, round_.id)
        current = {r.institution for r in responses}
        accepted = {r.institution for r in responses if r.status.value == ReturnState.ACCEPTED.value}
        overdue = sum(_overdue(round_, ReturnState.ACCEPTED if i.id in accepted else ReturnState.MISSING, today) is not None
                      for i in round_.institutions)
        choosing = conflicts.open_conflicts(workspace.ledger, round_.id)
        rows.append(
            RoundStatus(
                round_id=round_.id,
                country=round_.country,
                topic=round_.topic,
                stage=round_.stage.value,
                deadline_name=upcoming[0] if upcoming else None,
                deadline=upcoming[1] if upcoming else None,
                days=(upcoming[1] - today).days if upcoming else None,
                returned=len(current & {i.id for i in round_.institutions}),
                expected=len(round_.institutions),
                overdue=overdue,
                mail_waiting=waiting(workspace, round_.id).total if mail and not finished else 0,
                to_choose=len(choosing),
            )
        )
    return rows


def institutions(workspace: Workspace, round_id: str, today: dt.date | None = None) -> list[InstitutionStatus]:
    """Per institution of the round: what it sent, where its current response stands, how late it is."""

    round_ = get(workspace, round_id)
    today = today or settings.load(workspace.ledger).today()
    history = records.responses(workspace.ledger, round_.id, current_only=False)
    choosing = conflicts.open_conflicts(workspace.ledger, round_.id)
    issued = {q["institution"] for q in workspace.ledger.questionnaires(round_.id)}
    rows = []
    for inst in round_.institutions:
        sent = [r for r in history if r.institution == inst.id]
        current = next((r for r in sent if r.superseded_by is None), None)
        status = ReturnState(current.status.value) if current else ReturnState.MISSING
        rows.append(InstitutionStatus(
            institution=inst.id, acronym=inst.acronym, name=inst.name,
            status=status,
            received=len(sent),
            answered=current.answered if current else 0,
            required=current.required if current else 0,
            errors=current.errors if current else 0,
            last=current.received if current else None,
            overdue=_overdue(round_, status, today),
            versions=tuple(f"{v.name} ({v.sha256[:12]})" for v in choosing.get((round_.id, inst.id), ())),
            issued=inst.id in issued or bool(sent),
        ))
    return rows


@dataclass(frozen=True)
class ReportState:
    """Where a round's report stands: its current draft version (0 before the first), how many things are left to
    settle before approval (tracked changes, comments, placeholders, conflicts, edits to place), its consent to
    publish in words."""

    version: int
    left: int
    consent: str
    consent_scope: str | None  # full, summary, none; None while no consent is recorded

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def report_state(workspace: Workspace, round_id: str, lang: str | None = None) -> ReportState:
    round_ = get(workspace, round_id)
    draft = current(workspace, round_.id)
    left = len(left_to_settle(open_document(workspace.root / draft.file))) if draft else 0
    given = consent_of(workspace, round_.id)
    return ReportState(draft.version if draft else 0, left, describe(given, normalise_language(lang)),
                       given.scope.value if given else None)


STATUS_NAMES = {ReturnState.ACCEPTED: m.LABEL_ACCEPTED, ReturnState.INCOMPLETE: m.LABEL_INCOMPLETE, ReturnState.MISSING: m.LABEL_MISSING}


def waiting_rows(waiting: Sequence[Waiting], lang: str | None) -> list[dict[str, str]]:
    """What waits in the inbox, as the page and the command line show it: name, why, size, last change."""
    return [{"name": w.name, "reason": w.reason.value, "why": translate(m.WAIT_REASONS[w.reason.value], lang),
             "size": "—" if w.size is None else format_number(w.size, lang, digits=0),
             "since": dt.datetime.fromtimestamp(w.since).strftime("%Y-%m-%d %H:%M") if w.since else "—"}
            for w in sorted(waiting, key=lambda w: (w.reason.value, w.name))]


def write_status_page(workspace: Workspace, lang: str | None = None, today: dt.date | None = None,
                      waiting: Sequence[Waiting] = ()) -> Path:
    """Writes outbox/status.html atomically; returns its path. ``waiting`` is what waits in the inbox and why
    (the caller looks: see ``inbox.readiness.survey``)."""
    lang = normalise_language(lang)
    zone = settings.load(workspace.ledger)
    today = today or zone.today()
    moment = lambda text: zone.local(text).strftime("%Y-%m-%d %H:%M")  # noqa: E731  (the workspace's time zone, not UTC)
    t = lambda message, **params: translate(message, lang, **params)  # noqa: E731
    catalog = workspace.catalog
    rounds = []
    for row in overview(workspace, today, mail=False):
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
                {"acronym": i.acronym, "name": i.name, "status": i.status.value if i.issued else "not-sent",
                 "status_label": t(STATUS_NAMES[i.status] if i.issued else m.LABEL_NOT_SENT),
                 "received": i.received, "answered": f"{i.answered}/{i.required}" if i.required else "—",
                 "last": moment(i.last) if i.last else "—",
                 "versions": "; ".join(i.versions)}
                for i in institutions(workspace, row.round_id)
            ],
        })
    recent = list(reversed(workspace.ledger.events(limit=30)))
    events = [{"seq": e.seq, "at": moment(e.at), "round": e.round or "", "sentence": said}
              for e, said in zip(recent, event_sentences(workspace, recent, lang))]
    labels = {
        "title": t(m.PAGE_TITLE),
        "updated": t(m.PAGE_GENERATED, when=dt.datetime.now(zone.zone()).strftime("%Y-%m-%d %H:%M %Z")),
        "rounds": t(m.PAGE_ROUNDS), "returns": t(m.PAGE_RETURNS), "events": t(m.PAGE_EVENTS), "no_events": t(m.PAGE_NO_EVENTS),
        "round_headers": [t(h) for h in (m.LABEL_ROUND, m.LABEL_COUNTRY, m.LABEL_TOPIC, m.LABEL_STAGE, m.LABEL_NEXT_DEADLINE,
                                         m.LABEL_DAYS, m.LABEL_RETURNS)],
        "institution_headers": [t(h) for h in (m.LABEL_ACRONYM, m.LABEL_INSTITUTION, m.LABEL_STATUS, m.LABEL_RECEIVED,
                                               m.LABEL_ANSWERED, m.LABEL_LAST)],
        "event_headers": ["#", t(m.WHEN_HEADER), t(m.LABEL_ROUND), t(m.EVENTS_HEADER)],
        "waiting": t(m.PAGE_WAITING), "nothing_waiting": t(m.PAGE_NOTHING_WAITING), "to_choose": t(m.LABEL_TO_CHOOSE),
        "waiting_headers": [t(h) for h in (m.LABEL_FILE, m.LABEL_REASON, m.LABEL_SIZE, m.LABEL_LAST_CHANGE)],
    }
    html = render_status_page(lang, labels, rounds, events, waiting_rows(waiting, lang))
    return write_bytes(workspace.outbox / "status.html", html.encode("utf-8"))
