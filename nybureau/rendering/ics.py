"""iCalendar invitations (RFC 5545) for meetings, with the agenda as the description."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any


def meeting_ics(data: dict[str, Any], *, lang: str = "da", host: str = "nybureau") -> bytes:
    """``data`` is :func:`nybureau.services.documents.meeting_data` for the meeting (public
    render: closed items appear as a bare "Lukket punkt" line, never with their content)."""
    from icalendar import Calendar, Event

    from nybureau.rendering.dates import TZ, long_datetime

    m = data["meeting"]
    cal = Calendar()
    cal.add("prodid", "-//nybureau//meetings//DA" if lang == "da" else "-//nybureau//meetings//EN")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    ev = Event()
    ev.add("uid", f"meeting-{m['id']}@{host}")
    starts = m["starts_at"].astimezone(TZ)
    ends = (m["ends_at"] or m["starts_at"] + timedelta(hours=2)).astimezone(TZ)
    ev.add("dtstart", starts)
    ev.add("dtend", ends)
    ev.add("dtstamp", datetime.now(timezone.utc).replace(microsecond=0))
    what = "Dagsorden" if lang == "da" else "Agenda"
    subject = m["name"]
    if data.get("project"):
        subject += f" – {data['project']['name']}"
    ev.add("summary", subject)
    if m["place"]:
        ev.add("location", m["place"])
    lines = [f"{m['name']}, {long_datetime(m['starts_at'], lang)}"]
    if m["place"]:
        lines.append(("Mødested: " if lang == "da" else "Place: ") + m["place"])
    lines += ["", f"{what}:"]
    for it in data["items"]:
        if it["closed"]:
            lines.append(f"{it['number']}. " + ("Lukket punkt" if lang == "da" else "Closed item"))
        else:
            lines.append(f"{it['number']}. {it['title']} ({it['kind_label']})")
    if m["participants"]:
        lines += ["", ("Deltagere: " if lang == "da" else "Participants: ")
                  + ", ".join(p["name"] for p in m["participants"])]
    if m["apologies"]:
        lines.append(("Afbud: " if lang == "da" else "Apologies: ")
                     + ", ".join(p["name"] for p in m["apologies"]))
    ev.add("description", "\n".join(lines))
    ev.add("status", "CONFIRMED")
    ev.add("sequence", 0)
    cal.add_component(ev)
    try:
        cal.add_missing_timezones()
    except AttributeError:  # icalendar < 6: no VTIMEZONE helper; TZID is still given
        pass
    return cal.to_ical()
