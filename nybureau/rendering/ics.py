"""iCalendar invitations (RFC 5545, sent as RFC 5546 REQUEST or CANCEL) for meetings, with the
agenda as the description and the participants who have an e-mail address as attendees."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from nybureau.i18n import Msg


def mailto(address: str) -> str:
    """A ``mailto:`` URI; a domain with æ, ø or å is written in its ASCII (IDNA) form, as
    calendar addresses are URIs."""
    local, _, domain = address.rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return f"mailto:{local}@{domain}"


def _address(person: dict[str, Any], **params: str):
    from icalendar import vCalAddress

    addr = vCalAddress(mailto(person["email"]))
    addr.params["CN"] = person["name"]
    for key, value in params.items():
        addr.params[key.upper()] = value
    return addr


def meeting_ics(data: dict[str, Any], *, lang: str = "da", host: str = "nybureau",
                invitation: dict[str, Any] | None = None) -> bytes:
    """``data`` is :func:`nybureau.services.documents.meeting_data` for the meeting (public
    render: closed items appear as a bare "Lukket punkt" line, never with their content).
    ``invitation`` is :func:`nybureau.services.meetings.invitation`: the attendees with an
    e-mail address (ROLE=CHAIR for the chair, PARTSTAT=DECLINED for an apology), the organizer
    (left out when there is none) and the SEQUENCE. A meeting whose status is ``cancelled`` is
    sent as METHOD:CANCEL with STATUS:CANCELLED."""
    cancelled = data["meeting"].get("status") == "cancelled"
    return _calendar([_event(data, lang, host, invitation)],
                     "CANCEL" if cancelled else "REQUEST", lang)


def calendar_ics(events: list[tuple[dict[str, Any], dict[str, Any] | None]], *,
                 lang: str = "da", host: str = "nybureau", name: str | None = None) -> bytes:
    """One calendar (METHOD:PUBLISH) with a VEVENT per ``(data, invitation)`` as
    :func:`meeting_ics` takes them: each event has the UID and SEQUENCE of the meeting's own
    invitation, so a calendar that has the invitation updates the same event; a cancelled
    meeting is STATUS:CANCELLED. A published calendar names no attendees (RFC 5546 3.2.1):
    who is invited is in each meeting's own invitation."""
    found = [_event(data, lang, host, invitation, attendees=False)
             for data, invitation in events]
    return _calendar(found, "PUBLISH", lang, name)


def _calendar(events: list[Any], method: str, lang: str, name: str | None = None) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", Msg("-//nybureau//meetings//EN").render(lang))
    cal.add("version", "2.0")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    for ev in events:
        cal.add_component(ev)
    try:
        cal.add_missing_timezones()
    except AttributeError:  # icalendar < 6: no VTIMEZONE helper; TZID is still given
        pass
    return cal.to_ical()


def _event(data: dict[str, Any], lang: str, host: str,
           invitation: dict[str, Any] | None, attendees: bool = True):
    from icalendar import Event

    from nybureau.rendering.dates import TZ, long_datetime

    m = data["meeting"]
    invitation = invitation or {"attendees": [], "organizer": None, "sequence": 0}
    cancelled = m.get("status") == "cancelled"
    ev = Event()
    ev.add("uid", f"meeting-{m['id']}@{host}")
    starts = m["starts_at"].astimezone(TZ)
    ends = (m["ends_at"] or m["starts_at"] + timedelta(hours=2)).astimezone(TZ)
    ev.add("dtstart", starts)
    ev.add("dtend", ends)
    ev.add("dtstamp", datetime.now(timezone.utc).replace(microsecond=0))
    what = Msg("Agenda").render(lang)
    subject = m["name"]
    if data.get("project"):
        subject += f" – {data['project']['name']}"
    ev.add("summary", subject)
    if m["place"]:
        ev.add("location", m["place"])
    lines = [f"{m['name']}, {long_datetime(m['starts_at'], lang)}"]
    if m["place"]:
        lines.append(Msg("Place: ").render(lang) + m["place"])
    if cancelled:
        # The notice goes to every attendee, so it says that the meeting is cancelled and not
        # why: the reason (kept in the history) may be a personnel matter. No agenda either.
        lines = [Msg("The meeting is cancelled.").render(lang), "", *lines]
    else:
        lines += ["", f"{what}:"]
        for it in data["items"]:
            if it["closed"]:
                lines.append(f"{it['number']}. "
                             + Msg("Closed item").render(lang))
            else:
                kind = f" ({it['kind_label']})" if it.get("kind_label") else ""
                lines.append(f"{it['number']}. {it['title']}{kind}")
        if m["participants"]:
            lines += ["", Msg("Participants: ").render(lang)
                      + ", ".join(p["name"] for p in m["participants"])]
        if m["apologies"]:
            lines.append(Msg("Apologies: ").render(lang)
                         + ", ".join(p["name"] for p in m["apologies"]))
    ev.add("description", "\n".join(lines))
    if invitation["organizer"]:
        ev.add("organizer", _address(invitation["organizer"]))
    for a in (invitation["attendees"] if attendees else ()):
        ev.add("attendee", _address(
            a, CUTYPE="INDIVIDUAL", ROLE="CHAIR" if a["chair"] else "REQ-PARTICIPANT",
            PARTSTAT="DECLINED" if a["declined"] else "NEEDS-ACTION",
            RSVP="FALSE" if a["declined"] or cancelled else "TRUE"))
    ev.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    ev.add("sequence", invitation["sequence"])
    return ev
