"""The batch paths used at programme scale give the same answers as the per-project ones:
``facts_many`` = ``facts`` for every project, ``status`` for all = each project's status, and
``advance --all-ready`` records each move exactly as ``advance`` does."""

from __future__ import annotations

import json

import pytest

from nybureau.persistence.chain import event_digest
from nybureau.persistence.repository import GENESIS_HASH
from nybureau.services import phases
from nybureau.services.admin import demo


def _programme(cli) -> None:
    """A network with a ready project, one half-way, one with a postponed decision, and the
    demo's own projects (meetings, minutes, substance) beside them."""
    cli.ok("network create vest --name Vest")
    for slug in ("klar", "halv", "udsat"):
        cli.ok(f"project create {slug} --name {slug} --municipality M --network vest "
               "--date 2024-01-01")
    for slug in ("klar", "udsat"):
        for key in ("project_description", "organisation", "seminar_participation"):
            if slug == "udsat" and key == "seminar_participation":
                continue  # only postponed (below): not ready
            cli.ok(f"decision record {slug} {key} --by management --by med --outcome approved "
                   "--date 2024-01-02")
        cli.ok(f'body member {slug} steering_group "Leder {slug}"')
    cli.ok("decision record udsat seminar_participation --by management --by med "
           "--outcome postponed --date 2024-01-03")
    cli.ok("decision record halv organisation --by med --outcome postponed --date 2024-01-03")
    cli.ok('agent add halv "Agent Halv"')
    cli.ok("activity record halv network_meeting --number 1 --date 2024-01-04 "
           '--attendee "Agent Halv"')
    cli.ok("activity record klar seminar --date 2024-01-04")
    # a free-municipality trial waiting for the ministry's answer on one exemption of two
    cli.ok("project create fri --name Fri --municipality M --network vest "
           "--workflow frikommuneforsoeg --date 2024-01-01")
    cli.ok('advance fri --to approval --reason "Ansøgningen er sendt" --date 2024-01-02')
    cli.ok('exemption add fri Serviceloven "§ 50" "Fritagelse" --date 2024-01-03')
    cli.ok('exemption add fri Folkeskoleloven "§ 25" "Holddannelse" --date 2024-01-03')
    cli.ok("exemption decide fri 1 granted --date 2024-01-05")


@pytest.fixture
def programme(cli, store):
    demo.run(store, "tester")
    _programme(cli)
    return store


def test_facts_many_equals_facts_for_every_project(programme):
    with programme.read() as tx:
        projects = tx.project_list()
        assert len(projects) >= 5
        many = tx.facts_many(projects)
        for p in projects:
            assert many[p["id"]] == tx.facts(p), p["slug"]


def test_status_of_all_equals_each_projects_status(programme):
    with programme.read() as tx:
        together = phases.status_all(tx, "en")
        one_by_one = [phases.status(tx, p["slug"], "en") for p in tx.project_list()]
    assert together == one_by_one


def test_advance_all_ready_moves_the_ready_and_records_as_advance_does(programme, cli):
    with programme.read() as tx:
        ready = {s["project"] for s in phases.status_all(tx, "en")
                 if s["can_advance"] and not s["completed"]}
        before = {p["slug"]: p for p in tx.project_list()}
    assert "klar" in ready and "halv" not in ready and "udsat" not in ready
    out = json.loads(cli.ok("advance --all-ready --date 2026-01-05 --json").output)
    assert {m["project"] for m in out["moved"]} == ready
    assert {"halv", "udsat"} <= set(out["not_ready"])
    with programme.read() as tx:
        after = {p["slug"]: p for p in tx.project_list()}
        events = tx.audit_events()
        for slug in ready:
            p = after[slug]
            assert p["version"] == before[slug]["version"] + 1
            assert p["phase_entered_on"].isoformat() == "2026-01-05"
            last = tx.transitions(p["id"])[-1]
            assert (last["from_phase"], last["to_phase"], last["kind"]) == \
                (before[slug]["phase"], p["phase"], "advance")
            ev = [e for e in events if e["project_id"] == p["id"]][-1]
            assert ev["action"] == "phase.advance" and ev["entity_id"] == last["id"]
            assert ev["before"] == {"phase": before[slug]["phase"],
                                    "version": before[slug]["version"]}
            assert ev["after"] == {"phase": p["phase"], "kind": "advance", "reason": None,
                                   "on_date": "2026-01-05", "unmet": []}
        for slug in ("halv", "udsat"):
            assert after[slug]["version"] == before[slug]["version"]
    # the appended events continue one valid hash chain
    prev = GENESIS_HASH
    for e in events:
        assert e["prev_hash"] == prev
        fields = {k: e[k] for k in ("actor", "action", "project_id", "network_id", "entity",
                                    "entity_id")}
        fields["at"] = e["at"].isoformat()
        for k in ("before", "after"):
            fields[k] = (json.dumps(e[k], ensure_ascii=False, sort_keys=True)
                         if e[k] is not None else None)
        if e["state"] is not None:  # the state seal, on a transaction's last event
            fields["state"] = e["state"]
        assert event_digest(prev, fields, e["scheme"]) == e["hash"]
        prev = e["hash"]


def test_advance_all_ready_with_nothing_ready_changes_nothing(cli, snapshot):
    cli.ok("project create p --name P --municipality M")
    before = snapshot()
    result = cli.ok("advance --all-ready")
    assert "0 projects moved on; 1 are not ready" in result.output
    assert snapshot() == before


def test_advance_needs_a_project_or_all_ready(cli):
    assert cli("advance").exit_code == 2
    assert cli("advance p --all-ready").exit_code == 2


def test_facts_read_for_some_requirements_decide_them_as_full_facts_do(programme):
    """``advance --all-ready`` reads only what the guards of the projects' phases need; each
    requirement must then be met (and say what is missing) exactly as with all the facts."""
    from nybureau.workflow.requirements import REGISTRY

    with programme.read() as tx:
        projects = tx.project_list()
        full = tx.facts_many(projects)
        seen_kinds = set()
        for p in projects:
            spec = tx.workflow_spec(p["workflow_definition_id"])
            for phase in spec.phases:
                for req in phase.requirements:
                    seen_kinds.add(req.kind)
                    some = tx.facts_many([p], only=tx.fact_needs([req]))[p["id"]]
                    kind = REGISTRY[req.kind]
                    for facts in (some,):
                        assert kind.met(req.params, facts, spec) == \
                            kind.met(req.params, full[p["id"]], spec), (p["slug"], req.id)
                        for lang in ("da", "en"):
                            assert kind.missing(req.params, facts, spec, lang) == \
                                kind.missing(req.params, full[p["id"]], spec, lang)
    assert seen_kinds == set(REGISTRY)
