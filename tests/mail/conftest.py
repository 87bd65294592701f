"""Fixtures of the outbox's tests: the real SMTP server on loopback (tests/support/smtp.py,
shared with tests/follow_up) and messages to send."""

from __future__ import annotations

from email.message import EmailMessage

from nybureau.services.mail.message import Outgoing
from tests.support.smtp import Handler, Server, free_port, mail_env, smtp_server  # noqa: F401


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
