"""Meetings: plan a meeting of a project's body (or a network meeting) with an agenda built from
what the project is waiting for, edit the agenda, record each item's outcome once, approve the
minutes.

One recorded outcome feeds three things: the minutes (the item's *beslutning*), the decision the
phase gate counts (through :func:`nybureau.services.process.record_decision` with the source
``meeting:<id>``), and the audit history.

Generated texts (standing items, the *sagsfremstilling* and *indstilling* of decision items
from :mod:`nybureau.services.case_texts`, the status item) are stored in both Danish and English when the agenda is planned, so an agenda is a
fixed record of what the body was asked, in either language. What a user writes is stored as
written.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from nybureau.domain.vocabulary import BODIES, NUMBERED_ACTIVITIES, OUTCOMES, label
from nybureau.errors import AlreadyExists, InvalidInput, NotFound
from nybureau.services.common import (
    check_body,
    check_date_range,
    check_location,
    check_name,
    check_outcome,
    check_text,
    copenhagen_today,
    get_network,
    get_project,
    local_datetime,
    parse_date,
    printable,
    refuse_future,
)

TZ = ZoneInfo("Europe/Copenhagen")

ITEM_KINDS: dict[str, dict[str, str]] = {
    "decision": {"da": "beslutningssag", "en": "for decision"},
    "discussion": {"da": "drøftelsessag", "en": "for discussion"},
    "information": {"da": "orienteringssag", "en": "for information"},
}

STATUSES: dict[str, dict[str, str]] = {
    "planned": {"da": "planlagt", "en": "planned"},
    "held": {"da": "afholdt", "en": "held"},
    "approved": {"da": "referat godkendt", "en": "minutes approved"},
    # a planned meeting called off (aflyst): not held, so it has no minutes and no decisions
    "cancelled": {"da": "aflyst", "en": "cancelled"},
}

# Standing items: title, type, and (where it has one) the recommendation, in Danish and English.
STANDING: dict[str, dict[str, Any]] = {
    "welcome": {"da": "Velkomst", "en": "Welcome", "kind": "information"},
    "approve_agenda": {"da": "Godkendelse af dagsorden", "en": "Approval of the agenda",
                       "kind": "decision",
                       "rec": {"da": "dagsordenen godkendes", "en": "the agenda is approved"}},
    "approve_minutes": {"da": "Godkendelse af referat fra sidste møde",
                        "en": "Approval of the minutes of the last meeting", "kind": "decision",
                        "rec": {"da": "referatet fra sidste møde godkendes",
                                "en": "the minutes of the last meeting are approved"}},
    "information": {"da": "Orientering", "en": "Information", "kind": "information",
                    "rec": {"da": "orienteringen tages til efterretning",
                            "en": "the information is noted"}},
    "status": {"da": "Status på projektet", "en": "Project status", "kind": "information",
               "rec": {"da": "status tages til efterretning", "en": "the status is noted"}},
    "project_news": {"da": "Nyt fra projekterne", "en": "News from the projects",
                     "kind": "discussion"},
    "theme": {"da": "Tema", "en": "Theme", "kind": "discussion"},
    "communication": {"da": "Kommunikation fra mødet", "en": "Communication from the meeting",
                      "kind": "discussion",
                      "rec": {"da": "det aftales, hvad der kommunikeres fra mødet",
                              "en": "what is communicated from the meeting is agreed"}},
    "any_other_business": {"da": "Gensidige orienteringer og eventuelt",
                           "en": "Mutual information and any other business",
                           "kind": "information"},
    "evaluation": {"da": "Evaluering af mødet", "en": "Evaluation of the meeting",
                   "kind": "discussion"},
    "next_meeting": {"da": "Næste møde", "en": "Next meeting", "kind": "information"},
}

# The standing items of each kind of meeting: before the content items, and after them.
STANDING_BY_BODY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "med": (("welcome", "approve_agenda", "approve_minutes", "information"),
            ("communication", "any_other_business", "evaluation", "next_meeting")),
    "management": (("approve_agenda", "information"), ("any_other_business",)),
    "steering_group": (("approve_agenda", "approve_minutes"),
                       ("communication", "any_other_business", "next_meeting")),
    "network": (("welcome", "approve_agenda"), ("any_other_business", "next_meeting")),
}
_DEFAULT_STANDING = (("approve_agenda", "approve_minutes"), ("any_other_business", "next_meeting"))

# What each network meeting works on (the frame of the model: module before, phase around it).
NETWORK_THEMES: dict[int, dict[str, str]] = {
    1: {"da": "Sparring på udforskning og kortlægning af styringen",
        "en": "Sparring on exploring and mapping the governance"},
    2: {"da": "Fra kortlægning til prioritering: fjerne, forandre og forankre",
        "en": "From mapping to prioritisation: remove, change and anchor"},
    3: {"da": "Erfaringer med prototyper og drypvis afprøvning",
        "en": "Experience with prototypes and piloting drop by drop"},
    4: {"da": "Evaluering, erfaringsopsamling og spredning",
        "en": "Evaluation, lessons learnt and spreading"},
}


# -- small helpers -----------------------------------------------------------------------------
def localized(value: Any) -> Any:
    """A stored text: plain text as the user wrote it, or {"da": …, "en": …} when generated."""
    if isinstance(value, str) and value.startswith('{"da"'):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        if isinstance(parsed, dict):
            return parsed
    return value


def in_lang(value: Any, lang: str) -> str:
    value = localized(value)
    if isinstance(value, dict):
        return value.get(lang) or value.get("da") or ""
    return value or ""


def _both(da: str, en: str) -> str:
    return json.dumps({"da": da, "en": en}, ensure_ascii=False)


def aware(value: datetime) -> datetime:
    """A stored timestamp (UTC; SQLite hands it back naive) in Copenhagen time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(TZ)


def _utc(value: datetime) -> datetime:
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
            f"'{value}' is not a valid {what}: write it as \"YYYY-MM-DD HH:MM\" (Copenhagen "
            "time), e.g. \"2017-06-14 10:00\".",
            f"'{value}' er ikke et gyldigt tidspunkt: skriv det som \"ÅÅÅÅ-MM-DD TT:MM\" "
            "(dansk tid), fx \"2017-06-14 10:00\".",
        ) from None
    return local_datetime(parsed, what)


def _check_kind(kind: str) -> str:
    if kind not in ITEM_KINDS:
        raise InvalidInput(
            f"Unknown item type '{kind}'. Use one of: {', '.join(ITEM_KINDS)}.",
            f"Ukendt punkttype '{kind}'. Brug en af: {', '.join(ITEM_KINDS)} "
            f"({', '.join(v['da'] for v in ITEM_KINDS.values())}).",
        )
    return kind


def _clean_recommendations(values: list[str] | None) -> list[str] | None:
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
            f"There is no meeting {meeting_id}.{en} See the meetings with "
            "`nybureau meeting list`.",
            f"Mødet {meeting_id} findes ikke.{da} Se møderne med `nybureau meeting list`.",
        )
    meeting["starts_at"] = aware(meeting["starts_at"])
    if meeting["ends_at"] is not None:
        meeting["ends_at"] = aware(meeting["ends_at"])
    return meeting


def _item(tx, meeting: dict[str, Any], number: Any) -> dict[str, Any]:
    items = tx.items(meeting["id"])
    for it in items:
        if str(it["position"]) == str(number):
            return it
    raise NotFound(
        f"Meeting {meeting['id']} has no item {number}; its items are 1–{len(items)} "
        f"(see `nybureau meeting show {meeting['id']}`).",
        f"Møde {meeting['id']} har intet punkt {number}; dets punkter er 1–{len(items)} "
        f"(se `nybureau meeting show {meeting['id']}`).",
    )


def _touch(tx, meeting: dict[str, Any]) -> dict[str, Any] | None:
    """Bump the owning project's version (optimistic concurrency); network meetings have none."""
    if meeting["project_slug"] is None:
        return None
    project = get_project(tx, meeting["project_slug"])
    tx.project_touch(project)
    return project


def _audit(tx, action: str, meeting: dict[str, Any], entity: str, entity_id: int,
           before=None, after=None) -> None:
    tx.audit(action, entity, entity_id, project_id=meeting["project_id"],
             network_id=meeting["network_id"], before=before, after=after)


def _refuse_if_cancelled(meeting: dict[str, Any]) -> None:
    """A cancelled meeting is a closed record: nothing on it changes any more."""
    if meeting["status"] == "cancelled":
        raise InvalidInput(
            f"Meeting {meeting['id']} is cancelled; a cancelled meeting can no longer be "
            "changed. Plan a new meeting for its items: `nybureau meeting plan …`.",
            f"Møde {meeting['id']} er aflyst; et aflyst møde kan ikke længere ændres. "
            "Planlæg et nyt møde til dets punkter: `nybureau meeting plan …`.",
        )


def _refuse_if_approved(meeting: dict[str, Any]) -> None:
    _refuse_if_cancelled(meeting)
    if meeting["status"] == "approved":
        raise InvalidInput(
            f"The minutes of meeting {meeting['id']} are approved; the agenda can no longer be "
            "changed. Plan a new meeting for new items.",
            f"Referatet af møde {meeting['id']} er godkendt; dagsordenen kan ikke længere "
            "ændres. Planlæg et nyt møde til nye punkter.",
        )


def _refuse_if_not_started(tx, meeting: dict[str, Any]) -> None:
    """Outcomes (and approved minutes) belong to a meeting that has been held: refuse them for
    one that starts after now (Copenhagen time)."""
    from nybureau.rendering.dates import long_datetime

    if meeting["starts_at"] <= tx.now:
        return
    when = {lang: f"{meeting_name(meeting, lang)}, {long_datetime(meeting['starts_at'], lang)}"
            for lang in ("en", "da")}
    raise InvalidInput(
        f"Meeting {meeting['id']} ({when['en']}) has not started yet; record its outcomes "
        "when it has been held.",
        f"Møde {meeting['id']} ({when['da']}) er ikke begyndt endnu; registrér dets "
        "beslutninger, når det er holdt.")


def meeting_name(meeting: dict[str, Any], lang: str) -> str:
    """The body's name as the documents give it: the committee's own name, or the body label."""
    if meeting.get("committee"):
        return meeting["committee"]
    if meeting["body"] == "network":
        n = meeting.get("number")
        return (f"Netværksmøde {n}" if lang == "da" else f"Network meeting {n}") if n else \
            (meeting.get("network_name") or "")
    return label(BODIES, meeting["body"], lang)


# -- planning ------------------------------------------------------------------------------------
def pending_decisions(tx, project: dict[str, Any], body: str) -> list[Any]:
    """The decisions the project's current phase still needs from ``body``."""
    from nybureau.domain.vocabulary import SATISFYING_OUTCOMES

    spec = tx.workflow_spec(project["workflow_definition_id"])
    phase = spec.phase(project["phase"])
    if phase is None:
        return []
    facts = tx.facts(project)
    out = []
    for d in phase.decisions:
        if body not in d.by:
            continue
        ok = SATISFYING_OUTCOMES | ({"noted"} if d.allow_noted else set())
        if facts.decisions.get((d.id, body)) not in ok:
            out.append(d)
    return out


def _standing(key: str, position: int, **extra) -> dict[str, Any]:
    s = STANDING[key]
    rec = s.get("rec")
    return {"position": position, "standing": key, "title": None, "kind": s["kind"],
            "closed": False, "recommendations": [rec] if rec else None, **extra}


def plan_meeting(
    tx,
    owner: str,
    body: str,
    *,
    starts: Any,
    place: str | None = None,
    title: str | None = None,
    committee: str | None = None,
    duration_minutes: int | None = 120,
    minute_taker: str | None = None,
    participants: list[str] | None = None,
    apologies: list[str] | None = None,
    number: int | None = None,
    new_person: bool = False,
) -> dict[str, Any]:
    """Plan a meeting and write its agenda. ``owner`` is a project slug, or a network slug when
    ``body`` is ``network`` (then ``number`` says which network meeting, 1–4)."""
    from nybureau.services.documents import case_texts

    starts_at = parse_datetime(starts)
    place = check_text(place, "place", 500)
    title = check_text(title, "title", 500)
    committee = check_text(committee, "committee", 300)
    from nybureau.services.people import known_name, normalise, resolve_people

    minute_taker = known_name(tx, check_text(minute_taker, "minute-taker", 300), "minute-taker",
                              new_person=new_person)
    if duration_minutes is not None and (
            isinstance(duration_minutes, bool) or not isinstance(duration_minutes, int)
            or not 0 < duration_minutes <= 24 * 60):
        raise InvalidInput("The duration must be a whole number of minutes between 1 and 1440.",
                           "Varigheden skal være et helt antal minutter mellem 1 og 1440.")
    # in UTC: across a clock change a duration is elapsed time, not wall-clock time
    ends_at = ((_utc(starts_at) + timedelta(minutes=duration_minutes)).astimezone(TZ)
               if duration_minutes else None)
    items: list[dict[str, Any]] = []

    if body == "network":
        network = get_network(tx, owner)
        lo, hi = NUMBERED_ACTIVITIES["network_meeting"]
        if isinstance(number, bool) or not isinstance(number, int) or not lo <= number <= hi:
            raise InvalidInput(f"A network meeting needs --number between {lo} and {hi}.",
                               f"Et netværksmøde kræver --number mellem {lo} og {hi}.")
        project = None
        values = {"project_id": None, "network_id": network["id"], "number": number}
        projects = tx.project_list(network_id=network["id"])
        default_people = [(a["full_name"], _agent_role(a, p)) for p in projects
                          for a in tx.agents(p["id"])]
        opening, closing = STANDING_BY_BODY["network"]
        for key in opening:
            items.append(_standing(key, len(items) + 1))
        theme = NETWORK_THEMES[number]
        items.append({"position": len(items) + 1, "standing": "theme", "title": None,
                      "kind": "discussion", "closed": False,
                      "background": _both(theme["da"], theme["en"]), "recommendations": None})
        for p in projects:
            case = case_texts.network_project_case(tx, p)
            items.append({"position": len(items) + 1, "standing": "project_news",
                          "title": None, "kind": "discussion", "closed": False,
                          "subject_project_id": p["id"],
                          "background": _both(case["da"], case["en"]),
                          "recommendations": None})
        for key in closing:
            items.append(_standing(key, len(items) + 1))
    else:
        project = get_project(tx, owner)
        check_body(body)
        if number is not None:
            raise InvalidInput("--number is only used for network meetings.",
                               "--number bruges kun ved netværksmøder.")
        values = {"project_id": project["id"], "network_id": None, "number": None}
        default_people = [(m["full_name"], m["role"]) for m in tx.members(project["id"])
                          if m["body"] == body]
        opening, closing = STANDING_BY_BODY.get(body, _DEFAULT_STANDING)
        earlier = tx.meeting_previous({"project_id": project["id"], "network_id": None,
                                       "body": body, "starts_at": starts_at})
        for key in opening:
            if key == "approve_minutes" and earlier is None:
                continue  # the body's first meeting has no minutes to approve
            items.append(_standing(key, len(items) + 1))
        spec = tx.workflow_spec(project["workflow_definition_id"])
        for d in pending_decisions(tx, project, body):
            case = {lang: case_texts.decision_case_text(tx, project, spec, d.id, body, lang)
                    for lang in ("da", "en")}
            rec = case_texts.decision_recommendation(spec, d.id)
            items.append({
                "position": len(items) + 1, "standing": None, "title": None,
                "kind": "information" if d.allow_noted else "decision", "closed": False,
                "decision_key": d.id, "background": _both(case["da"], case["en"]),
                "recommendations": [rec],
            })
        status = {lang: case_texts.status_case_text(tx, project, lang) for lang in ("da", "en")}
        items.append(_standing("status", len(items) + 1,
                               background=_both(status["da"], status["en"])))
        for key in closing:
            items.append(_standing(key, len(items) + 1))

    if participants:
        people = [(normalise(n, "participant name"), None) for n in participants]
    else:
        people = default_people
    apology_names = [normalise(n, "name") for n in (apologies or [])]
    # every doubtful name refused before anything is written (defaults are existing persons)
    resolved = {p["full_name"]: p for p in resolve_people(
        tx, [n for n, _ in people] + apology_names, new_person=new_person,
        project_id=values["project_id"], network_id=values["network_id"])} \
        if (participants or apology_names) else {}
    people = [(_canonical(resolved, n), r) for n, r in people]
    apology_names = [_canonical(resolved, n) for n in apology_names]

    for other in tx.meeting_list(project_id=values["project_id"]) if project is not None else \
            tx.meeting_list(network_id=values["network_id"]):
        if other["status"] == "cancelled":
            continue  # a cancelled meeting's time and number are free to plan again
        same_time = other["body"] == body and aware(other["starts_at"]) == starts_at
        same_number = number is not None and other["number"] == number
        if same_time or same_number:
            what_en = f"network meeting {number}" if same_number else "a meeting of that body"
            what_da = f"netværksmøde {number}" if same_number else "et møde i det organ"
            raise AlreadyExists(
                f"There is already {what_en} at {aware(other['starts_at']):%Y-%m-%d %H:%M} "
                f"(meeting {other['id']}); see `nybureau meeting show {other['id']}`, or move "
                f"it with `nybureau meeting edit {other['id']} --date …`.",
                f"Der er allerede {what_da} {aware(other['starts_at']):%Y-%m-%d %H:%M} "
                f"(møde {other['id']}); se `nybureau meeting show {other['id']}`, eller flyt det "
                f"med `nybureau meeting edit {other['id']} --date …`.",
            )
    if project is not None:
        tx.project_touch(project)
    mid = tx.meeting_add(body=body, committee=committee, title=title, starts_at=_utc(starts_at),
                         ends_at=_utc(ends_at) if ends_at else None, place=place, minute_taker=minute_taker,
                         status="planned", approved_on=None, **values)
    seen: dict[str, str | None] = {}
    for name, role in people:
        seen.setdefault(name, role)
    for name, role in seen.items():
        person = _person(tx, name, values)
        attendance = "apology" if name in apology_names else "participant"
        tx.meeting_person_set(mid, person["id"], role, attendance)
    for name in apology_names:
        if name not in seen:
            tx.meeting_person_set(mid, _person(tx, name, values)["id"], None, "apology")
    for it in items:
        tx.item_add(mid, **it)
    after = {"body": body, "starts_at": starts_at, "place": place, "number": values["number"],
             "items": len(items), "participants": list(seen), "apologies": apology_names}
    tx.audit("meeting.plan", "meeting", mid, project_id=values["project_id"],
             network_id=values["network_id"], after=after)
    return show_meeting(tx, mid)


def _agent_role(agent: dict[str, Any], project: dict[str, Any]) -> str:
    title = agent.get("title")
    base = f"Dokumentationsagent, {project['municipality']}"
    return f"{base} ({title})" if title else base


def _person(tx, name: str, values: dict[str, Any], new_person: bool = False
            ) -> dict[str, Any]:
    from nybureau.services.people import resolve_person

    return resolve_person(tx, name, new_person=new_person, project_id=values["project_id"],
                          network_id=values["network_id"])


def _canonical(resolved: dict[str, dict[str, Any]], name: str) -> str:
    return resolved[name]["full_name"] if name in resolved else name


# -- reading -------------------------------------------------------------------------------------
def show_meeting(tx, meeting_id: Any) -> dict[str, Any]:
    meeting = get_meeting_row(tx, meeting_id)
    items = tx.items(meeting["id"])
    people = tx.meeting_people(meeting["id"])
    return {"meeting": meeting, "items": items, "people": people,
            "cancelled": cancellation(tx, meeting)}


def list_meetings(tx, project: str | None = None, network: str | None = None
                  ) -> list[dict[str, Any]]:
    if project:
        rows = tx.meeting_list(project_id=get_project(tx, project)["id"])
    elif network:
        rows = tx.meeting_list(network_id=get_network(tx, network)["id"])
    else:
        rows = tx.meeting_list()
    for r in rows:
        r["starts_at"] = aware(r["starts_at"])
        if r["ends_at"] is not None:
            r["ends_at"] = aware(r["ends_at"])
    return rows


# -- editing the agenda --------------------------------------------------------------------------
def add_item(
    tx,
    meeting_id: Any,
    *,
    title: str,
    kind: str = "decision",
    closed: bool = False,
    case_number: str | None = None,
    background: str | None = None,
    recommendations: list[str] | None = None,
    finances: str | None = None,
    decision: str | None = None,
    position: int | None = None,
) -> dict[str, Any]:
    meeting = get_meeting_row(tx, meeting_id)
    _refuse_if_approved(meeting)
    title = check_name(title, "title", 500)
    _check_kind(kind)
    if decision is not None:
        if meeting["project_slug"] is None:
            raise InvalidInput("Network meetings do not take a project's decisions.",
                               "Netværksmøder træffer ikke et projekts beslutninger.")
        project = get_project(tx, meeting["project_slug"])
        spec = tx.workflow_spec(project["workflow_definition_id"])
        if spec.decision(decision) is None:
            raise NotFound(
                f"The workflow '{spec.id}' has no decision '{decision}'. Its decisions are: "
                f"{', '.join(spec.decision_ids)}.",
                f"Workflowet '{spec.id}' har ingen beslutning '{decision}'. Dets beslutninger "
                f"er: {', '.join(spec.decision_ids)}.",
            )
    items = tx.items(meeting["id"])
    count = len(items)
    where = count + 1 if position is None else int(position)
    if not 1 <= where <= count + 1:
        raise InvalidInput(f"The position must be between 1 and {count + 1}.",
                           f"Placeringen skal være mellem 1 og {count + 1}.")
    _touch(tx, meeting)
    for it in items:
        if it["position"] >= where:
            tx.item_update(it["id"], position=it["position"] + 1)
    iid = tx.item_add(meeting["id"], position=where, standing=None, title=title, kind=kind,
                      closed=bool(closed), case_number=check_text(case_number, "case number"),
                      background=check_text(background, "background"),
                      recommendations=_clean_recommendations(recommendations),
                      finances=check_text(finances, "finances"), decision_key=decision)
    _audit(tx, "meeting.item.add", meeting, "agenda_item", iid,
           after={"meeting": meeting["id"], "number": where, "title": title, "kind": kind,
                  "closed": bool(closed), "decision": decision})
    return {"meeting": meeting["id"], "number": where, "title": title}


def move_item(tx, meeting_id: Any, number: Any, to: int) -> dict[str, Any]:
    meeting = get_meeting_row(tx, meeting_id)
    _refuse_if_approved(meeting)
    item = _item(tx, meeting, number)
    items = tx.items(meeting["id"])
    if not 1 <= int(to) <= len(items):
        raise InvalidInput(f"Move it to a number between 1 and {len(items)}.",
                           f"Flyt det til et nummer mellem 1 og {len(items)}.")
    _touch(tx, meeting)
    order = [it for it in items if it["id"] != item["id"]]
    order.insert(int(to) - 1, item)
    for pos, it in enumerate(order, start=1):
        if it["position"] != pos:
            tx.item_update(it["id"], position=pos)
    _audit(tx, "meeting.item.move", meeting, "agenda_item", item["id"],
           before={"number": item["position"]}, after={"number": int(to)})
    return {"meeting": meeting["id"], "from": item["position"], "to": int(to)}


def edit_item(tx, meeting_id: Any, number: Any, **changes) -> dict[str, Any]:
    """Change an item's title, type, open/closed, case number, sagsfremstilling, indstilling or
    økonomi. Only the given fields change."""
    meeting = get_meeting_row(tx, meeting_id)
    _refuse_if_approved(meeting)
    item = _item(tx, meeting, number)
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None:
            continue
        if key == "title":
            values["title"] = check_name(value, "title", 500)
        elif key == "kind":
            values["kind"] = _check_kind(value)
        elif key == "closed":
            values["closed"] = bool(value)
        elif key == "case_number":
            values["case_number"] = check_text(value, "case number")
        elif key in ("background", "finances"):
            values[key] = check_text(value, key)
        elif key == "recommendations":
            values["recommendations"] = _clean_recommendations(list(value)) or None
        else:
            raise InvalidInput(f"Unknown field '{key}'.", f"Ukendt felt '{key}'.")
    if not values:
        raise InvalidInput(
            "Nothing to change: give at least one of --title, --type, --open/--closed, --case, "
            "--background, --recommendation, --finances.",
            "Intet at ændre: angiv mindst én af --title, --type, --open/--closed, --case, "
            "--background, --recommendation, --finances.",
        )
    _touch(tx, meeting)
    tx.item_update(item["id"], **values)
    before = {k: item[k] for k in values}
    _audit(tx, "meeting.item.edit", meeting, "agenda_item", item["id"],
           before={"number": item["position"], **before},
           after={"number": item["position"], **values})
    return {"meeting": meeting["id"], "number": item["position"], "changed": sorted(values)}


def attach(tx, meeting_id: Any, number: Any, *, title: str, location: str,
           publishable: bool = True) -> dict[str, Any]:
    """Add an attachment (bilag) to an item: a file path or a link; publishable or not."""
    meeting = get_meeting_row(tx, meeting_id)
    _refuse_if_approved(meeting)
    item = _item(tx, meeting, number)
    title = check_name(title, "title", 500)
    location = check_location(location, "file or link", 1000)
    _touch(tx, meeting)
    aid = tx.attachment_add(item["id"], title, location, bool(publishable))
    _audit(tx, "meeting.attachment.add", meeting, "attachment", aid,
           after={"number": item["position"], "title": title, "location": location,
                  "publishable": bool(publishable)})
    return {"meeting": meeting["id"], "number": item["position"], "title": title}


def edit_meeting(tx, meeting_id: Any, *, starts: Any = None, place: str | None = None,
                 minute_taker: str | None = None, apologies: list[str] | None = None,
                 participants: list[str] | None = None, new_person: bool = False
                 ) -> dict[str, Any]:
    """Change the time, place or minute-taker; add participants or apologies (afbud)."""
    from nybureau.services.people import known_name, normalise, resolve_people

    meeting = get_meeting_row(tx, meeting_id)
    _refuse_if_approved(meeting)
    values: dict[str, Any] = {}
    if starts is not None:
        new_start = parse_datetime(starts)
        values["starts_at"] = _utc(new_start)
        if meeting["ends_at"] is not None:
            length = _utc(meeting["ends_at"]) - _utc(meeting["starts_at"])  # elapsed time
            values["ends_at"] = _utc(new_start) + length
    if place is not None:
        values["place"] = check_text(place, "place")
    if minute_taker is not None:
        values["minute_taker"] = known_name(tx, check_text(minute_taker, "minute-taker"),
                                            "minute-taker", new_person=new_person)
    people = tx.meeting_people(meeting["id"])
    roles = {p["full_name"]: p["role"] for p in people}
    changes_people = [(normalise(n, "name"), "participant") for n in participants or []] + \
        [(normalise(n, "name"), "apology") for n in apologies or []]
    if changes_people:
        resolved = {p["full_name"]: p for p in resolve_people(
            tx, [n for n, _ in changes_people], new_person=new_person,
            project_id=meeting["project_id"], network_id=meeting["network_id"])}
        changes_people = [(_canonical(resolved, n), a) for n, a in changes_people]
    if not values and not changes_people:
        raise InvalidInput(
            "Nothing to change: give --date, --place, --minute-taker, --participant or --apology.",
            "Intet at ændre: angiv --date, --place, --minute-taker, --participant eller "
            "--apology.",
        )
    _touch(tx, meeting)
    if values:
        tx.meeting_update(meeting["id"], **values)
    owner = {"project_id": meeting["project_id"], "network_id": meeting["network_id"]}
    for name, attendance in changes_people:
        tx.meeting_person_set(meeting["id"], _person(tx, name, owner)["id"], roles.get(name),
                              attendance)
    _audit(tx, "meeting.edit", meeting, "meeting", meeting["id"],
           before={k: meeting[k] for k in values},
           after={**values, "people": [{"name": n, "attendance": a} for n, a in changes_people]})
    return show_meeting(tx, meeting["id"])


# -- the meeting's outcome -----------------------------------------------------------------------
def record_outcome(tx, meeting_id: Any, number: Any, *, outcome: str,
                   text: str | None = None) -> dict[str, Any]:
    """Record an item's outcome once: the minutes, the gate decision (source meeting:<id>) and
    the audit history all come from this one record."""
    from nybureau.services.process import records

    meeting = get_meeting_row(tx, meeting_id)
    _refuse_if_approved(meeting)
    item = _item(tx, meeting, number)
    _refuse_if_not_started(tx, meeting)
    check_outcome(outcome)
    text = check_text(text, "text")
    if item["outcome"] is not None:
        raise AlreadyExists(
            f"Item {item['position']} of meeting {meeting['id']} already has its outcome "
            f"({label(OUTCOMES, item['outcome'], 'en')}); an outcome is recorded once. Until the "
            "minutes are approved, replace it with `nybureau meeting record "
            f"{meeting['id']} {item['position']} --outcome … --amend --reason …`; after that, "
            "correct it with a new item at a later meeting.",
            f"Punkt {item['position']} på møde {meeting['id']} har allerede sin beslutning "
            f"({label(OUTCOMES, item['outcome'], 'da')}); en beslutning registreres én gang. "
            "Indtil referatet er godkendt, kan den erstattes med `nybureau meeting record "
            f"{meeting['id']} {item['position']} --outcome … --amend --reason …`; derefter "
            "rettes den med et nyt punkt på et senere møde.",
        )
    decided_on = meeting["starts_at"].date()
    decision = None
    if item["decision_key"]:
        decision = records.record_decision(
            tx, meeting["project_slug"], item["decision_key"], by=[meeting["body"]],
            outcome=outcome, on=decided_on, note=text, source=f"meeting:{meeting['id']}")
    else:
        _touch(tx, meeting)
    tx.item_update(item["id"], outcome=outcome, decision_text=text, decided_at=tx.now)
    if meeting["status"] == "planned":
        tx.meeting_update(meeting["id"], status="held")
    approved_previous = None
    if item["standing"] == "approve_minutes" and outcome in ("approved", "approved_with_changes"):
        # approving the last meeting's minutes at this meeting approves them in nybureau too
        previous = tx.meeting_previous(meeting)
        if previous is not None and previous["status"] == "held":
            approve_minutes(tx, previous["id"], decided_on)
            approved_previous = previous["id"]
    _audit(tx, "meeting.item.record", meeting, "agenda_item", item["id"],
           after={"meeting": meeting["id"], "number": item["position"], "outcome": outcome,
                  "text": text, "decision": item["decision_key"],
                  "decision_ids": decision["ids"] if decision else []})
    return {"meeting": meeting["id"], "number": item["position"], "outcome": outcome,
            "decision": item["decision_key"], "decided_on": decided_on,
            "approved_previous": approved_previous,
            "warnings": decision["warnings"] if decision else []}


def approve_minutes(tx, meeting_id: Any, on: date | str | None = None) -> dict[str, Any]:
    """Approve the minutes (planned → held → minutes approved)."""
    meeting = get_meeting_row(tx, meeting_id)
    if meeting["status"] == "approved":
        raise AlreadyExists(
            f"The minutes of meeting {meeting['id']} were already approved on "
            f"{meeting['approved_on']}.",
            f"Referatet af møde {meeting['id']} blev allerede godkendt den "
            f"{meeting['approved_on']}.",
        )
    if meeting["status"] == "cancelled":
        raise InvalidInput(
            f"Meeting {meeting['id']} is cancelled; it was not held, so it has no minutes to "
            "approve.",
            f"Møde {meeting['id']} er aflyst; det blev ikke holdt, så der er intet referat at "
            "godkende.",
        )
    if meeting["status"] != "held":
        raise InvalidInput(
            f"Meeting {meeting['id']} has no recorded outcomes yet, so there are no minutes to "
            f"approve. Record them first: `nybureau meeting record {meeting['id']} ITEM "
            "--outcome …`.",
            f"Møde {meeting['id']} har endnu ingen registrerede beslutninger, så der er intet "
            f"referat at godkende. Registrér dem først: `nybureau meeting record "
            f"{meeting['id']} PUNKT --outcome …`.",
        )
    _refuse_if_not_started(tx, meeting)
    approved = parse_date(on) if on is not None else copenhagen_today(tx)
    refuse_future(tx, approved,
                  "minutes are approved when they have been approved; give the date they were "
                  "approved with --date.",
                  "et referat registreres som godkendt, når det er godkendt; angiv med --date "
                  "den dato, det blev godkendt.")
    if approved < meeting["starts_at"].date():
        raise InvalidInput(
            f"The minutes cannot be approved ({approved}) before the meeting was held "
            f"({meeting['starts_at'].date()}).",
            f"Referatet kan ikke godkendes ({approved}), før mødet er holdt "
            f"({meeting['starts_at'].date()}).",
        )
    _touch(tx, meeting)
    tx.meeting_update(meeting["id"], status="approved", approved_on=approved)
    _audit(tx, "meeting.approve", meeting, "meeting", meeting["id"],
           before={"status": meeting["status"]},
           after={"status": "approved", "approved_on": approved})
    return {"meeting": meeting["id"], "approved_on": approved}


# -- cancelling ----------------------------------------------------------------------------------
def cancel_meeting(tx, meeting_id: Any, reason: str, on: date | str | None = None
                   ) -> dict[str, Any]:
    """Cancel (aflyse) a planned meeting: its status becomes ``cancelled`` and it can no longer
    be changed; its items' decisions were never taken, so the phase gate does not see it.

    The meeting table has no column for a note (``title`` is the meeting's own title), so the
    reason and the date of the cancellation are kept in the ``meeting.cancel`` audit event's
    ``after`` only; :func:`cancellation` reads them back. The invitation that tells the
    attendees about it (``meeting ics``) does not print the reason."""
    meeting = get_meeting_row(tx, meeting_id)
    if meeting["status"] == "cancelled":
        raise AlreadyExists(
            f"Meeting {meeting['id']} is already cancelled. Send the cancellation to the "
            f"attendees with `nybureau meeting ics {meeting['id']}`.",
            f"Møde {meeting['id']} er allerede aflyst. Send aflysningen til deltagerne med "
            f"`nybureau meeting ics {meeting['id']}`.",
        )
    if meeting["status"] != "planned":
        state_en, state_da = (("its minutes are approved", "referatet er godkendt")
                              if meeting["status"] == "approved" else
                              ("outcomes are recorded from it", "der er registreret "
                               "beslutninger fra det"))
        raise InvalidInput(
            f"Meeting {meeting['id']} was held ({state_en}), so it cannot be cancelled; only a "
            "planned meeting can. If an outcome was recorded by mistake, correct it with a new "
            "item at a later meeting.",
            f"Møde {meeting['id']} er holdt ({state_da}), så det kan ikke aflyses; kun et "
            "planlagt møde kan. Er en beslutning registreret ved en fejl, rettes den med et nyt "
            "punkt på et senere møde.",
        )
    reason = check_name(reason, "reason", 2000)
    cancelled_on = parse_date(on) if on is not None else tx.now.date()
    if cancelled_on > tx.now.date():
        raise InvalidInput(
            f"The cancellation date {cancelled_on} is in the future; give the day the meeting "
            "was cancelled (default: today).",
            f"Aflysningsdatoen {cancelled_on} ligger i fremtiden; angiv den dag, mødet blev "
            "aflyst (standard: i dag).",
        )
    _touch(tx, meeting)
    tx.meeting_update(meeting["id"], status="cancelled")
    _audit(tx, "meeting.cancel", meeting, "meeting", meeting["id"],
           before={"status": meeting["status"]},
           after={"status": "cancelled", "cancelled_on": cancelled_on, "reason": reason})
    return {"meeting": meeting["id"], "cancelled_on": cancelled_on, "reason": reason}


def refuse_document_of_cancelled(meeting: dict[str, Any], document: str) -> None:
    """A cancelled meeting has no agenda to send and no minutes: rendering either is refused
    and points to the cancellation notice (``meeting ics``) instead."""
    if meeting["status"] == "cancelled":
        what_en, what_da = (("agenda", "dagsorden") if document == "agenda" else
                            ("minutes", "referat"))
        raise InvalidInput(
            f"Meeting {meeting['id']} is cancelled, so it has no {what_en} to render. The "
            f"cancellation for the attendees is `nybureau meeting ics {meeting['id']}`.",
            f"Møde {meeting['id']} er aflyst, så der er ingen {what_da} at danne. Aflysningen "
            f"til deltagerne dannes med `nybureau meeting ics {meeting['id']}`.",
        )


def cancellation(tx, meeting: dict[str, Any]) -> dict[str, Any] | None:
    """When and why a cancelled meeting was cancelled (from its ``meeting.cancel`` event);
    None for a meeting that is not cancelled."""
    if meeting["status"] != "cancelled":
        return None
    events = tx.admin_rows("audit_event", where={"entity": "meeting",
                                                 "entity_id": meeting["id"],
                                                 "action": "meeting.cancel"})
    after = json.loads(events[-1]["after"]) if events and events[-1]["after"] else {}
    on = after.get("cancelled_on")
    return {"on": date.fromisoformat(on) if on else None, "reason": after.get("reason")}
