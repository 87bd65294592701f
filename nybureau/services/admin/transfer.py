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
  checks them (:mod:`nybureau.services.admin.imported_history`). A project re-exported from here
  carries its imported history onward (its batches travel and are checked again).

Caps on the file: at most :data:`MAX_BYTES` (512 MiB; ``NYBUREAU_IMPORT_MAX_BYTES`` sets
another number of bytes) and JSON nested at most :data:`MAX_DEPTH` levels.

Everything happens in one transaction: an import is either complete or not there at all.

This module holds the file itself (its format, reading, decoding and writing) and the refusals
the other parts share: :mod:`~nybureau.services.admin.transfer_export` builds an export,
:mod:`~nybureau.services.admin.transfer_checks` checks a file's rows and
:mod:`~nybureau.services.admin.transfer_import` writes them. They read
:data:`LOCAL_ONLY_TABLES` from here at run time, so there is one list.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nybureau.errors import InvalidInput, NybureauError
from nybureau.i18n import Msg
from nybureau.persistence.tables import VOIDABLE

if TYPE_CHECKING:
    from nybureau.domain.ports import Transaction as Tx

FORMAT = "nybureau-export/2"
OLD_FORMATS = ("nybureau-export/1",)
AUDIT = "audit_event"
SEAL = "row_seal"  # the state seal (nybureau/persistence/seal.py)
BATCH = "import_batch"
IMPORTED = "imported_event"
# Tables whose rows only make sense in the database that wrote them (they refer to its ids):
# a project-scope export leaves them out and a project-scope import refuses them; a complete
# export carries them as they are. A table listed here need not exist.
# The web view's sessions, sign-in links and sign-in attempts (0012) are local too: they are
# this server's sign-ins (a session or link would let a browser in somewhere it was never
# given), they expire within hours, and a moved project's people sign in anew where it lands.
# Its grants, members' approvals of minutes and voting rounds with their voters travel: they
# are records of the project.
LOCAL_ONLY_TABLES = {"row_seal", "web_session", "web_token", "web_attempt"}
REFERENCE_TABLES = {"person", "network", "workflow_definition"}
MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 32
INT_RANGE = (-(2 ** 31), 2 ** 31 - 1)  # the schema's Integer (4 bytes on PostgreSQL)
# Machine-written text (JSON, YAML sources, hashes): no CLI length applies, only this cap.
MACHINE_TEXT = {("workflow_definition", "source"), ("workflow_definition", "spec_json"),
                ("audit_event", "before"), ("audit_event", "after"),
                ("imported_event", "before"), ("imported_event", "after"),
                ("import_batch", "chain"), ("agenda_item", "recommendations"),
                ("agenda_item", "background_generated"),
                # a meeting series' rule and template agenda (0011): JSON
                ("meeting_series", "rule"), ("meeting_series", "template"),
                # the outbox (0011): the whole RFC 5322 message (or its headers once sent) and
                # JSON (services/mail/outbox.py)
                ("outbox_message", "content"), ("outbox_message", "recipients"),
                ("outbox_message", "documents")}
MACHINE_MAX = 64 * 1024 * 1024
# Text columns that may hold line breaks besides the CLI's free-text fields (FREE_TEXT_FIELDS);
# every other text column is one line, as the CLI takes it.
MULTI_LINE_COLUMNS = {("prototype", "evaluation_plan"), ("agenda_item", "decision_text"),
                      # why a row was voided (0007): free text, like the CLI's --reason
                      *((name, "void_reason") for name in VOIDABLE),
                      # a server's reply may run over several lines (0011)
                      ("outbox_message", "last_error"),
                      # the risk log and the communication plan (0013): free text
                      ("risk_entry", "what"), ("risk_entry", "action"),
                      ("risk_entry", "close_note"), ("stakeholder", "needs"),
                      # an evaluation design's criteria, one per line (0016)
                      ("evaluation_design", "criteria"),

                      # a field note (0014) and the note on an item's labels: free text
                      ("field_note", "text"), ("governance_item", "label_note"),

                      # the frame project's description and a step's note (0018)
                      ("network_programme", "description"), ("programme_step", "note")}


class ImportRefused(NybureauError):
    """An import file that cannot be imported; nothing of it was written."""


def _refuse(msg: Msg) -> ImportRefused:
    return ImportRefused(Msg("{msg} Nothing was imported.", msg=msg))


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
            Msg("NYBUREAU_IMPORT_MAX_BYTES must be a positive number of bytes, not '{raw}'.",
                raw=raw[:40]))
    return MAX_BYTES


def _shown(value: Any, limit: int = 60) -> str:
    """A value from the file as a message may show it: quoted, control characters escaped,
    cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _row_where(table: str, index: int, row: dict[str, Any]) -> Msg:
    ident = f" (id {row['id']})" if row.get("id") is not None else ""
    return Msg("table '{table}', row {row}{ident}", table=table, row=index + 1, ident=ident)


def _row_refused(table: str, index: int, row: dict[str, Any], msg: Msg
                 ) -> ImportRefused:
    return _refuse(Msg("The file cannot be imported: {where}: {msg}",
                       where=_row_where(table, index, row), msg=msg))


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
            Msg("The file is not a usable export: {where} has the value {shown}, which is not a "
                "valid {kind}.", where=where, shown=shown, kind=kind)) from None
    return value


def _columns(tx: Tx) -> dict[str, dict[str, dict[str, Any]]]:
    return {name: {c["name"]: c for c in tx.admin_columns(name)}
            for name in tx.admin_table_names()}



def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write(data: dict[str, Any], out: str | Path) -> Path:
    """Write atomically: a half-written export never replaces a good file."""
    path = Path(out)
    if path.is_dir():
        raise InvalidInput(Msg("'{path}' is a folder; give a file name such as export.json.",
                               path=path))
    if not path.parent.exists():
        raise InvalidInput(Msg("The folder '{parent}' does not exist.", parent=path.parent))
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
    """An export file's parsed JSON and its sha256, within the caps on its size and depth;
    a file that is not a nybureau export of this format is refused."""
    p = Path(path)
    limit = _max_bytes()
    too_deep = _refuse(
        Msg("'{p}' is not a nybureau export: its JSON is nested deeper than {max_depth} levels.",
            p=p, max_depth=MAX_DEPTH))
    try:
        size = p.stat().st_size
        if size > limit:
            raise _refuse(
                Msg("'{p}' is {size} bytes; an import file may be at most {limit} bytes (set "
                    "NYBUREAU_IMPORT_MAX_BYTES to allow more).", p=p, size=size, limit=limit))
        with p.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(Msg("The file '{p}' does not exist.", p=p)) from None
    except OSError as exc:
        raise InvalidInput(Msg("The file '{p}' cannot be read: {strerror}.", p=p,
                               strerror=exc.strerror)) from None
    if len(raw) > limit:
        raise _refuse(Msg("'{p}' is larger than {limit} bytes, the most an import file may be.",
                          p=p, limit=limit))
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise too_deep from None
    except (UnicodeDecodeError, ValueError) as exc:
        detail = str(exc)[:200]
        raise _refuse(
            Msg("'{p}' is not a nybureau export (not valid JSON: {detail}).", p=p, detail=detail)) from None
    if not _depth_ok(data):
        raise too_deep
    if isinstance(data, dict) and data.get("format") in OLD_FORMATS:
        raise _refuse(
            Msg("'{p}' was made by an older nybureau (format '{format}') and carries no "
                "verifiable history. Export it again with this version.", p=p,
                format=data['format']))
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(
            data.get("tables"), dict) or not isinstance(data.get("scope"), dict):
        raise _refuse(
            Msg("'{p}' is not a nybureau export (format '{format}' expected).", p=p,
                format=FORMAT))
    return data, hashlib.sha256(raw).hexdigest()


def _decoded(tx: Tx, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Check the file's tables and columns against the schema; decode the values. A column the
    file leaves out is empty (None)."""
    cols = _columns(tx)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, body in data["tables"].items():
        if name not in cols:
            shown = _shown(name)
            raise _refuse(
                Msg("The file has a table {shown} this nybureau does not know (the file was made "
                    "by a newer version, schema {get}). Upgrade nybureau "
                    "first.", shown=shown, get=str(data.get('schema'))[:20]))
        if not isinstance(body, dict) or not isinstance(body.get("columns"), list) or \
                not isinstance(body.get("rows"), list):
            raise _refuse(Msg("Table '{name}' in the file is malformed.", name=name))
        names = body["columns"]
        for c in names:
            if not isinstance(c, str) or c not in cols[name]:
                raise _refuse(
                    Msg("Table '{name}' in the file has a column {c} this nybureau "
                        "does not know.", name=name, c=_shown(c)))
        if len(set(names)) != len(names):
            raise _refuse(Msg("Table '{name}' in the file names a column twice.", name=name))
        rows = []
        for i, values in enumerate(body["rows"]):
            if not isinstance(values, list) or len(values) != len(names):
                raise _refuse(Msg("Row {i} of table '{name}' is malformed.", i=i + 1, name=name))
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
            Msg("The file states no history (the event count and head hash of the audit history it "
                "carries), so it cannot be verified."))
    return h


def _history_refused(msg: Msg) -> ImportRefused:
    return _refuse(Msg("The file's history does not verify: {msg}. It was changed after it was "
                       "exported.", msg=msg))
