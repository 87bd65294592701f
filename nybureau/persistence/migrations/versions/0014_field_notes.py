"""field notes

Revision ID: 0014
Revises: 0012

The documentation agents' field work (issue 16 §4): the notes they record from an interview, an
observation or a document (``field_note``: the day, where it came from, the role of who was
heard — never their name — the anonymous text and the agent who wrote it), each linked to the
governance items it is evidence of (``field_note_item``); and on the governance item who
experiences it as too tight or too loose (``experienced_by``, a role) and a note explaining
labels that seem to contradict each other (``label_note``). Nothing existing changes: the new
columns are empty. Mirrors tables/fieldwork.py and tables/substance.py.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("governance_item", sa.Column("experienced_by", sa.String(20), nullable=True))
    op.add_column("governance_item", sa.Column("label_note", sa.Text(), nullable=True))
    op.create_table(
        "field_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("agent_person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("voided_at", TS, nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_field_note_project_id", "field_note", ["project_id"])
    op.create_table(
        "field_note_item",
        sa.Column("note_id", sa.Integer(), sa.ForeignKey("field_note.id"), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("governance_item.id"),
                  primary_key=True),
    )
    op.create_index("ix_field_note_item_item_id", "field_note_item", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_field_note_item_item_id", table_name="field_note_item")
    op.drop_table("field_note_item")
    op.drop_index("ix_field_note_project_id", table_name="field_note")
    op.drop_table("field_note")
    with op.batch_alter_table("governance_item") as batch:
        batch.drop_column("label_note")
        batch.drop_column("experienced_by")
