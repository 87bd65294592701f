"""The facts the built-in requirement kinds read: each one's rows, declared once, and how the
rows become a project's values. Every reader runs these same queries (see
:mod:`nybureau.persistence.gatefacts`).

A new kind that counts rows of a table needs no code here: it declares a
:class:`~nybureau.domain.facts.Count` beside its class.
"""

from __future__ import annotations

from typing import Any

from nybureau.domain.decisions import effective_outcomes
from nybureau.domain.facts import (
    Count,
    Exists,
    Fact,
    Join,
    Query,
    eq,
    is_null,
    ne,
    not_null,
    one_of,
)
from nybureau.domain.vocabulary import RECORDED_ONLY

__all__ = ["DECISIONS", "BODY_MEMBERS", "AGENTS", "ACTIVITY_COUNTS", "ATTENDANCE",
           "GOVERNANCE_ITEMS", "PROTOTYPES", "PROTOTYPES_READY"]

# An activity counts for a project when it is the project's own or its network's.
_ACTIVITY_SCOPE = ("project_id", "network_id")


class Decisions(Fact):
    """(decision id, body) → the effective outcome; keys: decision ids. For a definition with
    ``gate_decisions_from_approved_minutes``, only decisions recorded at a meeting whose
    minutes are approved count."""

    name = "decisions"
    field = "decisions"
    rows = Query("decision", ("id", "project_id", "decision_key", "body", "outcome", "source",
                              "decided_on"), where=(is_null("voided_at"),))
    approved = Query("meeting", ("project_id", "id"), where=(eq("status", "approved"),))

    option = "gate_decisions_from_approved_minutes"

    def queries(self, keys, ctx):
        rows = self.rows if keys is None else self.rows.where_also(one_of("decision_key", keys))
        return (rows, self.approved) if ctx.projects_with(self.option) else (rows,)

    def build(self, rows, ctx):
        wanted, strict = set(ctx.ids), ctx.projects_with(self.option)
        approved = {(pid, f"meeting:{mid}") for pid, mid in rows[1]} if strict else set()
        intern = ctx.pool.setdefault  # intern(value, value) → the one shared equal value
        # the decided_on ISO text (SQLite) or date (others) sorts within one database
        counted = (((pid, intern((key, body), (key, body))), (decided_on, did), outcome)
                   for did, pid, key, body, outcome, source, decided_on in rows[0]
                   if pid in wanted and (pid not in strict or (pid, source) in approved
                                         # a ministry's approval never comes from our minutes
                                         or body in RECORDED_ONLY))
        out: dict[int, dict[tuple[str, str], str]] = {pid: {} for pid in ctx.ids}
        for (pid, pair), outcome in effective_outcomes(counted).items():
            out[pid][pair] = intern(outcome, outcome)
        return out


class Agents(Fact):
    """person id → full name of the project's documentation agents."""

    name = "agents"
    field = "agents"
    query = Query("agent", ("agent.project_id", "person.id", "person.full_name"),
                  joins=(Join("person", ("id", "agent.person_id")),))

    def queries(self, keys, ctx):
        return (self.query,)

    def build(self, rows, ctx):
        out: dict[int, dict[int, str]] = {pid: {} for pid in ctx.ids}
        for pid, person_id, name in rows[0]:
            mine = out.get(pid)
            if mine is not None:
                mine[person_id] = name
        return out


class ActivityCounts(Fact):
    """activity kind → how many activities (the project's own and its network's); keys:
    activity kinds."""

    name = "activity_counts"
    field = "activity_counts"
    query = Query("activity", ("project_id", "network_id", "kind"),
                  where=(is_null("voided_at"),), scope=_ACTIVITY_SCOPE)  # counted here: a
    # GROUP BY would sort

    def queries(self, keys, ctx):
        return (self.query if keys is None else self.query.where_also(one_of("kind", keys)),)

    def build(self, rows, ctx):
        grouped: dict[tuple[Any, Any, str], int] = {}
        for row in rows[0]:
            grouped[row] = grouped.get(row, 0) + 1
        by_project: dict[int, list[tuple[Any, str, int]]] = {}
        net_total: dict[int, dict[str, int]] = {}
        for (pid, nid, kind), n in grouped.items():
            if pid is not None:
                by_project.setdefault(pid, []).append((nid, kind, n))
            if nid is not None:
                total = net_total.setdefault(nid, {})
                total[kind] = total.get(kind, 0) + n
        out: dict[int, dict[str, int]] = {}
        for p in ctx.projects:
            pid, nid = p["id"], p.get("network_id")
            counts: dict[str, int] = {}
            if nid is not None:
                counts.update(net_total.get(nid, ()))
            for own_nid, kind, n in by_project.get(pid, ()):
                if own_nid is None or own_nid != nid:  # else counted with the network's
                    kind = ctx.pool.setdefault(kind, kind)
                    counts[kind] = counts.get(kind, 0) + n
            out[pid] = counts
        return out


class Attendance(Fact):
    """(kind, number) → the person ids who attended, for numbered activities (modules, network
    meetings) of the project or its network; keys: (kind, number) pairs."""

    name = "attendance"
    field = "attendance"
    query = Query("activity", ("activity.id", "activity.project_id", "activity.network_id",
                               "activity.kind", "activity.number",
                               "activity_attendee.person_id"),
                  joins=(Join("activity_attendee", ("activity_id", "activity.id"), outer=True),),
                  where=(not_null("number"), is_null("voided_at")), scope=_ACTIVITY_SCOPE)

    def queries(self, keys, ctx):
        if keys is None:
            return (self.query,)
        return (self.query.where_also(one_of("kind", {k for k, _ in keys}),
                                      one_of("number", {n for _, n in keys})),)

    def build(self, rows, ctx):
        intern = ctx.pool.setdefault
        own_att: dict[int, dict[tuple[str, int], set[int]]] = {}
        net_att: dict[int, dict[tuple[str, int], set[int]]] = {}
        for _aid, pid, nid, kind, number, person_id in rows[0]:
            key = (kind, number)
            key = intern(key, key)
            for owner, table in ((pid, own_att), (nid, net_att)):
                if owner is not None:
                    people = table.setdefault(owner, {}).get(key)
                    if people is None:
                        people = table[owner][key] = set()
                    if person_id is not None:
                        people.add(person_id)
        # a network's sets are frozen once and shared by its projects
        net_frozen = {nid: {k: frozenset(v) for k, v in att.items()}
                      for nid, att in net_att.items()}
        out: dict[int, dict[tuple[str, int], frozenset[int]]] = {}
        for p in ctx.projects:
            pid, nid = p["id"], p.get("network_id")
            attendance = dict(net_frozen.get(nid, ())) if nid is not None else {}
            for key, people in own_att.get(pid, {}).items():
                shared = attendance.get(key)
                attendance[key] = frozenset(people) if shared is None else shared | people
            out[pid] = attendance
        return out


DECISIONS: Fact = Decisions()
AGENTS: Fact = Agents()
ACTIVITY_COUNTS: Fact = ActivityCounts()
ATTENDANCE: Fact = Attendance()
BODY_MEMBERS: Fact = Count("body_members", "membership", by="body", into="body_members")

# the substance of phases 3–6
GOVERNANCE_ITEMS = Count("governance_items", "governance_item")
PROTOTYPES = Count("prototypes", "prototype", where=(ne("status", "dropped"),))
PROTOTYPES_READY = Count("prototypes_ready", "prototype", where=(
    ne("status", "dropped"),
    Exists("prototype_criterion", ("prototype_id", "id"), (is_null("voided_at"),)),
    not_null("evaluation_plan")))

