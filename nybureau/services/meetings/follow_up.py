"""The standing item *Opfølgning på handlepunkter*: what a body's next agenda says about the
action items agreed at its earlier meetings.

The item lists every action item of the same owner (project or network) and body agreed at an
earlier meeting that is still open on the agenda's day, and those closed since the body's
previous meeting. Like the status item, its text (``background_generated``: the two languages
and the rows under ``actions``) follows the records until the agenda is sent
(:func:`nybureau.services.meetings.sending.send_agenda`), and is frozen then.

A meeting is planned with the item only when there is something to follow up; when an action
item is agreed later, the body's later planned meetings whose agenda is not sent yet get the
item then (:func:`add_to_later_agendas`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from nybureau.domain.meetings import (
    ACTION_OPEN,
    action_status_on,
    both,
    standing_for,
)
from nybureau.services.meetings._shared import aware


def _day_of(tx) -> date:
    """The day the records are read for: the as-of view's day, else today (Copenhagen)."""
    last = getattr(tx, "last", None)
    if isinstance(last, date) and not isinstance(last, datetime):
        return last
    return aware(tx.now).date()


def _owner_meetings(tx, owner: dict[str, Any]) -> list[Any]:
    if owner.get("project_id") is not None:
        return tx.meeting_list(project_id=owner["project_id"])
    return tx.meeting_list(network_id=owner["network_id"])


def follow_up_rows(tx, meeting: dict[str, Any], day: date | None = None) -> list[dict[str, Any]]:
    """The action items the agenda of ``meeting`` (a meeting, or the details of one being
    planned: project_id, network_id, body, starts_at) follows up on ``day`` (default: the
    view's day): open ones from the body's earlier meetings, and those closed since its
    previous meeting. Each row: id, what, who, due_on, status (on the day), closed_on, note
    (dates as ISO text: the rows are stored with the agenda)."""
    day = day or _day_of(tx)
    starts = aware(meeting["starts_at"])
    earlier = {m["id"] for m in _owner_meetings(tx, meeting)
               if m["body"] == meeting["body"] and m["status"] != "cancelled"
               and aware(m["starts_at"]) < starts and m["id"] != meeting.get("id")}
    if not earlier:
        return []
    previous = tx.meeting_previous({"project_id": meeting.get("project_id"),
                                    "network_id": meeting.get("network_id"),
                                    "body": meeting["body"], "starts_at": starts})
    since = aware(previous["starts_at"]).date() if previous else None
    rows = []
    owner = ({"project_id": meeting["project_id"]} if meeting.get("project_id") is not None
             else {"network_id": meeting["network_id"]})
    for a in tx.action_list(**owner):
        if a.meeting_id not in earlier or a.agreed_on > day:
            continue
        status = action_status_on(a.status, a.closed_on, day)
        if status != ACTION_OPEN and not (since is not None and a.closed_on > since):
            continue
        rows.append({"id": a.id, "what": a.what, "who": a.who,
                     "due_on": a.due_on.isoformat() if a.due_on else None, "status": status,
                     "closed_on": a.closed_on.isoformat() if status != ACTION_OPEN else None,
                     "note": a.note if status != ACTION_OPEN else None})
    return rows


def follow_up_text(rows: list[dict[str, Any]], day: date) -> dict[str, Any]:
    """The item's generated text in both languages, with its rows and the day they were read
    for (``as_of``), as the agenda stores it."""
    open_ = sum(1 for r in rows if r["status"] == ACTION_OPEN)
    closed = len(rows) - open_
    da_open = "1 åbent handlepunkt" if open_ == 1 else f"{open_} åbne handlepunkter"
    en_open = "1 open action item" if open_ == 1 else f"{open_} open action items"
    da_closed = f"{closed} er afsluttet siden sidste møde"
    en_closed = (f"{closed} {'has' if closed == 1 else 'have'} been closed since the last "
                 "meeting")
    if not rows:
        text = both("Der er ingen åbne handlepunkter fra de tidligere møder.",
                    "There are no open action items from the earlier meetings.")
    elif not open_:
        text = both(f"Der er ingen åbne handlepunkter fra de tidligere møder; {da_closed}.",
                    f"There are no open action items from the earlier meetings; {en_closed}.")
    elif not closed:
        text = both(f"Fra de tidligere møder er der {da_open}.",
                    f"From the earlier meetings there {'is' if open_ == 1 else 'are'} "
                    f"{en_open}.")
    else:
        text = both(f"Fra de tidligere møder er der {da_open}, og {da_closed}.",
                    f"From the earlier meetings there {'is' if open_ == 1 else 'are'} "
                    f"{en_open}, and {en_closed}.")
    return {**text, "actions": rows, "as_of": day.isoformat()}


def generated_follow_up(tx, meeting: dict[str, Any]) -> dict[str, Any]:
    """The follow-up item's text for ``meeting`` as of the view's day."""
    day = _day_of(tx)
    return follow_up_text(follow_up_rows(tx, meeting, day), day)


def wanted(tx, meeting: dict[str, Any]) -> bool:
    """Whether an agenda for ``meeting`` (or the details of one being planned) gets the item:
    when there is something to follow up."""
    return bool(follow_up_rows(tx, meeting))


def add_to_later_agendas(tx, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """After an action item was agreed at ``meeting``: each later planned meeting of the same
    body whose agenda is not sent yet and lacks the follow-up item gets it, after the opening
    standing items that come before it (the items after it move down). Returns [{"meeting",
    "number"}]."""
    from nybureau.services.meetings.planning import standing_item

    opening, _ = standing_for(meeting["body"])
    if "follow_up" not in opening:
        return []
    before = set(opening[:opening.index("follow_up")])
    out = []
    for m in _owner_meetings(tx, meeting):
        if (m["body"] != meeting["body"] or m["status"] != "planned"
                or m["agenda_sent_at"] is not None
                or aware(m["starts_at"]) <= aware(meeting["starts_at"])):
            continue
        items = tx.items(m["id"])
        if any(it.standing == "follow_up" for it in items):
            continue
        where = 1 + max((it.position for it in items if it.standing in before), default=0)
        for it in sorted(items, key=lambda i: -i.position):
            if it.position >= where:
                tx.item_update(it.id, position=it.position + 1)
        tx.item_add(m["id"], **standing_item("follow_up", where,
                                             background_generated=generated_follow_up(tx, m)))
        out.append({"meeting": m["id"], "number": where})
    return out
