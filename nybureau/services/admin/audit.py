"""``nybureau audit verify``: check the tamper-evident history.

Every audit event stores ``prev_hash`` (the hash of the event before it; the first one links to
64 zeros) and ``hash`` = sha256 over ``prev_hash`` and the event's own fields, in the hash
scheme the event names in ``scheme`` (:func:`nybureau.persistence.chain.event_digest`, the same
function that writes the chain).
Verification walks the events in order and reports the first event where

* ``prev_hash`` is not the hash of the event before it (an event was deleted, inserted or
  re-ordered), or
* the event's fields no longer give its stored hash (it was edited after it was written).

Erasure under GDPR (``nybureau person forget``) is the one sanctioned rewrite. It replaces a name
in old events' payloads and actors but leaves every stored ``hash`` and ``prev_hash`` as it was,
so the links — and any head hash someone noted down earlier — stay valid. The erasure is itself
an event (``person.forget``) appended to the chain, and its payload vouches for what it rewrote:

* events written with hash scheme 2 (every event since revision 0004, see
  :mod:`nybureau.persistence.chain`): ``redacted_paths: {event id: {path: [digest before,
  digest after]}}`` names exactly the parts it changed — "actor", or a top-level key of the
  before/after payload that is free text (never a code such as ``body``, ``outcome``,
  ``phase``). Verification puts the "before" digests in place of those paths and must arrive
  at the event's stored hash, so a change to *any other* part is caught; each listed part must
  now hold exactly the "after" digest (later edits are caught) and contain the pseudonym the
  erasure introduced ("Slettet person #<id>", the id being the erased person's) or "(e-mail
  slettet)". Several erasures of one event chain their digests (after of one = before of the
  next).
* events written before (scheme 1, ``scheme`` empty): ``redacted: {event id: digest}`` vouches
  for the event's whole current content, as it did before 0004. This is weaker — it cannot
  tell which field an erasure changed — so it applies only to those older events: a rewritten
  old event must also contain the erasure's pseudonym, and a scheme-2 event is never accepted
  this way.

An erasure vouches only if it comes after the event and is itself part of the intact chain;
editing a redacted event afterwards, or the erasure event, is caught like any other edit. What
an appended, forged erasure can still do is reword a free-text part of an old event as long as
the new text names a pseudonym; it cannot change a code, a date, an id or any unlisted part.

Deleting events at the very end leaves a shorter but consistent chain; to notice that, note the
head hash that ``audit verify`` prints and later check it with ``--head HASH``.

The chain also covers the *state* (:mod:`nybureau.persistence.seal`): the last event of every
write transaction carries ``state``, a digest over the ``row_seal`` entries of the rows that
transaction wrote, and its hash covers ``state`` (only when not NULL, so older events verify
unchanged). Once the chain is intact, :func:`verify_state` checks every event's ``state``
against its seal entries and the current rows against the folded seals, and names the first
row that was added, changed or deleted without an event in the history.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

FORGET_ACTION = "person.forget"


# What an event's hash covers, and recomputing it, live with the chain (persistence/chain.py):
# the writers, the state seal and this verification use the one definition.
from nybureau.persistence.chain import content_digest, hashed_fields  # noqa: E402,F401


FORGET_PSEUDONYM = "Slettet person #{id}"
EMAIL_ERASED = "(e-mail slettet)"


class _Voucher:
    """What one ``person.forget`` event claims about one event it rewrote."""

    __slots__ = ("by", "pseudonym", "digest", "paths")

    def __init__(self, by: int, pseudonym: str, digest: str | None,
                 paths: dict[str, list[str]] | None) -> None:
        self.by, self.pseudonym, self.digest, self.paths = by, pseudonym, digest, paths


def _redactions(rows: list[dict[str, Any]]) -> dict[int, list[_Voucher]]:
    """event id → the erasures vouching for it, in chain order."""
    out: dict[int, list[_Voucher]] = {}
    for row in rows:
        if row["action"] != FORGET_ACTION or not row["after"]:
            continue
        try:
            after = json.loads(row["after"])
            whole = after.get("redacted") or {}
            by_path = after.get("redacted_paths") or {}
            if not isinstance(whole, dict) or not isinstance(by_path, dict):
                continue
        except (ValueError, AttributeError):
            continue
        # the pseudonym is the erased person's: a forged erasure cannot pick one that any
        # text contains
        pseudonym = FORGET_PSEUDONYM.format(id=row["entity_id"])
        for key, digest in whole.items():
            try:
                out.setdefault(int(key), []).append(
                    _Voucher(row["id"], pseudonym, str(digest), None))
            except (TypeError, ValueError):
                continue
        for key, paths in by_path.items():
            try:
                eid = int(key)
            except (TypeError, ValueError):
                continue
            if isinstance(paths, dict):
                out.setdefault(eid, []).append(_Voucher(row["id"], pseudonym, None, paths))
    return out


def _names_pseudonym(text: Any, pseudonym: str) -> bool:
    return isinstance(text, str) and (pseudonym in text or EMAIL_ERASED in text)


def _path_value(row: dict[str, Any], path: str) -> str | None:
    """The current value of a path as canonical JSON text (what the pseudonym is looked
    for in)."""
    from nybureau.persistence.chain import _chain_json, _parsed

    if path == "actor":
        return row["actor"]
    side, _, key = path.partition(".")
    value = _parsed(row.get(side))
    if key:
        value = value.get(key) if isinstance(value, dict) else None
    return None if value is None else _chain_json(value)


def _name_path(path: str) -> bool:
    """A part of an event an erasure may rewrite: the actor, or a free-text payload key."""
    from nybureau.services.people.classification import PAYLOAD_CODE_KEYS

    if path == "actor":
        return True
    side, _, key = path.partition(".")
    return side in ("before", "after") and (not key or key not in PAYLOAD_CODE_KEYS)


def _vouched(row: dict[str, Any], digest: str, vouchers: list[_Voucher]) -> int | None:
    """The id of the last erasure that accounts for the event's current content, or None."""
    from nybureau.persistence.chain import path_digests

    eid = row["id"]
    vouchers = [v for v in vouchers if v.by > eid]
    if not row.get("scheme") or row.get("scheme") == 1:
        whole = [v for v in vouchers if v.digest is not None]
        if not whole or whole[-1].digest != digest:
            return None
        last = whole[-1]
        if not any(_names_pseudonym(row[c], last.pseudonym) for c in ("actor", "before",
                                                                        "after")):
            return None
        return last.by
    claims = [v for v in vouchers if v.paths is not None]
    if not claims:
        return None
    original: dict[str, str] = {}
    current: dict[str, tuple[str, str]] = {}  # path → (digest it must have now, pseudonym)
    for v in claims:
        for path, pair in v.paths.items():
            if not (isinstance(pair, list) and len(pair) == 2
                    and all(isinstance(d, str) for d in pair)) or not _name_path(path):
                return None
            before, after = pair
            if path in current:
                if current[path][0] != before:
                    return None  # the erasures' digests do not chain
            else:
                original[path] = before
            current[path] = (after, v.pseudonym)
    now = path_digests(row)
    for path, (want, pseudonym) in current.items():
        if now.get(path) != want or not _names_pseudonym(_path_value(row, path), pseudonym):
            return None
    if content_digest(row, original) != row["hash"]:
        return None
    return claims[-1].by


def verify_rows(rows: list[dict[str, Any]], head: str | None = None) -> dict[str, Any]:
    from nybureau.persistence.chain import GENESIS_HASH

    redactions = _redactions(rows)
    intact: set[int] = set()
    prev_hash = GENESIS_HASH
    prev_id: int | None = None
    broken: dict[str, Any] | None = None
    redacted = 0
    used: set[int] = set()
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
            by = _vouched(row, digest, redactions.get(eid, []))
            if by is None:
                broken = {
                    "id": eid, "action": row["action"], "problem": "content",
                    "en": (f"event {eid} ({row['action']}) was changed after it was written: "
                           "its content no longer matches its hash"),
                    "da": (f"hændelse {eid} ({row['action']}) er ændret, efter den blev skrevet: "
                           "indholdet passer ikke længere med dens hash"),
                }
                break
            redacted += 1
            used.add(by)
        intact.add(eid)
        positions[row["hash"]] = eid
        prev_hash = row["hash"]
        prev_id = eid
    if broken is None:
        # an erasure vouches only if it is itself part of the intact chain
        for by in sorted(used):
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


def verify(tx: Tx, head: str | None = None) -> dict[str, Any]:
    """Walk the whole chain; ``head``: a hash noted earlier that must still be in it."""
    if head is not None:
        head = head.strip().lower()
        if len(head) != 64 or any(c not in "0123456789abcdef" for c in head):
            raise InvalidInput(Msg("--head must be a 64-character hash as printed by `audit verify`."))
    rows = tx.admin_audit_rows()
    result = verify_rows(rows, head)
    if result["ok"]:  # imported history first: its own message is the more precise one
        _verify_imported(tx, rows, result)
    verify_state(tx, rows, result)
    return result


def verify_state(tx: Tx, rows: list[dict[str, Any]], result: dict[str, Any]) -> None:
    """The state seal: once the chain is intact, the current rows must be exactly what the
    sealed history says (:func:`nybureau.persistence.seal.verify_state`). Sets
    ``result["state"]`` (rows checked, seal entries, differences) and, for the first row that
    differs (or a seal that does not match its event), ``ok`` and ``first_broken`` (with
    ``table``, ``row``, ``problem``: added, changed, deleted or seal)."""
    from nybureau.persistence.seal import verify_state as check

    if not result["ok"]:
        result["state"] = None  # a broken chain is reported first; the seal depends on it
        return
    found = check(tx, rows)
    result["state"] = {"rows": found["rows"], "sealed": found["sealed"],
                       "differences": found["differences"]}
    if found["first_broken"] is not None:
        result["ok"] = False
        result["first_broken"] = found["first_broken"]


def _verify_imported(tx: Tx, rows: list[dict[str, Any]], result: dict[str, Any]) -> None:
    """History imported from other databases (kept apart from the chain) verifies against its
    import batches, and each batch against the local event that vouches for it."""
    from nybureau.services.admin.imported_history import verify_imported

    problem = verify_imported(tx, rows)
    if problem is not None:
        result["ok"] = False
        result["first_broken"] = problem
