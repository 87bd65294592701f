"""Action items (*handlepunkter*): what is to be done, by whom and by when.

An action item is agreed at a meeting under one of its items (:func:`add_action`), or added
on a project between meetings (:func:`add_project_action`). It is *open* until it is closed as
*done* or *cancelled* with a note and a date (:func:`close_action`); while open, what, who and
the due date can be changed (:func:`edit_action`). ``who`` is kept as written (a person, or a
unit such as »Projektgruppen«); when it names a known person the item refers to them
(``person_id``), and a name a letter away from a known one is refused unless ``new_person``.

An open item whose due date is before the day asked is *overdue*
(:func:`nybureau.domain.meetings.action_overdue`): ``action list --overdue``, the warnings of
``status``, and the agenda of the body's next meeting (:mod:`.follow_up`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain.records import ActionItem
from nybureau.domain.meetings import (
    ACTION_CANCELLED,
    ACTION_DONE,
    ACTION_OPEN,
    ACTION_STATUSES,
    action_overdue,
    action_status_on,
)
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_name,
    check_text,
    copenhagen_today,
    get_project,
    parse_date,
    past_date,
)
from nybureau.services.meetings._shared import (
    audit,
    get_item,
    get_meeting_row,
    refuse_if_cancelled,
    refuse_if_not_started,
    touch,
)

WHAT_MAX = 1000


# -- checks ----------------------------------------------------------------------------------------
def _what(value: Any) -> str:
    return check_name(value, "what", WHAT_MAX)


def _who(tx, value: Any, new_person: bool) -> tuple[str | None, int | None]:
    """The owner as written (a known person's own spelling) and the person's id, if known."""
    from nybureau.services.people import known_name
    from nybureau.services.people.identity import directory

    name = known_name(tx, check_text(value, "who", 300), "who", new_person=new_person)
    if name is None:
        return None, None
    person = directory(tx).by_name.get(name)
    return name, (person["id"] if person is not None else None)


def _due(value: Any, agreed_on: date) -> date | None:
    if value is None:
        return None
    due = parse_date(value, "due date")
    if due < agreed_on:
        raise InvalidInput(
            Msg("The due date {due} is before the action item was agreed ({agreed}); give "
                "--due {agreed} or later.", due=due.isoformat(), agreed=agreed_on.isoformat()))
    return due


def get_action(tx, action_id: Any) -> ActionItem:
    """The action item ``action_id``, or NotFound."""
    try:
        aid = int(action_id)
    except (TypeError, ValueError):
        aid = None
    found = tx.action_get(aid) if aid is not None and 0 < aid < 2**63 else None
    if found is None:
        raise NotFound(Msg("There is no action item {id}. See them with `nybureau action "
                           "list`.", id=action_id))
    return found


def _touch_owner(tx, item: ActionItem) -> None:
    """Bump the owning project's version (a network's items have none)."""
    if item.project_id is not None:
        project = next((p for p in tx.project_list() if p.id == item.project_id), None)
        if project is not None:
            tx.project_touch(project)


def _audit(tx, action: str, item_id: int, project_id, network_id, before=None,
           after=None) -> None:  # noqa: ANN001
    tx.audit(action, "action_item", item_id, project_id=project_id, network_id=network_id,
             before=before, after=after)


# -- adding ----------------------------------------------------------------------------------------
def add_action(tx, meeting_id: Any, number: Any, *, what: str, who: str | None = None,
               due: Any = None, new_person: bool = False) -> dict[str, Any]:
    """Agree an action item at meeting ``meeting_id`` under its item ``number``. The meeting
    must have started and its minutes not be approved (the minutes list the item's action
    items). The body's later planned meetings whose agenda is not sent get the follow-up item
    (``follow_up``: [{"meeting", "number"}])."""
    from nybureau.services.meetings.follow_up import add_to_later_agendas

    meeting = get_meeting_row(tx, meeting_id)
    refuse_if_cancelled(meeting)
    if meeting["status"] == "approved":
        raise InvalidInput(
            Msg("The minutes of meeting {id} are approved, and they list the action items "
                "agreed at it; add the action item on the project with `nybureau action add "
                "PROJECT`, or agree it at the body's next meeting.", id=meeting["id"]))
    item = get_item(tx, meeting, number)
    refuse_if_not_started(tx, meeting)
    agreed_on = meeting["starts_at"].date()
    what = _what(what)
    who_name, person_id = _who(tx, who, new_person)
    due_on = _due(due, agreed_on)
    touch(tx, meeting)
    aid = tx.action_add(project_id=meeting["project_id"], network_id=meeting["network_id"],
                        meeting_id=meeting["id"], agenda_item_id=item.id, what=what,
                        who=who_name, person_id=person_id, due_on=due_on, agreed_on=agreed_on)
    after = {"meeting": meeting["id"], "number": item.position, "what": what, "who": who_name,
             "due_on": due_on, "agreed_on": agreed_on}
    audit(tx, "action.add", meeting, "action_item", aid, after=after)
    later = add_to_later_agendas(tx, meeting)
    return {"id": aid, "meeting": meeting["id"], "number": item.position, "what": what,
            "who": who_name, "due_on": due_on, "follow_up": later}


def add_project_action(tx, project: str, *, what: str, who: str | None = None, due: Any = None,
                       on: Any = None, new_person: bool = False) -> dict[str, Any]:
    """Add an action item on the project ``project`` (a slug) between meetings, agreed ``on``
    (default today; not in the future)."""
    found = get_project(tx, project)
    agreed_on = past_date(tx, on, Msg("an action item is added on the day it was agreed or "
                                      "later; give today's date or an earlier one with --date."))
    if agreed_on < found.started_on:
        raise InvalidInput(Msg("The date {day} is before the project started ({started}).",
                               day=agreed_on.isoformat(), started=found.started_on.isoformat()))
    what = _what(what)
    who_name, person_id = _who(tx, who, new_person)
    due_on = _due(due, agreed_on)
    tx.project_touch(found)
    aid = tx.action_add(project_id=found.id, network_id=None, meeting_id=None,
                        agenda_item_id=None, what=what, who=who_name, person_id=person_id,
                        due_on=due_on, agreed_on=agreed_on)
    _audit(tx, "action.add", aid, found.id, None,
           after={"what": what, "who": who_name, "due_on": due_on, "agreed_on": agreed_on})
    return {"id": aid, "project": found.slug, "what": what, "who": who_name, "due_on": due_on,
            "follow_up": []}


# -- closing and editing ---------------------------------------------------------------------------
def close_action(tx, action_id: Any, status: str, *, note: str | None = None,
                 on: Any = None) -> dict[str, Any]:
    """Close an open action item as ``done`` or ``cancelled`` (a cancellation needs a note
    saying why) on ``on`` (default today; not in the future, not before it was agreed)."""
    if status not in (ACTION_DONE, ACTION_CANCELLED):
        raise ValueError(f"unknown closing status {status!r}")
    item = get_action(tx, action_id)
    if item.status != ACTION_OPEN:
        raise InvalidInput(
            Msg("Action item {id} is already closed ({status_en}, {closed}); a closed action "
                "item stays as it was closed. Add a new one if more is to be done.",
                id=item.id, status_en=ACTION_STATUSES[item.status]["en"],
                status_da=ACTION_STATUSES[item.status]["da"],
                closed=item.closed_on.isoformat() if item.closed_on else ""))
    note = check_text(note, "note")
    if status == ACTION_CANCELLED and not note:
        raise InvalidInput(Msg("Say why the action item is cancelled: --note \"…\"."))
    closed_on = past_date(tx, on, Msg("an action item is closed when it has been done or "
                                      "called off; give today's date or an earlier one with "
                                      "--date."))
    if closed_on < item.agreed_on:
        raise InvalidInput(
            Msg("The date {day} is before the action item was agreed ({agreed}); give a later "
                "--date.", day=closed_on.isoformat(), agreed=item.agreed_on.isoformat()))
    _touch_owner(tx, item)
    tx.action_update(item.id, status=status, note=note, closed_on=closed_on)
    _audit(tx, f"action.{'done' if status == ACTION_DONE else 'cancel'}", item.id,
           item.project_id, item.network_id, before={"status": item.status},
           after={"status": status, "note": note, "closed_on": closed_on})
    return {"id": item.id, "what": item.what, "status": status, "closed_on": closed_on}


def edit_action(tx, action_id: Any, *, what: str | None = None, who: str | None = None,
                due: Any = None, new_person: bool = False) -> dict[str, Any]:
    """Change an open action item's what, who or due date (only those given change)."""
    item = get_action(tx, action_id)
    if item.status != ACTION_OPEN:
        raise InvalidInput(
            Msg("Action item {id} is closed; a closed action item is no longer changed. Add a "
                "new one if more is to be done.", id=item.id))
    values: dict[str, Any] = {}
    if what is not None:
        values["what"] = _what(what)
    if who is not None:
        values["who"], values["person_id"] = _who(tx, who, new_person)
    if due is not None:
        values["due_on"] = _due(due, item.agreed_on)
    values = {k: v for k, v in values.items() if getattr(item, k) != v}
    if not values:
        raise InvalidInput(Msg("Nothing to change: give --what, --who or --due with a new "
                               "value."))
    _touch_owner(tx, item)
    tx.action_update(item.id, **values)
    shown = sorted(k for k in values if k != "person_id")
    _audit(tx, "action.edit", item.id, item.project_id, item.network_id,
           before={k: getattr(item, k) for k in shown}, after={k: values[k] for k in shown})
    return {"id": item.id, "changed": shown}


# -- reading ---------------------------------------------------------------------------------------
def list_actions(tx, project: str | None = None, *, overdue: bool = False,
                 who: str | None = None, as_of: Any = None, include_closed: bool = False,
                 lang: str = "da") -> list[dict[str, Any]]:
    """The action items of ``project`` (a slug), or of every project and network, as they
    stood on ``as_of`` (default today: items agreed later are left out, items closed later
    are open): open ones (``include_closed``: all), only the overdue ones with ``overdue``,
    only those of ``who`` (the name as written, case and accents aside)."""
    from nybureau.services.meetings._shared import aware, meeting_name
    from nybureau.services.people import fold

    day = parse_date(as_of, "date") if as_of is not None else copenhagen_today(tx)
    found = get_project(tx, project) if project else None
    items = tx.action_list(project_id=found.id) if found else tx.action_list()
    projects = {p.id: p for p in tx.project_list()}
    wanted = fold(check_name(who, "who", 300)) if who is not None else None
    meetings: dict[int, Any] = {}
    out = []
    for a in items:
        if a.agreed_on > day:
            continue
        status = action_status_on(a.status, a.closed_on, day)
        late = action_overdue(a.status, a.due_on, a.closed_on, day)
        if (status != ACTION_OPEN and not include_closed) or (overdue and not late):
            continue
        if wanted is not None and (a.who is None or fold(a.who) != wanted):
            continue
        m = None
        if a.meeting_id is not None:
            m = meetings.get(a.meeting_id) or meetings.setdefault(a.meeting_id,
                                                                  tx.meeting_get(a.meeting_id))
        owner = projects.get(a.project_id)
        item_no = None
        if a.agenda_item_id is not None and m is not None:
            item_no = next((it.position for it in tx.items(m["id"])
                            if it.id == a.agenda_item_id), None)
        out.append({
            "id": a.id, "project": owner.slug if owner else None,
            "network": m["network_slug"] if m is not None and a.project_id is None else None,
            "meeting": a.meeting_id, "item": item_no,
            "meeting_name": (f"{meeting_name(m, lang)} "
                             f"{aware(m['starts_at']).date().isoformat()}") if m else None,
            "what": a.what, "who": a.who, "person_id": a.person_id, "due_on": a.due_on,
            "status": status, "status_label": ACTION_STATUSES[status][lang],
            "overdue": late, "agreed_on": a.agreed_on,
            "closed_on": a.closed_on if status != ACTION_OPEN else None,
            "note": a.note if status != ACTION_OPEN else None,
        })
    return out


def meeting_actions(tx, meeting_id: int) -> list[ActionItem]:
    """The action items agreed under the meeting's agenda items (what the minutes list), by
    due date (none last), then as agreed."""
    return [a for a in tx.action_list(meeting_id=meeting_id) if a.agenda_item_id is not None]


__all__ = ["add_action", "add_project_action", "close_action", "edit_action", "get_action",
           "list_actions", "meeting_actions"]
