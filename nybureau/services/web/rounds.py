"""The workshop's voting rounds on the web: the facilitator opens a round, participants join it
from their phones with a short code, choose their role in the governance chain and vote on the
mapped governance items; the facilitator's screen shows the round's tally.

* **Opening** (:func:`open_round`) is for the project's facilitators (its project leader or a
  documentation agent: :attr:`Access.facilitates`). A round gets a short code of
  :data:`CODE_LENGTH` characters from :data:`CODE_ALPHABET` (no 0/O, 1/I/l, so it can be read
  off a screen and typed), ``voted_on`` the day it is opened (Copenhagen) and closes by itself
  :data:`ROUND_HOURS` hours later unless the facilitator closes it sooner.
* **Joining** (:func:`join`) makes one anonymous voter per browser, labelled "Deltager N". The
  label is what the votes are recorded under, so the register, the voting sheet, the tally and
  every document show no names, only roles. The number counts on from the highest label
  already in the database, so each anonymous participant is a person of their own (votes are
  per participant and item; ``person export|forget`` finds them like any participant).
* **Voting** (:func:`vote`) goes through :func:`services.substance.record_vote` exactly as
  ``workshop vote`` does, on the round's ``voted_on``, with the definition's verdicts and point
  rule; a second vote on the same item and a vote in a closed or expired round are refused.
* **The tally** (:func:`round_view`) counts only this round's votes (the votes of its
  participants), so the screen shows what the room has voted; ``workshop tally`` and the
  prioritisation proposal count every vote of the project, earlier workshops included.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from nybureau.domain.substance import (
    CHAIN_ROLES,
    VERDICTS,
    max_points,
    parse_word,
    point_rule,
)
from nybureau.errors import AlreadyExists, Denied, InvalidInput, NotFound
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.services.web.sessions import Viewer

#: the characters of a round's code: no 0/O, no 1/I/L, nothing that reads as another
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
#: how long a round stays open unless the facilitator closes it sooner
ROUND_HOURS = 3
MAX_ROUND_HOURS = 12
#: the most participants one round takes (a room's worth, many times over): a bound on what a
#: script that joins over and over can create
MAX_VOTERS = 500
#: the anonymous participants' labels
LABEL = "Deltager {n}"
_LABEL = re.compile(r"^Deltager (\d{1,9})$")


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _shown(rnd: Any) -> Any:
    """The round as a page shows it: its times in Copenhagen time (stored in UTC; SQLite hands
    them back without their offset)."""
    from dataclasses import replace

    from nybureau.services.meetings import aware

    return replace(rnd, **{name: aware(getattr(rnd, name))
                           for name in ("opened_at", "closes_at", "closed_at")
                           if getattr(rnd, name) is not None})


def state(rnd: Any, now: datetime) -> str:
    """``open``, ``closed`` (by the facilitator) or ``expired`` (its time ran out)."""
    if rnd.closed_at is not None:
        return "closed"
    if _aware(rnd.closes_at) <= _aware(now):
        return "expired"
    return "open"


def normalise_code(code: str) -> str:
    """The code as stored: upper case, without spaces or dashes (as typed from a screen)."""
    return "".join(ch for ch in str(code or "").upper() if ch not in " -")


def new_code(tx: Tx) -> str:
    """A fresh code no round has."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if tx.round_by_code(code) is None:
            return code


def _project(tx: Tx, slug: str) -> Any:
    from nybureau.services.common import get_project

    return get_project(tx, slug)


def require_facilitator(tx: Tx, viewer: Viewer | None, project: Any) -> Any:
    """The viewer's access to the project when they facilitate its workshop; else Denied."""
    from nybureau.services.web.access import require_project

    access = require_project(tx, viewer, project)
    if not access.facilitates:
        raise Denied(Msg("Only the project leader or a documentation agent of “{name}” can run "
                         "the workshop's voting.", name=project.name))
    return access


def _round_of(tx: Tx, project: Any, round_id: int) -> Any:
    rnd = tx.round_get(round_id)
    if rnd is None or rnd.project_id != project.id:
        raise NotFound(Msg("There is no voting round {id} in the project “{name}”.",
                           id=round_id, name=project.name))
    return rnd


def open_round(tx: Tx, viewer: Viewer | None, slug: str, *, title: str | None = None,
               hours: int = ROUND_HOURS) -> dict[str, Any]:
    """Open a voting round for the project's workshop; its id, code and closing time."""
    from nybureau.services.common import copenhagen_today

    project = _project(tx, slug)
    require_facilitator(tx, viewer, project)
    if not tx.gov_items(project.id):
        raise InvalidInput(Msg("“{name}” has no governance items to vote on yet: map them "
                               "first (`nybureau item add`), then open the voting.",
                               name=project.name))
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= MAX_ROUND_HOURS:
        raise InvalidInput(Msg("A voting round stays open from 1 to {most} hours, not {hours}.",
                               most=MAX_ROUND_HOURS, hours=hours))
    title = " ".join(str(title or "").split()) or None
    if title is not None and len(title) > 300:
        raise InvalidInput(Msg("The round's title is too long: at most 300 characters."))
    code = new_code(tx)
    closes_at = tx.now + timedelta(hours=hours)
    voted_on = copenhagen_today(tx)
    rid = tx.round_add(project_id=project.id, code=code, title=title, voted_on=voted_on,
                       opened_by=viewer.person_id, closes_at=closes_at)
    tx.audit("workshop.round_open", "workshop_round", rid, project_id=project.id,
             after={"code": code, "title": title, "voted_on": voted_on,
                    "closes_at": closes_at})
    return {"id": rid, "code": code, "voted_on": voted_on, "closes_at": closes_at}


def close_round(tx: Tx, viewer: Viewer | None, slug: str, round_id: int) -> dict[str, Any]:
    """Close a round before its time: no more votes; how many were cast in it."""
    project = _project(tx, slug)
    require_facilitator(tx, viewer, project)
    rnd = _round_of(tx, project, round_id)
    if rnd.closed_at is not None:
        raise InvalidInput(Msg("The voting round {code} is already closed.", code=rnd.code))
    labels = [v.label for v in tx.voter_list(rnd.id)]
    votes = tx.votes_by(project.id, labels)
    tx.round_update(rnd.id, closed_at=tx.now)
    tx.audit("workshop.round_close", "workshop_round", rnd.id, project_id=project.id,
             after={"code": rnd.code, "votes": len(votes),
                    "participants": len({v["participant"] for v in votes})})
    return {"id": rnd.id, "code": rnd.code, "votes": len(votes)}


def round_by_code(tx: Tx, code: str) -> Any:
    """The round joined with ``code``; NotFound with what to do."""
    rnd = tx.round_by_code(normalise_code(code)) if code else None
    if rnd is None:
        raise NotFound(Msg("No workshop has the code {code}. Check the address on the "
                           "facilitator's screen.", code=str(code or "")[:16]))
    return rnd


def _require_open(tx: Tx, rnd: Any) -> None:
    if state(rnd, tx.now) != "open":
        raise Denied(Msg("The voting round {code} is closed: votes can no longer be cast. Ask "
                         "the facilitator if a new round is opened.", code=rnd.code))


def _next_label(tx: Tx, project: Any) -> str:
    """"Deltager N", N one more than the highest such label in the database (persons) and in
    the project's rounds, so every anonymous participant is a person of their own."""
    highest = 0
    names = tx.person_names_like(LABEL.split("{", 1)[0]) + tx.voter_labels(project.id)
    for name in names:
        found = _LABEL.match(name)
        if found:
            highest = max(highest, int(found.group(1)))
    return LABEL.format(n=highest + 1)


def join(tx: Tx, code: str, *, viewer: Viewer | None = None, lang: str = "da"
         ) -> tuple[str | None, Any]:
    """Join a round: a new anonymous voter and their session's cookie. A browser that already
    has a voter of this round keeps it (cookie None). A signed-in person's browser gets the
    voter's cookie instead of theirs, so it is signed out there; their session is deliberately
    not revoked in this transaction: a revocation stamped with the moment the voter joined
    would tie the anonymous voter to the person in the database (the session's cookie is
    gone from the browser, and the session expires as every session does)."""
    from nybureau.services.people.identity import resolve_person
    from nybureau.services.web.sessions import voter_session

    rnd = round_by_code(tx, code)
    _require_open(tx, rnd)
    if viewer is not None and viewer.round_id == rnd.id:
        return None, tx.voter_get(viewer.voter_id)
    project = _project_of_round(tx, rnd)
    if len(tx.voter_list(rnd.id)) >= MAX_VOTERS:
        raise Denied(Msg("The voting round {code} is full: it takes at most {most} "
                         "participants. Ask the facilitator to open another round.",
                         code=rnd.code, most=MAX_VOTERS))
    label = _next_label(tx, project)
    # the participant is a person (as every vote's participant is), registered on joining
    resolve_person(tx, label, new_person=True, project_id=project.id)
    vid = tx.voter_add(round_id=rnd.id, label=label)
    remaining = (_aware(rnd.closes_at) - _aware(tx.now)).total_seconds() / 3600
    cookie = voter_session(tx, vid, lang=lang, hours=max(1, min(10, int(remaining) + 1)))
    return cookie, tx.voter_get(vid)


def _project_of_round(tx: Tx, rnd: Any) -> Any:
    project = tx.round_project(rnd.id)
    if project is None:
        raise NotFound(Msg("The workshop's project no longer exists."))
    return project


def require_voter(tx: Tx, viewer: Viewer | None, code: str) -> tuple[Any, Any, Any]:
    """The round, its project and the viewer's voter, when the viewer joined this round."""
    rnd = round_by_code(tx, code)
    voter = (tx.voter_get(viewer.voter_id)
             if viewer is not None and viewer.voter_id is not None else None)
    if voter is None or voter.round_id != rnd.id:
        raise Denied(Msg("Join the workshop first: open the address shown on the "
                         "facilitator's screen and press “Join”."))
    return rnd, _project_of_round(tx, rnd), voter


def choose_role(tx: Tx, viewer: Viewer | None, code: str, chain_role: str | None) -> str:
    """Record the voter's role in the governance chain (before their first vote)."""
    rnd, project, voter = require_voter(tx, viewer, code)
    _require_open(tx, rnd)
    role = parse_word(CHAIN_ROLES, chain_role or "")
    if role is None:
        raise InvalidInput(Msg("Choose your role in the governance chain."))
    if role != voter.chain_role and tx.votes_by(project.id, [voter.label]):
        raise InvalidInput(Msg("You have already voted as {role}; the role your votes are "
                               "counted under cannot be changed now.",
                               role=CHAIN_ROLES[voter.chain_role]["en"],
                               role_da=CHAIN_ROLES[voter.chain_role]["da"]))
    tx.voter_update(voter.id, chain_role=role)
    return role


def _points(value: Any, most: int) -> int:
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) > most:
        raise InvalidInput(Msg("Choose the points: a whole number from 0 to {most}.", most=most))
    return int(text)


def vote(tx: Tx, viewer: Viewer | None, code: str, item_id: int, *, verdict: str | None,
         points: Any) -> dict[str, Any]:
    """The voter's verdict and points on one item, recorded as ``workshop vote`` records it."""
    from nybureau.services.substance import record_vote
    from nybureau.services.substance.workshop import verdicts_for

    rnd, project, voter = require_voter(tx, viewer, code)
    _require_open(tx, rnd)
    if voter.chain_role is None:
        raise InvalidInput(Msg("Choose your role in the governance chain before you vote."))
    item = tx.gov_item_get(project.id, item_id)
    if item is None:
        raise NotFound(Msg("The workshop has no such governance item."))
    if tx.vote_get(item.id, voter.label) is not None:
        raise AlreadyExists(Msg("You have already voted on “{title}”. A vote cannot be "
                                "changed here; ask the facilitator if it must be.",
                                title=item.title))
    spec = tx.workflow_spec(project.workflow_definition_id)
    allowed = verdicts_for(spec)
    if not verdict or parse_word(allowed, verdict) is None:
        raise InvalidInput(Msg("Choose what should happen to “{title}”: {verdicts}.",
                               title=item.title,
                               verdicts=", ".join(v["en"] for v in allowed.values()),
                               verdicts_da=", ".join(v["da"] for v in allowed.values())))
    count = _points(points, max_points(spec.options))
    return record_vote(tx, project.slug, participant=voter.label, chain_role=voter.chain_role,
                       item=item.id, verdict=verdict, points=count, on=rnd.voted_on,
                       new_person=True)


def ballot(tx: Tx, viewer: Viewer | None, code: str) -> dict[str, Any]:
    """What a participant's phone shows: the round, the items, the verdicts and the point rule,
    and what this participant has already voted."""
    from nybureau.services.substance.workshop import verdicts_for

    rnd, project, voter = require_voter(tx, viewer, code)
    spec = tx.workflow_spec(project.workflow_definition_id)
    mine = {v["item_id"]: v for v in tx.votes_by(project.id, [voter.label])}
    items = [{"id": i.id, "title": i.title, "kind": i.kind, "description": i.description,
              "vote": mine.get(i.id)} for i in tx.gov_items(project.id)]
    return {"round": _shown(rnd), "state": state(rnd, tx.now), "project": project, "voter": voter,
            "chain_roles": CHAIN_ROLES, "verdicts": verdicts_for(spec),
            "max_points": max_points(spec.options), "point_rule": point_rule(spec.options),
            "items": items, "voted": len(mine)}


def round_view(tx: Tx, viewer: Viewer | None, slug: str, round_id: int) -> dict[str, Any]:
    """The facilitator's screen: the round, who has joined and voted (counts and roles, never
    names), and the tally of this round's votes."""
    from nybureau.services.substance import tally

    project = _project(tx, slug)
    require_facilitator(tx, viewer, project)
    rnd = _round_of(tx, project, round_id)
    voters = tx.voter_list(rnd.id)
    labels = [v.label for v in voters]
    result = tally(tx, project.slug, participants=labels)
    voted = {v["participant"] for v in tx.votes_by(project.id, labels)}
    roles = {r: 0 for r in CHAIN_ROLES}
    for v in voters:
        if v.chain_role in roles:
            roles[v.chain_role] += 1
    return {"round": _shown(rnd), "state": state(rnd, tx.now), "project": project,
            "joined": len(voters), "voted": len(voted), "roles": roles,
            "tally": result, "chain_roles": CHAIN_ROLES, "verdicts_all": VERDICTS}


def round_list(tx: Tx, viewer: Viewer | None, slug: str) -> dict[str, Any]:
    """The facilitator's workshop page: the project's rounds, newest first."""
    project = _project(tx, slug)
    require_facilitator(tx, viewer, project)
    out = []
    for rnd in reversed(tx.round_list(project.id)):
        out.append({"round": _shown(rnd), "state": state(rnd, tx.now),
                    "joined": len(tx.voter_list(rnd.id))})
    return {"project": project, "rounds": out, "items": len(tx.gov_items(project.id)),
            "hours": ROUND_HOURS, "max_hours": MAX_ROUND_HOURS}


__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "MAX_VOTERS", "ROUND_HOURS", "ballot", "choose_role",
           "close_round", "join", "normalise_code", "open_round", "require_facilitator",
           "require_voter", "round_by_code", "round_list", "round_view", "state", "vote"]
