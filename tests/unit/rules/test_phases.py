"""A phase advance is refused while requirements are unmet, listing each of them (fake)."""

from __future__ import annotations

import pytest

from nybureau.errors import NybureauError
from nybureau.services.phases import advance, status
from tests.unit.rules.world import world


def test_a_refused_advance_lists_every_unmet_requirement_and_changes_nothing():
    store = world()
    with store.transaction() as tx:
        unmet = [r for r in status(tx, "odder", "en")["requirements"] if not r["met"]]
    assert len(unmet) >= 2
    with pytest.raises(NybureauError) as refused:
        with store.transaction() as tx:
            advance(tx, "odder", on="2024-02-01", lang="en")
    message = str(refused.value)
    for req in unmet:
        assert req["text"] in message or req["missing"] in message, req
    with store.read() as tx:
        project = tx.project_get("odder")
        assert (project.phase, project.version) == ("backing", 1)
        assert [t.kind for t in tx.transitions(project.id)] == ["start"]


def test_a_skip_with_a_reason_is_recorded_as_a_transition():
    store = world()
    with store.transaction() as tx:
        result = advance(tx, "odder", to="mapping", reason="decided elsewhere", on="2024-02-01",
                         lang="en")
        project = tx.project_get("odder")
        start, moved = tx.transitions(project.id)
    assert start.kind == "start" and result["kind"] == moved.kind != "advance"
    assert (moved.from_phase, moved.to_phase, moved.reason) == ("backing", "mapping",
                                                                 "decided elsewhere")
    assert project.phase == "mapping" and project.version == 2
