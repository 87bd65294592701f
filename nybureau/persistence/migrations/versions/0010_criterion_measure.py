"""criterion measure

Revision ID: 0010
Revises: 0009

An evaluation criterion's agreed target and its measurement (issue 13 §9): ``target`` is what
counts as met ("9 af 10 bestillinger", "under 2 uger"), ``measured`` the value found, ``met``
whether it met the target (null = not judged) and ``measured_on`` when it was measured. A
criterion without a measurement is *not measured*: the evaluation report shows no figure for
it. Every new column is empty on existing rows. Mirrors tables/.
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_COLUMNS = (sa.Column("target", sa.String(300), nullable=True),
            sa.Column("measured", sa.Text(), nullable=True),
            sa.Column("met", sa.Boolean(), nullable=True),
            sa.Column("measured_on", sa.Date(), nullable=True))


def upgrade() -> None:
    for column in _COLUMNS:
        op.add_column("prototype_criterion", column)


def downgrade() -> None:
    with op.batch_alter_table("prototype_criterion") as batch:
        for column in reversed(_COLUMNS):
            batch.drop_column(column.name)
