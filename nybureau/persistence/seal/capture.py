"""Capture: the engine listeners that record, in a write transaction, the primary keys every
Core ``INSERT``, ``UPDATE`` or ``DELETE`` on a sealed table touches."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, event, func, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, BooleanClauseList, TextClause

from nybureau.persistence.seal.canon import KEY, _SEALED, _as_key, _pk_columns


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
