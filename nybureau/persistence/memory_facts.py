"""The in-memory fake's reader of the facts module: a declared fact query
(:class:`~nybureau.domain.facts.Query`: a table, joins, conditions, grouping, scope) evaluated
in plain Python over the fake's rows — the same declarations the SQLAlchemy and the stdlib
``sqlite3`` readers run as SQL."""

from __future__ import annotations

from typing import Any

from nybureau.domain.facts import COUNT, Exists, Query

__all__ = ["run_query"]


def run_query(tables: dict[str, list[dict[str, Any]]], columns: dict[str, tuple[str, ...]],
              query: Query, ids: list[int] | None, nets: list[int]) -> list[tuple]:
    """The rows ``query`` gives over ``tables`` (table → rows as dicts; ``columns``: table →
    its column names), for the projects ``ids`` (every project when None) and networks ``nets``."""
    base = query.table

    def key(column: str, table: str = base) -> str:
        return column if "." in column else f"{table}.{column}"

    envs = [{key(c): v for c, v in row.items()} for row in tables.get(base, [])]
    for join in query.joins:
        other = tables.get(join.table, [])
        inner = join.on[0].rpartition(".")[2]
        empty = {f"{join.table}.{c}": None for c in columns.get(join.table, ())}
        joined = []
        for env in envs:
            matches = [o for o in other if o[inner] == env[key(join.on[1])]]
            joined += [{**env, **{f"{join.table}.{c}": v for c, v in o.items()}}
                       for o in matches]
            if not matches and join.outer:
                joined.append({**env, **empty})
        envs = joined

    def holds(cond: Any, env: dict[str, Any], table: str) -> bool:
        if isinstance(cond, Exists):
            value = env[key(cond.on[1], table)]
            return any(row[cond.on[0]] == value and all(
                holds(c, {f"{cond.table}.{k}": v for k, v in row.items()}, cond.table)
                for c in cond.where) for row in tables.get(cond.table, []))
        value = env[key(cond.column, table)]
        if cond.op in ("<=", ">="):
            if value is None:
                return cond.or_null
            return value <= cond.value if cond.op == "<=" else value >= cond.value
        return {"=": lambda: value == cond.value, "!=": lambda: value != cond.value,
                "is null": lambda: value is None, "is not null": lambda: value is not None,
                "in": lambda: value in cond.value}[cond.op]()

    def in_scope(env: dict[str, Any]) -> bool:
        if ids is None:
            return True
        if env[key(query.scope[0])] in ids:
            return True
        return len(query.scope) > 1 and env[key(query.scope[1])] in nets

    envs = [e for e in envs if in_scope(e) and all(holds(c, e, base) for c in query.where)]
    if COUNT not in query.columns:
        return [tuple(e[key(c)] for c in query.columns) for e in envs]
    groups: dict[tuple, int] = {}
    for env in envs:
        group = tuple(env[key(c)] for c in query.group_by)
        groups[group] = groups.get(group, 0) + 1
    if not query.group_by:
        groups.setdefault((), 0)
    by = {key(c): i for i, c in enumerate(query.group_by)}
    return [tuple(n if c == COUNT else group[by[key(c)]] for c in query.columns)
            for group, n in groups.items()]

