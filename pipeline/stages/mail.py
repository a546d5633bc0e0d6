"""E-mail, as staff would send it: one ready draft (.eml) per document the pipeline owes someone, and reminders.

``write_mail`` prepares what is owed: each institution's questionnaire, the receipt or feedback of each sender's
latest return, each expert's interview guides and notes workbook, and the draft to the country's contact while it
is under review. ``write_reminders`` prepares, for each institution that has not answered, the reminder due by
the schedule (days before the questionnaire deadline, then once overdue), never twice for the same step. Each
draft is in its recipient's language, from the templates in ``templates_mail/``, saved in ``outbox/<round>/mail/``
and recorded; ``mail_delivery`` sends them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.documents.email_message import MailContent, address, message_id, write_eml
from pipeline.documents.mail_text import render
from pipeline.domain import file_names
from pipeline.domain.enums import MailKind, MailState, ReturnState
from pipeline.domain.mail import OVERDUE, Attachment, Recipient, Send, reminder_step, send_key
from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import UserError
from pipeline.domain.rules import EMAIL
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.ledger import mail as stored
from pipeline.ledger import notes as stored_notes
from pipeline.ledger import records, settings
from pipeline.ledger.drafts import current
from pipeline.ledger.files import sha256_of
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import get

FOLDER = "mail"


@dataclass(frozen=True)
class Written:
    mail: stored.Mail
    path: Path


@dataclass(frozen=True)
class MailResult:
    """The drafts written, and the sends that could not be prepared because no address is known."""

    written: tuple[Written, ...]
    unreachable: tuple[Send, ...]


def _values(workspace: Workspace, round_: Round, lang: str, **extra: str) -> dict[str, str]:
    catalog, cal, who = workspace.catalog, round_.calendar, round_.panel.coordinator
    visit = " – ".join(format_date(d, lang) for d in (cal.visit_start, cal.visit_end) if d)
    return {"round": round_.id, "country": catalog.state(round_.country).name(lang), "topic": catalog.topic(round_.topic).name(lang),
            "deadline": format_date(cal.questionnaire_deadline, lang) or "—", "visit": visit or "—",
            "coordinator": who.name if who else "", "coordinator_email": who.email if who else "", **extra}


def _files(attachments: tuple[Attachment, ...]) -> str:
    return "\n".join(f"  - {Path(a.path).name}" for a in attachments)


def _send(workspace: Workspace, round_: Round, kind: MailKind, recipient: Recipient, attachments: tuple[Attachment, ...],
          extra_key: str = "", reminder: tuple[str, str, str] | None = None, **values: str) -> Send:
    # a name typed in a workbook is data: on one line, whatever it holds, so that it stays a name in the headers
    recipient = Recipient(" ".join(recipient.name.split()), recipient.email.strip(), recipient.language)
    words = _values(workspace, round_, recipient.language, recipient=recipient.name, files=_files(attachments), **values)
    return Send(kind, round_.id, recipient, attachments, send_key(kind, recipient.email, attachments, extra_key), words, reminder)


def _questionnaires(workspace: Workspace, round_: Round) -> list[Send]:
    sends = []
    for inst in round_.institutions:
        issued = workspace.ledger.questionnaires(round_.id, inst.id)
        if issued:
            last = issued[-1]
            attachment = Attachment(f"outbox/{round_.id}/{last['file']}", last["sha256"])
            sends.append(_send(workspace, round_, MailKind.QUESTIONNAIRE, Recipient(inst.name, inst.email, last["language"]),
                               (attachment,), institution=inst.name))
    return sends


def _answers(workspace: Workspace, round_: Round) -> list[Send]:
    """The answer to each sender's latest return: a receipt (.docx) or a feedback workbook (.xlsx)."""
    ledger, latest = workspace.ledger, {}
    for holder, answer, sha256, _ in stored.answers(ledger, round_.id):
        latest[holder] = (answer, sha256)
    responses = {r.sha256: r for r in records.responses(ledger, round_.id, current_only=False)}
    sends = []
    for holder, (answer, sha256) in latest.items():
        path = workspace.root / answer
        if not path.exists():
            continue
        receipt = path.suffix == ".docx"  # the inbox answers with a receipt (.docx) or a feedback workbook (.xlsx)
        kind = MailKind.RECEIPT if receipt else MailKind.FEEDBACK
        attachment = Attachment(answer, sha256_of(path))
        if holder.startswith("panel:"):
            kind = MailKind.NOTES_RECEIPT if receipt else MailKind.NOTES_FEEDBACK
            expert = round_.expert(holder.split(":", 1)[1])
            recipient = Recipient(expert.name, expert.email, round_.language_of(expert)) if expert else None
            institution = expert.name if expert else ""
        else:
            inst = round_.institution(holder)
            if inst is None:
                continue
            response = responses.get(sha256)
            respondent = response.answers.respondent if response else {}
            issued = ledger.questionnaire(response.questionnaire) if response else None
            typed = str(respondent.get("resp_email") or "").strip()
            email = typed if EMAIL.match(typed) else inst.email  # the respondent's own address, when it is one
            name = str(respondent.get("resp_name") or "").strip() if email == typed else ""
            name = name or inst.name
            recipient = Recipient(name, email, issued["language"] if issued else round_.language_of(inst))
            institution = inst.name
        if recipient is not None:
            sends.append(_send(workspace, round_, kind, recipient, (attachment,), institution=institution))
    return sends


def _interviews(workspace: Workspace, round_: Round) -> list[Send]:
    """Each expert's interview guides (as they are in the round's outbox: the files are what is sent) and latest notes
    workbook, in one e-mail."""
    found = workspace.ledger.events(round_.id, limit=1, kind="interviews.guides")
    named = [d["name"] for d in (found[0].documents if found else ()) if d.get("role") == "interview_guide"]
    guides_folder = Path(named[0]).parent.as_posix() if named else file_names.guides_folder(round_.language)
    folder = workspace.outbox / round_.id / guides_folder
    guides = tuple(Attachment(f"outbox/{round_.id}/{guides_folder}/{path.name}", sha256_of(path))
                   for path in sorted(folder.glob("*.docx")) if not path.name.startswith((".", "~$")))
    sends = []
    for expert in round_.panel.experts:
        issued = [n for n in stored_notes.issued_of(workspace.ledger, round_.id) if n.expert == expert.email.lower()]
        notes = (Attachment(f"outbox/{round_.id}/{issued[-1].file}", issued[-1].sha256),) if issued else ()
        if guides or notes:
            sends.append(_send(workspace, round_, MailKind.INTERVIEWS, Recipient(expert.name, expert.email, round_.language_of(expert)),
                               guides + notes))
    return sends


def _draft(workspace: Workspace, round_: Round) -> list[Send]:
    """The current draft, to the country's contact, while the country reviews it."""
    draft = current(workspace, round_.id)
    if round_.stage is not Stage.COUNTRY_REVIEW or draft is None:
        return []
    contact = round_.contact
    return [_send(workspace, round_, MailKind.DRAFT, Recipient(contact.name, contact.email, round_.language),
                  (Attachment(draft.file, draft.sha256),), version=str(draft.version))]


def owed(workspace: Workspace, round_id: str) -> list[Send]:
    """Every e-mail the round owes and that was not prepared yet (with or without an address to send it to)."""
    round_ = get(workspace, round_id)
    done = stored.keys(workspace.ledger, round_.id)
    sends = _questionnaires(workspace, round_) + _answers(workspace, round_) + _interviews(workspace, round_) + _draft(workspace, round_)
    return [s for s in sends if s.key not in done]


def _attachment_name(round_: Round, attachment: Attachment, kind: MailKind, version: str) -> str:
    if kind is MailKind.DRAFT:
        return file_names.draft(round_.id, version, round_.language)  # the archived copy is named by its hash
    return Path(attachment.path).name


def _sender(workspace: Workspace, round_: Round) -> tuple[str, str]:
    configured = settings.load(workspace.ledger).mail_from
    if configured:
        return address(configured)
    if round_.panel.coordinator is None:
        raise UserError(m.MAIL_NO_SENDER, round=round_.id)
    return round_.panel.coordinator.name, round_.panel.coordinator.email


def _slug(send: Send) -> str:
    local = send.recipient.email.split("@")[0] or "x"
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in local)[:40]


def _write(workspace: Workspace, sends: list[Send]) -> MailResult:
    written, unreachable = [], []
    for send in sends:
        if not EMAIL.match(send.recipient.email):
            unreachable.append(send)
            continue
        round_ = get(workspace, send.round_id)
        sender, zone = _sender(workspace, round_), settings.load(workspace.ledger)
        subject, body = render(send.kind.value, send.recipient.language, send.values, [workspace.root / "templates_mail"])
        subject = " ".join(subject.split())  # a header is one line, whatever the values put in it
        files = []
        for attachment in send.attachments:
            path = workspace.root / attachment.path
            if not path.exists():
                raise UserError(m.MAIL_ATTACHMENT_MISSING, file=attachment.path)
            files.append((_attachment_name(round_, attachment, send.kind, send.values.get("version", "")), path.read_bytes()))
        ledger, number = workspace.ledger, stored.next_id(workspace.ledger)
        target = workspace.round_outbox(round_.id) / FOLDER / f"{number:03d}-{send.kind.value}-{_slug(send)}.eml"
        target.parent.mkdir(parents=True, exist_ok=True)
        coordinator = round_.panel.coordinator
        content = MailContent(sender, (send.recipient.name, send.recipient.email.strip()), subject, body, tuple(files),
                              dt.datetime.now(zone.zone()), message_id(sender[1]),
                              (coordinator.name, coordinator.email) if coordinator else None)
        write_eml(target, content)
        mail = stored.Mail(number, round_.id, send.kind, send.key, send.recipient.email.strip(), target.relative_to(workspace.root).as_posix(),
                           content.message_id, MailState.DRAFTED, records.now(), None, None)
        stored.record_written(ledger, mail, sha256_of(target), send.reminder)
        written.append(Written(mail, target))
    return MailResult(tuple(written), tuple(unreachable))


def write_mail(workspace: Workspace, round_id: str) -> MailResult:
    """Writes a draft e-mail for everything the round owes into outbox/<round>/mail/ and records each."""
    return _write(workspace, owed(workspace, round_id))


def due_reminders(workspace: Workspace, round_id: str, today: dt.date | None = None) -> list[Send]:
    """The reminders due ``today`` (default: today in the workspace's time zone) and not written yet: one per
    institution that has no accepted questionnaire, at the latest step of the schedule reached."""
    round_ = get(workspace, round_id)
    deadline, ledger = round_.calendar.questionnaire_deadline, workspace.ledger
    if round_.stage is not Stage.QUESTIONNAIRE_OPEN or deadline is None:
        return []
    zone = settings.load(ledger)
    today = today or zone.today()
    step = reminder_step(deadline, today, zone.reminders)
    if step is None:
        return []
    done = stored.reminded(ledger, round_.id)
    current_responses = {r.institution: r for r in records.responses(ledger, round_.id)}
    feedback = {holder: (answer, sha) for holder, answer, sha, _ in stored.answers(ledger, round_.id) if answer.endswith(".xlsx")}
    sends = []
    for inst in round_.institutions:
        issued = ledger.questionnaires(round_.id, inst.id)
        response = current_responses.get(inst.id)
        state = ReturnState(response.status.value) if response else ReturnState.MISSING
        if not issued or state is ReturnState.ACCEPTED or (inst.id, deadline.isoformat(), step) in done:
            continue
        lang = issued[-1]["language"]
        days = (translate(m.MAIL_DAYS_OVERDUE, lang, days=(today - deadline).days) if step == OVERDUE
                else translate(m.MAIL_DAYS_LEFT, lang, days=(deadline - today).days))
        if state is ReturnState.INCOMPLETE and inst.id in feedback:
            answer = feedback[inst.id][0]
            kind, attachment = MailKind.REMINDER_INCOMPLETE, Attachment(answer, sha256_of(workspace.root / answer))
        else:
            kind, attachment = MailKind.REMINDER, Attachment(f"outbox/{round_.id}/{issued[-1]['file']}", issued[-1]["sha256"])
        reminder = (inst.id, deadline.isoformat(), step)
        sends.append(_send(workspace, round_, kind, Recipient(inst.name, inst.email, lang), (attachment,),
                           extra_key=f"{inst.id}:{deadline.isoformat()}:{step}", reminder=reminder, institution=inst.name, days=days))
    return sends


def write_reminders(workspace: Workspace, round_id: str, today: dt.date | None = None) -> MailResult:
    """Writes the reminders due (see ``due_reminders``) and records each, so that no step is reminded twice."""
    return _write(workspace, due_reminders(workspace, round_id, today))


@dataclass(frozen=True)
class Waiting:
    """The round's mail still to go: owed and not prepared, prepared and not sent, and sendings interrupted."""

    owed: int
    drafted: int
    uncertain: int

    @property
    def total(self) -> int:
        return self.owed + self.drafted + self.uncertain


def waiting(workspace: Workspace, round_id: str) -> Waiting:
    ledger = workspace.ledger
    return Waiting(len(owed(workspace, round_id)) + len(due_reminders(workspace, round_id)),
                   len(stored.mails(ledger, round_id, MailState.DRAFTED)), len(stored.mails(ledger, round_id, MailState.SENDING)))
