"""Repository methods for the frame project a network carries (0018, mixed into ``Tx``): the
programme and its steps. Rows go in as keyword arguments named like the columns and come out as
the records of :mod:`nybureau.domain.programme_records`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from nybureau.domain import programme_records as pr
from nybureau.persistence import tables as t
from nybureau.persistence.prepared import owned

_PROGRAMME = owned(t.network_programme, owner="network_id")


class ProgrammeRepo:
    """A network's programme and its steps."""

    def programme_get(self, network_id: int) -> pr.Programme | None:
        return self._prepared_one(_PROGRAMME, pr.Programme, network_id=network_id)

    def programme_add(self, **values: Any) -> int:
        return self._insert(t.network_programme, created_at=self.now, updated_at=self.now,
                            **values)

    def programme_update(self, programme_id: int, **values: Any) -> None:
        p = t.network_programme
        self.conn.execute(update(p).where(p.c.id == programme_id)
                          .values(updated_at=self.now, **values))

    def step_list(self, programme_id: int) -> list[pr.ProgrammeStep]:
        s = t.programme_step
        return self._recs(select(s).where(s.c.programme_id == programme_id)
                          .order_by(s.c.number), pr.ProgrammeStep)

    def step_add(self, **values: Any) -> int:
        return self._insert(t.programme_step, created_at=self.now, updated_at=self.now,
                            **values)

    def step_update(self, step_id: int, **values: Any) -> None:
        s = t.programme_step
        self.conn.execute(update(s).where(s.c.id == step_id)
                          .values(updated_at=self.now, **values))
