"""Schema upgrades keep every record: a database frozen at the first released schema (revision
0001, made by the 0001-era code: the two example scenarios plus a going-back, a new member and an
interview through the CLI) is upgraded to head; and the models equal the migrations' head."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import Cli

FROZEN = Path(__file__).resolve().parents[1] / "data" / "schema-0001.db"
TABLES_0001 = ["network", "workflow_definition", "project", "person", "membership", "agent",
               "decision", "activity", "activity_attendee", "phase_transition", "audit_event"]


def _columns_0001(table: str) -> str:
    """The table's columns at revision 0001 (later revisions may add columns)."""
    con = sqlite3.connect(FROZEN)
    try:
        return ", ".join(r[1] for r in con.execute(f"PRAGMA table_info({table})"))
    finally:
        con.close()


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT {_columns_0001(t)} FROM {t} ORDER BY 1, 2").fetchall()
                for t in TABLES_0001}
    finally:
        con.close()


def test_frozen_database_is_at_the_first_schema():
    con = sqlite3.connect(FROZEN)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert con.execute("SELECT count(*) FROM project").fetchone() == (2,)
    con.close()


def test_old_database_is_refused_until_upgraded(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FROZEN, db)
    cli = Cli("sqlite:///" + str(db))
    r = cli("project list")
    assert r.exit_code == 1 and "revision 0001" in r.output and "nybureau init" in r.output


def test_upgrade_to_head_keeps_every_record(tmp_path):
    from nybureau.persistence.schema import SCHEMA_HEAD

    db = tmp_path / "old.db"
    shutil.copy(FROZEN, db)
    before = _rows(db)
    assert sum(len(r) for r in before.values()) > 500
    cli = Cli("sqlite:///" + str(db))
    out = cli.ok("init").output
    assert f"from schema 0001 to {SCHEMA_HEAD}" in out
    after = _rows(db)
    old_events, new_events = before.pop("audit_event"), after.pop("audit_event")
    assert after == before  # every row of every old table, unchanged
    # the old events too (the state seal's new column is NULL for them), and the upgrade
    # sealed the state it found with one baseline event (nybureau/persistence/seal.py)
    width = len(old_events[0])
    assert [r[:width] for r in new_events[:-1]] == old_events
    assert new_events[-1][3] == "audit.baseline"
    chain = json.loads(cli.ok("audit verify --json").stdout)
    assert chain["ok"] and chain["events"] == len(old_events) + 1
    projects = {p["project"]: p for p in json.loads(cli.ok("project list --json").stdout)}
    assert projects["odder-bostoette"]["phase"] == "completed"
    assert projects["egelund-socialpsykiatri"]["phase"] == "mapping"
    show = json.loads(cli.ok("project show egelund-socialpsykiatri --json").stdout)
    assert any(m["name"] == "Åse Ødegård" for m in show["bodies"]["reference_group"])
    # and the old project goes on
    cli.ok("decision record egelund-socialpsykiatri focus_areas --by steering_group "
           "--outcome approved --date 2018-04-01")
    cli.ok("audit verify")
    cli.ok("init")  # idempotent


def test_upgrade_on_postgresql_keeps_every_record(pg_url, db_url):
    """The same frozen rows, put into PostgreSQL at revision 0001, then `nybureau init`."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    import nybureau.persistence.store as store_module

    cfg = Config()
    cfg.set_main_option("script_location",
                        str(Path(store_module.__file__).parent / "migrations"))
    engine = create_engine(db_url)
    old = _rows(FROZEN)
    con = sqlite3.connect(FROZEN)
    columns = {t: [c[1] for c in con.execute(f"PRAGMA table_info({t})")] for t in TABLES_0001}
    con.close()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        for t in TABLES_0001:
            cols = columns[t]
            for row in old[t]:
                conn.execute(text(f"INSERT INTO {t} ({', '.join(cols)}) VALUES "
                                  f"({', '.join(':' + c for c in cols)})"), dict(zip(cols, row)))
    engine.dispose()
    cli = Cli(db_url)
    cli.ok("init")
    chain = json.loads(cli.ok("audit verify --json").stdout)
    # + the baseline event that seals the state found at the upgrade
    assert chain["ok"] and chain["events"] == len(old["audit_event"]) + 1
    engine = create_engine(db_url)
    with engine.connect() as conn:
        for t in TABLES_0001:
            assert conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() == \
                len(old[t]) + (t == "audit_event")
    engine.dispose()


def test_models_and_migration_head_describe_the_same_schema(store, db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from nybureau.persistence.tables import metadata

    engine = create_engine(db_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
    engine.dispose()
    assert diff == [], f"tables.py and the migrations differ: {diff}"


def test_schema_head_constant_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import nybureau.persistence.store as store_module
    from nybureau.persistence.schema import SCHEMA_HEAD

    cfg = Config()
    cfg.set_main_option("script_location",
                        str(Path(store_module.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_heads() == [SCHEMA_HEAD]
