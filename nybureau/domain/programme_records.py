"""The records of the frame project's tables (0018): a network's programme and its steps.
Registered in :data:`nybureau.domain.records.TABLE_RECORDS`."""

from __future__ import annotations

from datetime import date, datetime

from nybureau.domain.records import _MappingCompat, record


@record
class Programme(_MappingCompat):
    """The frame project (rammeprojekt) a network carries: its owner and project management."""
    id: int
    network_id: int
    name: str
    owner: str | None  # projektejer/styregruppe, as written
    management: str | None  # the programme's project management: names and organisations
    description: str | None
    created_at: datetime
    updated_at: datetime


@record
class ProgrammeStep(_MappingCompat):
    """One of the programme's own steps: its number, title, expected end and the day done."""
    id: int
    programme_id: int
    number: int
    title: str
    due_on: date | None
    done_on: date | None
    note: str | None
    created_at: datetime
    updated_at: datetime
