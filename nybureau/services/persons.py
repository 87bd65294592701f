"""A person's data under GDPR: ``nybureau person export`` (right of access, art. 15) and
``nybureau person forget`` (right to erasure, art. 17); and the one detail a user records about a
person directly, their work e-mail address (``nybureau person email``), which meeting invitations
use.

Both are generic over the schema: a person is found in every table with a foreign key to
``person`` and, by name, in every text column of every table (notes, titles, reasons, actors,
the audit history's payloads), including tables added by later features.

Forgetting replaces the person by a pseudonym ("Slettet person #<id>"): the person row loses its
name, e-mail and every other optional detail; the name is replaced wherever it occurs as a whole
name in text, and every e-mail address the person has had (the current one and those the
history records) by "(e-mail slettet)" wherever it occurs; rows that refer to the person keep
referring to the (now anonymous) row, so decisions, memberships, attendance and every count stay
as they were. The audit history is
rewritten in place without touching any stored hash; the erasure is recorded as one
``person.forget`` event whose payload vouches for the new content of each rewritten event (see
:mod:`nybureau.services.audit`), so ``nybureau audit verify`` still passes and any later edit is
still caught. The old name is not kept anywhere in the database, so this cannot be undone —
backups and exports made before still hold it and must be handled by their own retention.
"""

from __future__ import annotations

import json
import re
from typing import Any

from nybureau.errors import InvalidInput, NotFound
from nybureau.services.common import check_name, check_text

PERSON = "person"
AUDIT = "audit_event"
IMPORTED = "imported_event"
PSEUDONYM = "Slettet person #{id}"
EMAIL_ERASED = "(e-mail slettet)"


def _get(tx, full_name: str) -> dict[str, Any]:
    name = check_name(full_name, "name")
    person = tx.person_get(name)
    if person is None:
        raise NotFound(
            f"There is no person named '{name}'. Names are matched exactly, as shown by "
            "`nybureau project show`.",
            f"Der er ingen person med navnet '{name}'. Navnet skal stå præcis som i "
            "`nybureau project show`.")
    return person


def _pattern(text: str) -> re.Pattern[str]:
    # the whole name only: not inside a longer name ("Ib Hansen" in "Ib Hansen-Berg")
    return re.compile(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])")


def _email_pattern(address: str) -> re.Pattern[str]:
    # the whole address, in any case (the domain of an address is case-insensitive)
    return re.compile(r"(?<![\w.+-])" + re.escape(address) + r"(?![\w-]|\.\w)", re.IGNORECASE)


def _addresses(tx, person: dict[str, Any]) -> list[str]:
    """Every e-mail address the person has had: the current one and those in the history."""
    found = [person["email"]] if person.get("email") else []
    for ev in tx.admin_rows(AUDIT, where={"entity": PERSON, "entity_id": person["id"],
                                          "action": "person.email"}):
        for side in ("before", "after"):
            try:
                value = (json.loads(ev[side]) or {}).get("email") if ev[side] else None
            except (ValueError, AttributeError):
                value = None
            if isinstance(value, str) and value and value.lower() not in \
                    [f.lower() for f in found]:
                found.append(value)
    return found


def _needles(tx, person: dict[str, Any]) -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """(pattern in plain text, pattern in JSON text, what replaces it) for the person's name and
    every address they have had."""
    name = person["full_name"]
    out = [(_pattern(name), _pattern(json.dumps(name, ensure_ascii=False)[1:-1]),
            PSEUDONYM.format(id=person["id"]))]
    for address in _addresses(tx, person):
        out.append((_email_pattern(address),
                    _email_pattern(json.dumps(address, ensure_ascii=False)[1:-1]), EMAIL_ERASED))
    return out


def _text_columns(tx, table: str) -> list[str]:
    return [c["name"] for c in tx.admin_columns(table) if c["kind"] == "text"]


def _references(tx) -> dict[str, list[str]]:
    """table → its columns that refer to a person."""
    out: dict[str, list[str]] = {}
    for name in tx.admin_table_names():
        cols = [c["name"] for c in tx.admin_columns(name) if c["references"] == PERSON]
        if cols:
            out[name] = cols
    return out


def _mentions(tx, needles):
    """(table, row, columns) for every row outside ``person`` whose text names the person or
    holds one of their e-mail addresses (``needles`` from :func:`_needles`)."""
    for table in tx.admin_table_names():
        if table == PERSON:
            continue
        cols = _text_columns(tx, table)
        if not cols:
            continue
        for row in tx.admin_rows(table):
            hit = [c for c in cols if isinstance(row[c], str)
                   and any(p.search(row[c]) or e.search(row[c]) for p, e, _ in needles)]
            if hit:
                yield table, row, hit


# Special-category data (GDPR art. 9): left out of an export unless asked for explicitly.
SPECIAL = ("union_affiliation",)


def export_person(tx, full_name: str, *, include_special: bool = False) -> dict[str, Any]:
    """Everything stored about a person, as plain data. Special-category data (a union
    affiliation) is withheld — named, not shown — unless ``include_special`` is set, e.g. when
    the export goes to the person themselves."""
    from nybureau.services.transfer import _out

    person = _get(tx, full_name)
    needles = _needles(tx, person)
    withheld = [c for c in SPECIAL if person.get(c) is not None and not include_special]
    person = {k: (None if k in withheld else v) for k, v in person.items()}
    refs = {}
    for table, cols in _references(tx).items():
        rows = tx.admin_rows(table, any_of={c: [person["id"]] for c in cols})
        if rows:
            refs[table] = [{k: _out(v) for k, v in r.items()} for r in rows]
    mentions: dict[str, list[dict[str, Any]]] = {}
    for table, row, cols in _mentions(tx, needles):
        key = {k: _out(row[k]) for k in tx.admin_primary_key(table)}
        entry = dict(key, columns={c: row[c] for c in cols})
        if table == AUDIT:
            entry.update(at=_out(row["at"]), action=row["action"])
        mentions.setdefault(table, []).append(entry)
    tx.audit("person.export", PERSON, person["id"],
             after={"person_id": person["id"], "special_categories": include_special})
    return {
        "person": {k: _out(v) for k, v in person.items()},
        "withheld": withheld,
        "referenced_by": refs,
        "mentioned_in": mentions,
    }


def forget_person(tx, full_name: str, reason: str) -> dict[str, Any]:
    from nybureau.services.audit import content_digest
    from nybureau.services.imported_history import imported_digest

    person = _get(tx, full_name)
    name = person["full_name"]
    reason = check_text(reason, "reason")
    if not reason:
        raise InvalidInput("Say why with --reason (e.g. the date and reference of the request).",
                           "Angiv begrundelsen med --reason (fx dato og journalnummer for "
                           "anmodningen).")
    if _pattern(name).search(reason):
        raise InvalidInput("The reason must not contain the person's name: it is kept in the "
                           "history. Refer to the request instead (date, reference).",
                           "Begrundelsen må ikke indeholde personens navn: den gemmes i "
                           "historikken. Henvis i stedet til anmodningen (dato, journalnummer).")
    pseudonym = PSEUDONYM.format(id=person["id"])
    needles = _needles(tx, person)  # read before the person row is emptied
    if any(plain.search(reason) for plain, _, _ in needles[1:]):
        raise InvalidInput("The reason must not contain the person's e-mail address: it is kept "
                           "in the history. Refer to the request instead (date, reference).",
                           "Begrundelsen må ikke indeholde personens e-mailadresse: den gemmes "
                           "i historikken. Henvis i stedet til anmodningen (dato, "
                           "journalnummer).")

    # 1. the person row: pseudonym, and every optional detail emptied
    cleared = {c["name"]: None for c in tx.admin_columns(PERSON)
               if c["nullable"] and not c["primary_key"] and c["kind"] == "text"}
    tx.admin_update(PERSON, {"id": person["id"]}, dict(cleared, full_name=pseudonym))

    # 2. the name wherever it is written out, the history included
    changed: dict[str, int] = {}
    redacted: dict[str, str] = {}
    imported_redacted: dict[str, str] = {}  # imported history (kept apart from the chain)
    for table, row, cols in list(_mentions(tx, needles)):
        values = {}
        for c in cols:
            text = row[c]
            for plain, escaped, replacement in needles:
                if table in (AUDIT, IMPORTED) and c in ("before", "after"):
                    text = escaped.sub(json.dumps(replacement, ensure_ascii=False)[1:-1], text)
                else:
                    text = plain.sub(replacement, text)
            values[c] = text
        key = {k: row[k] for k in tx.admin_primary_key(table)}
        tx.admin_update(table, key, values)
        changed[table] = changed.get(table, 0) + 1
        if table == AUDIT:
            redacted[str(row["id"])] = content_digest(dict(row, **values))
        elif table == IMPORTED:
            imported_redacted[str(row["id"])] = imported_digest(dict(row, **values))

    # 3. projects whose records changed get a new version (others reading them must re-read)
    touched = set()
    for table, cols in _references(tx).items():
        if "project_id" in [c["name"] for c in tx.admin_columns(table)]:
            for r in tx.admin_rows(table, any_of={c: [person["id"]] for c in cols}):
                if r.get("project_id") is not None:
                    touched.add(r["project_id"])
    for pid in sorted(touched):
        for project in tx.admin_rows("project", where={"id": pid}):
            tx.project_touch(project)

    # 4. the erasure itself, chained like every event; it vouches for the rewritten events
    tx.audit("person.forget", PERSON, person["id"],
             after={"pseudonym": pseudonym, "reason": reason, "rows_changed": changed,
                    "redacted": redacted,
                    **({"imported_redacted": imported_redacted} if imported_redacted else {})})
    return {"pseudonym": pseudonym, "rows_changed": changed, "events_rewritten": len(redacted),
            "projects": len(touched)}


# -- the work e-mail address -----------------------------------------------------------------------
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


def set_email(tx, full_name: str, address: str | None, *, remove: bool = False
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
    person = _get(tx, full_name)
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
