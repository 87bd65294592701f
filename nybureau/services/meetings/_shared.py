"""Small helpers every meeting use case shares: a meeting and an item by their numbers, the
times (stored in UTC, shown in Copenhagen time), the owner's version bump, the audit event, and
the refusals the lifecycle (:mod:`nybureau.domain.meetings`) calls for."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from nybureau.domain import meetings as rules
from nybureau.domain.meetings import ITEM_KINDS
from nybureau.domain.vocabulary import BODIES, label
from nybureau.errors import InvalidInput, NotFound
from nybureau.i18n import Msg
from nybureau.services.common import (
    check_date_range,
    check_name,
    get_project,
    local_datetime,
    printable,
)

TZ = ZoneInfo("Europe/Copenhagen")


def aware(value: datetime) -> datetime:
    """A stored timestamp (UTC; SQLite hands it back naive) in Copenhagen time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(TZ)


def utc(value: datetime) -> datetime:
    """How timestamps are stored: in UTC, like every other timestamp (SQLite keeps the UTC wall
    clock without its offset; PostgreSQL keeps the instant)."""
    return value.astimezone(timezone.utc)


def parse_datetime(value: Any, what: str = "date") -> datetime:
    """'2017-06-14 10:00' (Copenhagen time) → an aware datetime."""
    if isinstance(value, datetime):
        return check_date_range(value, what) if value.tzinfo else local_datetime(value, what)
    if isinstance(value, date):
        return local_datetime(datetime(value.year, value.month, value.day, 10, 0), what)
    text = str(value).strip().replace("T", " ")
    try:
        parsed = datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        value = printable(value)
        raise InvalidInput(
            Msg("'{value}' is not a valid {what}: write it as \"YYYY-MM-DD HH:MM\" (Copenhagen "
                "time), e.g. \"2017-06-14 10:00\".", value=value, what=what),
        ) from None
    return local_datetime(parsed, what)


def check_kind(kind: str) -> str:
    if kind not in ITEM_KINDS:
        raise InvalidInput(
            Msg("Unknown item type '{kind}'. Use one of: {item_kinds}.", kind=kind,
                item_kinds=', '.join(ITEM_KINDS),
                value=', '.join((v['da'] for v in ITEM_KINDS.values()))),
        )
    return kind


def clean_recommendations(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    out = []
    for v in values:
        v = check_name(v, "recommendation", 2000)
        for prefix in ("at ", "At ", "that ", "That "):
            if v.startswith(prefix):
                v = v[len(prefix):]
                break
        out.append(v)
    return out


def get_meeting_row(tx, meeting_id: Any) -> dict[str, Any]:
    """The meeting ``meeting_id`` (its times in Copenhagen time), or NotFound naming the
    nearest ids."""
    try:
        mid = int(meeting_id)
    except (TypeError, ValueError):
        mid = None
    if mid is not None and not 0 < mid < 2**63:  # no such id (and SQLite cannot compare it)
        mid = None
    meeting = tx.meeting_get(mid) if mid is not None else None
    if meeting is None:
        en = da = ""
        ids = [m["id"] for m in tx.meeting_list()]
        if ids and mid is not None:
            near = sorted(ids, key=lambda i: (abs(i - mid), i))[:2]
            en = " Did you mean " + " or ".join(f"meeting {i}" for i in sorted(near)) + "?"
            da = " Mente du " + " eller ".join(f"møde {i}" for i in sorted(near)) + "?"
        raise NotFound(
            Msg("There is no meeting {meeting_id}.{en_} See the meetings with "
                "`nybureau meeting list`.", meeting_id=meeting_id, en_=en, da_=da),
        )
    meeting["starts_at"] = aware(meeting["starts_at"])
    if meeting["ends_at"] is not None:
        meeting["ends_at"] = aware(meeting["ends_at"])
    return meeting


def get_item(tx, meeting: dict[str, Any], number: Any) -> dict[str, Any]:
    """Item ``number`` of the meeting's agenda, or NotFound."""
    items = tx.items(meeting["id"])
    for it in items:
        if str(it["position"]) == str(number):
            return it
    raise NotFound(
        Msg("Meeting {id} has no item {number}; its items are 1–{n_items} "
            "(see `nybureau meeting show {id}`).", id=meeting['id'], number=number,
            n_items=len(items)),
    )


def touch(tx, meeting: dict[str, Any]) -> dict[str, Any] | None:
    """Bump the owning project's version (optimistic concurrency); network meetings have none."""
    if meeting["project_slug"] is None:
        return None
    project = get_project(tx, meeting["project_slug"])
    tx.project_touch(project)
    return project


def audit(tx, action: str, meeting: dict[str, Any], entity: str, entity_id: int,
          before=None, after=None) -> None:  # noqa: ANN001
    tx.audit(action, entity, entity_id, project_id=meeting["project_id"],
             network_id=meeting["network_id"], before=before, after=after)


def refuse_if_cancelled(meeting: dict[str, Any]) -> None:
    """A cancelled meeting is a closed record: nothing on it changes any more."""
    if meeting["status"] == rules.CANCELLED:
        raise InvalidInput(
            Msg("Meeting {id} is cancelled; a cancelled meeting can no longer be "
                "changed. Plan a new meeting for its items: `nybureau meeting plan …`.",
                id=meeting['id']),
        )


def refuse_unless_open(meeting: dict[str, Any], what: str = "agenda") -> None:
    """Refuse a change of ``what`` (:data:`nybureau.domain.meetings.CHANGES`) that the
    meeting's state does not allow: a cancelled meeting, or one whose minutes are approved."""
    if rules.may_change(meeting["status"], what):
        return
    refuse_if_cancelled(meeting)
    raise InvalidInput(
        Msg("The minutes of meeting {id} are approved; the agenda can no longer be "
            "changed. Plan a new meeting for new items.", id=meeting['id']),
    )


def refuse_if_not_started(tx, meeting: dict[str, Any]) -> None:
    """Outcomes (and approved minutes) belong to a meeting that has been held: refuse them for
    one that starts after now (Copenhagen time)."""
    from nybureau.rendering.dates import long_datetime

    if meeting["starts_at"] <= tx.now:
        return
    when = {lang: f"{meeting_name(meeting, lang)}, {long_datetime(meeting['starts_at'], lang)}"
            for lang in ("en", "da")}
    raise InvalidInput(
        Msg("Meeting {id} ({en_}) has not started yet; record its outcomes "
            "when it has been held.", id=meeting['id'], en_=when['en'], da_=when['da']))


def meeting_name(meeting: dict[str, Any], lang: str) -> str:
    """The body's name as the documents give it: the committee's own name, or the body label."""
    if meeting.get("committee"):
        return meeting["committee"]
    if meeting["body"] == "network":
        n = meeting.get("number")
        return Msg("Network meeting {n}", n=n).render(lang) if n else \
            (meeting.get("network_name") or "")
    return label(BODIES, meeting["body"], lang)


def person(tx, name: str, owner: dict[str, Any], new_person: bool = False) -> dict[str, Any]:
    """The person ``name`` of the meeting's owner (``project_id``/``network_id``)."""
    from nybureau.services.people import resolve_person

    return resolve_person(tx, name, new_person=new_person, project_id=owner["project_id"],
                          network_id=owner["network_id"])


def canonical(resolved: dict[str, dict[str, Any]], name: str) -> str:
    return resolved[name]["full_name"] if name in resolved else name
