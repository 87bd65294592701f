"""Sending an agenda: the moment its generated texts are frozen.

Until a meeting's agenda is sent, the texts nybureau writes for its items (the status item, a
decision item's sagsfremstilling, a network meeting's news from each project) follow the records
as of the agenda's date whenever it is rendered (:func:`~.reading.show_meeting`). Recording that
it was sent (:func:`send_agenda`, ``meeting sent``) stores those texts as they were at that
moment and sets ``meeting.agenda_sent_at``: from then on the agenda says what the body received.
A text a user wrote for an item always wins over the generated one.

A later issue's e-mail sending calls the same service.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.meetings._shared import (
    aware,
    audit,
    get_meeting_row,
    parse_datetime,
    touch,
    utc,
)


def send_agenda(tx, meeting_id: Any, at: datetime | str | None = None) -> dict[str, Any]:
    """Record that the agenda of ``meeting_id`` was sent ``at`` (Copenhagen time; default now)
    and freeze its generated texts as of that day. Refused for a cancelled meeting, an agenda
    already sent and a time in the future."""
    from nybureau.services.documents.asof import as_of
    from nybureau.services.meetings.reading import generated_texts

    meeting = get_meeting_row(tx, meeting_id)
    mid = meeting["id"]
    if meeting["status"] == "cancelled":
        raise InvalidInput(
            Msg("Meeting {id} is cancelled; its agenda cannot be sent. Plan a new meeting with "
                "`nybureau meeting plan` and send its agenda.", id=mid))
    if meeting["agenda_sent_at"] is not None:
        raise InvalidInput(
            Msg("The agenda of meeting {id} was already sent on {sent:%Y-%m-%d %H:%M}; its "
                "texts stay as sent. To change an item, edit it with `nybureau item edit` "
                "(what you write replaces the generated text).", id=mid,
                sent=aware(meeting["agenda_sent_at"])))
    sent = parse_datetime(at, "sending time") if at is not None else aware(tx.now)
    if utc(sent) > utc(tx.now):
        raise InvalidInput(
            Msg("An agenda cannot be sent in the future ({sent:%Y-%m-%d %H:%M}); record it when "
                "it has been sent, or leave out --at for now.", sent=sent))
    items = tx.items(mid)
    texts = generated_texts(as_of(tx, sent.date()), meeting, items)
    touch(tx, meeting)
    for item_id, text in texts.items():
        tx.item_update(item_id, background_generated=text)
    tx.meeting_update(mid, agenda_sent_at=utc(sent))
    audit(tx, "meeting.send", meeting, "meeting", mid,
          after={"agenda_sent_at": sent, "frozen_items": len(texts)})
    return {"meeting": mid, "sent_at": sent, "frozen_items": len(texts)}
