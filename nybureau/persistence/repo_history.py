"""The history aggregate: phase transitions and the tamper-evident audit trail
(:class:`nybureau.domain.ports.HistoryRepository`). ``audit_many`` appends many events to the
hash chain with one ``executemany``."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import select

from nybureau.domain import records as r
from nybureau.domain.records import plain
from nybureau.persistence import tables as t
from nybureau.persistence.build import build
from nybureau.persistence.chain import CURRENT_SCHEME, GENESIS_HASH, _json, event_digest
from nybureau.persistence.prepared import owned
from nybureau.persistence.repo_base import RowsBase, read_once

_TRANSITIONS = owned(t.phase_transition, order=("on_date", "id"))


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class HistoryRepo(RowsBase):
    _last_hash: str | None

    # -- phase history --------------------------------------------------------------------------
    def transition_add(self, **values) -> int:
        return self._insert(t.phase_transition, actor=self.actor, created_at=self.now, **values)

    @read_once
    def transitions(self, project_id: int) -> list[r.Transition]:
        return self._prepared(_TRANSITIONS, r.Transition, project_id=project_id)

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
        before, after = plain(before), plain(after)
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

    def audit_events(self, project_id: int | None = None) -> list[r.AuditEvent]:
        ae = t.audit_event
        stmt = select(ae).order_by(ae.c.id)
        if project_id is not None:
            stmt = stmt.where(ae.c.project_id == project_id)
        return [build(r.AuditEvent, row, at=_utc(row["at"]),
                      before=json.loads(row["before"]) if row["before"] else None,
                      after=json.loads(row["after"]) if row["after"] else None)
                for row in self._all(stmt)]

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
