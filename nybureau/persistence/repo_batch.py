"""Repository methods that read the phase gate's facts for many projects at once, in a constant
number of statements.

A mixin of :class:`~nybureau.persistence.repository.Tx` (uses ``self.conn``).
``facts_many`` gives the same :class:`ProjectFacts` as ``Tx.facts`` for each project (a test
holds them equal); ``status`` for all projects and ``advance --all-ready`` use it instead of one
set of queries per project. (The many-project moves are in ``repo_projects``, the bulk audit in
``repo_history``.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, and_, func, select, type_coerce

from nybureau.domain.facts import ProjectFacts
from nybureau.persistence import tables as t
from nybureau.persistence.gatefacts import (  # noqa: F401  (FactNeeds, paused_gc: re-exported)
    FactNeeds,
    FactRows,
    assemble,
    empty_counts,
    minutes_only,
    paused_gc,
)

# Above this many projects a statement reads the whole table rather than an IN (...) list:
# cheaper than binding thousands of parameters, and within every database's limits.
_IN_LIMIT = 500


class BatchRepo:
    def _for_projects(self, stmt, column, ids: list[int]):
        return stmt.where(column.in_(ids)) if len(ids) <= _IN_LIMIT else stmt

    def _tuples(self, stmt) -> list[tuple]:
        """All rows as the driver's plain tuples: for statements whose columns need no type
        conversion (integers and text), this skips building a Row object per row."""
        result = self.conn.execute(stmt)
        try:
            return result.cursor.fetchall()
        finally:
            result.close()

    # -- facts for the phase gate, for many projects ------------------------------------------
    def fact_needs(self, requirements) -> FactNeeds:
        """What ``requirements`` read of the facts, for ``facts_many(..., only=...)``."""
        return FactNeeds.of(requirements)

    def facts_many(self, projects: list[dict[str, Any]],
                   only: FactNeeds | None = None) -> dict[int, ProjectFacts]:
        """project id → the facts ``Tx.facts(project)`` gives, in eight statements in all.

        ``only`` (optional) limits the reading to what some requirements need (see
        :class:`FactNeeds`): facts outside it are left empty, so they are right for those
        requirements only. Without it, the facts are complete."""
        if not projects:
            return {}
        with paused_gc():
            return self._facts_many(projects, only)

    def _facts_many(self, projects: list[dict[str, Any]],
                    only: FactNeeds | None) -> dict[int, ProjectFacts]:
        need = only or FactNeeds.everything()
        ids = [p["id"] for p in projects]
        nets = {p["network_id"] for p in projects if p.get("network_id") is not None}
        only_minutes = minutes_only(projects, self.workflow_specs(projects))
        rows = FactRows()
        if only_minutes:
            m = t.meeting
            rows.approved = self._tuples(self._for_projects(
                select(m.c.project_id, m.c.id).where(m.c.status == "approved"),
                m.c.project_id, sorted(only_minutes)))
        d = t.decision
        stmt = self._for_projects(
            select(d.c.id, d.c.project_id, d.c.decision_key, d.c.body, d.c.outcome,
                   d.c.source, type_coerce(d.c.decided_on, String))  # ISO text sorts
            .where(d.c.voided_at.is_(None)),
            d.c.project_id, ids)
        if need.decisions is not None:
            stmt = stmt.where(d.c.decision_key.in_(sorted(need.decisions)))
        if need.decisions != frozenset():
            rows.decisions = self._tuples(stmt)
        m = t.membership
        if need.body_members:
            rows.members = self._tuples(self._for_projects(
                select(m.c.project_id, m.c.body, func.count()), m.c.project_id, ids)
                .group_by(m.c.project_id, m.c.body))
        a, pe = t.agent, t.person
        if need.agents:
            rows.agents = self._tuples(self._for_projects(
                select(a.c.project_id, pe.c.id, pe.c.full_name)
                .join(pe, pe.c.id == a.c.person_id), a.c.project_id, ids))
        # Activities count for a project when they are its own or its network's.
        act, att = t.activity, t.activity_attendee
        scope = act.c.project_id.in_(ids) if len(ids) <= _IN_LIMIT else None
        if scope is not None and nets:
            scope = scope | act.c.network_id.in_(sorted(nets))
        kinds = select(act.c.project_id, act.c.network_id, act.c.kind) \
            .where(act.c.voided_at.is_(None))  # counted in Python (a GROUP BY sorts)
        if need.activity_kinds is not None:
            kinds = kinds.where(act.c.kind.in_(sorted(need.activity_kinds)))
        if need.activity_kinds != frozenset():
            rows.kinds = self._tuples(kinds if scope is None else kinds.where(scope))
        numbered = select(act.c.id, act.c.project_id, act.c.network_id, act.c.kind,
                          act.c.number, att.c.person_id) \
            .outerjoin(att, att.c.activity_id == act.c.id) \
            .where(act.c.number.is_not(None), act.c.voided_at.is_(None))
        if need.numbered is not None:
            numbered = numbered.where(act.c.kind.in_(sorted({k for k, _ in need.numbered})),
                                      act.c.number.in_(sorted({n for _, n in need.numbered})))
        if need.numbered != frozenset():
            rows.numbered = self._tuples(numbered if scope is None else numbered.where(scope))
        if need.counts:
            rows.substance = self.substance_counts_many(ids)
        return assemble(projects, only_minutes, rows)

    def substance_counts_many(self, ids: list[int]) -> dict[int, dict[str, int]]:
        """``substance_counts`` for many projects (three grouped statements)."""
        gi, pr, pc = t.governance_item, t.prototype, t.prototype_criterion
        out = {pid: empty_counts() for pid in ids}
        has_criteria = select(pc.c.id).where(pc.c.prototype_id == pr.c.id,
                                             pc.c.voided_at.is_(None)).exists()
        ready = and_(has_criteria, pr.c.evaluation_plan.is_not(None))
        queries = (
            ("governance_items", select(gi.c.project_id, func.count()), gi.c.project_id, None),
            ("prototypes", select(pr.c.project_id, func.count()), pr.c.project_id,
             pr.c.status != "dropped"),
            ("prototypes_ready", select(pr.c.project_id, func.count()), pr.c.project_id,
             and_(pr.c.status != "dropped", ready)),
        )
        for name, stmt, column, cond in queries:
            if cond is not None:
                stmt = stmt.where(cond)
            for pid, n in self._tuples(self._for_projects(stmt, column, ids)
                                            .group_by(column)):
                if pid in out:
                    out[pid][name] = n
        return out
