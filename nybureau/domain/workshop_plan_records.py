"""The records of the workshop plan's tables (0015): the plan and its invitees. Registered in
:data:`nybureau.domain.records.TABLE_RECORDS`."""

from __future__ import annotations

from datetime import datetime

from nybureau.domain.records import _MappingCompat, record


@record
class WorkshopPlan(_MappingCompat):
    """When and where a project's prioritisation workshop is held, and how many groups."""
    id: int
    project_id: int
    starts_at: datetime
    place: str | None
    group_count: int | None
    created_at: datetime
    updated_at: datetime


@record
class WorkshopInvitee(_MappingCompat):
    """A person invited to the workshop: their part of the governance chain and their group."""
    id: int
    plan_id: int
    person_id: int
    chain_role: str
    group_no: int | None
    group_name: str | None
    position: int


@record
class InvitedPerson(WorkshopInvitee):
    """An invitee with the person's name."""
    full_name: str
