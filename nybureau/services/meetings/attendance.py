"""Changing a planned meeting's details and who attends: its time, place and minute-taker,
participants added and apologies (afbud)."""

from __future__ import annotations

from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import check_text
from nybureau.services.meetings._shared import (
    audit,
    canonical,
    get_meeting_row,
    parse_datetime,
    person,
    refuse_unless_open,
    touch,
    utc,
)


def edit_meeting(tx, meeting_id: Any, *, starts: Any = None, place: str | None = None,
                 minute_taker: str | None = None, apologies: list[str] | None = None,
                 participants: list[str] | None = None, new_person: bool = False,
                 case_number: str | None = None, document_number: str | None = None
                 ) -> dict[str, Any]:
    """Change the time, place or minute-taker; add participants or apologies (afbud); set the
    meeting's *sagsnr.* and *dok.nr.* (the municipality's journal numbers, printed in the
    documents' header — these may be set at any time, also after the meeting)."""
    from nybureau.services.people import known_name, normalise, resolve_people
    from nybureau.services.meetings.reading import show_meeting

    meeting = get_meeting_row(tx, meeting_id)
    values: dict[str, Any] = {}
    if case_number is not None:
        values["case_number"] = check_text(case_number, "case number", 100)
    if document_number is not None:
        values["document_number"] = check_text(document_number, "document number", 100)
    if any(v is not None for v in (starts, place, minute_taker)) or participants or apologies:
        refuse_unless_open(meeting, "details")
    if starts is not None:
        new_start = parse_datetime(starts)
        values["starts_at"] = utc(new_start)
        if meeting["ends_at"] is not None:
            length = utc(meeting["ends_at"]) - utc(meeting["starts_at"])  # elapsed time
            values["ends_at"] = utc(new_start) + length
    if place is not None:
        values["place"] = check_text(place, "place")
    if minute_taker is not None:
        values["minute_taker"] = known_name(tx, check_text(minute_taker, "minute-taker"),
                                            "minute-taker", new_person=new_person)
    people = tx.meeting_people(meeting["id"])
    roles = {p["full_name"]: p["role"] for p in people}
    changes_people = [(normalise(n, "name"), "participant") for n in participants or []] + \
        [(normalise(n, "name"), "apology") for n in apologies or []]
    if changes_people:
        resolved = {p["full_name"]: p for p in resolve_people(
            tx, [n for n, _ in changes_people], new_person=new_person,
            project_id=meeting["project_id"], network_id=meeting["network_id"])}
        changes_people = [(canonical(resolved, n), a) for n, a in changes_people]
    if not values and not changes_people:
        raise InvalidInput(
            Msg("Nothing to change: give --date, --place, --minute-taker, --participant, "
                "--apology, --case or --doc."),
        )
    touch(tx, meeting)
    if values:
        tx.meeting_update(meeting["id"], **values)
    owner = {"project_id": meeting["project_id"], "network_id": meeting["network_id"]}
    for name, attendance in changes_people:
        tx.meeting_person_set(meeting["id"], person(tx, name, owner)["id"], roles.get(name),
                              attendance)
    audit(tx, "meeting.edit", meeting, "meeting", meeting["id"],
          before={k: meeting[k] for k in values},
          after={**values, "people": [{"name": n, "attendance": a} for n, a in changes_people]})
    return show_meeting(tx, meeting["id"])
