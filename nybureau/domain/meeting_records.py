"""The records of meetings: a meeting (listed with its project), its people, an agenda item, an
attachment, and a project's own texts. Re-exported by :mod:`nybureau.domain.records`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


# -- meetings ----------------------------------------------------------------------------------------
@record
class Meeting(_MappingCompat):
    """A meeting with its project's slug, name and municipality or its network's slug and
    name."""
    id: int
    project_id: int | None
    network_id: int | None
    body: str
    number: int | None
    committee: str | None
    title: str | None
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    minute_taker: str | None
    status: str
    approved_on: date | None
    agenda_sent_at: datetime | None  # when the agenda was sent (0009): then it is frozen
    case_number: str | None  # sagsnr. (0009)
    document_number: str | None  # dok.nr. (0009)
    created_at: datetime
    series_id: int | None  # the meeting series it was planned in (0011)
    minutes_sent_at: datetime | None  # when its minutes were sent (0011)
    project_slug: str | None
    project_name: str | None
    municipality: str | None
    network_slug: str | None
    network_name: str | None


@record
class MeetingListed(Meeting):
    """A meeting of a list, with its number of agenda items."""
    items: int


@record
class MeetingPerson(_MappingCompat):
    """A participant of a meeting (or one who sent apologies), with the person's name."""
    person_id: int
    role: str | None
    attendance: str
    full_name: str


@record
class ProjectText(_MappingCompat):
    """One of the project's own texts (0009): ``field`` names which (background, purpose …)."""
    id: int
    project_id: int
    field: str
    text: str
    created_at: datetime
    updated_at: datetime


@record
class Attachment(_MappingCompat):
    id: int
    agenda_item_id: int
    title: str
    location: str
    publishable: bool
    created_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class AgendaItem(_MappingCompat):
    """An agenda item with its recommendations (the indstilling, sentences) and attachments."""
    id: int
    meeting_id: int
    position: int
    standing: str | None
    title: str | None
    kind: str
    closed: bool
    case_number: str | None
    background: str | None  # as a user wrote it
    # the background nybureau generated when it planned the agenda (0008): {"da": …, "en": …}
    background_generated: dict[str, str] | None
    # a generated sentence is {"da": …, "en": …}; a user's is a str
    recommendations: tuple[str | dict[str, str], ...] | None
    finances: str | None
    summary: str | None  # resumé (0009)
    consequences: str | None  # konsekvenser (0009)
    consultation: str | None  # høring og sagsgang (0009)
    decision_key: str | None
    subject_project_id: int | None
    outcome: str | None
    decision_text: str | None
    decided_at: datetime | None
    created_at: datetime
    attachments: tuple[Attachment, ...]
