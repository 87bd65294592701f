"""Repository methods for the workshop plan (0015, mixed into ``Tx``): the plan of a project's
prioritisation workshop and its invitees. Rows come out as the records of
:mod:`nybureau.domain.workshop_plan_records`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from nybureau.domain import workshop_plan_records as wp
from nybureau.persistence import tables as t


class WorkshopPlanRepo:
    """The workshop plan's rows."""

    def workshop_plan_get(self, project_id: int) -> wp.WorkshopPlan | None:
        p = t.workshop_plan
        return self._rec(select(p).where(p.c.project_id == project_id), wp.WorkshopPlan)

    def workshop_plan_save(self, project_id: int, **values: Any) -> int:
        """Insert the project's plan, or change the one it has; its id."""
        found = self.workshop_plan_get(project_id)
        if found is None:
            return self._insert(t.workshop_plan, project_id=project_id, created_at=self.now,
                                updated_at=self.now, **values)
        self.conn.execute(update(t.workshop_plan).where(t.workshop_plan.c.id == found.id)
                          .values(updated_at=self.now, **values))
        return found.id

    def workshop_invitees(self, plan_id: int) -> list[wp.InvitedPerson]:
        """The plan's invitees with their names, in the invitation list's order."""
        i, pe = t.workshop_invitee, t.person
        return self._recs(select(i, pe.c.full_name).join(pe, pe.c.id == i.c.person_id)
                          .where(i.c.plan_id == plan_id).order_by(i.c.position),
                          wp.InvitedPerson)

    def workshop_invitees_set(self, plan_id: int, rows: list[dict[str, Any]]) -> list[int]:
        """Replace the plan's invitees with ``rows`` (person_id, chain_role, group_no,
        group_name), numbered in their order."""
        self.conn.execute(delete(t.workshop_invitee)
                          .where(t.workshop_invitee.c.plan_id == plan_id))
        return [self._insert(t.workshop_invitee, plan_id=plan_id, position=n, **row)
                for n, row in enumerate(rows, 1)]
