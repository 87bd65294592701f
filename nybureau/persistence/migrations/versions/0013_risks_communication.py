"""risks and communication

Revision ID: 0013
Revises: 0012

Risks, drivers and barriers; communication (issue 16 §6): each project's log of risks, barriers
and drivers (``risk_entry``: what, where in the governance chain, likelihood and effect, the
action and who owns it, open or closed) and its communication plan and stakeholder analysis
(``stakeholder``: who, their interest and influence, what they need, the channel, when and who
is responsible). Both are voidable. Nothing existing changes. Mirrors tables/risks.py.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _void() -> tuple[sa.Column, sa.Column]:
    return (sa.Column("voided_at", TS, nullable=True),
            sa.Column("void_reason", sa.Text(), nullable=True))


def upgrade() -> None:
    op.create_table(
        "risk_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("chain_role", sa.String(20), nullable=True),
        sa.Column("likelihood", sa.String(20), nullable=True),
        sa.Column("effect", sa.String(20), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(300), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        *_void(),
    )
    op.create_index("ix_risk_entry_project_id", "risk_entry", ["project_id"])
    op.create_table(
        "stakeholder",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("interest", sa.String(20), nullable=True),
        sa.Column("influence", sa.String(20), nullable=True),
        sa.Column("needs", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(300), nullable=True),
        sa.Column("timing", sa.String(300), nullable=True),
        sa.Column("responsible", sa.String(300), nullable=True),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        *_void(),
    )
    op.create_index("ix_stakeholder_project_id", "stakeholder", ["project_id"])


def downgrade() -> None:
    for table in ("stakeholder", "risk_entry"):
        op.drop_table(table)
