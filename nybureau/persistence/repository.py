"""Repository methods over one open transaction, and the audit writer.

Rows go in and out as plain dicts (``dict(row._mapping)``), so services never see SQLAlchemy.
Every change to a project bumps its ``version`` with a compare-and-set, so two users changing one
project at once cannot overwrite each other silently.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from nybureau.domain.facts import ProjectFacts
from nybureau.domain.vocabulary import NON_FINAL_OUTCOMES
from nybureau.errors import ConcurrentChange
from nybureau.persistence import tables as t
from nybureau.persistence.chain import (  # noqa: F401 (event_hash re-exported)
    CURRENT_SCHEME,
    GENESIS_HASH,
    _json,
    event_digest,
    event_hash,
)
from nybureau.persistence.gatefacts import cached_spec
from nybureau.persistence.repo_admin import AdminRepo
from nybureau.persistence.repo_batch import BatchRepo
from nybureau.persistence.repo_meetings import MeetingRepo
from nybureau.persistence.repo_substance import SubstanceRepo

def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class Tx(MeetingRepo, SubstanceRepo, BatchRepo, AdminRepo):
    """One open transaction with repository methods. Created by ``Store.transaction``."""

    def __init__(self, conn: Connection, actor: str, url: str) -> None:
        self.conn = conn
        self.actor = actor
        self.url = url
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self._last_hash: str | None = None

    @property
    def sealing(self) -> bool:
        """Whether rows written in this transaction are sealed at commit (the state seal,
        :mod:`nybureau.persistence.seal`). A full-database import sets it to False: it copies
        the seals as they are."""
        rec = self.conn.info.get("nybureau.seal")
        return rec is not None and rec.enabled

    @sealing.setter
    def sealing(self, on: bool) -> None:
        rec = self.conn.info.get("nybureau.seal")
        if rec is not None:
            rec.enabled = bool(on)

    # -- helpers ----------------------------------------------------------------------------
    def _one(self, stmt) -> dict[str, Any] | None:
        row = self.conn.execute(stmt).first()
        return dict(row._mapping) if row is not None else None

    def _all(self, stmt) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in self.conn.execute(stmt)]

    def _insert(self, table, **values) -> int:
        return self.conn.execute(table.insert().values(**values)).inserted_primary_key[0]

    # -- networks ---------------------------------------------------------------------------
    def network_get(self, slug: str) -> dict[str, Any] | None:
        return self._one(select(t.network).where(t.network.c.slug == slug))

    def network_by_id(self, network_id: int) -> dict[str, Any] | None:
        return self._one(select(t.network).where(t.network.c.id == network_id))

    def network_create(self, slug: str, name: str) -> dict[str, Any]:
        nid = self._insert(t.network, slug=slug, name=name, created_at=self.now)
        return {"id": nid, "slug": slug, "name": name, "created_at": self.now}

    def network_list(self) -> list[dict[str, Any]]:
        counts = (
            select(t.project.c.network_id, func.count().label("projects"))
            .group_by(t.project.c.network_id).subquery()
        )
        stmt = (
            select(t.network, func.coalesce(counts.c.projects, 0).label("projects"))
            .outerjoin(counts, counts.c.network_id == t.network.c.id)
            .order_by(t.network.c.slug)
        )
        return self._all(stmt)

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

    def workflow_spec(self, definition_id: int):
        """The stored spec a project runs on, parsed once per process and definition."""
        wd = t.workflow_definition
        digest = self.conn.execute(
            select(wd.c.hash, wd.c.key, wd.c.version).where(wd.c.id == definition_id)
        ).one()
        return cached_spec(tuple(digest), lambda: self.conn.execute(
            select(wd.c.spec_json).where(wd.c.id == definition_id)).scalar_one())

    def workflow_definitions(self) -> list[dict[str, Any]]:
        wd = t.workflow_definition
        counts = (select(t.project.c.workflow_definition_id, func.count().label("projects"))
                  .group_by(t.project.c.workflow_definition_id).subquery())
        return self._all(
            select(wd.c.id, wd.c.key, wd.c.version, wd.c.hash,
                   func.coalesce(counts.c.projects, 0).label("projects"))
            .outerjoin(counts, counts.c.workflow_definition_id == wd.c.id)
            .order_by(wd.c.key, wd.c.version)
        )

    # -- projects ---------------------------------------------------------------------------
    def _project_select(self):
        p, n, wd = t.project, t.network, t.workflow_definition
        return (
            select(p, n.c.slug.label("network_slug"), n.c.name.label("network_name"),
                   wd.c.key.label("workflow_key"), wd.c.version.label("workflow_version"),
                   wd.c.hash.label("workflow_hash"))
            .outerjoin(n, n.c.id == p.c.network_id)
            .join(wd, wd.c.id == p.c.workflow_definition_id)
        )

    def project_get(self, slug: str) -> dict[str, Any] | None:
        return self._one(self._project_select().where(t.project.c.slug == slug))

    def project_list(self, network_id: int | None = None) -> list[dict[str, Any]]:
        stmt = self._project_select().order_by(t.project.c.slug)
        if network_id is not None:
            stmt = stmt.where(t.project.c.network_id == network_id)
        return self._all(stmt)

    def project_create(self, **values) -> int:
        return self._insert(t.project, version=1, created_at=self.now, updated_at=self.now,
                            **values)

    def project_touch(self, project: dict[str, Any], **changes) -> None:
        """Bump the project's version (compare-and-set) and apply ``changes``."""
        result = self.conn.execute(
            update(t.project)
            .where(t.project.c.id == project["id"], t.project.c.version == project["version"])
            .values(version=project["version"] + 1, updated_at=self.now, **changes)
        )
        if result.rowcount != 1:
            raise ConcurrentChange(project["slug"])
        project["version"] += 1
        project.update(changes)

    # -- people, bodies, agents -------------------------------------------------------------
    def person_get(self, full_name: str) -> dict[str, Any] | None:
        return self._one(select(t.person).where(t.person.c.full_name == full_name))

    def person_by_email(self, address: str) -> dict[str, Any] | None:
        """The person whose work e-mail address this is, in any case."""
        pe = t.person
        return self._one(select(pe).where(func.lower(pe.c.email) == address.lower()).limit(1))

    def person_get_or_create(self, full_name: str) -> tuple[dict[str, Any], bool]:
        row = self.person_get(full_name)
        if row:
            return row, False
        pid = self._insert(t.person, full_name=full_name, created_at=self.now)
        return {"id": pid, "full_name": full_name, "email": None, "union_affiliation": None,
                "created_at": self.now}, True

    def membership_get(self, project_id: int, body: str, person_id: int):
        m = t.membership
        return self._one(select(m).where(m.c.project_id == project_id, m.c.body == body,
                                         m.c.person_id == person_id))

    def membership_add(self, project_id: int, body: str, person_id: int, role: str | None) -> int:
        return self._insert(t.membership, project_id=project_id, body=body, person_id=person_id,
                            role=role, created_at=self.now)

    def membership_set_role(self, membership_id: int, role: str | None) -> None:
        self.conn.execute(update(t.membership).where(t.membership.c.id == membership_id)
                          .values(role=role))

    def members(self, project_id: int) -> list[dict[str, Any]]:
        m, pe = t.membership, t.person
        return self._all(
            select(m.c.body, m.c.role, pe.c.full_name, pe.c.id.label("person_id"))
            .join(pe, pe.c.id == m.c.person_id)
            .where(m.c.project_id == project_id).order_by(m.c.body, m.c.id)
        )

    def agent_get(self, project_id: int, person_id: int):
        a = t.agent
        return self._one(select(a).where(a.c.project_id == project_id, a.c.person_id == person_id))

    def agent_add(self, project_id: int, person_id: int, title: str | None, on: date) -> int:
        return self._insert(t.agent, project_id=project_id, person_id=person_id, title=title,
                            appointed_on=on, created_at=self.now)

    def agents(self, project_id: int) -> list[dict[str, Any]]:
        a, pe = t.agent, t.person
        return self._all(
            select(a.c.title, a.c.appointed_on, pe.c.full_name, pe.c.id.label("person_id"))
            .join(pe, pe.c.id == a.c.person_id)
            .where(a.c.project_id == project_id).order_by(a.c.id)
        )

    # -- decisions and activities -----------------------------------------------------------
    def decision_add(self, **values) -> int:
        return self._insert(t.decision, created_at=self.now, **values)

    def decisions(self, project_id: int, include_voided: bool = False) -> list[dict[str, Any]]:
        """The project's decisions by date; voided ones only with ``include_voided``."""
        d = t.decision
        stmt = select(d).where(d.c.project_id == project_id)
        if not include_voided:
            stmt = stmt.where(d.c.voided_at.is_(None))
        return self._all(stmt.order_by(d.c.decided_on, d.c.id))

    def decision_get(self, decision_id: int) -> dict[str, Any] | None:
        return self._one(select(t.decision).where(t.decision.c.id == decision_id))

    def decision_update(self, decision_id: int, **values) -> None:
        self.conn.execute(update(t.decision).where(t.decision.c.id == decision_id)
                          .values(**values))

    def item_decision_ids(self, item_id: int) -> list[int]:
        """The decision records an agenda item's outcome created: as its last
        ``meeting.item.record``/``amend`` event names them, or (an imported project, whose
        events are kept apart) the meeting's decisions on the item's key by the meeting's
        body."""
        ae = t.audit_event
        raw = self.conn.execute(
            select(ae.c.after).where(ae.c.entity == "agenda_item", ae.c.entity_id == item_id,
                                     ae.c.action.in_(("meeting.item.record",
                                                      "meeting.item.amend")))
            .order_by(ae.c.id.desc()).limit(1)).scalar()
        if raw:
            ids = (json.loads(raw) or {}).get("decision_ids")
            if isinstance(ids, list):
                return [int(i) for i in ids]
        ai, m, d = t.agenda_item, t.meeting, t.decision
        row = self.conn.execute(select(ai.c.decision_key, m.c.id, m.c.body)
                                .join(m, m.c.id == ai.c.meeting_id)
                                .where(ai.c.id == item_id)).first()
        if row is None or row.decision_key is None:
            return []
        return list(self.conn.execute(
            select(d.c.id).where(d.c.source == f"meeting:{row.id}",
                                 d.c.decision_key == row.decision_key, d.c.body == row.body,
                                 d.c.voided_at.is_(None)).order_by(d.c.id)).scalars())

    def network_meeting_get(self, network_id: int, number: int) -> dict[str, Any] | None:
        a = t.activity
        return self._one(select(a).where(a.c.network_id == network_id,
                                         a.c.kind == "network_meeting", a.c.number == number,
                                         a.c.voided_at.is_(None)))

    def activity_add(self, *, project_id, network_id, kind, number, title, held_on) -> int:
        return self._insert(t.activity, project_id=project_id, network_id=network_id, kind=kind,
                            number=number, title=title, held_on=held_on, created_at=self.now)

    def attendees_add(self, activity_id: int, person_ids: list[int]) -> list[int]:
        """Add attendees not already there; return the ones added."""
        have = set(self.conn.execute(
            select(t.activity_attendee.c.person_id)
            .where(t.activity_attendee.c.activity_id == activity_id)).scalars())
        new = [pid for pid in dict.fromkeys(person_ids) if pid not in have]
        if new:
            self.conn.execute(t.activity_attendee.insert(),
                              [{"activity_id": activity_id, "person_id": pid} for pid in new])
        return new

    def activity_get(self, activity_id: int) -> dict[str, Any] | None:
        return self._one(select(t.activity).where(t.activity.c.id == activity_id))

    def activity_same(self, project: dict[str, Any], kind: str, held_on, title
                      ) -> list[dict[str, Any]]:
        """Activities not voided of the project's scope with this kind, date and title."""
        a = t.activity
        same_title = a.c.title.is_(None) if title is None else a.c.title == title
        return self._all(select(a).where(self._activity_scope(project), a.c.kind == kind,
                                         a.c.held_on == held_on, same_title,
                                         a.c.voided_at.is_(None)).order_by(a.c.id))

    def void_row(self, table: str, row_id: int, reason: str) -> None:
        """Void one row (tables.VOIDABLE): it stays, marked with when and why."""
        tb = t.metadata.tables[table]
        self.conn.execute(update(tb).where(tb.c.id == row_id)
                          .values(voided_at=self.now, void_reason=reason))

    def _activity_scope(self, project: dict[str, Any]):
        a = t.activity
        cond = a.c.project_id == project["id"]
        if project.get("network_id") is not None:
            cond = cond | (a.c.network_id == project["network_id"])
        return cond

    def activities(self, project: dict[str, Any], include_voided: bool = False
                   ) -> list[dict[str, Any]]:
        """The project's (and its network's) activities by date, with their attendees; voided
        ones only with ``include_voided``."""
        a, att, pe = t.activity, t.activity_attendee, t.person
        stmt = select(a).where(self._activity_scope(project))
        if not include_voided:
            stmt = stmt.where(a.c.voided_at.is_(None))
        rows = self._all(stmt.order_by(a.c.held_on, a.c.id))
        if rows:
            names: dict[int, list[str]] = {}
            for r in self.conn.execute(
                select(att.c.activity_id, pe.c.full_name).join(pe, pe.c.id == att.c.person_id)
                .where(att.c.activity_id.in_([r["id"] for r in rows]))
                .order_by(pe.c.full_name)
            ):
                names.setdefault(r.activity_id, []).append(r.full_name)
            for r in rows:
                r["attendees"] = names.get(r["id"], [])
        return rows

    # -- facts for the phase gate --------------------------------------------------------------
    def facts(self, project: dict[str, Any]) -> ProjectFacts:
        """The project's facts for the phase gate, read through the one facts module (the
        queries each requirement kind declares; see ``facts_many``)."""
        return self.facts_many([project])[project["id"]]

    # -- phase history --------------------------------------------------------------------------
    def transition_add(self, **values) -> int:
        return self._insert(t.phase_transition, actor=self.actor, created_at=self.now, **values)

    def transitions(self, project_id: int) -> list[dict[str, Any]]:
        pt = t.phase_transition
        return self._all(select(pt).where(pt.c.project_id == project_id)
                         .order_by(pt.c.on_date, pt.c.id))

    # -- audit history --------------------------------------------------------------------------
    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        project_id: int | None = None,
        network_id: int | None = None,
        before: Any = None,
        after: Any = None,
    ) -> int:
        """Append one event to the tamper-evident history (same transaction as the change)."""
        if self._last_hash is None:
            self._last_hash = self.conn.execute(
                select(t.audit_event.c.hash).order_by(t.audit_event.c.id.desc()).limit(1)
            ).scalar() or GENESIS_HASH
        fields = {
            "at": self.now.isoformat(), "actor": self.actor, "action": action,
            "project_id": project_id, "network_id": network_id, "entity": entity,
            "entity_id": entity_id, "before": _json(before), "after": _json(after),
        }
        digest = event_digest(self._last_hash, fields, CURRENT_SCHEME, payloads=(before, after))
        eid = self._insert(
            t.audit_event, at=self.now, actor=self.actor, action=action, project_id=project_id,
            network_id=network_id, entity=entity, entity_id=entity_id, before=fields["before"],
            after=fields["after"], prev_hash=self._last_hash, hash=digest,
            scheme=CURRENT_SCHEME,
        )
        self._last_hash = digest
        return eid

    def audit_events(self, project_id: int | None = None) -> list[dict[str, Any]]:
        ae = t.audit_event
        stmt = select(ae).order_by(ae.c.id)
        if project_id is not None:
            stmt = stmt.where(ae.c.project_id == project_id)
        rows = self._all(stmt)
        for r in rows:
            r["at"] = _utc(r["at"])
            r["before"] = json.loads(r["before"]) if r["before"] else None
            r["after"] = json.loads(r["after"]) if r["after"] else None
        return rows
