"""web

Revision ID: 0012
Revises: 0011

The web view (issue 15): roles granted on the web (``web_grant``), one-time sign-in links
(``web_token``) and sessions (``web_session``), kept as digests; the sign-in attempts a rate
limit counts (``web_attempt``); each member's approval of minutes (``minutes_approval``) and the
body's rule for it (``body_deadline.minutes_rule``); the workshop's voting rounds
(``workshop_round``) and their anonymous voters (``workshop_voter``). Nothing existing changes:
the new column is empty (every member present approves). Mirrors tables/.
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _owner() -> sa.CheckConstraint:
    return sa.CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner")


def upgrade() -> None:
    op.add_column("body_deadline", sa.Column("minutes_rule", sa.String(20), nullable=True))
    op.create_table(
        "web_grant",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("network.id"), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("person_id", "project_id", "network_id", "role"),
        _owner(),
    )
    for column in ("person_id", "project_id", "network_id"):
        op.create_index(f"ix_web_grant_{column}", "web_grant", [column])
    op.create_table(
        "workshop_round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id"), nullable=False),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("title", sa.String(300), nullable=True),
        sa.Column("voted_on", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("closes_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
    )
    op.create_index("ix_workshop_round_project_id", "workshop_round", ["project_id"])
    op.create_table(
        "workshop_voter",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("workshop_round.id"), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("chain_role", sa.String(50), nullable=True),
        sa.Column("joined_at", TS, nullable=False),
        sa.UniqueConstraint("round_id", "label"),
    )
    op.create_index("ix_workshop_voter_round_id", "workshop_voter", ["round_id"])
    op.create_table(
        "web_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("workshop_round.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.CheckConstraint("person_id IS NOT NULL OR round_id IS NOT NULL", name="subject"),
    )
    op.create_index("ix_web_token_person_id", "web_token", ["person_id"])
    op.create_index("ix_web_token_round_id", "web_token", ["round_id"])
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=True),
        sa.Column("voter_id", sa.Integer(), sa.ForeignKey("workshop_voter.id"), nullable=True),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.CheckConstraint("person_id IS NOT NULL OR voter_id IS NOT NULL", name="subject"),
    )
    op.create_index("ix_web_session_person_id", "web_session", ["person_id"])
    op.create_index("ix_web_session_voter_id", "web_session", ["voter_id"])
    op.create_table(
        "web_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("ok", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_web_attempt_key", "web_attempt", ["key"])
    op.create_table(
        "minutes_approval",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meeting.id"), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("approved_at", TS, nullable=False),
        sa.UniqueConstraint("meeting_id", "person_id"),
    )
    op.create_index("ix_minutes_approval_meeting_id", "minutes_approval", ["meeting_id"])
    op.create_index("ix_minutes_approval_person_id", "minutes_approval", ["person_id"])


def downgrade() -> None:
    for table in ("minutes_approval", "web_attempt", "web_session", "web_token",
                  "workshop_voter", "workshop_round", "web_grant"):
        op.drop_table(table)
    # ALTER TABLE … DROP COLUMN, as in 0011; an older SQLite has only the batch copy
    bind = op.get_bind()
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35)
    if native:
        op.execute("ALTER TABLE body_deadline DROP COLUMN minutes_rule")
    else:
        with op.batch_alter_table("body_deadline") as batch:
            batch.drop_column("minutes_rule")
