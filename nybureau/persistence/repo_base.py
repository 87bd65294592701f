"""The helpers every aggregate's repository uses over the transaction's connection.

Each repository (``repo_projects``, ``repo_people`` …) is a mixin of
:class:`~nybureau.persistence.repository.Tx` that implements one Protocol of
:mod:`nybureau.domain.ports`; they share ``self.conn``, ``self.now``, ``self.actor`` and these
helpers. Records are built by :func:`nybureau.persistence.build.build`.
"""

from __future__ import annotations

from typing import Any

from nybureau.persistence.build import build_row


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

    def _insert(self, table, **values) -> int:
        return self.conn.execute(table.insert().values(**values)).inserted_primary_key[0]
