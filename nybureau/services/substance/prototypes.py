"""Prototypes of new governance (phase 5): each belongs to a focus area, is piloted drop by drop
(*drypvis afprøvning*) in iterations, and has evaluation criteria and a plan for how and when it
is evaluated before it is implemented."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import (
    BOTTOM_LINES,
    PROTOTYPE_STATUSES,
    parse_word,
    ready_to_adopt,
    status_after_iteration,
    words,
)
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import check_name, check_text, get_project, past_date
from nybureau.services.substance.focus_areas import resolve_focus_area

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def view(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "title": row["title"], "focus_area_id": row["focus_area_id"],
        "focus_area": row["focus_area"], "description": row["description"],
        "owner": row["owner"], "status": row["status"],
        "evaluation_plan": row["evaluation_plan"],
        "criteria": [criterion_view(c) for c in row["criteria"]],
        "iterations": [{"number": i["number"], "place": i["place"], "date": i["held_on"],
                        "learned": i["learned"], "changed": i["changed"]}
                       for i in row["iterations"]],
        "ready": ready_to_adopt(row["criteria"], row["evaluation_plan"]),
    }


def criterion_view(c) -> dict[str, Any]:
    """A criterion with its target and measurement: ``state`` is ``met``, ``not_met``,
    ``measured`` (a value without a verdict) or ``not_measured``."""
    if c.measured is None:
        state = "not_measured"
    else:
        state = {True: "met", False: "not_met", None: "measured"}[c.met]
    return {"id": c.id, "bottom_line": c.bottom_line, "text": c.text, "target": c.target,
            "measured": c.measured, "met": c.met, "measured_on": c.measured_on,
            "state": state}


def _status(value: str) -> str:
    key = parse_word(PROTOTYPE_STATUSES, value or "")
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a prototype status; use one of: "
                               "{words}.", value=value, words=words(PROTOTYPE_STATUSES)))
    return key


def _bottom_line(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    key = parse_word(BOTTOM_LINES, value)
    if key is None:
        raise InvalidInput(Msg("'{value}' is not a bottom line; use one of: {words}.",
                               value=value, words=words(BOTTOM_LINES)))
    return key


def resolve(tx: Tx, project: dict[str, Any], ref: Any) -> dict[str, Any]:
    """A prototype of ``project`` (its row) by its id (``2`` or ``#2``) or exact title."""
    from nybureau.services.people import did_you_mean

    text = str(ref).strip()
    known = tx.prototypes(project["id"])
    for p in known:
        if text.lstrip("#") == str(p["id"]) or text == p["title"]:
            return p
    en, da = did_you_mean(text, [p["title"] for p in known])
    raise NotFound(Msg("'{slug}' has no prototype '{ref}'.{en_} (See `nybureau prototype "
                       "list {slug}`.)", slug=project['slug'], ref=ref, en_=en, da_=da))


def add_prototype(tx: Tx, slug: str, title: str, *, focus_area: Any,
                  description: str | None = None, owner: str | None = None,
                  status: str = "draft", plan: str | None = None) -> dict[str, Any]:
    """Add a prototype under a focus area (its id or exact title)."""
    project = get_project(tx, slug)
    title = check_name(title, "title")
    area = resolve_focus_area(tx, project, focus_area)
    if any(p["title"] == title for p in tx.prototypes(project["id"])):
        raise AlreadyExists(Msg("'{slug}' already has a prototype '{title}'.", slug=slug,
                                title=title))
    values = {"title": title, "focus_area_id": area["id"],
              "description": check_text(description, "description"),
              "owner": check_text(owner, "owner"), "status": _status(status),
              "evaluation_plan": check_text(plan, "plan")}
    tx.project_touch(project)
    pid = tx.prototype_insert(project_id=project["id"], **values)
    tx.audit("prototype.add", "prototype", pid, project_id=project["id"],
             after={**values, "focus_area": area["title"]})
    return view(resolve(tx, project, pid))


def add_criterion(tx: Tx, slug: str, ref: Any, text: str, *, bottom_line: str | None = None,
                  target: str | None = None) -> dict[str, Any]:
    """Add an evaluation criterion, optionally on one of the three bottom lines, with the
    agreed target that counts as met ("9 af 10 bestillinger")."""
    project = get_project(tx, slug)
    proto = resolve(tx, project, ref)
    text = check_name(text, "criterion", 2000)
    line = _bottom_line(bottom_line)
    target = check_name(target, "target", 300) if target is not None else None
    tx.project_touch(project)
    cid = tx.criterion_insert(proto["id"], line, text, target=target)
    after = {"criterion": cid, "bottom_line": line, "text": text}
    if target is not None:
        after["target"] = target
    tx.audit("prototype.criterion", "prototype", proto["id"], project_id=project["id"],
             after=after)
    return view(resolve(tx, project, proto["id"]))


def measure_criterion(tx: Tx, slug: str, criterion_id: Any, value: str, *,
                      met: bool | None = None, on: date | str | None = None
                      ) -> dict[str, Any]:
    """Record what an evaluation criterion measured (``value``, e.g. "7 af 10 bestillinger"),
    whether it met its target (``met``; None: not judged) and when; a new measurement replaces
    the earlier one (the audit log keeps both)."""
    project = get_project(tx, slug)
    text = str(criterion_id).strip().lstrip("#")
    crit = tx.criterion_get(int(text)) if text.isdigit() else None
    if crit is None or crit.project_id != project["id"] or crit.voided_at is not None:
        raise NotFound(Msg("'{slug}' has no evaluation criterion {ref}; `nybureau prototype "
                           "criteria {slug} PROTOTYPE` lists them.", slug=slug,
                           ref=criterion_id))
    value = check_name(value, "measured value", 2000)
    if met is not None and crit.target is None:
        raise InvalidInput(Msg("Criterion {id} has no agreed target, so it cannot be judged met "
                               "or not met; record the value alone, or add the criterion again "
                               "with --target.", id=crit.id))
    on_date = past_date(tx, on, Msg("a measurement is recorded once it has been made"))
    tx.project_touch(project)
    tx.criterion_measure(crit.id, measured=value, met=met, measured_on=on_date)
    tx.audit("prototype.criterion.measure", "prototype", crit.prototype_id,
             project_id=project["id"],
             before={"criterion": crit.id, "measured": crit.measured, "met": crit.met},
             after={"criterion": crit.id, "measured": value, "met": met,
                    "measured_on": on_date.isoformat()})
    return {**criterion_view(tx.criterion_get(crit.id)), "prototype_title": crit.prototype_title}


def set_plan(tx: Tx, slug: str, ref: Any, plan: str) -> dict[str, Any]:
    """Set the plan for how and when the prototype is evaluated."""
    project = get_project(tx, slug)
    proto = resolve(tx, project, ref)
    plan = check_name(plan, "plan", 10_000)
    tx.project_touch(project)
    tx.prototype_update(proto["id"], evaluation_plan=plan)
    tx.audit("prototype.plan", "prototype", proto["id"], project_id=project["id"],
             before={"evaluation_plan": proto["evaluation_plan"]},
             after={"evaluation_plan": plan})
    return view(resolve(tx, project, proto["id"]))


def set_status(tx: Tx, slug: str, ref: Any, status: str) -> dict[str, Any]:
    """Change the prototype's status; adopted only once its criteria and plan are agreed."""
    project = get_project(tx, slug)
    proto = resolve(tx, project, ref)
    key = _status(status)
    if key == "adopted" and not ready_to_adopt(proto["criteria"], proto["evaluation_plan"]):
        raise InvalidInput(
            Msg("“{title}” cannot be adopted before its evaluation criteria and plan are "
                "agreed; add them with `nybureau prototype criterion` and `nybureau prototype plan`.",
                title=proto['title']))
    tx.project_touch(project)
    tx.prototype_update(proto["id"], status=key)
    tx.audit("prototype.status", "prototype", proto["id"], project_id=project["id"],
             before={"status": proto["status"]}, after={"status": key})
    return view(resolve(tx, project, proto["id"]))


def add_iteration(tx: Tx, slug: str, ref: Any, *, place: str, on: date | str | None = None,
                  learned: str | None = None, changed: str | None = None) -> dict[str, Any]:
    """Record one pilot iteration: where and when it was tried, what was learned and what was
    changed. A draft prototype is piloting from its first iteration; a change makes it
    adjusted."""
    project = get_project(tx, slug)
    proto = resolve(tx, project, ref)
    place = check_name(place, "place")
    held = past_date(tx, on, Msg("an iteration is recorded when it has been tried out; give the "
                         "date it was tried with --date."))
    learned = check_text(learned, "learned")
    changed = check_text(changed, "changed")
    if proto["iterations"] and held < proto["iterations"][-1]["held_on"]:
        raise InvalidInput(
            Msg("Iteration {n_iterations} was on {held_on}; "
                "a new iteration cannot be dated earlier ({held}).",
                n_iterations=len(proto['iterations']), held_on=proto['iterations'][-1]['held_on'],
                held=held))
    number = len(proto["iterations"]) + 1
    status = status_after_iteration(proto["status"], bool(changed))
    tx.project_touch(project)
    iid = tx.iteration_insert(prototype_id=proto["id"], number=number, place=place,
                              held_on=held, learned=learned, changed=changed)
    if status != proto["status"]:
        tx.prototype_update(proto["id"], status=status)
    tx.audit("prototype.iteration", "prototype", proto["id"], project_id=project["id"],
             after={"iteration": iid, "number": number, "place": place, "held_on": held,
                    "learned": learned, "changed": changed, "status": status})
    return view(resolve(tx, project, proto["id"]))


def list_prototypes(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """Every prototype of the project, with its criteria and iterations."""
    project = get_project(tx, slug)
    return [view(p) for p in tx.prototypes(project["id"])]


def show_prototype(tx: Tx, slug: str, ref: Any) -> dict[str, Any]:
    """One prototype, by its id or exact title."""
    project = get_project(tx, slug)
    return view(resolve(tx, project, ref))
