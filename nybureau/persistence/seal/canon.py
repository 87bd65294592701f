"""The seal's canonical content of a row, its digests, and which tables are sealed."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Iterable

from nybureau.persistence import tables as t
from nybureau.persistence.repo_admin import column_kind as _kind  # text/other: as given


KEY = "nybureau.seal"
SEAL_TABLE = "row_seal"
EXCLUDED = frozenset({"audit_event", SEAL_TABLE})
SEAL_ACTION = "state.seal"
BASELINE_ACTION = "audit.baseline"
_CHUNK = 400


_SEALED_TABLES = tuple(tb for tb in t.metadata.sorted_tables if tb.name not in EXCLUDED)
_SEALED = frozenset(tb.name for tb in _SEALED_TABLES)


def sealed_tables() -> tuple:
    """The sealed tables, parents before children (the order of seal entries and of verify)."""
    return _SEALED_TABLES


# -- canonical content ----------------------------------------------------------------------------
# Rows are read with the driver's own cursor (``exec_driver_sql``), not through SQLAlchemy's
# result processing, and each value is put in its canonical form by the column's type here: the
# same text whether SQLite gave a string or PostgreSQL a date, and a value SQLite holds in a
# form the type would not parse is kept as ``raw:…`` (so an edit to it still shows).
def _raw(value: Any) -> str:
    return "raw:" + _canon(value) if not isinstance(value, str) else "raw:" + value


def _canon(value: Any) -> Any:
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def _canon_as(kind: str, value: Any) -> Any:
    """``value`` as the driver gave it, in the canonical form of a column of this kind."""
    if kind == "datetime":
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return _raw(value)
        return _canon(value) if isinstance(value, datetime) else _raw(value)
    if kind == "date":
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return _raw(value)
        return value.isoformat() if type(value) is date else _raw(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        return bool(value) if isinstance(value, int) and value in (0, 1) else _raw(value)
    if kind == "int":
        return value if isinstance(value, int) and not isinstance(value, bool) else _raw(value)
    return _canon(value)


class _Shape:
    """How to read one sealed table: its columns (quoted), their kinds, its key's positions."""

    def __init__(self, tb, quote) -> None:
        self.name = tb.name
        self.names = [c.name for c in tb.columns]
        self.kinds = [_kind(c) for c in tb.columns]
        self.key_names = [c.name for c in tb.primary_key.columns]
        self.key_pos = [self.names.index(n) for n in self.key_names]
        self.select = (f"SELECT {', '.join(quote(n) for n in self.names)} FROM "
                       f"{quote(tb.name)}")
        self.order = " ORDER BY " + ", ".join(quote(n) for n in self.key_names)
        self.key_cols = [quote(n) for n in self.key_names]

    def key(self, values) -> tuple:
        return tuple(values[i] for i in self.key_pos)

    def digest(self, values) -> str:
        content = {}
        for name, kind, value in zip(self.names, self.kinds, values):
            if value is not None:
                content[name] = _canon_as(kind, value)
        return _digest(self.name, row_key(self.key(values)), content)


def _shapes(conn) -> dict[str, _Shape]:
    cache = _SHAPES.get(conn.dialect.name)
    if cache is None:
        quote = conn.dialect.identifier_preparer.quote
        cache = _SHAPES[conn.dialect.name] = {tb.name: _Shape(tb, quote) for tb in _SEALED_TABLES}
    return cache


_SHAPES: dict[str, dict[str, _Shape]] = {}


def _mark(conn) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def row_key(pk: Iterable[Any]) -> str:
    return "/".join(str(v) for v in pk)


def _key_tuple(text: str) -> tuple:
    """A row key back as a sortable tuple (integers where they are integers)."""
    return tuple((0, int(p)) if p.lstrip("-").isdigit() else (1, p) for p in text.split("/"))


def _digest(table: str, key: str, content: dict[str, Any]) -> str:
    payload = json.dumps([table, key, content], ensure_ascii=False, sort_keys=True,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def row_digest(table: str, values: dict[str, Any]) -> str:
    """The digest of a row given as {column: value} (typed values or the driver's own)."""
    tb = t.metadata.tables[table]
    content = {c.name: _canon_as(_kind(c), values[c.name]) for c in tb.columns
               if values.get(c.name) is not None}
    return _digest(table, row_key(values[c.name] for c in tb.primary_key.columns), content)


def state_digest(entries: Iterable[tuple[str, str, str | None]]) -> str:
    """sha256 over one transaction's seal entries (table, row key, digest or None), sorted."""
    payload = json.dumps(sorted(entries, key=lambda e: (e[0], e[1], e[2] or "")),
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _pk_columns(tb) -> list:
    return list(tb.primary_key.columns)


def _as_key(pk: list, values) -> tuple | None:
    """``values`` as a key of the primary key columns ``pk`` (integers as int), or None when a
    value does not fit (then the keys are selected from the database instead)."""
    out = []
    for col, value in zip(pk, values):
        if _kind(col) == "int":
            if isinstance(value, bool):
                return None
            try:
                value = int(value)
            except (TypeError, ValueError):
                return None
        out.append(value)
    return tuple(out)
