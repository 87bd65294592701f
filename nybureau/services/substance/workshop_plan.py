"""The prioritisation workshop's plan (phase 4): when and where it is held, whom it invites and
the groups they work in. The invitees are divided into groups mixed across the governance chain
(principle 1, the whole chain): each person's part of the chain comes from their roles in the
project (a body's membership, an agent's title), or is given as ``NAME=ROLE``.

The workshop guide shows the plan: real clock times for each block, the invitation list (names
and roles, never anything else about a person) and the groups."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import CHAIN_ROLES, parse_word, words
from nybureau.domain.vocabulary import ALIASES, BODIES, WORDS
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import check_text, get_project, local_datetime, printable
from nybureau.workflow.programmes import clock, parse_clock
from nybureau.workflow.terms import terms_of

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

__all__ = ["plan_workshop", "show_workshop_plan", "parse_start", "chain_role_of",
           "mixed_groups", "MAX_GROUPS"]

MAX_GROUPS = 50
#: words for the project's documentation agents as a whole (``--invite agenter``)
AGENT_WORDS = {"agents", "agenter", "agenterne", "dokumentationsagenter",
               "dokumentationsagenterne"}

# The part of the governance chain a role's wording points to, tried in this order: a union
# representative who is also a frontline worker counts as the union's representative, a
# consultant who leads the project (projektleder) as the administration, a leader on the
# steering group as a leader.
_ROLE_WORDS: tuple[tuple[str, re.Pattern], ...] = (
    ("union_rep", re.compile(r"tillidsrepræsentant|tillidsmand|\btr\b|union rep|shop steward")),
    ("administration", re.compile(r"konsulent|forvaltning|controller|økonom|analytiker|"
                                  r"hr-|sekretariat|projektleder|consultant|administration")),
    ("leader", re.compile(r"leder\b|ledere\b|chef|direktør|ledelse|leader|manager|director")),
    ("med", re.compile(r"medarbejderrepræsentant|arbejdsmiljørepræsentant|\bamr\b|"
                       r"\bmed\b|staff representative")),
    ("frontline", re.compile(r"socialrådgiver|pædagog|medarbejder|koordinator|sygeplejerske|"
                             r"assistent|hjælper|terapeut|bostøtte|frontlinje|frontline|"
                             r"social worker|staff")),
)
# A body's members when their role says nothing of the chain.
_BODY_ROLE = {"management": "leader", "med": "med", "project_group": "administration",
              "working_group": "frontline"}


def parse_start(value: Any) -> datetime:
    """``"2017-05-03 9.00"`` (or ``09:00``, Copenhagen time) → an aware datetime."""
    text = " ".join(str(value).split()) if value is not None else ""
    m = re.match(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}[.:]\d{2})$", text)
    minutes = parse_clock(m.group(2)) if m else None
    day = None
    if m and minutes is not None:
        try:
            day = datetime.strptime(m.group(1), "%Y-%m-%d")
        except ValueError:
            day = None
    if day is None:
        raise InvalidInput(Msg("'{value}' is not a date and time: write it as \"YYYY-MM-DD "
                               "H.MM\" (Copenhagen time), e.g. \"2017-05-03 9.00\".",
                               value=printable(value)))
    return local_datetime(day.replace(hour=minutes // 60, minute=minutes % 60), "date")


def chain_role_of(roles: list[tuple[str | None, str | None]]) -> str | None:
    """The part of the governance chain a person's roles in a project point to: ``roles`` is
    (body or "agent", the role's wording) for each membership and agent appointment."""
    texts = " / ".join(r for _, r in roles if r).casefold()
    for role, pattern in _ROLE_WORDS:
        if pattern.search(texts):
            return role
    if any(b == "agent" for b, _ in roles):
        return "administration"
    for body, _ in roles:
        if body in _BODY_ROLE:
            return _BODY_ROLE[body]
    return None


def _fold(value: str) -> str:
    return "_".join(value.strip().casefold().replace("-", " ").split())


def _body(value: str) -> str | None:
    word = _fold(value)
    for key, lab in BODIES.items():
        if word in (key, _fold(lab["da"]), _fold(lab["en"]), WORDS[id(BODIES)].get(key)):
            return key
    return ALIASES[id(BODIES)].get(word)


def _project_roles(tx: Tx, project) -> dict[int, dict[str, Any]]:
    """person id → their current roles in the project: (body, wording) and the wording shown."""
    out: dict[int, dict[str, Any]] = {}
    for m in tx.members(project["id"]):
        if m.valid_to is not None:
            continue
        e = out.setdefault(m.person_id, {"name": m.full_name, "roles": [], "bodies": set()})
        e["roles"].append((m.body, m.role))
        e["bodies"].add(m.body)
    for a in tx.agents(project["id"]):
        e = out.setdefault(a.person_id, {"name": a.full_name, "roles": [], "bodies": set()})
        e["roles"].append(("agent", a.title))
        e["bodies"].add("agent")
    return out


_BODY_ORDER = {key: n for n, key in enumerate(BODIES)}


def _role_text(entry: dict[str, Any] | None) -> str | None:
    """The wording shown for a person: their role in the first of their bodies in the order of
    the bodies (management before the MED levels; a documentation agent's title last)."""
    if not entry:
        return None
    ordered = sorted(entry["roles"], key=lambda br: _BODY_ORDER.get(br[0], len(_BODY_ORDER)))
    return next((r for _, r in ordered if r), None)


def mixed_groups(invitees: list[dict[str, Any]], n: int) -> list[int]:
    """The group (1…n) of each invitee, dealt out part by part of the governance chain so each
    group gets a spread of roles and the groups differ in size by at most one."""
    order = {role: i for i, role in enumerate(CHAIN_ROLES)}
    ranked = sorted(range(len(invitees)),
                    key=lambda i: (order.get(invitees[i]["chain_role"], 99), i))
    groups = [0] * len(invitees)
    for turn, i in enumerate(ranked):
        groups[i] = turn % n + 1
    return groups


def _resolve(tx: Tx, project, names: list[str], new_person: bool) -> list[Any]:
    from nybureau.services.people import resolve_people

    return resolve_people(tx, names, new_person=new_person, what="invitee",
                          project_id=project["id"])


def _invitees(tx: Tx, project, invite: list[str], named: list[tuple[str, list[str]]],
              new_person: bool) -> list[dict[str, Any]]:
    """The invitees in the order given: bodies and the agents expanded to their current
    members, people resolved; each with their part of the chain."""
    roles = _project_roles(tx, project)
    # the agents as a whole: the usual words, and the workflow's own (its terms: koordinatorerne)
    spec_terms = tx.workflow_spec(project["workflow_definition_id"]).terms
    agent_words = AGENT_WORDS | {_fold(terms_of(spec_terms, lang)[t]) for lang in ("da", "en")
                                 for t in ("agents", "the_agents")}
    wanted: list[tuple[str, str | None, str | None]] = []  # (name, explicit role, group)
    for value, group in [(v, None) for v in invite] + [(v, g) for g, vs in named for v in vs]:
        value = value.strip()
        name, _, given = value.partition("=")
        name = name.strip()
        if not name:
            raise InvalidInput(Msg("Give a person's name or a body to invite, not '{value}'.",
                                   value=printable(value)))
        explicit = None
        if given.strip():
            explicit = parse_word(CHAIN_ROLES, given)
            if explicit is None:
                raise InvalidInput(Msg("'{chain_role}' is not a role in the governance chain; "
                                       "use one of: {words}.", chain_role=printable(given),
                                       words=words(CHAIN_ROLES)))
        body = _body(name) if not given.strip() else None
        if body is not None or _fold(name) in agent_words:
            key = body or "agent"
            people = sorted((e["name"] for e in roles.values() if key in e["bodies"]))
            if not people:
                raise InvalidInput(Msg("{body} has no current members in project {project}; "
                                       "invite its people by name.",
                                       body=BODIES[key]["en"] if body else
                                       terms_of(spec_terms, "en")["The_agents"],
                                       body_da=BODIES[key]["da"] if body else
                                       terms_of(spec_terms, "da")["The_agents"],
                                       project=project["slug"]))
            wanted.extend((p, None, group) for p in people)
        else:
            wanted.append((name, explicit, group))
    people = _resolve(tx, project, [w[0] for w in wanted], new_person)
    out: dict[int, dict[str, Any]] = {}
    for (_, explicit, group), person in zip(wanted, people):
        pid = person.id
        entry = roles.get(pid)
        role = explicit or (out[pid]["chain_role"] if pid in out else None) or (
            chain_role_of(entry["roles"]) if entry else None)
        if role is None:
            raise InvalidInput(Msg(
                "{name}'s part of the governance chain cannot be told from their roles in "
                "project {project}; write it after the name, e.g. --invite \"{name}=frontline\" "
                "({words}).", name=person.full_name, project=project["slug"],
                words=words(CHAIN_ROLES)))
        if pid in out:
            if group is not None and out[pid]["group_name"] not in (None, group):
                raise InvalidInput(Msg("{name} is in two groups ({group} and {group_2}); put "
                                       "each person in one group.", name=person.full_name,
                                       group=out[pid]["group_name"], group_2=group))
            out[pid]["group_name"] = out[pid]["group_name"] or group
            out[pid]["chain_role"] = explicit or out[pid]["chain_role"]
            continue
        out[pid] = {"person_id": pid, "name": person.full_name, "chain_role": role,
                    "group_name": group}
    return list(out.values())


def _named_groups(groups: list[str]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for g in groups:
        name, sep, members = g.partition(":")
        name = " ".join(name.split())
        people = [p.strip() for p in members.split(",") if p.strip()]
        if not sep or not name or not people:
            raise InvalidInput(Msg("Write a group as \"NAME: person, person, …\", e.g. --group "
                                   "\"Gruppe 1: Pia Lund, Ole Berg\"; not '{value}'.",
                                   value=printable(g)))
        if any(name == n for n, _ in out):
            raise InvalidInput(Msg("The group '{name}' is given twice.", name=name))
        out.append((check_text(name, "group", 100) or name, people))
    return out


def plan_workshop(tx: Tx, slug: str, *, starts: Any = None, place: str | None = None,
                  invite: list[str] | tuple[str, ...] = (), groups: int | None = None,
                  named_groups: list[str] | tuple[str, ...] = (), new_person: bool = False
                  ) -> dict[str, Any]:
    """Plan the project's workshop, or change its plan: what is given replaces what the plan
    had (the invitation list as a whole); the groups are dealt out again whenever the
    invitees or their number change."""
    project = get_project(tx, slug)
    if groups is not None and named_groups:
        raise InvalidInput(Msg("Give either --groups (a number of mixed groups) or --group "
                               "(named groups), not both."))
    if groups is not None and (isinstance(groups, bool) or not 1 <= groups <= MAX_GROUPS):
        raise InvalidInput(Msg("--groups must be a number from 1 to {most}.", most=MAX_GROUPS))
    named = _named_groups(list(named_groups))
    current = tx.workshop_plan_get(project["id"])
    if current is None and starts is None:
        raise InvalidInput(Msg("Project {project} has no workshop plan yet; give at least "
                               "--date \"YYYY-MM-DD H.MM\".", project=project["slug"]))
    values: dict[str, Any] = {}
    if starts is not None:
        # stored in UTC like every timestamp (SQLite keeps the wall clock without its offset)
        values["starts_at"] = parse_start(starts).astimezone(timezone.utc)
    if place is not None:
        values["place"] = check_text(place, "place", 300)
    before = show_workshop_plan(tx, slug) if current is not None else None
    old = [] if current is None else [
        {"person_id": i.person_id, "name": i.full_name, "chain_role": i.chain_role,
         "group_name": i.group_name} for i in tx.workshop_invitees(current.id)]
    people = _invitees(tx, project, list(invite), named, new_person) \
        if invite or named else old
    count = groups if groups is not None else (None if named else
                                               current.group_count if current else None)
    if named:
        count = None
    if count is not None and people and count > len(people):
        raise InvalidInput(Msg("{n} groups is more groups than there are invitees ({m}).",
                               n=count, m=len(people)))
    if named:
        names = [n for n, _ in named]
        placed = [names.index(p["group_name"]) + 1 if p["group_name"] else None
                  for p in people]
    elif count:
        placed = mixed_groups(people, count)
    else:
        placed = [None] * len(people)
    values["group_count"] = count
    tx.project_touch(project)
    plan_id = tx.workshop_plan_save(project["id"], **values)
    rows = [{"person_id": p["person_id"], "chain_role": p["chain_role"], "group_no": g,
             "group_name": p["group_name"] if named else None}
            for p, g in zip(people, placed)]
    tx.workshop_invitees_set(plan_id, rows)
    after = show_workshop_plan(tx, slug)
    tx.audit("workshop.plan", "workshop_plan", plan_id, project_id=project["id"],
             before=_payload(before) if before else None, after=_payload(after))
    return after


def _payload(plan: dict[str, Any]) -> dict[str, Any]:
    return {"starts_at": plan["starts_at"].isoformat(), "place": plan["place"],
            "groups": plan["group_count"],
            "invitees": [{"name": i["name"], "chain_role": i["chain_role"],
                          "group": i["group"]} for i in plan["invitees"]]}


def show_workshop_plan(tx: Tx, slug: str) -> dict[str, Any] | None:
    """The project's workshop plan: start, place, the invitees (name, their role in the
    project, their part of the chain, their group) and the groups; None without a plan."""
    from nybureau.services.meetings import aware

    project = get_project(tx, slug)
    plan = tx.workshop_plan_get(project["id"])
    if plan is None:
        return None
    roles = _project_roles(tx, project)
    invitees = []
    for i in tx.workshop_invitees(plan.id):
        group = i.group_name or (f"{i.group_no}" if i.group_no else None)
        invitees.append({"person_id": i.person_id, "name": i.full_name,
                         "role": _role_text(roles.get(i.person_id)),
                         "chain_role": i.chain_role, "group_no": i.group_no,
                         "group_name": i.group_name, "group": group})
    by_group: dict[int, dict[str, Any]] = {}
    for i in invitees:
        if i["group_no"]:
            g = by_group.setdefault(i["group_no"], {"number": i["group_no"],
                                                    "name": i["group_name"], "members": []})
            g["members"].append(i)
    starts = aware(plan.starts_at)
    return {"id": plan.id, "project": project["slug"], "starts_at": starts,
            "time": clock(starts.hour * 60 + starts.minute), "place": plan.place,
            "group_count": plan.group_count, "invitees": invitees,
            "groups": [by_group[k] for k in sorted(by_group)]}
