"""Cancelling (aflyse) a planned meeting, and what a cancelled meeting still shows."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from nybureau.domain import meetings as rules
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
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
            Msg("Meeting {id} is already cancelled. Send the cancellation to the "
                "attendees with `nybureau meeting ics {id}`.", id=meeting['id']),
        )
    if rules.transition(meeting["status"], "cancel") is None:
        state_en, state_da = (("its minutes are approved", "referatet er godkendt")
                              if meeting["status"] == rules.APPROVED else
                              ("outcomes are recorded from it", "der er registreret "
                               "beslutninger fra det"))
        raise InvalidInput(
            Msg("Meeting {id} was held ({state_en}), so it cannot be cancelled; only a "
                "planned meeting can. If an outcome was recorded by mistake, correct it with a new "
                "item at a later meeting.", id=meeting['id'], state_en=state_en,
                state_da=state_da),
        )
    reason = check_name(reason, "reason", 2000)
    cancelled_on = parse_date(on) if on is not None else tx.now.date()
    if cancelled_on > tx.now.date():
        raise InvalidInput(
            Msg("The cancellation date {cancelled_on} is in the future; give the day the meeting "
                "was cancelled (default: today).", cancelled_on=cancelled_on),
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
            Msg("Meeting {id} is cancelled, so it has no {what_en} to render. The "
                "cancellation for the attendees is `nybureau meeting ics {id}`.",
                id=meeting['id'], what_en=what_en, what_da=what_da),
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
