"""The words of each e-mail, from templates staff can edit: ``templates_mail/<language>/<kind>.txt``.

A template's first line is ``Subject: …``, then a blank line, then the body. ``$round``, ``$recipient``,
``$deadline`` and the other names listed in ``VARIABLES`` are replaced by their values (``string.Template``:
a value is inserted as it is, never read as a template itself). A workspace's own ``templates_mail/`` folder
wins over the shipped one, file by file.
"""
from __future__ import annotations

import string
from pathlib import Path

from pipeline.domain.problems import Location, UserError
from pipeline.i18n import messages as m

SHIPPED = Path(__file__).resolve().parents[2] / "templates_mail"
VARIABLES = ("recipient", "round", "country", "topic", "institution", "deadline", "days", "coordinator", "coordinator_email",
             "files", "version", "visit")


def template_path(kind: str, lang: str, folders: list[Path]) -> Path:
    """The template of ``kind`` in ``lang``: the first of ``folders`` (then the shipped one) that has it, else Spanish."""
    for language in (lang, "es"):
        for folder in [*folders, SHIPPED]:
            path = folder / language / f"{kind}.txt"
            if path.is_file():
                return path
    raise UserError(m.MAIL_NO_TEMPLATE, kind=kind, folder=str(SHIPPED))


def render(kind: str, lang: str, values: dict[str, str], folders: list[Path]) -> tuple[str, str]:
    """(subject, body) of the e-mail ``kind`` in ``lang``; raises UserError naming the template and the unknown name."""
    path = template_path(kind, lang, folders)
    text = path.read_text("utf-8").replace("\r\n", "\n")
    head, _, body = text.partition("\n\n")
    subject = head.split(":", 1)[1].strip() if head.lower().startswith("subject:") else ""
    if not subject:
        raise UserError(m.MAIL_TEMPLATE_NO_SUBJECT, Location(file=str(path)))
    known = {name: values.get(name, "") for name in VARIABLES}
    try:
        return string.Template(subject).substitute(known), string.Template(body.strip() + "\n").substitute(known)
    except KeyError as unknown:
        raise UserError(m.MAIL_TEMPLATE_UNKNOWN, Location(file=str(path)), name=str(unknown).strip("'"),
                        known=", ".join(f"${v}" for v in VARIABLES)) from None
    except ValueError:
        raise UserError(m.MAIL_TEMPLATE_BROKEN, Location(file=str(path))) from None
