"""Recording what happens in a project: decisions and activities."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.vocabulary import ACTIVITY_KINDS, BODIES, label
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_activity,
    check_body,
    check_outcome,
    check_text,
    copenhagen_today,
    get_project,
    parse_date,
    refuse_future,
)
from nybureau.services.people import resolve_people

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def record_decision(
    tx: Tx,
    slug: str,
    decision_id: str,
    *,
    by: list[str],
    outcome: str,
    on: date | str | None = None,
    note: str | None = None,
    source: str = "cli",
) -> dict[str, Any]:
    """Record the outcome of a decision by one or more bodies (one record per body)."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    found = spec.decision(decision_id)
    if found is None:
        raise NotFound(
            Msg("The workflow '{id}' has no decision '{decision_id}'. Its decisions are: "
                "{decision_ids}.", id=spec.id, decision_id=decision_id,
                decision_ids=', '.join(spec.decision_ids)),
        )
    if not by:
        raise InvalidInput(
            Msg("Say which body decided with --by (e.g. --by management --by med); "
                "'{decision_id}' is decided by {by}.", decision_id=decision_id,
                by=', '.join(found[1].by)),
        )
    bodies = list(dict.fromkeys(check_body(b) for b in by))
    check_outcome(outcome)
    decided = parse_date(on) if on is not None else copenhagen_today(tx)
    refuse_future(
        tx, decided,
        Msg("a decision is recorded when it has been taken. Record it on the day it is made, or "
            "give the date it was made with --date. (A meeting to come is planned with `nybureau "
            "meeting plan`; its outcomes are recorded when it has been held.)"))
    note = check_text(note, "note")
    warnings = [
        f"{label(BODIES, b, 'en')} is not one of the bodies the workflow asks for this decision "
        f"({', '.join(found[1].by)}); it is recorded but does not count for the phase gate."
        for b in bodies if b not in found[1].by
    ]
    tx.project_touch(project)
    ids = []
    for body in bodies:
        did = tx.decision_add(project_id=project["id"], decision_key=decision_id, body=body,
                              outcome=outcome, decided_on=decided, note=note, source=source)
        ids.append(did)
        tx.audit("decision.record", "decision", did, project_id=project["id"],
                 after={"decision": decision_id, "body": body, "outcome": outcome,
                        "decided_on": decided, "note": note, "source": source})
    return {"ids": ids, "decision": decision_id, "title": found[1].title, "bodies": bodies,
            "outcome": outcome, "decided_on": decided, "warnings": warnings}


def record_activity(
    tx: Tx,
    slug: str,
    kind: str,
    *,
    number: int | None = None,
    on: date | str | None = None,
    title: str | None = None,
    attendees: list[str] | None = None,
    new_person: bool = False,
) -> dict[str, Any]:
    """Record an activity. Modules and network meetings default to all the project's agents as
    attendees; a network meeting of a project in a network is stored on the network, once per
    number, and later recordings add their attendees to it."""
    project = get_project(tx, slug)
    kind, number = check_activity(kind, number)
    held = parse_date(on) if on is not None else copenhagen_today(tx)
    refuse_future(
        tx, held,
        Msg("an activity is recorded when it has been held, and only held activities count for "
            "the phase gate. Record it on the day it is held, or give the date it was held with "
            "--date."))
    title = check_text(title, "title", 500)
    if attendees:
        people = resolve_people(tx, attendees, new_person=new_person, what="attendee name",
                                project_id=project["id"])
        person_ids = [p["id"] for p in people]
        names_out = list(dict.fromkeys(p["full_name"] for p in people))
    elif kind in ("module", "network_meeting"):
        agents = tx.agents(project["id"])
        if not agents:
            raise InvalidInput(
                Msg("'{slug}' has no documentation agents to attend the {replace}; "
                    "add them first with `nybureau agent add`, or name attendees with --attendee.",
                    slug=slug, replace=kind.replace('_', ' ')),
            )
        person_ids = [a["person_id"] for a in agents]
        names_out = [a["full_name"] for a in agents]
    else:
        person_ids, names_out = [], []

    tx.project_touch(project)
    network_id = project["network_id"] if kind == "network_meeting" else None
    existing = tx.network_meeting_get(network_id, number) if network_id else None
    if existing:
        added = tx.attendees_add(existing["id"], person_ids)
        tx.audit("activity.attend", "activity", existing["id"], project_id=project["id"],
                 network_id=network_id,
                 after={"kind": kind, "number": number, "attendees": names_out,
                        "added": len(added)})
        return {"id": existing["id"], "kind": kind, "number": number,
                "held_on": existing["held_on"], "attendees": names_out, "merged": True}
    aid = tx.activity_add(project_id=None if network_id else project["id"],
                          network_id=network_id, kind=kind, number=number, title=title,
                          held_on=held)
    tx.attendees_add(aid, person_ids)
    twice = duplicate_warning(tx, project, kind, held, title, aid)
    tx.audit("activity.record", "activity", aid, project_id=project["id"], network_id=network_id,
             after={"kind": kind, "number": number, "title": title, "held_on": held,
                    "attendees": names_out, "network": project.get("network_slug")})
    return {"id": aid, "kind": kind, "number": number, "held_on": held, "attendees": names_out,
            "merged": False, "warnings": [twice] if twice else []}


def duplicate_warning(tx: Tx, project: dict[str, Any], kind: str, held_on, title, new_id: int
                      ) -> tuple[str, str] | None:
    """(English, Danish) warning when an activity of this kind, date and title was recorded
    before (and is not voided), else None."""
    earlier = [a for a in tx.activity_same(project, kind, held_on, title) if a["id"] != new_id]
    if not earlier:
        return None
    first = earlier[0]
    slug = project["slug"]
    what_en = label(ACTIVITY_KINDS, kind, "en")
    what_da = label(ACTIVITY_KINDS, kind, "da")
    ids = ", ".join(str(a["id"]) for a in earlier)
    return (
        f"the same {what_en} ({held_on.isoformat()}, “{title or ''}”) was already recorded as "
        f"activity {ids}; if this one is a mistake, void it: `nybureau activity void {slug} "
        f"{new_id} --reason \"recorded twice\"` (the earlier one: {first['id']}).",
        f"samme {what_da} ({held_on.isoformat()}, »{title or ''}«) er allerede registreret "
        f"som aktivitet {ids}; er denne en fejl, så annullér den: `nybureau activity void "
        f"{slug} {new_id} --reason \"registreret to gange\"` (den tidligere: {first['id']}).",
    )
