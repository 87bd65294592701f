"""The web view (0012): who may do what on the web, sign-in links and sessions, the sign-in
attempts a rate limit counts, each member's approval of minutes, and the workshop's voting
rounds with their anonymous voters. Defined after every older table so that the order of
``metadata.sorted_tables`` (export order, seal order) of those is unchanged. Mirrored exactly
by migrations/versions/0012_web.py.

No secret is stored: a sign-in link's token and a session's cookie are kept as their SHA-256
digests (``token_hash``), so a copy of the database lets nobody sign in."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from nybureau.persistence.tables.base import TS, metadata

# A role on the web granted to a person for a project (or a network): leader (every write of
# the project), secretary (its meetings and minutes), reader (public renders only). A body's
# members need no grant: membership (project_member) makes them members on the web too.
web_grant = Table(
    "web_grant", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    Column("project_id", Integer, ForeignKey("project.id"), index=True),
    Column("network_id", Integer, ForeignKey("network.id"), index=True),
    Column("role", String(20), nullable=False),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("person_id", "project_id", "network_id", "role"),
    CheckConstraint("project_id IS NOT NULL OR network_id IS NOT NULL", name="owner"),
)

# A one-time sign-in link (purpose "signin", for a person) or a personal workshop link
# (purpose "workshop", for one voting round): used once, before it expires.
web_token = Table(
    "web_token", metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("purpose", String(20), nullable=False),  # signin | workshop
    Column("person_id", Integer, ForeignKey("person.id"), index=True),
    Column("round_id", Integer, ForeignKey("workshop_round.id"), index=True),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("used_at", TS),
    CheckConstraint("person_id IS NOT NULL OR round_id IS NOT NULL", name="subject"),
)

# A signed-in browser: a person's session, or a workshop voter's (voter_id), until it expires
# or is revoked (sign-out, or sign-out everywhere).
web_session = Table(
    "web_session", metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("person_id", Integer, ForeignKey("person.id"), index=True),
    Column("voter_id", Integer, ForeignKey("workshop_voter.id"), index=True),
    Column("lang", String(5), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("revoked_at", TS),
    CheckConstraint("person_id IS NOT NULL OR voter_id IS NOT NULL", name="subject"),
)

# A sign-in attempt, counted by the rate limit: ``key`` is a digest of what is limited (the
# client's address, or the e-mail address a link was asked for), never the value itself.
web_attempt = Table(
    "web_attempt", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False, index=True),
    Column("ok", Integer, nullable=False),  # 1: succeeded, 0: refused
    Column("at", TS, nullable=False),
)

# One member's approval of a meeting's minutes (Godkend referat), with its moment. When the
# body's rule is met the minutes are approved through the meetings service.
minutes_approval = Table(
    "minutes_approval", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meeting.id"), nullable=False, index=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    Column("approved_at", TS, nullable=False),
    UniqueConstraint("meeting_id", "person_id"),
)

# A voting round of the prioritisation workshop, opened by its facilitator: participants join
# with ``code`` (a short link or a QR code on the screen) until it is closed or expires; their
# votes are recorded on ``voted_on``.
workshop_round = Table(
    "workshop_round", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("title", String(300)),
    Column("voted_on", Date, nullable=False),
    Column("opened_by", Integer, ForeignKey("person.id")),
    Column("opened_at", TS, nullable=False),
    Column("closes_at", TS, nullable=False),
    Column("closed_at", TS),
)

# An anonymous participant of a voting round: ``label`` (e.g. "Deltager 7") is the name their
# votes are recorded under, so the voting sheet shows no names, only roles.
workshop_voter = Table(
    "workshop_voter", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("workshop_round.id"), nullable=False, index=True),
    Column("label", String(100), nullable=False),
    Column("chain_role", String(50)),
    Column("joined_at", TS, nullable=False),
    UniqueConstraint("round_id", "label"),
)
