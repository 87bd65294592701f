"""The in-memory fake reads the phase gate's facts through the one facts module, like the two
database readers: the queries each requirement kind declares, run over its rows."""

from __future__ import annotations

from datetime import date

from nybureau.domain.facts import Count, eq, is_null, one_of
from nybureau.services.process import add_agent, record_activity
from tests.unit.rules.world import world


def test_a_count_declared_by_a_fact_is_read_from_the_fakes_rows():
    store = world()
    with store.transaction() as tx:
        project = tx.project_get("odder")
        for on in (date(2024, 1, 10), date(2024, 1, 20)):
            record_activity(tx, "odder", "interview", on=on.isoformat())
        interviews = Count("scratch_interviews", "activity",
                           where=(eq("kind", "interview"), is_null("voided_at")))
        other = Count("scratch_other", "activity", where=(one_of("kind", ("observation",)),))
        for fact, expected in ((interviews, 2), (other, 0)):
            (query,) = fact.queries(None, None)
            rows = tx.fact_rows(query, [project.id], [])
            assert fact.build([rows], _Ctx([project.id]))[project.id] == expected


def test_the_gate_facts_of_the_fake_come_from_its_rows():
    store = world()
    with store.transaction() as tx:
        add_agent(tx, "odder", "Pia Lund", title="dokumentationsagent", on="2024-01-05",
                  new_person=True)
        record_activity(tx, "odder", "interview", on="2024-01-10")
        facts = tx.facts(tx.project_get("odder"))
        assert list(facts.agents.values()) == ["Pia Lund"]
        assert facts.activity_counts.get("interview") == 1


class _Ctx:
    def __init__(self, ids):
        self.ids = ids
