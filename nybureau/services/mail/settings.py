"""Where nybureau's e-mail goes: the SMTP server and the sender, from the settings.

Each setting is read from the environment, or else from the settings file named by
``NYBUREAU_SETTINGS`` (the file the letterhead is read from: one ``key = value`` a line, ``#``
starts a comment), under the same name with or without the ``NYBUREAU_`` prefix, in any case
(``smtp_host = mail.odder.dk``). The environment wins over the file.

==========================  ===================================================================
``NYBUREAU_SMTP_HOST``      the server (no default: without it nothing is sent)
``NYBUREAU_SMTP_PORT``      default 587 for ``starttls``, 465 for ``ssl``, 25 for ``none``
``NYBUREAU_SMTP_SECURITY``  ``starttls`` (default), ``ssl`` (TLS from the start) or ``none``
``NYBUREAU_SMTP_USER``      the login, if the server wants one
``NYBUREAU_SMTP_PASSWORD``  the password: **only** from the environment or the OS keyring
``NYBUREAU_SMTP_TIMEOUT``   seconds to wait for the server in each step (default 60)
``NYBUREAU_MAIL_FROM``      the sender, e.g. ``Sekretariatet <sekretariat@odder.dk>``
==========================  ===================================================================

The password is never read from the settings file (a file that holds one is refused, so that it
is moved), never stored in the database or the history and never written to a log or an error
message: :class:`MailSettings` leaves it out of its ``repr``. Without
``NYBUREAU_SMTP_PASSWORD``, and with a user, the password is looked up in the operating system's
keyring (the optional ``keyring`` package) under the service ``nybureau-smtp`` and the user name:
``keyring set nybureau-smtp <user>`` stores it there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

KEYRING_SERVICE = "nybureau-smtp"
SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class MailSettings:
    """The SMTP server and the sender. ``password`` is kept out of ``repr``."""

    host: str | None
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    mail_from: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    #: seconds after which a message still marked "sending" is taken to be left behind by a
    #: process that stopped (see :mod:`.outbox`); None: five times ``timeout``
    stale_seconds: float | None = None

    @property
    def stale_after(self) -> float:
        """Seconds after which a message still marked "sending" is taken to be left by a
        process that stopped: by default longer than any step of a send may wait."""
        return self.stale_seconds if self.stale_seconds is not None else 5 * self.timeout

    def require_server(self) -> "MailSettings":
        """These settings, or a refusal saying which setting to give."""
        if not self.host:
            raise InvalidInput(Msg(
                "No mail server is set: give NYBUREAU_SMTP_HOST (and NYBUREAU_SMTP_PORT, "
                "NYBUREAU_SMTP_SECURITY, NYBUREAU_SMTP_USER) in the environment or the settings "
                "file, or write the messages to files with --dry-run."))
        return self


def _file_settings() -> dict[str, str]:
    from nybureau.rendering.print_form import _settings_file

    values, _base = _settings_file()
    return values


def _value(name: str, file: dict[str, str]) -> str | None:
    value = os.environ.get(name)
    if value is None or not value.strip():
        short = name.lower().removeprefix("nybureau_")
        value = file.get(name.lower()) or file.get(short)
    value = (value or "").strip()
    return value or None


def _keyring_password(user: str | None) -> str | None:
    if not user:
        return None
    try:
        import keyring  # optional: the operating system's keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # no usable keyring backend: as if no password were stored
        return None


def mail_from_required(value: str | None) -> str:
    """``value`` as a sender address, or a refusal saying how to set one."""
    if not value:
        raise InvalidInput(Msg(
            "No sender is set: give NYBUREAU_MAIL_FROM (e.g. \"Sekretariatet "
            "<sekretariat@odder.dk>\") in the environment or the settings file."))
    value = value.strip()
    named = re.fullmatch(r"([^<>\"]*?)\s*<([^<>\s]+@[^<>\s]+)>", value)
    if named and any(c in named.group(1) for c in ",;:.()[]\\@"):
        # a display name as people write it ("Sekretariatet, Social og Sundhed <…>"): quoted,
        # as the mail standard wants a name with a comma or a full stop
        value = formataddr((named.group(1), named.group(2)))
    _name, address = parseaddr(value)
    if "@" not in address or any(c.isspace() for c in address):
        raise InvalidInput(Msg(
            "NYBUREAU_MAIL_FROM '{value}' is not an e-mail address: write it as "
            "\"Sekretariatet <sekretariat@odder.dk>\" or \"sekretariat@odder.dk\".",
            value=value))
    return value


def mail_settings() -> MailSettings:
    """The settings as the environment and the settings file give them (see the module)."""
    file = _file_settings()
    if any(k in file for k in ("nybureau_smtp_password", "smtp_password")):
        raise InvalidInput(Msg(
            "The settings file holds an SMTP password; nybureau reads the password only from "
            "NYBUREAU_SMTP_PASSWORD in the environment or from the keyring (service "
            "'{service}'). Remove the line from the file.", service=KEYRING_SERVICE))
    security = (_value("NYBUREAU_SMTP_SECURITY", file) or "starttls").lower()
    if security not in SECURITIES:
        raise InvalidInput(Msg(
            "NYBUREAU_SMTP_SECURITY '{value}' is unknown. Use one of: starttls, ssl, none.",
            value=security))
    port_text = _value("NYBUREAU_SMTP_PORT", file)
    try:
        port = int(port_text) if port_text else DEFAULT_PORTS[security]
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise InvalidInput(Msg("NYBUREAU_SMTP_PORT '{value}' is not a port number (1–65535).",
                               value=port_text)) from None
    timeout_text = _value("NYBUREAU_SMTP_TIMEOUT", file)
    try:
        timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT
        if not 0 < timeout <= 3600:
            raise ValueError
    except ValueError:
        raise InvalidInput(Msg("NYBUREAU_SMTP_TIMEOUT '{value}' is not a number of seconds "
                               "(more than 0, at most 3600).", value=timeout_text)) from None
    user = _value("NYBUREAU_SMTP_USER", file)
    password = os.environ.get("NYBUREAU_SMTP_PASSWORD") or _keyring_password(user)
    return MailSettings(host=_value("NYBUREAU_SMTP_HOST", file), port=port, security=security,
                        user=user, password=password,
                        mail_from=_value("NYBUREAU_MAIL_FROM", file), timeout=timeout)


def mail_from() -> str:
    """The sender every message nybureau composes carries (``NYBUREAU_MAIL_FROM``), or a
    refusal saying how to set it."""
    return mail_from_required(_value("NYBUREAU_MAIL_FROM", _file_settings()))


__all__ = ["MailSettings", "mail_settings", "mail_from", "KEYRING_SERVICE"]
