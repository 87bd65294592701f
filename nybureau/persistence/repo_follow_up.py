"""Repository methods for what happens between meetings (0011, mixed into ``Tx``): action items,
meeting series, a body's deadlines and the mail outbox. Rows go in as keyword arguments named
like the columns and come out as the records of :mod:`nybureau.domain.follow_up_records`."""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select, update

from nybureau.domain import follow_up_records as fr
from nybureau.persistence import tables as t


class FollowUpRepo:
    """Action items, meeting series, body deadlines and the outbox."""

    # -- action items ---------------------------------------------------------------------------
    def action_add(self, **values: Any) -> int:
        values.setdefault("status", "open")
        return self._insert(t.action_item, created_at=self.now, updated_at=self.now, **values)

    def action_get(self, action_id: int) -> fr.ActionItem | None:
        return self._rec(select(t.action_item).where(t.action_item.c.id == action_id),
                         fr.ActionItem)

    def action_list(self, *, project_id: int | None = None, network_id: int | None = None,
                    meeting_id: int | None = None, agenda_item_id: int | None = None,
                    statuses: Iterable[str] | None = None,
                    person_id: int | None = None) -> list[fr.ActionItem]:
        """Action items, by due date (none last), then as agreed; every filter given must hold."""
        a = t.action_item
        stmt = select(a)
        for column, value in (("project_id", project_id), ("network_id", network_id),
                              ("meeting_id", meeting_id), ("agenda_item_id", agenda_item_id),
                              ("person_id", person_id)):
            if value is not None:
                stmt = stmt.where(a.c[column] == value)
        if statuses is not None:
            stmt = stmt.where(a.c.status.in_(list(statuses)))
        stmt = stmt.order_by(a.c.due_on.is_(None), a.c.due_on, a.c.agreed_on, a.c.id)
        return self._recs(stmt, fr.ActionItem)

    def action_update(self, action_id: int, **values: Any) -> None:
        self.conn.execute(update(t.action_item).where(t.action_item.c.id == action_id)
                          .values(updated_at=self.now, **values))

    # -- meeting series -------------------------------------------------------------------------
    def series_add(self, **values: Any) -> int:
        return self._insert(t.meeting_series, created_at=self.now, **values)

    def series_get(self, series_id: int) -> fr.MeetingSeries | None:
        return self._rec(select(t.meeting_series).where(t.meeting_series.c.id == series_id),
                         fr.MeetingSeries)

    def series_list(self, *, project_id: int | None = None,
                    network_id: int | None = None) -> list[fr.MeetingSeries]:
        s = t.meeting_series
        stmt = select(s).order_by(s.c.starts_on, s.c.id)
        if project_id is not None:
            stmt = stmt.where(s.c.project_id == project_id)
        if network_id is not None:
            stmt = stmt.where(s.c.network_id == network_id)
        return self._recs(stmt, fr.MeetingSeries)

    # -- a body's deadlines ---------------------------------------------------------------------
    def deadline_get(self, body: str, *, project_id: int | None = None,
                     network_id: int | None = None) -> fr.BodyDeadline | None:
        d = t.body_deadline
        owner = (d.c.project_id == project_id if project_id is not None
                 else d.c.network_id == network_id)
        return self._rec(select(d).where(owner, d.c.body == body), fr.BodyDeadline)

    def deadline_list(self, *, project_id: int | None = None,
                      network_id: int | None = None) -> list[fr.BodyDeadline]:
        d = t.body_deadline
        stmt = select(d).order_by(d.c.project_id, d.c.network_id, d.c.body)
        if project_id is not None:
            stmt = stmt.where(d.c.project_id == project_id)
        if network_id is not None:
            stmt = stmt.where(d.c.network_id == network_id)
        return self._recs(stmt, fr.BodyDeadline)

    def deadline_set(self, body: str, *, project_id: int | None = None,
                     network_id: int | None = None, **values: Any) -> int:
        """Insert or update the body's deadlines (``agenda_days``, ``minutes_days``)."""
        row = self.deadline_get(body, project_id=project_id, network_id=network_id)
        if row is None:
            return self._insert(t.body_deadline, project_id=project_id, network_id=network_id,
                                body=body, created_at=self.now, updated_at=self.now, **values)
        self.conn.execute(update(t.body_deadline).where(t.body_deadline.c.id == row.id)
                          .values(updated_at=self.now, **values))
        return row.id

    # -- the outbox -----------------------------------------------------------------------------
    def outbox_add(self, **values: Any) -> int:
        values.setdefault("status", "queued")
        values.setdefault("attempts", 0)
        return self._insert(t.outbox_message, queued_at=self.now, **values)

    def outbox_get(self, outbox_id: int) -> fr.OutboxMessage | None:
        return self._rec(select(t.outbox_message).where(t.outbox_message.c.id == outbox_id),
                         fr.OutboxMessage)

    def outbox_list(self, *, statuses: Iterable[str] | None = None,
                    meeting_id: int | None = None, project_id: int | None = None,
                    purpose: str | None = None) -> list[fr.OutboxMessage]:
        o = t.outbox_message
        stmt = select(o).order_by(o.c.queued_at, o.c.id)
        if statuses is not None:
            stmt = stmt.where(o.c.status.in_(list(statuses)))
        for column, value in (("meeting_id", meeting_id), ("project_id", project_id),
                              ("purpose", purpose)):
            if value is not None:
                stmt = stmt.where(o.c[column] == value)
        return self._recs(stmt, fr.OutboxMessage)

    def outbox_update(self, outbox_id: int, **values: Any) -> None:
        self.conn.execute(update(t.outbox_message).where(t.outbox_message.c.id == outbox_id)
                          .values(**values))


__all__ = ["FollowUpRepo"]
