"""The audit history's hash chain: each event carries the hash of the one before it.

Plain functions on the standard library, shared by the repository (which appends events), the
batch and admin mixins, and ``audit verify`` (which recomputes them).

Two hash schemes exist; ``audit_event.scheme`` says which one an event was written with:

* **scheme 1** (``scheme`` empty: events written before revision 0004): ``event_hash`` —
  sha256 over the previous hash and the event's fields, the payloads as their JSON text.
* **scheme 2** (every event written since): the same, except that the ``actor`` and each
  top-level key of the ``before``/``after`` payloads enter as the sha256 of their canonical JSON
  (:func:`path_digests`). Nothing else changes: one more sha256 per actor and payload key. This
  is what lets ``person forget`` prove that it changed only the name-bearing parts of an old
  event: it records, per rewritten path ("actor", "after.note" …), the digest before and after,
  and verification puts the original digests back in place of those paths and must arrive at the
  event's stored hash — any other change breaks it (:func:`event_digest` with ``original``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
import json
from functools import lru_cache
from json.encoder import encode_basestring as _encode_str  # what _chain_json does with a str
from typing import Any

GENESIS_HASH = "0" * 64
CURRENT_SCHEME = 2  # what new events are written with

_sha256 = hashlib.sha256
_chain_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str,
                               separators=(",", ":")).encode
_DIGESTED = ("before", "after")


def _json(value: Any) -> str | None:
    """A value as the audit history stores it: JSON with sorted keys (None stays None)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """The audit chain's link in scheme 1: sha256 over the previous hash and the event's own
    fields."""
    payload = json.dumps([prev_hash, fields], ensure_ascii=False, sort_keys=True, default=str,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def value_digest(value: Any) -> str:
    """sha256 of a value's canonical JSON (sorted keys, no spaces, UTF-8)."""
    if type(value) is str:
        return _str_digest(value)
    return _sha256(_chain_json(value).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4096)
def _str_digest(value: str) -> str:
    # codes (bodies, outcomes, phases, dates) and actors repeat from event to event
    return _sha256(_encode_str(value).encode("utf-8")).hexdigest()


def _payload_form(value: Any) -> Any:
    """A payload as scheme 2 hashes it: a dict becomes {key: digest of its value} (so its keys
    stay visible and fixed); anything else the digest of the whole value; None stays None."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): value_digest(v) for k, v in value.items()}
    return value_digest(value)


def _parsed(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text  # not JSON (only a damaged or hand-made row): hashed as the text itself


def event_digest(prev_hash: str, fields: dict[str, Any], scheme: int | None, *,
                 payloads: tuple[Any, Any] | None = None,
                 original: dict[str, str] | None = None) -> str:
    """The hash of an event with ``fields`` (at, actor, action, …, before/after as JSON text)
    after ``prev_hash``, in ``scheme`` (None or 1: :func:`event_hash`; 2: per-path digests).

    ``payloads``: the before/after values themselves when the caller has them (saves parsing
    the JSON text again). ``original``: path → digest to use instead of the path's current
    value (how verification checks an erasure's claim; see :func:`path_digests`)."""
    if not scheme or scheme == 1:
        return event_hash(prev_hash, fields)
    if scheme != 2:
        return ""  # unknown scheme: matches no stored hash
    form = dict(fields)
    form["actor"] = value_digest(fields["actor"])
    for i, side in enumerate(_DIGESTED):
        value = payloads[i] if payloads is not None else _parsed(fields[side])
        form[side] = _payload_form(value)
    if original:
        for path, digest in original.items():
            side, _, key = path.partition(".")
            if path == "actor":
                form["actor"] = digest
            elif side in _DIGESTED and key and isinstance(form[side], dict) \
                    and key in form[side]:
                form[side][key] = digest
            elif side in _DIGESTED and not key and isinstance(form[side], str):
                form[side] = digest
            else:
                return ""  # a path the event does not have: no claim about it can hold
    return _sha256(_chain_json([prev_hash, 2, form]).encode("utf-8")).hexdigest()


def path_digests(row: dict[str, Any]) -> dict[str, str]:
    """path → digest of the parts of a stored event that scheme 2 digests one by one: "actor",
    and "before.KEY"/"after.KEY" for each top-level key of a dict payload (or "before"/"after"
    for a payload that is not a dict)."""
    out = {"actor": value_digest(row["actor"])}
    for side in _DIGESTED:
        value = _parsed(row[side])
        if isinstance(value, dict):
            out.update({f"{side}.{k}": value_digest(v) for k, v in value.items()})
        elif value is not None:
            out[side] = value_digest(value)
    return out


def _iso_utc(value: Any) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a stored event that its hash covers, as ``Tx.audit`` hashed them."""
    fields = {
        "at": _iso_utc(row["at"]), "actor": row["actor"], "action": row["action"],
        "project_id": row["project_id"], "network_id": row["network_id"],
        "entity": row["entity"], "entity_id": row["entity_id"],
        "before": row["before"], "after": row["after"],
    }
    if row.get("state") is not None:  # the state seal (nybureau/persistence/seal.py)
        fields["state"] = row["state"]
    return fields


def content_digest(row: dict[str, Any], original: dict[str, str] | None = None) -> str:
    """The hash the event's current content gives, in the scheme it was written with;
    ``original``: path → digest used instead of that path's current value (scheme 2)."""
    return event_digest(row["prev_hash"], hashed_fields(row), row.get("scheme"),
                        original=original)
