"""The facts the phase gate reads: the one facts module every reader executes.

Each requirement kind declares the facts it reads (:class:`~nybureau.domain.facts.Fact`), and
each fact its queries (:class:`~nybureau.domain.facts.Query`). :func:`read_facts` runs them
through a reader's one method, ``fact_rows(query, ids, nets)`` — the SQLAlchemy repository
(:mod:`nybureau.persistence.facts_sqla`, every database) or
:class:`~nybureau.persistence.lite.LiteReader` (the standard library's ``sqlite3``, for the
commands run most often, with :func:`to_sql`) — and builds every project's
:class:`ProjectFacts` from the rows the same way, so they cannot differ between readers.
Imports nothing beyond the standard library, the domain and the workflow registry.
"""

from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from typing import Any, Protocol

from nybureau.domain.facts import COUNT, Cond, Exists, FactContext, Fact, ProjectFacts, Query

# Parsed workflow definitions, per (hash, key, version): a row id alone is not enough, since
# another database may reuse it for another file.
_SPEC_CACHE: dict[tuple, Any] = {}


def cached_spec(digest: tuple, spec_json: Any) -> Any:
    """The spec for a stored definition. ``spec_json`` is called for the stored JSON text only
    when this process has not parsed that definition yet."""
    spec = _SPEC_CACHE.get(digest)
    if spec is None:
        from nybureau.workflow.spec import WorkflowSpec

        spec = WorkflowSpec.from_dict(json.loads(spec_json()))
        _SPEC_CACHE[digest] = spec
    return spec


class FactNeeds:
    """What of a project's facts some requirements read: fact → the keys of it read (None: all
    of it). ``parts`` None means every fact of every registered kind. (A plain class: a
    dataclass costs a millisecond of start-up.)"""

    __slots__ = ("parts",)

    def __init__(self, parts: dict[Fact, frozenset | None] | None = None) -> None:
        self.parts = parts

    @classmethod
    def everything(cls) -> FactNeeds:
        return cls()

    @classmethod
    def of(cls, requirements) -> FactNeeds:
        """The union of what ``requirements`` (RequirementSpec) read, as their kinds declare
        it. A kind not registered reads everything."""
        from nybureau.workflow.requirements import REGISTRY

        parts: dict[Fact, frozenset | None] = {}
        for req in requirements:
            kind = REGISTRY.get(req.kind)
            if kind is None:
                return cls.everything()
            for fact, keys in kind.reads(req.params).items():
                if fact in parts:
                    seen = parts[fact]
                    parts[fact] = None if seen is None or keys is None else seen | keys
                else:
                    parts[fact] = keys
        return cls(parts)

    def facts(self) -> dict[Fact, frozenset | None]:
        if self.parts is not None:
            return self.parts
        from nybureau.workflow.requirements import registered_facts

        return dict.fromkeys(registered_facts())


class FactExecutor(Protocol):
    """What a reader gives :func:`read_facts`: the rows of one query, as the driver's plain
    tuples. ``ids`` (None: every project) and ``nets`` scope it as :class:`Query` says."""

    def fact_rows(self, query: Query, ids: list[int] | None,
                  nets: list[int]) -> list[tuple]: ...


# Above this many projects a query reads the whole table rather than an IN (...) list: cheaper
# than binding thousands of parameters, and within every database's limits.
IN_LIMIT = 500


def read_facts(reader: FactExecutor, projects: list[dict[str, Any]], specs: dict[int, Any],
               only: FactNeeds | None = None, as_of: Any = None) -> dict[int, ProjectFacts]:
    """project id → its facts, read through ``reader`` (any reader: the same queries, the same
    building). With ``only``, facts outside it are left empty: right for those requirements
    only. With ``as_of`` (a date), the facts as they stood on that day: every query reads only
    the rows that existed then (:meth:`Query.as_of`, from the date columns the domain declares
    per table)."""
    if not projects:
        return {}
    with paused_gc():
        ctx = FactContext(projects, specs)
        ids = ctx.ids if len(ctx.ids) <= IN_LIMIT else None
        nets = sorted({p["network_id"] for p in projects if p.get("network_id") is not None})
        fields: dict[str, dict[int, Any]] = {}
        counts: list[tuple[str, dict[int, Any]]] = []
        for fact, keys in (only or FactNeeds.everything()).facts().items():
            if keys is not None and not keys:
                continue
            queries = fact.queries(keys, ctx)
            if as_of is not None:
                queries = tuple(q.as_of(as_of) for q in queries)
            rows = [reader.fact_rows(q, ids, nets) for q in queries]
            values = fact.build(rows, ctx)
            if fact.field == "counts":
                counts.append((fact.name, values))
            else:
                fields[fact.field] = values
        # positional, in ProjectFacts' order: cheaper than keywords for thousands of projects
        parts = [fields.get(name) for name in _FIELDS]
        return {pid: ProjectFacts(*[{} if v is None else v[pid] for v in parts],
                                  {name: v[pid] for name, v in counts})
                for pid in ctx.ids}


_FIELDS = ("decisions", "body_members", "agents", "activity_counts", "attendance")


# -- the query description as SQL text (the sqlite3 reader) ----------------------------------
def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(column: str, table: str) -> str:
    if column == COUNT:
        return "count(*)"
    owner, _, name = column.rpartition(".")
    return f"{_ident(owner or table)}.{_ident(name)}"


def _condition(cond: Cond | Exists, table: str, params: list[Any]) -> str:
    if isinstance(cond, Exists):
        inner = [f"{_column(cond.on[0], cond.table)} = {_column(cond.on[1], table)}"]
        inner += [_condition(c, cond.table, params) for c in cond.where]
        return (f"EXISTS (SELECT 1 FROM {_ident(cond.table)} WHERE "
                + " AND ".join(inner) + ")")
    col = _column(cond.column, table)
    if cond.or_null:
        params.append(_value(cond.value))
        return f"({col} IS NULL OR {col} {cond.op} ?)"
    if cond.op == "is null":
        return f"{col} IS NULL"
    if cond.op == "is not null":
        return f"{col} IS NOT NULL"
    if cond.op == "in":
        if not cond.value:
            return "1 = 0"
        params.extend(cond.value)
        return f"{col} IN ({', '.join('?' * len(cond.value))})"
    params.append(_value(cond.value))
    return f"{col} {cond.op} ?"


def _value(value: Any) -> Any:
    """A parameter as SQLite stores it (a date as its ISO text, as SQLAlchemy writes it)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def to_sql(query: Query, ids: list[int] | None, nets: list[int]) -> tuple[str, list[Any]]:
    """The statement of ``query`` for the standard library's sqlite3 (``?`` parameters)."""
    table = query.table
    params: list[Any] = []
    sql = (f"SELECT {', '.join(_column(c, table) for c in query.columns)} "
           f"FROM {_ident(table)}")
    for join in query.joins:
        sql += (f" {'LEFT OUTER JOIN' if join.outer else 'JOIN'} {_ident(join.table)} ON "
                f"{_column(join.on[0], join.table)} = {_column(join.on[1], table)}")
    where = [_condition(c, table, params) for c in query.where]
    if ids is not None:
        scope = [_condition(Cond(query.scope[0], "in", tuple(ids)), table, params)]
        if len(query.scope) > 1 and nets:
            scope.append(_condition(Cond(query.scope[1], "in", tuple(nets)), table, params))
        where.append(scope[0] if len(scope) == 1 else "(" + " OR ".join(scope) + ")")
    if where:
        sql += " WHERE " + " AND ".join(where)
    if query.group_by:
        sql += " GROUP BY " + ", ".join(_column(c, table) for c in query.group_by)
    return sql, params


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while many acyclic rows are built: its full passes
    scan every object built so far, which made 10,000 projects cost 14× (not 10×) 1,000."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
