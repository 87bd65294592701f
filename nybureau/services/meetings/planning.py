"""Planning a meeting and writing its agenda.

A project meeting (:func:`plan_project_meeting`) gets the body's standing items, one item for
each decision the project's current phase still needs from the body, and the status item. A
network meeting (:func:`plan_network_meeting`) gets its theme and one *news* item per project of
the network. Both share the checks of the meeting's details, the attendees, the refusal of a
clash and the writes.

Generated texts (the recommendations of the standing items, the *sagsfremstilling* and
*indstilling* of decision items from :mod:`nybureau.services.documents.case_texts`, the status item, the
theme and the project news) are stored in both Danish and English when the agenda is planned
(``background_generated``; a recommendation as a ``{"da", "en"}`` object in the list), so an
agenda is a fixed record of what the body was asked, in either language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from nybureau.domain.meetings import (
    NETWORK_THEMES,
    STANDING,
    STANDING_BY_BODY,
    both,
    standing_for,
)
from nybureau.domain.vocabulary import NUMBERED_ACTIVITIES
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_meeting_body,
    check_text,
    get_network,
    get_project,
)
from nybureau.services.meetings._shared import (
    TZ,
    aware,
    canonical,
    parse_datetime,
    person,
    utc,
)


@dataclass(frozen=True)
class _Details:
    """A meeting's checked details, before its owner and agenda are known."""

    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    title: str | None
    committee: str | None
    minute_taker: str | None


def meeting_details(tx, starts: Any, place: str | None, title: str | None,
                    committee: str | None, duration_minutes: int | None,
                    minute_taker: str | None, new_person: bool) -> _Details:
    """A meeting's checked details (start, end, place, title, committee, minute-taker), as
    every planner — a single meeting, a network meeting, a series — needs them."""
    from nybureau.services.people import known_name

    starts_at = parse_datetime(starts)
    place = check_text(place, "place", 500)
    title = check_text(title, "title", 500)
    committee = check_text(committee, "committee", 300)
    minute_taker = known_name(tx, check_text(minute_taker, "minute-taker", 300), "minute-taker",
                              new_person=new_person)
    if duration_minutes is not None and (
            isinstance(duration_minutes, bool) or not isinstance(duration_minutes, int)
            or not 0 < duration_minutes <= 24 * 60):
        raise InvalidInput(Msg("The duration must be a whole number of minutes between 1 and 1440."))
    # in UTC: across a clock change a duration is elapsed time, not wall-clock time
    ends_at = ((utc(starts_at) + timedelta(minutes=duration_minutes)).astimezone(TZ)
               if duration_minutes else None)
    return _Details(starts_at, ends_at, place, title, committee, minute_taker)


def standing_item(key: str, position: int, **extra: Any) -> dict[str, Any]:
    """A standing item of the agenda at ``position`` (its recommendation in both languages)."""
    s = STANDING[key]
    rec = s.get("rec")
    return {"position": position, "standing": key, "title": None, "kind": s["kind"],
            "closed": False, "recommendations": [dict(rec)] if rec else None, **extra}


def pending_decisions(tx, project: dict[str, Any], body: str) -> list[Any]:
    """The decisions the project's current phase still needs from ``body``."""
    from nybureau.domain.vocabulary import SATISFYING_OUTCOMES

    spec = tx.workflow_spec(project["workflow_definition_id"])
    phase = spec.phase(project["phase"])
    if phase is None:
        return []
    facts = tx.facts(project)
    out = []
    for d in phase.decisions:
        if body not in d.by:
            continue
        ok = SATISFYING_OUTCOMES | ({"noted"} if d.allow_noted else set())
        if facts.decisions.get((d.id, body)) not in ok:
            out.append(d)
    return out


# -- a project's meeting -----------------------------------------------------------------------
def plan_project_meeting(
    tx,
    project: str,
    body: str,
    *,
    starts: Any,
    place: str | None = None,
    title: str | None = None,
    committee: str | None = None,
    duration_minutes: int | None = 120,
    minute_taker: str | None = None,
    participants: list[str] | None = None,
    apologies: list[str] | None = None,
    new_person: bool = False,
) -> dict[str, Any]:
    """Plan a meeting of ``body`` of the project ``project`` (a slug) and write its agenda from
    what the project is waiting for."""
    return _plan_project(tx, project, body, None, starts=starts, place=place, title=title,
                         committee=committee, duration_minutes=duration_minutes,
                         minute_taker=minute_taker, participants=participants,
                         apologies=apologies, new_person=new_person)


def _plan_project(tx, slug: str, body: str, number: Any, *, starts: Any, place: str | None,
                  title: str | None, committee: str | None, duration_minutes: int | None,
                  minute_taker: str | None, participants: list[str] | None,
                  apologies: list[str] | None, new_person: bool) -> dict[str, Any]:
    details = meeting_details(tx, starts, place, title, committee, duration_minutes,
                              minute_taker, new_person)
    project = get_project(tx, slug)
    check_meeting_body(body)
    if number is not None:
        raise InvalidInput(Msg("--number is only used for network meetings."))
    owner = {"project_id": project["id"], "network_id": None, "number": None}
    default_people = [(m["full_name"], m["role"]) for m in tx.members(project["id"])
                      if m["body"] == body]
    items = project_agenda(tx, project, body, details.starts_at)
    return write_meeting(tx, body, details, owner, project, items, default_people, participants,
                  apologies, new_person)


def project_agenda(tx, project: dict[str, Any], body: str, starts_at: datetime
                    ) -> list[dict[str, Any]]:
    from nybureau.services.documents import case_texts

    items: list[dict[str, Any]] = []
    opening, closing = standing_for(body)
    earlier = tx.meeting_previous({"project_id": project["id"], "network_id": None,
                                   "body": body, "starts_at": starts_at})
    planned = {"project_id": project["id"], "network_id": None, "body": body,
               "starts_at": starts_at}
    for key in opening:
        if key == "approve_minutes" and earlier is None:
            continue  # the body's first meeting has no minutes to approve
        if key == "follow_up":
            from nybureau.services.meetings import follow_up

            if follow_up.wanted(tx, planned):  # only when there are action items to follow up
                items.append(standing_item(key, len(items) + 1,
                                           background_generated=follow_up.generated_follow_up(
                                               tx, planned)))
            continue
        items.append(standing_item(key, len(items) + 1))
    spec = tx.workflow_spec(project["workflow_definition_id"])
    for d in pending_decisions(tx, project, body):
        case = {lang: case_texts.decision_case_text(tx, project, spec, d.id, body, lang)
                for lang in ("da", "en")}
        rec = case_texts.decision_recommendation(spec, d.id)
        items.append({
            "position": len(items) + 1, "standing": None, "title": None,
            "kind": "information" if d.allow_noted else "decision", "closed": False,
            "decision_key": d.id, "background_generated": both(case["da"], case["en"]),
            "recommendations": [rec],
            # the resumé, økonomi and konsekvenser the project's own texts give (issue 13)
            **case_texts.decision_item_sections(tx, project, spec, d.id),
        })
    status = {lang: case_texts.status_case_text(tx, project, lang) for lang in ("da", "en")}
    items.append(standing_item("status", len(items) + 1,
                               background_generated=both(status["da"], status["en"])))
    for key in closing:
        items.append(standing_item(key, len(items) + 1))
    return items


# -- a network meeting -------------------------------------------------------------------------
def plan_network_meeting(
    tx,
    network: str,
    number: int,
    *,
    starts: Any,
    place: str | None = None,
    title: str | None = None,
    committee: str | None = None,
    duration_minutes: int | None = 120,
    minute_taker: str | None = None,
    participants: list[str] | None = None,
    apologies: list[str] | None = None,
    new_person: bool = False,
) -> dict[str, Any]:
    """Plan network meeting ``number`` (1–4) of the network ``network`` (a slug): its theme and
    the news from each of the network's projects; by default every agent of the network
    attends."""
    from nybureau.services.documents import case_texts

    details = meeting_details(tx, starts, place, title, committee, duration_minutes,
                              minute_taker, new_person)
    found = get_network(tx, network)
    lo, hi = NUMBERED_ACTIVITIES["network_meeting"]
    if isinstance(number, bool) or not isinstance(number, int) or not lo <= number <= hi:
        raise InvalidInput(Msg("A network meeting needs --number between {lo} and {hi}.", lo=lo,
                               hi=hi))
    owner = {"project_id": None, "network_id": found["id"], "number": number}
    projects = tx.project_list(network_id=found["id"])
    default_people = [(a["full_name"], _agent_role(a, p)) for p in projects
                      for a in tx.agents(p["id"])]
    items: list[dict[str, Any]] = []
    opening, closing = STANDING_BY_BODY["network"]
    for key in opening:
        items.append(standing_item(key, len(items) + 1))
    theme = NETWORK_THEMES[number]
    items.append({"position": len(items) + 1, "standing": "theme", "title": None,
                  "kind": "discussion", "closed": False,
                  "background_generated": both(theme["da"], theme["en"]),
                  "recommendations": None})
    for p in projects:
        case = case_texts.network_project_case(tx, p)
        items.append({"position": len(items) + 1, "standing": "project_news",
                      "title": None, "kind": "discussion", "closed": False,
                      "subject_project_id": p["id"],
                      "background_generated": both(case["da"], case["en"]),
                      "recommendations": None})
    for key in closing:
        items.append(standing_item(key, len(items) + 1))
    return write_meeting(tx, "network", details, owner, None, items, default_people, participants,
                  apologies, new_person)


def _agent_role(agent: dict[str, Any], project: dict[str, Any]) -> str:
    title = agent.get("title")
    base = f"Dokumentationsagent, {project['municipality']}"
    return f"{base} ({title})" if title else base


# -- either --------------------------------------------------------------------------------------
def plan_meeting(
    tx,
    owner: str,
    body: str,
    *,
    starts: Any,
    place: str | None = None,
    title: str | None = None,
    committee: str | None = None,
    duration_minutes: int | None = 120,
    minute_taker: str | None = None,
    participants: list[str] | None = None,
    apologies: list[str] | None = None,
    number: int | None = None,
    new_person: bool = False,
) -> dict[str, Any]:
    """Plan a meeting and write its agenda. ``owner`` is a project slug, or a network slug when
    ``body`` is ``network`` (then ``number`` says which network meeting, 1–4)."""
    details = dict(starts=starts, place=place, title=title, committee=committee,
                   duration_minutes=duration_minutes, minute_taker=minute_taker,
                   participants=participants, apologies=apologies, new_person=new_person)
    if body == "network":
        return plan_network_meeting(tx, owner, number, **details)  # type: ignore[arg-type]
    return _plan_project(tx, owner, body, number, **details)


def write_meeting(tx, body: str, details: _Details, owner: dict[str, Any],
                  project: dict[str, Any] | None, items: list[dict[str, Any]],
                  default_people: list[tuple[str, str | None]], participants: list[str] | None,
                  apologies: list[str] | None, new_person: bool) -> dict[str, Any]:
    """Resolve the attendees, refuse a clash, and write the meeting, its people and agenda."""
    from nybureau.services.people import normalise, resolve_people
    from nybureau.services.meetings.reading import show_meeting

    if participants:
        people = [(normalise(n, "participant name"), None) for n in participants]
    else:
        people = default_people
    apology_names = [normalise(n, "name") for n in (apologies or [])]
    # every doubtful name refused before anything is written (defaults are existing persons)
    resolved = {p["full_name"]: p for p in resolve_people(
        tx, [n for n, _ in people] + apology_names, new_person=new_person,
        project_id=owner["project_id"], network_id=owner["network_id"])} \
        if (participants or apology_names) else {}
    people = [(canonical(resolved, n), r) for n, r in people]
    apology_names = [canonical(resolved, n) for n in apology_names]
    _refuse_clash(tx, body, details.starts_at, owner, project)
    if project is not None:
        tx.project_touch(project)
    mid = tx.meeting_add(body=body, committee=details.committee, title=details.title,
                         starts_at=utc(details.starts_at),
                         ends_at=utc(details.ends_at) if details.ends_at else None,
                         place=details.place, minute_taker=details.minute_taker,
                         status="planned", approved_on=None, **owner)
    seen: dict[str, str | None] = {}
    for name, role in people:
        seen.setdefault(name, role)
    for name, role in seen.items():
        attendance = "apology" if name in apology_names else "participant"
        tx.meeting_person_set(mid, person(tx, name, owner)["id"], role, attendance)
    for name in apology_names:
        if name not in seen:
            tx.meeting_person_set(mid, person(tx, name, owner)["id"], None, "apology")
    for it in items:
        tx.item_add(mid, **it)
    after = {"body": body, "starts_at": details.starts_at, "place": details.place,
             "number": owner["number"], "items": len(items), "participants": list(seen),
             "apologies": apology_names}
    tx.audit("meeting.plan", "meeting", mid, project_id=owner["project_id"],
             network_id=owner["network_id"], after=after)
    return show_meeting(tx, mid)


def _refuse_clash(tx, body: str, starts_at: datetime, owner: dict[str, Any],
                  project: dict[str, Any] | None) -> None:
    """The same body at the same time, or the same network meeting number, is refused (a
    cancelled meeting's time and number are free to plan again)."""
    number = owner["number"]
    others = tx.meeting_list(project_id=owner["project_id"]) if project is not None else \
        tx.meeting_list(network_id=owner["network_id"])
    for other in others:
        if other["status"] == "cancelled":
            continue
        same_time = other["body"] == body and aware(other["starts_at"]) == starts_at
        same_number = number is not None and other["number"] == number
        if same_time or same_number:
            what_en = f"network meeting {number}" if same_number else "a meeting of that body"
            what_da = f"netværksmøde {number}" if same_number else "et møde i det organ"
            raise AlreadyExists(
                Msg("There is already {what_en} at {aware:%Y-%m-%d %H:%M} "
                    "(meeting {id}); see `nybureau meeting show {id}`, or move "
                    "it with `nybureau meeting edit {id} --date …`.", what_en=what_en,
                    aware=aware(other['starts_at']), id=other['id'], what_da=what_da),
            )
