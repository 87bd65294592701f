"""A meeting's outcome: each item's outcome recorded once, and the minutes approved.

One recorded outcome feeds three things: the minutes (the item's *beslutning*), the decision the
phase gate counts (through :func:`nybureau.services.process.record_decision` with the source
``meeting:<id>``), and the audit history. Recording the first outcome makes a planned meeting
*held*; approving its minutes makes it *approved* (:mod:`nybureau.domain.meetings`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from nybureau.domain import meetings as rules
from nybureau.domain.vocabulary import OUTCOMES, SATISFYING_OUTCOMES, label
from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
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


def record_outcome(tx, meeting_id: Any, number: Any, *, outcome: str | None,
                   text: str | None = None) -> dict[str, Any]:
    """Record an item's outcome once: the minutes, the gate decision (source meeting:<id>) and
    the audit history all come from this one record.

    Every kind of item can be minuted, the standing ones too: a decision item with godkendt,
    tiltrådt …, a discussion with *drøftet* and what was said, an information item with
    *orienteret* or *taget til efterretning*. An item without a decision of the workflow may
    also carry only its text (``outcome`` None: "Intet." under *Eventuelt*, what may be told
    from the meeting under *Kommunikation fra mødet*). An item that puts one of the workflow's
    decisions always needs an outcome: that is what the phase gate counts."""
    from nybureau.services.process import records

    meeting = get_meeting_row(tx, meeting_id)
    refuse_unless_open(meeting, "outcome")
    item = get_item(tx, meeting, number)
    refuse_if_not_started(tx, meeting)
    if outcome is not None:
        check_outcome(outcome)
    text = check_text(text, "text")
    if outcome is None and item["decision_key"]:
        raise InvalidInput(
            Msg("Item {position} of meeting {id} puts a decision of the workflow to the "
                "meeting, so its minutes need an outcome: give --outcome (e.g. approved, "
                "agreed, postponed).", position=item['position'], id=meeting['id']))
    if outcome is None and text is None:
        raise InvalidInput(
            Msg("Give the item's outcome (--outcome), its text in the minutes (--text) or "
                "both."))
    if item["outcome"] is not None:
        raise AlreadyExists(
            Msg("Item {position} of meeting {id} already has its outcome "
                "({label}); an outcome is recorded once. Until the "
                "minutes are approved, replace it with `nybureau meeting record "
                "{id} {position} --outcome … --amend --reason …`; after that, "
                "correct it with a new item at a later meeting.", position=item['position'],
                id=meeting['id'], label=label(OUTCOMES, item['outcome'], 'en'),
                label_2=label(OUTCOMES, item['outcome'], 'da')),
        )
    if item["decision_text"] is not None:
        raise AlreadyExists(
            Msg("Item {position} of meeting {id} is already minuted; its minutes are recorded "
                "once. Until the minutes are approved, replace them with `nybureau meeting "
                "record {id} {position} --outcome … --amend --reason …`.",
                position=item['position'], id=meeting['id']))
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
    if item["standing"] == "approve_minutes" and outcome in SATISFYING_OUTCOMES:
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
            Msg("The minutes of meeting {id} were already approved on "
                "{approved_on}.", id=meeting['id'], approved_on=meeting['approved_on']),
        )
    if meeting["status"] == rules.CANCELLED:
        raise InvalidInput(
            Msg("Meeting {id} is cancelled; it was not held, so it has no minutes to "
                "approve.", id=meeting['id']),
        )
    if rules.transition(meeting["status"], "approve") is None:
        raise InvalidInput(
            Msg("Meeting {id} has no recorded outcomes yet, so there are no minutes to "
                "approve. Record them first: `nybureau meeting record {id} ITEM "
                "--outcome …`.", id=meeting['id']),
        )
    refuse_if_not_started(tx, meeting)
    approved = parse_date(on) if on is not None else copenhagen_today(tx)
    refuse_future(tx, approved,
                  Msg("minutes are approved when they have been approved; give the date they were "
                      "approved with --date."))
    if approved < meeting["starts_at"].date():
        raise InvalidInput(
            Msg("The minutes cannot be approved ({approved}) before the meeting was held "
                "({starts_at}).", approved=approved, starts_at=meeting['starts_at'].date()),
        )
    touch(tx, meeting)
    tx.meeting_update(meeting["id"], status=rules.APPROVED, approved_on=approved)
    audit(tx, "meeting.approve", meeting, "meeting", meeting["id"],
          before={"status": meeting["status"]},
          after={"status": "approved", "approved_on": approved})
    return {"meeting": meeting["id"], "approved_on": approved}
