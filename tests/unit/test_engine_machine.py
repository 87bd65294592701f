"""``transitions`` makes every move: one machine per definition version, no automatic
``to_<state>`` transitions, guards that are callables resolved through the requirement registry,
and every move — advance, jump (spring), going back (tilbageløb) — taken by the machine's event.
These tests fail if a move bypasses the machine."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from transitions.core import Event

from nybureau.domain.facts import ProjectFacts
from nybureau.errors import InvalidInput, RequirementsNotMet
from nybureau.workflow import engine
from nybureau.workflow.engine import plan_move
from nybureau.workflow.loader import builtin_workflows, load_file, resolve

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workflows"


def _specs():
    for name in sorted(builtin_workflows()):
        yield resolve(name)[0]
    yield load_file(FIXTURES / "mini.yaml")[0]


@pytest.fixture
def spec():
    return load_file(FIXTURES / "mini.yaml")[0]


MET = ProjectFacts(decisions={("go", "steering_group"): "approved"})


@pytest.fixture
def triggered(monkeypatch):
    """(trigger, state before, state after) of every event the machine fires."""
    seen = []
    real = Event.trigger

    def trigger(self, model, *args, **kwargs):
        before = model.state
        result = real(self, model, *args, **kwargs)
        seen.append((self.name, before, model.state, result))
        return result

    monkeypatch.setattr(Event, "trigger", trigger)
    return seen


def test_an_advance_is_the_machines_advance_event(spec, triggered):
    move = plan_move(spec, "start", MET, project="p")
    assert (move.kind, move.to_state) == ("advance", "explore")
    assert triggered == [("advance", "start", "explore", True)]


def test_a_refused_advance_is_refused_by_the_machine(spec, triggered):
    with pytest.raises(RequirementsNotMet):
        plan_move(spec, "start", ProjectFacts(), project="p")
    assert triggered == [("advance", "start", "start", False)]


def test_an_advance_past_unmet_requirements_with_a_reason_is_a_jump_by_the_machine(
        spec, triggered):
    move = plan_move(spec, "start", ProjectFacts(), project="p", reason="Aftalt")
    assert (move.kind, move.to_state, [e.id for e in move.unmet]) == \
        ("jump", "explore", ["decision:go"])
    assert triggered == [("advance", "start", "start", False),
                         ("jump", "start", "explore", True)]


def test_a_jump_and_going_back_are_the_machines_events(spec, triggered):
    move = plan_move(spec, "start", MET, project="p", target="done", reason="Spring")
    assert (move.kind, move.to_state) == ("jump", "done")
    move = plan_move(spec, "done", MET, project="p", target="explore", reason="Tilbage")
    assert (move.kind, move.to_state) == ("back", "explore")
    assert triggered == [("jump", "start", "done", True), ("go_back", "done", "explore", True)]


def test_the_move_goes_where_the_machine_says(spec):
    """Redirect the machine's advance: the engine follows it (no table of its own)."""
    machine = engine._machine(spec)
    (transition,) = machine.events["advance"].transitions["start"]
    dest = transition.dest
    transition.dest = "wrap_up"
    try:
        assert plan_move(spec, "start", MET, project="p").to_state == "wrap_up"
    finally:
        transition.dest = dest
    assert plan_move(spec, "start", MET, project="p").to_state == "explore"


def test_without_the_machines_transition_there_is_no_move(spec):
    machine = engine._machine(spec)
    routes = machine.events["advance"].transitions
    saved = routes.pop("start")
    try:
        with pytest.raises(InvalidInput, match="That move is not possible from 'start'"):
            plan_move(spec, "start", MET, project="p")
    finally:
        routes["start"] = saved


@pytest.mark.parametrize("spec", list(_specs()), ids=lambda s: s.id)
def test_one_machine_per_definition_version_with_only_the_three_guarded_triggers(spec):
    machine = engine._machine(spec)
    assert engine._machine(spec) is machine
    assert set(machine.events) == {"advance", "jump", "go_back"}  # no to_<state>
    assert not machine.models
    for event in machine.events.values():
        for transitions in event.transitions.values():
            for tr in transitions:
                assert tr.conditions and all(callable(c.func) for c in tr.conditions)


@pytest.mark.parametrize("spec", list(_specs()), ids=lambda s: s.id)
def test_the_light_token_moves_exactly_as_a_model_added_to_the_machine(spec):
    """The engine hands the event a token instead of adding a model per move: the outcome of
    every trigger from every state is the one the machine gives a model of its own."""
    machine = engine._machine(spec)
    states = spec.state_ids
    for facts in (ProjectFacts(), MET):
        for state, trigger, target, reason in itertools.product(
                states, ("advance", "jump", "go_back"), [None, *states], [None, "fordi"]):
            ours = engine._Token(state=state, spec=spec, facts=facts, target=target,
                                 reason=reason)
            theirs = engine._Token(state=state, spec=spec, facts=facts, target=target,
                                   reason=reason)
            if not machine.events[trigger].transitions.get(state):
                with pytest.raises(InvalidInput):
                    engine._fire(machine, trigger, ours)
                continue
            machine.add_model(theirs, initial=state)
            try:
                expected = theirs.trigger(trigger)
            finally:
                machine.remove_model(theirs)
            assert engine._fire(machine, trigger, ours) == expected
            assert ours.state == theirs.state
