"""The records of a project's risk and barrier log and its communication plan (0013).
Registered in :data:`nybureau.domain.records.TABLE_RECORDS`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


@record
class RiskEntry(_MappingCompat):
    """A risk, barrier or driver of a project: where in the chain, likelihood and effect, the
    action and its owner; open or closed."""
    id: int
    project_id: int
    kind: str  # risk | barrier | driver
    what: str
    chain_role: str | None  # the governance chain's words (vote.chain_role)
    likelihood: str | None  # low | medium | high
    effect: str | None  # low | medium | high
    action: str | None
    owner: str | None
    status: str  # open | closed
    noted_on: date
    closed_on: date | None
    close_note: str | None
    created_at: datetime
    updated_at: datetime
    voided_at: datetime | None
    void_reason: str | None


@record
class Stakeholder(_MappingCompat):
    """A row of the communication plan and stakeholder analysis."""
    id: int
    project_id: int
    name: str
    interest: str | None  # low | medium | high
    influence: str | None  # low | medium | high
    needs: str | None
    channel: str | None
    timing: str | None
    responsible: str | None
    noted_on: date
    created_at: datetime
    updated_at: datetime
    voided_at: datetime | None
    void_reason: str | None
