"""Scenario steps for action items (issue 14): agreed at a meeting (the meeting step's
``actions``, before its minutes are approved in the same step), added on the project, done or
cancelled::

  - date: 2017-08-16
    meeting: med
    ...
    actions:                       # agreed at this meeting, under one of its items
      - {item: communication, what: "…", who: "Camilla Høj Pedersen", due: 2017-08-25}
  - date: 2017-09-04
    action: {done: "…the action item's what…", note: "…"}
  - date: 2017-09-04
    action: {cancel: "…", note: "…"}
  - date: 2017-09-04
    action: {what: "…", who: "…", due: 2017-09-20}            # on the project
  - date: 2018-01-15
    action: {meeting: steering_group, item: evaluation_plan, what: "…", who: "…", due: …}

A meeting is the project's meeting of that body on the step's date; an item is a standing
item's key, a decision id or the item's number."""

from __future__ import annotations

from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg


def _item_number(shown: dict[str, Any], key: Any) -> int:
    for it in shown["items"]:
        if str(key) in (it["standing"], it["decision_key"], str(it["position"])):
            return it["position"]
    raise InvalidInput(Msg("'{key}' is not on the agenda of this meeting; name a standing "
                           "item's key, a decision or an item number.", key=key))


def meeting_actions(tx, meeting_id: int, shown: dict[str, Any], actions: Any) -> None:
    """The meeting step's ``actions``: each agreed at the meeting under its item."""
    from nybureau.services import meetings as ms

    for a in actions or ():
        if not hasattr(a, "get") or not a.get("what"):
            raise InvalidInput(Msg("Each of a meeting's actions needs 'item' and 'what'."))
        ms.add_action(tx, meeting_id, _item_number(shown, a.get("item")), what=a["what"],
                      who=a.get("who"), due=a.get("due"))


def _find(tx, slug: str, what: str):
    from nybureau.services.common import get_project

    project = get_project(tx, slug)
    found = [a for a in tx.action_list(project_id=project.id) if a.what == what]
    if not found:
        raise InvalidInput(Msg("The project has no action item '{what}' to close.", what=what))
    return found[-1]


def run_action(tx, slug: str, step) -> Any:  # noqa: ANN001
    from nybureau.services import meetings as ms

    v = step["action"]
    if not hasattr(v, "get"):
        raise InvalidInput(Msg("'action' needs a mapping: done, cancel, or what (and who, due, "
                               "meeting, item)."))
    day = step["date"]
    for closing, status in (("done", "done"), ("cancel", "cancelled")):
        if v.get(closing):
            item = _find(tx, slug, str(v[closing]))
            return ms.close_action(tx, item.id, status, note=v.get("note"), on=day)
    if v.get("meeting"):
        from nybureau.services.meetings._shared import aware

        meeting = next((m for m in tx.meeting_list(project_id=_project_id(tx, slug))
                        if m["body"] == v["meeting"] and m["status"] != "cancelled"
                        and aware(m["starts_at"]).date() == day), None)
        if meeting is None:
            raise InvalidInput(Msg("The project has no meeting of '{body}' on {day}.",
                                   body=v["meeting"], day=day.isoformat()))
        shown = ms.show_meeting(tx, meeting["id"])
        return ms.add_action(tx, meeting["id"], _item_number(shown, v.get("item")),
                             what=v.get("what"), who=v.get("who"), due=v.get("due"))
    return ms.add_project_action(tx, slug, what=v.get("what"), who=v.get("who"),
                                 due=v.get("due"), on=day)


def _project_id(tx, slug: str) -> int:
    from nybureau.services.common import get_project

    return get_project(tx, slug).id


def _check(step, bad) -> None:  # noqa: ANN001
    v = step["action"]
    if not hasattr(v, "get") or not (v.get("done") or v.get("cancel") or v.get("what")):
        bad(step.line_of("action"), Msg("'action' needs done, cancel or what"))


def register() -> None:
    from nybureau.services.admin.scenario import register_step

    register_step("action", set(), run=run_action, check=_check)
