"""``nybureau status`` on an SQLite file reads through the standard library's sqlite3 (no
SQLAlchemy start-up). It must answer exactly as the SQLAlchemy repository does, and leave every
other case — no database, an old schema, PostgreSQL — to the Store and its messages."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nybureau.persistence import lite
from nybureau.services import phases
from nybureau.services.admin import demo
from tests.integration.test_batch import _programme

REPO = Path(__file__).resolve().parents[2]



def _sqlite_only(db_url: str) -> None:
    if not db_url.startswith("sqlite:///"):
        pytest.skip("the quick reader is for SQLite files")


def _strict_minutes_project(cli, tmp_path) -> None:
    """A project whose definition counts only decisions from approved minutes, with one
    meeting approved and a decision recorded outside any meeting."""
    wf = (REPO / "tests/meetings/workflow.yaml").read_text(encoding="utf-8").replace(
        "gate_decisions_from_approved_minutes: false", "gate_decisions_from_approved_minutes: true")
    path = tmp_path / "strict.yaml"
    path.write_text(wf, encoding="utf-8")
    cli.ok(f"project create streng --name Streng --municipality M --workflow {path} "
           "--date 2017-05-01")
    cli.ok("decision record streng project_description --by management --outcome approved "
           "--date 2017-06-01")
    cli.ok('body member streng med "Bjørn Ærenlund" --role Formand')
    planned = cli.ok('meeting plan streng med --date "2017-06-14 10:00"').output
    mid = re.search(r"Planned meeting (\d+)", planned).group(1)
    show = json.loads(cli.ok(f"meeting show {mid} --json").output)
    item = next(i for i in show["items"] if i["decision"] == "project_description")
    cli.ok(f"meeting record {mid} {item['number']} --outcome approved")
    cli.ok(f"meeting approve {mid} --date 2017-06-28")


@pytest.fixture
def populated(cli, store, db_url, tmp_path):
    _sqlite_only(db_url)
    demo.run(store, "tester")
    _programme(cli)
    _strict_minutes_project(cli, tmp_path)
    return store


def _quick(db_url: str):
    conn = lite.open_reader(db_url)
    assert conn is not None, "the quick reader should serve this database"
    return lite.read(conn, db_url)


def test_every_answer_equals_the_sqlalchemy_repository(populated, db_url):
    with populated.read() as tx, _quick(db_url) as q:
        projects = tx.project_list()
        assert len(projects) >= 6
        assert q.project_list() == projects
        net = next(p["network_id"] for p in projects if p["network_id"] is not None)
        assert q.project_list(net) == tx.project_list(net)
        assert q.facts_many(projects) == tx.facts_many(projects)
        for p in projects:
            assert q.project_get(p["slug"]) == tx.project_get(p["slug"]) == p
            assert q.facts(p) == tx.facts(p), p["slug"]
            assert q.workflow_spec(p["workflow_definition_id"]) is \
                tx.workflow_spec(p["workflow_definition_id"])
            for lang in ("da", "en"):
                assert phases.status(q, p["slug"], lang) == phases.status(tx, p["slug"], lang)
        assert q.project_get("findes-ikke") is None
        for lang in ("da", "en"):
            assert phases.status_all(q, lang) == phases.status_all(tx, lang)


def test_the_strict_minutes_project_counts_only_approved_minutes(populated, db_url):
    with _quick(db_url) as q:
        facts = q.facts(q.project_get("streng"))
    # the decision recorded outside a meeting does not count; the approved minutes do
    assert facts.decisions == {("project_description", "med"): "approved"}


def test_status_and_project_list_through_the_cli_match_and_import_no_sqlalchemy(populated, db_url, tmp_path):
    path = lite.sqlite_file(db_url)
    env = {"NYBUREAU_DB": str(path), "NYBUREAU_LANG": "en", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    with populated.read() as tx:
        expected = {"status klar": phases.status(tx, "klar", "en"),
                    "status": phases.status_all(tx, "en"),
                    "project list": [p["slug"] for p in tx.project_list()]}
    for command, answer in expected.items():
        args = [*command.split(), "--json"]
        res = subprocess.run([sys.executable, "-X", "importtime", "-m", "nybureau", *args],
                             capture_output=True, text=True, env=env, cwd=REPO)
        assert res.returncode == 0, res.stderr[-2000:]
        imported = {line.rsplit("|", 1)[-1].strip() for line in res.stderr.splitlines()
                    if line.startswith("import time:")}
        assert not {m for m in imported if m.split(".")[0] in ("sqlalchemy", "alembic")}
        got = json.loads(res.stdout)
        if command == "project list":
            got = [p["project"] for p in got]
        assert got == json.loads(json.dumps(answer, default=str)), command


def test_status_reads_while_another_user_writes(populated, db_url, cli):
    """WAL: a writer holding the database does not hold up the status, which shows the last
    committed state."""
    path = lite.sqlite_file(db_url)
    writer = sqlite3.connect(str(path), isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE project SET name = 'Uafsluttet navn' WHERE slug = 'klar'")
        out = json.loads(cli.ok("status klar --json").output)
        assert out["name"] == "klar"
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_other_cases_go_to_the_store_and_its_messages(raw_cli, db_url, tmp_path):
    _sqlite_only(db_url)
    path = lite.sqlite_file(db_url)
    assert lite.open_reader(db_url) is None  # no file yet
    res = raw_cli("status")
    assert res.exit_code == 1 and "not set up for nybureau yet" in res.output
    assert "Traceback" not in res.output and not path.exists()

    shutil.copyfile(REPO / "tests/data/schema-0001.db", path)
    assert lite.open_reader(db_url) is None  # an older schema
    res = raw_cli("status")
    assert res.exit_code == 1 and "nybureau init" in res.output and "0001" in res.output
    assert lite.open_reader("sqlite://") is None
    assert lite.open_reader("postgresql+psycopg://u@h/db") is None
    assert lite.open_reader(db_url + "?mode=ro") is None


def test_a_broken_file_is_refused_clearly(raw_cli, db_url):
    _sqlite_only(db_url)
    path = lite.sqlite_file(db_url)
    path.write_bytes(b"this is not a database" * 100)
    res = raw_cli("status")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "database" in res.output.lower()
    assert path.read_bytes() == b"this is not a database" * 100


def test_status_of_all_projects_reads_well(populated, cli):
    """The table a project leader reads: a completed project says so, without a phase number
    past the last phase or a count of requirements it no longer has."""
    out = cli.ok("status").output
    lines = {line.split()[0]: line for line in out.splitlines()[3:] if line.strip()}
    assert out.splitlines()[0] == "Status of all projects"
    odder = lines["odder-bostoette"]
    assert "Completed" in odder and "7/6" not in odder and "0/0" not in odder
    assert "/6 " in lines["klar"] and "yes" in lines["klar"]
