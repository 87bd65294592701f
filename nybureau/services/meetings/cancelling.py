"""Cancelling (aflyse) a planned meeting, and what a cancelled meeting still shows."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from nybureau.domain import meetings as rules
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.services.common import check_name, parse_date
from nybureau.services.meetings._shared import audit, get_meeting_row, touch


def cancel_meeting(tx, meeting_id: Any, reason: str, on: date | str | None = None
                   ) -> dict[str, Any]:
    """Cancel (aflyse) a planned meeting: its status becomes ``cancelled`` and it can no longer
    be changed; its items' decisions were never taken, so the phase gate does not see it.

    The meeting table has no column for a note (``title`` is the meeting's own title), so the
    reason and the date of the cancellation are kept in the ``meeting.cancel`` audit event's
    ``after`` only; :func:`cancellation` reads them back. The invitation that tells the
    attendees about it (``meeting ics``) does not print the reason."""
    meeting = get_meeting_row(tx, meeting_id)
    if meeting["status"] == rules.CANCELLED:
        raise AlreadyExists(
            f"Meeting {meeting['id']} is already cancelled. Send the cancellation to the "
            f"attendees with `nybureau meeting ics {meeting['id']}`.",
            f"Møde {meeting['id']} er allerede aflyst. Send aflysningen til deltagerne med "
            f"`nybureau meeting ics {meeting['id']}`.",
        )
    if rules.transition(meeting["status"], "cancel") is None:
        state_en, state_da = (("its minutes are approved", "referatet er godkendt")
                              if meeting["status"] == rules.APPROVED else
                              ("outcomes are recorded from it", "der er registreret "
                               "beslutninger fra det"))
        raise InvalidInput(
            f"Meeting {meeting['id']} was held ({state_en}), so it cannot be cancelled; only a "
            "planned meeting can. If an outcome was recorded by mistake, correct it with a new "
            "item at a later meeting.",
            f"Møde {meeting['id']} er holdt ({state_da}), så det kan ikke aflyses; kun et "
            "planlagt møde kan. Er en beslutning registreret ved en fejl, rettes den med et nyt "
            "punkt på et senere møde.",
        )
    reason = check_name(reason, "reason", 2000)
    cancelled_on = parse_date(on) if on is not None else tx.now.date()
    if cancelled_on > tx.now.date():
        raise InvalidInput(
            f"The cancellation date {cancelled_on} is in the future; give the day the meeting "
            "was cancelled (default: today).",
            f"Aflysningsdatoen {cancelled_on} ligger i fremtiden; angiv den dag, mødet blev "
            "aflyst (standard: i dag).",
        )
    touch(tx, meeting)
    tx.meeting_update(meeting["id"], status=rules.transition(meeting["status"], "cancel"))
    audit(tx, "meeting.cancel", meeting, "meeting", meeting["id"],
          before={"status": meeting["status"]},
          after={"status": "cancelled", "cancelled_on": cancelled_on, "reason": reason})
    return {"meeting": meeting["id"], "cancelled_on": cancelled_on, "reason": reason}


def refuse_document_of_cancelled(meeting: dict[str, Any], document: str) -> None:
    """A cancelled meeting has no agenda to send and no minutes: rendering either is refused
    and points to the cancellation notice (``meeting ics``) instead."""
    if not rules.has_documents(meeting["status"]):
        what_en, what_da = (("agenda", "dagsorden") if document == "agenda" else
                            ("minutes", "referat"))
        raise InvalidInput(
            f"Meeting {meeting['id']} is cancelled, so it has no {what_en} to render. The "
            f"cancellation for the attendees is `nybureau meeting ics {meeting['id']}`.",
            f"Møde {meeting['id']} er aflyst, så der er ingen {what_da} at danne. Aflysningen "
            f"til deltagerne dannes med `nybureau meeting ics {meeting['id']}`.",
        )


def cancellation(tx, meeting: dict[str, Any]) -> dict[str, Any] | None:
    """When and why a cancelled meeting was cancelled (from its ``meeting.cancel`` event);
    None for a meeting that is not cancelled."""
    if meeting["status"] != rules.CANCELLED:
        return None
    events = tx.admin_rows("audit_event", where={"entity": "meeting",
                                                 "entity_id": meeting["id"],
                                                 "action": "meeting.cancel"})
    after = json.loads(events[-1]["after"]) if events and events[-1]["after"] else {}
    on = after.get("cancelled_on")
    return {"on": date.fromisoformat(on) if on else None, "reason": after.get("reason")}
