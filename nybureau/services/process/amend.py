"""Corrections: amending a meeting item's outcome (and the gate decisions derived from it) while
the minutes are not approved. (Voiding a record: :mod:`.voids`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.domain.vocabulary import OUTCOMES, label
from nybureau.errors import InvalidInput
from nybureau.i18n import Msg
from nybureau.services.common import check_outcome, check_text
from nybureau.services.process.voids import check_reason

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def amend_outcome(tx: Tx, meeting_id: Any, number: Any, *, outcome: str, text: str | None,
                  reason: Any) -> dict[str, Any]:
    """Replace an item's recorded outcome (and the gate decision derived from it) while the
    minutes are not approved."""
    from nybureau.services import meetings as ms

    meeting = ms.get_meeting_row(tx, meeting_id)
    ms._refuse_if_cancelled(meeting)
    if meeting["status"] == "approved":
        raise InvalidInput(
            Msg("The minutes of meeting {id} are approved; record a correction as a new "
                "item on the next meeting.", id=meeting['id']))
    item = ms._item(tx, meeting, number)
    check_outcome(outcome)
    text = check_text(text, "text")
    reason = check_reason(reason)
    if item["outcome"] is None and item["decision_text"] is None:
        raise InvalidInput(
            Msg("Item {position} of meeting {id} has no outcome yet, so there "
                "is nothing to amend; record it without --amend.", position=item['position'],
                id=meeting['id']))
    if item["standing"] == "approve_minutes":
        raise InvalidInput(
            Msg("Item {position} of meeting {id} approves the last meeting's "
                "minutes; that cannot be amended. Record a correction as a new item on the next "
                "meeting.", position=item['position'], id=meeting['id']))
    if item["outcome"] == outcome and (item["decision_text"] or None) == text:
        raise InvalidInput(
            Msg("Item {position} of meeting {id} already has this outcome "
                "({label}); nothing to amend.", position=item['position'], id=meeting['id'],
                label=label(OUTCOMES, outcome, 'en'), label_2=label(OUTCOMES, outcome, 'da')))
    source = f"meeting:{meeting['id']}"
    decision_ids = tx.item_decision_ids(item["id"])
    changed = []
    ms._touch(tx, meeting)
    for did in decision_ids:
        d = tx.decision_get(did)
        if d is None or d["voided_at"] is not None or d["source"] != source:
            continue
        tx.decision_update(did, outcome=outcome, note=text)
        tx.audit("decision.amend", "decision", did, project_id=meeting["project_id"],
                 before={"outcome": d["outcome"], "note": d["note"]},
                 after={"outcome": outcome, "note": text, "source": source, "reason": reason})
        changed.append(did)
    tx.item_update(item["id"], outcome=outcome, decision_text=text, decided_at=tx.now)
    ms._audit(tx, "meeting.item.amend", meeting, "agenda_item", item["id"],
              before={"outcome": item["outcome"], "text": item["decision_text"]},
              after={"meeting": meeting["id"], "number": item["position"], "outcome": outcome,
                     "text": text, "decision": item["decision_key"], "decision_ids": changed,
                     "reason": reason})
    return {"meeting": meeting["id"], "number": item["position"], "outcome": outcome,
            "previous": item["outcome"], "decision": item["decision_key"],
            "decision_ids": changed}
