"""Asking for a sign-in link by e-mail (the front page's form).

A person who gives their work e-mail address (``nybureau person email``) gets a one-time link
(:func:`~nybureau.services.web.sessions.make_link`) in an e-mail that goes through the outbox
like every message nybureau sends (purpose ``signin``): :func:`request_link` records it in the
caller's transaction, and the caller delivers it after the commit
(:func:`nybureau.services.mail.outbox.deliver`). The outbox keeps the whole message only until
the server has accepted it; after that only its headers remain, so the link is not kept.

The page answers the same words whether or not the address belongs to anyone, so the form
cannot be used to find out who has an account; the rate limits (:mod:`.limits`) stop it from
being used to flood a member's inbox.

The link is made for the server's public address (``NYBUREAU_PUBLIC_URL``, or what
``nybureau serve`` is started with), never for the Host header of the request that asked for
it: a link must not be sent to someone pointing at a host an attacker named.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from typing import TYPE_CHECKING

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.web.sessions import LINK_MINUTES, make_link

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

PURPOSE = "signin"


def mail_ready() -> bool:
    """Whether this installation can send e-mail (a server and a sender are set)."""
    from nybureau.services.mail.settings import mail_settings

    try:
        settings = mail_settings()
    except InvalidInput:
        return False
    return bool(settings.host and settings.mail_from)


def _address(email: str, name: str) -> Address:
    local, _, domain = email.rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return Address(display_name=name, username=local, domain=domain)


def _texts(name: str, url: str, lang: str) -> tuple[str, str]:
    if lang == "en":
        return ("Your sign-in link for nybureau",
                f"Dear {name},\n\n"
                f"Here is your personal link to sign in to nybureau:\n\n{url}\n\n"
                f"The link can be used once, within {LINK_MINUTES} minutes. Open it and press "
                "“Sign in”.\n\nIf you did not ask for it, you can ignore this e-mail: nobody "
                "can sign in without the link.\n")
    return ("Dit link til at logge ind på nybureau",
            f"Kære {name}\n\n"
            f"Her er dit personlige link til at logge ind på nybureau:\n\n{url}\n\n"
            f"Linket kan bruges én gang inden for {LINK_MINUTES} minutter. Åbn det, og tryk "
            "på »Log ind«.\n\nHar du ikke bedt om det, kan du se bort fra denne e-mail: ingen "
            "kan logge ind uden linket.\n")


def request_link(tx: Tx, address: str, *, base_url: str, lang: str = "da") -> int | None:
    """Record a sign-in e-mail for the person whose work address is ``address``; the outbox
    message's id, or None when no person has that address (the caller answers the same)."""
    from nybureau.services.mail import outbox
    from nybureau.services.mail.message import Outgoing
    from nybureau.services.mail.settings import mail_from
    from nybureau.services.people.email_address import check_email

    email = check_email(address)
    if not base_url:
        raise InvalidInput(Msg("This server has no public address, so it cannot send sign-in "
                               "links by e-mail. Ask the project leader for a link."))
    person = tx.person_by_email(email)
    if person is None or not person.email:
        return None
    token = make_link(tx, person.id)
    subject, text = _texts(person.full_name, f"{base_url.rstrip('/')}/login/{token}", lang)
    message = EmailMessage()
    message["From"] = mail_from()
    message["To"] = _address(person.email, person.full_name)
    message["Subject"] = subject
    message.set_content(text)
    return outbox.record(tx, Outgoing(message=message, recipients=[person.email],
                                      purpose=PURPOSE))


__all__ = ["request_link", "mail_ready", "PURPOSE"]
