"""Several real processes (multiprocessing with spawn, or the CLI as a subprocess) on one
database — SQLite, or PostgreSQL when NYBUREAU_TEST_PG is set.

The contract: writers queue (SQLite BEGIN IMMEDIATE; on PostgreSQL one advisory lock taken at
the start of every write transaction), so each command sees the committed result of the one
before it and nothing is lost or half-written. A caller that read a project earlier and wants
its write applied only if nothing changed passes the version it read
(`Store.transaction(expect={slug: version})`) and gets "changed since you read it" otherwise.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time

import pytest

from tests.robustness import workers
from tests.robustness.conftest import raw_execute

PROCESSES = 8
OPS_PER_PROCESS = 20


def _spawn():
    return multiprocessing.get_context("spawn")


def _gate_met(cli, slug: str) -> None:
    cli.ok(f"project create {slug} --name Race --municipality 'Race Kommune' --date 2020-01-01")
    cli.ok(["body", "member", slug, "steering_group", "Styregruppe Formand"])
    for d in ("project_description", "organisation", "seminar_participation"):
        cli.ok(f"decision record {slug} {d} --by management --by med --outcome approved "
               "--date 2020-01-10")


def test_eight_processes_on_eight_projects_lose_nothing(cli, db_url):
    slugs = [f"projekt-{i}" for i in range(PROCESSES)]
    for s in slugs:
        cli.ok(f"project create {s} --name 'Projekt {s}' --municipality Kommune --date 2020-01-01")
    versions = {s: json.loads(cli.ok(f"status {s} --json").stdout)["version"] for s in slugs}
    ctx = _spawn()
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=workers.record_many,
                         args=(db_url, s, OPS_PER_PROCESS, barrier, results)) for s in slugs]
    for p in procs:
        p.start()
    done, errors = {}, []
    deadline = time.time() + 240
    while len(done) < PROCESSES and time.time() < deadline:
        msg = results.get(timeout=240)
        if msg[0] == "done":
            done[msg[1]] = (msg[2], msg[3])
        else:
            errors.append(msg)
    for p in procs:
        p.join(30)
    assert errors == [] and all(p.exitcode == 0 for p in procs)
    assert done == {s: (OPS_PER_PROCESS, 0) for s in slugs}
    for s in slugs:
        show = json.loads(cli.ok(f"project show {s} --json").stdout)
        assert len(show["decisions"]) == OPS_PER_PROCESS // 2
        assert len([a for a in show["activities"] if a["kind"] == "workshop"]) == \
            OPS_PER_PROCESS // 2
        assert show["version"] == versions[s] + OPS_PER_PROCESS
    chain = json.loads(cli.ok("audit verify --json").stdout)
    assert chain["ok"]
    assert raw_execute(db_url, "SELECT prev_hash FROM audit_event GROUP BY prev_hash "
                               "HAVING count(*) > 1") == []  # the chain never forked


def test_two_processes_advancing_what_they_read_one_wins_one_is_told(cli, db_url):
    _gate_met(cli, "kaploeb")
    ctx = _spawn()
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=workers.advance_after_reading,
                         args=(db_url, "kaploeb", barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    got = sorted([results.get(timeout=120), results.get(timeout=120)])
    for p in procs:
        p.join(30)
    assert [g[0] for g in got] == ["ConcurrentChange", "ok"]
    assert "changed by someone else since you read it" in got[0][1]
    history = json.loads(cli.ok("project show kaploeb --json").stdout)["phase_history"]
    assert [h["to"] for h in history] == ["backing", "common_language"]
    cli.ok("audit verify")


def test_two_cli_advances_at_once_apply_one_after_the_other(cli, db_url):
    """Without a version read first, the second `advance` is checked against the first one's
    result: the gate of the next phase is not met, so it is refused — one move, not two."""
    _gate_met(cli, "kaploeb")
    ctx = _spawn()
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=workers.cli_advance, args=(db_url, "kaploeb", barrier, results))
             for _ in range(2)]
    for p in procs:
        p.start()
    got = sorted([results.get(timeout=120), results.get(timeout=120)])
    for p in procs:
        p.join(30)
    assert [g[0] for g in got] == [0, 1]
    assert "cannot leave the phase" in got[1][1] or "changed by someone else" in got[1][1]
    history = json.loads(cli.ok("project show kaploeb --json").stdout)["phase_history"]
    assert [h["to"] for h in history] == ["backing", "common_language"]
    cli.ok("audit verify")


def _run(db_url: str, args: list[str], timeout_s: str):
    env = dict(os.environ, NYBUREAU_BUSY_TIMEOUT=timeout_s)
    return subprocess.run([sys.executable, "-m", "nybureau", "--db", db_url, "--lang", "en",
                           *args], capture_output=True, text=True, env=env, timeout=120)


def _hold(db_url: str, seconds: float):
    """Another process holds the write lock for ``seconds``."""
    ctx = _spawn()
    ready = ctx.Event()
    if db_url.startswith("sqlite"):
        p = ctx.Process(target=workers.hold_sqlite_lock,
                        args=(db_url.removeprefix("sqlite:///"), seconds, ready))
    else:
        p = ctx.Process(target=workers.hold_pg_lock, args=(db_url, seconds, ready))
    p.start()
    assert ready.wait(60)
    return p


def test_a_short_lock_is_waited_out(cli, db_url):
    holder = _hold(db_url, 1.5)
    r = _run(db_url, ["network", "create", "venter", "--name", "Venter"], "20")
    holder.join(30)
    assert r.returncode == 0, r.stderr
    cli.ok("audit verify")


def test_a_long_lock_gives_a_clear_message_and_saves_nothing(cli, db_url, snapshot):
    before = snapshot()
    holder = _hold(db_url, 8)
    started = time.monotonic()
    r = _run(db_url, ["network", "create", "venter", "--name", "Venter"], "1")
    waited = time.monotonic() - started
    holder.join(30)
    assert r.returncode == 1
    assert "busy with another user's change" in r.stderr and "Traceback" not in r.stderr
    assert waited < 7  # bounded by NYBUREAU_BUSY_TIMEOUT, not by the other process
    assert snapshot() == before
