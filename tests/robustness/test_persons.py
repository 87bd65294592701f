"""GDPR: `person export` gives everything about a person; `person forget` pseudonymises them in
every table and in the history, keeps decisions and counts, and keeps the chain verifiable."""

from __future__ import annotations

import json

from tests.conftest import db_snapshot
from tests.robustness.conftest import raw_execute


def _agent(cli) -> str:
    return json.loads(cli.ok("project show odder-bostoette --json").stdout)["agents"][0]["name"]


def _counts(db_url: str) -> dict[str, int]:
    return {t: len(rows) for t, rows in db_snapshot(db_url).items()}


def _everything_as_text(db_url: str) -> str:
    return json.dumps(db_snapshot(db_url), ensure_ascii=False, default=str)


def test_export_lists_every_record_about_the_person(odder):
    name = _agent(odder)
    data = json.loads(odder.ok(["person", "export", name]).stdout)
    assert data["person"]["full_name"] == name
    assert "agent" in data["referenced_by"] and "activity_attendee" in data["referenced_by"]
    assert len(data["mentioned_in"]["audit_event"]) > 3


def test_export_of_unknown_person_is_a_clear_refusal(odder, snapshot):
    before = snapshot()
    r = odder(["person", "export", "Ingen Sådan Person"])
    assert r.exit_code == 1 and "no person named" in r.output
    assert snapshot() == before


def test_forget_replaces_the_name_everywhere_and_keeps_counts(odder, db_url):
    name = _agent(odder)
    raw_execute(db_url, "UPDATE person SET email = 'a@b.dk', union_affiliation = 'FOA' "
                        "WHERE full_name = :n", {"n": name})
    assert name in _everything_as_text(db_url)
    before_show = json.loads(odder.ok("project show odder-bostoette --json").stdout)
    counts = _counts(db_url)
    r = odder(["person", "forget", name, "--reason", "Anmodning af 20.11.2026, j.nr. 7"])
    assert r.exit_code == 0, r.output
    assert "exports, backups and documents made before today still hold the name" in r.output
    text = _everything_as_text(db_url)
    assert name not in text and "a@b.dk" not in text and "FOA" not in text
    after_counts = _counts(db_url)
    after_counts["audit_event"] -= 1  # the erasure itself is recorded
    assert after_counts.pop("row_seal") > counts.pop("row_seal")  # and its rewrites sealed
    assert after_counts == counts
    after_show = json.loads(odder.ok("project show odder-bostoette --json").stdout)
    assert after_show["decisions"] == before_show["decisions"]
    assert len(after_show["activities"]) == len(before_show["activities"])
    assert any(a["name"].startswith("Slettet person #") for a in after_show["agents"])
    verify = json.loads(odder.ok("audit verify --json").stdout)
    assert verify["ok"] and verify["redacted"] > 3
    assert odder(["person", "export", name]).exit_code == 1  # gone, cannot be undone


def test_forgotten_history_still_catches_later_edits(odder, db_url):
    name = _agent(odder)
    odder.ok(["person", "forget", name, "--reason", "Anmodning j.nr. 8"])
    (eid,) = raw_execute(db_url, "SELECT min(id) FROM audit_event WHERE after LIKE "
                                 "'%Slettet person #%'")[0]
    raw_execute(db_url, "UPDATE audit_event SET after = replace(after, 'Slettet', 'Fjernet') "
                        "WHERE id = :id", {"id": eid})
    data = json.loads(odder(["audit", "verify", "--json"]).stdout)
    assert not data["ok"] and data["first_broken"]["id"] == eid


def test_deleting_the_erasure_event_is_caught(odder, db_url):
    odder.ok(["person", "forget", _agent(odder), "--reason", "Anmodning j.nr. 9"])
    raw_execute(db_url, "DELETE FROM audit_event WHERE action = 'person.forget'")
    assert odder(["audit", "verify"]).exit_code == 1


def test_forget_refuses_a_reason_naming_the_person(odder, snapshot):
    name = _agent(odder)
    before = snapshot()
    r = odder(["person", "forget", name, "--reason", f"{name} bad om det"])
    assert r.exit_code == 1 and "must not contain" in r.output
    assert snapshot() == before


def test_forget_does_not_touch_a_longer_name(cli, db_url):
    cli.ok("project create p1 --name P --municipality M --date 2020-01-01")
    cli.ok(["body", "member", "p1", "med", "Ib Hansen"])
    cli.ok(["body", "member", "p1", "med", "Ib Hansen-Berg"])
    cli.ok(["person", "forget", "Ib Hansen", "--reason", "j.nr. 1"])
    names = {m["name"] for m in json.loads(cli.ok("project show p1 --json").stdout)["bodies"]["med"]}
    assert "Ib Hansen-Berg" in names and "Ib Hansen" not in names
    cli.ok("audit verify")


def test_forget_a_person_who_was_the_actor(cli, db_url):
    cli.ok("project create p2 --name P --municipality M --date 2020-01-01")
    cli.ok(["body", "member", "p2", "steering_group", "Karen Ærbø"], actor="Karen Ærbø")
    cli.ok("advance p2 --to mapping --reason 'Vi springer' --date 2020-02-01", actor="Karen Ærbø")
    cli.ok(["person", "forget", "Karen Ærbø", "--reason", "j.nr. 2"])
    assert "Karen Ærbø" not in _everything_as_text(db_url)
    history = json.loads(cli.ok("project show p2 --json").stdout)["phase_history"]
    assert history[-1]["actor"] == "Slettet person #1" and history[-1]["to"] == "mapping"
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]


def test_export_withholds_union_affiliation_unless_asked(odder, db_url):
    name = _agent(odder)
    raw_execute(db_url, "UPDATE person SET union_affiliation = 'Socialpædagogerne' "
                        "WHERE full_name = :n", {"n": name})
    plain = odder.ok(["person", "export", name])
    assert "Socialpædagogerne" not in plain.stdout
    assert json.loads(plain.stdout)["withheld"] == ["union_affiliation"]
    full = json.loads(odder.ok(["person", "export", name, "--include-special"]).stdout)
    assert full["person"]["union_affiliation"] == "Socialpædagogerne" and full["withheld"] == []
