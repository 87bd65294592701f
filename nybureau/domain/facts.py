"""What a project has recorded, gathered in one snapshot that requirement kinds evaluate — and
how each part of it is read.

:class:`ProjectFacts` is plain data, so the workflow engine can be tested without a database.
Each part of it is a :class:`Fact`: a requirement kind declares the facts it reads, and each
fact declares its rows once, as a :class:`Query` (a table, its columns, joins, conditions,
grouping) that every reader runs — SQLAlchemy Core on any database, the standard library's
``sqlite3`` on the fast path of ``status`` — and how the rows become per-project values.
:class:`Count` is the fact most kinds need (how many rows of a table a project has); the facts of
the built-in kinds are in :mod:`nybureau.workflow.requirements.facts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, ClassVar


@dataclass
class ProjectFacts:
    # (decision id, body) -> effective outcome (see nybureau.domain.decisions)
    decisions: dict[tuple[str, str], str] = field(default_factory=dict)
    # body -> number of members
    body_members: dict[str, int] = field(default_factory=dict)
    # person id -> full name of the project's documentation agents
    agents: dict[int, str] = field(default_factory=dict)
    # activity kind -> number of recorded activities (project's own and its network's)
    activity_counts: dict[str, int] = field(default_factory=dict)
    # (kind, number) -> person ids who attended, e.g. ("module", 1), ("network_meeting", 2)
    attendance: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)
    # the values of :class:`Count` facts by name, e.g. {"governance_items": 12}
    counts: dict[str, Any] = field(default_factory=dict)

    def held(self, kind: str, number: int) -> bool:
        return (kind, number) in self.attendance


# -- the query description ----------------------------------------------------------------------
# A column is "name" (of the query's table) or "table.name"; COUNT is count(*).
COUNT = "count(*)"

OPS = frozenset({"=", "!=", "is null", "is not null", "in", "<=", ">="})


@dataclass(frozen=True)
class Cond:
    """``column op value``; op is one of :data:`OPS` (``in`` takes a tuple). With
    ``or_null`` the condition also holds where the column is null (an open period)."""

    column: str
    op: str
    value: Any = None
    or_null: bool = False

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown condition operator {self.op!r}")


def eq(column: str, value: Any) -> Cond:
    return Cond(column, "=", value)


def ne(column: str, value: Any) -> Cond:
    return Cond(column, "!=", value)


def is_null(column: str) -> Cond:
    return Cond(column, "is null")


def not_null(column: str) -> Cond:
    return Cond(column, "is not null")


def one_of(column: str, values) -> Cond:
    return Cond(column, "in", tuple(sorted(values)))


@dataclass(frozen=True)
class Exists:
    """EXISTS (a row of ``table`` whose ``on[0]`` equals the outer table's ``on[1]``, and
    ``where``)."""

    table: str
    on: tuple[str, str]
    where: tuple[Cond, ...] = ()


@dataclass(frozen=True)
class Join:
    """JOIN ``table`` ON table.on[0] = on[1] (a column of the query's table or an earlier
    join, written "table.name"); ``outer`` for a LEFT OUTER JOIN."""

    table: str
    on: tuple[str, str]
    outer: bool = False


@dataclass(frozen=True)
class Query:
    """SELECT columns FROM table [JOIN …] WHERE where [AND scope] [GROUP BY group_by].

    ``scope`` names the columns of ``table`` by which a row belongs to projects: the reader
    adds "project_id IN (the projects)" — or, for ("project_id", "network_id"), "… OR
    network_id IN (their networks)" — when it reads for few projects, and nothing when it reads
    for many (the rows of other projects are then skipped when the facts are built)."""

    table: str
    columns: tuple[str, ...]
    joins: tuple[Join, ...] = ()
    where: tuple[Cond | Exists, ...] = ()
    group_by: tuple[str, ...] = ()
    scope: tuple[str, ...] = ("project_id",)

    def where_also(self, *conds: Cond | Exists) -> Query:
        return replace(self, where=self.where + conds)

    def as_of(self, day: Any) -> Query:
        """This query over the rows that exist on ``day`` (a date): the conditions
        :func:`dated` gives for its table, each inner join's table and each EXISTS."""
        where = tuple(replace(c, where=c.where + dated(c.table, day))
                      if isinstance(c, Exists) else c for c in self.where)
        where += dated(self.table, day)
        for join in self.joins:
            if not join.outer:
                where += tuple(replace(c, column=f"{join.table}.{c.column}")
                               if isinstance(c, Cond) and "." not in c.column else c
                               for c in dated(join.table, day))
        return replace(self, where=where)


# -- when a row exists: the date columns of each table, declared once ---------------------------
#: A row of these tables exists from the date in the column on (a decision from the day it was
#: taken, an activity from the day it was held …). Every fact reader adds ``column <= day``.
DATED: dict[str, str] = {
    "decision": "decided_on",
    "agent": "appointed_on",
    "activity": "held_on",
    "phase_transition": "on_date",
    "governance_item": "recorded_on",
    "vote": "voted_on",
    "focus_area": "decided_on",
    "prototype_iteration": "held_on",
    "survey_round": "held_on",
    "evaluation_note": "held_on",
    "spreading_activity": "held_on",
    # the risk and barrier log and the communication plan (0013)
    "risk_entry": "noted_on",
    "stakeholder": "noted_on",
    "evaluation_design": "decided_on",
    "implementation_rating": "recorded_on",
    "implementation_interview": "held_on",
    "field_note": "noted_on",
    # an exemption exists from its application; its answer's date is relied on by the gate
    # (services/gate_dates.py), not read as of a day
    "exemption": "applied_on",
    # the facts read meetings for their approved minutes: approved as of the approval's day
    "meeting": "approved_on",
}
#: A row of these tables holds for a period (its first and last day; null: open).
PERIODS: dict[str, tuple[str, str]] = {"membership": ("valid_from", "valid_to")}
#: A row of these tables exists when its row in another table does: (that table, (its key,
#: this table's column)) — a prototype from the day its focus area was decided.
THROUGH: dict[str, tuple[str, tuple[str, str]]] = {
    "prototype": ("focus_area", ("id", "focus_area_id")),
}


def dated(table: str, day: Any) -> tuple[Cond | Exists, ...]:
    """The conditions under which a row of ``table`` exists on ``day`` (nothing for a table
    whose rows have no date)."""
    if table in DATED:
        return (Cond(DATED[table], "<=", day),)
    if table in PERIODS:
        start, end = PERIODS[table]
        return (Cond(start, "<=", day, or_null=True), Cond(end, ">=", day, or_null=True))
    if table in THROUGH:
        other, on = THROUGH[table]
        return (Exists(other, on, dated(other, day)),)
    return ()


# -- facts --------------------------------------------------------------------------------------
class FactContext:
    """What building facts may need beyond the rows: the projects (dicts with at least id,
    network_id and workflow_definition_id), their definitions (definition id → spec), and a
    pool that shares equal values between projects."""

    __slots__ = ("projects", "ids", "specs", "pool", "_with")

    def __init__(self, projects: list[dict[str, Any]], specs: dict[int, Any]) -> None:
        self.projects = projects
        self.ids = [p["id"] for p in projects]
        self.specs = specs
        self.pool: dict[Any, Any] = {}
        self._with: dict[str, set[int]] = {}

    def intern(self, value: Any) -> Any:
        return self.pool.setdefault(value, value)

    def projects_with(self, option: str) -> set[int]:
        """The ids of the projects whose workflow definition sets ``option`` (truthy)."""
        found = self._with.get(option)
        if found is None:
            found = self._with[option] = {
                p["id"] for p in self.projects
                if self.specs[p["workflow_definition_id"]].options.get(option)}
        return found


class Fact:
    """One part of :class:`ProjectFacts`, and how it is read.

    ``field`` is the attribute of :class:`ProjectFacts` it fills ("counts": the entry ``name``
    of ``ProjectFacts.counts``). ``queries`` gives the statements to run — ``keys`` narrows them
    to what some requirements read (None: all of it); ``rows`` holds their results, in order.
    ``build`` turns them into project id → value for the context's projects (missing projects
    get ``empty()``)."""

    name: str
    field: ClassVar[str] = "counts"

    def queries(self, keys: frozenset | None, ctx: FactContext) -> tuple[Query, ...]:
        raise NotImplementedError

    def build(self, rows: list[list[tuple]], ctx: FactContext) -> dict[int, Any]:
        raise NotImplementedError

    def empty(self) -> Any:
        return {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Count(Fact):
    """How many rows of ``table`` a project has (``where`` holding): ``facts.counts[name]``.

    With ``by`` (a column), the count per value of that column: a dict value → count. ``into``
    names another :class:`ProjectFacts` attribute to fill instead of ``counts[name]``.

    >>> Count("governance_items", "governance_item")
    Count('governance_items')
    """

    def __init__(self, name: str, table: str, *, where: tuple[Cond | Exists, ...] = (),
                 by: str | None = None, into: str | None = None) -> None:
        self.name = name
        self.table = table
        self.where = tuple(where)
        self.by = by
        if into is not None:
            self.field = into  # type: ignore[misc]
        columns = ("project_id",) + ((by,) if by else ()) + (COUNT,)
        self.query = Query(table, columns, where=self.where,
                           group_by=("project_id",) + ((by,) if by else ()))

    def queries(self, keys, ctx):
        return (self.query,)

    def build(self, rows, ctx):
        if self.by is None:
            out = dict.fromkeys(ctx.ids, 0)
            for pid, n in rows[0]:
                if pid in out:
                    out[pid] = n
            return out
        grouped: dict[int, dict[Any, int]] = {pid: {} for pid in ctx.ids}
        intern = ctx.pool.setdefault
        for pid, value, n in rows[0]:
            mine = grouped.get(pid)
            if mine is not None:
                mine[intern(value, value)] = n
        return grouped

    def empty(self):
        return 0 if self.by is None else {}

    def same_as(self, other: Fact) -> bool:
        return isinstance(other, Count) and (self.table, self.where, self.by, self.field) == \
            (other.table, other.where, other.by, other.field)
