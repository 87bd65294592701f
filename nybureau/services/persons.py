"""A person's data under GDPR: ``nybureau person export`` (right of access, art. 15) and
``nybureau person forget`` (right to erasure, art. 17).

Both are generic over the schema: a person is found in every table with a foreign key to
``person`` and, by name, in every text column of every table (notes, titles, reasons, actors,
the audit history's payloads), including tables added by later features.

Forgetting replaces the person by a pseudonym ("Slettet person #<id>"): the person row loses its
name, e-mail and every other optional detail; the name is replaced wherever it occurs as a whole
name in text; rows that refer to the person keep referring to the (now anonymous) row, so
decisions, memberships, attendance and every count stay as they were. The audit history is
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
PSEUDONYM = "Slettet person #{id}"


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


def _mentions(tx, person: dict[str, Any]):
    """(table, row, columns) for every row outside ``person`` whose text names the person."""
    plain = _pattern(person["full_name"])
    escaped = _pattern(json.dumps(person["full_name"], ensure_ascii=False)[1:-1])
    for table in tx.admin_table_names():
        if table == PERSON:
            continue
        cols = _text_columns(tx, table)
        if not cols:
            continue
        for row in tx.admin_rows(table):
            hit = [c for c in cols if isinstance(row[c], str)
                   and (plain.search(row[c]) or escaped.search(row[c]))]
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
    withheld = [c for c in SPECIAL if person.get(c) is not None and not include_special]
    person = {k: (None if k in withheld else v) for k, v in person.items()}
    refs = {}
    for table, cols in _references(tx).items():
        rows = tx.admin_rows(table, any_of={c: [person["id"]] for c in cols})
        if rows:
            refs[table] = [{k: _out(v) for k, v in r.items()} for r in rows]
    mentions: dict[str, list[dict[str, Any]]] = {}
    for table, row, cols in _mentions(tx, person):
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
    plain = (_pattern(name), pseudonym)
    escaped = (_pattern(json.dumps(name, ensure_ascii=False)[1:-1]),
               json.dumps(pseudonym, ensure_ascii=False)[1:-1])

    # 1. the person row: pseudonym, and every optional detail emptied
    cleared = {c["name"]: None for c in tx.admin_columns(PERSON)
               if c["nullable"] and not c["primary_key"] and c["kind"] == "text"}
    tx.admin_update(PERSON, {"id": person["id"]}, dict(cleared, full_name=pseudonym))

    # 2. the name wherever it is written out, the history included
    changed: dict[str, int] = {}
    redacted: dict[str, str] = {}
    for table, row, cols in list(_mentions(tx, dict(person, full_name=name))):
        values = {}
        for c in cols:
            text = plain[0].sub(plain[1], row[c])
            if table == AUDIT and c in ("before", "after"):
                text = escaped[0].sub(escaped[1], row[c])
            values[c] = text
        key = {k: row[k] for k in tx.admin_primary_key(table)}
        tx.admin_update(table, key, values)
        changed[table] = changed.get(table, 0) + 1
        if table == AUDIT:
            redacted[str(row["id"])] = content_digest(dict(row, **values))

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
                    "redacted": redacted})
    return {"pseudonym": pseudonym, "rows_changed": changed, "events_rewritten": len(redacted),
            "projects": len(touched)}
