"""The field work aggregate: the documentation agents' field notes and the governance items
each is evidence of (:class:`nybureau.domain.ports.FieldworkRepository`). A mixin of
:class:`~nybureau.persistence.repository.Tx`: the methods use ``self.conn``, ``self.now`` and the
helpers of :class:`~nybureau.persistence.repo_base.RowsBase`."""

from __future__ import annotations

from sqlalchemy import select

from nybureau.domain import records as r
from nybureau.persistence import tables as t
from nybureau.persistence.build import build


class FieldworkRepo:
    def field_note_insert(self, item_ids: list[int], **values) -> int:
        nid = self._insert(t.field_note, created_at=self.now, **values)
        if item_ids:
            self.conn.execute(t.field_note_item.insert(),
                              [{"note_id": nid, "item_id": i} for i in item_ids])
        return nid

    def _field_notes(self, where) -> list[r.FieldNote]:
        fn, fi, pe = t.field_note, t.field_note_item, t.person
        rows = self._all(select(fn, pe.c.full_name.label("agent"))
                         .outerjoin(pe, pe.c.id == fn.c.agent_person_id)
                         .where(*where).order_by(fn.c.noted_on, fn.c.id))
        links: dict[int, list[int]] = {}
        if rows:
            ids = [row["id"] for row in rows]
            for nid, iid in self.conn.execute(
                select(fi.c.note_id, fi.c.item_id).where(fi.c.note_id.in_(ids))
                .order_by(fi.c.item_id)
            ):
                links.setdefault(nid, []).append(iid)
        return [build(r.FieldNote, row, item_ids=tuple(links.get(row["id"], ())))
                for row in rows]

    def field_notes(self, project_id: int, include_voided: bool = False
                    ) -> list[r.FieldNote]:
        """The project's field notes by date; voided ones only with ``include_voided``."""
        fn = t.field_note
        where = [fn.c.project_id == project_id]
        if not include_voided:
            where.append(fn.c.voided_at.is_(None))
        return self._field_notes(where)

    def field_note_get(self, note_id: int) -> r.FieldNote | None:
        found = self._field_notes([t.field_note.c.id == note_id])
        return found[0] if found else None
