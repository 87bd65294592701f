"""Networks, projects, body members and documentation agents."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.vocabulary import BODIES, label
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    MAX_NAME,
    check_body,
    check_name,
    check_slug,
    check_text,
    get_network,
    get_project,
    parse_date,
)
from nybureau.services.people import existing_person, resolve_person
from nybureau.services.people.persons import delete_row

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def create_network(tx: Tx, slug: str, name: str) -> dict[str, Any]:
    check_slug(slug, "network")
    name = check_name(name, "name")
    if tx.network_get(slug):
        raise AlreadyExists(Msg("A network '{slug}' already exists.", slug=slug))
    network = tx.network_create(slug, name)
    tx.audit("network.create", "network", network["id"], network_id=network["id"],
             after={"slug": slug, "name": name})
    return network


def list_networks(tx: Tx) -> list[dict[str, Any]]:
    return tx.network_list()


def set_responsible(tx: Tx, network_slug: str, municipality: str | None) -> dict[str, Any]:
    """Record which of the network's municipalities is the network-responsible one (in a
    free-municipality trial: the project management of the whole trial, the contact to the
    ministry, the secretariat of the common groups). ``municipality`` is the municipality of
    one of the network's projects, or that project's slug; None clears it."""
    network = get_network(tx, network_slug)
    projects = tx.project_list(network_id=network["id"])
    chosen: str | None = None
    if municipality is not None:
        text = check_name(municipality, "municipality", 200)
        for p in projects:
            if text.casefold() in (p["municipality"].casefold(), p["slug"].casefold()):
                chosen = p["municipality"]
                break
        else:
            known = sorted({p["municipality"] for p in projects})
            raise InvalidInput(Msg(
                "'{municipality}' is not a municipality of the network '{slug}' (its "
                "municipalities: {known}). Add the municipality's project to the network "
                "first, with `nybureau project create … --network {slug}`.",
                municipality=text, slug=network_slug, known=", ".join(known) or "–"))
    before = network["responsible_municipality"]
    tx.network_set_responsible(network["id"], chosen)
    tx.audit("network.responsible", "network", network["id"], network_id=network["id"],
             before={"responsible_municipality": before},
             after={"responsible_municipality": chosen})
    return {"network": network_slug, "name": network["name"],
            "responsible_municipality": chosen, "before": before}


def create_project(
    tx: Tx,
    slug: str,
    *,
    name: str,
    municipality: str,
    area: str | None = None,
    workflow: str = "nybureaukratisering",
    network: str | None = None,
    started_on: date | str | None = None,
) -> dict[str, Any]:
    from nybureau.workflow.loader import resolve

    check_slug(slug)
    name = check_name(name, "name", 500)
    municipality = check_name(municipality, "municipality", 200)
    area = check_text(area, "area", 500)
    started = parse_date(started_on) if started_on is not None else tx.now.date()
    if tx.project_get(slug):
        raise AlreadyExists(
            Msg("A project '{slug}' already exists; choose another id or see "
                "`nybureau project show {slug}`.", slug=slug),
        )
    net = get_network(tx, network) if network else None
    spec, source = resolve(workflow)
    definition_id = tx.workflow_store(spec, source)
    first = spec.phases[0].id
    pid = tx.project_create(
        slug=slug, name=name, municipality=municipality, area=area,
        network_id=net["id"] if net else None, workflow_definition_id=definition_id,
        phase=first, phase_entered_on=started, started_on=started,
    )
    tx.transition_add(project_id=pid, from_phase=None, to_phase=first, kind="start",
                      reason=None, on_date=started)
    after = {"slug": slug, "name": name, "municipality": municipality, "area": area,
             "network": network, "workflow": spec.id, "workflow_version": spec.version,
             "workflow_hash": spec.source_hash, "phase": first, "started_on": started}
    tx.audit("project.create", "project", pid, project_id=pid,
             network_id=net["id"] if net else None, after=after)
    return tx.project_get(slug)


def list_projects(tx: Tx) -> list[dict[str, Any]]:
    return tx.project_list()


def show_project(tx: Tx, slug: str) -> dict[str, Any]:
    """Everything about one project a project leader needs to see (no special-category data)."""
    project = get_project(tx, slug)
    spec = tx.workflow_spec(project["workflow_definition_id"])
    bodies: dict[str, list[dict[str, Any]]] = {}
    for m in tx.members(project["id"]):
        bodies.setdefault(m["body"], []).append({"name": m["full_name"], "role": m["role"]})
    return {
        "project": project,
        "spec": spec,
        "bodies": bodies,
        "agents": [{"name": a["full_name"], "title": a["title"],
                    "appointed_on": a["appointed_on"]} for a in tx.agents(project["id"])],
        "decisions": tx.decisions(project["id"]),
        "activities": tx.activities(project),
        "transitions": tx.transitions(project["id"]),
    }


def _period(valid_from: date | str | None, valid_to: date | str | None
            ) -> tuple[date | None, date | None]:
    """A membership's checked period: its first and last day (None: open)."""
    start = parse_date(valid_from) if valid_from is not None else None
    end = parse_date(valid_to) if valid_to is not None else None
    if start is not None and end is not None and end < start:
        raise InvalidInput(
            Msg("The membership cannot end ({end}) before it begins ({start}); give a --to date "
                "on or after the --from date.", end=end.isoformat(), start=start.isoformat()))
    return start, end


def add_member(tx: Tx, slug: str, body: str, full_name: str, role: str | None = None, *,
               new_person: bool = False, valid_from: date | str | None = None,
               valid_to: date | str | None = None) -> dict[str, Any]:
    """Add a person to a body of a project for a period (``valid_from``: the first day, None:
    from the project's start; ``valid_to``: the last day, None: still a member). For a person
    already in the body, a new role or period changes the membership (e.g. a member leaves:
    ``valid_to``); a period not given stays as it was."""
    project = get_project(tx, slug)
    check_body(body)
    role = check_text(role, "role", MAX_NAME)
    start, end = _period(valid_from, valid_to)
    person = resolve_person(tx, full_name, new_person=new_person, project_id=project["id"])
    full_name = person["full_name"]
    existing = tx.membership_get(project["id"], body, person["id"])
    if existing:
        new_role = existing.role if role is None else role
        new_start = existing.valid_from if valid_from is None else start
        new_end = existing.valid_to if valid_to is None else end
        _period(new_start, new_end)
        if (new_role, new_start, new_end) == (existing.role, existing.valid_from,
                                              existing.valid_to):
            raise AlreadyExists(
                Msg("{full_name} is already a member of {body} in '{slug}'.", full_name=full_name,
                    body=body, slug=slug),
            )
        tx.project_touch(project)
        if new_role != existing.role:
            tx.membership_set_role(existing.id, new_role)
        if (new_start, new_end) != (existing.valid_from, existing.valid_to):
            tx.membership_set_period(existing.id, new_start, new_end)
        tx.audit("membership.update", "membership", existing.id, project_id=project["id"],
                 before={"body": body, "name": full_name, "role": existing.role,
                         "valid_from": existing.valid_from, "valid_to": existing.valid_to},
                 after={"body": body, "name": full_name, "role": new_role,
                        "valid_from": new_start, "valid_to": new_end})
        return {"body": body, "name": full_name, "role": new_role, "created": False,
                "valid_from": new_start, "valid_to": new_end,
                "role_changed": new_role != existing.role}
    tx.project_touch(project)
    mid = tx.membership_add(project["id"], body, person["id"], role, start, end)
    after: dict[str, Any] = {"body": body, "name": full_name, "role": role}
    if start is not None or end is not None:
        after.update(valid_from=start, valid_to=end)
    tx.audit("membership.add", "membership", mid, project_id=project["id"], after=after)
    return {"body": body, "name": full_name, "role": role, "created": True,
            "valid_from": start, "valid_to": end, "role_changed": False}


def add_agent(tx: Tx, slug: str, full_name: str, title: str | None = None,
              on: date | str | None = None, *, new_person: bool = False) -> dict[str, Any]:
    project = get_project(tx, slug)
    title = check_text(title, "title", MAX_NAME)
    appointed = parse_date(on) if on is not None else tx.now.date()
    person = resolve_person(tx, full_name, new_person=new_person, project_id=project["id"])
    full_name = person["full_name"]
    if tx.agent_get(project["id"], person["id"]):
        raise AlreadyExists(
            Msg("{full_name} is already a documentation agent in '{slug}'.", full_name=full_name,
                slug=slug),
        )
    tx.project_touch(project)
    aid = tx.agent_add(project["id"], person["id"], title, appointed)
    tx.audit("agent.add", "agent", aid, project_id=project["id"],
             after={"name": full_name, "title": title, "appointed_on": appointed})
    return {"name": full_name, "title": title, "appointed_on": appointed}


def remove_member(tx: Tx, slug: str, body: str, full_name: str, *, role: str | None = None,
                  email: str | None = None, new_person: bool = False) -> dict[str, Any]:
    """Take a person out of a body of a project (audited; the history keeps the membership)."""
    if role is not None or email is not None or new_person:
        raise InvalidInput(Msg("--remove takes no --role, --email or --new-person."))
    project = get_project(tx, slug)
    check_body(body)
    person = existing_person(tx, full_name)
    membership = tx.membership_get(project["id"], body, person["id"])
    if membership is None:
        members = [m["full_name"] for m in tx.members(project["id"]) if m["body"] == body]
        en = ", ".join(members) or "none"
        da = ", ".join(members) or "ingen"
        raise NotFound(
            Msg("{full_name} is not a member of the {label} of "
                "'{slug}' (its members: {en_}); nothing was removed.",
                full_name=person['full_name'], label=label(BODIES, body, 'en'), slug=slug, en_=en,
                label_2=label(BODIES, body, 'da'), da_=da))
    tx.project_touch(project)
    delete_row(tx, "membership", {"id": membership["id"]})
    tx.audit("membership.remove", "membership", membership["id"], project_id=project["id"],
             before={"body": body, "name": person["full_name"], "role": membership["role"]},
             after={"body": body, "name": person["full_name"], "removed": True})
    return {"body": body, "name": person["full_name"], "role": membership["role"]}


def remove_agent(tx: Tx, slug: str, full_name: str) -> dict[str, Any]:
    """End a person's role as documentation agent of a project (audited). What they recorded,
    attended or voted stays: those records name the person, not the role."""
    project = get_project(tx, slug)
    person = existing_person(tx, full_name)
    agent = tx.agent_get(project["id"], person["id"])
    if agent is None:
        agents = [a["full_name"] for a in tx.agents(project["id"])]
        raise NotFound(
            Msg("{full_name} is not a documentation agent of '{slug}' (its agents: "
                "{value}); nothing was removed.", full_name=person['full_name'], slug=slug,
                value=', '.join(agents) or 'none', value_2=', '.join(agents) or 'ingen'))
    tx.project_touch(project)
    delete_row(tx, "agent", {"id": agent["id"]})
    tx.audit("agent.remove", "agent", agent["id"], project_id=project["id"],
             before={"name": person["full_name"], "title": agent["title"],
                     "appointed_on": agent["appointed_on"]},
             after={"name": person["full_name"], "removed": True})
    return {"name": person["full_name"], "title": agent["title"]}
