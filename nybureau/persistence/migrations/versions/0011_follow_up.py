"""follow up

Revision ID: 0011
Revises: 0010

Between meetings (issue 14): action items (``action_item``), meetings planned in a series
(``meeting_series``, named by the new ``meeting.series_id``), each body's deadlines in working
days (``body_deadline``), when a meeting's minutes were sent (``meeting.minutes_sent_at``) and
the outbox every e-mail goes through (``outbox_message``). Every new column is empty on
existing rows: a meeting planned on its own, minutes not sent by nybureau. Mirrors tables/.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_MEETING = (sa.Column("series_id", sa.Integer(), nullable=True),
            sa.Column("minutes_sent_at", TS, nullable=True))


def _owner() -> sa.CheckConstraint:
    return sa.CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner")


def upgrade() -> None:
    for column in _MEETING:
        op.add_column("meeting", column)
    op.create_index("ix_meeting_series_id", "meeting", ["series_id"])
    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("network.id"), nullable=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meeting.id"), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), sa.ForeignKey("agenda_item.id"),
                  nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.String(300), nullable=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _owner(),
    )
    for column in ("project_id", "network_id", "meeting_id", "person_id"):
        op.create_index(f"ix_action_item_{column}", "action_item", [column])
    op.create_table(
        "meeting_series",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("network.id"), nullable=True),
        sa.Column("body", sa.String(50), nullable=False),
        sa.Column("title", sa.String(500), nullable=True),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("template", sa.Text(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _owner(),
    )
    for column in ("project_id", "network_id"):
        op.create_index(f"ix_meeting_series_{column}", "meeting_series", [column])
    op.create_table(
        "body_deadline",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("network.id"), nullable=True),
        sa.Column("body", sa.String(50), nullable=False),
        sa.Column("agenda_days", sa.Integer(), nullable=True),
        sa.Column("minutes_days", sa.Integer(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("project_id", "network_id", "body",
                            name="uq_body_deadline_project_id"),
        _owner(),
    )
    for column in ("project_id", "network_id"):
        op.create_index(f"ix_body_deadline_{column}", "body_deadline", [column])
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("purpose", sa.String(30), nullable=False),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("network.id"), nullable=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meeting.id"), nullable=True),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(998), nullable=False),
        sa.Column("documents", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("queued_at", TS, nullable=False),
        sa.Column("attempted_at", TS, nullable=True),
        sa.Column("sent_at", TS, nullable=True),
        sa.UniqueConstraint("message_id", name="uq_outbox_message_message_id"),
    )
    for column in ("project_id", "meeting_id"):
        op.create_index(f"ix_outbox_message_{column}", "outbox_message", [column])


def downgrade() -> None:
    for table in ("outbox_message", "body_deadline", "meeting_series", "action_item"):
        op.drop_table(table)
    op.drop_index("ix_meeting_series_id", table_name="meeting")
    # ALTER TABLE … DROP COLUMN, as in 0009 (a batch copy of ``meeting`` would fail on the
    # tables referring to it); an older SQLite has only the batch copy.
    bind = op.get_bind()
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35)
    if native:
        for column in reversed(_MEETING):
            op.execute(f"ALTER TABLE meeting DROP COLUMN {column.name}")
    else:
        with op.batch_alter_table("meeting") as batch:
            for column in reversed(_MEETING):
                batch.drop_column(column.name)
