"""`nybureau export` / `nybureau import`: every record of every table, losslessly; whole
databases into empty ones, single projects into any database (also SQLite → PostgreSQL)."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli, db_snapshot
from tests.robustness.conftest import raw_execute, sqlite_cli

ROUND_TRIP_EXAMPLES = 12


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _show(cli: Cli, slug: str) -> dict:
    data = json.loads(cli.ok(["project", "show", slug, "--json"]).stdout)
    data.pop("version")  # a project's version counts changes in one database
    for d in data["decisions"]:  # "meeting:<id>": the meeting's id in this database
        if (d.get("source") or "").startswith("meeting:"):
            d["source"] = "meeting"
    return data


def test_every_table_of_the_schema_is_exported(odder, tmp_path):
    from nybureau.persistence import tables

    odder.ok(["export", "--out", str(tmp_path / "all.json")])
    data = _load(tmp_path / "all.json")
    assert set(data["tables"]) == set(tables.metadata.tables)
    for name, table in tables.metadata.tables.items():
        assert data["tables"][name]["columns"] == [c.name for c in table.columns]


def test_full_round_trip_is_row_for_row_identical(odder, db_url, tmp_path):
    odder.ok(["export", "--out", str(tmp_path / "all.json")])
    target = sqlite_cli(tmp_path, "copy.db")
    target.ok(["import", str(tmp_path / "all.json")])
    if db_url.startswith("sqlite"):  # same backend: the very same rows
        assert db_snapshot(target.db_url) == db_snapshot(db_url)
    head = json.loads(odder.ok("audit verify --json").stdout)["head"]
    assert json.loads(target.ok("audit verify --json").stdout)["head"] == head
    target.ok(["export", "--out", str(tmp_path / "again.json")])
    a, b = _load(tmp_path / "all.json"), _load(tmp_path / "again.json")
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    # and the copy keeps working: a new record links onto the imported chain
    target.ok("network create nyt-net --name Nyt")
    target.ok("audit verify")


def test_full_import_refuses_a_database_with_records(odder, tmp_path, snapshot):
    odder.ok(["export", "--out", str(tmp_path / "all.json")])
    before = snapshot()
    r = odder(["import", str(tmp_path / "all.json")])
    assert r.exit_code == 1 and "empty database" in r.output
    assert snapshot() == before


def test_tampered_export_is_refused(odder, tmp_path):
    odder.ok(["export", "--out", str(tmp_path / "all.json")])
    data = _load(tmp_path / "all.json")
    ae = data["tables"]["audit_event"]
    col = ae["columns"].index("actor")
    ae["rows"][3][col] = "someone else"
    (tmp_path / "all.json").write_text(json.dumps(data), encoding="utf-8")
    target = sqlite_cli(tmp_path, "copy.db")
    before = db_snapshot(target.db_url)
    r = target(["import", str(tmp_path / "all.json")])
    assert r.exit_code == 1 and "does not verify" in r.output
    assert db_snapshot(target.db_url) == before


@pytest.mark.parametrize("content", ["", "{", "[]", '{"format": "other"}',
                                     '{"format": "nybureau-export/1", "scope": {"all": true}, '
                                     '"tables": {"nope": {"columns": [], "rows": []}}}',
                                     '{"format": "nybureau-export/1", "scope": {"all": true}, '
                                     '"tables": {"network": {"columns": ["id", "slug", "name", '
                                     '"created_at"], "rows": [[1, "x", "y", "not a date"]]}}}'])
def test_bad_files_are_refused_clearly(cli, tmp_path, snapshot, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = snapshot()
    r = cli(["import", str(path)])
    assert r.exit_code == 1 and "Traceback" not in r.output and r.output.strip()
    assert snapshot() == before


def test_project_moves_into_a_database_with_other_projects(odder, tmp_path):
    odder.ok(["export", "odder-bostoette", "--out", str(tmp_path / "odder.json")])
    target = sqlite_cli(tmp_path, "other.db")
    target.ok(["project", "import", str(Path(__file__).parents[2] / "examples" /
                                        "second-municipality" / "project.yaml")])
    target.ok(["import", str(tmp_path / "odder.json")])
    assert _show(target, "odder-bostoette") == _show(odder, "odder-bostoette")
    assert _show(target, "egelund-socialpsykiatri") == _show(odder, "egelund-socialpsykiatri")
    target.ok("audit verify")
    again = target(["import", str(tmp_path / "odder.json")])
    assert again.exit_code == 1 and "already has a project" in again.output


def test_a_project_carries_its_networks_frame_project(odder, tmp_path):
    """The network's programme and its steps travel with each of its projects; a database
    whose network has the programme already keeps its one (no second programme)."""
    net = "fremfaerd-nybureaukratisering"
    shown = json.loads(odder.ok(["network", "programme", net, "--json"]).output)
    assert shown is not None and len(shown["steps"]) == 5
    odder.ok(["export", "odder-bostoette", "--out", str(tmp_path / "odder.json")])
    alone = sqlite_cli(tmp_path, "alone.db")
    alone.ok(["import", str(tmp_path / "odder.json")])
    assert json.loads(alone.ok(["network", "programme", net, "--json"]).output) == shown
    beside = sqlite_cli(tmp_path, "beside.db")
    beside.ok(["project", "import", str(Path(__file__).parents[2] / "examples" /
                                        "second-municipality" / "project.yaml")])
    before = json.loads(beside.ok(["network", "programme", net, "--json"]).output)
    beside.ok(["import", str(tmp_path / "odder.json")])
    after = json.loads(beside.ok(["network", "programme", net, "--json"]).output)
    assert after == before and len(after["steps"]) == 5
    beside.ok("audit verify")


def test_project_moves_from_sqlite_to_postgresql(tmp_path, pg_url, db_url):
    from tests.robustness.conftest import ODDER

    source = sqlite_cli(tmp_path, "laptop.db")
    source.ok(["project", "import", str(ODDER)])
    source.ok(["export", "odder-bostoette", "--out", str(tmp_path / "odder.json")])
    server = Cli(db_url)  # the PostgreSQL test database, emptied for this test
    server.ok("init")
    server.ok(["import", str(tmp_path / "odder.json")])
    assert _show(server, "odder-bostoette") == _show(source, "odder-bostoette")
    server.ok("audit verify")
    # and a whole database too
    source.ok(["export", "--out", str(tmp_path / "all.json")])
    raw_execute(db_url, "DROP SCHEMA public CASCADE")
    raw_execute(db_url, "CREATE SCHEMA public")
    server.ok("init")
    server.ok(["import", str(tmp_path / "all.json")])
    server.ok(["export", "--out", str(tmp_path / "back.json")])
    a, b = _load(tmp_path / "all.json"), _load(tmp_path / "back.json")
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    server.ok("network create efter-flytning --name Efter")  # sequences moved past the ids
    server.ok("audit verify")


# -- property: random projects survive the round trip ---------------------------------------------
_letters = st.characters(categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Pd", "Po", "So", "Mn"),
                         exclude_characters="\x00")
names = st.text(_letters, min_size=1, max_size=40).map(str.strip).filter(bool)
texts = st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs", "Cc")),
                                      max_size=300).map(str.strip).filter(bool))
days = st.integers(min_value=0, max_value=800)
BODY = st.sampled_from(["management", "med", "steering_group", "project_group",
                        "working_group", "reference_group"])
DECISIONS = ["project_description", "organisation", "seminar_participation"]


@st.composite
def projects(draw):
    return {
        "name": draw(names),
        "municipality": draw(names),
        "area": draw(texts),
        "members": draw(st.lists(st.tuples(BODY, names, st.one_of(st.none(), names)),
                                 max_size=6, unique_by=lambda m: (m[0], m[1]))),
        "agents": draw(st.lists(names, max_size=3, unique=True)),
        "decisions": draw(st.lists(st.tuples(st.sampled_from(DECISIONS),
                                             st.lists(BODY, min_size=1, max_size=2),
                                             st.sampled_from(["approved", "rejected",
                                                              "postponed", "noted"]),
                                             days, texts), max_size=5)),
        "activities": draw(st.lists(st.tuples(st.sampled_from(["seminar", "interview",
                                                                "workshop", "observation"]),
                                              days, texts, st.lists(names, max_size=3)),
                                    max_size=5)),
    }


def _build(url: str, spec: dict) -> None:
    """The project ``spec`` describes. Its random names are distinct people even when two are a
    letter apart ("C", "Ċ"), so they are added with ``new_person``, as a user would be told to."""
    from nybureau.persistence.store import Store
    from nybureau.services.process import projects as P
    from nybureau.services.process import records as R

    start = date(2017, 1, 1)
    store = Store(url)
    store.init()
    with store.transaction("Projektleder Ærø") as tx:
        P.create_project(tx, "random", name=spec["name"], municipality=spec["municipality"],
                         area=spec["area"], started_on=start)
        for body, name, role in spec["members"]:
            P.add_member(tx, "random", body, name, role, new_person=True)
        for name in spec["agents"]:
            P.add_agent(tx, "random", name, "Fagperson", on=start, new_person=True)
        for key, by, outcome, d, note in spec["decisions"]:
            R.record_decision(tx, "random", key, by=by, outcome=outcome,
                              on=start + timedelta(days=d), note=note)
        for kind, d, title, who in spec["activities"]:
            R.record_activity(tx, "random", kind, on=start + timedelta(days=d), title=title,
                              attendees=who or None, new_person=True)
    store.dispose()


@settings(max_examples=ROUND_TRIP_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_random_projects_round_trip_losslessly(spec):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = "sqlite:///" + str(tmp / "src.db")
        _build(src, spec)
        source = Cli(src)
        source.ok(["export", "--out", str(tmp / "all.json")])
        source.ok(["export", "random", "--out", str(tmp / "one.json")])
        full = Cli("sqlite:///" + str(tmp / "full.db"))
        full.ok("init")
        full.ok(["import", str(tmp / "all.json")])
        assert db_snapshot(full.db_url) == db_snapshot(src)
        one = Cli("sqlite:///" + str(tmp / "one.db"))
        one.ok("init")
        one.ok(["import", str(tmp / "one.json")])
        assert _show(one, "random") == _show(source, "random")
        one.ok("audit verify")


def test_project_export_keeps_every_row_of_every_table(odder, tmp_path):
    """Meetings, agenda items, governance items, votes, surveys … travel with the project."""
    odder.ok(["export", "odder-bostoette", "--out", str(tmp_path / "odder.json")])
    target = sqlite_cli(tmp_path, "fresh.db")
    target.ok(["import", str(tmp_path / "odder.json")])
    target.ok(["export", "odder-bostoette", "--out", str(tmp_path / "again.json")])
    before = _load(tmp_path / "odder.json")["counts"]
    after = _load(tmp_path / "again.json")["counts"]
    # the source's events travel on as imported history; this database's own is the one
    # project.import event vouching for them
    assert after.pop("audit_event") == 1
    assert after.pop("imported_event") == before.pop("audit_event")
    assert after.pop("import_batch") == 1
    assert before.pop("imported_event") == before.pop("import_batch") == 0
    assert after == before
    assert sum(before.values()) > 500 and len([n for n in before.values() if n]) > 15
