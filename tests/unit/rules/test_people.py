"""A name near a registered person's is refused with the candidates (fake)."""

from __future__ import annotations

import pytest

from nybureau.errors import InvalidInput
from nybureau.services.people import resolve_person
from tests.unit.rules.world import world


def test_a_near_name_is_refused_with_the_candidates_and_creates_no_one():
    store = world()
    with store.transaction() as tx:
        resolve_person(tx, "Mette Frederiksen")
    with pytest.raises(InvalidInput) as refused:
        with store.transaction() as tx:
            resolve_person(tx, "Mette Fredriksen")
    assert '"Mette Frederiksen"' in str(refused.value) and "--new-person" in str(refused.value)
    with store.read() as tx:
        assert [p.full_name for p in tx.person_list()] == ["Mette Frederiksen"]


def test_with_new_person_the_near_name_is_a_new_person_audited():
    store = world()
    with store.transaction() as tx:
        first = resolve_person(tx, "Mette Frederiksen")
        second = resolve_person(tx, "Mette Fredriksen", new_person=True)
        assert first.id != second.id
        assert [e.action for e in tx.audit_events()][-2:] == ["person.create"] * 2
