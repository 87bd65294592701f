"""Corrections: amending a meeting item's outcome (and the gate decisions derived from it) while
the minutes are not approved. (Voiding a record: :mod:`.voids`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nybureau.domain.vocabulary import OUTCOMES, label
from nybureau.errors import InvalidInput
from nybureau.services.common import check_outcome, check_text
from nybureau.services.process.voids import check_reason

if TYPE_CHECKING:
    from nybureau.persistence.repository import Tx


def amend_outcome(tx: Tx, meeting_id: Any, number: Any, *, outcome: str, text: str | None,
                  reason: Any) -> dict[str, Any]:
    """Replace an item's recorded outcome (and the gate decision derived from it) while the
    minutes are not approved."""
    from nybureau.services import meetings as ms

    meeting = ms.get_meeting_row(tx, meeting_id)
    ms._refuse_if_cancelled(meeting)
    if meeting["status"] == "approved":
        raise InvalidInput(
            f"The minutes of meeting {meeting['id']} are approved; record a correction as a new "
            "item on the next meeting.",
            f"Referatet af møde {meeting['id']} er godkendt; registrér en rettelse som et nyt "
            "punkt på det næste møde.")
    item = ms._item(tx, meeting, number)
    check_outcome(outcome)
    text = check_text(text, "text")
    reason = check_reason(reason)
    if item["outcome"] is None:
        raise InvalidInput(
            f"Item {item['position']} of meeting {meeting['id']} has no outcome yet, so there "
            f"is nothing to amend; record it without --amend.",
            f"Punkt {item['position']} på møde {meeting['id']} har endnu ingen beslutning, så "
            "der er intet at ændre; registrér den uden --amend.")
    if item["standing"] == "approve_minutes":
        raise InvalidInput(
            f"Item {item['position']} of meeting {meeting['id']} approves the last meeting's "
            "minutes; that cannot be amended. Record a correction as a new item on the next "
            "meeting.",
            f"Punkt {item['position']} på møde {meeting['id']} godkender referatet af sidste "
            "møde; det kan ikke ændres. Registrér en rettelse som et nyt punkt på det næste "
            "møde.")
    if item["outcome"] == outcome and (item["decision_text"] or None) == text:
        raise InvalidInput(
            f"Item {item['position']} of meeting {meeting['id']} already has this outcome "
            f"({label(OUTCOMES, outcome, 'en')}); nothing to amend.",
            f"Punkt {item['position']} på møde {meeting['id']} har allerede denne beslutning "
            f"({label(OUTCOMES, outcome, 'da')}); intet at ændre.")
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
