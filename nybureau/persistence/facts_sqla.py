"""The facts module's queries as SQLAlchemy Core statements: how every database reads the facts
of the phase gate (:func:`~nybureau.persistence.gatefacts.read_facts`, through ``Tx.fact_rows``).

The same :class:`~nybureau.domain.facts.Query` descriptions the stdlib ``sqlite3`` reader renders
as text (:func:`~nybureau.persistence.gatefacts.to_sql`), built over the schema's tables.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from nybureau.domain.facts import COUNT, Cond, Exists, Query
from nybureau.persistence import tables as t

__all__ = ["statement"]


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
    if cond.op == "is null":
        return col.is_(None)
    if cond.op == "is not null":
        return col.is_not(None)
    if cond.op == "in":
        return col.in_(list(cond.value))
    if cond.op == "=":
        return col == cond.value
    return col != cond.value


def statement(query: Query, ids: list[int] | None, nets: list[int]):
    """The Core statement of ``query``, scoped to ``ids`` (None: every project) and ``nets``."""
    table = t.metadata.tables[query.table]
    stmt = select(*(_column(c, table) for c in query.columns)).select_from(table)
    for join in query.joins:
        other = t.metadata.tables[join.table]
        stmt = stmt.join(other, _column(join.on[0], other) == _column(join.on[1], table),
                         isouter=join.outer)
    conds = [_condition(c, table) for c in query.where]
    if ids is not None:
        scope = _column(query.scope[0], table).in_(ids)
        if len(query.scope) > 1 and nets:
            scope = or_(scope, _column(query.scope[1], table).in_(nets))
        conds.append(scope)
    if conds:
        stmt = stmt.where(and_(*conds))
    if query.group_by:
        stmt = stmt.group_by(*(_column(c, table) for c in query.group_by))
    return stmt
