"""The schema, as SQLAlchemy Core tables. Alembic migrations in ``migrations/`` create it; a test
checks that both describe the same schema.

One module per part of the schema — ``core`` (projects, people, decisions, activities, history),
``substance``, ``meetings`` and ``history`` (the state seal and imported history) — over one
:data:`metadata` (``base``). They are imported here in the order the tables were always defined,
so ``metadata.sorted_tables`` (export order, seal order) is unchanged; ``tables.<name>`` is every
table, as before.
"""

from __future__ import annotations

from nybureau.persistence.tables.base import TS, VOIDABLE, _void_columns, metadata
from nybureau.persistence.tables.core import (
    activity,
    activity_attendee,
    agent,
    audit_event,
    decision,
    membership,
    network,
    person,
    phase_transition,
    project,
    workflow_definition,
)
from nybureau.persistence.tables.substance import (
    evaluation_note,
    focus_area,
    focus_area_item,
    governance_item,
    prototype,
    prototype_criterion,
    prototype_iteration,
    spreading_activity,
    survey_answer,
    survey_question,
    survey_response,
    survey_round,
    vote,
)
from nybureau.persistence.tables.meetings import agenda_item, attachment, meeting, meeting_person
from nybureau.persistence.tables.history import import_batch, imported_event, row_seal
from nybureau.persistence.tables.texts import project_text
from nybureau.persistence.tables.follow_up import (
    action_item,
    body_deadline,
    meeting_series,
    outbox_message,
)
from nybureau.persistence.tables.web import (
    minutes_approval,
    web_attempt,
    web_grant,
    web_session,
    web_token,
    workshop_round,
    workshop_voter,
)
from nybureau.persistence.tables.risks import risk_entry, stakeholder
from nybureau.persistence.tables.fieldwork import field_note, field_note_item
from nybureau.persistence.tables.workshop_plan import workshop_invitee, workshop_plan
from nybureau.persistence.tables.evaluation_design import (
    evaluation_design,
    implementation_interview,
    implementation_rating,
    survey_open_answer,
)
from nybureau.persistence.tables.exemptions import exemption
from nybureau.persistence.tables.programme import network_programme, programme_step

__all__ = [
    "TS", "VOIDABLE", "_void_columns", "metadata",
    "network", "workflow_definition", "project", "person", "membership", "agent", "decision",
    "activity", "activity_attendee", "phase_transition", "audit_event",
    "governance_item", "vote", "focus_area", "focus_area_item", "prototype",
    "prototype_criterion", "prototype_iteration", "survey_round", "survey_question",
    "survey_response", "survey_answer", "evaluation_note", "spreading_activity",
    "meeting", "meeting_person", "agenda_item", "attachment",
    "row_seal", "import_batch", "imported_event", "project_text",
    "action_item", "meeting_series", "body_deadline", "outbox_message",
    "web_grant", "web_token", "web_session", "web_attempt", "minutes_approval",
    "workshop_round", "workshop_voter",
    "risk_entry", "stakeholder",
    "field_note", "field_note_item",
    "workshop_plan", "workshop_invitee",
    "evaluation_design", "survey_open_answer", "implementation_rating",
    "implementation_interview",
    "exemption",
    "network_programme", "programme_step",
]
