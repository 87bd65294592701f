"""audit_event.scheme: the hash scheme an event was written with

Revision ID: 0004
Revises: 0003

A nullable integer: empty for every event written before this revision (hash scheme 1, which
keeps verifying unchanged), 2 for events written since (per-path digests, so that an erasure
can prove it changed only the name-bearing parts of an old event; see persistence/chain.py).
Adds one column; changes no existing row.
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scheme", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("scheme")
