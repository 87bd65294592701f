"""Migration 0002 creates exactly the tables of the "meetings (0002)" section of tables.py, and
can be downgraded and upgraded again without touching the core tables' records."""

from __future__ import annotations

from pathlib import Path

MEETINGS = {"meeting", "meeting_person", "agenda_item", "attachment"}


def test_migration_matches_the_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from nybureau.persistence import tables

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), tables.metadata)
    assert [d for d in diff if any(f"'{n}'" in str(d) or f"{n}." in str(d) for n in MEETINGS)] \
        == []


def test_downgrade_to_0001_and_back_keeps_the_projects(store, cli):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    import nybureau.persistence as persistence
    from nybureau.persistence.store import Store

    cli.ok('project create p --name P --municipality M --date 2017-01-02')
    cli.ok('meeting plan p med --date "2017-02-01 10:00"')
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(persistence.__file__).parent / "migrations"))
    with store.engine.connect() as conn:
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
    assert not MEETINGS & set(inspect(store.engine).get_table_names())
    store.dispose()
    again = Store(store.url)
    from nybureau.persistence.schema import SCHEMA_HEAD

    assert again.init() == ("0001", SCHEMA_HEAD)
    assert MEETINGS <= set(inspect(again.engine).get_table_names())
    again.dispose()
    assert "P" in cli.ok("project list").output
    assert cli.ok("meeting list --json").output.strip() == "[]"
