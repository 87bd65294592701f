"""The store on a real database: pragmas, one transaction per change with its audit event,
the hash chain, decisions' effective outcomes, and network-shared facts."""

from __future__ import annotations

import pytest

from nybureau.errors import InvalidInput
from nybureau.persistence.chain import event_digest
from nybureau.persistence.repository import GENESIS_HASH
from nybureau.services import phases
from nybureau.services.process import projects, records


def test_sqlite_runs_in_wal_with_foreign_keys(store):
    if not store.is_sqlite:
        pytest.skip("SQLite only")
    with store.transaction("t", write=False) as tx:
        assert tx.conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert tx.conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert tx.conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_a_refused_change_leaves_no_audit_event(store):
    with store.transaction("t") as tx:
        projects.create_project(tx, "p", name="P", municipality="M")
    with store.transaction("t", write=False) as tx:
        before = len(tx.audit_events())
    with pytest.raises(InvalidInput):
        with store.transaction("t") as tx:
            records.record_activity(tx, "p", "seminar", on="2017-01-01")
            records.record_activity(tx, "p", "seminar", on="not a date")
    with store.transaction("t", write=False) as tx:
        assert len(tx.audit_events()) == before
        assert tx.activities(tx.project_get("p")) == []


def test_audit_events_form_a_hash_chain(store):
    with store.transaction("anna") as tx:
        projects.create_project(tx, "p", name="P", municipality="M")
        projects.add_member(tx, "p", "med", "Bo Ørsted", "TR")
    with store.transaction("bo") as tx:
        records.record_decision(tx, "p", "organisation", by=["management", "med"],
                                outcome="approved", on="2017-06-21", note="Tiltrådt")
    with store.transaction("t", write=False) as tx:
        events = tx.audit_events()
    assert [e["action"] for e in events] == ["project.create", "person.create",
                                             "membership.add", "decision.record",
                                             "decision.record"]
    prev = GENESIS_HASH
    for e in events:
        assert e["prev_hash"] == prev
        fields = {k: e[k] for k in ("actor", "action", "project_id", "network_id", "entity",
                                    "entity_id")}
        fields["at"] = e["at"].isoformat()
        import json
        fields["before"] = json.dumps(e["before"], ensure_ascii=False, sort_keys=True) \
            if e["before"] is not None else None
        fields["after"] = json.dumps(e["after"], ensure_ascii=False, sort_keys=True) \
            if e["after"] is not None else None
        if e["state"] is not None:  # the state seal, on a transaction's last event
            fields["state"] = e["state"]
        assert event_digest(prev, fields, e["scheme"]) == e["hash"]
        prev = e["hash"]
    assert events[-1]["actor"] == "bo" and events[-1]["after"]["note"] == "Tiltrådt"


def test_every_change_bumps_the_project_version(store):
    with store.transaction("t") as tx:
        projects.create_project(tx, "p", name="P", municipality="M")
    versions = []
    for call in (
        lambda tx: projects.add_member(tx, "p", "steering_group", "A B"),
        lambda tx: projects.add_agent(tx, "p", "C D"),
        lambda tx: records.record_activity(tx, "p", "seminar"),
        lambda tx: records.record_decision(tx, "p", "organisation", by=["med"],
                                           outcome="approved"),
    ):
        with store.transaction("t") as tx:
            call(tx)
        with store.transaction("t", write=False) as tx:
            versions.append(tx.project_get("p")["version"])
    assert versions == [2, 3, 4, 5]


def test_latest_final_outcome_counts_and_postponement_does_not_undo(store):
    with store.transaction("t") as tx:
        projects.create_project(tx, "p", name="P", municipality="M", started_on="2017-01-01")
        rec = lambda outcome, day: records.record_decision(  # noqa: E731
            tx, "p", "organisation", by=["med"], outcome=outcome, on=f"2017-06-{day:02d}")
        rec("postponed", 1)
        facts = tx.facts(tx.project_get("p"))
        assert facts.decisions[("organisation", "med")] == "postponed"
        rec("approved", 10)
        rec("postponed", 20)  # a later postponement of something already approved
        facts = tx.facts(tx.project_get("p"))
        assert facts.decisions[("organisation", "med")] == "approved"
        rec("rejected", 25)  # a later final outcome replaces it
        facts = tx.facts(tx.project_get("p"))
        assert facts.decisions[("organisation", "med")] == "rejected"


def test_decision_by_a_body_the_workflow_does_not_ask_is_kept_but_flagged(store):
    with store.transaction("t") as tx:
        projects.create_project(tx, "p", name="P", municipality="M")
        r = records.record_decision(tx, "p", "focus_areas", by=["med"], outcome="approved")
        assert r["warnings"] and "does not count for the phase gate" in r["warnings"][0]


def test_requirements_stay_met_when_a_phase_is_re_entered(store):
    with store.transaction("t") as tx:
        projects.create_project(tx, "p", name="P", municipality="M", started_on="2017-01-01")
        projects.add_member(tx, "p", "steering_group", "A B")
        for d in ("project_description", "organisation", "seminar_participation"):
            records.record_decision(tx, "p", d, by=["management", "med"], outcome="approved",
                                    on="2017-02-01")
        phases.advance(tx, "p", on="2017-03-01")
        phases.advance(tx, "p", to="backing", reason="Ny direktør", on="2017-03-02")
        s = phases.status(tx, "p", "en")
        assert s["phase"] == "backing" and s["can_advance"] is True
        assert phases.advance(tx, "p", on="2017-03-03")["kind"] == "advance"


def test_project_stores_its_workflow_definition(store):
    with store.transaction("t") as tx:
        p = projects.create_project(tx, "p", name="P", municipality="M")
        q = projects.create_project(tx, "q", name="Q", municipality="M")
        assert p["workflow_definition_id"] == q["workflow_definition_id"]  # stored once
        assert p["workflow_key"] == "nybureaukratisering" and p["workflow_version"] == 2
        assert len(p["workflow_hash"]) == 64
        defs = tx.workflow_definitions()
        assert [(d["key"], d["projects"]) for d in defs] == [("nybureaukratisering", 2)]
