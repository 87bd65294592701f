"""The action items in a meeting's documents: those agreed under each item (the minutes list
them) and the rows of the standing item *Opfølgning på handlepunkter* (the agenda shows them as
a table: Hvad · Hvem · Frist · Status), in the document's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain.meetings import ACTION_OPEN, ACTION_STATUSES, action_overdue
from nybureau.i18n import Msg


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else value or None


def agreed_rows(tx, meeting_id: int) -> dict[int, list[dict[str, Any]]]:
    """Agenda item id → the action items agreed under it at the meeting: what, who, due (a
    date, or None) — every one agreed, also those done or cancelled since (the minutes say
    what was agreed). One read for the whole meeting."""
    from nybureau.services.meetings.actions import meeting_actions

    out: dict[int, list[dict[str, Any]]] = {}
    for a in meeting_actions(tx, meeting_id):
        out.setdefault(a.agenda_item_id, []).append(
            {"id": a.id, "what": a.what, "who": a.who or "", "due_on": a.due_on})
    return out


def closed_actions(tx, generated: Any) -> set[int]:
    """The action items of a follow-up table that were agreed under a closed item: the public
    version names them only as such (their text is the closed item's)."""
    if not isinstance(generated, dict):
        return set()
    hidden, closed_of = set(), {}
    for r in generated.get("actions") or ():
        action = tx.action_get(r.get("id")) if r.get("id") is not None else None
        if action is None or action.agenda_item_id is None or action.meeting_id is None:
            continue
        if action.meeting_id not in closed_of:
            closed_of[action.meeting_id] = {i.id for i in tx.items(action.meeting_id)
                                            if i.closed}
        if action.agenda_item_id in closed_of[action.meeting_id]:
            hidden.add(action.id)
    return hidden


def follow_up_table(generated: Any, lang: str, hidden: set[int] | frozenset = frozenset()
                    ) -> list[dict[str, Any]]:
    """The follow-up item's rows as stored with the agenda (``background_generated``'s
    ``actions``), with their status in ``lang``: open (overdue when its due date had passed
    on the day they were read), done or cancelled with the day. A row in ``hidden`` (agreed
    under a closed item, in the public version) shows only that, with its deadline and
    status."""
    from nybureau.rendering.dates import short_date

    if not isinstance(generated, dict):
        return []
    as_of = _day(generated.get("as_of"))
    rows = []
    for r in generated.get("actions") or ():
        if r.get("id") in hidden:
            r = {**r, "what": Msg("An action item agreed under a closed item").render(lang),
                 "who": "", "note": None}
        due, closed = _day(r.get("due_on")), _day(r.get("closed_on"))
        status = r.get("status") or ACTION_OPEN
        label = ACTION_STATUSES.get(status, ACTION_STATUSES[ACTION_OPEN])[lang]
        if status == ACTION_OPEN and as_of and action_overdue(status, due, None, as_of):
            label = Msg("open, overdue").render(lang)
        elif status != ACTION_OPEN and closed:
            label = f"{label} {short_date(closed, lang)}"
        label = label[:1].upper() + label[1:]
        if r.get("note") and status != ACTION_OPEN:
            label = f"{label}: {r['note']}"
        rows.append({"what": r.get("what") or "", "who": r.get("who") or "", "due_on": due,
                     "status": status, "status_label": label})
    return rows
