"""Between meetings (0011): action items, meeting series, each body's deadlines and the mail
outbox. Defined after every older table so that the order of ``metadata.sorted_tables`` (export
order, seal order) of those is unchanged. Mirrored exactly by
migrations/versions/0011_follow_up.py."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from nybureau.persistence.tables.base import TS, metadata

# An action item (opfølgningspunkt / handlepunkt): what is to be done, by whom, by when. Agreed
# at a meeting under one of its items (meeting_id, agenda_item_id) or standalone on a project.
action_item = Table(
    "action_item", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("meeting_id", Integer, ForeignKey("meeting.id"), index=True),
    Column("agenda_item_id", Integer, ForeignKey("agenda_item.id")),
    Column("what", Text, nullable=False),
    Column("who", String(300)),  # the owner's name as given (a person, or a body/unit)
    Column("person_id", Integer, ForeignKey("person.id"), index=True),  # when a known person
    Column("due_on", Date),
    # open → done | cancelled; the note says how it was closed
    Column("status", String(20), nullable=False),
    Column("note", Text),
    Column("agreed_on", Date, nullable=False),  # the meeting's day, or the day it was added
    Column("closed_on", Date),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner"),
)

# A body's meetings planned together for a period (meeting.series_id names the series): how
# the dates were chosen (``rule``, JSON as given: {"every": …} or {"dates": […]}) and the
# template agenda every meeting of it was planned with (``template``, JSON list of items).
meeting_series = Table(
    "meeting_series", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("body", String(50), nullable=False),
    Column("title", String(500)),
    Column("rule", Text, nullable=False),
    Column("template", Text),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner"),
)

# A body's deadlines, in working days (Danish public holidays not counted): the agenda is sent
# ``agenda_days`` before the meeting, the minutes within ``minutes_days`` after it. None = the
# default of the body's kind.
body_deadline = Table(
    "body_deadline", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("body", String(50), nullable=False),
    Column("agenda_days", Integer),
    Column("minutes_days", Integer),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    # who approves the body's minutes on the web (0012): "all" (every member present) or
    # "chair" (the chair alone); None = all
    Column("minutes_rule", String(20)),
    UniqueConstraint("project_id", "network_id", "body"),
    CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner"),
)

# Every e-mail nybureau sends, recorded before it leaves (the outbox): queued → sending → sent,
# or failed (with the error) to be retried. ``content`` is the whole message as handed to the
# server (RFC 5322, with its Message-ID), so a retry sends exactly the same message.
outbox_message = Table(
    "outbox_message", metadata,
    Column("id", Integer, primary_key=True),
    Column("message_id", String(300), nullable=False, unique=True),
    Column("purpose", String(30), nullable=False),  # agenda | minutes | reminder
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id")),
    Column("meeting_id", Integer, ForeignKey("meeting.id"), index=True),
    Column("recipients", Text, nullable=False),  # JSON list of the envelope's addresses
    Column("subject", String(998), nullable=False),
    # JSON: what the message carries (documents, files, the invitation's SEQUENCE, the agenda's
    # version) — what the history tells
    Column("documents", Text),
    Column("content", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("queued_at", TS, nullable=False),
    Column("attempted_at", TS),
    Column("sent_at", TS),
)
