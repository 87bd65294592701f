"""documents

Revision ID: 0009
Revises: 0008

What the documents a secretariat sends are built from (issue 13): a membership's period
(``valid_from``/``valid_to``: who was in the steering group on a given day), who *indstiller* on
a project's items (``project.proposer``) and its *sagsnr.* (``project.case_number``), when a
meeting's agenda was sent (``meeting.agenda_sent_at``: from then on the agenda is frozen) and
its *sagsnr.*/*dok.nr.*, an agenda item's *resumé*, *konsekvenser* and *høring og sagsgang*
(``summary``, ``consequences``, ``consultation``), and the project's own texts
(``project_text``: background, purpose, goals …, one text per field). Every new column is
empty on existing rows, which means what it meant before: a member from the start and still
one, the project leadership indstiller, no agenda sent yet. Mirrors tables/.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = {
    "project": (sa.Column("proposer", sa.String(50), nullable=True),
                sa.Column("case_number", sa.String(100), nullable=True)),
    "membership": (sa.Column("valid_from", sa.Date(), nullable=True),
                   sa.Column("valid_to", sa.Date(), nullable=True)),
    "meeting": (sa.Column("agenda_sent_at", TS, nullable=True),
                sa.Column("case_number", sa.String(100), nullable=True),
                sa.Column("document_number", sa.String(100), nullable=True)),
    "agenda_item": (sa.Column("summary", sa.Text(), nullable=True),
                    sa.Column("consequences", sa.Text(), nullable=True),
                    sa.Column("consultation", sa.Text(), nullable=True)),
}


def upgrade() -> None:
    for table, columns in _COLUMNS.items():
        for column in columns:
            op.add_column(table, column)
    op.create_table(
        "project_text",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("project_id", "field", name="uq_project_text_project_field"),
    )
    op.create_index("ix_project_text_project_id", "project_text", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_project_text_project_id", table_name="project_text")
    op.drop_table("project_text")
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+ and PostgreSQL), not a batch copy: rebuilding
    # ``project`` under SQLite's enforced foreign keys would fail on every table referring to it.
    # None of these columns is indexed or constrained.
    # An older SQLite has no DROP COLUMN: there the batch copy is the only way.
    bind = op.get_bind()
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35)
    for table, columns in _COLUMNS.items():
        if native:
            for column in columns:
                op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")
        else:
            with op.batch_alter_table(table) as batch:
                for column in columns:
                    batch.drop_column(column.name)
