"""A person's data under GDPR: ``nybureau person export`` (right of access, art. 15) and
``nybureau person forget`` (right to erasure, art. 17).

A person is found by identity — every column with a foreign key to ``person`` (found from the
schema, so tables added later are included) — and by name in the columns that hold *free text*
(notes, titles, reasons, actors, the audit history's payloads). Which columns are free text and
which hold codes (bodies, kinds, outcomes, phases, slugs, hashes, the stored workflow
definitions …) is listed explicitly in :mod:`.classification` (``FREE_TEXT``, ``JSON_TEXT``,
``CODE_COLUMNS``); a test holds every text column of the schema to be in exactly one list, so a
new column must be classified. Codes are never searched or rewritten, whatever the person is called.

A name matches as a whole name (see :mod:`.erasure`): in any case, with any white space, in the
Danish genitive; not inside a longer word, nor where it is part of another person's name.

Forgetting replaces the person by a pseudonym ("Slettet person #<id>", a genitive by "…'s"): the
person row gets the pseudonym as its name and loses its e-mail and union affiliation; the name is
replaced in free text, and every e-mail address the person has had (the current one and those
the history records) by "(e-mail slettet)"; rows that refer to the person keep referring to the
(now anonymous) row, so decisions, memberships, attendance and every count stay as they were.
The audit history is rewritten in place without touching any stored hash; the erasure is
recorded as one ``person.forget`` event that lists, per rewritten event, exactly the parts it
changed (see :mod:`nybureau.services.admin.audit`), so ``nybureau audit verify`` still passes and any
other edit is still caught.

The old name must not survive in the database *file* either. On SQLite the erasure runs with
``PRAGMA secure_delete=ON`` (deleted content is overwritten with zeros), and afterwards the WAL
is checkpointed and truncated and, if the file still holds the name (free space left by earlier
edits), the database is VACUUMed (:mod:`nybureau.persistence.scrub`). Another program in the
middle of reading the database prevents that; forget then refuses before changing anything, or,
if such a reader arrived during the erasure, says that the file still needs wiping and how. On
PostgreSQL the old row versions stay as dead tuples until VACUUM; forget runs VACUUM on the
tables it changed, but the server's write-ahead log, archives and base backups are the
operator's to handle. The old name is not kept anywhere, so this cannot be undone — backups and
exports made before still hold it and must be handled by their own retention.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import check_text
from nybureau.services.people.classification import (
    AUDIT,
    FREE_TEXT,
    IMPORTED,
    PERSON,
    PERSON_OWN,
    SPECIAL,
)
from nybureau.services.people.erasure import Eraser, mentioning_rows, person_references
from nybureau.services.people.identity import existing_person, forget_directory

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.persistence.store import Store


def export_person(tx: Tx, full_name: str, *, include_special: bool = False) -> dict[str, Any]:
    """Everything stored about a person, as plain data. Special-category data (a union
    affiliation) is withheld — named, not shown — unless ``include_special`` is set, e.g. when
    the export goes to the person themselves."""
    from nybureau.services.admin.transfer import _out

    person = existing_person(tx, full_name)
    eraser = Eraser(tx, person)
    withheld = [c for c in SPECIAL if person.get(c) is not None and not include_special]
    person = {k: (None if k in withheld else v) for k, v in person.items()}
    refs = {}
    for table, cols in person_references(tx).items():
        rows = tx.admin_rows(table, any_of={c: [person["id"]] for c in cols})
        if rows:
            refs[table] = [{k: _out(v) for k, v in r.items()} for r in rows]
    mentions: dict[str, list[dict[str, Any]]] = {}
    for table, row, values, _paths in mentioning_rows(tx, eraser):
        key = {k: _out(row[k]) for k in tx.admin_primary_key(table)}
        entry = dict(key, columns={c: row[c] for c in values})
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


def forget_prepare(store: Store) -> None:
    """Before ``forget_person``: on SQLite, refuse (nothing changed) while another program is
    in the middle of reading the database, since the file could not be wiped afterwards."""
    from nybureau.persistence import scrub

    scrub.before_erasure(store)


def forget_person(tx: Tx, full_name: str, reason: str) -> dict[str, Any]:
    from nybureau.persistence.chain import path_digests
    from nybureau.persistence.chain import content_digest
    from nybureau.services.admin.imported_history import imported_digest

    person = existing_person(tx, full_name)
    reason = check_text(reason, "reason")
    if not reason:
        raise InvalidInput(Msg("Say why with --reason (e.g. the date and reference of the request)."))
    eraser = Eraser(tx, person)  # read before the person row is emptied
    if eraser.name_rx.search(reason):
        raise InvalidInput(Msg("The reason must not contain the person's name: it is kept in the "
                               "history. Refer to the request instead (date, reference)."))
    if any(rx.search(reason) for rx in eraser.email_rx):
        raise InvalidInput(Msg("The reason must not contain the person's e-mail address: it is kept "
                               "in the history. Refer to the request instead (date, reference)."))
    pseudonym = eraser.pseudonym
    tx.admin_secure_delete()  # what is overwritten is zeroed in the file (SQLite)
    # 0. the outbox: messages not sent yet that concern the person are withdrawn (reduced to
    # their headers, which step 2 then rewrites), never sent (services/mail/outbox.py)
    from nybureau.services.mail.outbox import withdraw_for

    withdraw_for(tx, eraser, person["id"])
    # the web view (0012): the person's sessions, sign-in links and grants are deleted, and
    # the sign-in rate limit's counts for their addresses (services/web/sessions.py)
    from nybureau.services.web.sessions import forget as forget_web

    forget_web(tx, person["id"], eraser.addresses)

    # 1. the person row: pseudonym, and every optional detail emptied
    own = PERSON_OWN[PERSON]
    tx.admin_update(PERSON, {"id": person["id"]},
                    {c: (pseudonym if c == "full_name" else None) for c in own})
    forget_directory(tx)

    # 2. the name wherever free text holds it, the history included
    changed: dict[str, int] = {}
    redacted: dict[str, str] = {}
    imported_redacted: dict[str, str] = {}  # imported history (kept apart from the chain)
    redacted_paths: dict[str, dict[str, list[str]]] = {}
    unique = {table: [k for k in tx.admin_unique_keys(table) if set(k) & set(FREE_TEXT.get(
        table, ()))] for table in tx.admin_table_names()}
    for table, row, values, paths in list(mentioning_rows(tx, eraser)):
        key = {k: row[k] for k in tx.admin_primary_key(table)}
        if not unique[table]:
            tx.admin_update(table, key, values)
        elif not tx.admin_update_unique(table, key, values):
            cols = ", ".join(next(k for k in unique[table] if set(k) & set(values)))
            raise InvalidInput(
                Msg("Erasing the name would make two records of {table} the same ({cols}): the "
                    "person is named in both, written differently. Nothing was changed. Correct or "
                    "remove one of the two records first, then forget the person.", table=table,
                    cols=cols))
        changed[table] = changed.get(table, 0) + 1
        if table == AUDIT:
            new = dict(row, **values)
            if row.get("scheme") == 2:
                old_d, new_d = path_digests(row), path_digests(new)
                redacted_paths[str(row["id"])] = {p: [old_d[p], new_d[p]] for p in paths}
            else:  # written before hash scheme 2: vouched for as a whole
                redacted[str(row["id"])] = content_digest(new)
        elif table == IMPORTED:  # vouched for as a whole (see audit.py)
            imported_redacted[str(row["id"])] = imported_digest(dict(row, **values))

    # 3. projects whose records changed get a new version (others reading them must re-read)
    touched = set()
    for table, cols in person_references(tx).items():
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
                    "redacted": redacted, "redacted_paths": redacted_paths,
                    **({"imported_redacted": imported_redacted} if imported_redacted
                       else {})})
    return {"pseudonym": pseudonym, "rows_changed": changed,
            "events_rewritten": len(redacted) + len(redacted_paths) + len(imported_redacted),
            "projects": len(touched),
            "tables": sorted({PERSON, AUDIT, *changed}), "texts": eraser.texts()}


def forget_finish(store: Store, result: dict[str, Any]) -> None:
    """After the erasure is committed: wipe what the database file may still hold of the old
    name (SQLite: checkpoint, VACUUM if needed; PostgreSQL: VACUUM the tables). Raises a
    clear error if another program prevents it."""
    from nybureau.persistence import scrub

    scrub.after_erasure(store, result["tables"], result["texts"], result["pseudonym"])
