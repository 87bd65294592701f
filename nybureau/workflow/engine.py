"""The phase engine — the only module that imports ``transitions``, and the machine makes
every move.

One :class:`transitions.Machine` is built per workflow definition version (cached by the
definition's id, version and hash) from the validated spec — its state ids and callables, never a
YAML string or a name to look up — with ``auto_transitions`` off, so no ``to_<phase>()`` shortcut
can bypass a guard. Three triggers exist:

* ``advance`` — current phase → its ``next``; guarded by the phase's requirements, which are
  resolved through :mod:`nybureau.workflow.requirements` (the guards are callables, never names
  ``transitions`` would look up).
* ``jump`` (*spring*) — to any later state, past unmet requirements; needs a reason.
* ``go_back`` (*tilbageløb*) — to any earlier phase; needs a reason.

The machine holds no model: a move hands a light token (the project's current state, its facts,
the target and the reason) to the trigger's :class:`transitions.Event`, which checks the
transitions' conditions and sets the token's state, as it would a model's. Nothing per project is
added to the machine, so the cost of a move (a few microseconds) does not grow with the number of
projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from transitions import Machine
from transitions.core import MachineError

from nybureau.domain.facts import ProjectFacts
from nybureau.errors import InvalidInput, ReasonRequired, RequirementsNotMet
from nybureau.i18n import Msg
from nybureau.workflow.requirements import REGISTRY, Evaluation, evaluate
from nybureau.workflow.spec import WorkflowSpec, text

__all__ = ["Move", "plan_move", "phase_evaluations"]


@dataclass(frozen=True)
class Move:
    kind: str            # advance | jump | back
    from_state: str
    to_state: str
    reason: str | None
    unmet: tuple[Evaluation, ...] = ()


@dataclass
class _Token:
    state: str
    spec: WorkflowSpec
    facts: ProjectFacts
    target: str | None = None
    reason: str | None = None
    unmet: list[Evaluation] = field(default_factory=list)

    # -- guards (the machine's conditions call these; the requirement registry decides) ------
    def requirements_met(self) -> bool:
        phase = self.spec.phase(self.state)
        if phase is not None:
            for req in phase.requirements:  # the registry decides; sentences only when refused
                if not REGISTRY[req.kind].met(req.params, self.facts, self.spec):
                    self.unmet = [e for e in phase_evaluations(self.spec, self.state, self.facts)
                                  if not e.met]
                    return False
        self.unmet = []
        return True

    def has_reason(self) -> bool:
        return bool(self.reason and self.reason.strip())


def phase_evaluations(spec: WorkflowSpec, phase_id: str, facts: ProjectFacts) -> list[Evaluation]:
    phase = spec.phase(phase_id)
    if phase is None:
        return []
    return [evaluate(r, facts, spec) for r in phase.requirements]


_MACHINES: dict[tuple[str, int, str], Machine] = {}


def _requirements_met(event) -> bool:
    return event.model.requirements_met()


def _has_reason(event) -> bool:
    return event.model.has_reason()


def _is_target(state: str):
    def check(event) -> bool:
        return event.model.target == state

    check.__name__ = f"is_target_{state}"
    return check


def _machine(spec: WorkflowSpec) -> Machine:
    """The machine of a definition version, built once per process."""
    key = (spec.id, spec.version, spec.source_hash)
    machine = _MACHINES.get(key)
    if machine is not None:
        return machine
    states = spec.state_ids
    machine = Machine(
        model=None,
        states=states,
        initial=states[0],
        auto_transitions=False,
        ignore_invalid_triggers=False,
        model_attribute="state",
        send_event=True,
    )
    order = {s: i for i, s in enumerate(states)}
    for phase in spec.phases:
        machine.add_transition("advance", phase.id, phase.next, conditions=[_requirements_met])
        for target in states:
            if order[target] > order[phase.id]:
                machine.add_transition("jump", phase.id, target,
                                       conditions=[_has_reason, _is_target(target)])
    for source in states:
        for phase in spec.phases:
            if order[phase.id] < order[source]:
                machine.add_transition("go_back", source, phase.id,
                                       conditions=[_has_reason, _is_target(phase.id)])
    _MACHINES[key] = machine
    return machine


def _fire(machine: Machine, trigger: str, token: _Token) -> bool:
    """Let the machine take the trigger from the token's state: the first of its transitions
    whose conditions hold sets the token's state. False when none does."""
    event = machine.events.get(trigger)
    try:
        if event is None:
            raise MachineError(trigger)
        return event.trigger(token)
    except MachineError:
        raise InvalidInput(
            Msg("That move is not possible from '{state}'.", state=token.state),
        ) from None


def plan_move(
    spec: WorkflowSpec,
    current: str,
    facts: ProjectFacts,
    *,
    project: str,
    target: str | None = None,
    reason: str | None = None,
) -> Move:
    """Decide and validate a move from ``current``. Raises a :class:`NybureauError` subclass
    when refused; returns the move to record when allowed. Nothing is written here."""
    states = spec.state_ids if target is not None else ()  # (only a --to needs the list)
    if current == spec.final.id and (target is None or target == current):
        raise InvalidInput(
            Msg("Project '{project}' is already completed; use --to PHASE --reason to reopen it.",
                project=project),
        )
    if target is not None and target not in states:
        raise InvalidInput(
            Msg("Unknown phase '{target}'. The phases of this workflow are: {states}.",
                target=target, states=', '.join(states)),
        )
    if target == current:
        raise InvalidInput(
            Msg("Project '{project}' is already in the phase '{current}'.", project=project,
                current=current),
        )
    phase = spec.phase(current)
    natural_next = phase.next if phase else None
    token = _Token(state=current, spec=spec, facts=facts, target=target, reason=reason)
    machine = _machine(spec)
    if target is None or target == natural_next:
        if _fire(machine, "advance", token):
            return Move("advance", current, token.state, reason)
        unmet = tuple(token.unmet)
        if not token.has_reason():
            raise RequirementsNotMet(project, spec.title_of(current),
                                     [{"da": e.sentence("da"), "en": e.sentence("en")}
                                      for e in unmet])
        token.target = natural_next
        if _fire(machine, "jump", token):
            return Move("jump", current, token.state, reason, unmet)
    elif states.index(target) > states.index(current):
        if not token.has_reason():
            raise ReasonRequired(_reason_text(spec, project, "jump", target))
        unmet = tuple(e for e in phase_evaluations(spec, current, facts) if not e.met)
        if _fire(machine, "jump", token):
            return Move("jump", current, token.state, reason, unmet)
    else:
        if not token.has_reason():
            raise ReasonRequired(_reason_text(spec, project, "back", target))
        if _fire(machine, "go_back", token):
            return Move("back", current, token.state, reason)
    raise InvalidInput(  # pragma: no cover - every allowed branch returns above
        Msg("That move is not possible from '{current}'.", current=current),
    )


def _reason_text(spec: WorkflowSpec, project: str, kind: str, target: str) -> Msg:
    """Why a jump or a going back needs --reason (the phase's title in each language)."""
    title = {"title": text(spec.title_of(target), "en"),
             "title_da": text(spec.title_of(target), "da"), "project": project}
    if kind == "back":
        return Msg("Going back to “{title}” (tilbageløb) must be explained: add --reason "
                   "\"…\". Nothing was changed in '{project}'.", **title)
    return Msg("Jumping to “{title}” (spring) skips phases or unmet requirements and must be "
               "explained: add --reason \"…\". Nothing was changed in '{project}'.", **title)
