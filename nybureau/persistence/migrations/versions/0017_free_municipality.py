"""free municipality

Revision ID: 0017
Revises: 0012

The free-municipality trial (issue 16, section 8): the register of exemptions (``exemption``)
a project seeks from the ministry — the law, the section, what is sought, its status and the
dates of the application and of the ministry's answer —; which of a network's municipalities is
the network-responsible one (``network.responsible_municipality``); and the years a focus area
runs (``focus_area.start_year``, ``focus_area.end_year``), so focus areas can run in parallel,
each from its own start. Every new column is empty on existing rows: no municipality named, a
focus area without years. Mirrors tables/.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("network", sa.Column("responsible_municipality", sa.String(200),
                                       nullable=True))
    op.add_column("focus_area", sa.Column("start_year", sa.Integer(), nullable=True))
    op.add_column("focus_area", sa.Column("end_year", sa.Integer(), nullable=True))
    op.create_table(
        "exemption",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("law", sa.String(300), nullable=False),
        sa.Column("section", sa.String(100), nullable=False),
        sa.Column("sought", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("voided_at", TS, nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_exemption_project_id", "exemption", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_exemption_project_id", table_name="exemption")
    op.drop_table("exemption")
    columns = (("focus_area", "end_year"), ("focus_area", "start_year"),
               ("network", "responsible_municipality"))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.dialect.dbapi.sqlite_version_info >= (3, 35):
        # SQLite drops a plain column in place; a batch copy would drop and recreate
        # ``network``, which the projects' foreign keys refuse while projects exist
        for table, column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        return
    for table, column in columns:
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
