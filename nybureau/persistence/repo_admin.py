"""Repository methods for the administrative use cases: the audit chain as stored, and generic,
table-by-table access for export/import and for a person's data (GDPR).

Everything here is generic over ``tables.metadata``: a table another feature adds is exported,
imported, searched and pseudonymised without changes here. Rows go in and out as plain dicts;
column descriptions as plain dicts too (``columns``), so services never see SQLAlchemy.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, and_, func, or_, select, text
from sqlalchemy import update as sa_update

from nybureau.i18n import Msg
from nybureau.persistence import tables as t


def _check_row(table: str, row: dict[str, Any]) -> None:
    """What every stored row of ``table`` must hold to, wherever it comes from (an import):
    a workflow definition no larger than a workflow file may be."""
    if table == "workflow_definition":
        from nybureau.workflow.located import check_stored_definition

        check_stored_definition(row.get("source"), row.get("spec_json"),
                                f"workflow '{row.get('key')}'")


def column_kind(column) -> str:
    """A column's kind as export/import and the state seal read it: datetime, date, bool,
    int, text or other."""
    typ = column.type
    if isinstance(typ, DateTime):
        return "datetime"
    if isinstance(typ, Date):
        return "date"
    if isinstance(typ, Boolean):
        return "bool"
    if isinstance(typ, Integer):
        return "int"
    if isinstance(typ, (String, Text)):
        return "text"
    return "other"


class AdminRepo:
    """Mixed into :class:`nybureau.persistence.repository.Tx`."""

    # -- the schema, described --------------------------------------------------------------
    def admin_table_names(self) -> list[str]:
        """Every table of the schema, parents before children (foreign-key order)."""
        return [tb.name for tb in t.metadata.sorted_tables]

    def admin_columns(self, table: str) -> list[dict[str, Any]]:
        tb = t.metadata.tables[table]
        out = []
        for c in tb.columns:
            fks = list(c.foreign_keys)
            out.append({
                "name": c.name,
                "kind": column_kind(c),
                "primary_key": c.primary_key,
                "nullable": c.nullable,
                "references": fks[0].column.table.name if fks else None,
                "max_length": getattr(c.type, "length", None),
            })
        return out

    def admin_unique_keys(self, table: str) -> list[tuple[str, ...]]:
        """Column sets that identify a row besides its primary key (unique constraints)."""
        from sqlalchemy import UniqueConstraint

        tb = t.metadata.tables[table]
        keys = [tuple(c.name for c in con.columns) for con in tb.constraints
                if isinstance(con, UniqueConstraint)]
        keys += [(c.name,) for c in tb.columns if c.unique and (c.name,) not in keys]
        return keys

    def admin_primary_key(self, table: str) -> list[str]:
        return [c.name for c in t.metadata.tables[table].primary_key.columns]

    # -- rows ---------------------------------------------------------------------------------
    def admin_rows(self, table: str, where: dict[str, Any] | None = None,
                   any_of: dict[str, list[Any]] | None = None) -> list[dict[str, Any]]:
        """Rows of ``table`` in primary-key order. ``where``: column == value (all must hold);
        ``any_of``: column IN values (any may hold)."""
        tb = t.metadata.tables[table]
        stmt = select(tb).order_by(*tb.primary_key.columns)
        conds = []
        for name, value in (where or {}).items():
            col = tb.c[name]
            conds.append(col.is_(None) if value is None else col == value)
        if conds:
            stmt = stmt.where(and_(*conds))
        if any_of is not None:
            alts = [tb.c[name].in_(list(values)) for name, values in any_of.items() if values]
            if not alts:
                return []
            stmt = stmt.where(or_(*alts))
        return [dict(r._mapping) for r in self.conn.execute(stmt)]

    def admin_count(self, table: str) -> int:
        return self.conn.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar()

    def admin_insert(self, table: str, row: dict[str, Any]) -> Any:
        """Insert one row; return its new integer id when the table has one."""
        _check_row(table, row)
        tb = t.metadata.tables[table]
        result = self.conn.execute(tb.insert().values(**row))
        pk = result.inserted_primary_key
        return pk[0] if pk is not None and len(pk) == 1 else None

    def admin_insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            _check_row(table, row)
        if rows:
            self.conn.execute(t.metadata.tables[table].insert(), rows)

    def admin_insert_checked(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows given with their ids (a complete import), under :meth:`admin_db_rules`."""
        with self.admin_db_rules(table):
            self.admin_insert_many(table, rows)

    def admin_db_rules(self, table: str):
        """A context in which a rule of the database that an import's own checks did not
        foresee becomes a plain refusal naming the table, never an SQL error (the caller's
        transaction is rolled back)."""
        from contextlib import contextmanager

        from sqlalchemy.exc import DBAPIError, StatementError

        from nybureau.errors import InvalidInput

        @contextmanager
        def rules():
            try:
                yield
            except (DBAPIError, StatementError, OverflowError) as exc:
                kind = type(getattr(exc, "orig", None) or exc).__name__
                raise InvalidInput(
                    Msg("The file's table '{table}' breaks a rule of the database ({kind}): a "
                        "duplicate, a missing reference or a value out of range. Nothing was "
                        "imported.", table=table, kind=kind)) from None

        return rules()

    def admin_update(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> None:
        tb = t.metadata.tables[table]
        cond = and_(*[tb.c[k] == v for k, v in key.items()])
        self.conn.execute(sa_update(tb).where(cond).values(**values))

    def admin_update_unique(self, table: str, key: dict[str, Any], values: dict[str, Any]
                            ) -> bool:
        """``admin_update`` inside a savepoint: False (and nothing changed) when the new values
        would break one of the table's unique constraints."""
        from sqlalchemy.exc import IntegrityError

        savepoint = self.conn.begin_nested()
        try:
            self.admin_update(table, key, values)
        except IntegrityError:
            savepoint.rollback()
            return False
        savepoint.commit()
        return True

    def admin_find_by(self, table: str, values: dict[str, Any]) -> dict[str, Any] | None:
        rows = self.admin_rows(table, where=values)
        return rows[0] if rows else None

    def admin_reset_sequences(self) -> None:
        """After rows were inserted with explicit ids, PostgreSQL's sequences must move past
        them (SQLite needs nothing)."""
        if self.conn.dialect.name != "postgresql":
            return
        for tb in t.metadata.sorted_tables:
            pk = list(tb.primary_key.columns)
            if len(pk) != 1 or not isinstance(pk[0].type, Integer):
                continue
            seq = self.conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": tb.name, "c": pk[0].name}).scalar()
            if seq:
                self.conn.execute(text(
                    f"SELECT setval('{seq}', COALESCE((SELECT MAX({pk[0].name}) FROM "
                    f"{tb.name}), 0) + 1, false)"))

    def admin_secure_delete(self) -> None:
        """For the rest of this connection, SQLite overwrites deleted and overwritten content
        with zeros instead of leaving it in the file's free space (``person forget``).
        PostgreSQL has no such switch (see ``persistence.scrub``)."""
        if self.conn.dialect.name == "sqlite":
            self.conn.exec_driver_sql("PRAGMA secure_delete=ON")

    # -- the audit chain ------------------------------------------------------------------------
    def admin_audit_rows(self) -> list[dict[str, Any]]:
        """The audit events exactly as stored (payloads as text), in chain order."""
        ae = t.audit_event
        return [dict(r._mapping) for r in self.conn.execute(select(ae).order_by(ae.c.id))]

    def admin_audit_head(self) -> str | None:
        ae = t.audit_event
        return self.conn.execute(select(ae.c.hash).order_by(ae.c.id.desc()).limit(1)).scalar()

    def admin_audit_append(self, fields: dict[str, Any]) -> int:
        """Append an event whose fields (at, actor, action, …, before/after as JSON text) are
        given, linked to the current head — used to carry another database's history over."""
        from nybureau.persistence.chain import CURRENT_SCHEME, GENESIS_HASH, event_digest

        prev = self.admin_audit_head() or GENESIS_HASH
        at = fields["at"]
        hashed = dict(fields, at=at.isoformat())
        digest = event_digest(prev, hashed, CURRENT_SCHEME)
        eid = self.admin_insert("audit_event", dict(fields, prev_hash=prev, hash=digest,
                                                    scheme=CURRENT_SCHEME))
        self._last_hash = digest  # keep Tx.audit's cached head in step
        return eid

    # -- imported history (project-scope imports) -------------------------------------------
    def imported_batches(self, project_id: int | None = None) -> list[dict[str, Any]]:
        """Import batches (one per imported file, plus batches carried onward), by id."""
        ib = t.import_batch
        stmt = select(ib).order_by(ib.c.id)
        if project_id is not None:
            stmt = stmt.where(ib.c.project_id == project_id)
        return [dict(r._mapping) for r in self.conn.execute(stmt)]

    def imported_events(self, batch_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Imported events exactly as stored, by batch and source order."""
        ie = t.imported_event
        stmt = select(ie).order_by(ie.c.batch_id, ie.c.source_id)
        if batch_ids is not None:
            if not batch_ids:
                return []
            stmt = stmt.where(ie.c.batch_id.in_(batch_ids))
        return [dict(r._mapping) for r in self.conn.execute(stmt)]

    def admin_audit_event(self, event_id: int) -> dict[str, Any] | None:
        ae = t.audit_event
        row = self.conn.execute(select(ae).where(ae.c.id == event_id)).first()
        return dict(row._mapping) if row is not None else None
