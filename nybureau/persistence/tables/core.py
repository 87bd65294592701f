"""The core tables (0001, with the void columns of 0007 and the audit chain's scheme and state
columns of 0004/0005): networks, workflow definitions, projects, persons, bodies, agents,
decisions, activities, phase transitions and the audit events."""

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

from nybureau.persistence.tables.base import TS, _void_columns, metadata

network = Table(
    "network", metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(100), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("created_at", TS, nullable=False),
    # 0017: the network-responsible municipality (a free-municipality trial's project
    # management and contact to the ministry), one of the municipalities of its projects
    Column("responsible_municipality", String(200)),
)

workflow_definition = Table(
    "workflow_definition", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("spec_json", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("key", "version", "hash", name="uq_workflow_definition_key_version_hash"),
)

project = Table(
    "project", metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(100), nullable=False, unique=True),
    Column("name", String(500), nullable=False),
    Column("municipality", String(200), nullable=False),
    Column("area", String(500)),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("workflow_definition_id", Integer, ForeignKey("workflow_definition.id"),
           nullable=False),
    Column("phase", String(100), nullable=False),
    Column("phase_entered_on", Date, nullable=False),
    Column("started_on", Date, nullable=False),
    # who "indstiller" on the project's agenda items (0009): projektledelsen, forvaltningen,
    # sekretariatet or styregruppen; none means the project leadership
    Column("proposer", String(50)),
    Column("case_number", String(100)),  # the municipality's sagsnr. (0009)
    Column("version", Integer, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
)

person = Table(
    "person", metadata,
    Column("id", Integer, primary_key=True),
    Column("full_name", String(300), nullable=False, unique=True),
    Column("email", String(300)),
    # Special-category data (GDPR art. 9): stored only when given, never printed by default.
    Column("union_affiliation", String(300)),
    Column("created_at", TS, nullable=False),
)

membership = Table(
    "membership", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("body", String(50), nullable=False),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    Column("role", String(300)),
    # the membership's period (0009): none means from the project's start / still a member
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("project_id", "body", "person_id", name="uq_membership_project_body_person"),
)

agent = Table(
    "agent", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    Column("title", String(300)),
    Column("appointed_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("project_id", "person_id", name="uq_agent_project_person"),
)

decision = Table(
    "decision", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("decision_key", String(100), nullable=False),
    Column("body", String(50), nullable=False),
    Column("outcome", String(30), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("note", Text),
    # Where the decision was recorded: "cli", "import", or later "meeting:<id>".
    Column("source", String(100), nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)

activity = Table(
    "activity", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("kind", String(50), nullable=False),
    Column("number", Integer),
    Column("title", String(500)),
    Column("held_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
    CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner"),
)

activity_attendee = Table(
    "activity_attendee", metadata,
    Column("activity_id", Integer, ForeignKey("activity.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), primary_key=True, index=True),
)

phase_transition = Table(
    "phase_transition", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("from_phase", String(100)),
    Column("to_phase", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("reason", Text),
    Column("on_date", Date, nullable=False),
    Column("actor", String(300), nullable=False),
    Column("created_at", TS, nullable=False),
)

audit_event = Table(
    "audit_event", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", TS, nullable=False),
    Column("actor", String(300), nullable=False),
    Column("action", String(100), nullable=False),
    # No foreign keys: the history outlives what it describes.
    Column("project_id", Integer, index=True),
    Column("network_id", Integer),
    Column("entity", String(50), nullable=False),
    Column("entity_id", Integer),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # The hash scheme (0004): empty = scheme 1 (events written before), 2 = per-path digests
    # (persistence/chain.py).
    Column("scheme", Integer),
    # The state seal (0005): sha256 over the row_seal entries of the transaction this event
    # ended; NULL for events that sealed nothing (and for every event older than the seal).
    Column("state", String(64)),
)
