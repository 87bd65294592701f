"""The facts module's queries as SQLAlchemy Core statements: how every database reads the facts
of the phase gate (:func:`~nybureau.persistence.gatefacts.read_facts`, through ``Tx.fact_rows``).

The same :class:`~nybureau.domain.facts.Query` descriptions the stdlib ``sqlite3`` reader renders
as text (:func:`~nybureau.persistence.gatefacts.to_sql`), built over the schema's tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select

from nybureau.domain.facts import COUNT, Cond, Exists, Query
from nybureau.persistence import tables as t

__all__ = ["statement", "fact_rows"]


def _column(column: str, table):
    if column == COUNT:
        return func.count()
    owner, _, name = column.rpartition(".")
    return (t.metadata.tables[owner] if owner else table).c[name]


def _condition(cond: Cond | Exists, table):
    if isinstance(cond, Exists):
        inner = t.metadata.tables[cond.table]
        return select(inner.c[cond.on[0]]).where(
            _column(cond.on[0], inner) == _column(cond.on[1], table),
            *(_condition(c, inner) for c in cond.where)).exists()
    col = _column(cond.column, table)
    if cond.or_null:
        return or_(col.is_(None), _compare(col, cond))
    return _compare(col, cond)


def _compare(col, cond: Cond):
    if cond.op == "is null":
        return col.is_(None)
    if cond.op == "is not null":
        return col.is_not(None)
    if cond.op == "in":
        return col.in_(list(cond.value))
    if cond.op == "=":
        return col == cond.value
    if cond.op == "<=":
        return col <= cond.value
    if cond.op == ">=":
        return col >= cond.value
    return col != cond.value


_STATEMENTS: dict[tuple, Any] = {}


def statement(query: Query, scoped: bool, with_nets: bool):
    """The Core statement of ``query`` (built once per process and shape). ``scoped``: limited
    to the projects of the parameter ``ids``; ``with_nets``: and to the networks of ``nets``
    (both expanding parameters, bound at execution)."""
    key = (query, scoped, with_nets)
    stmt = _STATEMENTS.get(key)
    if stmt is not None:
        return stmt
    table = t.metadata.tables[query.table]
    stmt = select(*(_column(c, table) for c in query.columns)).select_from(table)
    for join in query.joins:
        other = t.metadata.tables[join.table]
        stmt = stmt.join(other, _column(join.on[0], other) == _column(join.on[1], table),
                         isouter=join.outer)
    conds = [_condition(c, table) for c in query.where]
    if scoped:
        scope = _column(query.scope[0], table).in_(bindparam("ids", expanding=True))
        if with_nets:
            scope = or_(scope, _column(query.scope[1], table).in_(
                bindparam("nets", expanding=True)))
        conds.append(scope)
    if conds:
        stmt = stmt.where(and_(*conds))
    if query.group_by:
        stmt = stmt.group_by(*(_column(c, table) for c in query.group_by))
    _STATEMENTS[key] = stmt
    return stmt


def fact_rows(conn, query: Query, ids: list[int] | None, nets: list[int]) -> list[tuple]:
    """The rows of ``query`` on ``conn``, as the driver's plain tuples (the columns are
    integers, text and dates: no conversion is needed)."""
    with_nets = ids is not None and len(query.scope) > 1 and bool(nets)
    params: dict[str, Any] = {}
    if ids is not None:
        params["ids"] = ids
        if with_nets:
            params["nets"] = nets
    result = conn.execute(statement(query, ids is not None, with_nets), params)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()
