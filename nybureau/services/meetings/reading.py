"""Reading meetings: one meeting with its agenda and people, the list of meetings, and an
item's stored texts in a language."""

from __future__ import annotations

from typing import Any

from nybureau.domain.meetings import in_lang, text_of
from nybureau.domain.records import AgendaItem
from nybureau.services.common import get_network, get_project
from nybureau.services.meetings._shared import aware, get_meeting_row


def show_meeting(tx, meeting_id: Any) -> dict[str, Any]:
    """``meeting``, its ``items`` (with attachments), its ``people`` and, when it is cancelled,
    ``cancelled`` (when and why)."""
    from nybureau.services.meetings.cancelling import cancellation

    meeting = get_meeting_row(tx, meeting_id)
    items = tx.items(meeting["id"])
    people = tx.meeting_people(meeting["id"])
    return {"meeting": meeting, "items": items, "people": people,
            "cancelled": cancellation(tx, meeting)}


def list_meetings(tx, project: str | None = None, network: str | None = None
                  ) -> list[dict[str, Any]]:
    """The meetings of a project, of a network, or all (times in Copenhagen time)."""
    if project:
        rows = tx.meeting_list(project_id=get_project(tx, project)["id"])
    elif network:
        rows = tx.meeting_list(network_id=get_network(tx, network)["id"])
    else:
        rows = tx.meeting_list()
    for r in rows:
        r["starts_at"] = aware(r["starts_at"])
        if r["ends_at"] is not None:
            r["ends_at"] = aware(r["ends_at"])
    return rows


def item_background(item: AgendaItem, lang: str) -> str:
    """An item's sagsfremstilling in ``lang``: what a user wrote, as written and whole; else the
    text nybureau generated when it planned the agenda."""
    return text_of(item.background, item.background_generated, lang)


def item_recommendations(item: AgendaItem, lang: str) -> list[str]:
    """An item's indstilling in ``lang``: each user's sentence as written, each generated one
    in ``lang``."""
    return [in_lang(r, lang) for r in (item.recommendations or ())]
