"""substance (0003): governance register, workshop votes, focus areas, prototypes, evaluation and
spreading — the substance of phases 3–6. Migration 0003_substance.py creates exactly these."""

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
    UniqueConstraint,
)

from nybureau.persistence.tables.base import TS, _void_columns, metadata

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
    # 0014: who experiences it as too tight or too loose (a role of HEARD_ROLES), and the note
    # that explains labels that seem to contradict each other
    Column("experienced_by", String(20)),
    Column("label_note", Text),
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
    # 0017: the years the focus area runs (focus areas of a trial run in parallel, each from
    # its own start); none: not said
    Column("start_year", Integer),
    Column("end_year", Integer),
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
    # 0010: the agreed target and its measurement (null: not measured)
    Column("target", String(300)),
    Column("measured", Text),
    Column("met", Boolean),
    Column("measured_on", Date),
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
    Column("kind", String(20), nullable=False),            # baseline, mid_term, follow_up
    Column("held_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
    # 0016: how many were invited (for the response rate) and who answered (staff, citizen)
    Column("invited", Integer),
    Column("respondent_group", String(20)),
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
