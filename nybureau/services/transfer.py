"""``nybureau export [PROJECT] --out FILE.json`` and ``nybureau import FILE.json``.

The file holds rows, table by table, for every table of the schema (generic over the metadata:
tables added by later migrations travel without changes here). Dates are ``YYYY-MM-DD``,
timestamps ISO 8601 in UTC. Its ``history`` states the history it carries (see below).

Two scopes:

* **everything** (no PROJECT): every row of every table with its original id, the audit chain as
  stored; ``history`` gives the chain's event count and head hash. It is imported only into an
  empty database (e.g. after ``nybureau init`` on a new PostgreSQL server); the result is the
  same database, row for row, and ``audit verify`` passes with the same head hash. A file whose
  history does not verify, whose count or head differ from what it states, or whose rows break
  a rule of the schema (a duplicate id or key, a reference to a row that is not in the file, an
  empty required value, a value of the wrong type) is refused, naming the table and row.
* **one project**: the project, every row that belongs to it (rows with its ``project_id``, rows
  of its network that belong to no single project — network meetings —, and rows that hang off
  those), and every row they refer to (people, the network, the workflow definition); never
  another project, nor rows about another project (a network agenda item on another project
  stays behind), nor tables local to one database (:data:`LOCAL_ONLY_TABLES`). It can be
  imported into any database that does not have the project yet.

  The file's ``history`` is the *skeleton* of the whole source chain at export time —
  ``[event id, hash]`` of every event, in order — with its event count and head hash; the
  project's events (``audit_event`` rows) keep their source ``prev_hash`` and ``hash``. Before
  anything is written, every event must sit at its place in the skeleton, link to the hash
  before it and give its hash from its content (the function ``audit verify`` uses), and the
  skeleton must have the stated count and head; a file without history, or with an edited
  event, order, count or head, is refused with the first broken link named. The head can be
  compared with the source database (``audit verify --head HASH`` there).

  The file is held to what it names: exactly one project (the one in its scope), at most its
  own network, the workflow definition it runs on, people that its rows refer to; every row
  must belong to the project. Ids in the file are only keys inside the file: rows get new ids;
  people, the network and workflow definitions that already exist (full name, slug,
  key/version/hash) are reused, and so are records a network shares that are already there
  (network meeting N: same network, kind, number and date), so attendees are merged. Every
  value goes through the checks the CLI makes (lengths, control characters, slugs, bodies,
  outcomes, kinds, the phase being one the workflow has; a new workflow definition must load
  and match its hash).

  The project's events are *imported history*: stored apart from this database's chain in
  ``imported_event``, as they were, with an ``import_batch`` (who imported, when, the file's
  sha256, the source's head, count and skeleton), and vouched for by ONE local
  ``project.import`` event; ``nybureau log`` shows them marked as imported and ``audit verify``
  checks them (:mod:`nybureau.services.imported_history`). A project re-exported from here
  carries its imported history onward (its batches travel and are checked again).

Caps on the file: at most :data:`MAX_BYTES` (512 MiB; ``NYBUREAU_IMPORT_MAX_BYTES`` sets
another number of bytes) and JSON nested at most :data:`MAX_DEPTH` levels.

Everything happens in one transaction: an import is either complete or not there at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from nybureau.errors import AlreadyExists, InvalidInput, NybureauError
from nybureau.persistence.tables import VOIDABLE
from nybureau.services.common import (
    FREE_TEXT_FIELDS,
    MAX_TEXT,
    check_activity,
    check_body,
    check_outcome,
    check_slug,
    free_text,
    get_project,
    one_line,
)

FORMAT = "nybureau-export/2"
OLD_FORMATS = ("nybureau-export/1",)
AUDIT = "audit_event"
SEAL = "row_seal"  # the state seal (nybureau/persistence/seal.py)
BATCH = "import_batch"
IMPORTED = "imported_event"
# Tables whose rows only make sense in the database that wrote them (they refer to its ids):
# a project-scope export leaves them out and a project-scope import refuses them; a complete
# export carries them as they are. A table listed here need not exist.
LOCAL_ONLY_TABLES = {"row_seal"}
REFERENCE_TABLES = {"person", "network", "workflow_definition"}
MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 32
INT_RANGE = (-(2 ** 31), 2 ** 31 - 1)  # the schema's Integer (4 bytes on PostgreSQL)
# Machine-written text (JSON, YAML sources, hashes): no CLI length applies, only this cap.
MACHINE_TEXT = {("workflow_definition", "source"), ("workflow_definition", "spec_json"),
                ("audit_event", "before"), ("audit_event", "after"),
                ("imported_event", "before"), ("imported_event", "after"),
                ("import_batch", "chain"), ("agenda_item", "recommendations"),
                ("agenda_item", "background_generated")}
MACHINE_MAX = 64 * 1024 * 1024
# Text columns that may hold line breaks besides the CLI's free-text fields (FREE_TEXT_FIELDS);
# every other text column is one line, as the CLI takes it.
MULTI_LINE_COLUMNS = {("prototype", "evaluation_plan"), ("agenda_item", "decision_text"),
                      # why a row was voided (0007): free text, like the CLI's --reason
                      *((name, "void_reason") for name in VOIDABLE)}


class ImportRefused(NybureauError):
    pass


def _refuse(en: str, da: str) -> ImportRefused:
    return ImportRefused(f"{en} Nothing was imported.", f"{da} Intet er importeret.")


def _max_bytes() -> int:
    raw = os.environ.get("NYBUREAU_IMPORT_MAX_BYTES")
    if raw:
        try:
            value = int(raw)
            if value > 0:
                return value
        except ValueError:
            pass
        raise InvalidInput(
            f"NYBUREAU_IMPORT_MAX_BYTES must be a positive number of bytes, not '{raw[:40]}'.",
            f"NYBUREAU_IMPORT_MAX_BYTES skal være et positivt antal bytes, ikke '{raw[:40]}'.")
    return MAX_BYTES


def _shown(value: Any, limit: int = 60) -> str:
    """A value from the file as a message may show it: quoted, control characters escaped,
    cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _row_where(table: str, index: int, row: dict[str, Any]) -> tuple[str, str]:
    ident = f" (id {row['id']})" if row.get("id") is not None else ""
    return (f"table '{table}', row {index + 1}{ident}",
            f"tabellen '{table}', række {index + 1}{ident}")


def _row_refused(table: str, index: int, row: dict[str, Any], en: str, da: str
                 ) -> ImportRefused:
    w_en, w_da = _row_where(table, index, row)
    return _refuse(f"The file cannot be imported: {w_en}: {en}",
                   f"Filen kan ikke importeres: {w_da}: {da}")


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
            if not isinstance(value, str):
                raise TypeError
            v = datetime.fromisoformat(value)
            return (v if v.tzinfo else v.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
        if kind == "date":
            if not isinstance(value, str):
                raise TypeError
            return date.fromisoformat(value)
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or \
                    not INT_RANGE[0] <= value <= INT_RANGE[1]:
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
    except (TypeError, ValueError, OverflowError):
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        raise _refuse(
            f"The file is not a usable export: {where} has the value {shown}, which is not a "
            f"valid {kind}.",
            f"Filen kan ikke importeres: {where} har værdien {shown}, som ikke er en gyldig "
            f"{kind}.") from None
    return value


def _columns(tx) -> dict[str, dict[str, dict[str, Any]]]:
    return {name: {c["name"]: c for c in tx.admin_columns(name)}
            for name in tx.admin_table_names()}


# -- export ------------------------------------------------------------------------------------
def _project_rows(tx, project: dict[str, Any], names: list[str]
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
    from nybureau.services.audit import _redactions

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


def export(tx, project: str | None = None) -> dict[str, Any]:
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
        names = [n for n in names if n not in LOCAL_ONLY_TABLES]
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
def _depth_ok(value: Any) -> bool:
    """Whether parsed JSON is nested at most MAX_DEPTH levels (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            if d > MAX_DEPTH:
                return False
            stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return True


def read(path: str | Path) -> tuple[dict[str, Any], str]:
    p = Path(path)
    limit = _max_bytes()
    too_deep = _refuse(
        f"'{p}' is not a nybureau export: its JSON is nested deeper than {MAX_DEPTH} levels.",
        f"'{p}' er ikke en eksport fra nybureau: dens JSON er indlejret dybere end {MAX_DEPTH} "
        "niveauer.")
    try:
        size = p.stat().st_size
        if size > limit:
            raise _refuse(
                f"'{p}' is {size} bytes; an import file may be at most {limit} bytes (set "
                "NYBUREAU_IMPORT_MAX_BYTES to allow more).",
                f"'{p}' fylder {size} bytes; en importfil må højst fylde {limit} bytes (sæt "
                "NYBUREAU_IMPORT_MAX_BYTES for at tillade mere).")
        with p.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(f"The file '{p}' does not exist.", f"Filen '{p}' findes ikke.") from None
    except OSError as exc:
        raise InvalidInput(f"The file '{p}' cannot be read: {exc.strerror}.",
                           f"Filen '{p}' kan ikke læses: {exc.strerror}.") from None
    if len(raw) > limit:
        raise _refuse(f"'{p}' is larger than {limit} bytes, the most an import file may be.",
                      f"'{p}' er større end {limit} bytes, det mest en importfil må fylde.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise too_deep from None
    except (UnicodeDecodeError, ValueError) as exc:
        detail = str(exc)[:200]
        raise _refuse(
            f"'{p}' is not a nybureau export (not valid JSON: {detail}).",
            f"'{p}' er ikke en eksport fra nybureau (ikke gyldig JSON: {detail}).") from None
    if not _depth_ok(data):
        raise too_deep
    if isinstance(data, dict) and data.get("format") in OLD_FORMATS:
        raise _refuse(
            f"'{p}' was made by an older nybureau (format '{data['format']}') and carries no "
            "verifiable history. Export it again with this version.",
            f"'{p}' er lavet af en ældre nybureau (formatet '{data['format']}') og har ingen "
            "historik, der kan verificeres. Eksportér den igen med denne version.")
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(
            data.get("tables"), dict) or not isinstance(data.get("scope"), dict):
        raise _refuse(
            f"'{p}' is not a nybureau export (format '{FORMAT}' expected).",
            f"'{p}' er ikke en eksport fra nybureau (formatet '{FORMAT}' forventes).")
    return data, hashlib.sha256(raw).hexdigest()


def _decoded(tx, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Check the file's tables and columns against the schema; decode the values. A column the
    file leaves out is empty (None)."""
    cols = _columns(tx)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, body in data["tables"].items():
        if name not in cols:
            shown = _shown(name)
            raise _refuse(
                f"The file has a table {shown} this nybureau does not know (the file was made "
                f"by a newer version, schema {str(data.get('schema'))[:20]}). Upgrade nybureau "
                "first.",
                f"Filen har en tabel {shown}, som denne nybureau ikke kender (filen er lavet af "
                f"en nyere version, skema {str(data.get('schema'))[:20]}). Opgradér nybureau "
                "først.")
        if not isinstance(body, dict) or not isinstance(body.get("columns"), list) or \
                not isinstance(body.get("rows"), list):
            raise _refuse(f"Table '{name}' in the file is malformed.",
                          f"Tabellen '{name}' i filen er forkert opbygget.")
        names = body["columns"]
        for c in names:
            if not isinstance(c, str) or c not in cols[name]:
                raise _refuse(
                    f"Table '{name}' in the file has a column {_shown(c)} this nybureau "
                    "does not know.",
                    f"Tabellen '{name}' i filen har en kolonne {_shown(c)}, som nybureau "
                    "ikke kender.")
        if len(set(names)) != len(names):
            raise _refuse(f"Table '{name}' in the file names a column twice.",
                          f"Tabellen '{name}' i filen nævner en kolonne to gange.")
        rows = []
        for i, values in enumerate(body["rows"]):
            if not isinstance(values, list) or len(values) != len(names):
                raise _refuse(f"Row {i + 1} of table '{name}' is malformed.",
                              f"Række {i + 1} i tabellen '{name}' er forkert opbygget.")
            row = {c: None for c in cols[name]}
            row.update({c: _in(v, cols[name][c]["kind"], f"{name}.{c} (row {i + 1})")
                        for c, v in zip(names, values)})
            rows.append(row)
        out[name] = rows
    return out


def _history(data: dict[str, Any], project_scope: bool) -> dict[str, Any]:
    h = data.get("history")
    if not isinstance(h, dict) or "events" not in h or "head" not in h or (
            project_scope and "chain" not in h):
        raise _refuse(
            "The file states no history (the event count and head hash of the audit history it "
            "carries), so it cannot be verified.",
            "Filen angiver ingen historik (antal hændelser og seneste hash i den historik, den "
            "indeholder), så den kan ikke verificeres.")
    return h


def _history_refused(en: str, da: str) -> ImportRefused:
    return _refuse(f"The file's history does not verify: {en}. It was changed after it was "
                   "exported.",
                   f"Filens historik kan ikke verificeres: {da}. Den er ændret efter eksporten.")


# -- checks of the rows --------------------------------------------------------------------------
def _enumerations() -> dict[tuple[str, str], Any]:
    from nybureau.domain import substance as S
    from nybureau.domain.vocabulary import BODIES, TRANSITION_KINDS
    from nybureau.services import meetings as M

    return {
        ("phase_transition", "kind"): TRANSITION_KINDS,
        ("meeting", "body"): set(BODIES) | {"network"},
        ("meeting", "status"): M.STATUSES,
        ("meeting_person", "attendance"): {"participant", "apology"},
        ("agenda_item", "kind"): M.ITEM_KINDS,
        ("governance_item", "kind"): S.ITEM_KINDS,
        ("governance_item", "source"): S.SOURCES,
        ("governance_item", "experience"): S.EXPERIENCES,
        ("governance_item", "character"): S.CHARACTERS,
        ("vote", "verdict"): S.VERDICTS,
        ("vote", "chain_role"): S.CHAIN_ROLES,
        ("prototype", "status"): S.PROTOTYPE_STATUSES,
        ("prototype_criterion", "bottom_line"): S.BOTTOM_LINES,
        ("survey_question", "bottom_line"): S.BOTTOM_LINES,
        ("survey_round", "kind"): S.ROUND_KINDS,
        ("evaluation_note", "kind"): S.NOTE_KINDS,
        ("spreading_activity", "kind"): S.SPREADING_KINDS,
    }


_CODE_CHECKS = {
    ("project", "slug"): lambda v: check_slug(v, "project"),
    ("network", "slug"): lambda v: check_slug(v, "network"),
    ("membership", "body"): check_body,
    ("decision", "body"): check_body,
    ("decision", "outcome"): check_outcome,
    ("agenda_item", "outcome"): check_outcome,
}


def _spec_of_definition(row: dict[str, Any]):
    """The definition's spec, after the checks ``workflow load`` makes: the source loads, and
    the stored hash, key, version and compiled spec are the source's."""
    from nybureau.workflow.loader import load_text

    try:
        spec = load_text(row["source"] or "", "<import>")
    except NybureauError as exc:
        raise InvalidInput(f"its source is not a valid workflow definition ({exc.message[:300]})",
                           f"dens kilde er ikke en gyldig workflow-definition "
                           f"({(exc.message_da or exc.message)[:300]})") from None
    try:
        stored = json.loads(row["spec_json"] or "")
    except ValueError:
        stored = None
    if spec.id != row["key"] or spec.version != row["version"] or \
            spec.source_hash != row["hash"] or stored != spec.to_dict():
        raise InvalidInput("its key, version, hash or compiled spec is not the one its source "
                           "gives",
                           "dens nøgle, version, hash eller oversatte spec er ikke den, som "
                           "kilden giver")
    return spec


def _check_values(tx, rows: dict[str, list[dict[str, Any]]], existing_specs: dict[Any, Any]
                  ) -> None:
    """Every value through the checks the CLI makes; ``existing_specs``: definition id in the
    file → the spec of the same definition already in this database (not checked again)."""
    cols = _columns(tx)
    enums = _enumerations()
    specs: dict[Any, Any] = dict(existing_specs)
    for i, row in enumerate(rows.get("workflow_definition", [])):
        if row["id"] in specs:
            continue
        try:
            specs[row["id"]] = _spec_of_definition(row)
        except InvalidInput as exc:
            raise _row_refused("workflow_definition", i, row, exc.message,
                               exc.message_da or exc.message) from None
    for name, found in rows.items():
        c = cols[name]
        for i, row in enumerate(found):
            try:
                for col, info in c.items():
                    v = row[col]
                    what = f"{name}.{col}"
                    if v is None:
                        if not info["nullable"]:
                            raise InvalidInput(f"{what} is empty, and it must have a value",
                                               f"{what} er tom, men skal have en værdi")
                        continue
                    if info["kind"] != "text":
                        continue
                    key = (name, col)
                    if key in _CODE_CHECKS:
                        _CODE_CHECKS[key](v)
                    elif key in enums:
                        if v not in enums[key]:
                            raise InvalidInput(
                                f"unknown value {_shown(v)} for {what}; use one of: "
                                f"{', '.join(sorted(enums[key]))}",
                                f"ukendt værdi {_shown(v)} i {what}; brug en af: "
                                f"{', '.join(sorted(enums[key]))}")
                    max_len = info["max_length"] or (
                        MACHINE_MAX if key in MACHINE_TEXT else MAX_TEXT)
                    multi = key in MACHINE_TEXT or col in FREE_TEXT_FIELDS \
                        or key in MULTI_LINE_COLUMNS
                    (free_text if multi else one_line)(v, what, max_len,
                                                       required=not info["nullable"])
                if name == "activity":
                    check_activity(row["kind"], row["number"])
                if name == "project":
                    spec = specs.get(row["workflow_definition_id"])
                    if spec is not None and row["phase"] not in spec.state_ids:
                        raise InvalidInput(
                            f"the phase {_shown(row['phase'])} is not one of the workflow "
                            f"'{spec.id}' v{spec.version}: {', '.join(spec.state_ids)}",
                            f"fasen {_shown(row['phase'])} findes ikke i workflowet "
                            f"'{spec.id}' v{spec.version}: {', '.join(spec.state_ids)}")
            except InvalidInput as exc:
                raise _row_refused(name, i, row, exc.message,
                                   exc.message_da or exc.message) from None


def _check_keys(tx, rows: dict[str, list[dict[str, Any]]]) -> None:
    """The schema's rules, checked on the file before anything is written: primary keys present
    and unique, unique keys unique, every reference to a row that is in the file."""
    cols = _columns(tx)
    present: dict[str, set[Any]] = {}
    for name in tx.admin_table_names():
        found = rows.get(name, [])
        pk = tx.admin_primary_key(name)
        for key in [tuple(pk)] + [tuple(u) for u in tx.admin_unique_keys(name)]:
            seen: dict[tuple, int] = {}
            for i, row in enumerate(found):
                value = tuple(row[k] for k in key)
                if any(v is None for v in value):
                    if key == tuple(pk):
                        raise _row_refused(name, i, row, f"it has no {', '.join(key)}",
                                           f"den har ingen {', '.join(key)}")
                    continue
                if value in seen:
                    shown = ", ".join(f"{k}={_shown(v)}" for k, v in zip(key, value))
                    raise _row_refused(
                        name, i, row, f"{shown} appears twice (also in row {seen[value] + 1})",
                        f"{shown} findes to gange (også i række {seen[value] + 1})")
                seen[value] = i
        if len(pk) == 1:
            present[name] = {row[pk[0]] for row in found}
        for i, row in enumerate(found):
            for col, info in cols[name].items():
                ref = info["references"]
                if ref and row[col] is not None and row[col] not in present.get(ref, set()):
                    raise _row_refused(
                        name, i, row,
                        f"{name}.{col} refers to {ref} {row[col]}, which is not in the file",
                        f"{name}.{col} henviser til {ref} {row[col]}, som ikke er med i filen")
    # the CHECK rules of the schema
    for name in ("activity", "meeting"):
        for i, row in enumerate(rows.get(name, [])):
            if row["project_id"] is None and row["network_id"] is None:
                raise _row_refused(name, i, row, "it belongs to neither a project nor a network",
                                   "den hører hverken til et projekt eller et netværk")
    for i, row in enumerate(rows.get("survey_answer", [])):
        if not 1 <= row["value"] <= 5:
            raise _row_refused("survey_answer", i, row, "the answer must be between 1 and 5",
                               "svaret skal være mellem 1 og 5")


def _verify_full_history(rows: dict[str, list[dict[str, Any]]], history: dict[str, Any]
                         ) -> dict[str, Any]:
    from nybureau.services.audit import verify_rows
    from nybureau.services.imported_history import check_batches, erasures

    audit = sorted(rows.get(AUDIT, []), key=lambda r: r["id"])
    check = verify_rows([dict(r) for r in audit])
    if not check["ok"]:
        b = check["first_broken"]
        raise _history_refused(b["en"], b["da"])
    if history.get("events") != check["events"]:
        raise _history_refused(
            f"it states {history.get('events')!r} events but holds {check['events']}",
            f"den angiver {history.get('events')!r} hændelser men har {check['events']}")
    if history.get("head") != check["head"]:
        raise _history_refused("its stated head hash is not the last event's hash: events were "
                               "removed or added at the end",
                               "dens angivne seneste hash er ikke den sidste hændelses: "
                               "hændelser er fjernet eller tilføjet i slutningen")
    imported = rows.get(IMPORTED, [])
    problem = check_batches(rows.get(BATCH, []), imported, audit, erasures(audit, imported))
    if problem:
        raise _history_refused(problem["en"], problem["da"])
    return check


def import_(tx, data: dict[str, Any], checksum: str) -> dict[str, Any]:
    rows = _decoded(tx, data)
    scope = data["scope"]
    if scope == {"all": True}:
        history = _history(data, project_scope=False)
        nonempty = [n for n in tx.admin_table_names() if tx.admin_count(n)]
        if nonempty:
            raise ImportRefused(
                "A complete export can only be imported into an empty database, and this one "
                f"has records ({', '.join(nonempty[:5])} …). Create a new database with "
                "`nybureau --db … init`, or export and import single projects.",
                "En fuld eksport kan kun importeres i en tom database, og denne har data "
                f"({', '.join(nonempty[:5])} …). Opret en ny database med `nybureau --db … "
                "init`, eller eksportér og importér enkelte projekter.")
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
        raise _refuse("The file's scope is malformed.", "Filens omfang er forkert angivet.")
    try:
        check_slug(slug, "project")
    except InvalidInput as exc:
        raise _refuse(f"The file's scope: {exc.message}", f"Filens omfang: {exc.message_da}") \
            from None
    history = _history(data, project_scope=True)
    if tx.project_get(slug):
        raise AlreadyExists(
            f"This database already has a project '{slug}'; nothing was imported.",
            f"Databasen har allerede et projekt '{slug}'; intet er importeret.")
    return _import_project(tx, rows, slug, checksum, history)


def _identity(columns: dict[str, dict[str, Any]]) -> list[str]:
    """The columns that identify a shared record: references, numbers, dates and short codes
    (not ids, timestamps or free text)."""
    return [n for n, c in columns.items() if not c["primary_key"] and (
        c["references"] or c["kind"] in ("int", "date", "bool")
        or (c["kind"] == "text" and c["max_length"] is not None and c["max_length"] <= 100))]


def _check_scope(tx, rows: dict[str, list[dict[str, Any]]], slug: str) -> dict[str, Any]:
    """Every row of a project-scope file belongs to its one project; return that row."""
    cols = _columns(tx)
    projects = rows.get("project", [])
    for i, row in enumerate(projects):
        if row["slug"] != slug or i > 0:
            raise _row_refused(
                "project", i, row,
                f"the file is an export of the project '{slug}' and may hold no other project "
                f"(this row is {_shown(row['slug'], 100)})",
                f"filen er en eksport af projektet '{slug}' og må ikke indeholde andre "
                f"projekter (denne række er {_shown(row['slug'], 100)})")
    if not projects:
        raise _refuse(f"The file does not contain the project '{slug}' it names.",
                      f"Filen indeholder ikke projektet '{slug}', som den nævner.")
    project = projects[0]
    pid, nid = project["id"], project["network_id"]
    for name in LOCAL_ONLY_TABLES:
        if rows.get(name):
            raise _row_refused(name, 0, rows[name][0],
                               "this table belongs to the database that wrote it and is never "
                               "part of a project's export",
                               "tabellen hører til den database, der skrev den, og er aldrig "
                               "en del af et projekts eksport")
    for i, row in enumerate(rows.get("network", [])):
        if nid is None or row["id"] != nid or i > 0:
            raise _row_refused("network", i, row,
                               f"it is not the network of the project '{slug}'",
                               f"det er ikke netværket for projektet '{slug}'")
    for i, row in enumerate(rows.get("workflow_definition", [])):
        if row["id"] != project["workflow_definition_id"]:
            raise _row_refused("workflow_definition", i, row,
                               f"it is not the workflow definition of the project '{slug}'",
                               f"det er ikke workflow-definitionen for projektet '{slug}'")
    referenced: dict[str, set[Any]] = {n: set() for n in REFERENCE_TABLES}
    for name, found in rows.items():
        if name in REFERENCE_TABLES or name == "project":
            continue
        c = cols[name]
        refs = {col: info["references"] for col, info in c.items() if info["references"]}
        for i, row in enumerate(found):
            if name == AUDIT:
                if not (row["project_id"] == pid or (
                        row["project_id"] is None and row["network_id"] is not None
                        and row["network_id"] == nid) or (
                        row["project_id"] is None and row["action"] == "person.forget")):
                    raise _row_refused(
                        name, i, row,
                        f"the event ({_shown(row['action'])}) belongs to another project or "
                        "network",
                        f"hændelsen ({_shown(row['action'])}) hører til et andet projekt "
                        "eller netværk")
                continue
            for col, ref in refs.items():
                v = row[col]
                if v is None:
                    continue
                if ref == "project" and v != pid:
                    raise _row_refused(name, i, row,
                                       f"{name}.{col} points at another project ({v})",
                                       f"{name}.{col} peger på et andet projekt ({v})")
                if ref == "network" and v != nid:
                    raise _row_refused(
                        name, i, row,
                        f"{name}.{col} points at another network than the project's ({v})",
                        f"{name}.{col} peger på et andet netværk end projektets ({v})")
                if ref in referenced:
                    referenced[ref].add(v)
            owners = [col for col, ref in refs.items()
                      if ref not in REFERENCE_TABLES and ref != "project"]
            if "project_id" in c:
                if row["project_id"] is None and (nid is None or row.get("network_id") != nid):
                    raise _row_refused(name, i, row,
                                       "it belongs neither to the project nor to its network",
                                       "den hører hverken til projektet eller dets netværk")
            elif not any(row[col] is not None for col in owners):
                raise _row_refused(name, i, row, "it does not belong to the project",
                                   "den hører ikke til projektet")
    referenced["workflow_definition"].add(project["workflow_definition_id"])
    if nid is not None:
        referenced["network"].add(nid)
    for name in REFERENCE_TABLES:
        for i, row in enumerate(rows.get(name, [])):
            if row["id"] not in referenced[name]:
                raise _row_refused(name, i, row, "no row of the project refers to it",
                                   "ingen række i projektet henviser til den")
    return project


_MEETING_SOURCE = re.compile(r"^meeting:(\d+)$")


def _import_project(tx, rows: dict[str, list[dict[str, Any]]], slug: str,
                    checksum: str, history: dict[str, Any]) -> dict[str, Any]:
    from nybureau.services.imported_history import (
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
        raise _refuse("The file carries no history of the project, so it cannot be verified.",
                      "Filen har ingen historik for projektet, så den kan ikke verificeres.")
    problem = check_extract(history.get("chain"), events, history.get("events"),
                            history.get("head"))
    if problem:
        raise _history_refused(problem["en"], problem["da"])
    problem = check_batches(rows.get(BATCH, []), rows.get(IMPORTED, []), events,
                            erasures(events, rows.get(IMPORTED, [])))
    if problem:
        raise _history_refused(problem["en"], problem["da"])

    ids: dict[str, dict[Any, Any]] = {n: {} for n in tx.admin_table_names()}
    reused_rows: dict[str, set[Any]] = {n: set() for n in tx.admin_table_names()}
    inserted: dict[str, int] = {}
    reused: dict[str, int] = {}
    skip = {AUDIT, BATCH, IMPORTED} | LOCAL_ONLY_TABLES
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


def _import_table(tx, name, found, cols, pk, auto, uniques, ids, reused_rows, inserted, reused,
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


def _store_events(tx, batch_id: int, events: list[dict[str, Any]]) -> None:
    for ev in events:
        tx.admin_insert(IMPORTED, {
            "batch_id": batch_id, "source_id": ev["id"], "at": ev["at"], "actor": ev["actor"],
            "action": ev["action"], "source_project_id": ev["project_id"],
            "source_network_id": ev["network_id"], "entity": ev["entity"],
            "source_entity_id": ev["entity_id"], "before": ev["before"], "after": ev["after"],
            "prev_hash": ev["prev_hash"], "hash": ev["hash"],
            "scheme": ev.get("scheme"), "state": ev.get("state")})
