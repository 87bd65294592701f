"""meetings (0002) — meetings of a project's body or of a network, their agenda items and
attachments (bilag). Mirrored exactly by migrations/versions/0002_meetings.py."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from nybureau.persistence.tables.base import TS, _void_columns, metadata

meeting = Table(
    "meeting", metadata,
    Column("id", Integer, primary_key=True),
    # A meeting belongs to a body of a project (management, med, steering_group …) or, with
    # body "network", to a network (network meetings 1–4).
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("body", String(50), nullable=False),
    Column("number", Integer),  # network meeting 1–4
    Column("committee", String(300)),  # the body's own name, e.g. "Hoved-MED"
    Column("title", String(500)),
    Column("starts_at", TS, nullable=False),
    Column("ends_at", TS),
    Column("place", String(500)),
    Column("minute_taker", String(300)),
    # planned → held → approved (minutes approved); a planned meeting may be cancelled instead
    Column("status", String(20), nullable=False),
    Column("approved_on", Date),
    # when the agenda was sent (0009): from then on it is frozen as of this moment
    Column("agenda_sent_at", TS),
    Column("case_number", String(100)),  # sagsnr. (0009)
    Column("document_number", String(100)),  # dok.nr. (0009)
    Column("created_at", TS, nullable=False),
    # the series the meeting was planned in (0011; meeting_series.id, no foreign key: SQLite
    # cannot add one to an existing table) and when its minutes were sent (0011)
    Column("series_id", Integer, index=True),
    Column("minutes_sent_at", TS),
    CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner"),
)

meeting_person = Table(
    "meeting_person", metadata,
    Column("meeting_id", Integer, ForeignKey("meeting.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), primary_key=True, index=True),
    Column("role", String(300)),
    # "participant" (deltager) or "apology" (afbud)
    Column("attendance", String(20), nullable=False),
)

agenda_item = Table(
    "agenda_item", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # the item number, 1, 2, 3 …
    # Standing items and decision items keep their title empty until edited, so documents can
    # give them in Danish or English; ``standing`` names the standing item (approve_agenda …).
    Column("standing", String(50)),
    Column("title", String(500)),
    Column("kind", String(20), nullable=False),  # decision | discussion | information
    Column("closed", Boolean, nullable=False),
    Column("case_number", String(100)),
    Column("background", Text),  # sagsfremstilling, as a user wrote it
    # the sagsfremstilling nybureau generated when it planned the agenda (0008): JSON
    # {"da": …, "en": …}; ``background``, when a user has written one, is shown instead
    Column("background_generated", Text),
    # indstilling: JSON list of "at …" sentences, a user's as a string, a generated one as
    # {"da": …, "en": …}
    Column("recommendations", Text),
    Column("finances", Text),  # økonomi
    Column("summary", Text),  # resumé (0009)
    Column("consequences", Text),  # konsekvenser (0009)
    Column("consultation", Text),  # høring og sagsgang (0009)
    Column("decision_key", String(100)),  # the workflow decision this item asks for
    Column("subject_project_id", Integer, ForeignKey("project.id")),  # network agendas
    Column("outcome", String(30)),
    Column("decision_text", Text),  # beslutning, in the minutes right after the indstilling
    Column("decided_at", TS),
    Column("created_at", TS, nullable=False),
)

attachment = Table(
    "attachment", metadata,
    Column("id", Integer, primary_key=True),
    Column("agenda_item_id", Integer, ForeignKey("agenda_item.id"), nullable=False, index=True),
    Column("title", String(500), nullable=False),
    Column("location", String(1000), nullable=False),  # a file path or a link
    Column("publishable", Boolean, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)
