"""A small world on the in-memory fake (:mod:`nybureau.persistence.memory`): no database.

Not a conftest, so the rule tests can also run with ``--noconftest`` in a process where
SQLAlchemy and ``sqlite3`` cannot be imported (``test_no_database.py``)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from nybureau.persistence.memory import MemoryStore

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)


def world(slug: str = "odder") -> MemoryStore:
    """A store with one project on the standard workflow, started on 2024-01-01."""
    from nybureau.services.process import create_project

    store = MemoryStore(now=NOW)
    with store.transaction() as tx:
        create_project(tx, slug, name="Odder", municipality="Odder Kommune",
                       started_on=date(2024, 1, 1))
    return store
