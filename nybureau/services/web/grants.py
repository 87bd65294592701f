"""Roles on the web granted by hand (``nybureau web grant``): a person is project leader,
secretary or reader of one project, or of every project of a network. A body's members need no
grant (their membership makes them members on the web), nor does a project's documentation
agent. Each grant and revocation is one audit event (``web.grant``, ``web.revoke``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.web.access import ROLES

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

ENTITY = "web_grant"

#: the roles in words, for lists and pages
ROLE_WORDS = {
    "leader": {"da": "projektleder", "en": "project leader"},
    "secretary": {"da": "sekretær", "en": "secretary"},
    "reader": {"da": "læser", "en": "reader"},
}


def _role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(Msg("Unknown role '{role}' on the web. Use one of: {roles}.",
                               role=role, roles=", ".join(ROLES)))
    return role


def _scope(tx: Tx, project: str | None, network: str | None) -> tuple[Any, Any]:
    from nybureau.services.common import get_network, get_project

    if (project is None) == (network is None):
        raise InvalidInput(Msg("Give either --project SLUG or --network SLUG (one of them)."))
    if project is not None:
        return get_project(tx, project), None
    return None, get_network(tx, network)


def _row(tx: Tx, g: Any) -> dict[str, Any]:
    person = tx.person_by_id(g.person_id)
    project = next((p for p in tx.project_list() if p.id == g.project_id), None) \
        if g.project_id is not None else None
    network = tx.network_by_id(g.network_id) if g.network_id is not None else None
    return {"id": g.id, "person": person.full_name if person else None,
            "person_id": g.person_id, "role": g.role,
            "project": project.slug if project else None,
            "network": network.slug if network else None,
            "where": project.name if project else (network.name if network else None),
            "created_at": g.created_at}


def grant(tx: Tx, person_name: str, role: str, *, project: str | None = None,
          network: str | None = None) -> dict[str, Any]:
    """Grant ``role`` to the person for the project (or the network); the grant as data.
    Refused: an unknown person, project, network or role; the same grant twice."""
    from nybureau.services.people.identity import find_person

    role = _role(role)
    person = find_person(tx, person_name)
    proj, net = _scope(tx, project, network)
    existing = [g for g in tx.grant_list(person_id=person["id"]) if g.role == role
                and g.project_id == (proj.id if proj else None)
                and g.network_id == (net.id if net else None)]
    where = proj.name if proj else net.name
    if existing:
        raise AlreadyExists(Msg("{name} is already {role} of {where} on the web.",
                                name=person["full_name"], role=ROLE_WORDS[role]["en"],
                                role_da=ROLE_WORDS[role]["da"], where=where))
    gid = tx.grant_add(person_id=person["id"], project_id=proj.id if proj else None,
                       network_id=net.id if net else None, role=role)
    tx.audit("web.grant", ENTITY, gid, project_id=proj.id if proj else None,
             network_id=net.id if net else None,
             after={"person": person["full_name"], "role": role,
                    "project": proj.slug if proj else None,
                    "network": net.slug if net else None, "where": where})
    return _row(tx, next(g for g in tx.grant_list(person_id=person["id"]) if g.id == gid))


def revoke(tx: Tx, person_name: str, role: str, *, project: str | None = None,
           network: str | None = None) -> dict[str, Any]:
    """Take the grant back; the grant that was. Refused when there is no such grant. The
    person's sessions stay, but what they may see is read anew on every request."""
    from nybureau.services.people.identity import find_person

    role = _role(role)
    person = find_person(tx, person_name)
    proj, net = _scope(tx, project, network)
    found = [g for g in tx.grant_list(person_id=person["id"]) if g.role == role
             and g.project_id == (proj.id if proj else None)
             and g.network_id == (net.id if net else None)]
    where = proj.name if proj else net.name
    if not found:
        raise NotFound(Msg("{name} is not {role} of {where} on the web. See the grants with "
                           "`nybureau web grants`.", name=person["full_name"],
                           role=ROLE_WORDS[role]["en"], role_da=ROLE_WORDS[role]["da"],
                           where=where))
    row = _row(tx, found[0])
    tx.grant_delete(found[0].id)
    tx.audit("web.revoke", ENTITY, found[0].id, project_id=proj.id if proj else None,
             network_id=net.id if net else None,
             before={"person": person["full_name"], "role": role,
                     "project": proj.slug if proj else None,
                     "network": net.slug if net else None, "where": where})
    return row


def grants(tx: Tx, project: str | None = None) -> list[dict[str, Any]]:
    """Every grant (or those that reach ``project``: its own and its network's), as data."""
    from nybureau.services.common import get_project

    rows = tx.grant_list()
    if project is not None:
        proj = get_project(tx, project)
        rows = [g for g in rows if g.project_id == proj.id
                or (g.network_id is not None and g.network_id == proj.network_id)]
    return [_row(tx, g) for g in rows]


def roles_of(tx: Tx, person_id: int) -> list[dict[str, Any]]:
    """What a person is on the web, project by project: grants, memberships of bodies (an
    ended one with its last day, ``until``: it still reads the meetings of its time) and agent
    roles — for their account page."""
    from datetime import date

    from nybureau.services.web.access import member_on

    today = date.today()
    out = []
    for g in tx.grant_list(person_id=person_id):
        if g.network_id is not None and g.project_id is None:
            net = tx.network_by_id(g.network_id)
            out.append({"kind": "grant", "role": g.role, "project": None,
                        "network": net.name if net else None, "body": None})
    for project in tx.project_list():
        for m in tx.members(project.id):
            if m.person_id == person_id:  # an ended membership still reads its meetings
                out.append({"kind": "member", "role": m.role, "project": project.name,
                            "slug": project.slug, "network": None, "body": m.body,
                            "until": None if member_on(m, today) else m.valid_to})
        for g in tx.grant_list(person_id=person_id, project_id=project.id):
            out.append({"kind": "grant", "role": g.role, "project": project.name,
                        "slug": project.slug, "network": None, "body": None})
        if any(a.person_id == person_id for a in tx.agents(project.id)):
            out.append({"kind": "agent", "role": None, "project": project.name,
                        "slug": project.slug, "network": None, "body": None})
    return out


__all__ = ["grant", "revoke", "grants", "roles_of", "ROLE_WORDS"]
