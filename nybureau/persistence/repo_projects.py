"""The projects aggregate: networks, workflow definitions and projects
(:class:`nybureau.domain.ports.ProjectRepository`).

Every change to a project bumps its ``version`` with a compare-and-set, so two users changing one
project at once cannot overwrite each other silently.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import String, bindparam, delete, func, select, type_coerce, update

from nybureau.domain import records as r
from nybureau.domain.records import ProjectMove
from nybureau.errors import ConcurrentChange
from nybureau.persistence import tables as t
from nybureau.persistence.build import build, refresh
from nybureau.persistence.gatefacts import cached_spec
from nybureau.persistence.prepared import Prepared
from nybureau.persistence.repo_base import RowsBase, read_once


def _project_select():
    p, n, wd = t.project, t.network, t.workflow_definition
    return (
        select(p, n.c.slug.label("network_slug"), n.c.name.label("network_name"),
               wd.c.key.label("workflow_key"), wd.c.version.label("workflow_version"),
               wd.c.hash.label("workflow_hash"))
        .outerjoin(n, n.c.id == p.c.network_id)
        .join(wd, wd.c.id == p.c.workflow_definition_id)
    )


_NETWORK = Prepared(lambda: select(t.network).where(t.network.c.id == bindparam("id")))
_PROJECT = Prepared(lambda: _project_select().where(t.project.c.slug == bindparam("slug")))
_SPEC_DIGEST = Prepared(lambda: select(t.workflow_definition.c.hash, t.workflow_definition.c.key,
                                       t.workflow_definition.c.version)
                        .where(t.workflow_definition.c.id == bindparam("id")))


class ProjectRepo(RowsBase):
    # -- networks ---------------------------------------------------------------------------
    def network_get(self, slug: str) -> r.Network | None:
        return self._rec(select(t.network).where(t.network.c.slug == slug), r.Network)

    def network_by_id(self, network_id: int) -> r.Network | None:
        return self._prepared_one(_NETWORK, r.Network, id=network_id)

    def network_create(self, slug: str, name: str) -> r.Network:
        nid = self._insert(t.network, slug=slug, name=name, created_at=self.now)
        return build(r.Network, dict.fromkeys(t.network.c.keys()), id=nid, slug=slug, name=name,
                     created_at=self.now)

    def network_list(self) -> list[r.NetworkSummary]:
        counts = (
            select(t.project.c.network_id, func.count().label("projects"))
            .group_by(t.project.c.network_id).subquery()
        )
        stmt = (
            select(t.network, func.coalesce(counts.c.projects, 0).label("projects"))
            .outerjoin(counts, counts.c.network_id == t.network.c.id)
            .order_by(t.network.c.slug)
        )
        return self._recs(stmt, r.NetworkSummary)

    def network_set_responsible(self, network_id: int, municipality: str | None) -> None:
        n = t.network
        self.conn.execute(n.update().where(n.c.id == network_id)
                          .values(responsible_municipality=municipality))

    # -- workflow definitions -----------------------------------------------------------------
    def workflow_store(self, spec, source: str) -> int:
        row = self._one(
            select(t.workflow_definition.c.id).where(
                t.workflow_definition.c.key == spec.id,
                t.workflow_definition.c.version == spec.version,
                t.workflow_definition.c.hash == spec.source_hash,
            )
        )
        if row:
            return row["id"]
        from nybureau.workflow.located import check_stored_definition

        spec_json = json.dumps(spec.to_dict(), ensure_ascii=False)
        check_stored_definition(source, spec_json, f"workflow '{spec.id}'")
        return self._insert(
            t.workflow_definition, key=spec.id, version=spec.version, hash=spec.source_hash,
            source=source, spec_json=spec_json, created_at=self.now,
        )

    @read_once
    def workflow_spec(self, definition_id: int):
        """The stored spec a project runs on, parsed once per process and definition."""
        wd = t.workflow_definition
        found = _SPEC_DIGEST.first(self.conn, id=definition_id)
        if found is None:
            raise LookupError(f"no workflow definition {definition_id}")
        digest = (found["hash"], found["key"], found["version"])
        return cached_spec(digest, lambda: self.conn.execute(
            select(wd.c.spec_json).where(wd.c.id == definition_id)).scalar_one())

    def workflow_definitions(self) -> list[r.WorkflowDefinitionSummary]:
        wd = t.workflow_definition
        counts = (select(t.project.c.workflow_definition_id, func.count().label("projects"))
                  .group_by(t.project.c.workflow_definition_id).subquery())
        return self._recs(
            select(wd.c.id, wd.c.key, wd.c.version, wd.c.hash,
                   func.coalesce(counts.c.projects, 0).label("projects"))
            .outerjoin(counts, counts.c.workflow_definition_id == wd.c.id)
            .order_by(wd.c.key, wd.c.version), r.WorkflowDefinitionSummary
        )

    # -- projects ---------------------------------------------------------------------------
    def _project_select(self):
        return _project_select()

    @read_once
    def project_get(self, slug: str) -> r.Project | None:
        return self._prepared_one(_PROJECT, r.Project, slug=slug)

    def project_list(self, network_id: int | None = None) -> list[r.Project]:
        stmt = self._project_select().order_by(t.project.c.slug)
        if network_id is not None:
            stmt = stmt.where(t.project.c.network_id == network_id)
        return self._recs(stmt, r.Project)

    def project_create(self, **values) -> int:
        return self._insert(t.project, version=1, created_at=self.now, updated_at=self.now,
                            **values)

    def project_touch(self, project, **changes):
        """Bump the project's version (compare-and-set) and apply ``changes``; the project as it
        is now (a new record).

        TRANSITIONAL (issue 12): the record given is brought up to date in place as well, for
        callers that keep using it; it goes when every caller uses the record returned."""
        result = self.conn.execute(
            update(t.project)
            .where(t.project.c.id == project["id"], t.project.c.version == project["version"])
            .values(version=project["version"] + 1, updated_at=self.now, **changes)
        )
        if result.rowcount != 1:
            raise ConcurrentChange(project["slug"])
        return refresh(project, version=project["version"] + 1, **changes)

    # -- the project's own texts (0009) ----------------------------------------------------------
    def project_texts(self, project_id: int) -> list[r.ProjectText]:
        """The project's own texts (background, purpose …), one per field."""
        pt = t.project_text
        return self._recs(select(pt).where(pt.c.project_id == project_id).order_by(pt.c.id),
                          r.ProjectText)

    def project_text_set(self, project_id: int, field: str, text: str) -> int:
        """Write the text of ``field`` (replacing the one there); the row's id."""
        pt = t.project_text
        row = self._one(select(pt.c.id).where(pt.c.project_id == project_id,
                                              pt.c.field == field))
        if row:
            self.conn.execute(update(pt).where(pt.c.id == row["id"])
                              .values(text=text, updated_at=self.now))
            return row["id"]
        return self._insert(pt, project_id=project_id, field=field, text=text,
                            created_at=self.now, updated_at=self.now)

    def project_text_delete(self, text_id: int) -> None:
        self.conn.execute(delete(t.project_text).where(t.project_text.c.id == text_id))

    def workflow_specs(self, projects: list[dict[str, Any]]) -> dict[int, Any]:
        """definition id → spec for the projects' definitions (one look-up per definition)."""
        return {did: self.workflow_spec(did)
                for did in {p["workflow_definition_id"] for p in projects}}

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
        for project, values in changes:  # TRANSITIONAL: in place, as project_touch does
            refresh(project, version=project["version"] + 1, **values)
