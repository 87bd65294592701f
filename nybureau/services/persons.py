"""A person's data under GDPR: ``nybureau person export`` (right of access, art. 15) and
``nybureau person forget`` (right to erasure, art. 17); and the one detail a user records about a
person directly, their work e-mail address (``nybureau person email``), which meeting invitations
use.

A person is found by identity — every column with a foreign key to ``person`` (found from the
schema, so tables added later are included) — and by name in the columns that hold *free text*
(notes, titles, reasons, actors, the audit history's payloads). Which columns are free text and
which hold codes (bodies, kinds, outcomes, phases, slugs, hashes, the stored workflow
definitions …) is listed explicitly below (``FREE_TEXT``, ``JSON_TEXT``, ``CODE_COLUMNS``); a
test holds every text column of the schema to be in exactly one list, so a new column must be
classified. Codes are never searched or rewritten, whatever the person is called.

A name matches as a whole name: in any case, with any white space between its words (two
spaces, a line break), and in the Danish genitive ("Mette Hviid Schmidts", "Lars'" after a name
ending in s, x or z, and "…'s"); not inside a longer word or hyphenated name ("Ib Hansen-Berg"),
and not where it is part of the name of another person in the database ("Mette Hviid Schmidt
Olsen" stays when that person exists).

Forgetting replaces the person by a pseudonym ("Slettet person #<id>", a genitive by "…'s"): the
person row gets the pseudonym as its name and loses its e-mail and union affiliation; the name is
replaced in free text, and every e-mail address the person has had (the current one and those
the history records) by "(e-mail slettet)"; rows that refer to the person keep referring to the
(now anonymous) row, so decisions, memberships, attendance and every count stay as they were.
The audit history is rewritten in place without touching any stored hash; the erasure is
recorded as one ``person.forget`` event that lists, per rewritten event, exactly the parts it
changed (see :mod:`nybureau.services.audit`), so ``nybureau audit verify`` still passes and any
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

import json
import re
from typing import Any, Callable

from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.services.audit import EMAIL_ERASED, FORGET_PSEUDONYM
from nybureau.services.common import check_text

PERSON = "person"
AUDIT = "audit_event"
IMPORTED = "imported_event"
PSEUDONYM = FORGET_PSEUDONYM

# -- which columns hold what -----------------------------------------------------------------------
# The person's own row: rewritten by identity (pseudonym; the details emptied).
PERSON_OWN: dict[str, tuple[str, ...]] = {
    "person": ("full_name", "email", "union_affiliation"),
}
# Prose and names a user or a file wrote: searched for the whole name and rewritten.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "network": ("name",),
    "project": ("name", "municipality", "area"),
    "membership": ("role",),
    "agent": ("title",),
    "decision": ("note", "void_reason"),
    "activity": ("title", "void_reason"),
    "phase_transition": ("reason", "actor"),
    "audit_event": ("actor",),
    "imported_event": ("actor",),
    "import_batch": ("imported_by",),
    "governance_item": ("title", "description", "applies_to", "evidence"),
    "vote": ("participant", "void_reason"),
    "focus_area": ("title", "description", "reason"),
    "prototype": ("title", "description", "owner", "evaluation_plan"),
    "prototype_criterion": ("text", "void_reason"),
    "prototype_iteration": ("place", "learned", "changed"),
    "survey_round": ("name", "void_reason"),
    "survey_question": ("text",),
    "survey_response": ("respondent", "role"),
    "evaluation_note": ("title", "text", "void_reason"),
    "spreading_activity": ("title", "audience", "note", "void_reason"),
    "meeting": ("committee", "title", "place", "minute_taker"),
    "meeting_person": ("role",),
    "agenda_item": ("title", "case_number", "background", "finances", "decision_text"),
    "attachment": ("title", "location", "void_reason"),
}
# JSON whose string values are free text, except under the keys in PAYLOAD_CODE_KEYS.
JSON_TEXT: dict[str, tuple[str, ...]] = {
    "audit_event": ("before", "after"),
    "imported_event": ("before", "after"),
    "agenda_item": ("recommendations", "background_generated"),
}
# Codes: keys, enumerations, slugs, hashes, sources and the stored workflow definitions. Never
# searched, never rewritten.
CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "network": ("slug",),
    "workflow_definition": ("key", "hash", "source", "spec_json"),
    "project": ("slug", "phase"),
    "membership": ("body",),
    "decision": ("decision_key", "body", "outcome", "source"),
    "activity": ("kind",),
    "phase_transition": ("from_phase", "to_phase", "kind"),
    "audit_event": ("action", "entity", "prev_hash", "hash", "state"),
    "imported_event": ("action", "entity", "prev_hash", "hash", "state"),
    "import_batch": ("file_sha256", "source_head", "chain"),
    "row_seal": ("tbl", "row_key", "digest"),
    "governance_item": ("kind", "source", "experience", "character"),
    "vote": ("chain_role", "verdict"),
    "prototype": ("status",),
    "prototype_criterion": ("bottom_line",),
    "survey_round": ("kind",),
    "survey_question": ("bottom_line",),
    "evaluation_note": ("kind",),
    "spreading_activity": ("kind",),
    "meeting": ("body", "status"),
    "meeting_person": ("attendance",),
    "agenda_item": ("standing", "kind", "decision_key", "outcome"),
}
# Keys of audit payloads whose values are codes (the payload twins of the code columns, and
# what the history adds: versions, hashes, file digests, warning codes). An erasure leaves them
# alone, and ``audit verify`` accepts no erasure claim about them.
PAYLOAD_CODE_KEYS = frozenset({
    "action", "attendance", "body", "bottom_line", "chain_role", "character", "code",
    "decision", "decision_key", "entity", "experience", "file_sha256", "from", "from_phase",
    "hash", "key", "kind", "outcome", "phase", "prev_hash", "scheme", "slug", "source",
    "special_categories", "standing", "status", "to", "to_phase", "verdict", "version",
    "workflow", "redacted", "redacted_paths", "rows_changed", "imported_redacted", "batch",
    "source_head", "source_events", "events", "state", "rows", "chain_sha256",
})


def _get(tx, full_name: str) -> dict[str, Any]:
    """An existing person by name (normalised: white space, NFC); a near name is answered with
    "did you mean" (:mod:`nybureau.services.identity`)."""
    from nybureau.services.identity import find_person

    return dict(find_person(tx, full_name))


_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"


def _name_regex(name: str) -> re.Pattern[str]:
    """The whole name in any case and white space, with an optional genitive (group 1)."""
    body = r"\s+".join(re.escape(part) for part in name.split())
    genitive = r"['’]s|s" + (r"|['’]" if name[-1:].lower() in "sxz" else "")
    return re.compile(_BEFORE + body + "(" + genitive + ")?" + _AFTER, re.IGNORECASE)


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


class Eraser:
    """Finds and replaces one person in text: their whole name (not where it is part of
    another person's name) and every e-mail address they have had."""

    def __init__(self, tx, person: dict[str, Any]) -> None:
        self.name = person["full_name"]
        self.pseudonym = PSEUDONYM.format(id=person["id"])
        self.name_rx = _name_regex(self.name)
        # other people whose name holds this one ("Mette Hviid Schmidt Olsen"): not them
        longer = [p["full_name"] for p in tx.admin_rows(PERSON)
                  if p["id"] != person["id"] and self.name_rx.search(p["full_name"])]
        self.longer = [_name_regex(n) for n in longer]
        self.addresses = _addresses(tx, person)
        self.email_rx = [_email_pattern(a) for a in self.addresses]

    def texts(self) -> list[str]:
        """What must not be findable afterwards (for the check of the database file)."""
        return [self.name, *self.addresses]

    def _name(self, m: re.Match[str], masked: list[tuple[int, int]]) -> str:
        if any(a < m.end() and m.start() < b for a, b in masked):
            return m.group(0)
        return self.pseudonym + ("'s" if m.group(1) else "")

    def text(self, value: str) -> str:
        """``value`` with the person erased."""
        out = value
        if self.name_rx.search(out):
            masked = [m.span() for rx in self.longer for m in rx.finditer(out)]
            out = self.name_rx.sub(lambda m: self._name(m, masked), out)
        for rx in self.email_rx:
            out = rx.sub(EMAIL_ERASED, out)
        return out

    def json_value(self, value: Any, code_keys: frozenset[str] = frozenset()) -> Any:
        """A parsed JSON value with the person erased from its strings (not under code keys)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json_value(v, code_keys) for v in value]
        if isinstance(value, dict):
            return {k: (v if k in code_keys else self.json_value(v, code_keys))
                    for k, v in value.items()}
        return value


def _rewrite_json(eraser: Eraser, text: str, encode: Callable[[Any], str],
                  code_keys: frozenset[str]) -> tuple[str, list[str]]:
    """(new JSON text, changed top-level parts: "" for the whole value or the keys)."""
    try:
        value = json.loads(text)
    except ValueError:
        new = eraser.text(text)
        return new, ([""] if new != text else [])
    new = eraser.json_value(value, code_keys)
    if new == value:
        return text, []
    if isinstance(value, dict) and isinstance(new, dict):
        changed = [k for k in value if new[k] != value[k]]
    else:
        changed = [""]
    return encode(new), changed


def _audit_json(value: Any) -> str:
    from nybureau.persistence.chain import _json

    return _json(value)


def _plain_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rewrite_row(eraser: Eraser, table: str, row: dict[str, Any], free: tuple[str, ...]
                 ) -> tuple[dict[str, Any], list[str]]:
    """(new values of the columns that change, the changed parts as paths: "note",
    "after.name" …). ``free``: the table's free-text columns."""
    values: dict[str, Any] = {}
    paths: list[str] = []
    for col in free:
        if isinstance(row.get(col), str):
            new = eraser.text(row[col])
            if new != row[col]:
                values[col] = new
                paths.append(col)
    for col in JSON_TEXT.get(table, ()):
        if isinstance(row.get(col), str):
            audit = table in (AUDIT, IMPORTED)
            new, changed = _rewrite_json(eraser, row[col],
                                         _audit_json if audit else _plain_json,
                                         PAYLOAD_CODE_KEYS if audit else frozenset())
            if changed:
                values[col] = new
                paths += [f"{col}.{k}" if k else col for k in changed]
    return values, paths


def _free_text(tx) -> dict[str, tuple[str, ...]]:
    """table → its free-text columns, outside ``person``. A text column not classified yet
    counts as free text, so a person is never missed (a test keeps that set empty)."""
    out = {}
    for table in tx.admin_table_names():
        if table == PERSON:
            continue
        known = {*FREE_TEXT.get(table, ()), *JSON_TEXT.get(table, ()),
                 *CODE_COLUMNS.get(table, ())}
        extra = tuple(c["name"] for c in tx.admin_columns(table)
                      if c["kind"] == "text" and c["name"] not in known)
        cols = FREE_TEXT.get(table, ()) + extra
        if cols or table in JSON_TEXT:
            out[table] = cols
    return out


def _mentions(tx, eraser: Eraser):
    """(table, row, new values, changed paths) for every row outside ``person`` whose free
    text names the person or holds one of their e-mail addresses."""
    for table, free in _free_text(tx).items():
        for row in tx.admin_rows(table):
            values, paths = _rewrite_row(eraser, table, row, free)
            if values:
                yield table, row, values, paths


def _references(tx) -> dict[str, list[str]]:
    """table → its columns that refer to a person."""
    out: dict[str, list[str]] = {}
    for name in tx.admin_table_names():
        cols = [c["name"] for c in tx.admin_columns(name) if c["references"] == PERSON]
        if cols:
            out[name] = cols
    return out


# Special-category data (GDPR art. 9): left out of an export unless asked for explicitly.
SPECIAL = ("union_affiliation",)


def export_person(tx, full_name: str, *, include_special: bool = False) -> dict[str, Any]:
    """Everything stored about a person, as plain data. Special-category data (a union
    affiliation) is withheld — named, not shown — unless ``include_special`` is set, e.g. when
    the export goes to the person themselves."""
    from nybureau.services.transfer import _out

    person = _get(tx, full_name)
    eraser = Eraser(tx, person)
    withheld = [c for c in SPECIAL if person.get(c) is not None and not include_special]
    person = {k: (None if k in withheld else v) for k, v in person.items()}
    refs = {}
    for table, cols in _references(tx).items():
        rows = tx.admin_rows(table, any_of={c: [person["id"]] for c in cols})
        if rows:
            refs[table] = [{k: _out(v) for k, v in r.items()} for r in rows]
    mentions: dict[str, list[dict[str, Any]]] = {}
    for table, row, values, _paths in _mentions(tx, eraser):
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


def forget_prepare(store) -> None:
    """Before ``forget_person``: on SQLite, refuse (nothing changed) while another program is
    in the middle of reading the database, since the file could not be wiped afterwards."""
    from nybureau.persistence import scrub

    scrub.before_erasure(store)


def forget_person(tx, full_name: str, reason: str) -> dict[str, Any]:
    from nybureau.persistence.chain import path_digests
    from nybureau.services.audit import content_digest
    from nybureau.services.imported_history import imported_digest

    person = _get(tx, full_name)
    reason = check_text(reason, "reason")
    if not reason:
        raise InvalidInput("Say why with --reason (e.g. the date and reference of the request).",
                           "Angiv begrundelsen med --reason (fx dato og journalnummer for "
                           "anmodningen).")
    eraser = Eraser(tx, person)  # read before the person row is emptied
    if eraser.name_rx.search(reason):
        raise InvalidInput("The reason must not contain the person's name: it is kept in the "
                           "history. Refer to the request instead (date, reference).",
                           "Begrundelsen må ikke indeholde personens navn: den gemmes i "
                           "historikken. Henvis i stedet til anmodningen (dato, journalnummer).")
    if any(rx.search(reason) for rx in eraser.email_rx):
        raise InvalidInput("The reason must not contain the person's e-mail address: it is kept "
                           "in the history. Refer to the request instead (date, reference).",
                           "Begrundelsen må ikke indeholde personens e-mailadresse: den gemmes "
                           "i historikken. Henvis i stedet til anmodningen (dato, "
                           "journalnummer).")
    pseudonym = eraser.pseudonym
    tx.admin_secure_delete()  # what is overwritten is zeroed in the file (SQLite)

    # 1. the person row: pseudonym, and every optional detail emptied
    own = PERSON_OWN[PERSON]
    tx.admin_update(PERSON, {"id": person["id"]},
                    {c: (pseudonym if c == "full_name" else None) for c in own})
    from nybureau.services.identity import forget_directory

    forget_directory(tx)

    # 2. the name wherever free text holds it, the history included
    changed: dict[str, int] = {}
    redacted: dict[str, str] = {}
    imported_redacted: dict[str, str] = {}  # imported history (kept apart from the chain)
    redacted_paths: dict[str, dict[str, list[str]]] = {}
    unique = {table: [k for k in tx.admin_unique_keys(table) if set(k) & set(FREE_TEXT.get(
        table, ()))] for table in tx.admin_table_names()}
    for table, row, values, paths in list(_mentions(tx, eraser)):
        key = {k: row[k] for k in tx.admin_primary_key(table)}
        if not unique[table]:
            tx.admin_update(table, key, values)
        elif not tx.admin_update_unique(table, key, values):
            cols = ", ".join(next(k for k in unique[table] if set(k) & set(values)))
            raise InvalidInput(
                f"Erasing the name would make two records of {table} the same ({cols}): the "
                "person is named in both, written differently. Nothing was changed. Correct or "
                "remove one of the two records first, then forget the person.",
                f"Sletningen af navnet ville gøre to poster i {table} ens ({cols}): personen "
                "nævnes i begge, skrevet forskelligt. Intet er ændret. Ret eller fjern den ene "
                "af de to poster først, og slet så personen.")
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
                    "redacted": redacted, "redacted_paths": redacted_paths,
                    **({"imported_redacted": imported_redacted} if imported_redacted
                       else {})})
    return {"pseudonym": pseudonym, "rows_changed": changed,
            "events_rewritten": len(redacted) + len(redacted_paths) + len(imported_redacted),
            "projects": len(touched),
            "tables": sorted({PERSON, AUDIT, *changed}), "texts": eraser.texts()}


def forget_finish(store, result: dict[str, Any]) -> None:
    """After the erasure is committed: wipe what the database file may still hold of the old
    name (SQLite: checkpoint, VACUUM if needed; PostgreSQL: VACUUM the tables). Raises a
    clear error if another program prevents it."""
    from nybureau.persistence import scrub

    scrub.after_erasure(store, result["tables"], result["texts"], result["pseudonym"])


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


# -- one person, one identity: list, rename, merge; leaving a body or the agents --------------------
#: Every column that refers to a person by id, and what a merge does with a row that would then
#: duplicate one the surviving person already has (``collapse``: the merged row is dropped, its
#: empty details filled into the survivor's). A test holds this to the schema's foreign keys, so
#: a new table that refers to a person must be considered here.
PERSON_REFERENCES: dict[tuple[str, str], str] = {
    ("membership", "person_id"): "collapse",        # both in the same body of a project
    ("agent", "person_id"): "collapse",             # both agents of the same project
    ("activity_attendee", "person_id"): "collapse",  # both attended the same activity
    ("meeting_person", "person_id"): "collapse",    # both on the same meeting's list
    ("governance_item", "agent_person_id"): "move",
}
#: Columns that name a person by their full name (as text): rewritten by rename and merge when
#: they hold exactly the person's name. (Prose that mentions the name is left as written.)
NAME_REFERENCES: dict[str, tuple[str, ...]] = {
    "vote": ("participant",),
    "meeting": ("minute_taker",),
    "prototype": ("owner",),
}


def list_persons(tx) -> list[dict[str, Any]]:
    """Every person: name, work e-mail, bodies and roles per project, and where they are a
    documentation agent. No special-category data."""
    from sqlalchemy import select

    from nybureau.persistence import tables as t

    slugs = {r["id"]: r["slug"] for r in tx._all(select(t.project.c.id, t.project.c.slug))}
    out: dict[int, dict[str, Any]] = {}
    for p in tx._all(select(t.person.c.id, t.person.c.full_name, t.person.c.email)
                     .order_by(t.person.c.full_name)):
        out[p["id"]] = {"name": p["full_name"], "email": p["email"], "bodies": [],
                        "agent_of": []}
    m = t.membership
    for r in tx._all(select(m.c.person_id, m.c.project_id, m.c.body, m.c.role)
                     .order_by(m.c.project_id, m.c.body, m.c.id)):
        out[r["person_id"]]["bodies"].append(
            {"project": slugs[r["project_id"]], "body": r["body"], "role": r["role"]})
    a = t.agent
    for r in tx._all(select(a.c.person_id, a.c.project_id, a.c.title, a.c.appointed_on)
                     .order_by(a.c.project_id, a.c.id)):
        out[r["person_id"]]["agent_of"].append(
            {"project": slugs[r["project_id"]], "title": r["title"],
             "appointed_on": r["appointed_on"]})
    return list(out.values())


def _rows_naming(tx, name: str) -> list[tuple[str, dict[str, Any], list[str]]]:
    """(table, row, columns) for every row whose name columns hold exactly ``name``."""
    out = []
    for table, cols in NAME_REFERENCES.items():
        rows = tx.admin_rows(table, any_of={c: [name] for c in cols})
        out += [(table, r, [c for c in cols if r[c] == name]) for r in rows]
    return out


def _touch_projects(tx, project_ids) -> None:
    for pid in sorted({p for p in project_ids if p is not None}):
        for project in tx.admin_rows("project", where={"id": pid}):
            tx.project_touch(project)


def _projects_of(tx, person_id: int, name: str) -> set[int]:
    """The projects whose records refer to the person (by id or by name)."""
    found: set[int] = set()
    for (table, col) in PERSON_REFERENCES:
        for r in tx.admin_rows(table, where={col: person_id}):
            found.add(_project_of(tx, table, r))
    for table, r, _cols in _rows_naming(tx, name):
        found.add(_project_of(tx, table, r))
    return found


def _project_of(tx, table: str, row: dict[str, Any]) -> int | None:
    if "project_id" in row:
        return row["project_id"]
    parent = {"activity_attendee": ("activity", "activity_id"),
              "meeting_person": ("meeting", "meeting_id")}.get(table)
    if parent:
        rows = tx.admin_rows(parent[0], where={"id": row[parent[1]]})
        return rows[0].get("project_id") if rows else None
    return None


def rename_person(tx, old: str, new: str, *, new_person: bool = False) -> dict[str, Any]:
    """Correct a person's name. Refused when the new name is another person's (merge them
    instead) or nearly another person's (unless ``new_person``: it is a different name)."""
    from nybureau.services.identity import directory, forget_directory, near_names, normalise

    person = _get(tx, old)
    new = normalise(new, "new name")
    if new == person["full_name"]:
        raise InvalidInput(f"The person is already called \"{new}\"; nothing to change.",
                           f"Personen hedder allerede \"{new}\"; intet at ændre.")
    people = directory(tx)
    other = people.by_name.get(new)
    if other is not None:
        raise AlreadyExists(
            f'There is already a person called "{new}". If they are the same person, merge '
            f'the two: nybureau person merge "{person["full_name"]}" "{new}".',
            f'Der er allerede en person, der hedder "{new}". Er det samme person, så slå dem '
            f'sammen: nybureau person merge "{person["full_name"]}" "{new}".')
    near = [n for n in near_names(new, people.by_name) if n != person["full_name"]]
    if near and not new_person:
        listed = ", ".join(f'"{c}"' for c in near)
        raise InvalidInput(
            f'"{new}" is close to the name of another person: {listed}. If they are the same '
            f'person, merge them with `nybureau person merge`; if "{new}" is right, repeat the '
            "command with --new-person.",
            f'"{new}" ligner navnet på en anden person: {listed}. Er det samme person, så slå '
            f'dem sammen med `nybureau person merge`; er "{new}" rigtigt, så gentag kommandoen '
            "med --new-person.")
    touched = _projects_of(tx, person["id"], person["full_name"])
    renamed: dict[str, int] = {}
    for table, row, cols in _rows_naming(tx, person["full_name"]):
        tx.admin_update(table, {"id": row["id"]}, {c: new for c in cols})
        renamed[table] = renamed.get(table, 0) + 1
    tx.admin_update(PERSON, {"id": person["id"]}, {"full_name": new})
    _touch_projects(tx, touched)
    tx.audit("person.rename", PERSON, person["id"], before={"full_name": person["full_name"]},
             after={"full_name": new, "rows_changed": renamed})
    forget_directory(tx)
    return {"old": person["full_name"], "new": new, "rows_changed": renamed}


def _delete(tx, table: str, key: dict[str, Any]) -> None:
    from sqlalchemy import and_, delete

    from nybureau.persistence import tables as t

    tb = t.metadata.tables[table]
    tx.conn.execute(delete(tb).where(and_(*[tb.c[k] == v for k, v in key.items()])))


def merge_persons(tx, source: str, target: str) -> dict[str, Any]:
    """Merge person ``source`` into ``target``: every row that refers to the source (by id,
    see :data:`PERSON_REFERENCES`, or by exact name, :data:`NAME_REFERENCES`) then refers to
    the target; a row that would duplicate one the target has (both in the same body, both
    attended the same meeting, both voted on the same item) is dropped, its empty details
    filled into the target's; the source's e-mail and union affiliation go to the target when
    it has none; the source person is deleted. One audited transaction."""
    from nybureau.services.identity import forget_directory

    a = _get(tx, source)
    b = _get(tx, target)
    if a["id"] == b["id"]:
        raise InvalidInput(
            f'"{a["full_name"]}" and "{b["full_name"]}" are the same person; give two '
            "different persons: the one to merge, then the one to keep.",
            f'"{a["full_name"]}" og "{b["full_name"]}" er den samme person; angiv to '
            "forskellige personer: den, der skal lægges sammen, og så den, der beholdes.")
    touched = _projects_of(tx, a["id"], a["full_name"])
    moved: dict[str, int] = {}
    collapsed: dict[str, int] = {}
    for table, cols in _references(tx).items():
        pk = tx.admin_primary_key(table)
        keys = [k for k in tx.admin_unique_keys(table) + [tuple(pk)] if set(k) & set(cols)]
        for row in tx.admin_rows(table, any_of={c: [a["id"]] for c in cols}):
            new = dict(row, **{c: b["id"] for c in cols if row[c] == a["id"]})
            twin = None
            for key in keys:
                found = tx.admin_find_by(table, {k: new[k] for k in key})
                if found is not None:
                    twin = found
                    break
            row_key = {k: row[k] for k in pk}
            if twin is not None:
                fill = {c: row[c] for c in row if twin.get(c) is None and row[c] is not None
                        and c not in pk}
                _delete(tx, table, row_key)
                if fill:
                    tx.admin_update(table, {k: twin[k] for k in pk}, fill)
                collapsed[table] = collapsed.get(table, 0) + 1
            elif set(pk) & set(cols):  # the key itself changes: a new row, so the seal sees it
                _delete(tx, table, row_key)
                tx.admin_insert(table, new)
                moved[table] = moved.get(table, 0) + 1
            else:
                tx.admin_update(table, row_key, {c: new[c] for c in cols})
                moved[table] = moved.get(table, 0) + 1
    for table, row, cols in _rows_naming(tx, a["full_name"]):
        values = {c: b["full_name"] for c in cols}
        if tx.admin_update_unique(table, {"id": row["id"]}, values):
            moved[table] = moved.get(table, 0) + 1
        else:  # the target already has it (voted on the same item): the duplicate goes
            _delete(tx, table, {"id": row["id"]})
            collapsed[table] = collapsed.get(table, 0) + 1
    details = {c: a[c] for c in ("email", "union_affiliation")
               if b.get(c) is None and a.get(c) is not None}
    _delete(tx, PERSON, {"id": a["id"]})
    if details:
        tx.admin_update(PERSON, {"id": b["id"]}, details)
    _touch_projects(tx, touched)
    tx.audit("person.merge", PERSON, b["id"],
             before={"full_name": a["full_name"], "person_id": a["id"]},
             after={"into": b["full_name"], "into_id": b["id"], "moved": moved,
                    "collapsed": collapsed, "details": sorted(details)})
    forget_directory(tx)
    return {"source": a["full_name"], "target": b["full_name"], "moved": moved,
            "collapsed": collapsed, "details": sorted(details)}


def remove_member(tx, slug: str, body: str, full_name: str, *, role: str | None = None,
                  email: str | None = None, new_person: bool = False) -> dict[str, Any]:
    """Take a person out of a body of a project (audited; the history keeps the membership)."""
    from nybureau.domain.vocabulary import BODIES, label
    from nybureau.services.common import check_body, get_project

    if role is not None or email is not None or new_person:
        raise InvalidInput("--remove takes no --role, --email or --new-person.",
                           "--remove bruges uden --role, --email og --new-person.")
    project = get_project(tx, slug)
    check_body(body)
    person = _get(tx, full_name)
    membership = tx.membership_get(project["id"], body, person["id"])
    if membership is None:
        members = [m["full_name"] for m in tx.members(project["id"]) if m["body"] == body]
        en = ", ".join(members) or "none"
        da = ", ".join(members) or "ingen"
        raise NotFound(
            f"{person['full_name']} is not a member of the {label(BODIES, body, 'en')} of "
            f"'{slug}' (its members: {en}); nothing was removed.",
            f"{person['full_name']} er ikke medlem af {label(BODIES, body, 'da')} i '{slug}' "
            f"(medlemmer: {da}); intet er fjernet.")
    tx.project_touch(project)
    _delete(tx, "membership", {"id": membership["id"]})
    tx.audit("membership.remove", "membership", membership["id"], project_id=project["id"],
             before={"body": body, "name": person["full_name"], "role": membership["role"]},
             after={"body": body, "name": person["full_name"], "removed": True})
    return {"body": body, "name": person["full_name"], "role": membership["role"]}


def remove_agent(tx, slug: str, full_name: str) -> dict[str, Any]:
    """End a person's role as documentation agent of a project (audited). What they recorded,
    attended or voted stays: those records name the person, not the role."""
    from nybureau.services.common import get_project

    project = get_project(tx, slug)
    person = _get(tx, full_name)
    agent = tx.agent_get(project["id"], person["id"])
    if agent is None:
        agents = [a["full_name"] for a in tx.agents(project["id"])]
        raise NotFound(
            f"{person['full_name']} is not a documentation agent of '{slug}' (its agents: "
            f"{', '.join(agents) or 'none'}); nothing was removed.",
            f"{person['full_name']} er ikke dokumentationsagent i '{slug}' (agenter: "
            f"{', '.join(agents) or 'ingen'}); intet er fjernet.")
    tx.project_touch(project)
    _delete(tx, "agent", {"id": agent["id"]})
    tx.audit("agent.remove", "agent", agent["id"], project_id=project["id"],
             before={"name": person["full_name"], "title": agent["title"],
                     "appointed_on": agent["appointed_on"]},
             after={"name": person["full_name"], "removed": True})
    return {"name": person["full_name"], "title": agent["title"]}

