"""governance register, workshop, prototypes, evaluation

Revision ID: 0003
Revises: 0002

Reserved for the tables of: governance items, votes, focus areas, prototypes, surveys, spreading (issue: substance of phases 3-6).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
