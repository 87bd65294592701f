"""The free-municipality trial's register of exemptions (0017), defined after every older table
so that the order of ``metadata.sorted_tables`` (export order, seal order) of those is
unchanged."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text

from nybureau.persistence.tables.base import TS, _void_columns, metadata

# One exemption (*fritagelse*) a project seeks from the ministry: the law and its section, what
# is sought, its status (sought, granted, refused, withdrawn), when it was applied for and when
# the ministry answered (none while it is sought).
exemption = Table(
    "exemption", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("law", String(300), nullable=False),
    Column("section", String(100), nullable=False),
    Column("sought", Text, nullable=False),
    Column("status", String(20), nullable=False),          # sought, granted, refused, withdrawn
    Column("applied_on", Date, nullable=False),
    Column("answered_on", Date),
    Column("note", Text),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    *_void_columns(),
)
