"""``mecigep mail ROUND``, ``mecigep remind ROUND`` and ``mecigep settings``: e-mail as staff would send it."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from pipeline.cli.context import STATE, _, console, errors, print_json
from pipeline.i18n import messages as m

RoundArg = Annotated[str, typer.Argument(metavar="ROUND", help=_(m.HELP_ROUND_ARG))]
SendOption = Annotated[bool, typer.Option("--send", help=_(m.HELP_SEND))]
RetryOption = Annotated[bool, typer.Option("--retry", help=_(m.HELP_RETRY))]


def _written(made, round_id: str, none: str, done: str) -> None:  # type: ignore[no-untyped-def]
    for send in made.unreachable:
        errors.print(_(m.MAIL_UNREACHABLE, name=send.recipient.name or send.key, kind=m.MAIL_KINDS[send.kind.value], round=round_id),
                     markup=False)
    if not made.written:
        console.print(_(none, round=round_id), markup=False)
        return
    console.print(_(done, count=len(made.written), folder=str(made.written[0].path.parent)), markup=False)
    for item in made.written:
        console.print(_(m.MAIL_WRITTEN_ONE, file=item.path.name, kind=m.MAIL_KINDS[item.mail.kind.value], to=item.mail.recipient), markup=False)


def _send(workspace, round_id: str, kinds, retry: bool) -> None:  # type: ignore[no-untyped-def]
    from pipeline.ledger import settings
    from pipeline.stages.mail_delivery import send_drafted

    delivery = send_drafted(workspace, round_id, kinds, retry)
    for mail in delivery.uncertain:
        errors.print(_(m.MAIL_UNCERTAIN, file=mail.file, to=mail.recipient), markup=False)
    for mail, reason in delivery.refused:
        errors.print(_(m.MAIL_REFUSED, file=mail.file, to=mail.recipient, reason=reason), markup=False)
    for mail in delivery.missing:
        errors.print(_(m.MAIL_MISSING, file=mail.file), markup=False)
    console.print(_(m.MAIL_SENT, count=len(delivery.sent), host=settings.load(workspace.ledger).smtp_host or "—"), markup=False)
    if delivery.refused or delivery.missing:
        raise typer.Exit(2)


def mail(round_ref: RoundArg, send: SendOption = False, retry: RetryOption = False) -> None:
    from pipeline.stages.mail import write_mail
    from pipeline.stages.rounds import get

    workspace = STATE.workspace()
    round_id = get(workspace, round_ref).id
    _written(write_mail(workspace, round_id), round_id, m.MAIL_NONE, m.MAIL_WRITTEN)
    if send:
        _send(workspace, round_id, None, retry)


def remind(round_ref: RoundArg, send: SendOption = False, retry: RetryOption = False) -> None:
    from pipeline.domain.enums import MailKind
    from pipeline.stages.mail import write_reminders
    from pipeline.stages.rounds import get

    workspace = STATE.workspace()
    round_id = get(workspace, round_ref).id
    _written(write_reminders(workspace, round_id), round_id, m.REMINDERS_NONE, m.REMINDERS_WRITTEN)
    if send:
        _send(workspace, round_id, (MailKind.REMINDER, MailKind.REMINDER_INCOMPLETE), retry)


def settings(
    key: Annotated[Optional[str], typer.Argument(metavar="KEY", help=_(m.HELP_SETTING_KEY))] = None,
    value: Annotated[Optional[str], typer.Argument(metavar="VALUE", help=_(m.HELP_SETTING_VALUE))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False,
) -> None:
    from pipeline.domain.settings import DEFAULTS, KEYS, check_key
    from pipeline.ledger import settings as stored

    workspace = STATE.workspace()
    if key is not None and value is not None:
        kept = stored.change(workspace.ledger, key, value)
        console.print(_(m.SETTING_SET, key=key.strip().lower(), value=kept) if kept else _(m.SETTING_CLEARED, key=key), markup=False)
        return
    values = stored.stored(workspace.ledger)
    keys: tuple[str, ...] = (check_key(key),) if key is not None else KEYS
    if as_json:
        print_json({k: values.get(k) for k in keys})
        return
    for k in keys:
        shown = values.get(k) or " ".join(v for v in (DEFAULTS.get(k, ""), _(m.SETTING_DEFAULT)) if v)
        console.print(_(m.SETTING_SET, key=k, value=shown), markup=False)
