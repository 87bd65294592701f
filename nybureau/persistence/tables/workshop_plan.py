"""The prioritisation workshop's plan (0015): when and where it is held, whom it invites and
the groups they work in. Defined after every older table so that the order of
``metadata.sorted_tables`` (export order, seal order) of those is unchanged. Mirrored exactly
by migrations/versions/0015_workshop_plan.py."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, UniqueConstraint

from nybureau.persistence.tables.base import TS, metadata

# One plan per project: the workshop's start (UTC, shown in Copenhagen time), its place and,
# when the invitees were divided by number, how many groups (``group_count``; null when the
# groups were named).
workshop_plan = Table(
    "workshop_plan", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, unique=True),
    Column("starts_at", TS, nullable=False),
    Column("place", String(300)),
    Column("group_count", Integer),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
)

# A person invited to the workshop, with their part of the governance chain (frontline, leader,
# administration, med, union_rep) and their group: ``group_no`` (1, 2 …) and, for a group named
# with ``--group``, its ``group_name``. ``position`` keeps the invitation list's order.
workshop_invitee = Table(
    "workshop_invitee", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("workshop_plan.id"), nullable=False, index=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    Column("chain_role", String(20), nullable=False),
    Column("group_no", Integer),
    Column("group_name", String(100)),
    Column("position", Integer, nullable=False),
    UniqueConstraint("plan_id", "person_id"),
)
