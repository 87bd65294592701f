"""Migration 0003 creates exactly the tables of the "substance (0003)" section, and can be
downgraded and upgraded again."""

from __future__ import annotations

SUBSTANCE = {"governance_item", "vote", "focus_area", "focus_area_item", "prototype",
             "prototype_criterion", "prototype_iteration", "survey_round", "survey_question",
             "survey_response", "survey_answer", "evaluation_note", "spreading_activity"}


def test_migration_matches_the_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from nybureau.persistence import tables

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), tables.metadata)
    assert [d for d in diff if any(n in str(d) for n in SUBSTANCE)] == []


def test_downgrade_to_0002_and_back(store):
    from pathlib import Path

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    import nybureau.persistence as persistence
    from nybureau.persistence.store import Store

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(persistence.__file__).parent / "migrations"))
    with store.engine.connect() as conn:
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
    assert not SUBSTANCE & set(inspect(store.engine).get_table_names())
    store.dispose()
    again = Store(store.url)
    from nybureau.persistence.schema import SCHEMA_HEAD

    assert again.init() == ("0002", SCHEMA_HEAD)
    assert SUBSTANCE <= set(inspect(again.engine).get_table_names())
    again.dispose()
