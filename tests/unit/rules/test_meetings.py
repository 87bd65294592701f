"""The meeting lifecycle (planned → held → minutes approved; a planned meeting may be cancelled)
and what may change in which state, on the fake."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from nybureau.errors import NybureauError
from nybureau.services import meetings
from tests.unit.rules.world import world


def _meeting(store, status: str) -> int:
    with store.transaction() as tx:
        project = tx.project_get("odder")
        return tx.meeting_add(project_id=project.id, network_id=None, body="management",
                              starts_at=datetime(2024, 2, 1, 9, 0, tzinfo=timezone.utc),
                              status=status)


def test_a_planned_meeting_is_cancelled_and_then_closed_to_changes():
    store = world()
    mid = _meeting(store, "planned")
    with store.transaction() as tx:
        meetings.cancel_meeting(tx, mid, "no quorum", on="2024-01-30")
        assert tx.meeting_get(mid).status == "cancelled"
        assert tx.audit_events()[-1].after["reason"] == "no quorum"
    for change in (lambda tx: meetings.approve_minutes(tx, mid, on="2024-02-02"),
                   lambda tx: meetings.cancel_meeting(tx, mid, "again")):
        with pytest.raises(NybureauError):
            with store.transaction() as tx:
                change(tx)
    with store.read() as tx:
        assert tx.meeting_get(mid).status == "cancelled"


def test_minutes_are_approved_only_once_a_meeting_was_held():
    store = world()
    planned = _meeting(store, "planned")
    with pytest.raises(NybureauError, match="no recorded outcomes"):
        with store.transaction() as tx:
            meetings.approve_minutes(tx, planned, on="2024-02-02")
    held = _meeting(store, "held")
    with store.transaction() as tx:
        meetings.approve_minutes(tx, held, on="2024-02-02")
        m = tx.meeting_get(held)
        assert (m.status, str(m.approved_on)) == ("approved", "2024-02-02")
        assert tx.approved_minutes_sources(m.project_id) == {f"meeting:{held}"}


def test_a_held_meeting_cannot_be_cancelled():
    store = world()
    held = _meeting(store, "held")
    with pytest.raises(NybureauError, match="cannot be cancelled"):
        with store.transaction() as tx:
            meetings.cancel_meeting(tx, held, "too late", on="2024-02-02")
