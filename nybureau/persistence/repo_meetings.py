"""Repository methods for meetings, agenda items and attachments (mixed into ``Tx``).

Rows come out as records (:mod:`nybureau.domain.records`); ``recommendations`` (the indstilling)
is stored as a JSON list of sentences and handed out as a tuple (a generated sentence is a
{"da", "en"} object); ``background_generated`` (0008) is stored as a JSON object {"da", "en"}
and handed out as a dict.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.build import build
from nybureau.persistence.prepared import Prepared, owned
from nybureau.persistence.repo_base import read_once


# Columns of agenda_item kept as JSON text.
_JSON_COLUMNS = ("recommendations", "background_generated")


def _item_in(values: dict[str, Any]) -> dict[str, Any]:
    for col in _JSON_COLUMNS:
        if isinstance(values.get(col), (list, tuple, dict)):
            values[col] = json.dumps(values[col], ensure_ascii=False)
    return values


def _item_out(row: dict[str, Any], attachments: tuple[r.Attachment, ...]) -> r.AgendaItem:
    raw = row.get("recommendations")
    generated = row.get("background_generated")
    return build(r.AgendaItem, row, recommendations=tuple(json.loads(raw)) if raw else None,
                 background_generated=json.loads(generated) if generated else None,
                 closed=bool(row["closed"]), attachments=attachments)


def _meeting_select():
    m, p, n = t.meeting, t.project, t.network
    return (
        select(m, p.c.slug.label("project_slug"), p.c.name.label("project_name"),
               p.c.municipality.label("municipality"),
               n.c.slug.label("network_slug"), n.c.name.label("network_name"))
        .outerjoin(p, p.c.id == m.c.project_id)
        .outerjoin(n, n.c.id == m.c.network_id)
    )


def _listed(owner: str):
    """A project's (or a network's) meetings, each with its number of agenda items (counted
    per meeting, through the index on ``agenda_item.meeting_id``)."""
    m, ai = t.meeting, t.agenda_item
    items = select(func.count()).where(ai.c.meeting_id == m.c.id).scalar_subquery()
    return (_meeting_select().add_columns(items.label("items"))
            .where(m.c[owner] == bindparam("owner")).order_by(m.c.starts_at, m.c.id))


def _attachments():
    """The attachments not voided of the agenda of ``:meeting_id``."""
    at, ai = t.attachment, t.agenda_item
    return (select(at).join(ai, ai.c.id == at.c.agenda_item_id)
            .where(ai.c.meeting_id == bindparam("meeting_id"), at.c.voided_at.is_(None))
            .order_by(at.c.id))


_MEETING = Prepared(lambda: _meeting_select().where(t.meeting.c.id == bindparam("id")))
_AGENDA = owned(t.agenda_item, owner="meeting_id", order=("position", "id"))
_ATTACHMENTS = Prepared(_attachments)
_PEOPLE = Prepared(lambda: select(t.meeting_person.c.person_id, t.meeting_person.c.role,
                                  t.meeting_person.c.attendance, t.person.c.full_name)
                   .join(t.person, t.person.c.id == t.meeting_person.c.person_id)
                   .where(t.meeting_person.c.meeting_id == bindparam("meeting_id"))
                   .order_by(t.person.c.full_name))
_LISTED = {"project_id": Prepared(lambda: _listed("project_id")),
           "network_id": Prepared(lambda: _listed("network_id"))}


class MeetingRepo:
    """Meetings of a project's body or of a network, with their agenda and participants."""

    # -- meetings -------------------------------------------------------------------------------
    def _meeting_select(self):
        return _meeting_select()

    def meeting_add(self, **values) -> int:
        return self._insert(t.meeting, created_at=self.now, **values)

    @read_once
    def meeting_get(self, meeting_id: int) -> r.Meeting | None:
        return self._prepared_one(_MEETING, r.Meeting, id=meeting_id)

    @read_once
    def meeting_list(self, *, project_id: int | None = None,
                     network_id: int | None = None) -> list[r.MeetingListed]:
        if (project_id is None) != (network_id is None):  # one owner's meetings
            owner = "project_id" if project_id is not None else "network_id"
            return self._prepared(_LISTED[owner], r.MeetingListed,
                                  owner=project_id if project_id is not None else network_id)
        m = t.meeting
        stmt = self._meeting_select().order_by(m.c.starts_at, m.c.id)
        if project_id is not None:
            stmt = stmt.where(m.c.project_id == project_id)
        if network_id is not None:
            stmt = stmt.where(m.c.network_id == network_id)
        rows = self._all(stmt)
        counts: dict[int, int] = {}
        if rows:
            counts = dict(self.conn.execute(
                select(t.agenda_item.c.meeting_id, func.count())
                .where(t.agenda_item.c.meeting_id.in_([row["id"] for row in rows]))
                .group_by(t.agenda_item.c.meeting_id)).all())
        return [build(r.MeetingListed, row, items=counts.get(row["id"], 0)) for row in rows]

    def meeting_update(self, meeting_id: int, **values) -> None:
        self.conn.execute(update(t.meeting).where(t.meeting.c.id == meeting_id).values(**values))

    def meeting_previous(self, meeting) -> r.Meeting | None:
        """The same body's last meeting before this one that was not cancelled: the one whose
        minutes this meeting approves ('godkendelse af referat'; a cancelled one has none)."""
        from datetime import timezone

        m = t.meeting
        starts = meeting["starts_at"]
        starts = starts.astimezone(timezone.utc) if starts.tzinfo is not None else \
            starts.replace(tzinfo=timezone.utc)
        owner = (m.c.project_id == meeting["project_id"] if meeting["project_id"] is not None
                 else m.c.network_id == meeting["network_id"])
        return self._rec(
            self._meeting_select()
            .where(owner, m.c.body == meeting["body"], m.c.starts_at < starts,
                   m.c.status != "cancelled")
            .order_by(m.c.starts_at.desc()).limit(1), r.Meeting)

    def approved_minutes_sources(self, project_id: int) -> set[str]:
        """Decision sources ("meeting:<id>") of the project's meetings with approved minutes."""
        m = t.meeting
        ids = self.conn.execute(select(m.c.id).where(m.c.project_id == project_id,
                                                     m.c.status == "approved")).scalars()
        return {f"meeting:{i}" for i in ids}

    # -- participants ---------------------------------------------------------------------------
    def meeting_people(self, meeting_id: int) -> list[r.MeetingPerson]:
        return self._prepared(_PEOPLE, r.MeetingPerson, meeting_id=meeting_id)

    def meeting_person_set(self, meeting_id: int, person_id: int, role: str | None,
                           attendance: str) -> None:
        mp = t.meeting_person
        self.conn.execute(delete(mp).where(mp.c.meeting_id == meeting_id,
                                           mp.c.person_id == person_id))
        self._insert(mp, meeting_id=meeting_id, person_id=person_id, role=role,
                     attendance=attendance)

    # -- agenda items ---------------------------------------------------------------------------
    def item_add(self, meeting_id: int, **values) -> int:
        return self._insert(t.agenda_item, meeting_id=meeting_id, created_at=self.now,
                            **_item_in(values))

    def items(self, meeting_id: int, include_voided: bool = False) -> list[r.AgendaItem]:
        """The agenda with each item's attachments; voided attachments only with
        ``include_voided``."""
        if not include_voided:
            rows = _AGENDA.rows(self.conn, meeting_id=meeting_id)
            by_item: dict[int, list[r.Attachment]] = {}
            for a in _ATTACHMENTS.rows(self.conn, meeting_id=meeting_id) if rows else ():
                by_item.setdefault(a["agenda_item_id"], []).append(
                    build(r.Attachment, a, publishable=bool(a["publishable"])))
            return [_item_out(row, tuple(by_item.get(row["id"], ()))) for row in rows]
        ai = t.agenda_item
        rows = self._all(
            select(ai).where(ai.c.meeting_id == meeting_id).order_by(ai.c.position, ai.c.id))
        by_item: dict[int, list[r.Attachment]] = {}
        if rows:
            at = t.attachment
            att_stmt = select(at).where(at.c.agenda_item_id.in_([row["id"] for row in rows]))
            if not include_voided:
                att_stmt = att_stmt.where(at.c.voided_at.is_(None))
            for a in self._all(att_stmt.order_by(at.c.id)):
                by_item.setdefault(a["agenda_item_id"], []).append(
                    build(r.Attachment, a, publishable=bool(a["publishable"])))
        return [_item_out(row, tuple(by_item.get(row["id"], ()))) for row in rows]

    def item_update(self, item_id: int, **values) -> None:
        self.conn.execute(update(t.agenda_item).where(t.agenda_item.c.id == item_id)
                          .values(**_item_in(values)))

    def attachment_add(self, item_id: int, title: str, location: str, publishable: bool) -> int:
        return self._insert(t.attachment, agenda_item_id=item_id, title=title, location=location,
                            publishable=publishable, created_at=self.now)
