"""A real SMTP server on loopback (aiosmtpd), shared by the tests of the outbox (tests/mail) and of
`nybureau remind` (tests/follow_up): each conftest imports the fixtures from here, so only the
tests that ask for ``smtp_server`` or ``mail_env`` start a server.

The server keeps what it accepted as parsed :class:`email.message.EmailMessage` objects (the
standard library's parser) with their envelope. ``hold`` makes it wait after receiving the
whole message before it replies (the moment between "recorded" and "accepted"): it sets
``server.holding`` and waits until ``server.release`` is set, then refuses the message
(a server that did not reply has not accepted anything)."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy

import pytest

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
