"""`--db postgresql+psycopg://…`: the URL forms users type, and clear messages when the server
cannot be used (no traceback, the password never printed)."""

from __future__ import annotations

import subprocess
import sys


def _run(*args: str):
    return subprocess.run([sys.executable, "-m", "nybureau", "--lang", "en", *args],
                          capture_output=True, text=True, timeout=120)


def test_plain_postgresql_url_uses_psycopg():
    from nybureau.config import database_url

    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_unreachable_server_is_a_clear_message_without_the_password():
    r = _run("--db", "postgresql+psycopg://nybureau:hemmeligt@127.0.0.1:1/nybureau",
             "project", "list")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    try:
        import psycopg  # noqa: F401
    except ImportError:  # without the `postgres` extra: say how to get the driver
        assert "pip install 'nybureau[postgres]'" in r.stderr
    else:
        assert "Cannot use the database" in r.stderr
    assert "hemmeligt" not in r.stderr + r.stdout


def test_uninitialised_postgresql_database_says_run_init(raw_cli, db_url):
    if db_url.startswith("sqlite"):
        import pytest

        pytest.skip("PostgreSQL only")
    r = raw_cli("project list")
    assert r.exit_code == 1 and "nybureau init" in r.output
