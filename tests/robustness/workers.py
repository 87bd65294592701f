"""Functions run in separate processes (multiprocessing, spawn) by the robustness tests."""

from __future__ import annotations

import time


def _cli(url: str, args: list[str], actor: str = "worker"):
    from click.testing import CliRunner

    from nybureau.cli.main import cli

    return CliRunner().invoke(cli, ["--db", url, "--actor", actor, "--lang", "en", *args])


def keep_writing(url: str, slug: str, stop) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        r = _cli(url, ["activity", "record", slug, "interview", "--date", "2018-06-01",
                       "--title", f"Interview {n}"])
        assert r.exit_code == 0, r.output


def record_many(url: str, slug: str, count: int, barrier, results) -> None:
    """Record ``count`` decisions and activities on one project, as fast as possible."""
    barrier.wait()
    ok = failed = 0
    for i in range(count):
        if i % 2:
            args = ["decision", "record", slug, "project_description", "--by", "med",
                    "--outcome", "postponed", "--date", "2020-02-01", "--note", f"runde {i}"]
        else:
            args = ["activity", "record", slug, "workshop", "--date", "2020-02-01",
                    "--title", f"Workshop {i}", "--attendee", f"Deltager {slug} {i % 3}"]
        r = _cli(url, args, actor=f"worker-{slug}")
        if r.exit_code == 0:
            ok += 1
        else:
            failed += 1
            results.put(("error", slug, r.output))
    results.put(("done", slug, ok, failed))


def advance_after_reading(url: str, slug: str, barrier, results) -> None:
    """Read the project's version, wait for the other process, then advance — but only if the
    project is still as read (`Store.transaction(expect=…)`)."""
    from nybureau.errors import NybureauError
    from nybureau.persistence.store import Store
    from nybureau.services import phases

    store = Store(url)
    with store.read() as tx:
        version = phases.status(tx, slug, "en")["version"]
    barrier.wait()
    try:
        with store.transaction("racer", expect={slug: version}) as tx:
            r = phases.advance(tx, slug, lang="en")
        results.put(("ok", r["to"]))
    except NybureauError as exc:
        results.put((type(exc).__name__, exc.message))
    finally:
        store.dispose()


def cli_advance(url: str, slug: str, barrier, results) -> None:
    barrier.wait()
    r = _cli(url, ["advance", slug])
    results.put((r.exit_code, r.output))


def hold_sqlite_lock(path: str, seconds: float, ready) -> None:
    import sqlite3

    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


def hold_pg_lock(url: str, seconds: float, ready) -> None:
    from sqlalchemy import create_engine, text

    from nybureau.persistence.store import PG_WRITE_LOCK

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})"))
        ready.set()
        time.sleep(seconds)
    engine.dispose()
