"""The schema, as SQLAlchemy Core tables. Alembic migrations in ``migrations/`` create it; a test
checks that both describe the same schema."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

TS = DateTime(timezone=True)


def _void_columns() -> tuple[Column, Column]:
    """voids (0007): a row entered by mistake is voided, not deleted — when and why. It stays
    in the database and the history and leaves gates, counts and documents. Added by
    migrations/versions/0007_voids.py to the tables in VOIDABLE."""
    return (Column("voided_at", TS), Column("void_reason", Text))


#: The tables whose rows can be voided (0007).
VOIDABLE = ("decision", "activity", "vote", "prototype_criterion", "survey_round", "attachment",
            "evaluation_note", "spreading_activity")

network = Table(
    "network", metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(100), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("created_at", TS, nullable=False),
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


# =================================================================================================
# substance (0003): governance register, workshop votes, focus areas, prototypes, evaluation and
# spreading — the substance of phases 3–6. Migration 0003_substance.py creates exactly these.
# =================================================================================================

governance_item = Table(
    "governance_item", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),            # goal, rule, documentation, other
    Column("title", String(300), nullable=False),
    Column("description", Text),
    Column("applies_to", String(300)),                     # unit / level of the governance chain
    Column("source", String(20)),                          # interview, observation, document, workshop
    Column("experience", String(20)),                      # too_tight, too_loose, fitting
    Column("character", String(20)),                       # supportive, controlling, meaningful, waste_of_time
    Column("evidence", Text),
    Column("agent_person_id", Integer, ForeignKey("person.id")),
    Column("recorded_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("project_id", "title", name="uq_governance_item_project_title"),
)

vote = Table(
    "vote", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("item_id", Integer, ForeignKey("governance_item.id"), nullable=False, index=True),
    Column("participant", String(300), nullable=False),
    Column("chain_role", String(20), nullable=False),      # frontline, leader, administration, med, union_rep
    Column("verdict", String(10), nullable=False),         # remove, change, anchor, keep
    Column("points", Integer, nullable=False),
    Column("voted_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
    UniqueConstraint("item_id", "participant", name="uq_vote_item_participant"),
)

focus_area = Table(
    "focus_area", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("description", Text),
    Column("decided_on", Date, nullable=False),
    # Why the small-steps maximum was exceeded (required only then).
    Column("reason", Text),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("project_id", "title", name="uq_focus_area_project_title"),
)

focus_area_item = Table(
    "focus_area_item", metadata,
    Column("focus_area_id", Integer, ForeignKey("focus_area.id"), primary_key=True),
    Column("item_id", Integer, ForeignKey("governance_item.id"), primary_key=True, index=True),
)

prototype = Table(
    "prototype", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("focus_area_id", Integer, ForeignKey("focus_area.id"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("description", Text),
    Column("owner", String(300)),
    Column("status", String(20), nullable=False),          # draft, piloting, adjusted, adopted, dropped
    Column("evaluation_plan", Text),                       # how and when it is evaluated
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("project_id", "title", name="uq_prototype_project_title"),
)

prototype_criterion = Table(
    "prototype_criterion", metadata,
    Column("id", Integer, primary_key=True),
    Column("prototype_id", Integer, ForeignKey("prototype.id"), nullable=False, index=True),
    Column("bottom_line", String(20)),                     # quality, work_environment, efficiency
    Column("text", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)

prototype_iteration = Table(
    "prototype_iteration", metadata,
    Column("id", Integer, primary_key=True),
    Column("prototype_id", Integer, ForeignKey("prototype.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("place", String(300), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("learned", Text),
    Column("changed", Text),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("prototype_id", "number", name="uq_prototype_iteration_prototype_number"),
)

survey_round = Table(
    "survey_round", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("kind", String(20), nullable=False),            # baseline, follow_up
    Column("held_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
    UniqueConstraint("project_id", "name", name="uq_survey_round_project_name"),
)

survey_question = Table(
    "survey_question", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("text", String(500), nullable=False),
    Column("bottom_line", String(20), nullable=False),
    UniqueConstraint("project_id", "text", name="uq_survey_question_project_text"),
)

survey_response = Table(
    "survey_response", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("survey_round.id"), nullable=False, index=True),
    # A pseudonymous key from the file (or its row number); never a name.
    Column("respondent", String(100), nullable=False),
    Column("role", String(100), nullable=False),
    UniqueConstraint("round_id", "respondent", name="uq_survey_response_round_respondent"),
)

survey_answer = Table(
    "survey_answer", metadata,
    Column("response_id", Integer, ForeignKey("survey_response.id"), primary_key=True),
    Column("question_id", Integer, ForeignKey("survey_question.id"), primary_key=True,
           index=True),
    Column("value", Integer, nullable=False),
    CheckConstraint("value BETWEEN 1 AND 5", name="likert"),
)

evaluation_note = Table(
    "evaluation_note", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),            # interview, learning_meeting
    Column("title", String(300), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("prototype_id", Integer, ForeignKey("prototype.id")),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)

spreading_activity = Table(
    "spreading_activity", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),            # article, newsletter, publication, dialogue_meeting, conference_talk
    Column("title", String(300), nullable=False),
    Column("audience", String(300), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("prototype_id", Integer, ForeignKey("prototype.id")),
    Column("note", Text),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)


# ================================================================================================
# meetings (0002) — meetings of a project's body or of a network, their agenda items and
# attachments (bilag). Mirrored exactly by migrations/versions/0002_meetings.py.
# ================================================================================================

from sqlalchemy import Boolean  # noqa: E402  (kept in this section)

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
    Column("created_at", TS, nullable=False),
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


# =================================================================================================
# state seal (0005): the digest of every row a transaction wrote, tied to its last audit event
# (nybureau/persistence/seal.py). Migration 0005_state_seal.py creates exactly this.
# =================================================================================================

row_seal = Table(
    "row_seal", metadata,
    Column("id", Integer, primary_key=True),
    # No foreign key, like audit_event's own columns: verify names a seal whose event is gone.
    Column("event_id", Integer, nullable=False, index=True),
    Column("tbl", String(100), nullable=False),
    Column("row_key", String(200), nullable=False),
    Column("digest", String(64)),  # NULL: the row was deleted
)


# ================================================================================================
# imported history (0006) — audit events that came with a project-scope import. They happened in
# another database, so they are kept apart from this database's chain, with the batch (file) they
# came in. One local ``project.import`` event vouches for each batch. Mirrored exactly by
# migrations/versions/0006_imported_history.py.
# ================================================================================================

import_batch = Table(
    "import_batch", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    # who brought the file in and when (for a batch carried onward: as recorded where it was
    # first imported)
    Column("imported_at", TS, nullable=False),
    Column("imported_by", String(300), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    # the source database's chain at export time: its length, its head, and its skeleton
    # (a JSON list of [event id, hash]), against which the batch's events are checked
    Column("source_events", Integer, nullable=False),
    Column("source_head", String(64), nullable=False),
    Column("chain", Text, nullable=False),
    Column("events", Integer, nullable=False),
    # the event that vouches for this batch: a local audit_event id (carried_by_id empty), or
    # the source id of an imported event of the carrying batch (a batch carried onward by a
    # re-export); origin_batch_id is then this batch's id in that other database
    Column("vouched_by_event", Integer, nullable=False),
    Column("carried_by_id", Integer, ForeignKey("import_batch.id")),
    Column("origin_batch_id", Integer),
)

imported_event = Table(
    "imported_event", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=False, index=True),
    # the event exactly as the source chain holds it (ids are the source database's)
    Column("source_id", Integer, nullable=False),
    Column("at", TS, nullable=False),
    Column("actor", String(300), nullable=False),
    Column("action", String(100), nullable=False),
    Column("source_project_id", Integer),
    Column("source_network_id", Integer),
    Column("entity", String(50), nullable=False),
    Column("source_entity_id", Integer),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # the source's hash scheme and state seal digest of the event, which its hash covers
    Column("scheme", Integer),
    Column("state", String(64)),
    UniqueConstraint("batch_id", "source_id", name="uq_imported_event_batch_source"),
)
