"""The activities aggregate: activities of a project or its network, with their attendees,
and voiding (:class:`nybureau.domain.ports.ActivityRepository`)."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.build import build
from nybureau.persistence.prepared import Prepared
from nybureau.persistence.repo_base import RowsBase


def _in_scope():
    """The activities of a project (``:project_id``) and of its network (``:network_id``; NULL
    for a project outside a network, and ``= NULL`` is true of no row)."""
    a = t.activity
    return (a.c.project_id == bindparam("project_id")) | (a.c.network_id == bindparam("network_id"))


def _scoped_activities():
    a = t.activity
    return select(a).where(_in_scope(), a.c.voided_at.is_(None)).order_by(a.c.held_on, a.c.id)


def _scoped_attendees():
    a, att, pe = t.activity, t.activity_attendee, t.person
    ids = select(a.c.id).where(_in_scope(), a.c.voided_at.is_(None))
    return (select(att.c.activity_id, pe.c.full_name).join(pe, pe.c.id == att.c.person_id)
            .where(att.c.activity_id.in_(ids.scalar_subquery()))
            .order_by(pe.c.full_name))


_ACTIVITIES = Prepared(_scoped_activities)
_ATTENDEES = Prepared(_scoped_attendees)


class ActivityRepo(RowsBase):
    def network_meeting_get(self, network_id: int, number: int) -> r.Activity | None:
        a = t.activity
        return self._rec(select(a).where(a.c.network_id == network_id,
                                         a.c.kind == "network_meeting", a.c.number == number,
                                         a.c.voided_at.is_(None)), r.Activity)

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

    def activity_get(self, activity_id: int) -> r.Activity | None:
        return self._rec(select(t.activity).where(t.activity.c.id == activity_id), r.Activity)

    def activity_same(self, project, kind: str, held_on, title) -> list[r.Activity]:
        """Activities not voided of the project's scope with this kind, date and title."""
        a = t.activity
        same_title = a.c.title.is_(None) if title is None else a.c.title == title
        return self._recs(select(a).where(self._activity_scope(project), a.c.kind == kind,
                                          a.c.held_on == held_on, same_title,
                                          a.c.voided_at.is_(None)).order_by(a.c.id),
                          r.Activity)

    def void_row(self, table: str, row_id: int, reason: str) -> None:
        """Void one row (tables.VOIDABLE): it stays, marked with when and why."""
        tb = t.metadata.tables[table]
        self.conn.execute(update(tb).where(tb.c.id == row_id)
                          .values(voided_at=self.now, void_reason=reason))

    def _activity_scope(self, project):
        a = t.activity
        cond = a.c.project_id == project["id"]
        if project.get("network_id") is not None:
            cond = cond | (a.c.network_id == project["network_id"])
        return cond

    def activities(self, project, include_voided: bool = False
                   ) -> list[r.ActivityWithAttendees]:
        """The project's (and its network's) activities by date, with their attendees; voided
        ones only with ``include_voided``."""
        if not include_voided:
            scope = {"project_id": project["id"], "network_id": project.get("network_id")}
            rows = _ACTIVITIES.rows(self.conn, **scope)
            names: dict[int, list[str]] = {}
            if rows:
                for row in _ATTENDEES.rows(self.conn, **scope):
                    names.setdefault(row["activity_id"], []).append(row["full_name"])
            return [build(r.ActivityWithAttendees, row,
                          attendees=tuple(names.get(row["id"], ()))) for row in rows]
        a, att, pe = t.activity, t.activity_attendee, t.person
        stmt = select(a).where(self._activity_scope(project))
        if not include_voided:
            stmt = stmt.where(a.c.voided_at.is_(None))
        rows = self._all(stmt.order_by(a.c.held_on, a.c.id))
        names: dict[int, list[str]] = {}
        if rows:
            for row in self.conn.execute(
                select(att.c.activity_id, pe.c.full_name).join(pe, pe.c.id == att.c.person_id)
                .where(att.c.activity_id.in_([row["id"] for row in rows]))
                .order_by(pe.c.full_name)
            ):
                names.setdefault(row.activity_id, []).append(row.full_name)
        return [build(r.ActivityWithAttendees, row, attendees=tuple(names.get(row["id"], ())))
                for row in rows]
