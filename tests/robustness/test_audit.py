"""The audit history is append-only and tamper-evident: `nybureau audit verify` finds the first
broken link when a row is edited, deleted or the end cut off behind nybureau's back."""

from __future__ import annotations

import json

from tests.robustness.conftest import raw_execute


def _verify(cli, *extra):
    return cli(["audit", "verify", "--json", *extra])


def test_intact_history_verifies(odder):
    r = _verify(odder)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["ok"] and data["events"] > 200 and data["first_broken"] is None


def test_edited_payload_is_caught_at_that_event(odder, db_url):
    (eid,) = raw_execute(db_url, "SELECT min(id) FROM audit_event WHERE action = "
                                 "'decision.record'")[0]
    raw_execute(db_url, "UPDATE audit_event SET after = replace(after, 'approved', 'rejected') "
                        "WHERE id = :id", {"id": eid})
    r = odder(["audit", "verify"])
    assert r.exit_code == 1
    assert f"event {eid} (decision.record) was changed after it was written" in r.output
    assert "Traceback" not in r.output


def test_edited_actor_is_caught(odder, db_url):
    raw_execute(db_url, "UPDATE audit_event SET actor = 'someone else' WHERE id = 5")
    data = json.loads(_verify(odder).stdout)
    assert not data["ok"] and data["first_broken"]["id"] == 5


def test_deleted_event_breaks_the_next_link(odder, db_url):
    raw_execute(db_url, "DELETE FROM audit_event WHERE id = 40")
    data = json.loads(_verify(odder).stdout)
    assert data["first_broken"]["id"] == 41 and data["first_broken"]["problem"] == "link"
    assert data["checked"] == 39


def test_recomputed_single_hash_still_breaks_the_following_link(odder, db_url):
    from nybureau.services.admin.audit import content_digest

    row = raw_execute(db_url, "SELECT * FROM audit_event WHERE id = 30")[0]._mapping
    forged = dict(row, actor="forger")
    new_hash = content_digest(forged)
    raw_execute(db_url, "UPDATE audit_event SET actor = 'forger', hash = :h WHERE id = 30",
                {"h": new_hash})
    data = json.loads(_verify(odder).stdout)
    assert data["first_broken"]["id"] == 31 and data["first_broken"]["problem"] == "link"


def test_cut_off_end_is_caught_with_a_noted_head(odder, db_url):
    head = json.loads(_verify(odder).stdout)["head"]
    odder.ok("network create second --name Andet")
    assert _verify(odder, "--head", head).exit_code == 0
    raw_execute(db_url, "DELETE FROM audit_event WHERE id >= (SELECT max(id) - 1 FROM "
                        "audit_event)")
    r = odder(["audit", "verify", "--head", head])
    assert r.exit_code == 1 and "removed" in r.output


def test_bad_head_value_is_a_clear_refusal(odder):
    r = odder(["audit", "verify", "--head", "abc"])
    assert r.exit_code == 1 and "64-character" in r.output


def test_concurrent_chain_has_no_fork_after_many_writers(odder, db_url):
    # prev_hash values are unique: no two events link to the same predecessor
    rows = raw_execute(db_url, "SELECT prev_hash, count(*) FROM audit_event GROUP BY prev_hash "
                               "HAVING count(*) > 1")
    assert rows == []
