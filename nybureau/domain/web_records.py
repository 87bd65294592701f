"""The records of the web view's tables (0012): grants, sign-in links, sessions, sign-in
attempts, members' approvals of minutes, workshop voting rounds and their voters. Registered in
:data:`nybureau.domain.records.TABLE_RECORDS`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


@record
class WebGrant(_MappingCompat):
    """A person's role on the web for a project or a network: leader, secretary or reader."""
    id: int
    person_id: int
    project_id: int | None
    network_id: int | None
    role: str
    created_at: datetime


@record
class WebToken(_MappingCompat):
    """A one-time link (its digest): sign-in for a person, or a personal workshop link."""
    id: int
    token_hash: str
    purpose: str  # signin | workshop
    person_id: int | None
    round_id: int | None
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


@record
class WebSession(_MappingCompat):
    """A signed-in browser (its cookie's digest): a person's, or a workshop voter's."""
    id: int
    token_hash: str
    person_id: int | None
    voter_id: int | None
    lang: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


@record
class WebAttempt(_MappingCompat):
    """A sign-in attempt the rate limit counts (``key`` is a digest)."""
    id: int
    key: str
    ok: int
    at: datetime


@record
class MinutesApproval(_MappingCompat):
    """One member's approval of a meeting's minutes."""
    id: int
    meeting_id: int
    person_id: int
    approved_at: datetime


@record
class WorkshopRound(_MappingCompat):
    """A voting round of the prioritisation workshop, joined with its short code."""
    id: int
    project_id: int
    code: str
    title: str | None
    voted_on: date
    opened_by: int | None
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None


@record
class WorkshopVoter(_MappingCompat):
    """An anonymous participant of a voting round (``label`` is what the votes are under)."""
    id: int
    round_id: int
    label: str
    chain_role: str | None
    joined_at: datetime
