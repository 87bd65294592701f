"""Repository methods that work on many projects at once, in a constant number of statements.

A mixin of :class:`~nybureau.persistence.repository.Tx` (uses ``self.conn``, ``self.now``,
``self.actor``). ``facts_many`` gives the same :class:`ProjectFacts` as ``Tx.facts`` for each
project (a test holds them equal); ``status`` for all projects and ``advance --all-ready`` use it
instead of one set of queries per project. ``audit_many`` appends many events to the hash chain
with one ``executemany``.
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import String, and_, bindparam, func, select, type_coerce, update

from nybureau.domain.facts import ProjectFacts
from nybureau.domain.records import ProjectMove, plain
from nybureau.errors import ConcurrentChange
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

    def workflow_specs(self, projects: list[dict[str, Any]]) -> dict[int, Any]:
        """definition id → spec for the projects' definitions (one look-up per definition)."""
        return {did: self.workflow_spec(did)
                for did in {p["workflow_definition_id"] for p in projects}}

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

    # -- many phase moves in one statement each --------------------------------------------------
    def projects_for_moves(self) -> list[ProjectMove]:
        """Every project with just what a phase move reads and writes (id, slug, network,
        definition, phase, phase_entered_on, version), ordered by slug; lighter than
        ``project_list`` for thousands of projects."""
        from datetime import date

        p = t.project
        rows = self._tuples(
            select(p.c.id, p.c.slug, p.c.network_id, p.c.workflow_definition_id, p.c.phase,
                   type_coerce(p.c.phase_entered_on, String), p.c.version)
            .order_by(p.c.slug))
        out = []
        for pid, slug, nid, did, phase, entered, version in rows:
            if not isinstance(entered, date):  # SQLite gives the ISO text
                entered = date.fromisoformat(entered)
            out.append(ProjectMove(id=pid, slug=slug, network_id=nid, workflow_definition_id=did,
                                   phase=phase, phase_entered_on=entered, version=version))
        return out

    def projects_touch_many(self, changes: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """``project_touch`` for many projects: (project, changes) pairs, each with the same
        keys. One compare-and-set ``executemany``; any project changed since it was read
        refuses the whole batch."""
        if not changes:
            return
        p = t.project
        keys = sorted(changes[0][1])
        stmt = (update(p)
                .where(p.c.id == bindparam("_id"), p.c.version == bindparam("_version"))
                .values(version=bindparam("_new_version"), updated_at=self.now,
                        **{k: bindparam(f"_{k}") for k in keys}))
        rows = [{"_id": project["id"], "_version": project["version"],
                 "_new_version": project["version"] + 1,
                 **{f"_{k}": values[k] for k in keys}} for project, values in changes]
        result = self.conn.execute(stmt, rows)
        if result.rowcount != len(rows):
            stale = [project["slug"] for project, _ in changes
                     if self.conn.execute(select(p.c.version).where(p.c.id == project["id"]))
                     .scalar() != project["version"] + 1]
            raise ConcurrentChange(", ".join(stale[:5]) or "?")
        from nybureau.persistence.build import refresh

        for project, values in changes:  # TRANSITIONAL: in place, as project_touch does
            refresh(project, version=project["version"] + 1, **values)

    def transitions_add_many(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert phase transitions, at most one per project; their ids, in the order given.
        (Matched by project id, so the insert can go in multi-row batches whatever order the
        database returns them in.)"""
        if not rows:
            return []
        pt = t.phase_transition
        full = [{"actor": self.actor, "created_at": self.now, **r} for r in rows]
        result = self.conn.execute(pt.insert().returning(pt.c.id, pt.c.project_id), full)
        ids = {pid: tid for tid, pid in result}
        if len(ids) != len(rows):
            raise ValueError("transitions_add_many takes at most one transition per project")
        return [ids[r["project_id"]] for r in rows]

    # -- audit history, in bulk --------------------------------------------------------------------
    def audit_many(self, events: Iterable[dict[str, Any]]) -> int:
        """Append events to the hash chain in one ``executemany``. Each event is a dict with the
        arguments of ``Tx.audit``: action, entity, entity_id and optionally project_id,
        network_id, before, after. Returns the number appended."""
        import json

        from nybureau.persistence.chain import CURRENT_SCHEME, GENESIS_HASH, event_digest

        # The encoding of ``_json`` exactly, with the encoder built once instead of per call.
        value_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode
        ae = t.audit_event
        if self._last_hash is None:
            self._last_hash = self.conn.execute(
                select(ae.c.hash).order_by(ae.c.id.desc()).limit(1)).scalar() or GENESIS_HASH
        prev = self._last_hash
        at, at_iso, actor = self.now, self.now.isoformat(), self.actor
        rows = []
        for e in events:
            before, after = plain(e.get("before")), plain(e.get("after"))
            fields = {"at": at_iso, "actor": actor, "action": e["action"],
                      "project_id": e.get("project_id"), "network_id": e.get("network_id"),
                      "entity": e["entity"], "entity_id": e.get("entity_id"),
                      "before": None if before is None else value_json(before),
                      "after": None if after is None else value_json(after)}
            digest = event_digest(prev, fields, CURRENT_SCHEME, payloads=(before, after))
            rows.append({"at": at, "actor": actor, "action": e["action"],
                         "project_id": fields["project_id"], "network_id": fields["network_id"],
                         "entity": e["entity"], "entity_id": fields["entity_id"],
                         "before": fields["before"], "after": fields["after"],
                         "prev_hash": prev, "hash": digest, "scheme": CURRENT_SCHEME})
            prev = digest
        if rows:
            self.conn.execute(ae.insert(), rows)
            self._last_hash = prev
        return len(rows)
