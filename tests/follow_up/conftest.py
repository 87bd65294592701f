"""`nybureau remind` sends through the real outbox to the real SMTP server on loopback."""

from tests.support.smtp import mail_env, smtp_server  # noqa: F401
