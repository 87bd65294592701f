"""The engine walks a look-up table compiled from the ``transitions`` machine instead of adding a
model to the machine for every move. The table must decide every move exactly as the machine
itself does."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from nybureau.domain.facts import ProjectFacts
from nybureau.workflow import engine
from nybureau.workflow.loader import builtin_workflows, load_file, resolve

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workflows"


def _specs():
    for name in sorted(builtin_workflows()):
        yield resolve(name)[0]
    for path in sorted(FIXTURES.glob("*.yaml")):
        try:
            yield load_file(path)[0]
        except Exception:  # fixtures of broken definitions
            continue


def _all_met(spec) -> ProjectFacts:
    agents = {1: "A"}
    return ProjectFacts(
        decisions={(d.id, b): "approved" for p in spec.phases for d in p.decisions for b in d.by},
        body_members={b: 9 for b in ("management", "med", "steering_group", "project_group",
                                     "working_group", "follow_group", "reference_group")},
        agents=agents,
        activity_counts={k: 9 for k in ("seminar", "interview", "observation", "workshop",
                                        "startup_meeting", "learning_meeting", "conference")},
        attendance={(k, n): frozenset(agents) for k in ("module", "network_meeting")
                    for n in range(1, 5)},
        counts={"governance_items": 99, "prototypes": 9, "prototypes_ready": 9},
    )


@pytest.mark.parametrize("spec", list(_specs()), ids=lambda s: s.id)
def test_table_decides_every_move_as_the_machine_does(spec):
    machine = engine._machine(spec)
    table = engine._table(spec)
    states = spec.state_ids
    for facts in (ProjectFacts(), _all_met(spec)):
        for state, trigger, target, reason in itertools.product(
                states, ("advance", "jump", "go_back"), [None, *states], [None, "fordi"]):
            ours = engine._Token(state=state, spec=spec, facts=facts, target=target,
                                 reason=reason)
            theirs = engine._Token(state=state, spec=spec, facts=facts, target=target,
                                   reason=reason)
            if (trigger, state) not in table:
                assert not machine.events[trigger].transitions.get(state)
                continue
            machine.add_model(theirs, initial=state)
            try:
                expected = theirs.trigger(trigger)
            finally:
                machine.remove_model(theirs)
            assert engine._fire(table, trigger, ours) == expected
            assert ours.state == theirs.state
