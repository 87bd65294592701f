"""The decisions aggregate (:class:`nybureau.domain.ports.DecisionRepository`)."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.prepared import owned
from nybureau.persistence.repo_base import RowsBase

_DECISIONS = {False: owned(t.decision, order=("decided_on", "id"), live=True),
              True: owned(t.decision, order=("decided_on", "id"))}


class DecisionRepo(RowsBase):
    # -- decisions and activities -----------------------------------------------------------
    def decision_add(self, **values) -> int:
        return self._insert(t.decision, created_at=self.now, **values)

    def decisions(self, project_id: int, include_voided: bool = False) -> list[r.Decision]:
        """The project's decisions by date; voided ones only with ``include_voided``."""
        return self._prepared(_DECISIONS[bool(include_voided)], r.Decision,
                              project_id=project_id)

    def decision_get(self, decision_id: int) -> r.Decision | None:
        return self._rec(select(t.decision).where(t.decision.c.id == decision_id), r.Decision)

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
