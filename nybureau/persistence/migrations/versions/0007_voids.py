"""voids

Revision ID: 0007
Revises: 0006

A record entered by mistake is voided, not deleted: ``voided_at`` (when) and ``void_reason``
(why) on each table whose rows a user can void. A voided row stays in the database and in the
history; it no longer counts for gates, counts, tallies, the evaluation or documents. Mirrors the
"voids (0007)" columns in tables.py.
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Keep in step with tables.VOIDABLE.
TABLES = ("decision", "activity", "vote", "prototype_criterion", "survey_round", "attachment",
          "evaluation_note", "spreading_activity")


def upgrade() -> None:
    for name in TABLES:
        op.add_column(name, sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        op.add_column(name, sa.Column("void_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    for name in reversed(TABLES):
        with op.batch_alter_table(name) as batch:
            batch.drop_column("void_reason")
            batch.drop_column("voided_at")
