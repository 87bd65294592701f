"""The tables that keep history apart from the entities: the state seal (0005: the digest of
every row a transaction wrote, tied to its last audit event — persistence/seal) and the
imported history (0006: audit events that came with a project-scope import, with the batch
(file) they came in; one local ``project.import`` event vouches for each batch)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from nybureau.persistence.tables.base import TS, metadata

row_seal = Table(
    "row_seal", metadata,
    Column("id", Integer, primary_key=True),
    # No foreign key, like audit_event's own columns: verify names a seal whose event is gone.
    Column("event_id", Integer, nullable=False, index=True),
    Column("tbl", String(100), nullable=False),
    Column("row_key", String(200), nullable=False),
    Column("digest", String(64)),  # NULL: the row was deleted
)




import_batch = Table(
    "import_batch", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("project.id"), nullable=False, index=True),
    # who brought the file in and when (for a batch carried onward: as recorded where it was
    # first imported)
    Column("imported_at", TS, nullable=False),
    Column("imported_by", String(300), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    # the source database's chain at export time: its length, its head, and its skeleton
    # (a JSON list of [event id, hash]), against which the batch's events are checked
    Column("source_events", Integer, nullable=False),
    Column("source_head", String(64), nullable=False),
    Column("chain", Text, nullable=False),
    Column("events", Integer, nullable=False),
    # the event that vouches for this batch: a local audit_event id (carried_by_id empty), or
    # the source id of an imported event of the carrying batch (a batch carried onward by a
    # re-export); origin_batch_id is then this batch's id in that other database
    Column("vouched_by_event", Integer, nullable=False),
    Column("carried_by_id", Integer, ForeignKey("import_batch.id")),
    Column("origin_batch_id", Integer),
)

imported_event = Table(
    "imported_event", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batch.id"), nullable=False, index=True),
    # the event exactly as the source chain holds it (ids are the source database's)
    Column("source_id", Integer, nullable=False),
    Column("at", TS, nullable=False),
    Column("actor", String(300), nullable=False),
    Column("action", String(100), nullable=False),
    Column("source_project_id", Integer),
    Column("source_network_id", Integer),
    Column("entity", String(50), nullable=False),
    Column("source_entity_id", Integer),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # the source's hash scheme and state seal digest of the event, which its hash covers
    Column("scheme", Integer),
    Column("state", String(64)),
    UniqueConstraint("batch_id", "source_id", name="uq_imported_event_batch_source"),
)
