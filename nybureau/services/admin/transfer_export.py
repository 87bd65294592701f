"""The export of :mod:`nybureau.services.admin.transfer`: every row of every table, or one
project's rows and every row they refer to, with the history they carry."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from nybureau.services.admin import transfer as T
from nybureau.services.admin.transfer import (
    AUDIT,
    FORMAT,
    IMPORTED,
    REFERENCE_TABLES,
    SEAL,
    _columns,
    _out,
)
from nybureau.services.common import get_project

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx


def _project_rows(tx: Tx, project: dict[str, Any], names: list[str]
                  ) -> dict[str, list[dict[str, Any]]]:
    """The rows that belong to the project, plus every row they refer to (never another
    project, never a row about another project)."""
    cols = _columns(tx)
    pid, nid = project["id"], project.get("network_id")
    owned: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    owned_ids: dict[str, set[Any]] = {n: set() for n in names}
    owned["project"] = tx.admin_rows("project", where={"id": pid})
    owned_ids["project"] = {pid}
    reference_tables = REFERENCE_TABLES | {"project"}
    for name in names:
        if name in ("project", AUDIT):
            continue
        c = cols[name]
        pk = tx.admin_primary_key(name)
        rows: dict[Any, dict[str, Any]] = {}

        def add(found: list[dict[str, Any]]) -> None:
            for r in found:
                rows[tuple(r[k] for k in pk)] = r

        if "project_id" in c:
            add(tx.admin_rows(name, where={"project_id": pid}))
            if nid is not None and "network_id" in c:
                add(tx.admin_rows(name, where={"project_id": None, "network_id": nid}))
        elif nid is not None and "network_id" in c:
            # a record of the network as a whole (its frame project, 0018): it travels with
            # each of its projects, and an import reuses the one the network has already
            add(tx.admin_rows(name, where={"network_id": nid}))
        # rows hanging off owned rows (e.g. attendees of an activity, items of a meeting)
        parents = {col: info["references"] for col, info in c.items()
                   if info["references"] and info["references"] not in reference_tables
                   and info["references"] != name}
        any_of = {col: sorted(owned_ids[ref], key=str) for col, ref in parents.items()
                  if owned_ids.get(ref)}
        if any_of:
            add(tx.admin_rows(name, any_of=any_of))
        # a row about another project (a network agenda item on it) is that project's
        project_cols = [col for col, info in c.items() if info["references"] == "project"]
        owned[name] = [r for r in rows.values()
                       if all(r[col] in (None, pid) for col in project_cols)
                       and all(r[col] is None or r[col] in owned_ids.get(ref, set())
                               for col, ref in parents.items())]
        if len(pk) == 1:
            owned_ids[name] = {r[pk[0]] for r in owned[name]}
    # rows referred to by what we have, up the foreign keys (in reverse dependency order)
    wanted: dict[str, set[Any]] = {n: set() for n in names}
    for name in reversed(names):
        for row in owned[name]:
            for col, info in cols[name].items():
                ref = info["references"]
                if ref in REFERENCE_TABLES and row[col] is not None \
                        and row[col] not in owned_ids.get(ref, set()):
                    wanted[ref].add(row[col])
        if wanted[name]:
            pk = tx.admin_primary_key(name)[0]
            extra = tx.admin_rows(name, any_of={pk: sorted(wanted[name])})
            owned[name].extend(extra)
            owned_ids[name] |= {r[pk] for r in extra}
            for row in extra:
                for col, info in cols[name].items():
                    ref = info["references"]
                    if ref in REFERENCE_TABLES and row[col] is not None:
                        wanted[ref].add(row[col])
    # the history: the project's events (and its network's), and the erasures vouching for
    # rewritten ones, as the chain holds them
    from nybureau.services.admin.audit import _redactions

    chain = tx.admin_audit_rows()
    events = [r for r in chain if r["project_id"] == pid
              or (r["project_id"] is None and nid is not None and r["network_id"] == nid)]
    chosen = {r["id"] for r in events}
    vouching = {by for eid, (_, by) in _redactions(chain).items() if eid in chosen}
    carried = {str(r["id"]) for r in owned.get(IMPORTED, [])}
    for r in chain:  # erasures (or imports) vouching for rewritten imported events
        if r["action"] in ("person.forget", "project.import") and r["after"]:
            after = json.loads(r["after"])
            listed = after.get("imported_redacted") or after.get("erased") or {}
            if isinstance(listed, dict) and carried & set(listed):
                vouching.add(r["id"])
    owned[AUDIT] = sorted(events + [r for r in chain if r["id"] in vouching - chosen],
                          key=lambda r: r["id"])
    owned[SEAL] = []  # the seals belong to this database's chain; an import seals anew
    for name in names:
        if name == AUDIT:
            continue
        pk = tx.admin_primary_key(name)
        owned[name].sort(key=lambda r: tuple(str(r[k]).zfill(12) for k in pk))
    return owned


def export(tx: Tx, project: str | None = None) -> dict[str, Any]:
    """The export of everything, or of the project with the slug ``project`` (see
    :mod:`nybureau.services.admin.transfer`), as the data :func:`~.transfer.write` writes."""
    from nybureau.persistence.chain import GENESIS_HASH
    from nybureau.persistence.schema import SCHEMA_HEAD

    names = tx.admin_table_names()
    chain = tx.admin_audit_rows()
    history: dict[str, Any] = {"events": len(chain),
                               "head": chain[-1]["hash"] if chain else GENESIS_HASH}
    if project is None:
        data = {n: tx.admin_rows(n) for n in names}
        scope: dict[str, Any] = {"all": True}
    else:
        names = [n for n in names if n not in T.LOCAL_ONLY_TABLES]
        proj = get_project(tx, project)
        data = _project_rows(tx, proj, names)
        scope = {"project": proj["slug"]}
        history["chain"] = [[r["id"], r["hash"]] for r in chain]
    tables = {}
    for name in names:
        cols = [c["name"] for c in tx.admin_columns(name)]
        tables[name] = {"columns": cols,
                        "rows": [[_out(r[c]) for c in cols] for r in data.get(name, [])]}
    return {
        "format": FORMAT,
        "schema": SCHEMA_HEAD,
        "exported_at": _out(tx.now),
        "scope": scope,
        "history": history,
        "tables": tables,
        "counts": {n: len(tables[n]["rows"]) for n in names},
    }
