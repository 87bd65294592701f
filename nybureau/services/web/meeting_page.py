"""What a meeting's page and its downloads show, and to whom.

A meeting belongs to a project (its bodies' meetings) or a network (the network meetings).
Anyone with a role in the project — or, for a network meeting, in one of the network's
projects — reads the meeting. Closed items (*lukkede punkter*) are shown only to the members of
the meeting's body on its day and to those who write the project's meetings (leader,
secretary: :func:`~nybureau.services.web.access.sees_closed`); everyone else gets the public
version, the one ``render --public`` writes: a closed item is only its number and the words
*Lukket punkt* (its title withheld too), and the bilag that may not be published are left out —
on the page and in every download, so nothing of a closed item reaches their browser.

The page shows the agenda while the meeting is planned, and the minutes once outcomes are
recorded (held) or approved — the same data as the documents (``documents.build``), as of the
document's own date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.errors import Denied, InvalidInput, NotFound
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.services.web.access import Access
    from nybureau.services.web.sessions import Viewer

#: the formats a meeting's document is downloaded in
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class MeetingAccess:
    """The meeting, and what the viewer may see of it."""

    meeting: Any
    access: Access
    closed: bool  # sees the closed items (else: the public version)
    member: bool  # a member of the meeting's body on its day

    @property
    def public(self) -> bool:
        return not self.closed


def meeting_access(tx: Tx, viewer: Viewer | None, meeting_id: Any) -> MeetingAccess:
    """The viewer's access to the meeting; Denied for a workshop voter, for nobody signed in
    and for a person with no role in its project (or network)."""
    from nybureau.services.common import get_project
    from nybureau.services.meetings import get_meeting_row
    from nybureau.services.web.access import (
        Access, member_of_meeting, project_access, require_person, require_project)

    require_person(viewer)
    meeting = get_meeting_row(tx, meeting_id)
    if meeting.project_id is not None:
        access = require_project(tx, viewer, get_project(tx, meeting.project_slug))
    else:
        projects = [p for p in tx.project_list() if p.network_id == meeting.network_id]
        found = [a for a in (project_access(tx, viewer, p) for p in projects) if a.any]
        if not found:
            raise Denied(Msg("You have no role in any project of the network “{name}”, so "
                             "you cannot read its meetings.", name=meeting.network_name))
        access = Access(found[0].project_id,
                        leader=any(a.leader for a in found),
                        secretary=any(a.secretary for a in found),
                        agent=any(a.agent for a in found), reader=any(a.reader for a in found))
    member = member_of_meeting(tx, viewer, meeting)
    # sees_closed, without reading the members a second time
    closed = access.writes_meetings or member
    return MeetingAccess(meeting, access, closed, member)


def document_of(meeting: Any) -> str | None:
    """The meeting's document: the agenda while planned, the minutes once outcomes are
    recorded; None for a cancelled meeting."""
    if meeting.status == "cancelled":
        return None
    return "minutes" if meeting.status in ("held", "approved") else "agenda"


def build_document(tx: Tx, seen: MeetingAccess, name: str, lang: str) -> dict[str, Any]:
    """The data of the meeting's ``name`` (agenda or minutes) as this viewer may see it."""
    from nybureau.services import documents

    if name not in ("agenda", "minutes"):
        raise NotFound(Msg("There is no page at this address."))
    if seen.meeting.status == "cancelled":
        raise NotFound(Msg("The meeting was cancelled; it has no agenda or minutes. Its "
                           "calendar file is the cancellation."))
    if name == "minutes" and seen.meeting.status not in ("held", "approved"):
        raise NotFound(Msg("The meeting has no minutes yet: no outcomes have been recorded."))
    return documents.build(tx, name, lang, meeting=seen.meeting.id, public=seen.public)


def page_data(tx: Tx, viewer: Viewer | None, meeting_id: Any, lang: str) -> dict[str, Any]:
    """Everything the meeting's page shows."""
    from nybureau.services.meetings import STATUSES, meeting_name
    from nybureau.services.web import approvals

    seen = meeting_access(tx, viewer, meeting_id)
    m = seen.meeting
    name = document_of(m)
    data = build_document(tx, seen, name, lang) if name else None
    state = approvals.approval_state(tx, m.id, viewer) \
        if m.project_id is not None and m.status in ("held", "approved") else None
    if state is not None:
        # why a member may not approve (already did): said on the page, in the reader's words
        state["refusal_text"] = state["refusal"].render(lang) \
            if seen.member and state["refusal"] is not None else None
    return {
        "meeting_id": m.id, "name": meeting_name(m, lang), "status": m.status, "status_label": STATUSES[m.status][lang],
        "document": name, "data": data, "public": seen.public, "member": seen.member,
        "project_slug": m.project_slug, "approval": state,
        "downloads": downloads(m),
        "cancelled": m.status == "cancelled",
        "meeting": m,
    }


def downloads(meeting: Any) -> list[dict[str, str]]:
    """The meeting's downloads: (document, format) pairs the meeting's state allows, and its
    calendar file."""
    out = []
    name = document_of(meeting)
    if name is not None:
        out += [{"document": "agenda", "format": f} for f in FORMATS]
        if name == "minutes":
            out += [{"document": "minutes", "format": f} for f in FORMATS]
    out.append({"document": "invitation", "format": "ics"})
    return out


def render_document(tx: Tx, viewer: Viewer | None, meeting_id: Any, name: str, fmt: str,
                    lang: str) -> tuple[str, bytes]:
    """The meeting's agenda or minutes as a file (name, bytes): the public render for a viewer
    who may not see the closed items."""
    from nybureau.services import documents

    if fmt not in FORMATS:
        raise NotFound(Msg("There is no page at this address."))
    seen = meeting_access(tx, viewer, meeting_id)
    rendered = documents.render(build_document(tx, seen, name, lang), fmt)
    return rendered.file_name, rendered.content


def invitation(tx: Tx, viewer: Viewer | None, meeting_id: Any, lang: str) -> tuple[str, bytes]:
    """The meeting's calendar file, as ``meeting ics`` writes it (the agenda in its
    description, a closed item only as *Lukket punkt*; the cancellation for a cancelled
    meeting). For a viewer who does not see the closed items, without the attendees' and the
    organizer's addresses (only members and those who write the meetings get them)."""
    from nybureau.rendering import file_name
    from nybureau.rendering.ics import meeting_ics
    from nybureau.services import documents

    seen = meeting_access(tx, viewer, meeting_id)
    data = documents.invitation_data(tx, seen.meeting.id, lang)
    invite = data["invitation"]
    if seen.public:
        invite = {**invite, "attendees": [], "organizer": None}
    return file_name(data, "ics"), meeting_ics(data, lang=lang, invitation=invite)


def bilag(tx: Tx, viewer: Viewer | None, meeting_id: Any, number: int, fmt: str | None,
          lang: str) -> dict[str, Any]:
    """Bilag ``number`` of the meeting's document as this viewer may see it: ``{"url"}`` for a
    link, ``{"file_name", "content"}`` for a file or a nybureau document (rendered in ``fmt``,
    PDF by default, as of the meeting document's date)."""
    from nybureau.services import documents
    from nybureau.services.documents import catalogue

    seen = meeting_access(tx, viewer, meeting_id)
    name = document_of(seen.meeting)
    if name is None:
        raise NotFound(Msg("The meeting was cancelled; it has no agenda or minutes. Its "
                           "calendar file is the cancellation."))
    data = build_document(tx, seen, name, lang)
    found = next((a for a in data["bilag"] if a["number"] == number), None)
    if found is None:
        raise NotFound(Msg("The meeting has no bilag {number}.", number=number))
    if found["kind"] == "url":
        return {"url": found["url"]}
    if found["kind"] == "file":
        if fmt is not None:
            raise NotFound(Msg("There is no page at this address."))
        try:
            return {"file_name": found["file_name"], "content": Path(found["path"]).read_bytes()}
        except OSError:
            raise NotFound(Msg("The file of bilag {number} cannot be read; ask the secretary "
                               "for it.", number=number)) from None
    fmt = fmt or "pdf"
    if fmt not in FORMATS:
        raise InvalidInput(Msg("A bilag is downloaded as pdf or docx."))
    keywords = dict(found["document"])
    doc = keywords.pop("name")
    built = catalogue.build(tx, doc, lang, public=seen.public, as_of=data.get("as_of"),
                            **keywords)
    rendered = documents.render(built, fmt)
    stem = found["file_name"].rpartition(".")[0]
    return {"file_name": f"{stem}.{fmt}", "content": rendered.content}


__all__ = ["FORMATS", "MeetingAccess", "bilag", "build_document", "document_of", "downloads",
           "invitation", "meeting_access", "page_data", "render_document"]
