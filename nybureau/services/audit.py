"""``nybureau audit verify``: check the tamper-evident history.

Every audit event stores ``prev_hash`` (the hash of the event before it; the first one links to
64 zeros) and ``hash`` = sha256 over ``prev_hash`` and the event's own fields
(:func:`nybureau.persistence.repository.event_hash`, the same function that writes the chain).
Verification walks the events in order and reports the first event where

* ``prev_hash`` is not the hash of the event before it (an event was deleted, inserted or
  re-ordered), or
* the event's fields no longer give its stored hash (it was edited after it was written).

Erasure under GDPR (``nybureau person forget``) is the one sanctioned rewrite. It replaces a name
in old events' payloads but leaves every stored ``hash`` and ``prev_hash`` as it was, so the
links — and any head hash someone noted down earlier — stay valid. The erasure is itself an
event (``person.forget``) appended to the chain, and its payload lists, for every event it
rewrote, the hash of the rewritten fields (``redacted: {event id: digest}``). Verification
accepts a rewritten event only if a later, itself intact ``person.forget`` event vouches for
exactly its current content; editing a redacted event afterwards, or the erasure event, is
caught like any other edit.

Deleting events at the very end leaves a shorter but consistent chain; to notice that, note the
head hash that ``audit verify`` prints and later check it with ``--head HASH``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from nybureau.errors import InvalidInput

FORGET_ACTION = "person.forget"


def _iso_utc(value: Any) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a stored event that its hash covers, as ``Tx.audit`` hashed them."""
    return {
        "at": _iso_utc(row["at"]), "actor": row["actor"], "action": row["action"],
        "project_id": row["project_id"], "network_id": row["network_id"],
        "entity": row["entity"], "entity_id": row["entity_id"],
        "before": row["before"], "after": row["after"],
    }


def content_digest(row: dict[str, Any]) -> str:
    from nybureau.persistence.chain import event_hash

    return event_hash(row["prev_hash"], hashed_fields(row))


def _redactions(rows: list[dict[str, Any]]) -> dict[int, tuple[str, int]]:
    """event id → (vouched digest, id of the erasure event vouching for it); later wins."""
    out: dict[int, tuple[str, int]] = {}
    for row in rows:
        if row["action"] != FORGET_ACTION or not row["after"]:
            continue
        try:
            redacted = json.loads(row["after"]).get("redacted") or {}
        except (ValueError, AttributeError):
            continue
        for key, digest in redacted.items():
            try:
                out[int(key)] = (str(digest), row["id"])
            except (TypeError, ValueError):
                continue
    return out


def verify_rows(rows: list[dict[str, Any]], head: str | None = None) -> dict[str, Any]:
    from nybureau.persistence.chain import GENESIS_HASH

    redactions = _redactions(rows)
    intact: set[int] = set()
    prev_hash = GENESIS_HASH
    prev_id: int | None = None
    broken: dict[str, Any] | None = None
    redacted = 0
    positions: dict[str, int] = {}
    for row in rows:
        eid = row["id"]
        if row["prev_hash"] != prev_hash:
            broken = {
                "id": eid, "action": row["action"], "problem": "link",
                "en": (f"event {eid} ({row['action']}) does not link to the event before it "
                       + (f"(event {prev_id})" if prev_id is not None else "(the start)")
                       + ": an event was deleted, inserted or moved here"),
                "da": (f"hændelse {eid} ({row['action']}) hænger ikke sammen med hændelsen før "
                       + (f"(hændelse {prev_id})" if prev_id is not None else "(starten)")
                       + ": en hændelse er slettet, indsat eller flyttet her"),
            }
            break
        digest = content_digest(row)
        if digest != row["hash"]:
            vouched = redactions.get(eid)
            if vouched is None or vouched[0] != digest or vouched[1] <= eid:
                broken = {
                    "id": eid, "action": row["action"], "problem": "content",
                    "en": (f"event {eid} ({row['action']}) was changed after it was written: "
                           "its content no longer matches its hash"),
                    "da": (f"hændelse {eid} ({row['action']}) er ændret, efter den blev skrevet: "
                           "indholdet passer ikke længere med dens hash"),
                }
                break
            redacted += 1
        intact.add(eid)
        positions[row["hash"]] = eid
        prev_hash = row["hash"]
        prev_id = eid
    if broken is None:
        # an erasure vouches only if it is itself part of the intact chain
        for eid, (_, by) in redactions.items():
            if by not in intact:
                broken = {"id": by, "action": FORGET_ACTION, "problem": "content",
                          "en": f"the erasure event {by} is missing",
                          "da": f"sletningshændelsen {by} mangler"}
                break
    result = {
        "ok": broken is None,
        "events": len(rows),
        "checked": len(intact),
        "redacted": redacted,
        "head": rows[-1]["hash"] if rows else GENESIS_HASH,
        "first_broken": broken,
    }
    if head is not None and broken is None:
        if head not in positions and not (head == GENESIS_HASH):
            result["ok"] = False
            result["first_broken"] = {
                "id": None, "action": None, "problem": "head",
                "en": (f"the head hash {head[:12]}… you noted is not in the history any more: "
                       "events at the end were removed"),
                "da": (f"den noterede hash {head[:12]}… findes ikke længere i historikken: "
                       "hændelser i slutningen er fjernet"),
            }
        else:
            result["head_at"] = positions.get(head)
    return result


def verify(tx, head: str | None = None) -> dict[str, Any]:
    """Walk the whole chain; ``head``: a hash noted earlier that must still be in it."""
    if head is not None:
        head = head.strip().lower()
        if len(head) != 64 or any(c not in "0123456789abcdef" for c in head):
            raise InvalidInput("--head must be a 64-character hash as printed by `audit verify`.",
                               "--head skal være en hash på 64 tegn som vist af `audit verify`.")
    rows = tx.admin_audit_rows()
    result = verify_rows(rows, head)
    if result["ok"]:
        _verify_imported(tx, rows, result)
    return result


def _verify_imported(tx, rows: list[dict[str, Any]], result: dict[str, Any]) -> None:
    """History imported from other databases (kept apart from the chain) verifies against its
    import batches, and each batch against the local event that vouches for it."""
    from nybureau.services.imported_history import verify_imported

    problem = verify_imported(tx, rows)
    if problem is not None:
        result["ok"] = False
        result["first_broken"] = problem
