"""Fixtures for the robustness tests: example data, a second database, raw SQL access."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ODDER = REPO / "examples" / "odder" / "project.yaml"
EGELUND = REPO / "examples" / "second-municipality" / "project.yaml"


def raw_execute(db_url: str, sql: str, params: dict | None = None):
    """Change the database behind nybureau's back (as an attacker or a careless admin would)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params or {})
            return result.fetchall() if result.returns_rows else result.rowcount
    finally:
        engine.dispose()


@pytest.fixture
def odder(cli):
    """The Odder example and the second municipality in the same network, loaded."""
    cli.ok(["project", "import", str(ODDER)])
    cli.ok(["project", "import", str(EGELUND)])
    return cli


@pytest.fixture
def pg_url():
    url = os.environ.get("NYBUREAU_TEST_PG")
    if not url:
        pytest.skip("NYBUREAU_TEST_PG is not set (a PostgreSQL database to test against)")
    return url


def sqlite_cli(tmp_path: Path, name: str):
    from tests.conftest import Cli

    c = Cli("sqlite:///" + str(tmp_path / name))
    c.ok("init")
    return c
