"""meetings and agendas

Revision ID: 0002
Revises: 0001

The tables of meetings (of a project's body or of a network), their participants, agenda items
and attachments (bilag). Mirrors the "meetings (0002)" section of ``persistence/tables.py``.
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.String(length=50), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("committee", sa.String(length=300), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("place", sa.String(length=500), nullable=True),
        sa.Column("minute_taker", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL",
                           name=op.f("ck_meeting_owner")),
        sa.ForeignKeyConstraint(["network_id"], ["network.id"],
                                name=op.f("fk_meeting_network_id_network")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name=op.f("fk_meeting_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_network_id"), ["network_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_project_id"), ["project_id"], unique=False)

    op.create_table(
        "meeting_person",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=True),
        sa.Column("attendance", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_person_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_meeting_person_person_id_person")),
        sa.PrimaryKeyConstraint("meeting_id", "person_id", name=op.f("pk_meeting_person")),
    )
    with op.batch_alter_table("meeting_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_person_person_id"), ["person_id"],
                              unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("standing", sa.String(length=50), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("case_number", sa.String(length=100), nullable=True),
        sa.Column("background", sa.Text(), nullable=True),
        sa.Column("recommendations", sa.Text(), nullable=True),
        sa.Column("finances", sa.Text(), nullable=True),
        sa.Column("decision_key", sa.String(length=100), nullable=True),
        sa.Column("subject_project_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("decision_text", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_agenda_item_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["subject_project_id"], ["project.id"],
                                name=op.f("fk_agenda_item_subject_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"],
                              unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("location", sa.String(length=1000), nullable=False),
        sa.Column("publishable", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_item.id"],
                                name=op.f("fk_attachment_agenda_item_id_agenda_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_agenda_item_id"), ["agenda_item_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_agenda_item_id"))
    op.drop_table("attachment")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))
    op.drop_table("agenda_item")
    with op.batch_alter_table("meeting_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_person_person_id"))
    op.drop_table("meeting_person")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_project_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_network_id"))
    op.drop_table("meeting")
