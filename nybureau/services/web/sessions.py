"""Signing in on the web: one-time links, sessions and the forms' CSRF tokens.

A link's token and a session's cookie are random (``secrets.token_urlsafe``); the database keeps
only their SHA-256 digests, so neither can be read back from it. A sign-in link is used once,
before it expires (:data:`LINK_MINUTES`), and becomes a session that lasts
:data:`SESSION_HOURS`; signing out revokes the session, signing out everywhere every session of
the person. A form's CSRF token is an HMAC of the session's cookie, so it needs no storage and
an attacker without the cookie cannot make one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from nybureau.errors import Denied
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

#: how long a sign-in link may wait before it is used
LINK_MINUTES = 30
#: how long a session lasts from sign-in
SESSION_HOURS = 12
#: a workshop voter's session: the length of a workshop day
VOTER_HOURS = 10


def digest(secret: str) -> str:
    """The SHA-256 digest (hex) a secret is stored as."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in person, or an anonymous workshop voter."""

    session_id: int
    person_id: int | None
    name: str | None  # the person's full name; None for a voter
    voter_id: int | None
    round_id: int | None
    label: str | None  # a voter's label ("Deltager 7"); None for a person
    lang: str

    @property
    def actor(self) -> str:
        """The history's actor for what this viewer writes."""
        if self.person_id is not None:
            return f"{self.name} (web)"
        return f"{self.label} (web)"


def make_link(tx: Tx, person_id: int, *, minutes: int = LINK_MINUTES) -> str:
    """A new one-time sign-in token for the person (its digest is stored)."""
    secret = new_secret()
    tx.token_add(token_hash=digest(secret), purpose="signin", person_id=person_id,
                 expires_at=tx.now + timedelta(minutes=minutes))
    return secret


#: the longest a handed-over link may wait (``nybureau web link --minutes``): a week
LINK_MAX_MINUTES = 7 * 24 * 60


def link_url(base_url: str, secret: str) -> str:
    """The address of a sign-in link on the server at ``base_url``."""
    return f"{base_url.rstrip('/')}/login/{secret}"


def link_for(tx: Tx, full_name: str, base_url: str, *, minutes: int = LINK_MINUTES
             ) -> dict[str, Any]:
    """A one-time sign-in link for a named person, to hand over (``nybureau web link``,
    ``nybureau serve``): the link, the person and when it expires. Audited ``web.link`` (who
    made a link for whom; never the link)."""
    from nybureau.errors import InvalidInput
    from nybureau.services.people.identity import find_person

    if not 1 <= int(minutes) <= LINK_MAX_MINUTES:
        raise InvalidInput(Msg("A sign-in link lasts from 1 minute to a week ({most} minutes), "
                               "not {minutes}.", most=LINK_MAX_MINUTES, minutes=minutes))
    person = find_person(tx, full_name)
    secret = make_link(tx, person["id"], minutes=int(minutes))
    expires = tx.now + timedelta(minutes=int(minutes))
    tx.audit("web.link", "person", person["id"],
             after={"person": person["full_name"], "minutes": int(minutes)})
    return {"person": person["full_name"], "url": link_url(base_url, secret),
            "expires_at": expires, "minutes": int(minutes)}


def _expired_link() -> Denied:
    return Denied(Msg("This sign-in link has expired or has already been used. Ask for a new "
                      "one on the sign-in page, or ask the project leader for one."))


def redeem_link(tx: Tx, secret: str, *, lang: str = "da") -> tuple[str, Any]:
    """Use a one-time sign-in link: a new session's cookie and its row. A link that is
    unknown, expired or already used is refused (the same words for each, so a guess learns
    nothing)."""
    row = tx.token_by_hash(digest(secret or ""))
    if (row is None or row.purpose != "signin" or row.used_at is not None
            or _aware(row.expires_at) <= tx.now):
        raise _expired_link()
    if not tx.token_use(row.id):
        raise _expired_link()
    cookie = new_secret()
    sid = tx.session_add(token_hash=digest(cookie), person_id=row.person_id, lang=lang,
                         expires_at=tx.now + timedelta(hours=SESSION_HOURS))
    tx.audit("web.signin", "person", row.person_id, after={"session": sid})
    return cookie, tx.session_by_hash(digest(cookie))


def link_actor(tx: Tx, secret: str) -> str:
    """The history's actor for using this link: its person's name (web), or ``web`` when the
    link is unknown (the refusal then comes from :func:`redeem_link`)."""
    row = tx.token_by_hash(digest(secret or ""))
    person = tx.person_by_id(row.person_id) if row is not None and row.person_id else None
    return f"{person.full_name} (web)" if person is not None else "web"


def voter_session(tx: Tx, voter_id: int, *, lang: str = "da",
                  hours: int = VOTER_HOURS) -> str:
    """A new session for a workshop voter; its cookie."""
    cookie = new_secret()
    tx.session_add(token_hash=digest(cookie), voter_id=voter_id, lang=lang,
                   expires_at=tx.now + timedelta(hours=hours))
    return cookie


def viewer(tx: Tx, cookie: str | None) -> Viewer | None:
    """The viewer of a session cookie, or None (no cookie, unknown, expired or revoked)."""
    if not cookie:
        return None
    row = tx.session_by_hash(digest(cookie))
    now = datetime.now(timezone.utc)
    if row is None or row.revoked_at is not None or _aware(row.expires_at) <= now:
        return None
    if row.person_id is not None:
        person = tx.person_by_id(row.person_id)
        if person is None:  # the person was forgotten
            return None
        return Viewer(row.id, row.person_id, person.full_name, None, None, None, row.lang)
    voter = tx.voter_get(row.voter_id)
    if voter is None:
        return None
    return Viewer(row.id, None, None, voter.id, voter.round_id, voter.label, row.lang)


def sign_out(tx: Tx, session_id: int, *, everywhere: bool = False,
             person_id: int | None = None) -> int:
    """Revoke this session, or (``everywhere``) every session of the person; how many."""
    if everywhere and person_id is not None:
        n = tx.session_revoke_all(person_id=person_id)
        tx.audit("web.signout", "person", person_id, after={"everywhere": True, "sessions": n})
        return n
    tx.session_update(session_id, revoked_at=tx.now)
    return 1


def live_sessions(tx: Tx, person_id: int, current: int | None = None) -> list[dict[str, Any]]:
    """The person's sessions that are neither expired nor revoked, newest first, as data
    (``current``: the id of the session asking, marked as this device)."""
    now = datetime.now(timezone.utc)
    return [{"id": s.id, "created_at": _aware(s.created_at), "expires_at": _aware(s.expires_at),
             "lang": s.lang, "current": s.id == current}
            for s in tx.session_list(person_id)
            if s.revoked_at is None and _aware(s.expires_at) > now]


def forget(tx: Tx, person_id: int, addresses: list[str]) -> dict[str, int]:
    """``person forget``: delete the person's sessions, sign-in links and grants, and the
    rate limit's counts for their e-mail addresses; how many of each. Their approvals of
    minutes stay (a fact about the meeting, like their attendance) under the pseudonym."""
    from nybureau.services.web.limits import forget_address

    done = tx.web_forget(person_id)
    done["attempts"] = sum(forget_address(tx, a) for a in addresses)
    return done


def csrf_token(cookie: str) -> str:
    """The CSRF token of a session (or of the pre-session cookie of a sign-in form)."""
    return hmac.new(cookie.encode("utf-8"), b"nybureau csrf", hashlib.sha256).hexdigest()


def csrf_ok(cookie: str | None, token: str | None) -> bool:
    return bool(cookie) and bool(token) and hmac.compare_digest(csrf_token(cookie), token)
