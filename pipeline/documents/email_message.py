"""One e-mail as staff would send it, built with the standard ``email`` package and saved as an .eml file.

The message is RFC 5322 (CRLF line ends, headers folded and encoded: a name outside ASCII travels as an RFC 2047
encoded word, an attachment's file name per RFC 2231), with ``X-Unsent: 1`` so that Outlook and Thunderbird open
it as a draft to check and send. Sent through a mail server, it goes without that header.
"""
from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from pipeline.ledger.files import write_bytes


@dataclass(frozen=True)
class MailContent:
    """What an e-mail says. ``sender`` and ``to`` are (display name, address); ``attachments`` (file name, bytes)."""

    sender: tuple[str, str]
    to: tuple[str, str]
    subject: str
    body: str
    attachments: tuple[tuple[str, bytes], ...]
    date: dt.datetime  # aware, in the workspace's time zone
    message_id: str
    reply_to: tuple[str, str] | None = None


def message_id(sender_address: str) -> str:
    """A new Message-ID in the sender's domain."""
    return make_msgid(domain=sender_address.rpartition("@")[2] or None)


def address(text: str) -> tuple[str, str]:
    """('Name', 'address') from 'Name <address>' or a bare address."""
    name, email = parseaddr(text)
    return name, email


def _address(pair: tuple[str, str]) -> Address:
    local, _, domain = pair[1].partition("@")
    return Address(display_name=pair[0], username=local, domain=domain)


def build(content: MailContent, draft: bool = True) -> EmailMessage:
    """The message; ``draft`` adds ``X-Unsent: 1``."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = _address(content.sender)
    message["To"] = _address(content.to)
    if content.reply_to and content.reply_to[1] != content.sender[1]:
        message["Reply-To"] = _address(content.reply_to)
    message["Subject"] = content.subject
    message["Date"] = format_datetime(content.date)
    message["Message-ID"] = content.message_id
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(content.body)
    for name, data in content.attachments:
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def write_eml(target: Path, content: MailContent) -> Path:
    """Saves the draft e-mail atomically as ``target`` (.eml); returns its path."""
    return write_bytes(target, build(content).as_bytes(policy=policy.SMTP))


def read_eml(path: Path) -> EmailMessage:
    """The message saved at ``path``."""
    with path.open("rb") as handle:
        return BytesParser(policy=policy.SMTP).parse(handle)  # type: ignore[return-value]


def for_sending(path: Path, date: dt.datetime) -> EmailMessage:
    """The draft at ``path`` as it goes to the mail server: without ``X-Unsent``, dated now."""
    message = read_eml(path)
    del message["X-Unsent"]
    del message["Date"]
    message["Date"] = format_datetime(date)
    return message
