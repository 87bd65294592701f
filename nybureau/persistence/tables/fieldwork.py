"""The documentation agents' field work (0014): field notes from interviews, observations and
documents, and the governance items each note is evidence of. Defined after every older table
so that the order of ``metadata.sorted_tables`` (export order, seal order) of those is
unchanged. Mirrored exactly by migrations/versions/0014_field_notes.py."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text

from nybureau.persistence.tables.base import TS, _void_columns, metadata

# A field note: what a documentation agent heard or saw, anonymous — the role of who was heard,
# never their name (seed 004, phase 3; the interview guides' consent wording says so).
field_note = Table(
    "field_note", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("noted_on", Date, nullable=False),
    Column("source", String(20), nullable=False),          # interview, observation, document
    Column("role", String(20), nullable=False),            # frontline, leader, …, citizen
    Column("text", Text, nullable=False),
    Column("agent_person_id", Integer, ForeignKey("person.id")),
    Column("created_at", TS, nullable=False),
    *_void_columns(),
)

# The governance items a note is evidence of.
field_note_item = Table(
    "field_note_item", metadata,
    Column("note_id", Integer, ForeignKey("field_note.id"), primary_key=True),
    Column("item_id", Integer, ForeignKey("governance_item.id"), primary_key=True, index=True),
)
