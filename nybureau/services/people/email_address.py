"""The one detail a user records about a person directly: their work e-mail address
(``nybureau person email``), which meeting invitations use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.people.classification import PERSON
from nybureau.services.people.identity import existing_person

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

EMAIL_MAX = 254  # the longest address SMTP carries (RFC 5321)
_LOCAL_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   "!#$%&'*+/=?^_`{|}~-.")
_EXAMPLE = "ib.hansen@odder.dk"


def _bad_email(value: str, msg: Msg) -> InvalidInput:
    return InvalidInput(Msg("'{value}' is not an e-mail address: {msg} Write it as name@domain, "
                            "e.g. {example}.", value=value, msg=msg, example=_EXAMPLE))


def check_email(value: Any) -> str:
    """A work e-mail address as invitations need it: one address, ``local@domain``; the
    domain is written in lower case (it is case-insensitive) and may hold æ, ø, å."""
    text = value.strip() if isinstance(value, str) else ""
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    if not text:
        raise InvalidInput(Msg("The e-mail address is empty. Give it as name@domain, e.g. "
                               "{example} (or remove the address with --remove).",
                               example=_EXAMPLE))
    if len(text) > EMAIL_MAX:
        raise InvalidInput(Msg("The e-mail address is {n_text} characters long; an address has "
                               "at most {email_max}.", n_text=len(text), email_max=EMAIL_MAX))
    if "<" in text or ">" in text:
        raise _bad_email(text, Msg("give the address alone, without a name and < >."))
    if any(c in text for c in ",;") or text.count("@") > 1:
        raise _bad_email(text, Msg("give one address per person."))
    if any(c.isspace() or ord(c) < 32 for c in text):
        raise _bad_email(text, Msg("it contains a space or a line break."))
    if "@" not in text:
        raise _bad_email(text, Msg("it has no @."))
    local, domain = text.split("@")
    if not local:
        raise _bad_email(text, Msg("nothing comes before the @."))
    if any(c not in _LOCAL_CHARS for c in local):
        raise _bad_email(text, Msg("before the @ only the letters a–z, digits and . _ + - are "
                                   "used (not æ, ø, å); copy the address from the mail system."))
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise _bad_email(text, Msg("a dot cannot begin or end the part before the @, nor come "
                                   "twice in a row."))
    labels = domain.split(".")
    if not domain or len(labels) < 2 or any(
            not label or len(label) > 63 or label[0] == "-" or label[-1] == "-"
            or any(not (c.isalnum() or c == "-") for c in label) for label in labels) \
            or not labels[-1].isalpha() or len(labels[-1]) < 2:
        raise _bad_email(text, Msg("'{domain}' after the @ is not a domain such as odder.dk.",
                                   domain=domain))
    return f"{local}@{domain.lower()}"


def set_email(tx: Tx, full_name: str, address: str | None, *, remove: bool = False
              ) -> dict[str, Any]:
    """Record (or with ``remove`` take away) a person's work e-mail address; meeting
    invitations list the person as an attendee when they have one."""
    if remove and address:
        raise InvalidInput(Msg("Give either an address or --remove, not both."))
    if not remove and address is None:
        raise InvalidInput(Msg("Give the e-mail address, e.g. {example}, or --remove to take the "
                               "recorded address away.", example=_EXAMPLE))
    new = None if remove else check_email(address)
    person = existing_person(tx, full_name)
    old = person["email"]
    if new == old:
        return {"name": person["full_name"], "email": new, "before": old, "changed": False}
    if new is not None:
        taken = tx.person_by_email(new)
        if taken is not None and taken["id"] != person["id"]:
            from nybureau.errors import AlreadyExists

            raise AlreadyExists(
                Msg("{new} is already the e-mail address of {full_name}. Each person "
                    "has their own address; check which of the two it belongs to.", new=new,
                    full_name=taken['full_name']))
    tx.admin_update(PERSON, {"id": person["id"]}, {"email": new})
    tx.audit("person.email", PERSON, person["id"], before={"email": old}, after={"email": new})
    return {"name": person["full_name"], "email": new, "before": old, "changed": True}
