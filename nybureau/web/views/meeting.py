"""A meeting's page: its agenda (or minutes) with the bilag, the downloads (PDF, DOCX, the
calendar file), and members approving the minutes (*Godkend referat*). Who may see what is
decided in :mod:`nybureau.services.web.meeting_page`; what an approval records in
:mod:`nybureau.services.web.approvals`."""

from __future__ import annotations

from flask import Blueprint, Response, g, redirect, request, url_for

from nybureau.web import pages
from nybureau.web.app import reading, store

bp = Blueprint("meeting", __name__)

TYPES = {"pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "ics": "text/calendar; charset=utf-8"}
#: what the page says after a member's approval (?done=…)
DONE = ("recorded", "approved")


def _file(name: str, content: bytes, mimetype: str | None = None) -> Response:
    from urllib.parse import quote

    response = Response(content, mimetype=mimetype or _type(name))
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace('"', "")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}")
    response.headers["Cache-Control"] = "no-store"
    return response


def _type(name: str) -> str:
    import mimetypes

    suffix = name.rpartition(".")[2].lower()
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


@bp.get("/m/<int:meeting_id>")
def show(meeting_id: int):
    from nybureau.services.web import meeting_page

    with reading() as tx:
        data = meeting_page.page_data(tx, g.viewer, meeting_id, g.lang)
    done = request.args.get("done")
    return pages.page("web/meeting.html.j2", page=data, done=done if done in DONE else None)


@bp.get("/m/<int:meeting_id>/<any(agenda, minutes):name>.<fmt>")
def document(meeting_id: int, name: str, fmt: str):
    from nybureau.services.web import meeting_page

    with reading() as tx:
        file_name, content = meeting_page.render_document(tx, g.viewer, meeting_id, name, fmt,
                                                          g.lang)
    return _file(file_name, content)


@bp.get("/m/<int:meeting_id>/invitation.ics")
def invitation(meeting_id: int):
    from nybureau.services.web import meeting_page

    with reading() as tx:
        file_name, content = meeting_page.invitation(tx, g.viewer, meeting_id, g.lang)
    return _file(file_name, content, TYPES["ics"])


@bp.get("/m/<int:meeting_id>/bilag/<int:number>")
@bp.get("/m/<int:meeting_id>/bilag/<int:number>.<fmt>")
def bilag(meeting_id: int, number: int, fmt: str | None = None):
    from nybureau.services.web import meeting_page

    with reading() as tx:
        found = meeting_page.bilag(tx, g.viewer, meeting_id, number, fmt, g.lang)
    if "url" in found:
        return redirect(found["url"], code=303)
    return _file(found["file_name"], found["content"])


@bp.post("/m/<int:meeting_id>/approve")
def approve(meeting_id: int):
    from nybureau.services.web import approvals, require_person

    viewer = require_person(g.viewer)
    with store().transaction(viewer.actor) as tx:
        state = approvals.approve(tx, viewer, meeting_id)
    done = "approved" if state["approved"] else "recorded"
    return redirect(url_for("meeting.show", meeting_id=meeting_id, done=done,
                            lang=g.lang_asked) + "#godkendelse", code=303)
