"""The project's own texts (0009), defined after every older table so that the order of
``metadata.sorted_tables`` (export order, seal order) of those is unchanged."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from nybureau.persistence.tables.base import TS, metadata

# The project's own texts (0009): background, purpose, goals, success criteria, target groups,
# economy, what is not open for discussion, the evaluation design … (``field`` names which, see
# ``nybureau.domain.vocabulary``); one text per field, as the project wrote it.
project_text = Table(
    "project_text", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("field", String(50), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("project_id", "field", name="uq_project_text_project_field"),
)
