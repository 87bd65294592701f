"""Running a scenario (:mod:`nybureau.services.admin.scenario` reads and checks it): every step
type with its use case — the project's records, the substance of phases 3–6 and meetings —, and
:func:`run`, which applies a checked scenario in one transaction."""

from __future__ import annotations

import contextvars
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from nybureau.errors import NybureauError, Problem, ScenarioError
from nybureau.i18n import Msg
from nybureau.services import phases
from nybureau.services.process import projects, records, texts
from nybureau.services.admin.scenario import (
    STEPS,
    _check_activity,
    _check_decision,
    _check_meeting,
    _needs,
    _needs_file,
    _needs_named_mapping,
    register_step,
)
from nybureau.workflow.located import LMap

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

_SCENARIO_DIR: contextvars.ContextVar[Path] = contextvars.ContextVar("scenario_dir",
                                                                     default=Path("."))


def _scenario_path(value: str) -> Path:
    p = Path(value)
    return p if p.is_absolute() else _SCENARIO_DIR.get() / p


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
def _when(value: Any) -> Any:
    """A period's date as YAML gives it (a date, or text the service checks)."""
    return value if value is None or hasattr(value, "isoformat") else str(value)


# A member step joins the body on its date (or on `from:`); `to:` is the last day as a member.
# For a person already in the body it changes the membership (e.g. only `to:`: they leave).
register_step(
    "member", set(), check=_needs_named_mapping("member", with_body=True),
    run=lambda tx, slug, step: projects.add_member(
        tx, slug, step["member"]["body"], step["member"]["name"], step["member"].get("role"),
        new_person=step["member"].get("new_person") is True,
        valid_from=_when(step["member"].get("from", step["date"]
                                            if "to" not in step["member"] else None)),
        valid_to=_when(step["member"].get("to"))),
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


def _project_settings(tx: Tx, slug: str, proj: LMap, guard, data: LMap) -> None:  # noqa: ANN001
    """The project's proposer, case number and own texts (``project.texts``)."""
    if "proposer" in proj or "case_number" in proj:
        guard(texts.set_project, tx, slug, proposer=proj.get("proposer"),
              case_number=proj.get("case_number"))
    for field, value in (proj.get("texts") or {}).items():
        guard(texts.set_text, tx, slug, field, value)


register_step(
    "text", set(), check=_needs("text", "field", "text"),
    run=lambda tx, slug, step: texts.set_text(tx, slug, step["text"]["field"],
                                              step["text"]["text"]),
)


def run(tx: Tx, data: LMap, file: str, *,
        on_step: Callable[[LMap, Any], None] | None = None) -> dict[str, Any]:
    """Run a checked scenario inside ``tx``. Any refusal becomes a ScenarioError naming the line;
    the caller's transaction then rolls everything back."""
    line = data.line
    _SCENARIO_DIR.set(Path(file).parent)  # steps that import CSV files resolve them from here

    def guard(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NybureauError as exc:
            raise ScenarioError([Problem(file, line, exc)]) from None

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
    _project_settings(tx, slug, proj, guard, data)
    bodies = data.get("bodies") or {}
    for body, members in bodies.items():
        for idx, member in enumerate(members):
            line = members.line_of(idx)
            guard(projects.add_member, tx, slug, body, member["name"], member.get("role"),
                  new_person=member.get("new_person") is True,
                  valid_from=_when(member.get("from")), valid_to=_when(member.get("to")))
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
#                           criteria: [{bottom_line: quality, text: …, target: …}]}}
#   - {date: …, measure: {prototype: …, criterion: TEXT, value: …, met: true}}  # prototype measure
#   - {date: …, iteration: {prototype: …, place: …, learned: …, changed: …}}
#   - {date: …, prototype_status: {prototype: …, status: adopted}}
#   - {date: …, survey: {file: …, name: januar-2018, kind: baseline, invited: 40, group: staff}}
#   - {date: …, evaluation_note: {kind: learning_meeting, title: …, text: …, prototype: …}}
#   - {date: …, spreading: {kind: article, title: …, audience: …, prototype: …, note: …}}
#   - {date: …, field_note: {source: interview, role: frontline, text: …, by: AGENT,
#                            items: [title, …]}}     # nybureau note add (issue 16 §4)
#   (an item also takes experienced_by: ROLE and note: TEXT, as `item add` does)
# =================================================================================================
def _register_substance() -> None:
    from nybureau.services.substance import (
        evaluation,
        focus_areas,
        governance,
        prototypes,
        workshop,
    )

    def _item(tx: Tx, slug, step):
        v = step["item"]
        return governance.add_item(
            tx, slug, kind=v["kind"], title=v["title"], description=v.get("description"),
            applies_to=v.get("applies_to"), source=v.get("source"),
            experience=v.get("experience"), character=v.get("character"),
            evidence=v.get("evidence"), agent=v.get("agent"), on=step["date"],
            experienced_by=v.get("experienced_by"), note=v.get("note"))

    def _focus(tx: Tx, slug, step):
        v = step["focus_area"]
        return focus_areas.add_focus_area(
            tx, slug, v["title"], items=list(v.get("items") or []),
            description=v.get("description"), on=step["date"], reason=v.get("reason"),
            start_year=v.get("start"), end_year=v.get("end"))

    def _prototype(tx: Tx, slug, step):
        v = step["prototype"]
        out = prototypes.add_prototype(
            tx, slug, v["title"], focus_area=v["focus_area"], description=v.get("description"),
            owner=v.get("owner"), status=v.get("status", "draft"), plan=v.get("plan"))
        for c in v.get("criteria") or []:
            out = prototypes.add_criterion(tx, slug, out["id"], c["text"],
                                           bottom_line=c.get("bottom_line"),
                                           target=c.get("target"))
        return out

    def _criteria(tx: Tx, slug, step):
        v = step["criteria"]
        out = None
        for c in v.get("criteria") or []:
            out = prototypes.add_criterion(tx, slug, v["prototype"], c["text"],
                                           bottom_line=c.get("bottom_line"),
                                           target=c.get("target"))
        if v.get("plan"):
            out = prototypes.set_plan(tx, slug, v["prototype"], v["plan"])
        return out

    def _measure(tx: Tx, slug, step):
        v = step["measure"]
        proto = prototypes.show_prototype(tx, slug, v["prototype"])
        found = [c for c in proto["criteria"] if c["text"] == v["criterion"]]
        if not found:
            from nybureau.errors import NotFound
            from nybureau.i18n import Msg
            raise NotFound(Msg("“{title}” has no evaluation criterion “{criterion}”.",
                               title=proto["title"], criterion=v["criterion"]))
        return prototypes.measure_criterion(tx, slug, found[0]["id"], str(v["value"]),
                                            met=v.get("met"), on=step["date"])

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
    register_step("measure", set(), check=_needs("measure", "prototype", "criterion", "value"),
                  run=_measure)
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
                      on=step["date"], invited=step["survey"].get("invited"),
                      group=step["survey"].get("group")))
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

    from nybureau.services.substance import fieldnotes

    register_step("field_note", set(),
                  check=_needs("field_note", "source", "role", "text", "by"),
                  run=lambda tx, slug, step: fieldnotes.add_field_note(
                      tx, slug, source=step["field_note"]["source"],
                      role=step["field_note"]["role"], text=step["field_note"]["text"],
                      by=step["field_note"]["by"],
                      items=list(step["field_note"].get("items") or []), on=step["date"]))


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
#       any_other_business: {text: "Intet."}      # minuted without an outcome
#     approve: 2017-09-12
#     sent: 2017-08-09        # when the agenda was sent (a date, or "YYYY-MM-DD HH:MM")
#     case_number: "27.00.00-A00-1-17"    # the meeting's sagsnr. (and document_number: dok.nr.)
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
            "duration", "record", "approve", "title", "cancel", "sent", "case_number",
            "document_number", "actions"}

    def run(tx: Tx, slug: str, step: LMap):
        when = f"{step['date'].isoformat()} {step.get('time', '10:00')}"
        shown = _meetings.plan_meeting(
            tx, slug, step["meeting"], starts=when, place=step.get("place"),
            title=step.get("title"), committee=step.get("committee"),
            duration_minutes=step.get("duration", 120), minute_taker=step.get("minute_taker"),
            participants=list(step.get("participants") or []) or None,
            apologies=list(step.get("apologies") or []))
        mid = shown["meeting"]["id"]
        if step.get("case_number") or step.get("document_number"):  # sagsnr., dok.nr.
            shown = _meetings.edit_meeting(
                tx, mid, case_number=_text_or_none(step.get("case_number")),
                document_number=_text_or_none(step.get("document_number")))
        if step.get("sent"):  # when the agenda was sent: its generated texts as of then
            _meetings.send_agenda(tx, mid, step["sent"])
            shown = _meetings.show_meeting(tx, mid)
        for key, value in (step.get("record") or {}).items():
            found = [it for it in shown["items"]
                     if it["standing"] == key or it["decision_key"] == key]
            if not found:
                on_agenda = [it["standing"] or it["decision_key"] for it in shown["items"]
                             if it["standing"] or it["decision_key"]]
                raise InvalidInput(
                    Msg("'{key}' is not on the agenda of this meeting (it has: "
                        "{on_agenda}).", key=key, on_agenda=', '.join(on_agenda)))
            # an outcome, or {outcome, text}, or {text} alone (an item minuted without one)
            outcome, text = (value, None) if isinstance(value, str) else \
                (value.get("outcome"), value.get("text"))
            _meetings.record_outcome(tx, mid, found[0]["position"], outcome=outcome, text=text)
        if step.get("actions"):  # action items agreed at the meeting (issue 14)
            from nybureau.services.admin.scenario_actions import meeting_actions

            meeting_actions(tx, mid, shown, step["actions"])
        if step.get("approve"):
            _meetings.approve_minutes(tx, mid, step["approve"])
        if "cancel" in step:
            cancel = step["cancel"]
            reason, on = (cancel["reason"], cancel.get("date")) if isinstance(cancel, LMap) \
                else (cancel, None)
            _meetings.cancel_meeting(tx, mid, reason, on or step["date"])
        return shown

    register_step("meeting", keys, run=run, check=_check_meeting)


_register_meetings()

# action items (issue 14): the `action` step
from nybureau.services.admin import scenario_actions as _scenario_actions  # noqa: E402

_scenario_actions.register()


def _text_or_none(value: Any) -> str | None:
    """A scenario value as text (a YAML number such as 2017 becomes "2017")."""
    return None if value is None else str(value)

# The steps of evaluation by design (issue 16 §5): the design, implementation, interview.
from nybureau.services.admin import scenario_evaluation  # noqa: E402,F401

# The step ``workshop_plan`` (the prioritisation workshop's time, place, invitees and groups).
from nybureau.services.admin import scenario_workshop  # noqa: E402,F401

# The step ``series`` (a body's meetings planned together: issue 14 §2).
from nybureau.services.admin import scenario_series  # noqa: E402,F401

# the deadline steps (issue 14): a body's deadlines and minutes sent outside nybureau
import nybureau.services.follow_up.steps  # noqa: E402,F401

# the risk and barrier log and the communication plan (issue 16 §6)
from nybureau.services.admin import scenario_risks as _scenario_risks  # noqa: E402

_scenario_risks.register()

# The step ``programme`` (the frame project of the project's network: issue 16 §3).
from nybureau.services.admin import scenario_programme  # noqa: E402,F401

# the free-municipality trial's steps (exemptions, the network-responsible municipality)
from nybureau.services.admin import scenario_trial  # noqa: E402,F401  (exemptions, network)
