"""state seal: row_seal and audit_event.state

Revision ID: 0005
Revises: 0004

The table of row seals (the digest of every row a transaction wrote, tied to the transaction's
last audit event) and the nullable ``audit_event.state`` (sha256 over that transaction's seal
entries, covered by the event's hash). Mirrors the "state seal (0005)" section of tables.py;
see nybureau/persistence/seal.py. The state already in the database is sealed once by
``nybureau init`` after the upgrade (an ``audit.baseline`` event), not here.
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=64), nullable=True))
    op.create_table(
        "row_seal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("tbl", sa.String(length=100), nullable=False),
        sa.Column("row_key", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_row_seal")),
    )
    with op.batch_alter_table("row_seal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_row_seal_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("row_seal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_row_seal_event_id"))
    op.drop_table("row_seal")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("state")
