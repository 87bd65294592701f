"""workshop plan

Revision ID: 0015
Revises: 0012

The prioritisation workshop's plan (issue 16, point 7): when and where it is held
(``workshop_plan``, one per project) and the people it invites with their part of the
governance chain and their group (``workshop_invitee``). Two new tables; nothing existing
changes. Mirrors tables/workshop_plan.py.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshop_plan",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False,
                  unique=True),
        sa.Column("starts_at", TS, nullable=False),
        sa.Column("place", sa.String(300), nullable=True),
        sa.Column("group_count", sa.Integer(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "workshop_invitee",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("workshop_plan.id"), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("chain_role", sa.String(20), nullable=False),
        sa.Column("group_no", sa.Integer(), nullable=True),
        sa.Column("group_name", sa.String(100), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("plan_id", "person_id"),
    )
    op.create_index("ix_workshop_invitee_plan_id", "workshop_invitee", ["plan_id"])
    op.create_index("ix_workshop_invitee_person_id", "workshop_invitee", ["person_id"])


def downgrade() -> None:
    op.drop_table("workshop_invitee")
    op.drop_table("workshop_plan")
