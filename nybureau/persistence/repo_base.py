"""The helpers every aggregate's repository uses over the transaction's connection.

Each repository (``repo_projects``, ``repo_people`` …) is a mixin of
:class:`~nybureau.persistence.repository.Tx` that implements one Protocol of
:mod:`nybureau.domain.ports`; they share ``self.conn``, ``self.now``, ``self.actor`` and these
helpers. Records are built by :func:`nybureau.persistence.build.build`.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from nybureau.persistence.build import build, build_row


def read_once(method):
    """In a read transaction (``store.read``: nothing is written, and it is rolled back), the
    answer of ``method`` for the same arguments is read from the database once: a web page asks
    several services, and each of them looks the project up again. Write transactions always
    read afresh. A list answer is handed out as a copy, so a caller that sorts it cannot change
    what the next one gets."""
    name = method.__name__

    @wraps(method)
    def reading(self, *args, **kwargs):
        if self.conn.info.get("write", True):
            return method(self, *args, **kwargs)
        memo = self.__dict__.setdefault("_read_once", {})
        key = (name, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:  # an argument that cannot be a key (a record): read it
            return method(self, *args, **kwargs)
        if key not in memo:
            memo[key] = method(self, *args, **kwargs)
        found = memo[key]
        return list(found) if isinstance(found, list) else found

    return reading


class RowsBase:
    conn: Any
    now: Any
    actor: str

    def _one(self, stmt) -> dict[str, Any] | None:
        """The first row as a plain dict (a generic read; entities come out as records)."""
        row = self.conn.execute(stmt).first()
        return dict(row._mapping) if row is not None else None

    def _all(self, stmt) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in self.conn.execute(stmt)]

    def _rec(self, stmt, cls):
        """The first row of ``stmt`` as a ``cls`` record, or None."""
        row = self.conn.execute(stmt).first()
        return build_row(cls, row) if row is not None else None

    def _recs(self, stmt, cls) -> list:
        return [build_row(cls, row) for row in self.conn.execute(stmt)]

    def _prepared(self, prepared, cls, **params) -> list:
        """The rows of a :class:`~nybureau.persistence.prepared.Prepared` read as ``cls``
        records."""
        return [build(cls, row) for row in prepared.rows(self.conn, **params)]

    def _prepared_one(self, prepared, cls, **params):
        """The first row of a prepared read as a ``cls`` record, or None."""
        row = prepared.first(self.conn, **params)
        return build(cls, row) if row is not None else None

    def _insert(self, table, **values) -> int:
        return self.conn.execute(table.insert().values(**values)).inserted_primary_key[0]
