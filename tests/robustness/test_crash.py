"""A process killed with SIGKILL in the middle of a write leaves the database as it was before
the command; running the command again completes. Real kills, real processes."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import Cli, db_snapshot

STEPS = 1500
KILLS = 3


def big_scenario(path: Path, steps: int = STEPS) -> Path:
    """A generated scenario: one project, many people and ``steps`` recorded activities."""
    start = date(2019, 1, 1)
    lines = [
        "format: nybureau-scenario/1",
        "project:",
        "  slug: stor-kommune",
        "  name: Nybureaukratisering i Stor Kommune",
        "  municipality: Stor Kommune",
        f"  created: {start.isoformat()}",
        "bodies:",
        "  steering_group:",
    ]
    lines += [f"    - {{name: \"Styregruppemedlem {i}\", role: Medlem}}" for i in range(12)]
    lines += ["agents:"] + [f"  - {{name: \"Agent Ærøskøbing {i}\", title: Sagsbehandler}}"
                            for i in range(8)]
    lines += ["steps:"]
    kinds = ["interview", "observation", "workshop", "seminar"]
    for i in range(steps):
        d = start + timedelta(days=i // 10)
        lines.append(f"  - date: {d.isoformat()}")
        lines.append(f"    activity: {kinds[i % 4]}")
        lines.append(f"    title: \"Aktivitet {i} — «{'æøå' * (i % 5)}»\"")
        lines.append(f"    attendees: [\"Medarbejder {i % 97}\", \"Medarbejder {(i * 7) % 97}\"]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(db_url: str, args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "nybureau", "--db", db_url, "--lang", "en",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _writing(db_url: str) -> bool:
    """Is another process inside a write transaction right now?"""
    if db_url.startswith("sqlite"):
        con = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            con.close()
    from sqlalchemy import create_engine, text

    from nybureau.persistence.store import PG_WRITE_LOCK

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            got = conn.execute(text(f"SELECT pg_try_advisory_lock({PG_WRITE_LOCK})")).scalar()
            if got:
                conn.execute(text(f"SELECT pg_advisory_unlock({PG_WRITE_LOCK})"))
            return not got
    finally:
        engine.dispose()


def _kill_midway(db_url: str, args: list[str], rng: random.Random,
                 pause: tuple[float, float] = (0.2, 0.8)) -> float:
    """Start the command, wait until it is writing, let it write a while, SIGKILL it."""
    proc = _start(db_url, args)
    deadline = time.monotonic() + 120
    while not _writing(db_url):
        assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    began = time.monotonic()
    time.sleep(rng.uniform(*pause))
    assert proc.poll() is None, "the command finished before the kill; make the scenario larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    return time.monotonic() - began


@pytest.mark.slow
def test_sigkill_during_project_import_leaves_the_database_as_before(cli, db_url, tmp_path):
    scenario = big_scenario(tmp_path / "stor.yaml")
    cli.ok("network create eksisterende --name Eksisterende")
    before = db_snapshot(db_url)
    rng = random.Random(5)
    for _ in range(KILLS):
        _kill_midway(db_url, ["project", "import", str(scenario)], rng)
        assert db_snapshot(db_url) == before
        cli.ok("audit verify")
    done = subprocess.run([sys.executable, "-m", "nybureau", "--db", db_url, "--lang", "en",
                           "project", "import", str(scenario)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    show = json.loads(cli.ok("project show stor-kommune --json").stdout)
    assert len(show["activities"]) == STEPS
    chain = json.loads(cli.ok("audit verify --json").stdout)
    assert chain["ok"]


@pytest.mark.slow
def test_sigkill_during_json_import_leaves_the_database_empty(cli, db_url, tmp_path):
    source = Cli("sqlite:///" + str(tmp_path / "source.db"))
    source.ok("init")
    source.ok(["project", "import", str(big_scenario(tmp_path / "stor.yaml"))])
    source.ok(["export", "--out", str(tmp_path / "all.json")])
    before = db_snapshot(db_url)
    _kill_midway(db_url, ["import", str(tmp_path / "all.json")], random.Random(7),
                 pause=(0.0, 0.01))
    assert db_snapshot(db_url) == before
    cli.ok(["import", str(tmp_path / "all.json")])
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]


def _ready_projects(db_url: str, count: int) -> None:
    from nybureau.persistence.store import Store
    from nybureau.services.process import projects, records

    store = Store(db_url)
    with store.transaction("opsætning") as tx:
        for i in range(count):
            slug = f"klar-{i}"
            projects.create_project(tx, slug, name=f"Klar {i}", municipality="Kommune",
                                    started_on="2020-01-01")
            projects.add_member(tx, slug, "steering_group", f"Formand {i % 50}")
            for d in ("project_description", "organisation", "seminar_participation"):
                records.record_decision(tx, slug, d, by=["management", "med"],
                                        outcome="approved", on="2020-01-10")
    store.dispose()


@pytest.mark.slow
def test_sigkill_during_a_batch_of_advances_leaves_the_database_as_before(cli, db_url):
    ready = 400
    _ready_projects(db_url, ready)
    before = db_snapshot(db_url)
    _kill_midway(db_url, ["advance", "--all-ready", "--date", "2020-02-01"], random.Random(3),
                 pause=(0.0, 0.05))
    assert db_snapshot(db_url) == before
    cli.ok("audit verify")
    cli.ok("advance --all-ready --date 2020-02-01")
    phases = {p["phase"] for p in json.loads(cli.ok("project list --json").stdout)}
    assert phases == {"common_language"}
    cli.ok("audit verify")
