"""meetings and agendas

Revision ID: 0002
Revises: 0001

Reserved for the tables of: meetings, agenda items, attachments (issue: meetings and documents).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
