"""The import of :mod:`nybureau.services.admin.transfer`: a complete export into an empty
database, or one project into any database that does not have it yet (new ids, shared records
reused, its history kept as imported history)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from nybureau.errors import AlreadyExists, InvalidInput
from nybureau.i18n import Msg
from nybureau.services.admin import transfer as T
from nybureau.services.admin.transfer import (
    AUDIT,
    BATCH,
    IMPORTED,
    REFERENCE_TABLES,
    ImportRefused,
    _columns,
    _decoded,
    _history,
    _history_refused,
    _refuse,
)
from nybureau.services.admin.transfer_checks import (
    _check_keys,
    _check_scope,
    _check_values,
    _verify_full_history,
)
from nybureau.services.common import check_slug

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def import_(tx: Tx, data: dict[str, Any], checksum: str) -> dict[str, Any]:
    """Import a file read by :func:`~.transfer.read` (its data and sha256): everything into an
    empty database, or one project; refused, writing nothing, when any check fails."""
    rows = _decoded(tx, data)
    scope = data["scope"]
    if scope == {"all": True}:
        history = _history(data, project_scope=False)
        nonempty = [n for n in tx.admin_table_names() if tx.admin_count(n)]
        if nonempty:
            raise ImportRefused(
                Msg("A complete export can only be imported into an empty database, and this one "
                    "has records ({nonempty} …). Create a new database with "
                    "`nybureau --db … init`, or export and import single projects.",
                    nonempty=', '.join(nonempty[:5])))
        _check_keys(tx, rows)
        _check_values(tx, rows, {})
        check = _verify_full_history(rows, history)
        tx.sealing = False  # the copied seals and head stay as they are (seal.py)
        for name in tx.admin_table_names():
            tx.admin_insert_checked(name, rows.get(name, []))
        tx.admin_reset_sequences()
        tx._last_hash = None
        return {"scope": "all", "counts": {n: len(r) for n, r in rows.items()},
                "head": check["head"]}
    slug = scope.get("project")
    if set(scope) != {"project"} or not isinstance(slug, str):
        raise _refuse(Msg("The file's scope is malformed."))
    try:
        check_slug(slug, "project")
    except InvalidInput as exc:
        raise _refuse(Msg("The file's scope: {exc}", exc=exc)) \
            from None
    history = _history(data, project_scope=True)
    if tx.project_get(slug):
        raise AlreadyExists(
            Msg("This database already has a project '{slug}'; nothing was imported.", slug=slug))
    return _import_project(tx, rows, slug, checksum, history)


def _identity(columns: dict[str, dict[str, Any]]) -> list[str]:
    """The columns that identify a shared record: references, numbers, dates and short codes
    (not ids, timestamps or free text)."""
    return [n for n, c in columns.items() if not c["primary_key"] and (
        c["references"] or c["kind"] in ("int", "date", "bool")
        or (c["kind"] == "text" and c["max_length"] is not None and c["max_length"] <= 100))]


_MEETING_SOURCE = re.compile(r"^meeting:(\d+)$")


def _import_project(tx: Tx, rows: dict[str, list[dict[str, Any]]], slug: str,
                    checksum: str, history: dict[str, Any]) -> dict[str, Any]:
    from nybureau.services.admin.imported_history import (
        chain_sha256,
        chain_text,
        check_batches,
        check_extract,
        erasures,
        imported_digest,
    )

    cols = _columns(tx)
    _check_scope(tx, rows, slug)
    _check_keys(tx, rows)
    # a definition this database already has is its own (the file's copy is not used)
    existing_specs: dict[Any, Any] = {}
    reuse_wd: dict[Any, int] = {}
    for row in rows.get("workflow_definition", []):
        found = tx.admin_find_by("workflow_definition", {
            "key": row["key"], "version": row["version"], "hash": row["hash"]})
        if found:
            existing_specs[row["id"]] = tx.workflow_spec(found["id"])
            reuse_wd[row["id"]] = found["id"]
    _check_values(tx, rows, existing_specs)
    # the history, before anything is written
    events = rows.get(AUDIT, [])
    if not events:
        raise _refuse(Msg("The file carries no history of the project, so it cannot be verified."))
    problem = check_extract(history.get("chain"), events, history.get("events"),
                            history.get("head"))
    if problem:
        raise _history_refused(Msg("{text}", text=problem["en"], text_da=problem["da"]))
    problem = check_batches(rows.get(BATCH, []), rows.get(IMPORTED, []), events,
                            erasures(events, rows.get(IMPORTED, [])))
    if problem:
        raise _history_refused(Msg("{text}", text=problem["en"], text_da=problem["da"]))

    ids: dict[str, dict[Any, Any]] = {n: {} for n in tx.admin_table_names()}
    reused_rows: dict[str, set[Any]] = {n: set() for n in tx.admin_table_names()}
    inserted: dict[str, int] = {}
    reused: dict[str, int] = {}
    skip = {AUDIT, BATCH, IMPORTED} | T.LOCAL_ONLY_TABLES
    for name in tx.admin_table_names():
        if name in skip:
            continue
        pk = tx.admin_primary_key(name)
        auto = len(pk) == 1 and cols[name][pk[0]]["kind"] == "int"
        uniques = [u for u in tx.admin_unique_keys(name)]
        with tx.admin_db_rules(name):
            _import_table(tx, name, rows.get(name, []), cols, pk, auto, uniques, ids,
                          reused_rows, inserted, reused, reuse_wd)
    # a decision recorded in a meeting names it ("meeting:<id>"): the meeting's new id
    for row in rows.get("decision", []):
        m = _MEETING_SOURCE.match(row["source"] or "")
        if m and int(m.group(1)) in ids["meeting"] and ids["decision"].get(row["id"]):
            tx.admin_update("decision", {"id": ids["decision"][row["id"]]},
                            {"source": f"meeting:{ids['meeting'][int(m.group(1))]}"})
    project = tx.project_get(slug)
    # the history: kept as imported, in a batch that one local event vouches for
    chain = chain_text(history["chain"])
    batch = {"project_id": project["id"], "imported_at": tx.now, "imported_by": tx.actor,
             "file_sha256": checksum, "source_events": history["events"],
             "source_head": history["head"], "chain": chain, "events": len(events),
             "vouched_by_event": 0, "carried_by_id": None, "origin_batch_id": None}
    batch_id = tx.admin_insert(BATCH, batch)
    _store_events(tx, batch_id, events)
    # batches the file carries onward (history imported into the source before)
    file_batches = sorted(rows.get(BATCH, []), key=lambda b: b["id"])
    new_batch: dict[Any, int] = {}
    by_file_batch: dict[Any, list[dict[str, Any]]] = {}
    for ev in rows.get(IMPORTED, []):
        by_file_batch.setdefault(ev["batch_id"], []).append(ev)
    erased: dict[str, str] = {}
    pending = list(file_batches)
    while pending:  # carriers first
        b = next(x for x in pending
                 if x["carried_by_id"] is None or x["carried_by_id"] in new_batch)
        pending.remove(b)
        carried = dict(b, project_id=project["id"])
        carried.pop("id")
        if b["carried_by_id"] is None:
            carried.update(carried_by_id=batch_id, origin_batch_id=b["id"])
        else:
            carried["carried_by_id"] = new_batch[b["carried_by_id"]]
        new_batch[b["id"]] = tx.admin_insert(BATCH, carried)
        for ev in by_file_batch.get(b["id"], []):
            new_id = tx.admin_insert(IMPORTED, dict({k: v for k, v in ev.items() if k != "id"},
                                                    batch_id=new_batch[b["id"]]))
            digest = imported_digest(ev)
            if digest != ev["hash"]:  # rewritten by an erasure the file vouches for
                erased[str(new_id)] = digest
    inserted[BATCH] = 1 + len(file_batches)
    inserted[IMPORTED] = len(events) + len(rows.get(IMPORTED, []))
    event_id = tx.audit(
        "project.import", "project", project["id"], project_id=project["id"],
        after={"file_sha256": checksum, "source_head": history["head"],
               "source_events": history["events"], "events": len(events),
               "chain_sha256": chain_sha256(chain), "batch": batch_id,
               "rows": inserted, "reused": reused, **({"erased": erased} if erased else {})})
    tx.admin_update(BATCH, {"id": batch_id}, {"vouched_by_event": event_id})
    return {"scope": "project", "project": slug, "counts": inserted, "reused": reused,
            "events": len(events), "source_head": history["head"],
            "carried": len(file_batches)}


def _import_table(tx: Tx, name, found, cols, pk, auto, uniques, ids, reused_rows, inserted, reused,
                  reuse_wd) -> None:
    """Rows of one table of a project-scope file, with new ids (see :func:`_import_project`)."""
    for row in found:
        new = dict(row)
        parent_reused = False
        for col, info in cols[name].items():
            ref = info["references"]
            if ref and new.get(col) is not None:
                if ref not in REFERENCE_TABLES and ref != "project" and \
                        new[col] in reused_rows[ref]:
                    parent_reused = True
                new[col] = ids[ref][new[col]]
        if name == "workflow_definition" and row["id"] in reuse_wd:
            ids[name][row["id"]] = reuse_wd[row["id"]]
            reused[name] = reused.get(name, 0) + 1
            continue
        existing = None
        for key in uniques:
            if all(new.get(k) is not None for k in key):
                existing = tx.admin_find_by(name, {k: new[k] for k in key})
                if existing:
                    break
        if existing is None and not auto:
            existing = tx.admin_find_by(name, {k: new[k] for k in pk})
        if existing is None and auto and "project_id" in new and new["project_id"] is None:
            # a record shared by a network (e.g. network meeting 2), already there when
            # another project of the network was imported or recorded first
            existing = tx.admin_find_by(name, {c: new[c] for c in _identity(cols[name])
                                               if c in new})
        if existing is None and auto and parent_reused and not any(
                cols[name][c]["references"] == "project" and new[c] is not None
                for c in new):
            # part of a shared record that is already there (e.g. a standing item of a
            # network meeting): the record is the network's, not the project's to change
            existing = {pk[0]: None}
        if existing is not None and auto:
            ids[name][row[pk[0]]] = existing[pk[0]]
            reused_rows[name].add(row[pk[0]])
            reused[name] = reused.get(name, 0) + 1
            continue
        if existing is not None:
            continue  # the same link row is already there
        if auto:
            old = new.pop(pk[0])
            ids[name][old] = tx.admin_insert(name, new)
        else:
            tx.admin_insert(name, new)
        inserted[name] = inserted.get(name, 0) + 1


def _store_events(tx: Tx, batch_id: int, events: list[dict[str, Any]]) -> None:
    for ev in events:
        tx.admin_insert(IMPORTED, {
            "batch_id": batch_id, "source_id": ev["id"], "at": ev["at"], "actor": ev["actor"],
            "action": ev["action"], "source_project_id": ev["project_id"],
            "source_network_id": ev["network_id"], "entity": ev["entity"],
            "source_entity_id": ev["entity_id"], "before": ev["before"], "after": ev["after"],
            "prev_hash": ev["prev_hash"], "hash": ev["hash"],
            "scheme": ev.get("scheme"), "state": ev.get("state")})
