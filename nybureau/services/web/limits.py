"""Rate limits on signing in: how often one client (its network address) may try a sign-in
link, and how often a sign-in link may be asked for from one client and for one e-mail address.

==================  ====================================  ==========================
what                counted per                           at most
==================  ====================================  ==========================
``redeem``          client address                        10 tries in 15 minutes
``request``         client address                        10 requests in an hour
``request_email``   e-mail address asked for              3 requests in an hour
==================  ====================================  ==========================

A sign-in link's token has 256 random bits, so guessing one is hopeless anyway; the limit on
redemptions stops a client from hammering the server all the same, and the limits on requests
stop anyone from flooding a member's inbox with sign-in mails or the server's mail account.

Each attempt is a ``web_attempt`` row whose ``key`` is the SHA-256 digest of what is counted
(never the address itself); rows older than :data:`KEEP` are deleted as new attempts come in,
so the table holds only the last day's digests. A refusal is :class:`RateLimited` (the web
answers 429 with ``Retry-After``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from nybureau.errors import NybureauError
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


@dataclass(frozen=True)
class Limit:
    """At most ``most`` attempts in ``minutes`` minutes."""

    most: int
    minutes: int


LIMITS: dict[str, Limit] = {
    "redeem": Limit(10, 15),
    "request": Limit(10, 60),
    "request_email": Limit(3, 60),
}
#: how long an attempt's digest is kept (longer than every window)
KEEP = timedelta(days=1)


class RateLimited(NybureauError):
    """Too many sign-in attempts; ``retry_after``: seconds until the next one may come."""

    exit_code = 5

    def __init__(self, message: Msg, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def key(kind: str, value: str) -> str:
    """The digest an attempt is counted under (``value``: an address, in lower case)."""
    text = f"nybureau sign-in {kind}\n{(value or '').strip().lower()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(tx: Tx, kind: str, value: str) -> None:
    """Refuse (:class:`RateLimited`) when ``value`` has used up the limit ``kind``."""
    limit = LIMITS[kind]
    since = tx.now - timedelta(minutes=limit.minutes)
    if tx.attempt_count(key(kind, value), since) >= limit.most:
        raise RateLimited(Msg("Too many sign-in attempts. Wait {minutes} minutes and try "
                              "again, or ask the project leader for a new link.",
                              minutes=limit.minutes), retry_after=limit.minutes * 60)


def record(tx: Tx, kind: str, value: str, ok: bool) -> None:
    """Count one attempt (and forget those older than :data:`KEEP`)."""
    tx.attempt_prune(tx.now - KEEP)
    tx.attempt_add(key(kind, value), ok)


def forget_address(tx: Tx, address: str) -> int:
    """Delete the attempts counted for an e-mail address (``person forget``); how many."""
    return tx.attempt_delete(key("request_email", address))


__all__ = ["LIMITS", "Limit", "RateLimited", "check", "record", "key", "forget_address"]
