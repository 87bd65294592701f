"""The audit history's hash chain: each event carries the hash of the one before it.

Plain functions on the standard library, shared by the repository (which appends events), the
batch and admin mixins, and ``audit verify`` (which recomputes them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64


def _json(value: Any) -> str | None:
    """A value as the audit history stores it: JSON with sorted keys (None stays None)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """The audit chain's link: sha256 over the previous hash and the event's own fields."""
    payload = json.dumps([prev_hash, fields], ensure_ascii=False, sort_keys=True, default=str,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
