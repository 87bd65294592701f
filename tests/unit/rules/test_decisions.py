"""Recording a decision and its effective outcome, on the fake."""

from __future__ import annotations

from nybureau.domain.records import Decision
from nybureau.services.phases import status
from nybureau.services.process import record_decision
from tests.unit.rules.world import world


def _first_decision(tx):
    project = tx.project_get("odder")
    spec = tx.workflow_spec(project.workflow_definition_id)
    phase = spec.phase(project.phase)
    return next(d for d in phase.decisions)


def test_a_decision_is_recorded_as_a_record_and_audited():
    store = world()
    with store.transaction() as tx:
        d = _first_decision(tx)
        record_decision(tx, "odder", d.id, by=[d.by[0]], outcome="approved", on="2024-02-01")
        project = tx.project_get("odder")
        (rec,) = tx.decisions(project.id)
        assert isinstance(rec, Decision)
        assert (rec.decision_key, rec.body, rec.outcome, rec.source) == (
            d.id, d.by[0], "approved", "cli")
        assert [e.action for e in tx.audit_events(project.id)][-1] == "decision.record"
        assert project.version == 2  # the decision bumped the project's version


def test_a_postponement_does_not_undo_an_earlier_final_outcome():
    store = world()
    with store.transaction() as tx:
        d = _first_decision(tx)
        body = d.by[0]
        record_decision(tx, "odder", d.id, by=[body], outcome="approved", on="2024-02-01")
        record_decision(tx, "odder", d.id, by=[body], outcome="postponed", on="2024-02-10")
        assert tx.facts(tx.project_get("odder")).decisions[(d.id, body)] == "approved"
        record_decision(tx, "odder", d.id, by=[body], outcome="rejected", on="2024-02-20")
        assert tx.facts(tx.project_get("odder")).decisions[(d.id, body)] == "rejected"


def test_status_counts_the_effective_outcome():
    store = world()
    with store.transaction() as tx:
        d = _first_decision(tx)
        before = {r["id"]: r["met"] for r in status(tx, "odder", "en")["requirements"]}
        record_decision(tx, "odder", d.id, by=list(d.by), outcome="approved",
                        on="2024-02-01")
        after = {r["id"]: r["met"] for r in status(tx, "odder", "en")["requirements"]}
    assert sum(after.values()) > sum(before.values())
