"""The chain covers the state, not only the events (issue #10 §4).

Every write transaction seals the rows it changed (``row_seal``: a digest of each row's content,
tied to the transaction's last audit event, whose hash covers the seal). ``audit verify`` folds
the seals in history order and compares them with the current rows: a row edited, deleted or
inserted behind nybureau's back — with sqlite3 or psql, no event — is named. ``backup`` reports
the same verdict instead of always saying "intact", and still keeps the copy.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.robustness.conftest import raw_execute

FROZEN = Path(__file__).resolve().parents[1] / "data" / "schema-0001.db"
SLUG = "odder-bostoette"


def _verify(cli, *extra):
    return cli(["audit", "verify", "--json", *extra])


def _broken(cli) -> dict:
    r = _verify(cli)
    assert r.exit_code == 1, r.output
    data = json.loads(r.stdout)
    assert not data["ok"]
    return data["first_broken"]


def _decision(db_url: str) -> int:
    return raw_execute(db_url, "SELECT min(id) FROM decision WHERE project_id = "
                               "(SELECT id FROM project WHERE slug = :s)", {"s": SLUG})[0][0]


# -- an intact database verifies, and keeps verifying through ordinary commands ---------------------
def test_intact_state_verifies(odder):
    r = _verify(odder)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["ok"] and data["state"]["rows"] > 200 and data["state"]["differences"] == 0
    odder.ok("decision record egelund-socialpsykiatri focus_areas --by steering_group "
             "--outcome approved --date 2018-04-01")
    odder.ok("network create second --name Andet")
    assert json.loads(odder.ok("audit verify --json").stdout)["ok"]


def test_every_write_command_seals_its_rows_with_its_last_event(odder, db_url):
    odder.ok("decision record egelund-socialpsykiatri focus_areas --by steering_group "
             "--outcome approved --date 2018-04-01")
    odder.ok("network create second --name Andet")
    name = json.loads(odder.ok(f"project show {SLUG} --json").stdout)["agents"][0]["name"]
    odder.ok(["person", "email", name, "agent@odder.dk"])
    seals = raw_execute(db_url, "SELECT DISTINCT event_id FROM row_seal")
    stated = raw_execute(db_url, "SELECT id FROM audit_event WHERE state IS NOT NULL")
    assert sorted(seals) == sorted(stated) and len(stated) == 5
    # no command had to append an event of its own just to carry the seal
    assert raw_execute(db_url, "SELECT count(*) FROM audit_event WHERE action = 'state.seal'") \
        == [(0,)]


# -- the attacks of the issue: rows changed with no event ------------------------------------------
def test_edited_decision_row_is_named(odder, db_url):
    did = _decision(db_url)
    raw_execute(db_url, "UPDATE decision SET outcome = 'rejected' WHERE id = :i", {"i": did})
    b = _broken(odder)
    assert (b["table"], b["row"], b["problem"], b["project"]) == ("decision", str(did),
                                                                 "changed", SLUG)
    r = odder(["audit", "verify"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert (f"decision {did} of project {SLUG} was changed without an event in the history"
            in r.output)
    r = odder(["audit", "verify"], lang="da")
    assert r.exit_code == 1
    assert f"beslutning {did} i projektet {SLUG} er ændret uden en hændelse i historikken" \
        in r.output


def test_deleted_decision_row_is_named(odder, db_url):
    did = _decision(db_url)
    raw_execute(db_url, "DELETE FROM decision WHERE id = :i", {"i": did})
    b = _broken(odder)
    assert (b["table"], b["row"], b["problem"]) == ("decision", str(did), "deleted")
    assert b["project"] == SLUG  # found through the history
    r = odder(["audit", "verify"])
    assert f"decision {did} of project {SLUG} was deleted without an event" in r.output


def test_inserted_decision_row_is_named(odder, db_url):
    raw_execute(db_url, "INSERT INTO decision (project_id, decision_key, body, outcome, "
                        "decided_on, source, created_at) SELECT id, 'mandate', 'steering_group', "
                        "'approved', '2020-01-01', 'cli', '2020-01-01 00:00:00' FROM project "
                        "WHERE slug = :s", {"s": SLUG})
    (new,) = raw_execute(db_url, "SELECT max(id) FROM decision")[0]
    b = _broken(odder)
    assert (b["table"], b["row"], b["problem"]) == ("decision", str(new), "added")
    r = odder(["audit", "verify"])
    assert f"decision {new} of project {SLUG} was added without an event" in r.output


def test_project_phase_changed_directly_is_named(odder, db_url):
    raw_execute(db_url, "UPDATE project SET phase = 'mandate' WHERE slug = :s", {"s": SLUG})
    b = _broken(odder)
    assert (b["table"], b["problem"], b["project"]) == ("project", "changed", SLUG)
    r = odder(["audit", "verify"])
    assert f"project {SLUG} was changed without an event" in r.output


def test_row_with_a_composite_key_is_covered(odder, db_url):
    (aid, pid) = raw_execute(db_url, "SELECT activity_id, person_id FROM activity_attendee "
                                     "ORDER BY 1, 2 LIMIT 1")[0]
    raw_execute(db_url, "DELETE FROM activity_attendee WHERE activity_id = :a AND person_id = :p",
                {"a": aid, "p": pid})
    b = _broken(odder)
    assert (b["table"], b["row"], b["problem"]) == ("activity_attendee", f"{aid}/{pid}",
                                                    "deleted")


def test_stored_workflow_definition_is_covered(odder, db_url):
    raw_execute(db_url, "UPDATE workflow_definition SET spec_json = replace(spec_json, "
                        "'steering_group', 'anyone')")
    b = _broken(odder)
    assert (b["table"], b["problem"]) == ("workflow_definition", "changed")


def test_a_change_put_back_verifies_again(odder, db_url):
    did = _decision(db_url)
    (outcome,) = raw_execute(db_url, "SELECT outcome FROM decision WHERE id = :i", {"i": did})[0]
    raw_execute(db_url, "UPDATE decision SET outcome = 'rejected' WHERE id = :i", {"i": did})
    assert _verify(odder).exit_code == 1
    raw_execute(db_url, "UPDATE decision SET outcome = :o WHERE id = :i", {"o": outcome, "i": did})
    assert _verify(odder).exit_code == 0


def test_differences_are_counted(odder, db_url):
    raw_execute(db_url, "UPDATE decision SET note = 'x'")
    data = json.loads(_verify(odder).stdout)
    (n,) = raw_execute(db_url, "SELECT count(*) FROM decision")[0]
    assert data["state"]["differences"] == n


# -- the seal itself cannot be rewritten to match ----------------------------------------------------
def test_edited_row_seal_is_caught_at_its_event(odder, db_url):
    did = _decision(db_url)
    raw_execute(db_url, "UPDATE decision SET outcome = 'rejected' WHERE id = :i", {"i": did})
    (sid, eid) = raw_execute(db_url, "SELECT max(id), max(event_id) FROM row_seal WHERE "
                                     "tbl = 'decision' AND row_key = :k", {"k": str(did)})[0]
    raw_execute(db_url, "UPDATE row_seal SET digest = :d WHERE id = :i", {"d": "0" * 64, "i": sid})
    b = _broken(odder)
    assert b["problem"] == "seal" and b["id"] == eid


def test_deleted_row_seal_is_caught(odder, db_url):
    raw_execute(db_url, "DELETE FROM row_seal WHERE id = (SELECT max(id) FROM row_seal)")
    assert _broken(odder)["problem"] == "seal"


def test_forged_state_breaks_the_chain(odder, db_url):
    raw_execute(db_url, "UPDATE audit_event SET state = :s WHERE id = (SELECT min(event_id) "
                        "FROM row_seal)", {"s": "1" * 64})
    assert _broken(odder)["problem"] == "content"


# -- sanctioned rewrites are sealed by the same capture ---------------------------------------------
def test_person_forget_reseals_what_it_rewrites(odder):
    name = json.loads(odder.ok(f"project show {SLUG} --json").stdout)["agents"][0]["name"]
    odder.ok(["person", "forget", name, "--reason", "Anmodning af 20.11.2026, j.nr. 7"])
    data = json.loads(odder.ok("audit verify --json").stdout)
    assert data["ok"] and data["state"]["differences"] == 0


def test_full_export_and_import_keep_seals_and_head(odder, tmp_path):
    # into an SQLite file, whatever the first database is (PostgreSQL too: the seals carry)
    out = tmp_path / "all.json"
    odder.ok(["export", "--out", str(out)])
    head = json.loads(odder.ok("audit verify --json").stdout)["head"]
    other = Cli("sqlite:///" + str(tmp_path / "other.db"))
    other.ok("init")
    other.ok(["import", str(out)])
    data = json.loads(other.ok("audit verify --json").stdout)
    assert data["ok"] and data["head"] == head and data["state"]["differences"] == 0


def test_project_import_is_sealed(odder, tmp_path):
    # into an SQLite file, whatever the first database is (PostgreSQL too: the seals carry)
    out = tmp_path / "one.json"
    odder.ok(["export", SLUG, "--out", str(out)])
    other = Cli("sqlite:///" + str(tmp_path / "other.db"))
    other.ok("init")
    other.ok(["import", str(out)])
    assert json.loads(other.ok("audit verify --json").stdout)["ok"]
    raw_execute(other.db_url, "UPDATE project SET phase = 'mandate'")
    assert _broken(other)["table"] == "project"


# -- upgrade from an older schema: the existing state is sealed once ----------------------------
def test_upgrade_seals_the_existing_state_once(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FROZEN, db)
    cli = Cli("sqlite:///" + str(db))
    cli.ok("init")
    baseline = raw_execute(cli.db_url, "SELECT id, after FROM audit_event WHERE action = "
                                       "'audit.baseline'")
    assert len(baseline) == 1
    assert json.loads(baseline[0][1])["from_schema"] == "0001"
    data = json.loads(cli.ok("audit verify --json").stdout)
    assert data["ok"] and data["state"]["rows"] > 400
    cli.ok("init")  # idempotent: no second baseline
    assert len(raw_execute(cli.db_url, "SELECT id FROM audit_event WHERE action = "
                                       "'audit.baseline'")) == 1
    raw_execute(cli.db_url, "UPDATE project SET phase = 'mandate' WHERE slug = :s", {"s": SLUG})
    assert _broken(cli)["table"] == "project"


# -- backup tells the truth ----------------------------------------------------------------------
@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("backup copies SQLite files")
    return db_url


def test_backup_of_an_intact_database_says_intact(odder, sqlite_only, tmp_path):
    r = odder(["backup", "--out", str(tmp_path / "b.db")])
    assert r.exit_code == 0 and "history intact" in r.output


def test_backup_of_a_broken_chain_says_broken_and_keeps_the_copy(odder, sqlite_only, tmp_path):
    raw_execute(sqlite_only, "UPDATE audit_event SET actor = 'someone else' WHERE id = 5")
    out = tmp_path / "b.db"
    r = odder(["backup", "--out", str(out)])
    assert r.exit_code == 1, r.output
    assert "intact" not in r.output
    assert "event 5" in r.output and "broken" in r.output and str(out) in r.output
    assert out.exists()  # the copy is kept: it is the evidence
    assert not out.with_name(out.name + ".part").exists()


def test_backup_of_a_changed_row_names_it(odder, sqlite_only, tmp_path):
    did = _decision(sqlite_only)
    raw_execute(sqlite_only, "UPDATE decision SET outcome = 'rejected' WHERE id = :i", {"i": did})
    r = odder(["backup", "--out", str(tmp_path / "b.db")], lang="da")
    assert r.exit_code == 1
    assert "intakt" not in r.output
    assert f"beslutning {did} i projektet {SLUG} er ændret" in r.output


# -- the capture, whatever form the statement takes --------------------------------------------
def test_capture_of_executemany_textual_keys_and_no_event(odder, db_url):
    """An executemany UPDATE (``advance --all-ready``'s compare-and-set), a key given as text
    and a transaction that writes no event of its own are all sealed; a textual write cannot
    be sealed and is refused."""
    from sqlalchemy import text, update

    from nybureau.persistence import tables as t
    from nybureau.persistence.store import Store

    store = Store(db_url)
    try:
        with store.transaction("tester") as tx:
            projects = [tx.project_get(SLUG), tx.project_get("egelund-socialpsykiatri")]
            tx.projects_touch_many([(p, {"phase": p["phase"]}) for p in projects])
            did = _decision(db_url)  # as text where the database lets it be compared so
            key = str(did) if db_url.startswith("sqlite") else did
            tx.conn.execute(update(t.decision).where(t.decision.c.id == key)
                            .values(note="rettet"))
        with store.transaction("tester") as tx:
            with pytest.raises(RuntimeError):
                tx.conn.execute(text("UPDATE decision SET note = 'x'"))
    finally:
        store.dispose()
    data = json.loads(odder.ok("audit verify --json").stdout)
    assert data["ok"] and data["state"]["differences"] == 0
    assert raw_execute(db_url, "SELECT action FROM audit_event ORDER BY id DESC LIMIT 1") == \
        [("state.seal",)]
    assert "the" in odder.ok("audit verify").output and "records match it" in \
        odder.ok("audit verify").output
