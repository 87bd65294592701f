"""A real SMTP server on loopback (aiosmtpd) for the outbox's tests, and messages to send.

The server keeps what it accepted as parsed :class:`email.message.EmailMessage` objects (the
standard library's parser) with their envelope. ``hold`` makes it wait after receiving the
whole message before it replies (the moment between "recorded" and "accepted"): it sets
``server.holding`` and waits until ``server.release`` is set, then refuses the message
(a server that did not reply has not accepted anything)."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from nybureau.services.mail.message import Outgoing
from nybureau.services.mail.settings import MailSettings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self) -> None:
        self.received: list[dict] = []
        self.hold = False
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001
        import asyncio

        if self.hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 not accepted (the test held the reply)"
        data = envelope.original_content or envelope.content
        self.received.append({
            "from": envelope.mail_from, "to": list(envelope.rcpt_tos),
            "message": message_from_bytes(data, policy=policy.default), "raw": data})
        return "250 OK"


class Server:
    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     decode_data=False)

    @property
    def received(self) -> list[dict]:
        return self.handler.received

    def settings(self, **kw) -> MailSettings:
        values = dict(host="127.0.0.1", port=self.port, security="none",
                      mail_from="Sekretariatet <sekretariat@odder.dk>", timeout=10)
        values.update(kw)
        return MailSettings(**values)

    def env(self) -> dict[str, str]:
        return {"NYBUREAU_SMTP_HOST": "127.0.0.1", "NYBUREAU_SMTP_PORT": str(self.port),
                "NYBUREAU_SMTP_SECURITY": "none",
                "NYBUREAU_MAIL_FROM": "Sekretariatet <sekretariat@odder.dk>"}


@pytest.fixture
def smtp_server():
    server = Server()
    server.controller.start()
    yield server
    server.handler.release.set()
    server.controller.stop()


@pytest.fixture
def mail_env(smtp_server, monkeypatch):
    """The environment pointing at the test server."""
    for key in ("NYBUREAU_SMTP_USER", "NYBUREAU_SMTP_PASSWORD", "NYBUREAU_SETTINGS"):
        monkeypatch.delenv(key, raising=False)
    for key, value in smtp_server.env().items():
        monkeypatch.setenv(key, value)
    return smtp_server


def outgoing(subject: str = "Dagsorden: Hoved-MED 16. august 2017",
             to: tuple[str, ...] = ("Mette Hviid Schmidt <mette@odder.dk>",
                                    "Jens Ærø <jens.aeroe@odder.dk>"),
             body: str = "Kære alle\n\nHermed dagsordenen til mødet i Hoved-MED.\n\n"
                         "Med venlig hilsen\nSekretariatet\n",
             purpose: str = "agenda", attach: bytes | None = b"%PDF-1.7 test\n",
             **kw) -> Outgoing:
    message = EmailMessage()
    message["From"] = "Sekretariatet <sekretariat@odder.dk>"
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    if attach is not None:
        message.add_attachment(attach, maintype="application", subtype="pdf",
                               filename="dagsorden-hoved-med-2017-08-16.pdf")
    from email.utils import parseaddr

    return Outgoing(message=message, recipients=[parseaddr(a)[1] for a in to],
                    purpose=purpose, documents={"agenda": {"version": 1}}, **kw)
