"""History that came from another database with a project-scope import, and how it is checked.

A project-scope export carries the project's audit events exactly as the source chain holds them
(each with its source ``prev_hash`` and ``hash``) and the *skeleton* of the whole source chain:
the list of ``[event id, hash]`` of every event, in order, whose length and last hash are the
source's event count and head hash at export time. :func:`check_extract` checks the carried
events against it: every event is at its place in the skeleton, links to the hash before it,
and its content gives its hash (with the same function as ``audit verify``); the skeleton's
length and last hash are the stated count and head. The head is the anchor a reader can compare
with the source database (``audit verify --head HASH`` there).

On import the events are stored apart from the local chain, in ``imported_event``, with the
``import_batch`` they came in (who imported the file, when, its sha256, the source head and the
skeleton); one local ``project.import`` event vouches for the batch (file hash, source head,
counts, the skeleton's sha256 and the batch id). A project re-exported from that database carries
its batches onward; the next import keeps them as batches *carried by* the new one, vouched for
by the ``project.import`` event that is now one of the new batch's imported events.
:func:`check_batches` checks all of that, on a file before it is imported and on the database in
``audit verify``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

IMPORT_ACTION = "project.import"
HEX = set("0123456789abcdef")


def _is_hash(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= HEX


def chain_sha256(chain_text: str) -> str:
    return hashlib.sha256(chain_text.encode("utf-8")).hexdigest()


def chain_text(chain: list[list[Any]]) -> str:
    return json.dumps(chain, separators=(",", ":"))


def as_audit_row(ev: dict[str, Any]) -> dict[str, Any]:
    """An ``imported_event`` row in the shape of the source's ``audit_event`` row."""
    return {"id": ev["source_id"], "at": ev["at"], "actor": ev["actor"],
            "action": ev["action"], "project_id": ev["source_project_id"],
            "network_id": ev["source_network_id"], "entity": ev["entity"],
            "entity_id": ev["source_entity_id"], "before": ev["before"], "after": ev["after"],
            "prev_hash": ev["prev_hash"], "hash": ev["hash"],
            "scheme": ev.get("scheme"), "state": ev.get("state")}


def _broken(eid: Any, en: str, da: str) -> dict[str, Any]:
    return {"id": eid, "en": en, "da": da}


def check_extract(chain: Any, rows: list[dict[str, Any]], events: Any, head: Any,
                  vouched: Callable[[dict[str, Any], str], bool] | None = None
                  ) -> dict[str, Any] | None:
    """The first broken link of carried events ``rows`` (audit-row shape, in the order given)
    against the source skeleton ``chain``, or None. ``vouched(row, digest)`` may accept an event
    whose content was rewritten by a later erasure (GDPR) in this database."""
    from nybureau.persistence.chain import GENESIS_HASH
    from nybureau.services.admin.audit import _redactions, content_digest

    if not isinstance(chain, list) or not all(
            isinstance(e, list) and len(e) == 2 and isinstance(e[0], int)
            and not isinstance(e[0], bool) and _is_hash(e[1]) for e in chain):
        return _broken(None, "its chain of the source history is malformed",
                       "dens kæde over kildens historik er forkert opbygget")
    if isinstance(events, bool) or not isinstance(events, int) or events != len(chain):
        return _broken(None, f"it states {events!r} events in the source history, but its chain "
                             f"has {len(chain)}",
                       f"den angiver {events!r} hændelser i kildens historik, men dens kæde har "
                       f"{len(chain)}")
    last = chain[-1][1] if chain else GENESIS_HASH
    if head != last:
        return _broken(None, f"its stated head hash {str(head)[:12]}… is not the last hash of "
                             "its chain: events were removed or added at the end",
                       f"dens angivne seneste hash {str(head)[:12]}… er ikke kædens sidste: "
                       "hændelser er fjernet eller tilføjet i slutningen")
    position: dict[int, int] = {}
    for i, (eid, _) in enumerate(chain):
        if i and eid <= chain[i - 1][0]:
            return _broken(eid, f"its chain lists event {eid} after event {chain[i - 1][0]}",
                           f"dens kæde har hændelse {eid} efter hændelse {chain[i - 1][0]}")
        position[eid] = i
    redactions = _redactions(rows)
    before: Any = None
    for row in rows:
        eid, action = row["id"], row["action"]
        if eid not in position:
            return _broken(eid, f"event {eid} ({action}) is not part of the source history",
                           f"hændelse {eid} ({action}) er ikke en del af kildens historik")
        if before is not None and eid <= before:
            return _broken(eid, f"event {eid} ({action}) comes after event {before}: the events "
                                "were re-ordered",
                           f"hændelse {eid} ({action}) kommer efter hændelse {before}: "
                           "hændelserne er flyttet rundt")
        i = position[eid]
        prev = chain[i - 1][1] if i else GENESIS_HASH
        if row["hash"] != chain[i][1] or row["prev_hash"] != prev:
            return _broken(eid, f"event {eid} ({action}) does not link to the source history at "
                                "its place: an event was deleted, inserted or moved here",
                           f"hændelse {eid} ({action}) hænger ikke sammen med kildens historik "
                           "på sin plads: en hændelse er slettet, indsat eller flyttet her")
        digest = content_digest(row)
        if digest != row["hash"]:
            v = redactions.get(eid)
            ok = v is not None and v[0] == digest and v[1] > eid
            if not ok and not (vouched and vouched(row, digest)):
                return _broken(eid, f"event {eid} ({action}) was changed after it was written: "
                                    "its content no longer matches its hash",
                               f"hændelse {eid} ({action}) er ændret, efter den blev skrevet: "
                               "indholdet passer ikke længere med dens hash")
        before = eid
    return None


def _after(row: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(row["after"]) if row.get("after") else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _iso(value: Any) -> str | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def check_batches(batches: list[dict[str, Any]], imported: list[dict[str, Any]],
                  local: list[dict[str, Any]],
                  vouched: Callable[[Any, dict[str, Any], str], bool] | None = None
                  ) -> dict[str, Any] | None:
    """The first problem with imported history, or None.

    ``batches``/``imported``: rows of ``import_batch``/``imported_event``; ``local``: the chain
    they live beside (audit-row shape). Every batch's events verify against its skeleton and
    counts, and a ``project.import`` event vouches for exactly that batch: a local one for a
    batch imported here, an imported event of the carrying batch for a batch carried onward.
    Every ``project.import`` event that names a batch has it."""
    by_batch: dict[Any, list[dict[str, Any]]] = {}
    for ev in imported:
        by_batch.setdefault(ev["batch_id"], []).append(ev)
    local_by_id = {r["id"]: r for r in local}
    ids = {b["id"] for b in batches}
    present: set[tuple[Any, Any]] = set()
    for b in sorted(batches, key=lambda b: b["id"]):
        bid = b["id"]
        evs = sorted(by_batch.get(bid, []), key=lambda e: e["source_id"])
        rows = [as_audit_row(e) for e in evs]
        try:
            chain = json.loads(b["chain"])
        except (TypeError, ValueError):
            chain = None
        where_en, where_da = f"import batch {bid}", f"importbatch {bid}"
        problem = check_extract(chain, rows, b["source_events"], b["source_head"],
                                (lambda row, d, bid=bid: vouched(bid, row, d)) if vouched
                                else None)
        if problem:
            return _broken(problem["id"], f"{where_en}: {problem['en']}",
                           f"{where_da}: {problem['da']}")
        if b["events"] != len(evs):
            return _broken(None, f"{where_en} records {b['events']} events but holds {len(evs)}",
                           f"{where_da} angiver {b['events']} hændelser men har {len(evs)}")
        if b["carried_by_id"] is None:
            voucher = local_by_id.get(b["vouched_by_event"])
            ref = bid
            key = (None, bid)
        else:
            if b["carried_by_id"] not in ids:
                return _broken(None, f"{where_en} is carried by batch {b['carried_by_id']}, "
                                     "which is missing",
                               f"{where_da} er båret af batch {b['carried_by_id']}, som mangler")
            voucher = next((as_audit_row(e) for e in by_batch.get(b["carried_by_id"], [])
                            if e["source_id"] == b["vouched_by_event"]), None)
            ref = b["origin_batch_id"]
            key = (b["carried_by_id"], ref)
        present.add(key)
        a = _after(voucher) if voucher else {}
        if voucher is None or voucher["action"] != IMPORT_ACTION or a.get("batch") != ref or \
                a.get("file_sha256") != b["file_sha256"] or \
                a.get("source_head") != b["source_head"] or \
                a.get("source_events") != b["source_events"] or a.get("events") != b["events"] \
                or a.get("chain_sha256") != chain_sha256(b["chain"] or "") or \
                voucher["actor"] != b["imported_by"] or \
                _iso(voucher["at"]) != _iso(b["imported_at"]):
            return _broken(None, f"{where_en} is not the one its {IMPORT_ACTION} event (event "
                                 f"{b['vouched_by_event']}) vouches for: it was changed or the "
                                 "event is missing",
                           f"{where_da} er ikke den, som dens {IMPORT_ACTION}-hændelse "
                           f"(hændelse {b['vouched_by_event']}) indestår for: den er ændret, "
                           "eller hændelsen mangler")
    expected: set[tuple[Any, Any]] = set()
    for r in local:
        if r["action"] == IMPORT_ACTION and "batch" in _after(r):
            expected.add((None, _after(r)["batch"]))
    for bid, evs in by_batch.items():
        for e in evs:
            if e["action"] == IMPORT_ACTION and "batch" in _after(e):
                expected.add((bid, _after(e)["batch"]))
    missing = sorted(expected - present, key=str)
    if missing:
        carrier, ref = missing[0]
        return _broken(None, f"the imported history of batch {ref} is missing"
                             + (f" (carried by batch {carrier})" if carrier else ""),
                       f"den importerede historik fra batch {ref} mangler"
                       + (f" (båret af batch {carrier})" if carrier else ""))
    return None


def verify_imported(tx: Tx, local_rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """For ``audit verify``: the imported history in the database, checked against its batches
    and the local chain (``local_rows``: the audit events as stored). None when it holds."""
    batches = tx.imported_batches()
    imported = tx.imported_events()
    problem = check_batches(batches, imported, local_rows, erasures(local_rows, imported))
    if problem:
        return {"id": problem["id"], "action": None, "problem": "imported",
                "en": f"the imported history: {problem['en']}",
                "da": f"den importerede historik: {problem['da']}"}
    return None


def erasures(local_rows: list[dict[str, Any]], imported: list[dict[str, Any]]
             ) -> Callable[[Any, dict[str, Any], str], bool]:
    """An erasure (GDPR) in this database may rewrite imported events; its ``person.forget``
    event lists them (imported_event id → digest of the rewritten content) and so vouches for
    them. An import that carries such rewritten events onward (checked against the erasure in
    the file) lists them the same way in its ``project.import`` event (``erased``). The
    ``vouched`` callback :func:`check_batches` takes."""
    erased: dict[str, str] = {}
    for r in local_rows:
        field = {"person.forget": "imported_redacted", IMPORT_ACTION: "erased"}.get(r["action"])
        if field:
            for key, digest in (_after(r).get(field) or {}).items():
                erased[str(key)] = str(digest)
    local_id = {(e["batch_id"], e["source_id"]): e["id"] for e in imported}

    def vouched(batch_id: Any, row: dict[str, Any], digest: str) -> bool:
        return erased.get(str(local_id.get((batch_id, row["id"])))) == digest

    return vouched


def imported_digest(ev: dict[str, Any]) -> str:
    """The content digest of a (rewritten) imported event, as ``audit verify`` computes it."""
    from nybureau.services.admin.audit import content_digest

    return content_digest(as_audit_row(ev))
