"""`person forget` is exact (issue #10 §3, §4): it erases the person by identity and by whole
name in free text only (case, white space, the Danish genitive), never inside a longer name of
someone else and never in code columns; afterwards the name is not in the database file or its
WAL; and a `person.forget` event can vouch only for the name-bearing fields it lists."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import db_snapshot
from tests.robustness.conftest import raw_execute

REASON = "Anmodning af 20.11.2026, j.nr. 7"
METTE = "Mette Hviid Schmidt"
OLSEN = "Mette Hviid Schmidt Olsen"


def _project(cli, slug: str = "p1") -> None:
    cli.ok(f"project create {slug} --name P --municipality M --date 2020-01-01")


def _all_text(db_url: str) -> str:
    return json.dumps(db_snapshot(db_url), ensure_ascii=False, default=str)


def _members(cli, slug: str = "p1") -> set[str]:
    bodies = json.loads(cli.ok(f"project show {slug} --json").stdout)["bodies"]
    return {m["name"] for ms in bodies.values() for m in ms}


def _notes(db_url: str) -> list[str]:
    return [r[0] for r in raw_execute(db_url, "SELECT note FROM decision ORDER BY id")]


def _verify(cli, *extra) -> dict:
    return json.loads(cli(["audit", "verify", "--json", *extra]).stdout)


def _sqlite_path(db_url: str) -> Path:
    if not db_url.startswith("sqlite:///"):
        pytest.skip("a check of the SQLite file itself")
    return Path(db_url.removeprefix("sqlite:///"))


# -- whole names, and only the person's -------------------------------------------------------

def test_a_longer_name_of_another_person_is_not_touched(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE, "--role", "TR"])
    cli.ok(["body", "member", "p1", "med", OLSEN, "--role", "Leder"])
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2020-01-02", "--note", f"{OLSEN} og {METTE} stemte for"])
    cli.ok(["person", "forget", METTE, "--reason", REASON])
    assert OLSEN in _members(cli) and METTE not in _members(cli)
    assert _notes(db_url) == [f"{OLSEN} og Slettet person #1 stemte for"]
    # the history of Olsen's membership keeps Olsen's whole name
    after = [json.loads(a) for (a,) in raw_execute(
        db_url, "SELECT after FROM audit_event WHERE action = 'membership.add' ORDER BY id")]
    assert [a["name"] for a in after] == ["Slettet person #1", OLSEN]
    assert "Slettet person #1 Olsen" not in _all_text(db_url)
    assert _verify(cli)["ok"]


def _code_values(db_url: str) -> dict:
    """Every code column the schema has (values that are keys, not prose)."""
    from nybureau.services.people.classification import CODE_COLUMNS

    out = {}
    for table, cols in CODE_COLUMNS.items():
        if table == "row_seal":  # the erasure seals the rows it rewrote: appended by design
            continue
        out[table] = raw_execute(db_url, f"SELECT {', '.join(cols)} FROM {table} ORDER BY "
                                         f"{'id' if table == 'audit_event' else 1}")
    return out


def test_forgetting_a_person_named_like_a_code_touches_no_code(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", "med"])
    cli.ok(["body", "member", "p1", "management", "Ib Hansen"])
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2020-01-02", "--note", "Godkendt af med"])
    cli.ok(["item", "add", "p1", "--kind", "rule", "--title", "Skema", "--evidence",
            "Sagt af med på mødet"])
    cli.ok("advance p1 --to mapping --reason 'Vi springer' --date 2020-02-01")
    codes = _code_values(db_url)
    payloads = raw_execute(db_url, "SELECT id, after FROM audit_event WHERE action = "
                                   "'decision.record'")
    cli.ok(["person", "forget", "med", "--reason", REASON])
    after = _code_values(db_url)
    assert after.pop("audit_event")[:-1] == codes.pop("audit_event")  # + the erasure event
    assert after == codes
    assert raw_execute(db_url, "SELECT id, after FROM audit_event WHERE action = "
                               "'decision.record'")[0][1].count('"body": "med"') == 1
    assert json.loads(dict(payloads)[payloads[0][0]])["body"] == "med"
    assert raw_execute(db_url, "SELECT body FROM decision") == [("med",)]
    # free text does name the person, and is erased there
    assert _notes(db_url) == ["Godkendt af Slettet person #1"]
    assert raw_execute(db_url, "SELECT evidence FROM governance_item") == [
        ("Sagt af Slettet person #1 på mødet",)]
    assert "Ib Hansen" in _members(cli)
    assert _verify(cli)["ok"]


def test_every_text_column_is_classified():
    """A new table or column must say whether it is free text or a code (no silent default)."""
    from nybureau.persistence import tables as t
    from nybureau.services.people.classification import (CODE_COLUMNS, FREE_TEXT, JSON_TEXT,
                                                         PERSON_OWN)

    from sqlalchemy import String, Text

    for table in t.metadata.sorted_tables:
        for c in table.columns:
            if not isinstance(c.type, (String, Text)):
                continue
            where = [n for n, group in (("free", FREE_TEXT), ("json", JSON_TEXT),
                                        ("code", CODE_COLUMNS), ("own", PERSON_OWN))
                     if c.name in group.get(table.name, ())]
            assert len(where) == 1, (f"{table.name}.{c.name} is classified as {where}; classify "
                                     "it in nybureau/services/people/classification.py")


# -- variants of the name in free text ----------------------------------------------------------

VARIANTS = [
    (f"{METTE}s notat", "Slettet person #1's notat"),
    (f"Se {METTE.upper()} her", "Se Slettet person #1 her"),
    ("Mette  Hviid Schmidt var der", "Slettet person #1 var der"),
    ("Talte med Mette Hviid\nSchmidt i går", "Talte med Slettet person #1 i går"),
    ("mette hviid schmidt's forslag", "Slettet person #1's forslag"),
    (f"({METTE})", "(Slettet person #1)"),
    (f"{METTE}sen kom ikke", f"{METTE}sen kom ikke"),  # another name
    (f"{METTE}-Berg kom ikke", f"{METTE}-Berg kom ikke"),
]


def test_case_white_space_and_the_genitive_are_replaced(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE])
    for i, (text, _) in enumerate(VARIANTS):
        cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome",
                "postponed", "--date", f"2020-01-{i + 2:02d}", "--note", text])
    cli.ok(["person", "forget", METTE, "--reason", REASON])
    assert _notes(db_url) == [want for _, want in VARIANTS]
    # and in the history's payloads as well
    notes = [json.loads(a)["note"] for (a,) in raw_execute(
        db_url, "SELECT after FROM audit_event WHERE action = 'decision.record' ORDER BY id")]
    assert notes == [want for _, want in VARIANTS]
    assert _verify(cli)["ok"]


def test_the_danish_genitive_of_a_name_ending_in_s(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", "Lars Bøgelund Mos"])
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2020-01-02", "--note",
            "Lars Bøgelund Mos' forslag og LARS BØGELUND MOS’ notat; 'Lars Bøgelund Mos'"])
    cli.ok(["person", "forget", "Lars Bøgelund Mos", "--reason", REASON])
    assert _notes(db_url) == ["Slettet person #1's forslag og Slettet person #1's notat; "
                              "'Slettet person #1's"]
    assert "bøgelund" not in _all_text(db_url).lower()


def test_the_actor_column_is_erased_where_it_is_the_person(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE], actor=METTE)
    cli.ok(["body", "member", "p1", "med", OLSEN], actor=OLSEN)
    cli.ok(["person", "forget", METTE, "--reason", REASON])
    actors = [a for (a,) in raw_execute(db_url, "SELECT actor FROM audit_event ORDER BY id")]
    assert METTE not in actors and OLSEN in actors and "Slettet person #1" in actors
    assert _verify(cli)["ok"]


# -- the file: not findable after success ---------------------------------------------------------

def _file_holds(path: Path, name: str) -> list[str]:
    found = []
    for p in (path, Path(str(path) + "-wal")):
        if not p.exists():
            continue
        raw = p.read_bytes()
        if name.encode("utf-8") in raw:
            found.append(f"{p.name} (UTF-8)")
        if name.casefold() in raw.decode("utf-8", "replace").casefold():
            found.append(f"{p.name} (any case)")
    return found


NAME = "Søren Ærø Kjærsgaard"


def _with_stale_copies(cli, db_url):
    """The name in records, in the history, and in free space left by earlier edits."""
    _project(cli)
    cli.ok(["body", "member", "p1", "med", NAME, "--role", "TR"], actor=NAME)
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2020-01-02", "--note", f"{NAME} stemte for " + "x" * 3000])
    cli.ok(["item", "add", "p1", "--kind", "rule", "--title", "Skema", "--evidence",
            f"Sagt af {NAME.upper()}"])
    # a table dropped by another program (an SQLite built without secure_delete) leaves the
    # old text in the file's free space, on pages the erasure does not otherwise touch (a
    # scratch table: deleting nybureau's own rows behind its back is caught by the state seal)
    con = sqlite3.connect(str(_sqlite_path(db_url)), isolation_level=None)
    con.execute("PRAGMA secure_delete=OFF")
    con.execute("CREATE TABLE scratch (t TEXT)")
    con.executemany("INSERT INTO scratch VALUES (?)",
                    [(f"Sagt af {NAME.upper()} " + "y" * 500,)] * 20)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("DROP TABLE scratch")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    assert "SØREN ÆRØ".encode() in _sqlite_path(db_url).read_bytes()
    cli.ok(["project", "create", "p2", "--name", "Q", "--municipality", "M", "--date",
            "2020-01-01"])


def test_the_name_is_not_in_the_file_while_a_reader_has_it_open(cli, db_url):
    path = _sqlite_path(db_url)
    _with_stale_copies(cli, db_url)
    reader = sqlite3.connect(str(path))
    try:
        reader.execute("SELECT count(*) FROM person").fetchall()  # opened, then idle
        assert _file_holds(path, NAME)
        r = cli(["person", "forget", NAME, "--reason", REASON])
        assert r.exit_code == 0, r.output
        assert _file_holds(path, NAME) == []
        assert reader.execute("SELECT full_name FROM person").fetchall() == [
            ("Slettet person #1",)]
    finally:
        reader.close()
    assert _file_holds(path, NAME) == []
    assert _verify(cli)["ok"]


@pytest.mark.parametrize("wal_empty", [False, True], ids=["wal", "wal-empty"])
def test_a_reader_in_the_middle_of_a_transaction_is_a_clear_refusal(cli, db_url, monkeypatch,
                                                                   wal_empty):
    path = _sqlite_path(db_url)
    monkeypatch.setattr("nybureau.persistence.store.BUSY_TIMEOUT_S", 0.3)
    _with_stale_copies(cli, db_url)
    before = db_snapshot(db_url)
    reader = sqlite3.connect(str(path), isolation_level=None)
    if wal_empty:  # the reader then reads the file alone
        reader.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchall()  # holds a snapshot
        r = cli(["person", "forget", NAME, "--reason", REASON])
        assert r.exit_code == 1
        assert "close other programs using the database and try again" in r.output.lower()
        assert "nothing was changed" in r.output.lower()
        assert "Traceback" not in r.output and "unexpected" not in r.output
        da = cli(["person", "forget", NAME, "--reason", REASON], lang="da")
        assert da.exit_code == 1 and "Luk andre programmer" in da.output
    finally:
        reader.close()
    assert db_snapshot(db_url) == before
    cli.ok(["person", "forget", NAME, "--reason", REASON])
    assert _file_holds(path, NAME) == []


def test_a_reader_arriving_during_the_erasure_is_reported_truthfully(cli, db_url,
                                                                     monkeypatch):
    """If the file cannot be wiped after the records are pseudonymised, forget says so (exit
    1) and tells how to finish; running it again on the pseudonym finishes the wipe."""
    from nybureau.persistence import scrub

    path = _sqlite_path(db_url)
    monkeypatch.setattr("nybureau.persistence.store.BUSY_TIMEOUT_S", 0.3)
    _with_stale_copies(cli, db_url)
    reader = sqlite3.connect(str(path), isolation_level=None)
    real = scrub.ready

    def late_reader(*a, **kw):
        ok = real(*a, **kw)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchall()
        return ok

    monkeypatch.setattr(scrub, "ready", late_reader)
    try:
        r = cli(["person", "forget", NAME, "--reason", REASON])
        assert r.exit_code == 1, r.output
        assert "Slettet person #1" in r.output and "may still be readable" in r.output
        assert "Traceback" not in r.output and "unexpected" not in r.output
    finally:
        reader.close()
    monkeypatch.setattr(scrub, "ready", real)
    assert NAME not in _all_text(db_url)  # the records are pseudonymised
    cli.ok(["person", "forget", "Slettet person #1", "--reason", REASON])
    assert _file_holds(path, NAME) == []
    assert _verify(cli)["ok"]


# -- a forget event vouches only for the name fields it lists -------------------------------------

def _append_fake_forget(db_url: str, after: dict) -> int:
    """A correctly hashed `person.forget` event at the end of the chain, as a forger with
    database access and this source code would write it."""
    from datetime import datetime, timezone

    from nybureau.persistence.chain import CURRENT_SCHEME, event_digest

    (prev, head_id) = raw_execute(db_url, "SELECT hash, id FROM audit_event ORDER BY id DESC "
                                          "LIMIT 1")[0]
    at = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)
    payload = json.dumps(after, ensure_ascii=False, sort_keys=True)
    fields = {"at": at.isoformat(), "actor": "forger", "action": "person.forget",
              "project_id": None, "network_id": None, "entity": "person", "entity_id": 1,
              "before": None, "after": payload}
    digest = event_digest(prev, fields, CURRENT_SCHEME)
    raw_execute(db_url, "INSERT INTO audit_event (id, at, actor, action, project_id, network_id, "
                        "entity, entity_id, before, after, prev_hash, hash, scheme) VALUES "
                        "(:id, :at, 'forger', 'person.forget', NULL, NULL, 'person', 1, NULL, "
                        ":after, :prev, :hash, :scheme)",
                {"id": head_id + 1, "at": at, "after": payload, "prev": prev, "hash": digest,
                 "scheme": CURRENT_SCHEME})
    return head_id + 1


def _decision_event(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE])
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "rejected",
            "--date", "2020-01-02", "--note", "Ingen bemærkninger"])
    head = _verify(cli)["head"]
    row = raw_execute(db_url, "SELECT * FROM audit_event WHERE action = 'decision.record'")[0]
    return dict(row._mapping), head


def _row(db_url, eid):
    return dict(raw_execute(db_url, "SELECT * FROM audit_event WHERE id = :i", {"i": eid})[0]
                ._mapping)


def test_a_fake_forget_cannot_vouch_for_a_changed_outcome(cli, db_url):
    from nybureau.persistence.chain import path_digests

    ev, head = _decision_event(cli, db_url)
    assert ev["scheme"] == 2
    original = path_digests(ev)
    forged = ev["after"].replace('"rejected"', '"approved"')
    raw_execute(db_url, "UPDATE audit_event SET after = :a WHERE id = :i",
                {"a": forged, "i": ev["id"]})
    new = path_digests(_row(db_url, ev["id"]))
    _append_fake_forget(db_url, {
        "pseudonym": "Slettet person #1", "reason": "x", "rows_changed": {},
        "redacted": {}, "redacted_paths": {str(ev["id"]): {
            "after.outcome": [original["after.outcome"], new["after.outcome"]]}}})
    for extra in ((), ("--head", head)):
        data = _verify(cli, *extra)
        assert not data["ok"] and data["first_broken"]["id"] == ev["id"], data
    r = cli(["audit", "verify", "--head", head])
    assert r.exit_code == 1 and f"event {ev['id']} (decision.record)" in r.output


def test_a_fake_forget_cannot_vouch_wholesale_for_a_new_event(cli, db_url):
    from nybureau.services.admin.audit import content_digest

    ev, head = _decision_event(cli, db_url)
    forged = ev["after"].replace('"rejected"', '"approved"')
    raw_execute(db_url, "UPDATE audit_event SET after = :a WHERE id = :i",
                {"a": forged, "i": ev["id"]})
    _append_fake_forget(db_url, {"pseudonym": "Slettet person #1", "reason": "x",
                                 "rows_changed": {}, "redacted": {
                                     str(ev["id"]): content_digest(_row(db_url, ev["id"]))}})
    data = _verify(cli, "--head", head)
    assert not data["ok"] and data["first_broken"]["id"] == ev["id"]


def test_a_fake_forget_cannot_vouch_for_a_free_text_edit_without_the_pseudonym(cli, db_url):
    from nybureau.persistence.chain import path_digests

    ev, head = _decision_event(cli, db_url)
    original = path_digests(ev)
    forged = ev["after"].replace("Ingen bemærkninger", "Enstemmigt")
    raw_execute(db_url, "UPDATE audit_event SET after = :a WHERE id = :i",
                {"a": forged, "i": ev["id"]})
    new = path_digests(_row(db_url, ev["id"]))
    _append_fake_forget(db_url, {
        "pseudonym": "Slettet person #1", "reason": "x", "rows_changed": {}, "redacted": {},
        "redacted_paths": {str(ev["id"]): {"after.note": [original["after.note"],
                                                          new["after.note"]]}}})
    data = _verify(cli, "--head", head)
    assert not data["ok"] and data["first_broken"]["id"] == ev["id"]


def test_a_real_forget_lists_exactly_the_paths_it_changed(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE], actor=METTE)
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2020-01-02", "--note", f"{METTE}s forslag"])
    cli.ok(["person", "forget", METTE, "--reason", REASON])
    (after,) = raw_execute(db_url, "SELECT after FROM audit_event WHERE action = "
                                   "'person.forget'")[0]
    paths = json.loads(after)["redacted_paths"]
    member = raw_execute(db_url, "SELECT id FROM audit_event WHERE action = "
                                 "'membership.add'")[0][0]
    decision = raw_execute(db_url, "SELECT id FROM audit_event WHERE action = "
                                   "'decision.record'")[0][0]
    assert sorted(paths[str(member)]) == ["actor", "after.name"]
    assert sorted(paths[str(decision)]) == ["after.note"]
    assert json.loads(after)["redacted"] == {}
    data = _verify(cli)
    assert data["ok"] and data["redacted"] >= 2
    # any other change of a rewritten event is still caught
    raw_execute(db_url, "UPDATE audit_event SET after = replace(after, 'approved', 'rejected') "
                        "WHERE id = :i", {"i": decision})
    assert _verify(cli)["first_broken"]["id"] == decision


def test_a_rewritten_field_edited_afterwards_is_caught(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE])
    cli.ok(["person", "forget", METTE, "--reason", REASON])
    eid = raw_execute(db_url, "SELECT id FROM audit_event WHERE action = "
                              "'membership.add'")[0][0]
    raw_execute(db_url, "UPDATE audit_event SET after = replace(after, 'Slettet person #1', "
                        "'Slettet person #1 og Ib') WHERE id = :i", {"i": eid})
    assert _verify(cli)["first_broken"]["id"] == eid


def _as_scheme_1(db_url: str) -> None:
    """Rewrite the whole chain as an older nybureau wrote it (scheme 1, no scheme column)."""
    from nybureau.persistence.chain import GENESIS_HASH, event_hash
    from nybureau.services.admin.audit import hashed_fields

    rows = [dict(r._mapping) for r in raw_execute(db_url, "SELECT * FROM audit_event "
                                                          "ORDER BY id")]
    prev = GENESIS_HASH
    for r in rows:
        h = event_hash(prev, hashed_fields(r))
        raw_execute(db_url, "UPDATE audit_event SET scheme = NULL, prev_hash = :p, hash = :h "
                            "WHERE id = :i", {"p": prev, "h": h, "i": r["id"]})
        prev = h


def test_old_scheme_1_events_keep_verifying_and_are_vouched_wholesale(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE], actor=METTE)
    cli.ok(["decision", "record", "p1", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2020-01-02", "--note", f"{METTE}s forslag"])
    _as_scheme_1(db_url)
    assert _verify(cli)["ok"]
    cli.ok(["person", "forget", METTE, "--reason", REASON])
    (after,) = raw_execute(db_url, "SELECT after FROM audit_event WHERE action = "
                                   "'person.forget'")[0]
    assert len(json.loads(after)["redacted"]) >= 2 and json.loads(after)["redacted_paths"] == {}
    data = _verify(cli)
    assert data["ok"] and data["redacted"] >= 2


def test_a_fake_forget_cannot_vouch_for_an_old_event_without_the_pseudonym(cli, db_url):
    from nybureau.services.admin.audit import content_digest

    ev, _ = _decision_event(cli, db_url)
    _as_scheme_1(db_url)
    head = _verify(cli)["head"]
    forged = ev["after"].replace('"rejected"', '"approved"')
    raw_execute(db_url, "UPDATE audit_event SET after = :a WHERE id = :i",
                {"a": forged, "i": ev["id"]})
    _append_fake_forget(db_url, {"pseudonym": "Slettet person #1", "reason": "x",
                                 "rows_changed": {}, "redacted": {
                                     str(ev["id"]): content_digest(_row(db_url, ev["id"]))}})
    data = _verify(cli, "--head", head)
    assert not data["ok"] and data["first_broken"]["id"] == ev["id"]


def test_two_records_that_would_become_the_same_are_a_clear_refusal(cli, db_url):
    _project(cli)
    cli.ok(["body", "member", "p1", "med", METTE])
    cli.ok(["item", "add", "p1", "--kind", "rule", "--title", "Skema"])
    (item, pid) = raw_execute(db_url, "SELECT id, project_id FROM governance_item")[0]
    for who in (METTE, METTE.upper()):
        raw_execute(db_url, "INSERT INTO vote (project_id, item_id, participant, chain_role, "
                            "verdict, points, voted_on, created_at) VALUES (:p, :i, :w, "
                            "'frontline', 'remove', 1, '2020-01-01', '2020-01-01 00:00:00')",
                    {"p": pid, "i": item, "w": who})
    before = db_snapshot(db_url)
    r = cli(["person", "forget", METTE, "--reason", REASON])
    assert r.exit_code == 1 and "would make two records of vote the same" in r.output
    assert "Traceback" not in r.output and "unexpected" not in r.output
    assert db_snapshot(db_url) == before
