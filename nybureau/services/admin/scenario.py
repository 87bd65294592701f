"""``project import FILE``: a scenario in YAML — a project, its people and its history — loaded
and run through the same use cases the CLI calls, in one transaction.

A bad file is reported as ``file:line: message`` for every problem found, and nothing is written:
the structure is checked first, then every step runs; if a step is refused, the whole import is
rolled back and the step's line is named.

Format (``format: nybureau-scenario/1``)::

    network: {slug: …, name: …}                 # optional, created if missing
    project: {slug, name, municipality, area, workflow, created,
              proposer, case_number, texts: {background: …, purpose: …}}
    bodies:  {management: [{name, role}], med: […], …}
    agents:  [{name, title}]                    # a name close to another person's needs
                                                # new_person: true (as --new-person does)
    steps:                                      # in date order
      - {date: 2017-06-14, activity: startup_meeting, title: …, attendees: [...]}
      - {date: …, activity: module, number: 1}
      - {date: …, decision: project_description, by: [management, med], outcome: approved, note: …}
      - {date: …, member: {body: steering_group, name: …, role: …}}
      - {date: …, agent: {name: …, title: …}}
      - {date: …, advance: next}                # or a phase id, with reason: …
      - {date: …, programme: {name, owner, management, steps: [{title, due}], done: [1]}}
                                                # the network's frame project (scenario_programme)
      - {date: …, workshop_plan: {start: "2017-11-14 9.00", place, invite: [...], groups: 4}}
                                                # the prioritisation workshop (scenario_workshop)

The file is read and checked here (:func:`read`); the steps run in
:mod:`nybureau.services.admin.scenario_steps`, which registers every step type with its check
and its use case (:func:`register_step`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from nybureau.domain.vocabulary import BODIES
from nybureau.errors import Problem, ScenarioError
from nybureau.i18n import Msg
from nybureau.services.common import shown_path
from nybureau.workflow.located import LList, LMap, parse

FORMAT = "nybureau-scenario/1"
_TOP = {"format", "network", "project", "bodies", "agents", "steps"}
_PROJECT = {"slug", "name", "municipality", "area", "workflow", "created", "proposer",
            "case_number", "texts"}


@dataclass(frozen=True)
class StepType:
    """One kind of scenario step: its keys, a structural check, and the use case it runs.

    ``check(step, bad)`` reports problems through ``bad(line, message)``; ``run(tx, slug, step)``
    calls a service and returns its result. Features register their own step types with
    :func:`register_step` (e.g. meetings, governance items)."""

    keys: frozenset[str]
    run: Callable[[Any, str, LMap], Any]
    check: Callable[[LMap, Callable[[int, str], None]], None] | None = None


STEPS: dict[str, StepType] = {}


def register_step(action: str, keys: set[str], run: Callable[[Any, str, LMap], Any],
                  check: Callable[[LMap, Callable[[int, str], None]], None] | None = None
                  ) -> None:
    """Register the step type ``action`` with its other ``keys`` (``date`` and ``action``
    itself are implied), the use case it runs and its structural check."""
    STEPS[action] = StepType(frozenset(keys | {"date", action}), run, check)


def _needs_named_mapping(action: str, with_body: bool = False):
    def check(step: LMap, bad) -> None:
        value = step[action]
        if not isinstance(value, LMap) or not isinstance(value.get("name"), str):
            bad(step.line_of(action), Msg("'{action}' needs a mapping with a name", action=action))
        elif with_body and not isinstance(value.get("body"), str):
            bad(step.line_of(action), Msg("'{action}' needs a body", action=action))
    return check


def _check_decision(step: LMap, bad) -> None:
    if not isinstance(step.get("by"), (LList, str)):
        bad(step.line, Msg("a decision needs 'by' (a body or a list of bodies)"))
    if not isinstance(step.get("outcome"), str):
        bad(step.line, Msg("a decision needs an 'outcome'"))


def _check_activity(step: LMap, bad) -> None:
    if "attendees" in step and not isinstance(step["attendees"], LList):
        bad(step.line_of("attendees"), Msg("'attendees' must be a list of names"))


def _needs(action: str, *required: str):
    def check(step: LMap, bad) -> None:
        value = step[action]
        if not isinstance(value, LMap):
            bad(step.line_of(action), Msg("'{action}' needs a mapping with {keys}",
                                          action=action, keys=", ".join(required)))
            return
        for key in required:
            if value.get(key) in (None, ""):
                bad(value.line_of(key) if key in value else value.line,
                    Msg("'{action}' needs '{key}'", action=action, key=key))
    return check


def _needs_file(action: str):
    def check(step: LMap, bad) -> None:
        if not isinstance(step[action], str) or not step[action].endswith(".csv"):
            bad(step.line_of(action), Msg("'{action}' names a .csv file next to the scenario",
                                          action=action))
    return check


def _check_meeting(step: LMap, bad) -> None:
    """A meeting step: a body, lists of names, outcomes by item, a cancellation or an
    approval (see :mod:`nybureau.services.admin.scenario_steps`)."""
    if not isinstance(step.get("meeting"), str):
        bad(step.line_of("meeting"), Msg("'meeting' must name a body, e.g. med"))
    for key in ("participants", "apologies"):
        if key in step and not isinstance(step[key], LList):
            bad(step.line_of(key), Msg("'{key}' must be a list of names", key=key))
    rec = step.get("record")
    if rec is not None:
        if not isinstance(rec, LMap):
            bad(step.line_of("record"), Msg("'record' must map items to outcomes"))
        else:
            for item, value in rec.items():
                if not isinstance(value, str) and not (
                        isinstance(value, LMap)
                        and (isinstance(value.get("outcome"), str)
                             or ("outcome" not in value and isinstance(value.get("text"), str)))):
                    bad(rec.line_of(item), Msg("record.{item} must be an outcome, "
                                               "{{outcome: …, text: …}} or {{text: …}}",
                                               item=item))
    if "cancel" in step:
        cancel = step["cancel"]
        if isinstance(cancel, LMap):
            if not isinstance(cancel.get("reason"), str):
                bad(step.line_of("cancel"), Msg("'cancel' needs a reason: {reason: …, date: …}"))
            if "date" in cancel and not isinstance(cancel["date"], date):
                bad(cancel.line_of("date"), Msg("cancel.date must be a date YYYY-MM-DD"))
            for key in cancel:
                if key not in ("reason", "date"):
                    bad(cancel.line_of(key), Msg("cancel.{key}: unknown key (use reason, date)",
                                                  key=key))
        elif not isinstance(cancel, str):
            bad(step.line_of("cancel"),
                Msg("'cancel' must be the reason, or {reason: …, date: …}"))
        for key in ("record", "approve"):
            if key in step:
                bad(step.line_of(key), Msg("a cancelled meeting has no '{key}'", key=key))
    if "approve" in step and not isinstance(step["approve"], date):
        bad(step.line_of("approve"), Msg("'approve' must be a date YYYY-MM-DD"))
    if "time" in step and not isinstance(step["time"], str):
        bad(step.line_of("time"), Msg("'time' must be text HH:MM, e.g. \"14:00\""))
    if "duration" in step and (isinstance(step["duration"], bool)
                               or not isinstance(step["duration"], int)):
        bad(step.line_of("duration"), Msg("'duration' must be a whole number of minutes"))


def _check(file: str, data: Any) -> list[Problem]:
    from nybureau.services.admin import scenario_steps  # noqa: F401  (registers the steps)

    out: list[Problem] = []

    def bad(line: int, msg: Msg | str) -> None:
        out.append(Problem(file, line, msg))

    if not isinstance(data, LMap):
        bad(getattr(data, "line", 1), Msg("a scenario must be a mapping with project and steps"))
        return out
    for key in data:
        if key not in _TOP:
            bad(data.line_of(key), Msg("unknown key '{key}' (allowed: {allowed})", key=key,
                                       allowed=", ".join(sorted(_TOP))))
    if data.get("format", FORMAT) != FORMAT:
        bad(data.line_of("format"), Msg("unsupported format {given}; this nybureau reads "
                                        "'{format}'", given=repr(data.get("format")),
                                        format=FORMAT))
    proj = data.get("project")
    if not isinstance(proj, LMap):
        bad(data.line_of("project") if "project" in data else data.line,
            Msg("'project' is missing or not a mapping (slug, name, municipality …)"))
    else:
        for key in proj:
            if key not in _PROJECT:
                bad(proj.line_of(key), Msg("project: unknown key '{key}'", key=key))
        for key in ("slug", "name", "municipality"):
            if not isinstance(proj.get(key), str):
                bad(proj.line_of(key) if key in proj else proj.line,
                    Msg("project: '{key}' must be given as text", key=key))
        if "created" in proj and not isinstance(proj["created"], date):
            bad(proj.line_of("created"), Msg("project: 'created' must be a date YYYY-MM-DD"))
        _check_project_texts(proj, bad)
    net = data.get("network")
    if net is not None and (not isinstance(net, LMap) or not isinstance(net.get("slug"), str)
                            or not isinstance(net.get("name"), str)):
        bad(data.line_of("network"), Msg("'network' must be a mapping with slug and name"))
    bodies = data.get("bodies", LMap())
    if not isinstance(bodies, LMap):
        bad(data.line_of("bodies"), Msg("'bodies' must map body ids to lists of members"))
    else:
        for body, members in bodies.items():
            if body not in BODIES:
                bad(bodies.line_of(body), Msg("unknown body '{body}' (known: {known})",
                                              body=body, known=", ".join(BODIES)))
            if not isinstance(members, LList) or not all(
                isinstance(m, LMap) and isinstance(m.get("name"), str) for m in members
            ):
                bad(bodies.line_of(body), Msg("bodies.{body} must be a list of {{name, role}}",
                                              body=body))
    agents = data.get("agents", LList())
    if agents is not None and (not isinstance(agents, LList) or not all(
        isinstance(a, LMap) and isinstance(a.get("name"), str) for a in agents
    )):
        bad(data.line_of("agents"), Msg("'agents' must be a list of {name, title}"))
    steps = data.get("steps", LList())
    if not isinstance(steps, LList):
        bad(data.line_of("steps"), Msg("'steps' must be a list"))
        return out
    previous: date | None = None
    for i, step in enumerate(steps):
        line = steps.line_of(i)
        if not isinstance(step, LMap):
            bad(line, Msg("step {n} must be a mapping with a date and one action", n=i + 1))
            continue
        actions = [k for k in step if k in STEPS]
        if len(actions) != 1:
            bad(line, Msg("step {n} must have exactly one of: {actions}", n=i + 1,
                          actions=", ".join(sorted(STEPS))))
            continue
        action = actions[0]
        stype = STEPS[action]
        for key in step:
            if key not in stype.keys:
                bad(step.line_of(key), Msg("step {n} ({action}): unknown key '{key}'",
                                           n=i + 1, action=action, key=key))
        when = step.get("date")
        if not isinstance(when, date):
            bad(step.line_of("date") if "date" in step else line,
                Msg("step {n}: 'date' must be a date YYYY-MM-DD", n=i + 1))
        elif previous and when < previous:
            bad(step.line_of("date"), Msg("step {n}: dated {when}, before the step above "
                                          "({previous}); keep steps in date order", n=i + 1,
                                          when=str(when), previous=str(previous)))
        else:
            previous = when
        if stype.check is not None:
            stype.check(step, lambda ln, msg, n=i + 1, a=action: bad(
                ln, Msg("step {n} ({action}): {problem}", n=n, action=a, problem=msg)))
    return out


def _check_project_texts(proj: LMap, bad) -> None:  # noqa: ANN001
    """project.proposer, project.case_number and project.texts (field: text)."""
    from nybureau.domain.vocabulary import PROJECT_TEXTS, PROPOSERS

    if "proposer" in proj and proj["proposer"] not in PROPOSERS:
        bad(proj.line_of("proposer"), Msg("project: unknown proposer {given} (known: {known})",
                                          given=repr(proj["proposer"]),
                                          known=", ".join(PROPOSERS)))
    if "case_number" in proj and not isinstance(proj["case_number"], str):
        bad(proj.line_of("case_number"), Msg("project: 'case_number' must be given as text"))
    texts = proj.get("texts")
    if texts is None:
        return
    if not isinstance(texts, LMap):
        bad(proj.line_of("texts"), Msg("project: 'texts' must map fields to texts ({known})",
                                       known=", ".join(PROJECT_TEXTS)))
        return
    for field, value in texts.items():
        if field not in PROJECT_TEXTS:
            bad(texts.line_of(field), Msg("project.texts: unknown field '{field}' (known: "
                                          "{known})", field=field,
                                          known=", ".join(PROJECT_TEXTS)))
        elif not isinstance(value, str) or not value.strip():
            bad(texts.line_of(field), Msg("project.texts: '{field}' must be given as text",
                                          field=field))


def read(path: str | Path) -> tuple[LMap, str]:
    """A scenario file, parsed and checked, with its name; every problem found is raised at
    once as a :class:`~nybureau.errors.ScenarioError` (``file:line: message``)."""
    p = Path(path)
    try:
        source = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem(shown_path(p), 1, Msg("the file does not exist"))]) from None
    except OSError as exc:  # a directory, no permission, a file name too long …
        raise ScenarioError([Problem(shown_path(p), 1, Msg(
            "cannot be read: {reason}", reason=str(exc.strerror or exc)))]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem(str(p), 1, Msg("cannot be read as UTF-8 text: {reason}",
                                                    reason=str(exc)))]) from None
    data, problems = parse(source, str(p), "scenario")  # the limits of a scenario file
    if data is None and not problems:
        problems.append(Problem(str(p), 1, Msg("the file is empty")))
    problems += _check(str(p), data) if data is not None else []
    if problems:
        raise ScenarioError(problems)
    return data, str(p)
