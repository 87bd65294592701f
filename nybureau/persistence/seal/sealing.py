"""Sealing a transaction just before it commits (``flush``), and the baseline an upgrade seals
the state it found with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from nybureau.persistence import tables as t
from nybureau.persistence.seal.canon import (
    BASELINE_ACTION,
    KEY,
    SEAL_ACTION,
    _CHUNK,
    _SEALED_TABLES,
    _Shape,
    _mark,
    _pk_columns,
    _shapes,
    row_key,
    sealed_tables,
    state_digest,
)
from nybureau.persistence.seal.capture import Recorder


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
