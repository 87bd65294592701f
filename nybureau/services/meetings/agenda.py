"""Editing a meeting's agenda: add, move and edit items, attach files or links (bilag).

An agenda changes until the minutes are approved (or the meeting is cancelled):
:func:`nybureau.domain.meetings.may_change`."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import AgendaItem
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import check_location, check_name, check_text, get_project
from nybureau.services.meetings._shared import (
    audit,
    check_kind,
    clean_recommendations,
    get_item,
    get_meeting_row,
    refuse_unless_open,
    touch,
)


def add_item(
    tx,
    meeting_id: Any,
    *,
    title: str,
    kind: str = "decision",
    closed: bool = False,
    case_number: str | None = None,
    background: str | None = None,
    recommendations: list[str] | None = None,
    finances: str | None = None,
    decision: str | None = None,
    position: int | None = None,
) -> dict[str, Any]:
    """Add an item to the agenda (last, or at ``position``; the items after it move down)."""
    meeting = get_meeting_row(tx, meeting_id)
    refuse_unless_open(meeting, "agenda")
    title = check_name(title, "title", 500)
    check_kind(kind)
    if decision is not None:
        if meeting["project_slug"] is None:
            raise InvalidInput(Msg("Network meetings do not take a project's decisions."))
        project = get_project(tx, meeting["project_slug"])
        spec = tx.workflow_spec(project["workflow_definition_id"])
        if spec.decision(decision) is None:
            raise NotFound(
                Msg("The workflow '{id}' has no decision '{decision}'. Its decisions are: "
                    "{decision_ids}.", id=spec.id, decision=decision,
                    decision_ids=', '.join(spec.decision_ids)),
            )
    items = tx.items(meeting["id"])
    count = len(items)
    where = count + 1 if position is None else int(position)
    if not 1 <= where <= count + 1:
        raise InvalidInput(Msg("The position must be between 1 and {count}.", count=count + 1))
    touch(tx, meeting)
    for it in items:
        if it["position"] >= where:
            tx.item_update(it["id"], position=it["position"] + 1)
    iid = tx.item_add(meeting["id"], position=where, standing=None, title=title, kind=kind,
                      closed=bool(closed), case_number=check_text(case_number, "case number"),
                      background=check_text(background, "background"),
                      recommendations=clean_recommendations(recommendations),
                      finances=check_text(finances, "finances"), decision_key=decision)
    audit(tx, "meeting.item.add", meeting, "agenda_item", iid,
          after={"meeting": meeting["id"], "number": where, "title": title, "kind": kind,
                 "closed": bool(closed), "decision": decision})
    return {"meeting": meeting["id"], "number": where, "title": title}


def move_item(tx, meeting_id: Any, number: Any, to: int) -> dict[str, Any]:
    """Move item ``number`` to ``to``; the others are renumbered."""
    meeting = get_meeting_row(tx, meeting_id)
    refuse_unless_open(meeting, "agenda")
    item = get_item(tx, meeting, number)
    items = tx.items(meeting["id"])
    if not 1 <= int(to) <= len(items):
        raise InvalidInput(Msg("Move it to a number between 1 and {n_items}.", n_items=len(items)))
    touch(tx, meeting)
    order = [it for it in items if it["id"] != item["id"]]
    order.insert(int(to) - 1, item)
    for pos, it in enumerate(order, start=1):
        if it["position"] != pos:
            tx.item_update(it["id"], position=pos)
    audit(tx, "meeting.item.move", meeting, "agenda_item", item["id"],
          before={"number": item["position"]}, after={"number": int(to)})
    return {"meeting": meeting["id"], "from": item["position"], "to": int(to)}


def edit_item(tx, meeting_id: Any, number: Any, *, title: str | None = None,
              kind: str | None = None, closed: bool | None = None,
              case_number: str | None = None, background: str | None = None,
              recommendations: list[str] | None = None, finances: str | None = None,
              summary: str | None = None, consequences: str | None = None,
              consultation: str | None = None) -> dict[str, Any]:
    """Change an item's title, type, open/closed, case number, sagsfremstilling, indstilling,
    økonomi, resumé, konsekvenser or høring og sagsgang. Only the given fields change; a
    sagsfremstilling a user writes replaces the one nybureau generated."""
    meeting = get_meeting_row(tx, meeting_id)
    refuse_unless_open(meeting, "agenda")
    item = get_item(tx, meeting, number)
    changes = {"title": title, "kind": kind, "closed": closed, "case_number": case_number,
               "background": background, "recommendations": recommendations,
               "finances": finances, "summary": summary, "consequences": consequences,
               "consultation": consultation}
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None:
            continue
        if key == "title":
            values["title"] = check_name(value, "title", 500)
        elif key == "kind":
            values["kind"] = check_kind(value)
        elif key == "closed":
            values["closed"] = bool(value)
        elif key == "case_number":
            values["case_number"] = check_text(value, "case number")
        elif key in ("background", "finances", "summary", "consequences", "consultation"):
            values[key] = check_text(value, key)
        elif key == "recommendations":
            values["recommendations"] = clean_recommendations(list(value)) or None
    if not values:
        raise InvalidInput(
            Msg("Nothing to change: give at least one of --title, --type, --open/--closed, --case, "
                "--background, --recommendation, --finances, --summary, --consequences, "
                "--consultation."),
        )
    touch(tx, meeting)
    stored = dict(values)
    if "background" in values and item.background_generated is not None:
        stored["background_generated"] = None  # the user's text replaces the generated one
    tx.item_update(item["id"], **stored)
    before = {k: _before(item, k) for k in values}
    audit(tx, "meeting.item.edit", meeting, "agenda_item", item["id"],
          before={"number": item["position"], **before},
          after={"number": item["position"], **values})
    return {"meeting": meeting["id"], "number": item["position"], "changed": sorted(values)}


def _before(item: AgendaItem, key: str) -> Any:
    """What the history keeps as a field's value before an edit (a generated sagsfremstilling
    as its two languages)."""
    if key == "background" and item.background is None:
        return item.background_generated
    return getattr(item, key)


def attach(tx, meeting_id: Any, number: Any, *, title: str, location: str,
           publishable: bool = True) -> dict[str, Any]:
    """Add an attachment (bilag) to an item: a file or a link; publishable or not.

    A file must exist when it is attached: it is kept by its full path and copied into the
    meeting's document package when the agenda is rendered (the documents print only its
    name). A link (http, https) stays a link."""
    meeting = get_meeting_row(tx, meeting_id)
    refuse_unless_open(meeting, "agenda")
    item = get_item(tx, meeting, number)
    title = check_name(title, "title", 500)
    location = check_location(location, "file or link", 1000)
    if not is_link(location):
        location = _existing_file(location)
    touch(tx, meeting)
    aid = tx.attachment_add(item["id"], title, location, bool(publishable))
    audit(tx, "meeting.attachment.add", meeting, "attachment", aid,
          after={"number": item["position"], "title": title, "location": location,
                 "publishable": bool(publishable)})
    return {"meeting": meeting["id"], "number": item["position"], "title": title}


def is_link(location: str) -> bool:
    """Whether an attachment's location is a web link (it stays a link in the documents)."""
    return location.lower().startswith(("http://", "https://"))


def _existing_file(location: str) -> str:
    """The full path of an attached file (a file: link is a file too); refused when it does
    not exist."""
    from pathlib import Path
    from urllib.parse import unquote, urlparse

    raw = unquote(urlparse(location).path) if location.lower().startswith("file:") else location
    path = Path(raw).expanduser()
    if not path.is_file():
        raise InvalidInput(
            Msg("There is no file '{location}'. Give the path of an existing file (it is "
                "copied into the meeting's document package) or a link (https://…).",
                location=location))
    if len(str(path.resolve())) > 1000:
        raise InvalidInput(Msg("The file's full path is longer than 1000 characters; move it "
                               "to a shorter path."))
    return str(path.resolve())
