"""Repository methods for the risk and barrier log and the communication plan (0013, mixed into
``Tx``). Rows go in as keyword arguments named like the columns and come out as the records of
:mod:`nybureau.domain.risk_records`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from nybureau.domain import risk_records as rr
from nybureau.persistence import tables as t
from nybureau.persistence.prepared import owned

_STAKEHOLDERS = {False: owned(t.stakeholder, order=("noted_on", "id"), live=True),
                 True: owned(t.stakeholder, order=("noted_on", "id"))}


class RiskRepo:
    """A project's risks, barriers and drivers, and its stakeholders."""

    # -- the risk and barrier log ----------------------------------------------------------------
    def risk_insert(self, **values: Any) -> int:
        values.setdefault("status", "open")
        return self._insert(t.risk_entry, created_at=self.now, updated_at=self.now, **values)

    def risks(self, project_id: int, include_voided: bool = False) -> list[rr.RiskEntry]:
        """The project's log, as noted; voided entries only with ``include_voided``."""
        e = t.risk_entry
        stmt = select(e).where(e.c.project_id == project_id)
        if not include_voided:
            stmt = stmt.where(e.c.voided_at.is_(None))
        return self._recs(stmt.order_by(e.c.noted_on, e.c.id), rr.RiskEntry)

    def risk_get(self, risk_id: int) -> rr.RiskEntry | None:
        return self._rec(select(t.risk_entry).where(t.risk_entry.c.id == risk_id),
                         rr.RiskEntry)

    def risk_update(self, risk_id: int, **values: Any) -> None:
        self.conn.execute(update(t.risk_entry).where(t.risk_entry.c.id == risk_id)
                          .values(updated_at=self.now, **values))

    # -- the communication plan -------------------------------------------------------------------
    def stakeholder_insert(self, **values: Any) -> int:
        return self._insert(t.stakeholder, created_at=self.now, updated_at=self.now, **values)

    def stakeholders(self, project_id: int, include_voided: bool = False
                     ) -> list[rr.Stakeholder]:
        """The project's stakeholders, as noted; voided ones only with ``include_voided``."""
        return self._prepared(_STAKEHOLDERS[bool(include_voided)], rr.Stakeholder,
                              project_id=project_id)

    def stakeholder_get(self, stakeholder_id: int) -> rr.Stakeholder | None:
        return self._rec(select(t.stakeholder).where(t.stakeholder.c.id == stakeholder_id),
                         rr.Stakeholder)

    def stakeholder_update(self, stakeholder_id: int, **values: Any) -> None:
        self.conn.execute(update(t.stakeholder).where(t.stakeholder.c.id == stakeholder_id)
                          .values(updated_at=self.now, **values))
