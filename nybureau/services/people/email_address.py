"""The one detail a user records about a person directly: their work e-mail address
(``nybureau person email``), which meeting invitations use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.services.people.classification import PERSON
from nybureau.services.people.identity import existing_person

if TYPE_CHECKING:
    from nybureau.persistence.repository import Tx

EMAIL_MAX = 254  # the longest address SMTP carries (RFC 5321)
_LOCAL_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   "!#$%&'*+/=?^_`{|}~-.")
_EXAMPLE = "ib.hansen@odder.dk"


def _bad_email(value: str, en: str, da: str) -> InvalidInput:
    return InvalidInput(f"'{value}' is not an e-mail address: {en} Write it as name@domain, "
                        f"e.g. {_EXAMPLE}.",
                        f"'{value}' er ikke en e-mailadresse: {da} Skriv den som navn@domæne, "
                        f"fx {_EXAMPLE}.")


def check_email(value: Any) -> str:
    """A work e-mail address as invitations need it: one address, ``local@domain``; the
    domain is written in lower case (it is case-insensitive) and may hold æ, ø, å."""
    text = value.strip() if isinstance(value, str) else ""
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    if not text:
        raise InvalidInput(f"The e-mail address is empty. Give it as name@domain, e.g. "
                           f"{_EXAMPLE} (or remove the address with --remove).",
                           f"E-mailadressen er tom. Angiv den som navn@domæne, fx {_EXAMPLE} "
                           "(eller fjern adressen med --remove).")
    if len(text) > EMAIL_MAX:
        raise InvalidInput(f"The e-mail address is {len(text)} characters long; an address has "
                           f"at most {EMAIL_MAX}.",
                           f"E-mailadressen er {len(text)} tegn lang; en adresse har højst "
                           f"{EMAIL_MAX}.")
    if "<" in text or ">" in text:
        raise _bad_email(text, "give the address alone, without a name and < >.",
                         "angiv adressen alene, uden navn og < >.")
    if any(c in text for c in ",;") or text.count("@") > 1:
        raise _bad_email(text, "give one address per person.", "angiv én adresse pr. person.")
    if any(c.isspace() or ord(c) < 32 for c in text):
        raise _bad_email(text, "it contains a space or a line break.",
                         "den indeholder et mellemrum eller et linjeskift.")
    if "@" not in text:
        raise _bad_email(text, "it has no @.", "den har intet @.")
    local, domain = text.split("@")
    if not local:
        raise _bad_email(text, "nothing comes before the @.", "der står intet før @.")
    if any(c not in _LOCAL_CHARS for c in local):
        raise _bad_email(text, "before the @ only the letters a–z, digits and . _ + - are "
                               "used (not æ, ø, å); copy the address from the mail system.",
                         "før @ bruges kun bogstaverne a–z, tal og . _ + - (ikke æ, ø, å); "
                         "kopiér adressen fra mailsystemet.")
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise _bad_email(text, "a dot cannot begin or end the part before the @, nor come "
                               "twice in a row.",
                         "et punktum kan ikke stå først eller sidst før @ eller to gange i "
                         "træk.")
    labels = domain.split(".")
    if not domain or len(labels) < 2 or any(
            not label or len(label) > 63 or label[0] == "-" or label[-1] == "-"
            or any(not (c.isalnum() or c == "-") for c in label) for label in labels) \
            or not labels[-1].isalpha() or len(labels[-1]) < 2:
        raise _bad_email(text, f"'{domain}' after the @ is not a domain such as odder.dk.",
                         f"'{domain}' efter @ er ikke et domæne som odder.dk.")
    return f"{local}@{domain.lower()}"


def set_email(tx: Tx, full_name: str, address: str | None, *, remove: bool = False
              ) -> dict[str, Any]:
    """Record (or with ``remove`` take away) a person's work e-mail address; meeting
    invitations list the person as an attendee when they have one."""
    if remove and address:
        raise InvalidInput("Give either an address or --remove, not both.",
                           "Angiv enten en adresse eller --remove, ikke begge.")
    if not remove and address is None:
        raise InvalidInput(f"Give the e-mail address, e.g. {_EXAMPLE}, or --remove to take the "
                           "recorded address away.",
                           f"Angiv e-mailadressen, fx {_EXAMPLE}, eller --remove for at fjerne "
                           "den gemte adresse.")
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
                f"{new} is already the e-mail address of {taken['full_name']}. Each person "
                "has their own address; check which of the two it belongs to.",
                f"{new} er allerede e-mailadressen for {taken['full_name']}. Hver person har "
                "sin egen adresse; undersøg, hvem af de to den tilhører.")
    tx.admin_update(PERSON, {"id": person["id"]}, {"email": new})
    tx.audit("person.email", PERSON, person["id"], before={"email": old}, after={"email": new})
    return {"name": person["full_name"], "email": new, "before": old, "changed": True}
