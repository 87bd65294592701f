"""programme

Revision ID: 0018
Revises: 0012

The frame project (rammeprojekt) a network can carry (issue 16, point 3): its name, owner
(projektejer/styregruppe), project management and description (``network_programme``, one per
network), and its own steps — recruitment, planning with each municipality, running, internal
evaluation, overall evaluation and spreading — each with the expected end and the day it was done
(``programme_step``). Nothing existing changes. Mirrors tables/programme.py.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_programme",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("network.id"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("owner", sa.String(500), nullable=True),
        sa.Column("management", sa.String(1000), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("network_id", name="uq_network_programme_network"),
    )
    op.create_table(
        "programme_step",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("programme_id", sa.Integer(), sa.ForeignKey("network_programme.id"),
                  nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("programme_id", "number", name="uq_programme_step_number"),
    )
    op.create_index("ix_programme_step_programme_id", "programme_step", ["programme_id"])


def downgrade() -> None:
    op.drop_table("programme_step")
    op.drop_table("network_programme")
