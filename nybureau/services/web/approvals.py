"""Members approving a meeting's minutes on the web (*Godkend referat*).

Each member of the meeting's body approves once, with the moment it was done
(``minutes_approval``; audit ``minutes.member_approve``). When the body's rule
(``body_deadline.minutes_rule``, set with ``nybureau body approval``) is met, the minutes are
approved through :func:`nybureau.services.meetings.approve_minutes` in the same transaction —
exactly as ``nybureau meeting approve`` does, so the history and the gate option
``gate_decisions_from_approved_minutes`` behave as from the command line.

The rules:

* ``all`` (the default): every member of the body who took part in the meeting (its
  attendance: the members listed as participants, not those who sent apologies); when no
  member of the body is on the meeting's list, every member of the body on the meeting's day;
* ``chair``: the chair alone — the member whose role names them *formand* (a *næstformand* is
  not the chair).

Any member of the body on the meeting's day may approve (one who sent apologies too: it is
recorded and shown), but only the approvals the rule asks for count.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from nybureau.domain.vocabulary import BODIES, label
from nybureau.errors import AlreadyExists, Denied, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.web.access import member_on

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx
    from nybureau.services.web.sessions import Viewer

RULES = ("all", "chair")
DEFAULT_RULE = "all"
_WORDS = re.compile(r"[\s,;:/()]+")  # a hyphen joins: "vice-chair" is not the chair


def is_chair(role: str | None) -> bool:
    """Whether a role names the chair: the word *formand* (or *chair*) on its own —
    »Formand, Socialchef« is, »Næstformand, Tillidsrepræsentant« is not."""
    words = {w for w in _WORDS.split((role or "").lower()) if w}
    return bool(words & {"formand", "forkvinde", "chair", "chairman", "chairperson"})


def meeting_day(meeting: Any) -> date:
    """The meeting's day in Copenhagen."""
    from nybureau.services.meetings import aware

    return aware(meeting.starts_at).date()


def body_members(tx: Tx, meeting: Any) -> list[Any]:
    """The members of the meeting's body on its day (one entry per person)."""
    if meeting.project_id is None:
        return []
    day = meeting_day(meeting)
    seen: dict[int, Any] = {}
    for m in tx.members(meeting.project_id):
        if m.body == meeting.body and member_on(m, day) and m.person_id not in seen:
            seen[m.person_id] = m
    return list(seen.values())


def minutes_rule(tx: Tx, meeting: Any) -> str:
    """The body's rule for approving its minutes on the web: ``all`` or ``chair``."""
    row = tx.deadline_get(meeting.body, project_id=meeting.project_id) \
        if meeting.project_id is not None else None
    rule = row.minutes_rule if row is not None else None
    return rule if rule in RULES else DEFAULT_RULE


def required(tx: Tx, meeting: Any, rule: str | None = None,
             members: list[Any] | None = None) -> list[Any]:
    """The members whose approvals the rule asks for (Member records); ``members``: the body's
    members on the day, if already read."""
    rule = rule or minutes_rule(tx, meeting)
    members = body_members(tx, meeting) if members is None else members
    if rule == "chair":
        return [m for m in members if is_chair(m.role)][:1]
    listed = {p.person_id: p.attendance for p in tx.meeting_people(meeting.id)}
    present = [m for m in members if listed.get(m.person_id) == "participant"]
    if present:
        return present
    if any(m.person_id in listed for m in members):
        return []  # every member sent apologies: nobody attended to approve
    return members


def _meeting(tx: Tx, meeting_id: Any) -> Any:
    from nybureau.services.meetings import get_meeting_row

    return get_meeting_row(tx, meeting_id)


def approval_state(tx: Tx, meeting_id: Any, viewer: Viewer | None = None) -> dict[str, Any]:
    """Who has approved the minutes (name, moment), whose approvals are still missing, the rule,
    whether it is met, and whether ``viewer`` may approve now (``refusal``: why not)."""
    from nybureau.services.meetings import aware

    meeting = _meeting(tx, meeting_id)
    rule = minutes_rule(tx, meeting)
    members = body_members(tx, meeting)
    needed = required(tx, meeting, rule, members)
    approvals = tx.approval_list(meeting.id)
    done = {a.person_id for a in approvals}
    names = {m.person_id: m.full_name for m in members}
    shown = []
    for a in approvals:
        person = names.get(a.person_id)
        if person is None:
            found = tx.person_by_id(a.person_id)
            person = found.full_name if found is not None else None
        shown.append({"person_id": a.person_id, "name": person, "at": aware(a.approved_at),
                      "counts": any(m.person_id == a.person_id for m in needed)})
    refusal = None
    try:
        _check(tx, viewer, meeting, approvals, members)
    except (Denied, InvalidInput, AlreadyExists) as exc:
        refusal = exc.msg
    return {
        "meeting": meeting.id, "status": meeting.status, "rule": rule,
        "approvals": shown,
        "missing": [{"person_id": m.person_id, "name": m.full_name, "role": m.role}
                    for m in needed if m.person_id not in done],
        "required": len(needed),
        "met": bool(needed) and all(m.person_id in done for m in needed),
        "no_chair": rule == "chair" and not needed,
        "may_approve": refusal is None,
        "refusal": refusal,
        "approved_on": meeting.approved_on,
    }


def _check(tx: Tx, viewer: Viewer | None, meeting: Any, approvals: list[Any],
           members: list[Any] | None = None) -> None:
    """Refuse an approval that may not be given (Denied, InvalidInput, AlreadyExists)."""
    from nybureau.rendering.dates import short_date
    from nybureau.services.web.access import require_person

    require_person(viewer)
    if meeting.status == "cancelled":
        day = meeting_day(meeting)
        raise InvalidInput(Msg("The meeting of {day} was cancelled; it has no minutes to "
                               "approve.", day=short_date(day, "en"),
                               day_da=short_date(day, "da")))
    if meeting.status == "approved":
        day = meeting.approved_on
        raise AlreadyExists(Msg("These minutes were approved on {day}; there is nothing more "
                                "to approve.", day=short_date(day, "en"),
                                day_da=short_date(day, "da")))
    if meeting.status != "held":
        raise InvalidInput(Msg("No outcomes have been recorded for this meeting yet, so there "
                               "are no minutes to approve. The secretary records them first."))
    members = body_members(tx, meeting) if members is None else members
    if not any(m.person_id == viewer.person_id for m in members):
        raise Denied(Msg("Only the members of {body} approve its minutes; you were not a "
                         "member on the day of the meeting.",
                         body=_in_sentence(meeting.body, "en"),
                         body_da=_in_sentence(meeting.body, "da")))
    if any(a.person_id == viewer.person_id for a in approvals):
        raise AlreadyExists(Msg("You have already approved these minutes."))


def _in_sentence(body: str, lang: str) -> str:
    """A body's name inside a sentence: 'styregruppen', 'MED-udvalget', 'the steering group'."""
    word = label(BODIES, body, lang)
    if len(word) > 1 and word[1].islower():
        word = word[0].lower() + word[1:]
    return word if lang == "da" else f"the {word}"


def approve(tx: Tx, viewer: Viewer | None, meeting_id: Any) -> dict[str, Any]:
    """Record the viewer's approval of the meeting's minutes (audit
    ``minutes.member_approve``); when the body's rule is then met, approve the minutes through
    the meetings service (audit ``meeting.approve``) in the same transaction. Returns
    :func:`approval_state` after it, with ``approved`` (whether the minutes became approved)."""
    from nybureau.services.common import copenhagen_today
    from nybureau.services.meetings import approve_minutes

    meeting = _meeting(tx, meeting_id)
    _check(tx, viewer, meeting, tx.approval_list(meeting.id))
    approval_id = tx.approval_add(meeting.id, viewer.person_id)
    rule = minutes_rule(tx, meeting)
    needed = required(tx, meeting, rule)
    done = {a.person_id for a in tx.approval_list(meeting.id)}
    met = bool(needed) and all(m.person_id in done for m in needed)
    tx.audit("minutes.member_approve", "minutes_approval", approval_id,
             project_id=meeting.project_id, network_id=meeting.network_id,
             after={"meeting": meeting.id, "person": viewer.name, "rule": rule,
                    "approvals": len([m for m in needed if m.person_id in done]),
                    "required": len(needed), "met": met})
    approved = False
    if met:
        approve_minutes(tx, meeting.id, on=copenhagen_today(tx))
        approved = True
    state = approval_state(tx, meeting.id, viewer)
    state["approved"] = approved
    return state


def set_rule(tx: Tx, slug: str, body: str, rule: str) -> dict[str, Any]:
    """Set who approves the minutes of a project's body on the web: ``all`` (every member
    present) or ``chair`` (the chair alone). One audit event ``body.minutes_rule``."""
    from nybureau.services.common import get_project
    from nybureau.services.meetings.deadlines import check_body

    project = get_project(tx, slug)
    check_body(body)
    if rule not in RULES:
        raise InvalidInput(Msg("The rule is 'all' (every member who took part approves) or "
                               "'chair' (the chair alone); you gave '{rule}'.", rule=rule))
    row = tx.deadline_get(body, project_id=project.id)
    before = (row.minutes_rule if row is not None else None) or DEFAULT_RULE
    row_id = tx.deadline_set(body, project_id=project.id, minutes_rule=rule)
    tx.project_touch(project)
    tx.audit("body.minutes_rule", "body_deadline", row_id, project_id=project.id,
             before={"body": body, "minutes_rule": before},
             after={"body": body, "minutes_rule": rule})
    return {"project": project.slug, "body": body, "rule": rule}


def rules_of(tx: Tx, slug: str) -> list[dict[str, Any]]:
    """Each body of the project with members, and its rule (``default``: not set)."""
    from nybureau.services.common import get_project

    project = get_project(tx, slug)
    settings = {d.body: d.minutes_rule for d in tx.deadline_list(project_id=project.id)}
    bodies = {m.body for m in tx.members(project.id)} | {b for b, r in settings.items() if r}
    order = list(BODIES)
    return [{"body": b, "rule": settings.get(b) or DEFAULT_RULE,
             "default": not settings.get(b)}
            for b in sorted(bodies, key=lambda b: order.index(b) if b in order else 99)]


__all__ = ["DEFAULT_RULE", "RULES", "approval_state", "approve", "body_members", "is_chair",
           "minutes_rule", "required", "rules_of", "set_rule"]
