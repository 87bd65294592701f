"""Shared fixtures. Tests use a real SQLite file per test (or PostgreSQL when
NYBUREAU_TEST_PG names a database URL), a real Store and click's CliRunner."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    pg = os.environ.get("NYBUREAU_TEST_PG")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:  # a clean schema for every test
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return pg
    return "sqlite:///" + str(tmp_path / "nybureau.db")


@pytest.fixture
def store(db_url: str):
    from nybureau.persistence.store import Store

    s = Store(db_url)
    s.init()
    yield s
    s.dispose()


@pytest.fixture
def tx(store):
    """A write transaction that commits at the end of the test."""
    with store.transaction("tester") as t:
        yield t


class Cli:
    """Runs ``nybureau`` through click's CliRunner against the test database."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.runner = CliRunner()

    def __call__(self, args: str | list[str], *, lang: str = "en", input: str | None = None,
                 actor: str = "tester"):
        from nybureau.cli.main import cli

        argv = shlex.split(args) if isinstance(args, str) else list(args)
        full = ["--db", self.db_url, "--actor", actor, "--lang", lang, *argv]
        return self.runner.invoke(cli, full, input=input, catch_exceptions=False)

    def ok(self, args, **kw):
        result = self(args, **kw)
        assert result.exit_code == 0, f"{args!r} failed ({result.exit_code}):\n{result.output}"
        return result


@pytest.fixture
def cli(db_url: str) -> Cli:
    c = Cli(db_url)
    c.ok("init")
    return c


@pytest.fixture
def raw_cli(db_url: str) -> Cli:
    """A CLI against a database that has not been initialised."""
    return Cli(db_url)


def db_snapshot(db_url: str) -> dict[str, list[tuple]]:
    """Every row of every table, to assert that a refused command changed nothing."""
    from sqlalchemy import MetaData, create_engine, select

    engine = create_engine(db_url)
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            out[name] = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    engine.dispose()
    return out


@pytest.fixture
def snapshot(db_url: str):
    return lambda: db_snapshot(db_url)


#: With NYBUREAU_TEST_PG set, NYBUREAU_TEST_PG_ONLY=1 runs only the tests that meet the
#: database: the ones asking for a database fixture (``db_url`` or ``pg_url``, directly or
#: through ``store``, ``tx``, ``cli`` …) or whose module reads NYBUREAU_TEST_PG itself. The
#: others (rendering, parsing, packaging …) do not change with the database; CI runs them in
#: the SQLite run beside it, not twice.
_DB_FIXTURES = {"db_url", "pg_url"}


def pytest_collection_modifyitems(config, items):
    if not (os.environ.get("NYBUREAU_TEST_PG") and os.environ.get("NYBUREAU_TEST_PG_ONLY")):
        return
    reads_pg: dict[str, bool] = {}
    keep, drop = [], []
    for item in items:
        path = str(item.fspath)
        if path not in reads_pg:
            try:
                reads_pg[path] = "NYBUREAU_TEST_PG" in Path(path).read_text(encoding="utf-8")
            except OSError:
                reads_pg[path] = True
        uses_db = bool(_DB_FIXTURES & set(getattr(item, "fixturenames", ())))
        (keep if uses_db or reads_pg[path] else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
