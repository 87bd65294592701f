"""Issue #10 §1 (and the import parts of §6/§7): an import cannot write into another project or
forge history. A project-scope file touches its one project; its history is verified against the
source chain before anything is written and kept apart as imported history; every value passes
the CLI's checks; a corrupted complete export is a clear refusal; the JSON file is capped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, db_snapshot
from tests.robustness.conftest import raw_execute, sqlite_cli

DECISIONS = ("project_description", "organisation", "seminar_participation")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _rows(data: dict, table: str) -> list[dict]:
    t = data["tables"][table]
    return [dict(zip(t["columns"], r)) for r in t["rows"]]


def _add(data: dict, table: str, row: dict) -> None:
    t = data["tables"][table]
    t["rows"].append([row.get(c) for c in t["columns"]])


def _set(data: dict, table: str, index: int, **values) -> None:
    t = data["tables"][table]
    for k, v in values.items():
        t["rows"][index][t["columns"].index(k)] = v


def _source(tmp_path: Path) -> Cli:
    """A small project 'mine' in its own network, with decisions, members and an activity."""
    src = sqlite_cli(tmp_path, "source.db")
    src.ok("network create mit-net --name 'Mit netværk'")
    src.ok("project create mine --name Mit --municipality 'Odder Kommune' --network mit-net "
           "--date 2020-01-01")
    src.ok("decision record mine project_description --by management --outcome approved "
           "--date 2020-01-05 --note 'Godkendt på mødet'")
    src.ok(["body", "member", "mine", "steering_group", "Anna Andersen", "--role", "formand"])
    src.ok(["activity", "record", "mine", "seminar", "--date", "2020-02-01", "--title",
            "Opstart", "--attendee", "Anna Andersen"])
    return src


def _export(src: Cli, tmp_path: Path, name: str = "mine.json") -> Path:
    path = tmp_path / name
    src.ok(["export", "mine", "--out", str(path)])
    return path


@pytest.fixture
def victim(cli):
    cli.ok("project create victim --name Offer --municipality 'Ærø Kommune' --date 2020-01-01")
    return cli


def _unchanged(cli: Cli, snapshot, args: list[str], *needles: str) -> str:
    before = snapshot()
    r = cli(args)
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and "unexpected error" not in r.output
    assert "IntegrityError" not in r.output and "INSERT" not in r.output
    for n in needles:
        assert n in r.output, r.output
    assert snapshot() == before
    return r.output


# -- §1: a project-scope import writes into exactly one project -----------------------------------
def _forge_victim(data: dict) -> None:
    """The attack of the issue: a second project row (an existing project 'victim') and rows
    pointing at it — decisions, a membership and an audit event with a forged actor and date."""
    mine = _rows(data, "project")[0]
    _add(data, "project", dict(mine, id=999, slug="victim", name="Offer", network_id=None))
    base = _rows(data, "decision")[0]
    n = 9000
    for key in DECISIONS:
        for body in ("management", "med"):
            n += 1
            _add(data, "decision", dict(base, id=n, project_id=999, decision_key=key, body=body,
                                        outcome="approved", decided_on="2020-01-10"))
    person = _rows(data, "person")[0]
    _add(data, "membership", {"id": 9999, "project_id": 999, "body": "steering_group",
                              "person_id": person["id"], "role": "formand",
                              "created_at": "2020-01-10T00:00:00+00:00"})
    ev = _rows(data, "audit_event")[-1]
    _add(data, "audit_event", dict(ev, id=ev["id"] + 1, project_id=999, actor="Borgmesteren",
                                   at="2001-01-01T00:00:00+00:00", action="decision.record"))


def test_a_second_project_in_a_project_file_is_refused(victim, tmp_path, snapshot):
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    _forge_victim(data)
    out = _unchanged(victim, snapshot, ["import", str(_save(tmp_path / "forged.json", data))],
                     "project", "victim")
    assert "row 2" in out
    assert victim("advance victim").exit_code == 1  # nothing moved it
    assert victim.ok("audit verify --json").stdout
    assert victim("project show mine").exit_code == 1


@pytest.mark.parametrize("table", ["decision", "membership", "audit_event", "activity"])
def test_a_row_pointing_at_another_project_is_refused(victim, tmp_path, snapshot, table):
    """No second project row at all: a row pointing at an id outside the file's project (which
    a trusting import would take as a database id) is refused, naming the table."""
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    vid = victim.ok("project show victim --json")  # its id in this database
    rows = _rows(data, table)
    assert rows, table
    _set(data, table, len(rows) - 1, project_id=1 if table != "audit_event" else 99)
    mine_id = _rows(data, "project")[0]["id"]
    if mine_id == 1 and table != "audit_event":
        _set(data, table, len(rows) - 1, project_id=2)
    assert vid
    _unchanged(victim, snapshot, ["import", str(_save(tmp_path / "f.json", data))], table)


def test_another_network_is_refused(victim, tmp_path, snapshot):
    victim.ok("network create andet --name Andet")
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    _add(data, "network", {"id": 77, "slug": "andet", "name": "Andet",
                           "created_at": "2020-01-01T00:00:00+00:00"})
    act = _rows(data, "activity")[0]
    _add(data, "activity", dict(act, id=7777, project_id=None, network_id=77,
                                kind="network_meeting", number=1, title="Kapret"))
    _unchanged(victim, snapshot, ["import", str(_save(tmp_path / "f.json", data))], "network")


def test_a_row_that_does_not_belong_is_refused(victim, tmp_path, snapshot):
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    _add(data, "person", {"id": 555, "full_name": "Ingen Relation",
                          "created_at": "2020-01-01T00:00:00+00:00"})
    _unchanged(victim, snapshot, ["import", str(_save(tmp_path / "f.json", data))], "person",
               "row")


def test_ids_in_the_file_are_only_keys(victim, tmp_path):
    """The file's ids collide with rows of this database; they are mapped, never trusted."""
    src = _source(tmp_path)
    path = _export(src, tmp_path)
    victim.ok(["import", str(path)])
    show = json.loads(victim.ok("project show victim --json").stdout)
    assert show["decisions"] == [] and show["bodies"] == {} or not any(show["bodies"].values())
    mine = json.loads(victim.ok("project show mine --json").stdout)
    assert mine["project"] == "mine" and mine["network"] and mine["decisions"]
    assert victim("advance victim").exit_code == 1
    victim.ok("audit verify")


# -- §1: the file's own history is verified before anything is written ----------------------------
def _edit_actor(data):
    _set(data, "audit_event", 1, actor="Borgmesteren")


def _edit_time(data):
    _set(data, "audit_event", 1, at="2001-01-01T00:00:00+00:00")


def _reorder(data):
    rows = data["tables"]["audit_event"]["rows"]
    rows[0], rows[1] = rows[1], rows[0]


def _drop_event(data):
    del data["tables"]["audit_event"]["rows"][1]


def _drop_from_chain(data):
    del data["history"]["chain"][1]


def _count(data):
    data["history"]["events"] += 1


def _head(data):
    data["history"]["head"] = "a" * 64


def _no_history(data):
    del data["history"]


def _no_events(data):
    data["tables"]["audit_event"]["rows"] = []


def _recomputed_forgery(data):
    """Edit an event and recompute its hash and the chain entry: the next event's link breaks."""
    from nybureau.services.admin.audit import content_digest

    ev = _rows(data, "audit_event")[0]
    ev["actor"] = "Borgmesteren"
    new = content_digest(ev)
    _set(data, "audit_event", 0, actor="Borgmesteren", hash=new)
    for entry in data["history"]["chain"]:
        if entry[0] == ev["id"]:
            entry[1] = new


def _drop_event_and_fix_nothing(data):
    data["tables"]["audit_event"]["rows"].pop()


EDITS = {"actor": (_edit_actor, "changed after it was written"),
         "time": (_edit_time, "changed after it was written"),
         "order": (_reorder, "re-ordered"),
         "chain entry removed": (_drop_from_chain, "events"),
         "count": (_count, "events"),
         "head": (_head, "head"),
         "no history": (_no_history, "no history"),
         "no events": (_no_events, "no history"),
         "recomputed hash": (_recomputed_forgery, "does not link")}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_history_is_refused_with_the_first_broken_link(victim, tmp_path, snapshot,
                                                                 edit):
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    fn, needle = EDITS[edit]
    fn(data)
    out = _unchanged(victim, snapshot, ["import", str(_save(tmp_path / "f.json", data))],
                     needle)
    if edit in ("actor", "time", "order", "recomputed hash"):
        assert "event " in out


def test_dropping_a_carried_event_is_allowed_only_as_a_subsequence(victim, tmp_path):
    """Leaving an event out keeps every other link checkable (the skeleton holds its hash);
    the batch then records what it holds. What is carried is still exactly the source's."""
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    _drop_event(data)
    victim.ok(["import", str(_save(tmp_path / "f.json", data))])
    victim.ok("audit verify")


# -- §1: imported history is kept as imported ------------------------------------------------------
def test_imported_history_is_kept_apart_and_marked(victim, tmp_path, db_url):
    src = _source(tmp_path)
    path = _export(src, tmp_path)
    data = _load(path)
    source_events = len(data["tables"]["audit_event"]["rows"])
    before = json.loads(victim.ok("audit verify --json").stdout)["events"]
    r = victim.ok(["import", str(path)], actor="Importøren")
    assert data["history"]["head"] in r.output
    after = json.loads(victim.ok("audit verify --json").stdout)
    assert after["ok"] and after["events"] == before + 1  # ONE local event vouches for it
    log = json.loads(victim.ok("log mine --json").stdout)
    imported = [e for e in log if e.get("imported")]
    local = [e for e in log if not e.get("imported")]
    assert len(imported) == source_events
    assert [e["action"] for e in local] == ["project.import"]
    assert local[0]["actor"] == "Importøren"
    assert all(e["actor"] == "tester" for e in imported)  # the source's actor, as it was
    assert [e["action"] for e in imported][:2] == ["network.create", "project.create"]
    mark = imported[0]["imported"]
    assert mark["imported_by"] == "Importøren" and len(mark["file_sha256"]) == 64
    text = victim.ok("log mine").stdout
    assert mark["file_sha256"][:12] in text and text.count("imported") >= source_events
    assert victim.ok("log mine", lang="da").stdout.count("importeret") >= source_events
    # nothing of it sits in the local chain
    assert raw_execute(db_url, "SELECT count(*) FROM audit_event WHERE action = "
                               "'project.create'")[0][0] == 1  # only victim's own


@pytest.mark.parametrize("sql", [
    "UPDATE imported_event SET actor = 'Borgmesteren' WHERE id = (SELECT MIN(id) FROM "
    "imported_event)",
    "UPDATE imported_event SET at = '2001-01-01 00:00:00' WHERE id = (SELECT MIN(id) FROM "
    "imported_event)",
    "DELETE FROM imported_event WHERE id = (SELECT MAX(id) FROM imported_event)",
    "UPDATE import_batch SET source_head = '" + "b" * 64 + "'",
    "UPDATE import_batch SET imported_by = 'Someone else'",
])
def test_audit_verify_checks_the_imported_history(victim, tmp_path, db_url, sql):
    src = _source(tmp_path)
    victim.ok(["import", str(_export(src, tmp_path))])
    victim.ok("audit verify")
    raw_execute(db_url, sql)
    r = victim("audit verify")
    assert r.exit_code == 1 and "imported history" in r.output, r.output


def test_deleting_the_imported_history_is_caught(victim, tmp_path, db_url):
    src = _source(tmp_path)
    victim.ok(["import", str(_export(src, tmp_path))])
    raw_execute(db_url, "DELETE FROM imported_event")
    raw_execute(db_url, "DELETE FROM import_batch")
    r = victim("audit verify")
    assert r.exit_code == 1 and "missing" in r.output, r.output


def test_imported_history_travels_onward(victim, tmp_path):
    """A project re-exported from a database where it had been imported carries its imported
    history on, still marked as imported and still verifiable."""
    src = _source(tmp_path)
    first = _load(_export(src, tmp_path))
    victim.ok(["import", str(tmp_path / "mine.json")])
    victim.ok("decision record mine organisation --by management --outcome approved "
              "--date 2020-03-01")
    victim.ok(["export", "mine", "--out", str(tmp_path / "again.json")])
    third = sqlite_cli(tmp_path, "third.db")
    third.ok(["import", str(tmp_path / "again.json")])
    third.ok("audit verify")
    log = json.loads(third.ok("log mine --json").stdout)
    assert [e["action"] for e in log if not e.get("imported")] == ["project.import"]
    imported = [e for e in log if e.get("imported")]
    n = len(first["tables"]["audit_event"]["rows"])
    assert len(imported) == n + 2  # the source's events, then victim's import + decision
    assert imported[1]["action"] == "project.create"
    assert imported[0]["imported"]["file_sha256"] != imported[-1]["imported"]["file_sha256"]
    # and once more, from the third database
    third.ok(["export", "mine", "--out", str(tmp_path / "third.json")])
    fourth = sqlite_cli(tmp_path, "fourth.db")
    fourth.ok(["import", str(tmp_path / "third.json")])
    fourth.ok("audit verify")
    assert len([e for e in json.loads(fourth.ok("log mine --json").stdout)
                if e.get("imported")]) == n + 3
    # a carried batch edited in the file is refused
    data = _load(tmp_path / "third.json")
    _set(data, "imported_event", 0, actor="Borgmesteren")
    fifth = sqlite_cli(tmp_path, "fifth.db")
    r = fifth(["import", str(_save(tmp_path / "edited.json", data))])
    assert r.exit_code == 1 and "changed after it was written" in r.output


# -- §1: every value through the CLI's checks --------------------------------------------------
VALUES = {
    "control character": ("decision", {"note": "ok\x1b[31m rød"}, "control character"),
    "NUL": ("person", {"full_name": "Anna\x00Andersen"}, "control character"),
    "too long": ("person", {"full_name": "A" * 301}, "at most 300"),
    "bad slug": ("project", {"slug": "mine"}, ""),  # replaced below
    "unknown phase": ("project", {"phase": "phase_9"}, "phase_9"),
    "unknown outcome": ("decision", {"outcome": "bribed"}, "bribed"),
    "unknown body": ("membership", {"body": "mafia"}, "mafia"),
    "unknown activity kind": ("activity", {"kind": "party"}, "party"),
    "empty name": ("person", {"full_name": "   "}, "empty"),
    "huge integer": ("decision", {"id": 2 ** 70}, "not a valid int"),
    "wrong type": ("decision", {"decided_on": 20200101}, "not a valid date"),
}


@pytest.mark.parametrize("case", sorted(VALUES))
def test_every_value_goes_through_the_cli_checks(victim, tmp_path, snapshot, case):
    src = _source(tmp_path)
    path = _export(src, tmp_path)
    data = _load(path)
    table, values, needle = VALUES[case]
    if case == "bad slug":  # the scope and the row agree, but the slug is not one
        data["scope"]["project"] = "Mine Projekt"
        values = {"slug": "Mine Projekt"}
        needle = "not a usable"
    _set(data, table, 0, **values)
    _unchanged(victim, snapshot, ["import", str(_save(tmp_path / "f.json", data))], needle)


def test_a_forged_workflow_definition_is_refused(tmp_path):
    """A definition the target does not have must load from its source and match it: a file
    cannot bring a spec without the requirements of the source it claims."""
    src = _source(tmp_path)
    data = _load(_export(src, tmp_path))
    wd = _rows(data, "workflow_definition")[0]
    spec = json.loads(wd["spec_json"])
    for p in spec["phases"]:
        p["requirements"] = []
    _set(data, "workflow_definition", 0, version=99, spec_json=json.dumps(spec))
    target = sqlite_cli(tmp_path, "t.db")
    before = db_snapshot(target.db_url)
    r = target(["import", str(_save(tmp_path / "f.json", data))])
    assert r.exit_code == 1 and "workflow_definition" in r.output, r.output
    assert db_snapshot(target.db_url) == before


# -- §7: a corrupted complete export is a clear refusal ------------------------------------------
def _full(tmp_path: Path) -> dict:
    src = _source(tmp_path)
    src.ok(["export", "--out", str(tmp_path / "all.json")])
    return _load(tmp_path / "all.json")


def _dup_id(d):
    rows = d["tables"]["person"]["rows"]
    rows.append(list(rows[0]))
    rows[-1][d["tables"]["person"]["columns"].index("full_name")] = "Bo Bosen"


def _dup_key(d):
    rows = d["tables"]["person"]["rows"]
    rows.append(list(rows[0]))
    rows[-1][0] = 4242


def _dangling(d):
    _set(d, "membership", 0, person_id=4242)


def _missing_value(d):
    _set(d, "decision", 0, outcome=None)


def _likert(d):
    _add(d, "survey_round", {"id": 1, "project_id": _rows(d, "project")[0]["id"],
                             "name": "Baseline", "kind": "baseline", "held_on": "2020-01-01",
                             "created_at": "2020-01-01T00:00:00+00:00"})
    _add(d, "survey_question", {"id": 1, "project_id": _rows(d, "project")[0]["id"],
                                "text": "Q", "bottom_line": "quality"})
    _add(d, "survey_response", {"id": 1, "round_id": 1, "respondent": "r1", "role": "x"})
    _add(d, "survey_answer", {"response_id": 1, "question_id": 1, "value": 9})


def _owner(d):
    _set(d, "activity", 0, project_id=None, network_id=None)


def _bad_event(d):
    _set(d, "audit_event", 0, actor="Borgmesteren")


def _audit_count(d):
    d["history"]["events"] = 1


CORRUPT = {"duplicate id": (_dup_id, "appears twice"),
           "duplicate unique key": (_dup_key, "appears twice"),
           "dangling reference": (_dangling, "not in the file"),
           "missing value": (_missing_value, "empty"),
           "check rule": (_likert, "between 1 and 5"),
           "owner rule": (_owner, "neither"),
           "edited event": (_bad_event, "does not verify"),
           "count": (_audit_count, "events")}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_corrupted_full_export_is_a_clear_refusal(cli, tmp_path, snapshot, case):
    data = _full(tmp_path)
    fn, needle = CORRUPT[case]
    fn(data)
    out = _unchanged(cli, snapshot, ["import", str(_save(tmp_path / "f.json", data))], needle)
    if case not in ("edited event", "count"):
        assert "table '" in out and "row " in out


# -- §6/§7: caps on the JSON file ---------------------------------------------------------------
def test_deeply_nested_json_is_refused(cli, tmp_path, snapshot):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    _unchanged(cli, snapshot, ["import", str(path)], "nested deeper")
    path.write_text('{"format": "nybureau-export/2", "scope": {"all": true}, "tables": {}, '
                    '"x": ' + "[" * 100 + "]" * 100 + "}", encoding="utf-8")
    _unchanged(cli, snapshot, ["import", str(path)], "nested deeper")


def test_an_import_file_over_the_size_limit_is_refused(cli, tmp_path, snapshot, monkeypatch):
    src = _source(tmp_path)
    path = _export(src, tmp_path)
    monkeypatch.setenv("NYBUREAU_IMPORT_MAX_BYTES", "1000")
    _unchanged(cli, snapshot, ["import", str(path)], "at most 1000 bytes",
               "NYBUREAU_IMPORT_MAX_BYTES")
    monkeypatch.setenv("NYBUREAU_IMPORT_MAX_BYTES", "lots")
    _unchanged(cli, snapshot, ["import", str(path)], "positive number")


def test_an_old_format_file_is_refused_clearly(cli, tmp_path, snapshot):
    path = tmp_path / "old.json"
    path.write_text('{"format": "nybureau-export/1", "scope": {"all": true}, "tables": {}}',
                    encoding="utf-8")
    _unchanged(cli, snapshot, ["import", str(path)], "older nybureau", "Export it again")


# -- tables local to one database ----------------------------------------------------------------
def test_local_only_tables_stay_out_of_a_project_export(tmp_path, monkeypatch):
    from nybureau.services.admin import transfer

    src = _source(tmp_path)
    monkeypatch.setattr(transfer, "LOCAL_ONLY_TABLES", {"row_seal", "activity_attendee"})
    data = _load(_export(src, tmp_path))
    assert "activity_attendee" not in data["tables"] and "row_seal" not in data["tables"]
    src.ok(["export", "--out", str(tmp_path / "all.json")])
    assert _load(tmp_path / "all.json")["tables"]["activity_attendee"]["rows"]
    # and a project file that carries such rows is refused
    monkeypatch.setattr(transfer, "LOCAL_ONLY_TABLES", {"row_seal"})
    data = _load(_export(src, tmp_path, "with.json"))
    monkeypatch.setattr(transfer, "LOCAL_ONLY_TABLES", {"row_seal", "activity_attendee"})
    target = sqlite_cli(tmp_path, "t.db")
    r = target(["import", str(tmp_path / "with.json")])
    assert r.exit_code == 1 and "activity_attendee" in r.output
    assert data


def test_forgetting_a_person_of_imported_history_keeps_it_verifiable(victim, tmp_path, db_url):
    """An erasure (GDPR) rewrites imported events too, and vouches for them like for its own."""
    src = _source(tmp_path)
    victim.ok(["import", str(_export(src, tmp_path))])
    victim.ok(["person", "forget", "Anna Andersen", "--reason", "anmodning 2026-01-01"])
    victim.ok("audit verify")
    rows = raw_execute(db_url, "SELECT actor, before, after FROM imported_event")
    assert "Anna Andersen" not in json.dumps([list(r) for r in rows], ensure_ascii=False)
    victim.ok(["export", "--out", str(tmp_path / "all.json")])  # and the whole database moves
    copy = sqlite_cli(tmp_path, "copy.db")
    copy.ok(["import", str(tmp_path / "all.json")])
    copy.ok("audit verify")
    raw_execute(db_url, "UPDATE imported_event SET after = replace(after, 'Slettet', 'Anna') "
                        "WHERE after LIKE '%Slettet%'")
    assert victim("audit verify").exit_code == 1


def test_decisions_recorded_in_meetings_keep_their_meeting(odder, tmp_path):
    """A decision names the meeting it was recorded in ("meeting:<id>"); the meeting gets a new
    id in the target, and the decision follows it (the gates read approved minutes by it)."""
    odder.ok(["export", "odder-bostoette", "--out", str(tmp_path / "odder.json")])
    target = sqlite_cli(tmp_path, "t.db")
    target.ok("project create first --name F --municipality M --date 2017-01-02")
    target.ok('meeting plan first med --date "2017-02-01 10:00"')  # ids now differ
    target.ok(["import", str(tmp_path / "odder.json")])
    rows = raw_execute(target.db_url, "SELECT d.project_id, d.source, m.project_id FROM decision "
                                      "d LEFT JOIN meeting m ON d.source = 'meeting:' || m.id "
                                      "WHERE d.source LIKE 'meeting:%'")
    assert rows and all(r[0] == r[2] for r in rows), rows
    assert json.loads(target.ok("status odder-bostoette --json").stdout) == \
        json.loads(odder.ok("status odder-bostoette --json").stdout)


def test_pseudonymised_imported_history_travels_onward(victim, tmp_path):
    """Imported history rewritten by an erasure here is carried onward with the erasure that
    vouches for it, and stays verifiable in the next databases."""
    src = _source(tmp_path)
    victim.ok(["import", str(_export(src, tmp_path))])
    victim.ok(["person", "forget", "Anna Andersen", "--reason", "anmodning 2026-01-01"])
    victim.ok(["export", "mine", "--out", str(tmp_path / "again.json")])
    assert "Anna Andersen" not in (tmp_path / "again.json").read_text(encoding="utf-8")
    third = sqlite_cli(tmp_path, "third.db")
    third.ok(["import", str(tmp_path / "again.json")])
    third.ok("audit verify")
    third.ok(["export", "mine", "--out", str(tmp_path / "third.json")])
    fourth = sqlite_cli(tmp_path, "fourth.db")
    fourth.ok(["import", str(tmp_path / "third.json")])
    fourth.ok("audit verify")
