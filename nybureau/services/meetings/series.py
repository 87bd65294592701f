"""Meetings in series: a body's meetings for a period, planned together with one template agenda.

:func:`plan_series` chooses the dates (every one, two or four weeks, every month, or a list of
dates), leaves out Danish public holidays (or refuses them, see :func:`danish_holidays`) and plans
each meeting through the same planning service as ``meeting plan``: the body's standing items,
the status item and the template's items (``--item``) on every agenda. The decisions the
project's phase waits for from the body are put on the series' first meeting only — what the
project waits for now; a later meeting's decisions are those left when it comes (the year plan,
``render year-plan``, shows which meeting is expected to take them, and ``meeting item add
--decision`` puts one on its agenda). Network meetings take the next free numbers 1–4.

Every meeting names its series (``meeting.series_id``) and stays a meeting of its own: edit,
move, cancel it with the usual commands. The series row keeps the rule and the template as
given. All meetings or none: a clash with an existing meeting refuses the whole series.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_meeting_body,
    check_name,
    check_text,
    get_network,
    get_project,
    parse_date,
)

EVERY = {"1w": 7, "2w": 14, "4w": 28, "month": None}
MAX_MEETINGS = 60
MAX_DAYS = 2 * 366
WEEKDAYS = {
    "monday": 0, "mandag": 0, "mon": 0, "man": 0,
    "tuesday": 1, "tirsdag": 1, "tue": 1, "tir": 1,
    "wednesday": 2, "onsdag": 2, "wed": 2, "ons": 2,
    "thursday": 3, "torsdag": 3, "thu": 3, "tor": 3,
    "friday": 4, "fredag": 4, "fri": 4, "fre": 4,
    "saturday": 5, "lørdag": 5, "sat": 5, "lør": 5,
    "sunday": 6, "søndag": 6, "sun": 6, "søn": 6,
}
ON_HOLIDAY = ("skip", "refuse")


def danish_holidays(first: date, last: date) -> dict[date, dict[str, str]]:
    """The days between ``first`` and ``last`` a Danish municipality does not meet, with their
    names in Danish and English: the same calendar as the deadlines' working days
    (:func:`~.deadlines.days_off`)."""
    from nybureau.services.meetings.deadlines import days_off

    return days_off(first, last)


def _weekday(value: str | None) -> int | None:
    if value is None:
        return None
    key = str(value).strip().lower()
    if key.isdigit() and 1 <= int(key) <= 7:
        return int(key) - 1
    if key not in WEEKDAYS:
        raise InvalidInput(Msg("'{value}' is not a weekday: write e.g. wednesday (onsdag) or 3.",
                               value=check_text(value, "weekday", 40)))
    return WEEKDAYS[key]


def _time(value: Any) -> tuple[int, int]:
    text = str(value or "").strip()
    try:
        parsed = datetime.strptime(text, "%H:%M")
    except ValueError:
        raise InvalidInput(Msg("'{value}' is not a time of day: write it as HH:MM, e.g. 13:00.",
                               value=check_text(text, "time", 40) or "")) from None
    return parsed.hour, parsed.minute


def _month_days(first: date, last: date) -> list[date]:
    """The same weekday in the same week of each month as ``first`` (the 2nd Wednesday …; a
    fifth one that a month lacks is its last)."""
    ordinal = (first.day - 1) // 7
    out, year, month = [], first.year, first.month
    while True:
        start = date(year, month, 1)
        if start > last:
            return out
        day = start + timedelta(days=(first.weekday() - start.weekday()) % 7 + 7 * ordinal)
        while day.month != month:
            day -= timedelta(days=7)
        if first <= day <= last:
            out.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def series_dates(*, every: str | None = None, dates: list[Any] | None = None,
                 starts_on: Any = None, ends_on: Any = None, weekday: str | None = None,
                 on_holiday: str | None = None) -> tuple[list[date], list[dict[str, Any]]]:
    """The series' days, and the holidays left out (``{"date", "holiday": {"da", "en"}}``).
    Computed days that fall on a holiday are left out (``on_holiday="refuse"``: refused);
    a holiday among dates given one by one is refused (``on_holiday="skip"``: left out)."""
    if (every is None) == (not dates):
        raise InvalidInput(Msg("Give either --every (1w, 2w, 4w or month) with --from and --to, "
                               "or --dates D1,D2,…"))
    if on_holiday is not None and on_holiday not in ON_HOLIDAY:
        raise InvalidInput(Msg("--on-holiday is skip or refuse, not '{value}'.",
                               value=check_text(on_holiday, "value", 40)))
    if dates:
        if every is not None or weekday is not None or starts_on is not None \
                or ends_on is not None:
            raise InvalidInput(Msg("--dates is given alone: without --every, --weekday, --from "
                                   "and --to."))
        days = sorted({parse_date(d, "date") for d in dates})
        rule_skips = on_holiday == "skip"
    else:
        if every not in EVERY:
            raise InvalidInput(Msg("--every is 1w, 2w, 4w or month, not '{value}'.",
                                   value=check_text(every, "value", 40)))
        if starts_on is None or ends_on is None:
            raise InvalidInput(Msg("--every needs --from and --to (YYYY-MM-DD)."))
        first, last = parse_date(starts_on, "date"), parse_date(ends_on, "date")
        if last < first:
            raise InvalidInput(Msg("--to ({last}) is before --from ({first}).", last=last,
                                   first=first))
        if (last - first).days > MAX_DAYS:
            raise InvalidInput(Msg("A series covers at most two years; plan the next one "
                                   "later."))
        wanted = _weekday(weekday)
        if wanted is not None:
            first += timedelta(days=(wanted - first.weekday()) % 7)
        step = EVERY[every]
        if step is None:
            days = _month_days(first, last)
        else:
            days = [first + timedelta(days=step * n)
                    for n in range((last - first).days // step + 1)] if first <= last else []
        rule_skips = on_holiday != "refuse"
    if not days:
        raise InvalidInput(Msg("No meeting day falls between --from and --to; widen the "
                               "period."))
    free = danish_holidays(days[0], days[-1])
    skipped = [{"date": d, "holiday": free[d]} for d in days if d in free]
    if skipped and not rule_skips:
        d = skipped[0]
        raise InvalidInput(Msg("{day} is a holiday ({name}); choose another day, or leave "
                               "holidays out with --on-holiday skip.", day=d["date"],
                               name=d["holiday"].get("en", ""),
                               name_da=d["holiday"].get("da", "")))
    days = [d for d in days if d not in free]
    if not days:
        raise InvalidInput(Msg("Every day of the series is a holiday; choose other days."))
    if len(days) > MAX_MEETINGS:
        raise InvalidInput(Msg("A series has at most {max} meetings ({n} asked for); shorten the "
                               "period.", max=MAX_MEETINGS, n=len(days)))
    return days, skipped


def _template(items: list[str] | None) -> list[dict[str, Any]]:
    out = []
    for title in items or ():
        out.append({"title": check_name(title, "item title", 500), "kind": "discussion"})
    return out


def _with_template(items: list[dict[str, Any]], template: list[dict[str, Any]], *,
                   decisions: bool, before: str | None) -> list[dict[str, Any]]:
    """The planned agenda with the template's items before the ``before`` standing item (or
    before the closing standing items), without decision items unless ``decisions``."""
    from nybureau.domain.meetings import standing_for

    kept = [it for it in items
            if decisions or it.get("standing") is not None or not it.get("decision_key")]
    if before is not None:
        at = next((i for i, it in enumerate(kept) if it.get("standing") == before), len(kept))
    else:
        closing = set(standing_for("network")[1])
        at = next((i for i, it in enumerate(kept) if it.get("standing") in closing), len(kept))
    added = [{"standing": None, "title": t["title"], "kind": t["kind"], "closed": False,
              "recommendations": None} for t in template]
    out = kept[:at] + added + kept[at:]
    return [{**it, "position": n} for n, it in enumerate(out, start=1)]


def plan_series(
    tx,
    owner: str,
    body: str,
    *,
    every: str | None = None,
    dates: list[Any] | None = None,
    starts_on: Any = None,
    ends_on: Any = None,
    time: str = "13:00",
    weekday: str | None = None,
    duration_minutes: int | None = 120,
    place: str | None = None,
    title: str | None = None,
    committee: str | None = None,
    minute_taker: str | None = None,
    items: list[str] | None = None,
    on_holiday: str | None = None,
    new_person: bool = False,
) -> dict[str, Any]:
    """Plan a series of meetings of ``body`` of project ``owner`` (a slug), or of the network
    ``owner`` when ``body`` is ``network``; ``series`` (its id), ``meetings`` (each planned
    meeting as :func:`~.reading.show_meeting` gives it) and ``skipped`` (the holidays left
    out)."""
    from nybureau.services.meetings import planning as pl

    hour, minute = _time(time)
    days, skipped = series_dates(every=every, dates=dates, starts_on=starts_on, ends_on=ends_on,
                                 weekday=weekday, on_holiday=on_holiday)
    template = _template(items)
    title = check_text(title, "title", 500)
    network = body == "network"
    if network:
        found = get_network(tx, owner)
        owner_ids = {"project_id": None, "network_id": found.id}
        numbers = _free_numbers(tx, found.id, len(days))
    else:
        check_meeting_body(body)
        found = get_project(tx, owner)
        owner_ids = {"project_id": found.id, "network_id": None}
    rule: dict[str, Any] = ({"dates": [d.isoformat() for d in days]} if dates else
                            {"every": every, "weekday": weekday, "from": str(starts_on),
                             "to": str(ends_on)})
    rule.update(time=f"{hour:02d}:{minute:02d}", duration=duration_minutes, place=place,
                committee=committee,
                skipped=[{"date": s["date"].isoformat(), "holiday": s["holiday"]}
                         for s in skipped])
    sid = tx.series_add(body=body, title=title, rule=json.dumps(rule, ensure_ascii=False),
                        template=json.dumps(template, ensure_ascii=False),
                        starts_on=days[0], ends_on=days[-1], **owner_ids)
    common = dict(place=place, title=None, committee=committee,
                  duration_minutes=duration_minutes, minute_taker=minute_taker,
                  participants=None, apologies=None, new_person=new_person)
    planned = []
    for n, day in enumerate(days):
        starts = datetime(day.year, day.month, day.day, hour, minute)
        if network:
            shown = _plan_network(tx, owner, numbers[n], starts, template, common)
        else:
            details = pl.meeting_details(tx, starts, place, None, committee,
                                         duration_minutes, minute_taker, new_person)
            agenda = _with_template(pl.project_agenda(tx, found, body, details.starts_at),
                                    template, decisions=n == 0, before="status")
            default_people = [(m.full_name, m.role) for m in tx.members(found.id)
                              if m.body == body]
            shown = pl.write_meeting(tx, body, details, {**owner_ids, "number": None}, found,
                                     agenda, default_people, None, None, new_person)
        tx.meeting_update(shown["meeting"]["id"], series_id=sid)
        planned.append(shown)
    ids = [s["meeting"]["id"] for s in planned]
    tx.audit("meeting.series", "meeting_series", sid, after={
        "body": body, "meetings": ids, "first": days[0], "last": days[-1], "rule": rule,
        "template": [t["title"] for t in template]}, **owner_ids)
    return {"series": sid, "meetings": planned, "skipped": skipped}


def _free_numbers(tx, network_id: int, count: int) -> list[int]:
    from nybureau.domain.vocabulary import NUMBERED_ACTIVITIES

    lo, hi = NUMBERED_ACTIVITIES["network_meeting"]
    taken = {m.number for m in tx.meeting_list(network_id=network_id)
             if m.status != "cancelled"}
    free = [n for n in range(lo, hi + 1) if n not in taken]
    if count > len(free):
        raise InvalidInput(Msg("The network has {free} network meetings left to plan (of "
                               "{lo}–{hi}); the series asks for {count}.", free=len(free),
                               lo=lo, hi=hi, count=count))
    return free[:count]


def _plan_network(tx, slug: str, number: int, starts: datetime,
                  template: list[dict[str, Any]], common: dict[str, Any]) -> dict[str, Any]:
    """Network meeting ``number`` planned as ``meeting plan`` plans it, the template's items
    put before the closing standing items as part of the planned agenda."""
    from nybureau.services.meetings import planning as pl
    from nybureau.services.meetings.reading import show_meeting

    shown = pl.plan_network_meeting(tx, slug, number, starts=starts, **common)
    if not template:
        return shown
    mid = shown["meeting"]["id"]
    current = [{"id": it.id, "standing": it.standing, "decision_key": it.decision_key}
               for it in tx.items(mid)]
    arranged = _with_template(current, template, decisions=True, before=None)
    for it in arranged:
        if "id" in it:
            tx.item_update(it["id"], position=it["position"])
        else:
            tx.item_add(mid, position=it["position"], standing=None, title=it["title"],
                        kind=it["kind"], closed=False, recommendations=None)
    return show_meeting(tx, mid)


def list_series(tx, project: str | None = None, network: str | None = None
                ) -> list[dict[str, Any]]:
    """Each series (of a project, a network, or all): its row, its rule and template decoded,
    and its meetings (id, start, status)."""
    from nybureau.services.meetings.reading import list_meetings

    kw: dict[str, Any] = {}
    if project:
        kw["project_id"] = get_project(tx, project).id
    elif network:
        kw["network_id"] = get_network(tx, network).id
    out = []
    meetings = list_meetings(tx, project, network) if (project or network) else \
        list_meetings(tx)
    for s in tx.series_list(**kw):
        out.append({"series": s, "rule": json.loads(s.rule),
                    "template": json.loads(s.template) if s.template else [],
                    "meetings": [m for m in meetings if m["series_id"] == s.id]})
    return out


__all__ = ["plan_series", "list_series", "series_dates", "danish_holidays"]
