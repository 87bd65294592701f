"""The state seal: the audit chain covers the rows, not only the events.

The hash chain (:mod:`nybureau.persistence.chain`) makes the *history* tamper-evident. The seal
does the same for the *current state*: editing, deleting or inserting a row behind nybureau's
back (with ``sqlite3`` or ``psql``, no event) is found by ``audit verify``, which names the first
row that differs from what the history says.

How a write transaction is sealed
---------------------------------
* **Capture, generically.** :func:`install` puts two listeners on the Store's engine
  (``before_execute``/``after_execute``). In a write transaction (``Store.transaction`` puts a
  :class:`Recorder` in ``conn.info``) every Core ``INSERT``, ``UPDATE`` or ``DELETE`` on a sealed
  table records the primary keys it touches — no write site does anything itself:

  - ``UPDATE``/``DELETE``: when the ``WHERE`` pins the primary key by equality (``id = 5 AND
    version = 3``, or ``id = :_id`` in an ``executemany``), that key, kept if the statement's
    ``rowcount`` says it matched (an ``executemany`` that matched only some of its rows cannot
    say which: its transaction is refused at commit — nybureau's compare-and-set batches raise
    before that anyway); otherwise the keys are selected with the statement's own ``WHERE``
    just before it runs (once per parameter set);
  - ``INSERT`` of one row: ``inserted_primary_key``;
  - ``INSERT`` of many rows (``executemany``, multi-row ``VALUES``, ``RETURNING``): the keys in
    the parameters when every row names them (composite keys), otherwise every id above the
    table's largest id before the statement (writers are serialised — ``BEGIN IMMEDIATE`` on
    SQLite, the advisory lock on PostgreSQL — so no one else inserts meanwhile).

  A textual ``INSERT``/``UPDATE``/``DELETE`` (``text()``) in a sealed transaction is a
  programming error and raises: it could not be captured. (``exec_driver_sql`` is not seen by
  the listeners; nybureau uses it only for ``BEGIN``, ``SET LOCAL`` and the lock.)
* **Seal just before commit** (:func:`flush`, called by ``Store.transaction``). For every
  touched row, in table (foreign-key) order and key order, the digest of its current content —
  or *deleted* (``digest`` NULL) when it is gone — is written to ``row_seal`` (one entry per row,
  tied to the transaction's last audit event). ``state`` = sha256 over the transaction's entries
  (sorted) is stored in ``audit_event.state`` of that event, and the event's hash is recomputed
  so the chain covers it: the event is the head, nothing links to it yet. The hash is recomputed
  with :func:`nybureau.persistence.chain.content_digest` — the very function ``audit verify``
  checks it with, which hashes ``state`` only when it is not NULL, so events written before the seal
  existed verify unchanged. Only touched rows are read: no transaction scans a table.
* **A transaction that changes rows but wrote no audit event** gets one appended, ``state.seal``
  (entity ``state``), to carry the seal. The nybureau commands all write an event for what they
  change, so this is a safety net (a test asserts the example data needs none); the same event is
  appended if the transaction's last event cannot be reproduced by ``content_digest`` (a foreign
  hashing scheme), rather than touching an event whose hash this code does not own.

What is sealed
--------------
Every table of ``tables.metadata`` except ``audit_event`` (the chain covers it; ``person forget``
rewrites old events, vouched for by its own scheme) and ``row_seal`` itself. ``alembic_version``
is not in the metadata. ``workflow_definition`` is sealed: the stored spec decides the gates.

The canonical content of a row (:func:`row_digest`) is ``[table, key, {column: value}]`` as
compact JSON with sorted keys, over the columns the metadata knows, **leaving out NULLs** — so a
later migration that adds a nullable column does not change any digest (a migration that fills
a new column for existing rows must seal them again, as an upgrade baseline does). Values are
written identically on SQLite and PostgreSQL: integers and booleans as JSON, text as is, dates
``YYYY-MM-DD``, timestamps in UTC without offset (``YYYY-MM-DD HH:MM:SS[.ffffff]``; a naive
value is taken to be UTC, as SQLite stores nybureau's UTC times), Decimals and floats by their
exact text. The row key is the primary key's value, composite keys joined by ``/``
(``activity_attendee`` ``3/7``).

Verification
------------
:func:`verify_state` (called by ``audit verify`` once the chain itself is intact) recomputes
every event's ``state`` from its ``row_seal`` entries (a seal edited, added or removed is named
at its event), folds the entries in event order to the expected digest of every row, then reads
every sealed table once (streamed) and reports the first row — in table order, then key order —
that was added, changed or deleted without an event in the history, and how many differ.

Upgrades and copies
-------------------
A database upgraded from a schema without the seal has rows no event sealed. ``nybureau init``
therefore seals the state found at the upgrade once, in the upgrade's own transaction, with one
``audit.baseline`` event (:func:`baseline`): that state is *trusted at upgrade* — the seal
vouches for changes from then on, the chain alone for what came before.

A full-database import copies ``row_seal`` and ``audit_event.state`` as they are, so the copy
verifies with the same head; such a transaction sets ``tx.sealing = False`` (it must not seal its
own inserts: that would change the copied head).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import Column, event, func, select, text
from sqlalchemy.sql import operators
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import (
    BinaryExpression,
    BindParameter,
    BooleanClauseList,
    TextClause,
)

from nybureau.persistence import tables as t
from nybureau.persistence.repo_admin import column_kind as _kind  # text/other: as given

KEY = "nybureau.seal"
SEAL_TABLE = "row_seal"
EXCLUDED = frozenset({"audit_event", SEAL_TABLE})
SEAL_ACTION = "state.seal"
BASELINE_ACTION = "audit.baseline"
_CHUNK = 400


_SEALED_TABLES = tuple(tb for tb in t.metadata.sorted_tables if tb.name not in EXCLUDED)
_SEALED = frozenset(tb.name for tb in _SEALED_TABLES)


def sealed_tables() -> tuple:
    """The sealed tables, parents before children (the order of seal entries and of verify)."""
    return _SEALED_TABLES


# -- canonical content ----------------------------------------------------------------------------
# Rows are read with the driver's own cursor (``exec_driver_sql``), not through SQLAlchemy's
# result processing, and each value is put in its canonical form by the column's type here: the
# same text whether SQLite gave a string or PostgreSQL a date, and a value SQLite holds in a
# form the type would not parse is kept as ``raw:…`` (so an edit to it still shows).
def _raw(value: Any) -> str:
    return "raw:" + _canon(value) if not isinstance(value, str) else "raw:" + value


def _canon(value: Any) -> Any:
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def _canon_as(kind: str, value: Any) -> Any:
    """``value`` as the driver gave it, in the canonical form of a column of this kind."""
    if kind == "datetime":
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return _raw(value)
        return _canon(value) if isinstance(value, datetime) else _raw(value)
    if kind == "date":
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return _raw(value)
        return value.isoformat() if type(value) is date else _raw(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return bool(value) if isinstance(value, int) and value in (0, 1) else _raw(value)
    if kind == "int":
        return value if isinstance(value, int) and not isinstance(value, bool) else _raw(value)
    return _canon(value)


class _Shape:
    """How to read one sealed table: its columns (quoted), their kinds, its key's positions."""

    def __init__(self, tb, quote) -> None:
        self.name = tb.name
        self.names = [c.name for c in tb.columns]
        self.kinds = [_kind(c) for c in tb.columns]
        self.key_names = [c.name for c in tb.primary_key.columns]
        self.key_pos = [self.names.index(n) for n in self.key_names]
        self.select = (f"SELECT {', '.join(quote(n) for n in self.names)} FROM "
                       f"{quote(tb.name)}")
        self.order = " ORDER BY " + ", ".join(quote(n) for n in self.key_names)
        self.key_cols = [quote(n) for n in self.key_names]

    def key(self, values) -> tuple:
        return tuple(values[i] for i in self.key_pos)

    def digest(self, values) -> str:
        content = {}
        for name, kind, value in zip(self.names, self.kinds, values):
            if value is not None:
                content[name] = _canon_as(kind, value)
        return _digest(self.name, row_key(self.key(values)), content)


def _shapes(conn) -> dict[str, _Shape]:
    cache = _SHAPES.get(conn.dialect.name)
    if cache is None:
        quote = conn.dialect.identifier_preparer.quote
        cache = _SHAPES[conn.dialect.name] = {tb.name: _Shape(tb, quote) for tb in _SEALED_TABLES}
    return cache


_SHAPES: dict[str, dict[str, _Shape]] = {}


def _mark(conn) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def row_key(pk: Iterable[Any]) -> str:
    return "/".join(str(v) for v in pk)


def _key_tuple(text: str) -> tuple:
    """A row key back as a sortable tuple (integers where they are integers)."""
    return tuple((0, int(p)) if p.lstrip("-").isdigit() else (1, p) for p in text.split("/"))


def _digest(table: str, key: str, content: dict[str, Any]) -> str:
    payload = json.dumps([table, key, content], ensure_ascii=False, sort_keys=True,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def row_digest(table: str, values: dict[str, Any]) -> str:
    """The digest of a row given as {column: value} (typed values or the driver's own)."""
    tb = t.metadata.tables[table]
    content = {c.name: _canon_as(_kind(c), values[c.name]) for c in tb.columns
               if values.get(c.name) is not None}
    return _digest(table, row_key(values[c.name] for c in tb.primary_key.columns), content)


def state_digest(entries: Iterable[tuple[str, str, str | None]]) -> str:
    """sha256 over one transaction's seal entries (table, row key, digest or None), sorted."""
    payload = json.dumps(sorted(entries, key=lambda e: (e[0], e[1], e[2] or "")),
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _pk_columns(tb) -> list:
    return list(tb.primary_key.columns)


def _as_key(pk: list, values) -> tuple | None:
    """``values`` as a key of the primary key columns ``pk`` (integers as int), or None when a
    value does not fit (then the keys are selected from the database instead)."""
    out = []
    for col, value in zip(pk, values):
        if _kind(col) == "int":
            if isinstance(value, bool):
                return None
            try:
                value = int(value)
            except (TypeError, ValueError):
                return None
        out.append(value)
    return tuple(out)


# -- capture ----------------------------------------------------------------------------------------
class Recorder:
    """What one write transaction touched: table name → {primary key tuple: None} (ordered)."""

    __slots__ = ("enabled", "touched", "wrote_event", "uncertain", "_pending")

    def __init__(self) -> None:
        self.enabled = True
        self.touched: dict[str, dict[tuple, None]] = {}
        self.wrote_event = False
        self.uncertain = False
        # id(statement) → (statement, column, largest id) for a multi-row INSERT, or
        # (statement, None, key) for an UPDATE/DELETE whose WHERE pins the key
        self._pending: dict[int, tuple[Any, Any, Any]] = {}

    def touch(self, table: str, pk: tuple) -> None:
        self.touched.setdefault(table, {})[tuple(pk)] = None


def install(engine) -> None:
    event.listen(engine, "before_execute", _before)
    event.listen(engine, "after_execute", _after)


def _recorder(conn) -> Recorder | None:
    rec = conn.info.get(KEY)
    return rec if rec is not None and rec.enabled else None


def _param_sets(multiparams, params) -> list[dict]:
    return list(multiparams) if multiparams else [params or {}]


def _before(conn, stmt, multiparams, params, _options) -> None:
    rec = _recorder(conn)
    if rec is None:
        return
    if isinstance(stmt, TextClause):
        head = stmt.text.lstrip().split(None, 1)[:1]
        if head and head[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            raise RuntimeError("a textual INSERT/UPDATE/DELETE cannot be sealed; write it with "
                               "SQLAlchemy Core (nybureau.persistence.seal)")
        return
    if not isinstance(stmt, (Insert, Update, Delete)):
        return
    tb = stmt.table
    name = getattr(tb, "name", None)
    if name not in _SEALED:
        if name == "audit_event" and isinstance(stmt, Insert):
            rec.wrote_event = True
        return
    pk = _pk_columns(tb)
    if isinstance(stmt, Insert):
        sets = _param_sets(multiparams, params)
        many = bool(multiparams) or bool(getattr(stmt, "_multi_values", ())) \
            or bool(getattr(stmt, "_returning", ())) or getattr(stmt, "select", None) is not None
        if not many:
            return  # one row: its key comes from inserted_primary_key afterwards
        names = [c.key for c in pk]
        if multiparams and all(all(n in p for n in names) for p in sets):
            keys = [_as_key(pk, [p[n] for n in names]) for p in sets]
            if all(k is not None for k in keys):
                for k in keys:
                    rec.touch(name, k)
                return
        if len(pk) != 1:
            raise RuntimeError(f"cannot seal a multi-row INSERT into {name} without its keys")
        top = conn.execute(select(func.max(pk[0]))).scalar()
        rec._pending[id(stmt)] = (stmt, pk[0], top)
        return
    if isinstance(stmt, Update):
        changed = {getattr(k, "key", k) for k in (stmt._values or {})}
        if changed & {c.key for c in pk}:
            raise RuntimeError(f"cannot seal an UPDATE that changes the key of {name}")
    if not multiparams:
        key = _pinned(tb, pk, stmt.whereclause)
        if key is not None:  # WHERE pins the primary key: no query, confirmed by rowcount
            rec._pending[id(stmt)] = (stmt, None, [key])
            return
    else:
        keys = _pinned_many(tb, pk, stmt.whereclause, multiparams)
        if keys is not None:  # each parameter set pins one key (a compare-and-set batch)
            rec._pending[id(stmt)] = (stmt, None, keys)
            return
    sel = select(*pk)
    if stmt.whereclause is not None:
        sel = sel.where(stmt.whereclause)
    for p in _param_sets(multiparams, params):
        for row in conn.execute(sel, p):
            rec.touch(name, tuple(row))


def _pinned(tb, pk: list, where) -> tuple | None:
    """The primary key a ``WHERE`` pins by equality to given values (``id = 5 AND version =
    3``), or None."""
    if where is None:
        return None
    terms = where.clauses if isinstance(where, BooleanClauseList) and \
        where.operator is operators.and_ else [where]
    found: dict[str, Any] = {}
    for term in terms:
        if not isinstance(term, BinaryExpression) or term.operator is not operators.eq:
            continue
        left, right = term.left, term.right
        if isinstance(left, BindParameter):
            left, right = right, left
        if isinstance(left, Column) and left.table is tb and isinstance(right, BindParameter) \
                and right.callable is None and right.value is not None and not right.expanding:
            found[left.key] = right.value
    if all(c.key in found for c in pk):
        return _as_key(pk, [found[c.key] for c in pk])
    return None


def _pinned_many(tb, pk: list, where, sets) -> list[tuple] | None:
    """For an ``executemany`` whose ``WHERE`` pins the key by equality to bound parameters
    (``id = :_id AND …``): the key of each parameter set, or None."""
    if where is None:
        return None
    terms = where.clauses if isinstance(where, BooleanClauseList) and \
        where.operator is operators.and_ else [where]
    binds: dict[str, str] = {}
    for term in terms:
        if isinstance(term, BinaryExpression) and term.operator is operators.eq and \
                isinstance(term.left, Column) and term.left.table is tb and \
                isinstance(term.right, BindParameter) and term.right.value is None:
            binds[term.left.key] = term.right.key
    if not all(c.key in binds for c in pk):
        return None
    keys = []
    for p in sets:
        if not all(binds[c.key] in p for c in pk):
            return None
        key = _as_key(pk, [p[binds[c.key]] for c in pk])
        if key is None:
            return None
        keys.append(key)
    return keys


def _after(conn, stmt, multiparams, params, _options, result) -> None:
    rec = _recorder(conn)
    if rec is None or not isinstance(stmt, (Insert, Update, Delete)):
        return
    tb = stmt.table
    name = getattr(tb, "name", None)
    if name not in _SEALED:
        return
    pending = rec._pending.pop(id(stmt), None)
    if pending is not None and pending[0] is not stmt:
        pending = None  # (the entry holds its statement, so an id is never reused meanwhile)
    if not isinstance(stmt, Insert):
        if pending is None:
            return
        keys = pending[2]
        if result.rowcount == len(keys):
            for key in keys:
                rec.touch(name, key)
        elif result.rowcount and len(keys) > 1:
            # some parameter sets matched, which is unknown: nothing is sealed on a guess;
            # committing this transaction is refused (nybureau's batches raise before that)
            rec.uncertain = True
        return
    if pending is not None:
        _, col, top = pending
        sel = select(col).order_by(col)
        if top is not None:
            sel = sel.where(col > top)
        for (value,) in conn.execute(sel):
            rec.touch(name, (value,))
        return
    if multiparams or getattr(stmt, "_multi_values", ()):
        return  # recorded from the parameters before it ran
    rec.touch(name, tuple(result.inserted_primary_key))


# -- sealing ------------------------------------------------------------------------------------------
def begin(conn) -> Recorder:
    rec = Recorder()
    conn.info[KEY] = rec
    return rec


def end(conn) -> None:
    conn.info.pop(KEY, None)


# The seal's own statements go straight to the driver (``exec_driver_sql``): every command is a
# process with a fresh engine, so a Core statement would be compiled anew each time (a few
# milliseconds apiece); these cost next to nothing.
def _current(conn, shape: _Shape, keys: list[tuple]) -> dict[tuple, str]:
    """The digest of each of these rows as they are now (absent rows are left out)."""
    mark = _mark(conn)
    found: dict[tuple, str] = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i:i + _CHUNK]
        if len(shape.key_cols) == 1:
            cond = f"{shape.key_cols[0]} IN ({', '.join([mark] * len(chunk))})"
            params = tuple(k[0] for k in chunk)
        else:
            one = "(" + " AND ".join(f"{c} = {mark}" for c in shape.key_cols) + ")"
            cond = " OR ".join([one] * len(chunk))
            params = tuple(v for k in chunk for v in k)
        for values in conn.exec_driver_sql(f"{shape.select} WHERE {cond}", params):
            found[shape.key(values)] = shape.digest(values)
    return found


_AE_NAMES = [c.name for c in t.audit_event.columns]


def _head(conn) -> dict[str, Any] | None:
    quote = conn.dialect.identifier_preparer.quote
    row = conn.exec_driver_sql(
        f"SELECT {', '.join(quote(n) for n in _AE_NAMES)} FROM audit_event "
        "ORDER BY id DESC LIMIT 1").first()
    if row is None:
        return None
    head = dict(zip(_AE_NAMES, row))
    if isinstance(head["at"], str):  # SQLite's text, as SQLAlchemy would give it
        head["at"] = datetime.fromisoformat(head["at"])
    return head


def flush(tx) -> int:
    """Seal what this transaction touched (see the module's description). Returns the number
    of seal entries written."""
    from nybureau.persistence.chain import content_digest

    conn = tx.conn
    rec = conn.info.get(KEY)
    if rec is not None and rec.uncertain:
        raise RuntimeError("an executemany UPDATE/DELETE matched only some of its rows; the "
                           "seal cannot tell which, so this transaction is not committed")
    if rec is None or not rec.touched:
        return 0
    shapes = _shapes(conn)
    entries: list[tuple[str, str, str | None]] = []
    for tb in _SEALED_TABLES:
        keys = rec.touched.get(tb.name)
        if not keys:
            continue
        ordered = sorted(keys)
        found = _current(conn, shapes[tb.name], ordered)
        entries.extend((tb.name, row_key(k), found.get(k)) for k in ordered)
    rec.touched = {}
    was_enabled, rec.enabled = rec.enabled, False  # the sealing itself is not captured
    try:
        head = _head(conn) if rec.wrote_event else None
        if head is None or head.get("state") is not None or content_digest(head) != head["hash"]:
            tx.audit(SEAL_ACTION, "state", None, after={"rows": len(entries)})
            head = _head(conn)
        mark = _mark(conn)
        conn.exec_driver_sql(
            f"INSERT INTO row_seal (event_id, tbl, row_key, digest) VALUES "
            f"({mark}, {mark}, {mark}, {mark})",
            [(head["id"], tb, key, digest) for tb, key, digest in entries])
        state = state_digest(entries)
        digest = content_digest(dict(head, state=state))
        conn.exec_driver_sql(f"UPDATE audit_event SET state = {mark}, hash = {mark} "
                             f"WHERE id = {mark}", (state, digest, head["id"]))
        tx._last_hash = digest
    finally:
        rec.enabled = was_enabled
    return len(entries)


def baseline(tx, *, from_schema: str | None, to_schema: str, reason: str = "upgrade",
             only: list[tuple[str, tuple]] | None = None) -> int:
    """Seal every row of every sealed table as it is now, with one ``audit.baseline`` event
    (the state at an upgrade is trusted: nothing before vouched for the rows). Returns the
    number of rows sealed; nothing is written for an empty database.

    ``only``: just these rows ((table, primary key) pairs), the ones an upgrade's migration
    rewrote in a database that already had the seal (``reason`` "migration")."""
    conn = tx.conn
    rec = conn.info.get(KEY)
    if rec is None:
        rec = begin(conn)
    rows = 0
    if only is not None:
        for table, pk in only:
            rec.touch(table, tuple(pk))
            rows += 1
    else:
        for tb in sealed_tables():
            for pk in conn.execute(select(*_pk_columns(tb))):
                rec.touch(tb.name, tuple(pk))
                rows += 1
    if rows:
        note = ("the rows the upgrade's migrations rewrote, sealed as they became"
                if only is not None else "the state found at the upgrade, trusted as it was")
        tx.audit(BASELINE_ACTION, "state", None,
                 after={"reason": reason, "from_schema": from_schema, "to_schema": to_schema,
                        "rows": rows, "note": note})
    return rows


# -- verification ------------------------------------------------------------------------------------
_DA_TABLES = {
    "network": "netværk", "workflow_definition": "procesdefinition", "project": "projekt",
    "person": "person", "membership": "medlemskab", "agent": "dokumentationsagent",
    "decision": "beslutning", "activity": "aktivitet", "activity_attendee": "deltager",
    "phase_transition": "faseskift", "governance_item": "styringselement", "vote": "stemme",
    "focus_area": "indsatsområde", "focus_area_item": "indsatsområdets element",
    "prototype": "prototype", "prototype_criterion": "prototypens kriterium",
    "prototype_iteration": "prototypens afprøvning", "survey_round": "spørgerunde",
    "survey_question": "spørgsmål", "survey_response": "besvarelse", "survey_answer": "svar",
    "evaluation_note": "evalueringsnote", "spreading_activity": "spredningsaktivitet",
    "meeting": "møde", "meeting_person": "mødedeltager", "agenda_item": "dagsordenspunkt",
    "attachment": "bilag",
}
_PROBLEM = {
    "changed": ("was changed without an event in the history",
                "er ændret uden en hændelse i historikken"),
    "added": ("was added without an event in the history",
              "er tilføjet uden en hændelse i historikken"),
    "deleted": ("was deleted without an event in the history",
                "er slettet uden en hændelse i historikken"),
}


def _slug(conn, project_id: Any) -> str | None:
    if project_id is None:
        return None
    return conn.execute(select(t.project.c.slug).where(t.project.c.id == project_id)).scalar()


def _describe(conn, table: str, key: str, problem: str, row: dict[str, Any] | None,
              events: list[dict[str, Any]]) -> dict[str, Any]:
    project = None
    if table == "project":
        project = row["slug"] if row is not None else None
    elif row is not None and row.get("project_id") is not None:
        project = _slug(conn, row["project_id"])
    else:  # a deleted row (or one with no project column): what the history says about it
        for ev in reversed(events):
            if ev["entity"] == table and str(ev["entity_id"]) == key and ev["project_id"]:
                project = _slug(conn, ev["project_id"])
                break
    en_name = table.replace("_", " ")
    da_name = _DA_TABLES.get(table, en_name)
    if table == "project" and project is not None:
        en_what, da_what = f"project {project}", f"projektet {project}"
    elif project is not None:
        en_what = f"{en_name} {key} of project {project}"
        da_what = f"{da_name} {key} i projektet {project}"
    else:
        en_what, da_what = f"{en_name} {key}", f"{da_name} {key}"
    en, da = _PROBLEM[problem]
    return {"id": None, "action": None, "problem": problem, "table": table, "row": key,
            "project": project, "en": f"{en_what} {en}", "da": f"{da_what} {da}"}


def _seal_problem(ev: dict[str, Any] | None, eid: Any) -> dict[str, Any]:
    action = ev["action"] if ev is not None else None
    what_en = f"event {eid} ({action})" if ev is not None else f"event {eid}"
    what_da = f"hændelse {eid} ({action})" if ev is not None else f"hændelse {eid}"
    return {"id": eid, "action": action, "problem": "seal", "table": SEAL_TABLE, "row": None,
            "project": None,
            "en": (f"{what_en}, whose row seal does not match the state its hash covers: "
                   "a seal entry was edited, added or removed"),
            "da": (f"{what_da}, hvis rækkesegl ikke passer med den tilstand, dens hash dækker: "
                   "en segl-post er ændret, tilføjet eller fjernet")}


def verify_state(tx, events: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the current rows with what the sealed history says (module description).
    ``events``: the audit events as stored, in chain order (already verified as a chain).
    Returns ``{"rows", "sealed", "differences", "first_broken"}``."""
    conn = tx.conn
    by_id = {ev["id"]: ev for ev in events}
    rs = t.row_seal
    expected: dict[tuple[str, str], str] = {}
    seen_events: set[Any] = set()
    first: dict[str, Any] | None = None
    group: list[tuple[str, str, str | None]] = []
    group_id: Any = None
    sealed = 0

    def close() -> dict[str, Any] | None:
        ev = by_id.get(group_id)
        if ev is None or ev.get("state") != state_digest(group):
            return _seal_problem(ev, group_id)
        return None

    stmt = (select(rs.c.event_id, rs.c.tbl, rs.c.row_key, rs.c.digest)
            .order_by(rs.c.event_id, rs.c.id).execution_options(yield_per=2000))
    for eid, tbl, key, digest in conn.execute(stmt):
        sealed += 1
        if eid != group_id:
            if group_id is not None and first is None:
                first = close()
            group, group_id = [], eid
            seen_events.add(eid)
        group.append((tbl, key, digest))
        if digest is None:
            expected.pop((tbl, key), None)
        else:
            expected[(tbl, key)] = digest
    if group_id is not None and first is None:
        first = close()
    if first is None:
        for ev in events:
            if ev.get("state") is not None and ev["id"] not in seen_events:
                first = _seal_problem(ev, ev["id"])
                break
    if first is not None:
        return {"rows": 0, "sealed": sealed, "differences": None, "first_broken": first}

    rows = 0
    differences = 0
    shapes = _shapes(conn)
    streaming = conn.execution_options(stream_results=True) \
        if conn.dialect.name == "postgresql" else conn
    for tb in _SEALED_TABLES:
        shape = shapes[tb.name]
        candidate: tuple | None = None  # (key tuple, key, problem, row)
        for values in streaming.exec_driver_sql(shape.select + shape.order):
            rows += 1
            key = row_key(shape.key(values))
            want = expected.pop((tb.name, key), None)
            if want is not None and want == shape.digest(values):
                continue
            differences += 1
            if candidate is None:
                candidate = (_key_tuple(key), key, "added" if want is None else "changed",
                             dict(zip(shape.names, values)))
        gone = [key for (name, key) in expected if name == tb.name]
        for key in gone:
            del expected[(tb.name, key)]
            differences += 1
            if candidate is None or _key_tuple(key) < candidate[0]:
                candidate = (_key_tuple(key), key, "deleted", None)
        if candidate is not None and first is None:
            first = _describe(conn, tb.name, candidate[1], candidate[2], candidate[3], events)
    return {"rows": rows, "sealed": sealed, "differences": differences, "first_broken": first}
