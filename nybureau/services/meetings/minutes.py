"""A meeting's outcome: each item's outcome recorded once, and the minutes approved.

One recorded outcome feeds three things: the minutes (the item's *beslutning*), the decision the
phase gate counts (through :func:`nybureau.services.process.record_decision` with the source
``meeting:<id>``), and the audit history. Recording the first outcome makes a planned meeting
*held*; approving its minutes makes it *approved* (:mod:`nybureau.domain.meetings`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain import meetings as rules
from nybureau.domain.vocabulary import OUTCOMES, label
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.services.common import (
    check_outcome,
    check_text,
    copenhagen_today,
    parse_date,
    refuse_future,
)
from nybureau.services.meetings._shared import (
    audit,
    get_item,
    get_meeting_row,
    refuse_if_not_started,
    refuse_unless_open,
    touch,
)


def record_outcome(tx, meeting_id: Any, number: Any, *, outcome: str,
                   text: str | None = None) -> dict[str, Any]:
    """Record an item's outcome once: the minutes, the gate decision (source meeting:<id>) and
    the audit history all come from this one record."""
    from nybureau.services.process import records

    meeting = get_meeting_row(tx, meeting_id)
    refuse_unless_open(meeting, "outcome")
    item = get_item(tx, meeting, number)
    refuse_if_not_started(tx, meeting)
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
        touch(tx, meeting)
    tx.item_update(item["id"], outcome=outcome, decision_text=text, decided_at=tx.now)
    held = rules.transition(meeting["status"], "record")
    if held != meeting["status"]:
        tx.meeting_update(meeting["id"], status=held)
    approved_previous = None
    if item["standing"] == "approve_minutes" and outcome in ("approved", "approved_with_changes"):
        # approving the last meeting's minutes at this meeting approves them in nybureau too
        previous = tx.meeting_previous(meeting)
        if previous is not None and rules.transition(previous["status"], "approve"):
            approve_minutes(tx, previous["id"], decided_on)
            approved_previous = previous["id"]
    audit(tx, "meeting.item.record", meeting, "agenda_item", item["id"],
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
    if meeting["status"] == rules.APPROVED:
        raise AlreadyExists(
            f"The minutes of meeting {meeting['id']} were already approved on "
            f"{meeting['approved_on']}.",
            f"Referatet af møde {meeting['id']} blev allerede godkendt den "
            f"{meeting['approved_on']}.",
        )
    if meeting["status"] == rules.CANCELLED:
        raise InvalidInput(
            f"Meeting {meeting['id']} is cancelled; it was not held, so it has no minutes to "
            "approve.",
            f"Møde {meeting['id']} er aflyst; det blev ikke holdt, så der er intet referat at "
            "godkende.",
        )
    if rules.transition(meeting["status"], "approve") is None:
        raise InvalidInput(
            f"Meeting {meeting['id']} has no recorded outcomes yet, so there are no minutes to "
            f"approve. Record them first: `nybureau meeting record {meeting['id']} ITEM "
            "--outcome …`.",
            f"Møde {meeting['id']} har endnu ingen registrerede beslutninger, så der er intet "
            f"referat at godkende. Registrér dem først: `nybureau meeting record "
            f"{meeting['id']} PUNKT --outcome …`.",
        )
    refuse_if_not_started(tx, meeting)
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
    touch(tx, meeting)
    tx.meeting_update(meeting["id"], status=rules.APPROVED, approved_on=approved)
    audit(tx, "meeting.approve", meeting, "meeting", meeting["id"],
          before={"status": meeting["status"]},
          after={"status": "approved", "approved_on": approved})
    return {"meeting": meeting["id"], "approved_on": approved}
