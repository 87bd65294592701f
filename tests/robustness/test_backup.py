"""`nybureau backup --out FILE`: a consistent copy of the SQLite database while others write."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import time

import pytest

from tests.robustness import workers


@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("backup copies SQLite files; PostgreSQL has pg_dump")
    return db_url


def _events(db_url: str) -> int:
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=30)
    try:
        return con.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    finally:
        con.close()


def test_backup_while_another_process_writes(odder, sqlite_only, tmp_path):
    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    writer = ctx.Process(target=workers.keep_writing, args=(sqlite_only, "odder-bostoette", stop))
    writer.start()
    try:
        start = _events(sqlite_only)
        deadline = time.monotonic() + 120
        while _events(sqlite_only) < start + 3:  # the writer is under way
            assert time.monotonic() < deadline and writer.is_alive()
            time.sleep(0.1)
        copies = []
        for i in range(3):
            out = tmp_path / f"backup-{i}.db"
            r = odder(["backup", "--out", str(out)])
            assert r.exit_code == 0, r.output
            copies.append(out)
            time.sleep(0.3)
    finally:
        stop.set()
        writer.join(30)
    assert writer.exitcode == 0
    sizes = []
    for out in copies:
        con = sqlite3.connect(out)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sizes.append(con.execute("SELECT count(*) FROM audit_event").fetchone()[0])
        con.close()
        from tests.conftest import Cli

        copy = Cli("sqlite:///" + str(out))
        assert json.loads(copy.ok("audit verify --json").stdout)["ok"]
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]  # the writer went on meanwhile


def test_backup_refuses_to_overwrite(odder, sqlite_only, tmp_path):
    out = tmp_path / "b.db"
    odder.ok(["backup", "--out", str(out)])
    r = odder(["backup", "--out", str(out)])
    assert r.exit_code == 1 and "already exists" in r.output
    odder.ok(["backup", "--out", str(out), "--force"])
    r = odder(["backup", "--out", sqlite_only.removeprefix("sqlite:///")])
    assert r.exit_code == 1


def test_backup_on_postgresql_points_to_pg_dump(cli, db_url, tmp_path):
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL only")
    r = cli(["backup", "--out", str(tmp_path / "x.db")])
    assert r.exit_code == 1 and "pg_dump" in r.output
