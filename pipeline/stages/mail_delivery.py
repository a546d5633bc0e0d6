"""Sending the round's prepared e-mail through the workspace's mail server (SMTP).

The settings say which server (host, port, STARTTLS, user); the password is read from the environment variable
the settings name, never stored. Each message is marked as being sent, and committed, before the server is given
it, and marked sent once the server took it: a process stopped in between leaves it marked as being sent, and a
later run does not send it again unless told to (``retry``), since the server may already have taken it.
"""
from __future__ import annotations

import datetime as dt
import os
import smtplib
import socket
import ssl
from dataclasses import dataclass

from pipeline.documents.email_message import for_sending
from pipeline.domain.enums import MailKind, MailState
from pipeline.domain.problems import UserError
from pipeline.domain.settings import Settings
from pipeline.i18n import messages as m
from pipeline.ledger import crashpoints, settings
from pipeline.ledger import mail as stored
from pipeline.ledger.workspace import Workspace
from pipeline.stages.rounds import get


@dataclass(frozen=True)
class Delivery:
    """What a sending did: sent, left alone because an earlier sending was interrupted, refused by the server."""

    sent: tuple[stored.Mail, ...]
    uncertain: tuple[stored.Mail, ...]
    refused: tuple[tuple[stored.Mail, str], ...]
    missing: tuple[stored.Mail, ...]  # drafts whose .eml file is no longer there


def connect(config: Settings) -> smtplib.SMTP:
    """An open, authenticated connection to the workspace's mail server; raises UserError when it cannot be had."""
    if not config.smtp_host:
        raise UserError(m.MAIL_NO_SERVER)
    password = os.environ.get(config.smtp_password_env, "")
    if config.smtp_user and not password:
        raise UserError(m.MAIL_NO_PASSWORD, user=config.smtp_user, env=config.smtp_password_env)
    try:
        server = smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=30)
        if config.smtp_starttls:
            server.starttls(context=ssl.create_default_context())
        if config.smtp_user:
            server.login(config.smtp_user, password)
        return server
    except smtplib.SMTPAuthenticationError:
        raise UserError(m.MAIL_LOGIN_REFUSED, user=config.smtp_user, host=config.smtp_host) from None
    except UnicodeEncodeError:  # smtplib's login carries ASCII only
        raise UserError(m.MAIL_PASSWORD_NOT_ASCII, env=config.smtp_password_env) from None
    except smtplib.SMTPNotSupportedError:
        raise UserError(m.MAIL_NO_STARTTLS, host=config.smtp_host) from None
    except (OSError, smtplib.SMTPException, ssl.SSLError) as failure:
        raise UserError(m.MAIL_SERVER_UNREACHABLE, host=config.smtp_host, port=config.smtp_port, reason=str(failure) or type(failure).__name__) from None


def send_drafted(workspace: Workspace, round_id: str, kinds: tuple[MailKind, ...] | None = None, retry: bool = False) -> Delivery:
    """Sends the round's drafted e-mail (of ``kinds`` when given); with ``retry``, also those whose sending was
    interrupted. Nothing is sent twice by a run after a stop, unless ``retry`` says so."""
    round_ = get(workspace, round_id)
    ledger, config = workspace.ledger, settings.load(workspace.ledger)
    chosen = lambda mails: [x for x in mails if kinds is None or x.kind in kinds]  # noqa: E731
    uncertain = chosen(stored.mails(ledger, round_.id, MailState.SENDING))
    queue = chosen(stored.mails(ledger, round_.id, MailState.DRAFTED)) + (uncertain if retry else [])
    sent, refused, missing = [], [], []
    if queue:
        server = connect(config)
        try:
            for mail in queue:
                path = workspace.root / mail.file
                if not path.exists():
                    missing.append(mail)
                    continue
                message = for_sending(path, dt.datetime.now(config.zone()))
                stored.mark(ledger, mail, MailState.SENDING)
                crashpoints.reach("mail-sending")
                try:
                    server.send_message(message)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as failure:
                    stored.mark(ledger, mail, MailState.DRAFTED)  # the server said no: it did not take the message
                    refused.append((mail, _reason(failure)))
                    continue
                crashpoints.reach("mail-sent")
                stored.mark(ledger, mail, MailState.SENT)
                sent.append(mail)
        except (OSError, smtplib.SMTPException) as failure:
            raise UserError(m.MAIL_SERVER_UNREACHABLE, host=config.smtp_host, port=config.smtp_port,
                            reason=str(failure) or type(failure).__name__) from None
        finally:
            try:
                server.quit()
            except (OSError, smtplib.SMTPException, socket.error):
                pass
    return Delivery(tuple(sent), tuple([] if retry else uncertain), tuple(refused), tuple(missing))


def _reason(failure: smtplib.SMTPException) -> str:
    if isinstance(failure, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{who}: {code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                         for who, (code, text) in failure.recipients.items())
    code, text = getattr(failure, "smtp_code", ""), getattr(failure, "smtp_error", b"")
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}".strip()
