"""generated texts

Revision ID: 0008
Revises: 0007

The sagsfremstilling nybureau generates when it plans an agenda (the theme and project news of a
network meeting, a decision item's case text, the status item) is stored in both languages. Up
to 0007 it was kept in ``agenda_item.background`` as a JSON string ``{"da": …, "en": …}`` and
recognised by how the text began, so a user's own text that looked like that JSON printed only
one half. From 0008 it has its own column, ``background_generated`` (JSON text {"da", "en"}), and
``background`` is only ever what a user wrote. Mirrors the "background_generated" line of
tables.py.

The upgrade moves a ``background`` that parses as the old generated JSON (an object of exactly
"da" and "en", both strings) on an item whose background nybureau generates (a standing theme,
project news or status item, or a decision item) to ``background_generated``; every other value
stays the user's text. The rows it moves are named in the connection's ``info`` under
``nybureau.migrated_rows`` so that ``nybureau init`` seals them again (their content changed).
"""
import json

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

MIGRATED = "nybureau.migrated_rows"
GENERATED_STANDING = ("theme", "project_news", "status")

_item = sa.table("agenda_item", sa.column("id", sa.Integer), sa.column("standing", sa.String),
                 sa.column("decision_key", sa.String), sa.column("background", sa.Text),
                 sa.column("background_generated", sa.Text))


def old_generated(value):
    """The {"da", "en"} of a 0007 generated text, or None for a user's text."""
    if not isinstance(value, str) or not value.startswith('{"da"'):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    if isinstance(parsed, dict) and set(parsed) == {"da", "en"} \
            and all(isinstance(v, str) for v in parsed.values()):
        return parsed
    return None


def upgrade() -> None:
    op.add_column("agenda_item", sa.Column("background_generated", sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_item.c.id, _item.c.background)
        .where(_item.c.background.like('{"da"%'),
               sa.or_(_item.c.standing.in_(GENERATED_STANDING),
                      _item.c.decision_key.is_not(None)))
        .order_by(_item.c.id)).all()
    moved = []
    for item_id, background in rows:
        parsed = old_generated(background)
        if parsed is None:
            continue
        conn.execute(sa.update(_item).where(_item.c.id == item_id).values(
            background=None,
            background_generated=json.dumps(parsed, ensure_ascii=False)))
        moved.append(("agenda_item", (item_id,)))
    if moved:
        conn.info.setdefault(MIGRATED, []).extend(moved)


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.update(_item).where(_item.c.background.is_(None),
                                        _item.c.background_generated.is_not(None))
                 .values(background=_item.c.background_generated))
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_column("background_generated")
