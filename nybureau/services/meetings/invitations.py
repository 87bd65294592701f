"""What a meeting's calendar invitation needs besides the agenda: who is invited (with the work
e-mail addresses recorded by ``nybureau person email``), who sends it, and which version of the
invitation it is.

The version (iCalendar ``SEQUENCE``) is counted from the audit history, so the same state always
gives the same number and every later change gives a higher one: calendars (Outlook, Google)
apply an invitation with a known UID only when its SEQUENCE has grown. Counted are the recorded
changes to what the invitation shows as the meeting itself: a new time or place
(``meeting.edit`` that changed the start, end or place) and a changed agenda (an item added,
moved or edited — the agenda is the invitation's description). Changes to who attends do not
count; the new attendee list goes out with the next invitation all the same. A cancellation
(``meeting.cancel``) counts too: the cancellation notice (METHOD:CANCEL) must carry a higher
SEQUENCE than the last invitation sent, or calendars ignore it.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

# Roles that make a participant the meeting's chair (ATTENDEE;ROLE=CHAIR), matched against each
# comma-separated part of the role ("Formand, ledelsesrepræsentant"); "Næstformand" is not one.
CHAIR_ROLES = {"formand", "forkvinde", "mødeleder", "chair", "chairman", "chairwoman",
               "chairperson"}
# Agenda changes that alter the invitation's description.
AGENDA_ACTIONS = ("meeting.item.add", "meeting.item.move", "meeting.item.edit")
MOVED_FIELDS = ("starts_at", "ends_at", "place")


def is_chair(role: str | None) -> bool:
    return bool(role) and any(part.strip().lower() in CHAIR_ROLES for part in role.split(","))


def _payload(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _same(a: Any, b: Any) -> bool:
    """Two recorded values of a field; timestamps compared as instants."""
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            x, y = datetime.fromisoformat(a), datetime.fromisoformat(b)
        except ValueError:
            return False
        if x.tzinfo is None:
            x = x.replace(tzinfo=timezone.utc)
        if y.tzinfo is None:
            y = y.replace(tzinfo=timezone.utc)
        return x == y
    return a == b


def sequence(tx, meeting_id: int, item_ids: list[int]) -> int:
    """How many times the meeting was moved, its agenda changed or the meeting cancelled since
    it was planned."""
    count = 0
    for ev in tx.admin_rows("audit_event", where={"entity": "meeting", "entity_id": meeting_id},
                            any_of={"action": ["meeting.edit", "meeting.cancel"]}):
        if ev["action"] == "meeting.cancel":
            count += 1
            continue
        before, after = _payload(ev["before"]), _payload(ev["after"])
        if any(k in before and k in after and not _same(before[k], after[k])
               for k in MOVED_FIELDS):
            count += 1
    if item_ids:
        count += sum(1 for ev in tx.admin_rows("audit_event", where={"entity": "agenda_item"},
                                               any_of={"entity_id": item_ids})
                     if ev["action"] in AGENDA_ACTIONS)
    return count


def invitation(tx, meeting_id: Any) -> dict[str, Any]:
    """``attendees`` (everyone of the meeting who has an address: name, email, chair,
    declined), ``organizer`` (the minute-taker, when they are a known person with an address;
    otherwise None) and ``sequence``. Nothing else about a person is read out."""
    from nybureau.services.meetings._shared import get_meeting_row

    meeting = get_meeting_row(tx, meeting_id)
    people = tx.meeting_people(meeting["id"])
    emails = {r["id"]: r["email"] for r in
              tx.admin_rows("person", any_of={"id": [p["person_id"] for p in people]})}
    body_roles: dict[str, str | None] = {}
    if meeting["project_id"] is not None:
        body_roles = {m["full_name"]: m["role"] for m in tx.members(meeting["project_id"])
                      if m["body"] == meeting["body"]}
    attendees = []
    for p in people:
        email = emails.get(p["person_id"])
        if not email:
            continue
        role = p["role"] or body_roles.get(p["full_name"])
        attendees.append({"name": p["full_name"], "email": email, "chair": is_chair(role),
                          "declined": p["attendance"] == "apology"})
    organizer = None
    if meeting["minute_taker"]:
        secretary = tx.person_get(meeting["minute_taker"])
        if secretary is not None and secretary["email"]:
            organizer = {"name": secretary["full_name"], "email": secretary["email"]}
    item_ids = [it["id"] for it in tx.items(meeting["id"])]
    return {"attendees": attendees, "organizer": organizer,
            "sequence": sequence(tx, meeting["id"], item_ids)}
