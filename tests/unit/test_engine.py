"""The phase engine on plain facts (no database): forward moves need every requirement,
jumps and going back need a reason, refusals list what is missing in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from nybureau.domain.facts import ProjectFacts
from nybureau.errors import InvalidInput, ReasonRequired, RequirementsNotMet
from nybureau.workflow.engine import phase_evaluations, plan_move
from nybureau.workflow.loader import load_file, resolve

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workflows"


@pytest.fixture(scope="module")
def spec():
    return resolve("nybureaukratisering")[0]


def backing_met() -> ProjectFacts:
    return ProjectFacts(
        decisions={(d, b): "approved" for d in ("project_description", "organisation",
                                                 "seminar_participation")
                   for b in ("management", "med")},
        body_members={"steering_group": 3},
    )


def test_forward_move_with_everything_met(spec):
    move = plan_move(spec, "backing", backing_met(), project="p")
    assert (move.kind, move.from_state, move.to_state) == ("advance", "backing",
                                                           "common_language")


def test_refusal_lists_each_unmet_requirement_in_danish_and_english(spec):
    facts = backing_met()
    facts.decisions[("organisation", "med")] = "postponed"
    facts.body_members = {}
    with pytest.raises(RequirementsNotMet) as exc:
        plan_move(spec, "backing", facts, project="odder")
    da, en = exc.value.render("da"), exc.value.render("en")
    assert "Projektet 'odder' kan ikke gå videre fra fasen »Opbakning og organisering«" in da
    assert ("»Projektorganisering og styregruppe med kommissorium« godkendt af ledelsen og "
            "MED-udvalget (MED-udvalget: udsat)") in da
    assert "Styregruppen har mindst 1 medlem (0 nu)" in da
    assert "Projektbeskrivelse" not in da  # met requirements are not listed
    assert "(MED committee: postponed)" in en
    assert len(exc.value.missing) == 2


def test_noted_counts_only_where_the_definition_allows_it(spec):
    facts = ProjectFacts(decisions={("status_report", "management"): "noted",
                                    ("status_report", "med"): "noted",
                                    ("focus_areas", "steering_group"): "noted"})
    evals = {e.id: e.met for e in phase_evaluations(spec, "prioritisation", facts)}
    assert evals["decision:status_report"] is True
    assert evals["decision:focus_areas"] is False


@pytest.mark.parametrize("outcome, met", [("approved", True), ("approved_with_changes", True),
                                          ("rejected", False), ("postponed", False),
                                          ("noted", False)])
def test_outcomes_that_satisfy_a_decision(spec, outcome, met):
    facts = ProjectFacts(decisions={("evaluation_plan", "steering_group"): outcome})
    evals = {e.id: e.met for e in phase_evaluations(spec, "prototyping", facts)}
    assert evals["decision:evaluation_plan"] is met


def test_module_attendance_needs_every_agent(spec):
    facts = ProjectFacts(agents={1: "Anna Holm", 2: "Bo Lund"},
                         attendance={("module", 1): frozenset({1})})
    ev = {e.id: e for e in phase_evaluations(spec, "mapping", facts)}["module:1"]
    assert not ev.met and ev.missing["da"] == "mangler: Bo Lund"
    facts.attendance[("module", 1)] = frozenset({1, 2})
    assert {e.id: e.met for e in phase_evaluations(spec, "mapping", facts)}["module:1"]


def test_module_attendance_is_not_met_without_agents(spec):
    facts = ProjectFacts(attendance={("module", 1): frozenset()})
    ev = {e.id: e for e in phase_evaluations(spec, "mapping", facts)}["module:1"]
    assert not ev.met and "ingen dokumentationsagenter" in ev.missing["da"]


def test_network_meeting_needs_one_of_the_projects_agents(spec):
    facts = ProjectFacts(agents={1: "Anna"}, attendance={("network_meeting", 1): frozenset({9})})
    ev = {e.id: e for e in phase_evaluations(spec, "mapping", facts)}["network_meeting:1"]
    assert not ev.met and "uden nok af projektets agenter" in ev.missing["da"]
    facts.attendance[("network_meeting", 1)] = frozenset({1, 9})
    assert {e.id: e.met for e in phase_evaluations(spec, "mapping", facts)}["network_meeting:1"]


def test_unmet_forward_move_with_a_reason_is_a_jump(spec):
    move = plan_move(spec, "backing", ProjectFacts(), project="p", reason="Besluttet i direktionen")
    assert move.kind == "jump" and move.to_state == "common_language"
    assert len(move.unmet) == 4


def test_skipping_a_phase_needs_a_reason_even_when_met(spec):
    with pytest.raises(ReasonRequired) as exc:
        plan_move(spec, "backing", backing_met(), project="p", target="mapping")
    assert "--reason" in exc.value.render("en") and "spring" in exc.value.render("da")
    move = plan_move(spec, "backing", backing_met(), project="p", target="mapping",
                     reason="Fælles sprog er allerede etableret")
    assert (move.kind, move.to_state) == ("jump", "mapping")


def test_going_back_needs_a_reason(spec):
    with pytest.raises(ReasonRequired) as exc:
        plan_move(spec, "prioritisation", ProjectFacts(), project="p", target="mapping")
    assert "tilbageløb" in exc.value.render("da")
    move = plan_move(spec, "prioritisation", ProjectFacts(), project="p", target="mapping",
                     reason="Flere observationer")
    assert (move.kind, move.to_state) == ("back", "mapping")


def test_whitespace_is_not_a_reason(spec):
    with pytest.raises(ReasonRequired):
        plan_move(spec, "mapping", ProjectFacts(), project="p", target="backing", reason="   ")


def test_last_phase_leads_to_completed_and_completed_can_be_reopened(spec):
    facts = ProjectFacts(
        decisions={(d, b): "approved" for d in ("evaluation", "spreading")
                   for b in ("management", "med")},
        agents={1: "A"}, attendance={("network_meeting", 4): frozenset({1})})
    assert plan_move(spec, "evaluation", facts, project="p").to_state == "completed"
    with pytest.raises(InvalidInput):
        plan_move(spec, "completed", facts, project="p")
    move = plan_move(spec, "completed", facts, project="p", target="evaluation",
                     reason="Evalueringen skal suppleres")
    assert move.kind == "back"


@pytest.mark.parametrize("target", ["nowhere", "backing"])
def test_unknown_or_current_target_is_refused(spec, target):
    with pytest.raises(InvalidInput):
        plan_move(spec, "backing", ProjectFacts(), project="p", target=target, reason="x")


def test_custom_definition_runs_on_the_same_engine():
    spec, _ = load_file(FIXTURES / "mini.yaml")
    with pytest.raises(RequirementsNotMet):
        plan_move(spec, "start", ProjectFacts(), project="p")
    facts = ProjectFacts(decisions={("go", "steering_group"): "approved"},
                         activity_counts={"interview": 1, "observation": 1})
    assert plan_move(spec, "start", facts, project="p").to_state == "explore"
    assert plan_move(spec, "explore", facts, project="p").to_state == "wrap_up"
    assert plan_move(spec, "wrap_up", facts, project="p").to_state == "done"


def test_engine_holds_no_models_between_moves(spec):
    from nybureau.workflow import engine

    for _ in range(3):
        plan_move(spec, "backing", backing_met(), project="p")
    for machine in engine._MACHINES.values():
        assert list(machine.models) == []


def test_no_auto_transitions_bypass_the_guards(spec):
    from nybureau.workflow import engine

    plan_move(spec, "backing", backing_met(), project="p")
    machine = next(iter(engine._MACHINES.values()))
    assert not any(name.startswith("to_") for name in machine.events)
