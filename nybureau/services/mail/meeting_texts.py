"""The words of a meeting's e-mail: its subject and its plain-text body, in Danish or English,
from the same data as the agenda and minutes (:func:`~nybureau.services.documents.build`).

The body is what a secretariat writes around the documents: what is sent and for which
meeting, the items by number and title (a closed item only as *Lukket punkt*: an e-mail is read
on phones and forwarded, the item's content is in the attached package), who sent apologies,
what is attached, where to reply, and the greeting. The documents themselves are the
attachments; nothing in the body is not in them too.
"""

from __future__ import annotations

from typing import Any

from nybureau.i18n import Msg

# What a message is: an agenda (first or revised), the approved minutes, a cancellation.
AGENDA, REVISED, MINUTES, CANCELLATION = "agenda", "revised", "minutes", "cancellation"


def _when(m: dict[str, Any], lang: str) -> str:
    from nybureau.rendering.dates import long_datetime

    when = long_datetime(m["starts_at"], lang)
    if m["place"]:
        when += Msg(" in {place}", place=m["place"]).render(lang)
    return when


def _lower(word: str) -> str:
    """"Styregruppen" inside a sentence is "styregruppen" ("MED-udvalget" stays)."""
    return word[0].lower() + word[1:] if len(word) > 1 and word[1].islower() else word


def meeting_phrase(data: dict[str, Any], lang: str) -> str:
    """The meeting inside a sentence: "mødet i Hoved-MED", "mødet i styregruppen",
    "netværksmøde 2" (the meeting of the steering group, network meeting 2)."""
    from nybureau.domain.vocabulary import BODIES

    m = data["meeting"]
    if m["body"] == "network" and m.get("number"):
        return Msg("network meeting {n}", n=m["number"]).render(lang)
    if m["body"] in BODIES and m["name"] == m["body_label"]:
        return Msg("the meeting of the {body}", body=_lower(BODIES[m["body"]]["en"]),
                   body_da=_lower(BODIES[m["body"]]["da"])).render(lang)
    return Msg("the meeting of {name}", name=m["name"]).render(lang)


def meeting_title(data: dict[str, Any], lang: str) -> str:
    """The meeting as a subject names it: "Hoved-MED 16. august 2017"; a body label alone
    gets the project's (or network's) name: "Styregruppen for Styring i hjemmeplejen,
    14. juni 2017"."""
    from nybureau.rendering.dates import short_date

    m = data["meeting"]
    day = short_date(m["starts_at"].date(), lang)
    owner = (data.get("project") or {}).get("name") or m.get("network")
    if owner and m["name"] == m["body_label"] and owner not in m["name"]:
        return Msg("{body} of {owner}, {day}", body=m["name"], owner=owner, day=day
                   ).render(lang)
    if m["body"] == "network" and m.get("network") and m["network"] not in m["name"]:
        return Msg("{body} of {owner}, {day}", body=m["name"], owner=m["network"], day=day
                   ).render(lang)
    return f"{m['name']} {day}"


def subject(kind: str, data: dict[str, Any], lang: str, public: bool = False) -> str:
    """``Dagsorden: Hoved-MED 16. august 2017`` (Revideret dagsorden, Referat, Aflyst)."""
    what = {AGENDA: Msg("Agenda"), REVISED: Msg("Revised agenda"), MINUTES: Msg("Minutes"),
            CANCELLATION: Msg("Cancelled")}[kind].render(lang)
    text = f"{what}: {meeting_title(data, lang)}"
    if public and kind != CANCELLATION:
        text += Msg(" (public version)").render(lang)
    return text


def _items(data: dict[str, Any], lang: str) -> list[str]:
    lines = []
    for it in data["items"]:
        title = Msg("Closed item").render(lang) if it["closed"] else it["title"]
        lines.append(f"{it['number']}. {title}")
    return lines


def body(kind: str, data: dict[str, Any], lang: str, *, attached: list[dict[str, str]],
         organizer: dict[str, str] | None, public: bool = False,
         notes: list[str] | None = None) -> str:
    """The plain-text body. ``attached``: {"label", "file"} of each attachment;
    ``organizer``: the minute-taker with an address (whom to reply to), or None."""
    m = data["meeting"]
    when = _when(m, lang)
    meeting = meeting_phrase(data, lang)
    lines = [Msg("To the participants of the meeting").render(lang) if not public
             else Msg("For information").render(lang), ""]
    if kind == CANCELLATION:
        said = Msg("{meeting} on {when} is cancelled.", meeting=meeting, when=when
                   ).render(lang)
        said = said[:1].upper() + said[1:]
        if not public:
            said += " " + Msg("The calendar invitation is withdrawn.").render(lang)
        lines.append(said)
    elif kind == MINUTES:
        approved = ""
        if m.get("approved_on"):
            from nybureau.rendering.dates import long_date

            approved = " " + Msg("The minutes were approved on {day}.",
                                 day=long_date(m["approved_on"], lang)).render(lang)
        lines.append(Msg("Here are the approved minutes of {meeting} on {when}.",
                         meeting=meeting, when=when).render(lang) + approved)
    else:
        first = Msg("Here is the agenda of {meeting} on {when}.",
                    meeting=meeting, when=when) if kind == AGENDA else \
            Msg("Here is the revised agenda of {meeting} on {when}; it replaces the agenda "
                "sent earlier.", meeting=meeting, when=when)
        lines.append(first.render(lang))
    if public and kind != CANCELLATION and data.get("omitted_closed"):
        lines.append(Msg("This is the public version: closed items are left out.")
                     .render(lang))
    if kind != CANCELLATION:
        lines += ["", Msg("Agenda").render(lang) if kind != MINUTES
                  else Msg("Items").render(lang), *_items(data, lang)]
        if m["apologies"] and not public:
            lines += ["", Msg("Apologies: ").render(lang)
                      + ", ".join(p["name"] for p in m["apologies"])]
    if attached:
        lines += ["", Msg("Attached:").render(lang)]
        lines += [f"- {a['label']}: {a['file']}" for a in attached]
    for note in notes or []:
        lines += ["", note]
    if kind in (AGENDA, REVISED) and not public:
        lines += ["", Msg("The meeting is in this e-mail as a calendar invitation: please "
                          "accept or decline it in your calendar.").render(lang)]
        if organizer:
            lines.append(Msg("Send apologies to {name} ({email}).", name=organizer["name"],
                             email=organizer["email"]).render(lang))
    sender = organizer["name"] if organizer else \
        ((data.get("project") or {}).get("name") or m.get("network") or "")
    lines += ["", Msg("Kind regards").render(lang)]
    if sender:
        lines.append(sender)
    return "\n".join(lines) + "\n"


def attachment_label(what: str, fmt: str, lang: str) -> str:
    """"Dagsorden med bilag (PDF)", "Referat (Word)" …"""
    label = {("agenda", "pdf"): Msg("Agenda with attachments (PDF)"),
             ("agenda", "docx"): Msg("Agenda (Word)"),
             ("minutes", "pdf"): Msg("Minutes with attachments (PDF)"),
             ("minutes", "docx"): Msg("Minutes (Word)")}[(what, fmt)]
    return label.render(lang)
