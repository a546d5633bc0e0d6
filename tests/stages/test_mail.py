"""E-mail as staff would send it: a ready .eml per document owed, in its recipient's language and with its
attachment; reminders on the schedule, never twice for a step; sending through a mail server (here a local one the
test starts), recorded so that a restart after a kill never sends a message twice."""
import asyncio
import datetime as dt
import shutil
import socket
import subprocess
import sys
from email import policy
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from pipeline.cli.app import main
from pipeline.demo.answers import complete_answers
from pipeline.documents.mail_text import VARIABLES
from pipeline.domain.enums import MailKind, MailState
from pipeline.domain.models import Coordinator, Institution, Panel
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import mail as stored
from pipeline.stages.frameworks import pinned
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import get, open_round
from pipeline.stages.rounds import today as workspace_today
from tests.conftest import a_round, expert
from tests.support.filling import fill

ROUND = "2026-PER-planning"
INSTITUTIONS = (Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.gob.pe"),
                Institution(id="pcm", name="Presidência do Conselho", acronym="PCM", email="pcm@example.gob.pe", language="pt"))


def run(workspace, *args, lang="es"):
    return main(["--workspace", str(workspace.root), "--lang", lang, *args])


@pytest.fixture
def emitted(workspace):
    """A round whose two questionnaires went out a week before their deadline; its coordinator's name is not ASCII."""
    round_ = a_round(institutions=INSTITUTIONS, panel=Panel(experts=(expert("CHL"),), coordinator=Coordinator(
        name="José Núñez", email="jnunez@example.oas.org")))
    today = workspace_today(workspace)  # the product's clock (the workspace's zone), read when the test runs
    open_round(workspace, round_.model_copy(update={"calendar": round_.calendar.model_copy(update={
        "questionnaire_deadline": today + dt.timedelta(days=7)})}))
    return {"workspace": workspace, "files": emit(workspace, ROUND), "today": today}


def drafts(workspace):
    return sorted((workspace.outbox / ROUND / "mail").glob("*.eml"))


def parsed(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def test_each_questionnaire_owed_becomes_a_ready_draft_in_its_recipients_language(emitted, capsys):
    workspace, files = emitted["workspace"], emitted["files"]
    assert run(workspace, "mail", ROUND) == 0
    mef, pcm = drafts(workspace)
    assert capsys.readouterr().out.splitlines()[0] == translate(m.MAIL_WRITTEN, "es", count=2, folder=str(mef.parent))
    raw = mef.read_bytes()
    assert b"\r\nX-Unsent: 1\r\n" in raw and raw.isascii() and b"=?utf-8?" in raw  # headers encoded, lines ended CRLF
    first, second = parsed(raw), parsed(pcm.read_bytes())
    assert (first["To"].addresses[0].display_name, first["To"].addresses[0].addr_spec) == (INSTITUTIONS[0].name, "mef@example.gob.pe")
    assert first["From"].addresses[0].display_name == "José Núñez"
    assert first["Subject"].startswith(f"MECIGEP {ROUND} — Cuestionario") and second["Subject"].startswith(f"MECIGEP {ROUND} — Questionário")
    assert format_date(emitted["today"] + dt.timedelta(days=7), "pt") in second.get_body().get_content()
    [attachment] = list(first.iter_attachments())
    assert attachment.get_filename() == files[0].name and attachment.get_content() == files[0].read_bytes()
    assert run(workspace, "mail", ROUND, lang="en") == 0
    assert capsys.readouterr().out.strip() == translate(m.MAIL_NONE, "en", round=ROUND) and len(drafts(workspace)) == 2


def test_the_answer_to_a_return_goes_to_whoever_filled_it(emitted):
    workspace, files = emitted["workspace"], emitted["files"]
    framework = pinned(workspace, get(workspace, ROUND))[1]
    fill(files[0], complete_answers(framework), workspace.inbox / "MEF respuesta.xlsx")
    [outcome] = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    assert run(workspace, "mail", ROUND) == 0
    receipt = parsed(next(p for p in drafts(workspace) if "-receipt-" in p.name).read_bytes())
    assert receipt["To"].addresses[0].addr_spec == "rhuaman@example.gob.pe" and receipt["To"].addresses[0].display_name == "Rosa Huamán"
    assert [a.get_filename() for a in receipt.iter_attachments()] == [outcome.answer.split("/")[-1]]


def test_a_recipient_without_address_is_named(workspace, capsys):
    open_round(workspace, a_round(institutions=(Institution(id="grc", name="Gobierno Regional", acronym="GRC"),)))
    emit(workspace, ROUND)
    assert run(workspace, "mail", ROUND, lang="fr") == 0
    assert capsys.readouterr().err.strip() == translate(m.MAIL_UNREACHABLE, "fr", name="Gobierno Regional", kind=m.MAIL_KINDS["questionnaire"],
                                                        round=ROUND)


def test_reminders_follow_the_schedule_and_never_repeat_a_step(emitted, capsys):
    workspace = emitted["workspace"]
    assert run(workspace, "remind", ROUND) == 0
    made = drafts(workspace)
    assert [p.name.split("-", 1)[1] for p in made] == ["reminder-mef.eml", "reminder-pcm.eml"]
    assert translate(m.MAIL_DAYS_LEFT, "pt", days=7) in parsed(made[1].read_bytes()).get_body().get_content()
    assert run(workspace, "remind", ROUND, lang="en") == 0
    assert capsys.readouterr().out.splitlines()[-1] == translate(m.REMINDERS_NONE, "en", round=ROUND) and len(drafts(workspace)) == 2
    assert run(workspace, "round", "edit", ROUND, "--deadline", (emitted["today"] - dt.timedelta(days=2)).isoformat()) == 0
    assert run(workspace, "remind", ROUND) == 0 and run(workspace, "remind", ROUND) == 0
    overdue = drafts(workspace)[2:]
    assert len(overdue) == 2 and translate(m.MAIL_DAYS_OVERDUE, "es", days=2) in parsed(overdue[0].read_bytes()).get_body().get_content()
    assert stored.reminded(workspace.ledger, ROUND) == {(i, d, s) for i in ("mef", "pcm") for d, s in (
        ((emitted["today"] + dt.timedelta(days=7)).isoformat(), "7"), ((emitted["today"] - dt.timedelta(days=2)).isoformat(), "overdue"))}


class Inbox:
    """What the local mail server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(emitted):
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    workspace = emitted["workspace"]
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)), ("smtp.starttls", "no")):
        assert run(workspace, "settings", key, value) == 0
    yield {**emitted, "inbox": inbox}
    controller.stop()


def test_sent_mail_arrives_with_its_attachment_and_encoded_names_and_goes_once(server, capsys):
    workspace, inbox, files = server["workspace"], server["inbox"], server["files"]
    assert run(workspace, "mail", ROUND, "--send", lang="en") == 0
    assert capsys.readouterr().out.splitlines()[-1] == translate(m.MAIL_SENT, "en", count=2, host="127.0.0.1")
    assert sorted(to for to, _ in inbox.messages) == [["mef@example.gob.pe"], ["pcm@example.gob.pe"]]
    raw = next(data for to, data in inbox.messages if to == ["pcm@example.gob.pe"])
    assert raw.isascii() and b"X-Unsent" not in raw
    message = parsed(raw)
    assert message["To"].addresses[0].display_name == "Presidência do Conselho" and message["From"].addresses[0].display_name == "José Núñez"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == files[1].read_bytes()
    assert {mail.state for mail in stored.mails(workspace.ledger, ROUND)} == {MailState.SENT}
    assert run(workspace, "mail", ROUND, "--send") == 0 and len(inbox.messages) == 2


def test_a_sending_killed_midway_sends_nothing_twice(server, capsys):
    workspace, inbox = server["workspace"], server["inbox"]
    assert run(workspace, "mail", ROUND) == 0
    first, _ = stored.mails(workspace.ledger, ROUND)
    killed = subprocess.run([sys.executable, "-c", "import sys; from pipeline.cli.app import main; main(sys.argv[1:])",
                             "--workspace", str(workspace.root), "mail", ROUND, "--send"],
                            env={"PATH": "/usr/bin:/bin", "MECIGEP_CRASH_AT": "mail-sent", "HOME": str(workspace.root)}, capture_output=True)
    assert killed.returncode == -9 and len(inbox.messages) == 1  # the server took the first message; then the process died
    capsys.readouterr()
    assert run(workspace, "mail", ROUND, "--send") == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == translate(m.MAIL_UNCERTAIN, "es", file=first.file, to=first.recipient)
    ids = [parsed(data)["Message-ID"] for _, data in inbox.messages]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert [mail.state for mail in stored.mails(workspace.ledger, ROUND)] == [MailState.SENDING, MailState.SENT]


def test_the_password_comes_from_the_environment_and_is_never_stored(emitted, capsys, monkeypatch):
    workspace, inbox, port = emitted["workspace"], Inbox(), free_port()

    def check(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"dgpe", b"s3cret-42"), handled=False)

    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=check, auth_require_tls=False)
    controller.start()
    try:
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)), ("smtp.starttls", "no"), ("smtp.user", "dgpe")):
            run(workspace, "settings", key, value)
        monkeypatch.delenv("MECIGEP_SMTP_PASSWORD", raising=False)
        capsys.readouterr()
        assert run(workspace, "mail", ROUND, "--send") == 2
        assert capsys.readouterr().err.strip() == translate(m.MAIL_NO_PASSWORD, "es", user="dgpe", env="MECIGEP_SMTP_PASSWORD")
        monkeypatch.setenv("MECIGEP_SMTP_PASSWORD", "wrong")
        assert run(workspace, "mail", ROUND, "--send", lang="fr") == 2
        assert capsys.readouterr().err.strip() == translate(m.MAIL_LOGIN_REFUSED, "fr", user="dgpe", host="127.0.0.1")
        monkeypatch.setenv("MECIGEP_SMTP_PASSWORD", "s3cret-ñ")
        assert run(workspace, "mail", ROUND, "--send") == 2
        assert capsys.readouterr().err.strip() == translate(m.MAIL_PASSWORD_NOT_ASCII, "es", env="MECIGEP_SMTP_PASSWORD")
        monkeypatch.setenv("MECIGEP_SMTP_PASSWORD", "s3cret-42")
        assert run(workspace, "mail", ROUND, "--send") == 0 and len(inbox.messages) == 2
    finally:
        controller.stop()
    assert b"s3cret" not in workspace.ledger_path.read_bytes() + b"".join(p.read_bytes() for p in workspace.root.rglob("*.sqlite*"))
    assert run(workspace, "settings", "smtp.password", "x") == 2


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_starttls_is_used_when_the_server_offers_it(emitted, tmp_path, monkeypatch):
    import ssl

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this server's certificate, as it would a real one
    workspace, inbox, port = emitted["workspace"], Inbox(), free_port()
    controller = Controller(inbox, hostname="localhost", port=port, tls_context=context, require_starttls=True)
    controller.start()
    try:
        for setting, value in (("smtp.host", "localhost"), ("smtp.port", str(port)), ("smtp.starttls", "yes")):
            run(workspace, "settings", setting, value)
        assert run(workspace, "mail", ROUND, "--send") == 0 and len(inbox.messages) == 2
    finally:
        controller.stop()


assert asyncio  # aiosmtpd runs its server on an asyncio loop in a thread of its own


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
@pytest.mark.parametrize("kind", list(MailKind))
def test_every_kind_of_mail_has_a_template_in_every_language_using_only_known_words(kind, lang):
    from pipeline.documents.mail_text import SHIPPED, render

    assert (SHIPPED / lang / f"{kind.value}.txt").is_file()
    subject, body = render(kind.value, lang, {name: f"<{name}>" for name in VARIABLES}, [])
    assert "<round>" in subject and "<recipient>" in body and "$" not in subject + body


def test_a_template_staff_changed_in_the_workspace_is_used_and_checked(emitted, capsys):
    workspace = emitted["workspace"]
    own = workspace.root / "templates_mail" / "es" / "questionnaire.txt"
    own.parent.mkdir(parents=True)
    own.write_text("Subject: Cuestionario $round\n\nHola $recipient, su plazo es el $deadline. $firma\n", "utf-8")
    assert run(workspace, "mail", ROUND) == 2
    assert capsys.readouterr().err.strip().endswith(translate(m.MAIL_TEMPLATE_UNKNOWN, "es", name="firma",
                                                              known=", ".join(f"${v}" for v in VARIABLES)))
    own.write_text("Subject: Cuestionario $round\n\nHola $recipient, su plazo es el $deadline.\n", "utf-8")
    assert run(workspace, "mail", ROUND) == 0
    mef = parsed(drafts(workspace)[0].read_bytes())
    assert mef["Subject"] == f"Cuestionario {ROUND}"
    assert mef.get_body().get_content().strip() == f"Hola {INSTITUTIONS[0].name}, su plazo es el {format_date(emitted['today'] + dt.timedelta(days=7), 'es')}."


def test_a_name_typed_with_line_breaks_stays_a_name_in_the_headers(workspace):
    institution = Institution(id="mef", name="Ministerio de\nEconomía\r\nBcc: spy@example.org", acronym="MEF", email="mef@example.gob.pe")
    open_round(workspace, a_round(institutions=(institution,)))
    emit(workspace, ROUND)
    assert run(workspace, "mail", ROUND) == 0
    message = parsed(drafts(workspace)[0].read_bytes())
    assert message["To"].addresses[0].display_name == "Ministerio de Economía Bcc: spy@example.org"
    assert message["Bcc"] is None and "\n" not in message["Subject"]
