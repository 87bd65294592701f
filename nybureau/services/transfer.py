"""``nybureau export [PROJECT] --out FILE.json`` and ``nybureau import FILE.json``.

The file holds rows, table by table, for every table of the schema (generic over the metadata:
tables added by later migrations travel without changes here). Dates are ``YYYY-MM-DD``,
timestamps ISO 8601 in UTC.

Two scopes:

* **everything** (no PROJECT): every row of every table with its original id, the audit chain as
  stored. It is imported only into an empty database (e.g. after ``nybureau init`` on a new
  PostgreSQL server); the result is the same database, row for row, and ``audit verify`` passes
  with the same head hash. A file whose audit history does not verify is refused.
* **one project**: the project, every row that belongs to it (rows with its ``project_id``, rows
  of its network that belong to no single project — network meetings —, and rows that hang off
  those), and every row they refer to (people, the network, the workflow definition). It can be
  imported into any database that does not have the project yet. Rows get new ids; people,
  networks and workflow definitions that already exist (same unique key: full name, slug,
  key/version/hash) are reused, and so are records a network shares that are already there
  (network meeting N: same network, kind, number and date), so attendees are merged. The project's audit events are appended to the target's chain
  with their original time, actor and content, followed by one ``project.import`` event naming
  the source file's checksum, so the history stays complete and verifiable.

Everything happens in one transaction: an import is either complete or not there at all.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from nybureau.errors import AlreadyExists, InvalidInput, NybureauError
from nybureau.services.common import get_project

FORMAT = "nybureau-export/1"
AUDIT = "audit_event"
SEAL = "row_seal"  # the state seal (nybureau/persistence/seal.py)


class ImportRefused(NybureauError):
    pass


# -- values ------------------------------------------------------------------------------------
def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _in(value: Any, kind: str, where: str) -> Any:
    if value is None:
        return None
    try:
        if kind == "datetime":
            v = datetime.fromisoformat(value)
            return v if v.tzinfo else v.replace(tzinfo=timezone.utc)
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                raise TypeError
            return value
        if kind == "text":
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError):
        raise ImportRefused(
            f"The file is not a usable export: {where} has the value {value!r}, which is not a "
            f"valid {kind}. Nothing was imported.",
            f"Filen kan ikke importeres: {where} har værdien {value!r}, som ikke er en gyldig "
            f"{kind}. Intet er importeret.") from None
    return value


def _columns(tx) -> dict[str, dict[str, dict[str, Any]]]:
    return {name: {c["name"]: c for c in tx.admin_columns(name)}
            for name in tx.admin_table_names()}


# -- export ------------------------------------------------------------------------------------
def _project_rows(tx, project: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows that belong to the project, plus every row they refer to."""
    names = tx.admin_table_names()
    cols = _columns(tx)
    pid, nid = project["id"], project.get("network_id")
    owned: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    owned_ids: dict[str, set[Any]] = {n: set() for n in names}
    owned["project"] = tx.admin_rows("project", where={"id": pid})
    owned_ids["project"] = {pid}
    reference_tables = {"person", "network", "workflow_definition", "project"}
    for name in names:
        if name == "project":
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
        elif name == "network":
            pass  # referenced, not owned
        # rows hanging off owned rows (e.g. attendees of an activity, items of a meeting)
        parents = {col: info["references"] for col, info in c.items()
                   if info["references"] and info["references"] not in reference_tables
                   and info["references"] != name}
        any_of = {col: sorted(owned_ids[ref], key=str) for col, ref in parents.items()
                  if owned_ids.get(ref)}
        if any_of:
            add(tx.admin_rows(name, any_of=any_of))
        owned[name] = list(rows.values())
        if len(pk) == 1:
            owned_ids[name] = {r[pk[0]] for r in owned[name]}
    # rows referred to by what we have, up the foreign keys (in reverse dependency order)
    wanted: dict[str, set[Any]] = {n: set() for n in names}
    for name in reversed(names):
        for row in owned[name]:
            for col, info in cols[name].items():
                ref = info["references"]
                if ref and row[col] is not None and row[col] not in owned_ids.get(ref, set()):
                    wanted[ref].add(row[col])
        if wanted[name]:
            pk = tx.admin_primary_key(name)[0]
            extra = tx.admin_rows(name, any_of={pk: sorted(wanted[name])})
            owned[name].extend(extra)
            owned_ids[name] |= {r[pk] for r in extra}
            # what the referenced rows refer to in turn is handled by later (parent) tables
            for row in extra:
                for col, info in cols[name].items():
                    ref = info["references"]
                    if ref and row[col] is not None:
                        wanted[ref].add(row[col])
    owned[SEAL] = []  # the seals belong to this database's chain; an import seals anew
    for name in names:
        pk = tx.admin_primary_key(name)
        owned[name].sort(key=lambda r: tuple(str(r[k]).zfill(12) for k in pk))
    return owned


def export(tx, project: str | None = None) -> dict[str, Any]:
    from nybureau.persistence.schema import SCHEMA_HEAD

    names = tx.admin_table_names()
    if project is None:
        data = {n: tx.admin_rows(n) for n in names}
        scope: dict[str, Any] = {"all": True}
    else:
        proj = get_project(tx, project)
        data = _project_rows(tx, proj)
        scope = {"project": proj["slug"]}
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
        "tables": tables,
        "counts": {n: len(tables[n]["rows"]) for n in names},
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(data: dict[str, Any], out: str | Path) -> Path:
    """Write atomically: a half-written export never replaces a good file."""
    path = Path(out)
    if path.is_dir():
        raise InvalidInput(f"'{path}' is a folder; give a file name such as export.json.",
                           f"'{path}' er en mappe; angiv et filnavn, fx eksport.json.")
    if not path.parent.exists():
        raise InvalidInput(f"The folder '{path.parent}' does not exist.",
                           f"Mappen '{path.parent}' findes ikke.")
    from nybureau.fsio import write_file

    write_file(path, dumps(data).encode("utf-8"))  # all or nothing, no leftovers on failure
    return path


# -- import ------------------------------------------------------------------------------------
def read(path: str | Path) -> tuple[dict[str, Any], str]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"The file '{p}' does not exist.", f"Filen '{p}' findes ikke.") from None
    except OSError as exc:
        raise InvalidInput(f"The file '{p}' cannot be read: {exc.strerror}.",
                           f"Filen '{p}' kan ikke læses: {exc.strerror}.") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportRefused(
            f"'{p}' is not a nybureau export (not valid JSON: {exc}). Nothing was imported.",
            f"'{p}' er ikke en eksport fra nybureau (ikke gyldig JSON: {exc}). Intet er "
            "importeret.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(
            data.get("tables"), dict) or not isinstance(data.get("scope"), dict):
        raise ImportRefused(
            f"'{p}' is not a nybureau export (format '{FORMAT}' expected). Nothing was imported.",
            f"'{p}' er ikke en eksport fra nybureau (formatet '{FORMAT}' forventes). Intet er "
            "importeret.")
    return data, hashlib.sha256(raw).hexdigest()


def _decoded(tx, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Check the file's tables and columns against the schema; decode the values."""
    cols = _columns(tx)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, body in data["tables"].items():
        if name not in cols:
            raise ImportRefused(
                f"The file has a table '{name}' this nybureau does not know (the file was made "
                f"by a newer version, schema {data.get('schema')}). Upgrade nybureau first.",
                f"Filen har en tabel '{name}', som denne nybureau ikke kender (filen er lavet af "
                f"en nyere version, skema {data.get('schema')}). Opgradér nybureau først.")
        if not isinstance(body, dict) or not isinstance(body.get("columns"), list) or \
                not isinstance(body.get("rows"), list):
            raise ImportRefused(f"Table '{name}' in the file is malformed.",
                                f"Tabellen '{name}' i filen er forkert opbygget.")
        names = body["columns"]
        for c in names:
            if c not in cols[name]:
                raise ImportRefused(
                    f"Table '{name}' in the file has a column '{c}' this nybureau does not know.",
                    f"Tabellen '{name}' i filen har en kolonne '{c}', som nybureau ikke kender.")
        rows = []
        for i, values in enumerate(body["rows"]):
            if not isinstance(values, list) or len(values) != len(names):
                raise ImportRefused(f"Row {i + 1} of table '{name}' is malformed.",
                                    f"Række {i + 1} i tabellen '{name}' er forkert opbygget.")
            rows.append({c: _in(v, cols[name][c]["kind"], f"{name}.{c} (row {i + 1})")
                         for c, v in zip(names, values)})
        out[name] = rows
    return out


def import_(tx, data: dict[str, Any], checksum: str) -> dict[str, Any]:
    from nybureau.services.audit import verify_rows

    rows = _decoded(tx, data)
    scope = data["scope"]
    if scope.get("all"):
        nonempty = [n for n in tx.admin_table_names() if tx.admin_count(n)]
        if nonempty:
            raise ImportRefused(
                "A complete export can only be imported into an empty database, and this one "
                f"has records ({', '.join(nonempty[:5])} …). Create a new database with "
                "`nybureau --db … init`, or export and import single projects.",
                "En fuld eksport kan kun importeres i en tom database, og denne har data "
                f"({', '.join(nonempty[:5])} …). Opret en ny database med `nybureau --db … "
                "init`, eller eksportér og importér enkelte projekter.")
        audit = sorted(rows.get(AUDIT, []), key=lambda r: r["id"])
        check = verify_rows([dict(r) for r in audit])
        if not check["ok"]:
            raise ImportRefused(
                "The file's audit history does not verify — "
                f"{check['first_broken']['en']}. It was changed after it was exported; nothing "
                "was imported.",
                "Filens historik kan ikke verificeres — "
                f"{check['first_broken']['da']}. Den er ændret efter eksporten; intet er "
                "importeret.")
        tx.sealing = False  # the copied seals and head stay as they are (seal.py)
        for name in tx.admin_table_names():
            tx.admin_insert_many(name, rows.get(name, []))
        tx.admin_reset_sequences()
        tx._last_hash = None
        return {"scope": "all", "counts": {n: len(r) for n, r in rows.items()},
                "head": check["head"]}
    slug = scope.get("project")
    if not isinstance(slug, str):
        raise ImportRefused("The file's scope is malformed.", "Filens omfang er forkert angivet.")
    if tx.project_get(slug):
        raise AlreadyExists(
            f"This database already has a project '{slug}'; nothing was imported.",
            f"Databasen har allerede et projekt '{slug}'; intet er importeret.")
    return _import_project(tx, rows, slug, checksum)


def _identity(columns: dict[str, dict[str, Any]]) -> list[str]:
    """The columns that identify a shared record: references, numbers, dates and short codes
    (not ids, timestamps or free text)."""
    return [n for n, c in columns.items() if not c["primary_key"] and (
        c["references"] or c["kind"] in ("int", "date", "bool")
        or (c["kind"] == "text" and c["max_length"] is not None and c["max_length"] <= 100))]


def _import_project(tx, rows: dict[str, list[dict[str, Any]]], slug: str,
                    checksum: str) -> dict[str, Any]:
    cols = _columns(tx)
    ids: dict[str, dict[Any, Any]] = {n: {} for n in tx.admin_table_names()}
    inserted: dict[str, int] = {}
    reused: dict[str, int] = {}
    for name in tx.admin_table_names():
        if name in (AUDIT, SEAL):
            continue
        pk = tx.admin_primary_key(name)
        auto = len(pk) == 1 and cols[name][pk[0]]["kind"] == "int"
        uniques = [u for u in tx.admin_unique_keys(name)]
        for row in rows.get(name, []):
            new = dict(row)
            for col, info in cols[name].items():
                ref = info["references"]
                if ref and new.get(col) is not None:
                    if new[col] not in ids[ref]:
                        raise ImportRefused(
                            f"The file is incomplete: {name}.{col} refers to {ref} {new[col]}, "
                            "which is not in it. Nothing was imported.",
                            f"Filen er ufuldstændig: {name}.{col} henviser til {ref} {new[col]}, "
                            "som ikke er med. Intet er importeret.")
                    new[col] = ids[ref][new[col]]
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
            if existing is not None and auto:
                ids[name][row[pk[0]]] = existing[pk[0]]
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
    # the history: original events re-linked into this database's chain
    events = sorted(rows.get(AUDIT, []), key=lambda r: r["id"])
    for ev in events:
        fields = {k: ev[k] for k in ("at", "actor", "action", "entity", "before", "after")}
        fields["project_id"] = ids["project"].get(ev["project_id"], ev["project_id"]) \
            if ev["project_id"] is not None else None
        fields["network_id"] = ids["network"].get(ev["network_id"], ev["network_id"]) \
            if ev["network_id"] is not None else None
        entity_map = ids.get(ev["entity"], {})
        fields["entity_id"] = entity_map.get(ev["entity_id"], ev["entity_id"]) \
            if ev["entity_id"] is not None else None
        tx.admin_audit_append(fields)
    project = tx.project_get(slug)
    if project is None:
        raise ImportRefused(f"The file does not contain the project '{slug}' it names.",
                            f"Filen indeholder ikke projektet '{slug}', som den nævner.")
    tx.audit("project.import", "project", project["id"], project_id=project["id"],
             after={"file_sha256": checksum, "rows": inserted, "reused": reused,
                    "events": len(events)})
    return {"scope": "project", "project": slug, "counts": inserted, "reused": reused,
            "events": len(events)}
