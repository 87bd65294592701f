"""Handing one message to the SMTP server (standard library ``smtplib``): STARTTLS, TLS from
the start (``ssl``) or plain (``none``, for a relay on the local network), a login when a user
is set, a timeout on every step. The outbox (:mod:`.outbox`) decides what to send and when; this
module only talks to the server.

A failure is one :class:`SendFailure` with a short text for the outbox's ``last_error`` and the
user (the server's reply, or what the connection did) — never the password, which smtplib does
not echo and this module does not put into any text.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass

from nybureau.services.mail.settings import MailSettings


class SendFailure(Exception):
    """The server could not be reached or did not accept the message (``str``: why)."""


@dataclass(frozen=True)
class Accepted:
    """The server accepted the message for ``delivered``; ``refused`` maps the addresses it
    refused (while accepting the others) to its reply."""

    delivered: list[str]
    refused: dict[str, str]


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def _connect(settings: MailSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.security == "ssl":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port,
                                              timeout=settings.timeout, context=context)
    else:
        conn = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    conn.ehlo()
    if settings.security == "starttls":
        if not conn.has_extn("starttls"):
            conn.close()
            raise SendFailure(f"the server {settings.host}:{settings.port} does not offer "
                              "STARTTLS (set NYBUREAU_SMTP_SECURITY to ssl or none)")
        conn.starttls(context=context)
        conn.ehlo()
    if settings.user:
        if not settings.password:
            conn.close()
            raise SendFailure(f"no password for the SMTP user {settings.user} (set "
                              "NYBUREAU_SMTP_PASSWORD or store it in the keyring)")
        try:
            conn.login(settings.user, settings.password)
        except UnicodeEncodeError:
            conn.close()
            raise SendFailure(f"the SMTP user or password of {settings.user} holds letters "
                              "outside ASCII, which the SMTP login cannot carry") from None
    return conn


def send(settings: MailSettings, sender: str, recipients: list[str], content: str) -> Accepted:
    """Hand ``content`` (the whole RFC 5322 message) to the server for ``recipients``, with
    ``sender`` as the envelope's sender. Raises :class:`SendFailure` unless the server accepted
    it for at least one recipient."""
    # SMTP wants CRLF line ends; the outbox stores the message with plain new lines
    data = content.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    data = data.encode("utf-8")
    options = []
    where = f"{settings.host}:{settings.port}"
    try:
        conn = _connect(settings)
    except SendFailure:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SendFailure(f"the server {where} refused the login of {settings.user}: "
                          f"{_reply(exc.smtp_code, exc.smtp_error)}") from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise SendFailure(f"the server {where} failed: {exc}") from None
    except (socket.timeout, TimeoutError):
        raise SendFailure(f"the server {where} did not answer within "
                          f"{settings.timeout:g} seconds") from None
    except OSError as exc:  # refused, unknown host, unreachable network
        raise SendFailure(f"cannot connect to {where}: {exc.strerror or exc}") from None
    try:
        if not data.isascii() and conn.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
        refused = conn.sendmail(sender, recipients, data, mail_options=options)
    except smtplib.SMTPRecipientsRefused as exc:
        replies = "; ".join(f"{a}: {_reply(c, t)}" for a, (c, t) in exc.recipients.items())
        raise SendFailure(f"the server {where} refused every recipient ({replies})") from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendFailure(f"the server {where} refused the sender {sender}: "
                          f"{_reply(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPResponseException as exc:
        raise SendFailure(f"the server {where} did not accept the message: "
                          f"{_reply(exc.smtp_code, exc.smtp_error)}") from None
    except (socket.timeout, TimeoutError):
        raise SendFailure(f"the server {where} did not answer within "
                          f"{settings.timeout:g} seconds") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendFailure(f"the connection to {where} failed while sending: {exc}") from None
    finally:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()
    refused_text = {a: _reply(c, t) for a, (c, t) in refused.items()}
    return Accepted([a for a in recipients if a not in refused_text], refused_text)


__all__ = ["send", "SendFailure", "Accepted"]
