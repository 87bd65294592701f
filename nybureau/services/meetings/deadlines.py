"""A body's deadlines: the agenda goes out a number of working days before the meeting, the
minutes within a number of working days after it.

Working days are Monday to Friday except the Danish public holidays (the ``holidays`` library,
country DK: New Year's Day, Maundy Thursday, Good Friday, Easter Monday, Great Prayer Day until
2023, Ascension Day, Whit Monday, Christmas Day and Boxing Day) and the three days the
municipal collective agreements give off as well: Constitution Day (5 June), Christmas Eve and
New Year's Eve. A secretariat counting "five working days before" skips them too.

The defaults follow common MED practice (the local MED agreements typically say that the
agenda is sent one week — five working days — before the meeting and the minutes within five
working days after it); a management meeting works on shorter notice, a network meeting of
several municipalities on longer. Each project sets its own with ``body deadline``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from nybureau.domain.vocabulary import BODIES, label
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import check_body, get_project

#: body → (agenda days before, minutes days after), in working days
DEFAULTS: dict[str, tuple[int, int]] = {
    "med": (5, 5),
    "steering_group": (5, 5),
    "management": (2, 3),
    "project_group": (3, 5),
    "working_group": (3, 5),
    "follow_group": (5, 5),
    "reference_group": (5, 5),
    "network": (10, 10),
}
FALLBACK: tuple[int, int] = (5, 5)
#: the largest number of working days a deadline may be set to (about three months)
MAX_DAYS = 60
# the optional Danish holidays that are days off in a municipality (the collective agreements)
_DAYS_OFF = ("Grundlovsdag", "Juleaftensdag", "Nytårsaften")

__all__ = ["DEFAULTS", "add_working_days", "agenda_deadline", "body_deadlines",
           "days_off", "deadlines_of", "is_working_day", "minutes_deadline", "record_minutes_sent",
           "set_deadline"]


@lru_cache(maxsize=64)
def _year_off(year: int) -> tuple[tuple[date, str, str], ...]:
    """The year's days off: (day, Danish name, English name)."""
    import holidays

    def names(lang: str, category: str) -> dict[date, str]:
        return dict(holidays.country_holidays("DK", years=year, language=lang,
                                              categories=(category,)))

    public_da, optional_da = names("da", "public"), names("da", "optional")
    english = {**names("en", "optional"), **names("en", "public")}
    off = {**{d: n for d, n in optional_da.items() if n in _DAYS_OFF}, **public_da}
    return tuple(sorted((d, n, english.get(d, n)) for d, n in off.items()))


def days_off(first: date, last: date) -> dict[date, dict[str, str]]:
    """The days from ``first`` to ``last`` a Danish municipality neither works nor meets, with
    their names in Danish and English: the public holidays (helligdage) and the days the
    collective agreements give off (grundlovsdag, juleaftensdag, nytårsaftensdag). The one
    calendar of deadlines and meeting series."""
    out: dict[date, dict[str, str]] = {}
    for year in range(first.year, last.year + 1):
        for day, da, en in _year_off(year):
            if first <= day <= last:
                out[day] = {"da": da, "en": en}
    return out


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(d for d, _, _ in _year_off(year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Danish public holiday or municipal day off."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: date, n: int) -> date:
    """The day ``n`` working days after ``day`` (before it when ``n`` is negative); ``day``
    itself is not counted. ``n == 0``: ``day`` itself."""
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        day += timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day


def deadlines_of(tx, body: str, *, project_id: int | None = None,
                 network_id: int | None = None) -> tuple[int, int]:
    """(agenda days, minutes days) of a project's body or a network's meetings: the setting,
    else the default of the body's kind."""
    default = DEFAULTS.get(body, FALLBACK)
    row = tx.deadline_get(body, project_id=project_id, network_id=network_id)
    if row is None:
        return default
    return (row.agenda_days if row.agenda_days is not None else default[0],
            row.minutes_days if row.minutes_days is not None else default[1])


def _meeting_day(meeting) -> date:
    from nybureau.services.meetings._shared import aware

    return aware(meeting["starts_at"]).date()


def agenda_deadline(tx, meeting) -> date:
    """The last day the meeting's agenda should go out."""
    days, _ = deadlines_of(tx, meeting["body"], project_id=meeting["project_id"],
                           network_id=None if meeting["project_id"] else meeting["network_id"])
    return add_working_days(_meeting_day(meeting), -days)


def minutes_deadline(tx, meeting) -> date:
    """The last day the meeting's minutes should be out."""
    _, days = deadlines_of(tx, meeting["body"], project_id=meeting["project_id"],
                           network_id=None if meeting["project_id"] else meeting["network_id"])
    return add_working_days(_meeting_day(meeting), days)


def _check_days(value: Any, option: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
        raise InvalidInput(
            Msg("{option} is a number of working days from 0 to {most}; you gave {value}.",
                option=option, most=MAX_DAYS, value=value))
    return value


def body_deadlines(tx, slug: str, lang: str = "da") -> list[dict[str, Any]]:
    """Every body of the project with members or a meeting, and the project's settings: its
    deadlines and whether each is the default."""
    project = get_project(tx, slug)
    bodies = {m.body for m in tx.members(project["id"])}
    bodies |= {m.body for m in tx.meeting_list(project_id=project["id"])}
    settings = {d.body: d for d in tx.deadline_list(project_id=project["id"])}
    bodies |= set(settings)
    rows = []
    for body in sorted(bodies, key=lambda b: list(BODIES).index(b) if b in BODIES else 99):
        agenda, minutes = deadlines_of(tx, body, project_id=project["id"])
        row = settings.get(body)
        rows.append({"body": body, "body_label": label(BODIES, body, lang),
                     "agenda_days": agenda, "minutes_days": minutes,
                     "agenda_default": row is None or row.agenda_days is None,
                     "minutes_default": row is None or row.minutes_days is None})
    return rows


def set_deadline(tx, slug: str, body: str, *, agenda_days: int | None = None,
                 minutes_days: int | None = None) -> dict[str, Any]:
    """Set a project's body's deadlines (working days; a value not given stays as it was).
    One audit event ``body.deadline`` with the values before and after."""
    project = get_project(tx, slug)
    check_body(body)
    agenda_days = _check_days(agenda_days, "--agenda-days")
    minutes_days = _check_days(minutes_days, "--minutes-days")
    if agenda_days is None and minutes_days is None:
        raise InvalidInput(
            Msg("Give --agenda-days N, --minutes-days N or both (working days before the "
                "meeting the agenda goes out, and after it the minutes)."))
    before = deadlines_of(tx, body, project_id=project["id"])
    values = {k: v for k, v in (("agenda_days", agenda_days), ("minutes_days", minutes_days))
              if v is not None}
    row_id = tx.deadline_set(body, project_id=project["id"], **values)
    tx.project_touch(project)
    after = deadlines_of(tx, body, project_id=project["id"])
    tx.audit("body.deadline", "body_deadline", row_id, project_id=project["id"],
             before={"body": body, "agenda_days": before[0], "minutes_days": before[1]},
             after={"body": body, "agenda_days": after[0], "minutes_days": after[1]})
    return {"project": project["slug"], "body": body, "agenda_days": after[0],
            "minutes_days": after[1]}


def record_minutes_sent(tx, meeting_id: Any, at: Any = None) -> dict[str, Any]:
    """Record that the approved minutes of ``meeting_id`` were sent ``at`` (Copenhagen time;
    default now) by other means than nybureau's outbox (an import of a project's history, a
    secretariat mailing from its own client): the minutes deadline is then met. Refused for
    minutes not approved, minutes already recorded as sent and a time in the future. One audit
    event ``meeting.minutes_sent``."""
    from nybureau.services.meetings._shared import (
        audit, aware, get_meeting_row, parse_datetime, touch, utc)

    meeting = get_meeting_row(tx, meeting_id)
    mid = meeting["id"]
    if meeting["status"] != "approved":
        raise InvalidInput(
            Msg("The minutes of meeting {id} are not approved; approve them with `nybureau "
                "meeting approve {id}` before recording that they were sent.", id=mid))
    if meeting["minutes_sent_at"] is not None:
        raise InvalidInput(
            Msg("The minutes of meeting {id} were already recorded as sent on "
                "{sent:%Y-%m-%d %H:%M}.", id=mid, sent=aware(meeting["minutes_sent_at"])))
    sent = parse_datetime(at, "sending time") if at is not None else aware(tx.now)
    if utc(sent) > utc(tx.now):
        raise InvalidInput(
            Msg("Minutes cannot be sent in the future ({sent:%Y-%m-%d %H:%M}); record it when "
                "they have been sent.", sent=sent))
    if meeting["approved_on"] is not None and sent.date() < meeting["approved_on"]:
        raise InvalidInput(
            Msg("The minutes of meeting {id} were approved on {approved}; they cannot have been "
                "sent as approved minutes before that.", id=mid,
                approved=meeting["approved_on"].isoformat()))
    touch(tx, meeting)
    tx.meeting_update(mid, minutes_sent_at=utc(sent))
    audit(tx, "meeting.minutes_sent", meeting, "meeting", mid, after={"minutes_sent_at": sent})
    return {"meeting": mid, "minutes_sent_at": sent}
