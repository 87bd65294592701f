"""The records of the field work's tables (0014): the documentation agents' field notes.
Registered in :data:`nybureau.domain.records.JOINED_RECORDS`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


@record
class FieldNote(_MappingCompat):
    """A field note: what a documentation agent heard or saw on a day, from an interview, an
    observation or a document; the role of who was heard, never their name. With the agent's
    name (``agent``) and the governance items it is evidence of (``item_ids``)."""
    id: int
    project_id: int
    noted_on: date
    source: str
    role: str
    text: str
    agent_person_id: int | None
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None
    agent: str | None
    item_ids: tuple[int, ...]
