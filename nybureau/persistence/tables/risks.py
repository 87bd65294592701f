"""Risks, drivers and barriers; communication (0013): each project's risk and barrier log and
its communication plan with the stakeholder analysis. Defined after every older table so that
the order of ``metadata.sorted_tables`` (export order, seal order) of those is unchanged.
Mirrored exactly by migrations/versions/0013_risks_communication.py."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text

from nybureau.persistence.tables.base import TS, _void_columns, metadata

# One entry of a project's risk and barrier log (risiko- og barrierelog): a risk that may
# happen, a barrier already in the way or a driver (drivkraft) that carries the project; where in
# the governance chain it sits (vote.chain_role's words), likelihood and effect (low | medium |
# high), the action and its owner; open → closed (closed_on, close_note).
risk_entry = Table(
    "risk_entry", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # risk | barrier | driver
    Column("what", Text, nullable=False),
    Column("chain_role", String(20)),  # frontline | leader | administration | med | union_rep
    Column("likelihood", String(20)),  # low | medium | high
    Column("effect", String(20)),  # low | medium | high
    Column("action", Text),
    Column("owner", String(300)),  # who carries the action, as given
    Column("status", String(20), nullable=False),  # open | closed
    Column("noted_on", Date, nullable=False),
    Column("closed_on", Date),
    Column("close_note", Text),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    *_void_columns(),
)

# One row of the communication plan and stakeholder analysis (kommunikationsplan og
# interessentanalyse): a stakeholder or target group, its interest in and influence on the
# project (low | medium | high), what it needs to know or be asked, the channel, when, and who is
# responsible.
stakeholder = Table(
    "stakeholder", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("name", String(300), nullable=False),
    Column("interest", String(20)),
    Column("influence", String(20)),
    Column("needs", Text),
    Column("channel", String(300)),
    Column("timing", String(300)),
    Column("responsible", String(300)),
    Column("noted_on", Date, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    *_void_columns(),
)
