"""imported history

Revision ID: 0006
Revises: 0005

Audit events that came with a project-scope import are kept apart from the local chain, in
``imported_event``, with the ``import_batch`` (file) they came in; one local ``project.import``
event vouches for each batch. Mirrors the "imported history (0006)" section of tables.py.
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.Column("imported_by", sa.String(length=300), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_events", sa.Integer(), nullable=False),
        sa.Column("source_head", sa.String(length=64), nullable=False),
        sa.Column("chain", sa.Text(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("vouched_by_event", sa.Integer(), nullable=False),
        sa.Column("carried_by_id", sa.Integer(), nullable=True),
        sa.Column("origin_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["carried_by_id"], ["import_batch.id"],
                                name=op.f("fk_import_batch_carried_by_id_import_batch")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_import_batch_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_project_id"), ["project_id"],
                              unique=False)

    op.create_table(
        "imported_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("source_project_id", sa.Integer(), nullable=True),
        sa.Column("source_network_id", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("source_entity_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("scheme", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"],
                                name=op.f("fk_imported_event_batch_id_import_batch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_event")),
        sa.UniqueConstraint("batch_id", "source_id", name="uq_imported_event_batch_source"),
    )
    with op.batch_alter_table("imported_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_imported_event_batch_id"), ["batch_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("imported_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_event_batch_id"))
    op.drop_table("imported_event")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_project_id"))
    op.drop_table("import_batch")
