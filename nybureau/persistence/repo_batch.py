"""Repository methods that work on many projects at once, in a constant number of statements.

A mixin of :class:`~nybureau.persistence.repository.Tx` (uses ``self.conn``, ``self.now``,
``self.actor``). ``facts_many`` gives the same :class:`ProjectFacts` as ``Tx.facts`` for each
project (a test holds them equal); ``status`` for all projects and ``advance --all-ready`` use it
instead of one set of queries per project. ``audit_many`` appends many events to the hash chain
with one ``executemany``.
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import String, bindparam, select, type_coerce, update

from nybureau.domain.facts import ProjectFacts
from nybureau.errors import ConcurrentChange
from nybureau.persistence import tables as t
from nybureau.persistence.gatefacts import (  # noqa: F401  (paused_gc: re-exported)
    FactNeeds,
    paused_gc,
    read_facts,
)


class BatchRepo:
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

    def fact_rows(self, query, ids: list[int] | None, nets: list[int]) -> list[tuple]:
        """The rows of one fact query (the facts module's one interface to a reader)."""
        from nybureau.persistence.facts_sqla import fact_rows

        return fact_rows(self.conn, query, ids, nets)

    def facts_many(self, projects: list[dict[str, Any]],
                   only: FactNeeds | None = None) -> dict[int, ProjectFacts]:
        """project id → the facts ``Tx.facts(project)`` gives, in one statement per fact
        query (:func:`~nybureau.persistence.gatefacts.read_facts`).

        ``only`` (optional) limits the reading to what some requirements need (see
        :class:`FactNeeds`): facts outside it are left empty, so they are right for those
        requirements only. Without it, the facts are complete."""
        if not projects:
            return {}
        return read_facts(self, projects, self.workflow_specs(projects), only)

    # -- many phase moves in one statement each --------------------------------------------------
    def projects_for_moves(self) -> list[dict[str, Any]]:
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
            out.append({"id": pid, "slug": slug, "network_id": nid,
                        "workflow_definition_id": did, "phase": phase,
                        "phase_entered_on": entered, "version": version})
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
        for project, values in changes:
            project["version"] += 1
            project.update(values)

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
            before, after = e.get("before"), e.get("after")
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
