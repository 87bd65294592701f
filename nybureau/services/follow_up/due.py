"""What is due across the projects on a day (``nybureau due``).

Read through the as-of view of the records (:func:`nybureau.services.documents.asof.as_of`), so
that ``--as-of`` a day in the past answers as the secretariat would have seen it then: a meeting
after the day is planned, minutes approved later are not approved yet, an agenda sent later is
not sent.

The entries, each with ``kind``, ``what`` (a :class:`~nybureau.i18n.Msg`), the project or the
network, ``due_on``, ``overdue`` (due before the day) and ``people``, the ones who can act
(``{"name", "email"}``, ``email`` None when none is recorded):

* ``agenda`` — a planned meeting whose agenda is not sent: due the body's agenda days (working
  days) before the meeting; the minute-taker and the project leader can act;
* ``minutes_write`` — a meeting that has taken place with no outcome recorded: due the body's
  minutes days after the meeting;
* ``minutes_approve`` — a held meeting whose minutes are not approved: due at the body's next
  meeting (which approves them), or the minutes days after the meeting when none is planned;
* ``minutes_send`` — approved minutes not sent: due the minutes deadline, or the day of approval
  when that is later;
* ``decision`` — a decision the project's phase waits for (an unmet decision requirement of
  ``status``), for each body that has not decided: due at the body's next planned meeting; with
  none planned, no date (plan one); never overdue — a decision has no deadline of its own;
* ``action`` — an open action point with a due date; its owner can act;
* ``network_meeting`` — a network meeting coming up (planned, or recorded with a later date);
  the project leaders of the network's projects.

Included is everything overdue, and what falls due within ``days`` days after the day (a
decision with no meeting planned always). The day is today in Copenhagen unless given.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

from nybureau.domain.vocabulary import BODIES, label
from nybureau.i18n import Msg
from nybureau.rendering.dates import short_date
from nybureau.services.common import copenhagen_today, parse_date
from nybureau.services.meetings._shared import aware
from nybureau.services.meetings.deadlines import agenda_deadline, minutes_deadline

KINDS = ("agenda", "minutes_write", "minutes_approve", "minutes_send", "decision", "action",
         "network_meeting")
#: the exit code of ``nybureau due --fail-on-overdue`` when anything is overdue
OVERDUE_EXIT = 3
LEADER_WORD = "projektleder"

__all__ = ["KINDS", "OVERDUE_EXIT", "due"]


def _lower_first(text: str) -> str:
    """'Styregruppen' → 'styregruppen' inside a sentence; 'MED-udvalget' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _body(body: str, lang: str) -> str:
    return _lower_first(label(BODIES, body, lang))


def _day(value: date) -> dict[str, str]:
    return {"en": short_date(value, "en"), "da": short_date(value, "da")}


def meeting_phrase(meeting, lang: str) -> str:
    """'mødet i MED-udvalget den 16. august 2017' / 'the MED committee meeting on 16 August
    2017'; a network meeting: 'netværksmøde 3 den …' / 'network meeting 3 on …'."""
    day = short_date(aware(meeting.starts_at).date(), lang)
    if meeting.body == "network":
        if meeting.number:
            return (f"netværksmøde {meeting.number} den {day}" if lang == "da"
                    else f"network meeting {meeting.number} on {day}")
        name = meeting.title or meeting.network_name or ""
        return f"netværksmødet »{name}« den {day}" if lang == "da" else \
            f"the network meeting “{name}” on {day}"
    name = meeting.committee or _body(meeting.body, lang)
    return f"mødet i {name} den {day}" if lang == "da" else f"the {name} meeting on {day}"


def _phrase(meeting) -> dict[str, str]:
    return {lang: meeting_phrase(meeting, lang) for lang in ("en", "da")}


class _People:
    """Names and addresses, read once per person."""

    def __init__(self, tx) -> None:
        self.tx = tx
        self._by_name: dict[str, dict[str, Any]] = {}
        self._by_id: dict[int, dict[str, Any]] = {}
        self._leaders: dict[int, list[dict[str, Any]]] = {}

    def _one(self, person) -> dict[str, Any]:
        return {"name": person.full_name, "email": person.email or None}

    def by_name(self, name: str | None) -> list[dict[str, Any]]:
        if not name:
            return []
        if name not in self._by_name:
            found = self.tx.person_get(name)
            self._by_name[name] = self._one(found) if found else {"name": name, "email": None}
        return [self._by_name[name]]

    def by_ids(self, ids: list[int]) -> list[dict[str, Any]]:
        missing = [i for i in ids if i not in self._by_id]
        if missing:
            for row in self.tx.admin_rows("person", any_of={"id": missing}):
                self._by_id[row["id"]] = {"name": row["full_name"],
                                          "email": row["email"] or None}
        return [self._by_id[i] for i in ids if i in self._by_id]

    def leaders(self, project_id: int) -> list[dict[str, Any]]:
        """The project's members whose role says projektleder (in any body), once each."""
        if project_id not in self._leaders:
            ids = list(dict.fromkeys(m.person_id for m in self.tx.members(project_id)
                                     if m.role and LEADER_WORD in m.role.lower()))
            self._leaders[project_id] = self.by_ids(ids)
        return self._leaders[project_id]


def _join(*groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str | None], dict[str, Any]] = {}
    for group in groups:
        for p in group:
            seen.setdefault((p["name"], p["email"]), p)
    return list(seen.values())


def _entry(kind: str, what: Msg, due_on: date | None, day: date, people, *, project=None,
           network=None, meeting=None, action=None) -> dict[str, Any]:
    return {"kind": kind, "what": what,
            "project": project.slug if project is not None else None,
            "project_name": project.name if project is not None else None,
            "network": network, "meeting": meeting, "action": action, "due_on": due_on,
            "overdue": due_on is not None and due_on < day, "people": people}


def _sent_by(value, day: date) -> bool:
    return value is not None and aware(value).date() <= day


def _meeting_entries(view, meetings, day: date, people: _People, project=None,
                     network=None) -> list[dict[str, Any]]:
    out = []
    live = [m for m in meetings if m.status != "cancelled"]
    for i, m in enumerate(live):
        on = aware(m.starts_at).date()
        phrase = _phrase(m)
        who = _join(people.by_name(m.minute_taker),
                    people.leaders(m.project_id) if m.project_id else [])
        where = {"project": project, "network": network, "meeting": m.id}
        if m.status == "planned" and on >= day and m.agenda_sent_at is None:
            out.append(_entry("agenda", Msg("Send the agenda for {meeting}",
                                            meeting=phrase["en"], meeting_da=phrase["da"]),
                              agenda_deadline(view, m), day, who, **where))
        if m.status == "planned" and on <= day:
            out.append(_entry(
                "minutes_write",
                Msg("Write the minutes of {meeting} (record each item's outcome)",
                    meeting=phrase["en"], meeting_da=phrase["da"]),
                minutes_deadline(view, m), day, who, **where))
        elif m.status == "held":
            later = next((n for n in live[i + 1:]
                          if n.body == m.body and aware(n.starts_at).date() > on), None)
            if later is not None:
                nxt = _day(aware(later.starts_at).date())
                what = Msg("Have the minutes of {meeting} approved at the next meeting on "
                           "{next}", meeting=phrase["en"], meeting_da=phrase["da"],
                           next=nxt["en"], next_da=nxt["da"])
                due_on = aware(later.starts_at).date()
            else:
                what = Msg("Have the minutes of {meeting} approved", meeting=phrase["en"],
                           meeting_da=phrase["da"])
                due_on = minutes_deadline(view, m)
            out.append(_entry("minutes_approve", what, due_on, day, who, **where))
        elif m.status == "approved" and not _sent_by(m.minutes_sent_at, day):
            due_on = max(minutes_deadline(view, m), m.approved_on or on)
            out.append(_entry("minutes_send",
                              Msg("Send the approved minutes of {meeting}",
                                  meeting=phrase["en"], meeting_da=phrase["da"]),
                              due_on, day, who, **where))
    return out


def _decision_entries(view, project, meetings, day: date, people: _People
                      ) -> list[dict[str, Any]]:
    from nybureau.workflow import requirements as reqs
    from nybureau.workflow.requirements.kinds import DecisionRequirement
    from nybureau.domain.vocabulary import SATISFYING_OUTCOMES
    from nybureau.workflow.spec import text

    spec = view.workflow_spec(project.workflow_definition_id)
    phase = spec.phase(project.phase)
    if phase is None:
        return []
    facts = None
    out = []
    for req in phase.requirements:
        if req.kind != DecisionRequirement.name:
            continue
        if facts is None:
            facts = view.facts(project)
        if reqs.REGISTRY[req.kind].met(req.params, facts, spec):
            continue
        key, by, allow_noted, title = DecisionRequirement._resolve(req.params, spec)
        ok = SATISFYING_OUTCOMES | ({"noted"} if allow_noted else set())
        for body in by:
            if facts.decisions.get((key, body)) in ok:
                continue
            bodies = {lang: _body(body, lang) for lang in ("en", "da")}
            names = {lang: text(title, lang) for lang in ("en", "da")}
            nxt = next((m for m in meetings if m.body == body and m.status == "planned"
                        and aware(m.starts_at).date() >= day), None)
            if nxt is None:
                what = Msg("“{title}” waits for a decision of the {body}; no meeting of it is "
                           "planned (plan one with `nybureau meeting plan`)",
                           title=names["en"], title_da=names["da"], body=bodies["en"],
                           body_da=bodies["da"])
                due_on, who = None, people.leaders(project.id)
            else:
                when = _day(aware(nxt.starts_at).date())
                what = Msg("“{title}” waits for a decision of the {body}, at its next meeting "
                           "on {day}", title=names["en"], title_da=names["da"],
                           body=bodies["en"], body_da=bodies["da"], day=when["en"],
                           day_da=when["da"])
                due_on = aware(nxt.starts_at).date()
                who = _join(people.leaders(project.id), people.by_name(nxt.minute_taker))
            entry = _entry("decision", what, due_on, day, who, project=project,
                           meeting=nxt.id if nxt is not None else None)
            entry["overdue"] = False
            out.append(entry)
    return out


def _action_entries(view, project, day: date, people: _People) -> list[dict[str, Any]]:
    out = []
    for a in view.action_list(project_id=project.id):
        if a.due_on is None or a.agreed_on > day:
            continue
        still_open = a.status == "open" or (a.closed_on is not None and a.closed_on > day)
        if not still_open:
            continue
        if a.person_id is not None:
            who = people.by_ids([a.person_id])
        else:
            who = [{"name": a.who, "email": None}] if a.who else []
        agreed = _day(a.agreed_on)
        if a.who:
            what = Msg("Action point for {who}: {what} (agreed {agreed})", who=a.who,
                       what=a.what, agreed=agreed["en"], agreed_da=agreed["da"])
        else:
            what = Msg("Action point: {what} (agreed {agreed})", what=a.what,
                       agreed=agreed["en"], agreed_da=agreed["da"])
        out.append(_entry("action", what, a.due_on, day, who, project=project,
                          meeting=a.meeting_id, action=a.id))
    return out


def _network_entries(view, tx, network, projects, day: date, until: date,
                     people: _People) -> list[dict[str, Any]]:
    """Network meetings coming up: planned as meetings, or recorded with a later date."""
    leaders = _join(*(people.leaders(p.id) for p in projects))
    out = []
    planned = [m for m in view.meeting_list(network_id=network.id)]
    out.extend(_meeting_entries(view, planned, day, people, network=network.slug))
    numbers = set()
    for m in planned:
        on = aware(m.starts_at).date()
        if m.status != "planned" or not day <= on <= until:
            continue
        numbers.add(m.number)
        phrase = _phrase(m)
        out.append(_entry("network_meeting",
                          Msg("Coming up: {meeting} of {network}", meeting=phrase["en"],
                              meeting_da=phrase["da"], network=network.name),
                          on, day, _join(leaders, people.by_name(m.minute_taker)),
                          network=network.slug, meeting=m.id))
    for row in tx.admin_rows("activity", where={"network_id": network.id,
                                                "kind": "network_meeting", "voided_at": None}):
        on = row["held_on"]
        if row["number"] in numbers or not day <= on <= until:
            continue
        when = _day(on)
        out.append(_entry("network_meeting",
                          Msg("Coming up: network meeting {n} of {network} on {day}",
                              n=row["number"], network=network.name, day=when["en"],
                              day_da=when["da"]),
                          on, day, leaders, network=network.slug))
    return out


def due(tx, *, as_of: date | str | None = None, days: int = 14,
        projects: Iterable[str] | None = None) -> dict[str, Any]:
    """What is due or overdue on ``as_of`` (default today) across every project and network:
    ``{"as_of", "until", "entries", "overdue"}``; the entries by due date (overdue first, no
    date last). ``days``: how far ahead to look (0–366). ``projects``: only these projects
    (slugs) and their networks (the web's portfolio of one person's projects)."""
    from nybureau.errors import InvalidInput
    from nybureau.services.documents.asof import as_of as view_of

    day = parse_date(as_of, "--as-of") if as_of is not None else copenhagen_today(tx)
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 366:
        raise InvalidInput(Msg("--days is a number of days from 0 to 366; you gave {days}.",
                               days=days))
    until = day + timedelta(days=days)
    view = view_of(tx, day)
    people = _People(view)
    entries: list[dict[str, Any]] = []
    wanted = None if projects is None else set(projects)
    projects = [p for p in view.project_list() if wanted is None or p.slug in wanted]
    networks = {p.network_id for p in projects}
    for project in projects:
        meetings = view.meeting_list(project_id=project.id)
        entries.extend(_meeting_entries(view, meetings, day, people, project=project))
        entries.extend(_decision_entries(view, project, meetings, day, people))
        entries.extend(_action_entries(view, project, day, people))
    for network in tx.network_list():
        if wanted is not None and network.id not in networks:
            continue
        members = [p for p in projects if p.network_id == network.id]
        entries.extend(_network_entries(view, tx, network, members, day, until, people))
    entries = [e for e in entries
               if e["overdue"] or (e["due_on"] is None and e["kind"] == "decision")
               or (e["due_on"] is not None and e["due_on"] <= until)]
    entries.sort(key=lambda e: (e["due_on"] is None, e["due_on"] or day,
                                KINDS.index(e["kind"]), e["project"] or "",
                                e["network"] or ""))
    return {"as_of": day, "until": until, "entries": entries,
            "overdue": sum(1 for e in entries if e["overdue"])}
