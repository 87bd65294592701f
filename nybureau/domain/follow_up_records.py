"""The records of the tables between meetings (0011): action items, meeting series, a body's
deadlines and the mail outbox. Registered in :data:`nybureau.domain.records.TABLE_RECORDS`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


@record
class ActionItem(_MappingCompat):
    """An action item (handlepunkt): what, who, by when; open, done or cancelled."""
    id: int
    project_id: int | None
    network_id: int | None
    meeting_id: int | None  # the meeting that agreed it (None: added on the project)
    agenda_item_id: int | None  # the agenda item it was agreed under
    what: str
    who: str | None  # the owner's name as given
    person_id: int | None  # the owner, when a known person
    due_on: date | None
    status: str  # open | done | cancelled
    note: str | None
    agreed_on: date
    closed_on: date | None
    created_at: datetime
    updated_at: datetime


@record
class MeetingSeries(_MappingCompat):
    """A body's meetings planned together: the rule (JSON text) and the template agenda."""
    id: int
    project_id: int | None
    network_id: int | None
    body: str
    title: str | None
    rule: str
    template: str | None
    starts_on: date
    ends_on: date
    created_at: datetime


@record
class BodyDeadline(_MappingCompat):
    """A body's deadlines in working days (None: the default)."""
    id: int
    project_id: int | None
    network_id: int | None
    body: str
    agenda_days: int | None
    minutes_days: int | None
    created_at: datetime
    updated_at: datetime
    minutes_rule: str | None = None  # who approves its minutes on the web: all | chair (0012)


@record
class OutboxMessage(_MappingCompat):
    """An e-mail as recorded before it left: queued, sending, sent or failed."""
    id: int
    message_id: str
    purpose: str
    project_id: int | None
    network_id: int | None
    meeting_id: int | None
    recipients: str  # JSON list
    subject: str
    documents: str | None  # JSON
    content: str
    status: str
    attempts: int
    last_error: str | None
    queued_at: datetime
    attempted_at: datetime | None
    sent_at: datetime | None
