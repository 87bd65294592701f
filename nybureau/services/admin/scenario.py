"""``project import FILE``: a scenario in YAML — a project, its people and its history — loaded
and run through the same use cases the CLI calls, in one transaction.

A bad file is reported as ``file:line: message`` for every problem found, and nothing is written:
the structure is checked first, then every step runs; if a step is refused, the whole import is
rolled back and the step's line is named.

Format (``format: nybureau-scenario/1``)::

    network: {slug: …, name: …}                 # optional, created if missing
    project: {slug, name, municipality, area, workflow, created}
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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from nybureau.domain.vocabulary import BODIES
from nybureau.errors import NybureauError, Problem, ScenarioError
from nybureau.services import phases, projects, records
from nybureau.services.common import shown_path
from nybureau.workflow.located import LList, LMap, parse

FORMAT = "nybureau-scenario/1"
_TOP = {"format", "network", "project", "bodies", "agents", "steps"}
_PROJECT = {"slug", "name", "municipality", "area", "workflow", "created"}


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


def register_step(action: str, keys: set[str], run, check=None) -> None:
    STEPS[action] = StepType(frozenset(keys | {"date", action}), run, check)


def _needs_named_mapping(action: str, with_body: bool = False):
    def check(step: LMap, bad) -> None:
        value = step[action]
        if not isinstance(value, LMap) or not isinstance(value.get("name"), str):
            bad(step.line_of(action), f"'{action}' needs a mapping with a name")
        elif with_body and not isinstance(value.get("body"), str):
            bad(step.line_of(action), f"'{action}' needs a body")
    return check


def _check_decision(step: LMap, bad) -> None:
    if not isinstance(step.get("by"), (LList, str)):
        bad(step.line, "a decision needs 'by' (a body or a list of bodies)")
    if not isinstance(step.get("outcome"), str):
        bad(step.line, "a decision needs an 'outcome'")


def _check_activity(step: LMap, bad) -> None:
    if "attendees" in step and not isinstance(step["attendees"], LList):
        bad(step.line_of("attendees"), "'attendees' must be a list of names")


register_step(
    "activity", {"number", "title", "attendees"}, check=_check_activity,
    run=lambda tx, slug, step: records.record_activity(
        tx, slug, step["activity"], number=step.get("number"), on=step["date"],
        title=step.get("title"), attendees=list(step.get("attendees") or []) or None),
)
register_step(
    "decision", {"by", "outcome", "note"}, check=_check_decision,
    run=lambda tx, slug, step: records.record_decision(
        tx, slug, step["decision"],
        by=[step["by"]] if isinstance(step["by"], str) else list(step["by"]),
        outcome=step["outcome"], on=step["date"], note=step.get("note"), source="import"),
)
register_step(
    "member", set(), check=_needs_named_mapping("member", with_body=True),
    run=lambda tx, slug, step: projects.add_member(
        tx, slug, step["member"]["body"], step["member"]["name"], step["member"].get("role"),
        new_person=step["member"].get("new_person") is True),
)
register_step(
    "agent", set(), check=_needs_named_mapping("agent"),
    run=lambda tx, slug, step: projects.add_agent(
        tx, slug, step["agent"]["name"], step["agent"].get("title"), on=step["date"],
        new_person=step["agent"].get("new_person") is True),
)
register_step(
    "advance", {"reason"},
    run=lambda tx, slug, step: phases.advance(
        tx, slug, to=None if step["advance"] == "next" else str(step["advance"]),
        reason=step.get("reason"), on=step["date"]),
)


def _check(file: str, data: Any) -> list[Problem]:
    out: list[Problem] = []

    def bad(line: int, msg: str) -> None:
        out.append(Problem(file, line, msg))

    if not isinstance(data, LMap):
        bad(getattr(data, "line", 1), "a scenario must be a mapping with project and steps")
        return out
    for key in data:
        if key not in _TOP:
            bad(data.line_of(key), f"unknown key '{key}' (allowed: {', '.join(sorted(_TOP))})")
    if data.get("format", FORMAT) != FORMAT:
        bad(data.line_of("format"), f"unsupported format {data.get('format')!r}; this nybureau "
            f"reads '{FORMAT}'")
    proj = data.get("project")
    if not isinstance(proj, LMap):
        bad(data.line_of("project") if "project" in data else data.line,
            "'project' is missing or not a mapping (slug, name, municipality …)")
    else:
        for key in proj:
            if key not in _PROJECT:
                bad(proj.line_of(key), f"project: unknown key '{key}'")
        for key in ("slug", "name", "municipality"):
            if not isinstance(proj.get(key), str):
                bad(proj.line_of(key) if key in proj else proj.line,
                    f"project: '{key}' must be given as text")
        if "created" in proj and not isinstance(proj["created"], date):
            bad(proj.line_of("created"), "project: 'created' must be a date YYYY-MM-DD")
    net = data.get("network")
    if net is not None and (not isinstance(net, LMap) or not isinstance(net.get("slug"), str)
                            or not isinstance(net.get("name"), str)):
        bad(data.line_of("network"), "'network' must be a mapping with slug and name")
    bodies = data.get("bodies", LMap())
    if not isinstance(bodies, LMap):
        bad(data.line_of("bodies"), "'bodies' must map body ids to lists of members")
    else:
        for body, members in bodies.items():
            if body not in BODIES:
                bad(bodies.line_of(body), f"unknown body '{body}' (known: {', '.join(BODIES)})")
            if not isinstance(members, LList) or not all(
                isinstance(m, LMap) and isinstance(m.get("name"), str) for m in members
            ):
                bad(bodies.line_of(body), f"bodies.{body} must be a list of {{name, role}}")
    agents = data.get("agents", LList())
    if agents is not None and (not isinstance(agents, LList) or not all(
        isinstance(a, LMap) and isinstance(a.get("name"), str) for a in agents
    )):
        bad(data.line_of("agents"), "'agents' must be a list of {name, title}")
    steps = data.get("steps", LList())
    if not isinstance(steps, LList):
        bad(data.line_of("steps"), "'steps' must be a list")
        return out
    previous: date | None = None
    for i, step in enumerate(steps):
        line = steps.line_of(i)
        if not isinstance(step, LMap):
            bad(line, f"step {i + 1} must be a mapping with a date and one action")
            continue
        actions = [k for k in step if k in STEPS]
        if len(actions) != 1:
            bad(line, f"step {i + 1} must have exactly one of: {', '.join(sorted(STEPS))}")
            continue
        action = actions[0]
        stype = STEPS[action]
        for key in step:
            if key not in stype.keys:
                bad(step.line_of(key), f"step {i + 1} ({action}): unknown key '{key}'")
        when = step.get("date")
        if not isinstance(when, date):
            bad(step.line_of("date") if "date" in step else line,
                f"step {i + 1}: 'date' must be a date YYYY-MM-DD")
        elif previous and when < previous:
            bad(step.line_of("date"), f"step {i + 1}: dated {when}, before the step above "
                f"({previous}); keep steps in date order")
        else:
            previous = when
        if stype.check is not None:
            stype.check(step, lambda ln, msg, n=i + 1, a=action: bad(ln, f"step {n} ({a}): {msg}"))
    return out


def read(path: str | Path) -> tuple[LMap, str]:
    p = Path(path)
    try:
        source = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem(shown_path(p), 1, "the file does not exist")]) from None
    except OSError as exc:  # a directory, no permission, a file name too long …
        raise ScenarioError([Problem(shown_path(p), 1,
                                     f"cannot be read: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem(str(p), 1, f"cannot be read as UTF-8 text: {exc}")]) from None
    data, problems = parse(source, str(p), "scenario")  # the limits of a scenario file
    if data is None and not problems:
        problems.append(Problem(str(p), 1, "the file is empty"))
    problems += _check(str(p), data) if data is not None else []
    if problems:
        raise ScenarioError(problems)
    return data, str(p)


def run(tx, data: LMap, file: str, *, on_step=None) -> dict[str, Any]:
    """Run a checked scenario inside ``tx``. Any refusal becomes a ScenarioError naming the line;
    the caller's transaction then rolls everything back."""
    line = data.line
    _SCENARIO_DIR.set(Path(file).parent)  # steps that import CSV files resolve them from here

    def guard(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NybureauError as exc:
            raise ScenarioError([Problem(file, line, exc.message)]) from None

    net = data.get("network")
    proj = data["project"]
    if net:
        line = data.line_of("network")
        if tx.network_get(net["slug"]) is None:
            guard(projects.create_network, tx, net["slug"], net["name"])
    line = proj.line
    created = proj.get("created")
    guard(projects.create_project, tx, proj["slug"], name=proj["name"],
          municipality=proj["municipality"], area=proj.get("area"),
          workflow=proj.get("workflow", "nybureaukratisering"),
          network=net["slug"] if net else None, started_on=created)
    slug = proj["slug"]
    bodies = data.get("bodies") or {}
    for body, members in bodies.items():
        for idx, member in enumerate(members):
            line = members.line_of(idx)
            guard(projects.add_member, tx, slug, body, member["name"], member.get("role"),
                  new_person=member.get("new_person") is True)
    for idx, agent in enumerate(data.get("agents") or []):
        line = data["agents"].line_of(idx)
        guard(projects.add_agent, tx, slug, agent["name"], agent.get("title"), on=created,
              new_person=agent.get("new_person") is True)
    steps = data.get("steps") or []
    warnings: list[tuple[int, tuple[str, str]]] = []  # (line, (English, Danish))
    for idx, step in enumerate(steps):
        line = steps.line_of(idx)
        action = next(k for k in step if k in STEPS)
        result = guard(STEPS[action].run, tx, slug, step)
        if action == "activity" and isinstance(result, dict):
            warnings += [(line, w) for w in result.get("warnings", ())]
        if on_step:
            on_step(step, result)
    return {"project": slug, "steps": len(steps), "warnings": warnings}


# =================================================================================================
# substance steps (issue 4): governance items, workshop votes, focus areas, prototypes, surveys,
# evaluation notes and spreading. File paths in steps are relative to the scenario file.
#
#   - {date: …, item: {kind: rule, title: …, experience: too_tight, agent: …}}
#   - {date: …, items: kortlaegning.csv}                  # nybureau item import
#   - {date: …, votes: prioritering.csv}                  # nybureau workshop import
#   - {date: …, focus_area: {title: …, items: [title, …], description: …, reason: …}}
#   - {date: …, prototype: {title, focus_area, owner, description, plan,
#                           criteria: [{bottom_line: quality, text: …}]}}
#   - {date: …, iteration: {prototype: …, place: …, learned: …, changed: …}}
#   - {date: …, prototype_status: {prototype: …, status: adopted}}
#   - {date: …, survey: {file: …, name: januar-2018, kind: baseline}}
#   - {date: …, evaluation_note: {kind: learning_meeting, title: …, text: …, prototype: …}}
#   - {date: …, spreading: {kind: article, title: …, audience: …, prototype: …, note: …}}
# =================================================================================================

import contextvars  # noqa: E402

_SCENARIO_DIR: contextvars.ContextVar[Path] = contextvars.ContextVar("scenario_dir",
                                                                     default=Path("."))


def _scenario_path(value: str) -> Path:
    p = Path(value)
    return p if p.is_absolute() else _SCENARIO_DIR.get() / p


def _needs(action: str, *required: str):
    def check(step: LMap, bad) -> None:
        value = step[action]
        if not isinstance(value, LMap):
            bad(step.line_of(action), f"'{action}' needs a mapping with "
                f"{', '.join(required)}")
            return
        for key in required:
            if value.get(key) in (None, ""):
                bad(value.line_of(key) if key in value else value.line,
                    f"'{action}' needs '{key}'")
    return check


def _needs_file(action: str):
    def check(step: LMap, bad) -> None:
        if not isinstance(step[action], str) or not step[action].endswith(".csv"):
            bad(step.line_of(action), f"'{action}' names a .csv file next to the scenario")
    return check


def _register_substance() -> None:
    from nybureau.services.substance import evaluation, governance, prototypes, workshop

    def _item(tx, slug, step):
        v = step["item"]
        return governance.add_item(
            tx, slug, kind=v["kind"], title=v["title"], description=v.get("description"),
            applies_to=v.get("applies_to"), source=v.get("source"),
            experience=v.get("experience"), character=v.get("character"),
            evidence=v.get("evidence"), agent=v.get("agent"), on=step["date"])

    def _focus(tx, slug, step):
        v = step["focus_area"]
        return workshop.add_focus_area(tx, slug, v["title"], items=list(v.get("items") or []),
                                       description=v.get("description"), on=step["date"],
                                       reason=v.get("reason"))

    def _prototype(tx, slug, step):
        v = step["prototype"]
        out = prototypes.add_prototype(
            tx, slug, v["title"], focus_area=v["focus_area"], description=v.get("description"),
            owner=v.get("owner"), status=v.get("status", "draft"), plan=v.get("plan"))
        for c in v.get("criteria") or []:
            out = prototypes.add_criterion(tx, slug, out["id"], c["text"],
                                           bottom_line=c.get("bottom_line"))
        return out

    def _criteria(tx, slug, step):
        v = step["criteria"]
        out = None
        for c in v.get("criteria") or []:
            out = prototypes.add_criterion(tx, slug, v["prototype"], c["text"],
                                           bottom_line=c.get("bottom_line"))
        if v.get("plan"):
            out = prototypes.set_plan(tx, slug, v["prototype"], v["plan"])
        return out

    register_step("item", set(), check=_needs("item", "kind", "title"), run=_item)
    register_step("items", set(), check=_needs_file("items"),
                  run=lambda tx, slug, step: governance.import_items(
                      tx, slug, _scenario_path(step["items"])))
    register_step("votes", set(), check=_needs_file("votes"),
                  run=lambda tx, slug, step: workshop.import_votes(
                      tx, slug, _scenario_path(step["votes"]), on=step["date"]))
    register_step("focus_area", set(), check=_needs("focus_area", "title"), run=_focus)
    register_step("prototype", set(), check=_needs("prototype", "title", "focus_area"),
                  run=_prototype)
    register_step("criteria", set(), check=_needs("criteria", "prototype"), run=_criteria)
    register_step("iteration", set(), check=_needs("iteration", "prototype", "place"),
                  run=lambda tx, slug, step: prototypes.add_iteration(
                      tx, slug, step["iteration"]["prototype"],
                      place=step["iteration"]["place"], on=step["date"],
                      learned=step["iteration"].get("learned"),
                      changed=step["iteration"].get("changed")))
    register_step("prototype_status", set(),
                  check=_needs("prototype_status", "prototype", "status"),
                  run=lambda tx, slug, step: prototypes.set_status(
                      tx, slug, step["prototype_status"]["prototype"],
                      step["prototype_status"]["status"]))
    register_step("survey", set(), check=_needs("survey", "file", "name", "kind"),
                  run=lambda tx, slug, step: evaluation.import_survey(
                      tx, slug, _scenario_path(step["survey"]["file"]),
                      name=step["survey"]["name"], kind=step["survey"]["kind"],
                      on=step["date"]))
    register_step("evaluation_note", set(),
                  check=_needs("evaluation_note", "kind", "title", "text"),
                  run=lambda tx, slug, step: evaluation.add_note(
                      tx, slug, step["evaluation_note"]["kind"], step["evaluation_note"]["title"],
                      step["evaluation_note"]["text"], on=step["date"],
                      prototype=step["evaluation_note"].get("prototype")))
    register_step("spreading", set(),
                  check=_needs("spreading", "kind", "title", "audience"),
                  run=lambda tx, slug, step: evaluation.add_spreading(
                      tx, slug, step["spreading"]["kind"], step["spreading"]["title"],
                      audience=step["spreading"]["audience"], on=step["date"],
                      prototype=step["spreading"].get("prototype"),
                      note=step["spreading"].get("note")))


_register_substance()


# ---------------------------------------------------------------------------------------------
# Meetings (issue: meetings and documents). A step plans a meeting of one of the project's
# bodies with its automatic agenda, records outcomes by item (a standing item's key such as
# approve_agenda, or a decision id), and may approve the minutes:
#
#   - date: 2017-08-16
#     meeting: med
#     time: "14:00"
#     committee: "Områdeudvalg for social og sundhed"
#     place: "Rådhuset, mødelokale 1"
#     minute_taker: "Camilla Høj Pedersen"
#     apologies: ["Kasper Møller Thomsen"]
#     record:
#       approve_agenda: approved
#       project_description: {outcome: approved_with_changes, text: "…"}
#     approve: 2017-09-12
#
# A meeting that was called off is planned and cancelled in one step (not with record/approve);
# the cancellation's date defaults to the meeting's:
#
#   - date: 2017-10-04
#     meeting: steering_group
#     cancel: {reason: "Formanden er syg", date: 2017-10-02}   # or cancel: "Formanden er syg"
# ---------------------------------------------------------------------------------------------
def _register_meetings() -> None:
    from nybureau.errors import InvalidInput
    from nybureau.services import meetings as _meetings

    keys = {"time", "committee", "place", "minute_taker", "participants", "apologies",
            "duration", "record", "approve", "title", "cancel"}

    def check(step: LMap, bad) -> None:
        if not isinstance(step.get("meeting"), str):
            bad(step.line_of("meeting"), "'meeting' must name a body, e.g. med")
        for key in ("participants", "apologies"):
            if key in step and not isinstance(step[key], LList):
                bad(step.line_of(key), f"'{key}' must be a list of names")
        rec = step.get("record")
        if rec is not None:
            if not isinstance(rec, LMap):
                bad(step.line_of("record"), "'record' must map items to outcomes")
            else:
                for item, value in rec.items():
                    if not isinstance(value, str) and not (
                            isinstance(value, LMap) and isinstance(value.get("outcome"), str)):
                        bad(rec.line_of(item), f"record.{item} must be an outcome or "
                            "{outcome: …, text: …}")
        if "cancel" in step:
            cancel = step["cancel"]
            if isinstance(cancel, LMap):
                if not isinstance(cancel.get("reason"), str):
                    bad(step.line_of("cancel"), "'cancel' needs a reason: {reason: …, date: …}")
                if "date" in cancel and not isinstance(cancel["date"], date):
                    bad(cancel.line_of("date"), "cancel.date must be a date YYYY-MM-DD")
                for key in cancel:
                    if key not in ("reason", "date"):
                        bad(cancel.line_of(key), f"cancel.{key}: unknown key (use reason, date)")
            elif not isinstance(cancel, str):
                bad(step.line_of("cancel"),
                    "'cancel' must be the reason, or {reason: …, date: …}")
            for key in ("record", "approve"):
                if key in step:
                    bad(step.line_of(key), f"a cancelled meeting has no '{key}'")
        if "approve" in step and not isinstance(step["approve"], date):
            bad(step.line_of("approve"), "'approve' must be a date YYYY-MM-DD")
        if "time" in step and not isinstance(step["time"], str):
            bad(step.line_of("time"), "'time' must be text HH:MM, e.g. \"14:00\"")
        if "duration" in step and (isinstance(step["duration"], bool)
                                   or not isinstance(step["duration"], int)):
            bad(step.line_of("duration"), "'duration' must be a whole number of minutes")

    def run(tx, slug: str, step: LMap):
        when = f"{step['date'].isoformat()} {step.get('time', '10:00')}"
        shown = _meetings.plan_meeting(
            tx, slug, step["meeting"], starts=when, place=step.get("place"),
            title=step.get("title"), committee=step.get("committee"),
            duration_minutes=step.get("duration", 120), minute_taker=step.get("minute_taker"),
            participants=list(step.get("participants") or []) or None,
            apologies=list(step.get("apologies") or []))
        mid = shown["meeting"]["id"]
        for key, value in (step.get("record") or {}).items():
            found = [it for it in shown["items"]
                     if it["standing"] == key or it["decision_key"] == key]
            if not found:
                on_agenda = [it["standing"] or it["decision_key"] for it in shown["items"]
                             if it["standing"] or it["decision_key"]]
                raise InvalidInput(
                    f"'{key}' is not on the agenda of this meeting (it has: "
                    f"{', '.join(on_agenda)}).",
                    f"'{key}' er ikke på dagsordenen for mødet (den har: "
                    f"{', '.join(on_agenda)}).")
            outcome, text = (value, None) if isinstance(value, str) else \
                (value["outcome"], value.get("text"))
            _meetings.record_outcome(tx, mid, found[0]["position"], outcome=outcome, text=text)
        if step.get("approve"):
            _meetings.approve_minutes(tx, mid, step["approve"])
        if "cancel" in step:
            cancel = step["cancel"]
            reason, on = (cancel["reason"], cancel.get("date")) if isinstance(cancel, LMap) \
                else (cancel, None)
            _meetings.cancel_meeting(tx, mid, reason, on or step["date"])
        return shown

    register_step("meeting", keys, run=run, check=check)


_register_meetings()
