"""The effective outcome of a decision, the one rule (nybureau.domain.decisions)."""

from __future__ import annotations

from datetime import date

from nybureau.domain.decisions import effective_decision, effective_outcomes, is_final


def test_the_latest_final_outcome_counts_by_date_then_by_id():
    rows = [("k", (date(2024, 1, 2), 1), "approved"), ("k", (date(2024, 1, 1), 2), "rejected"),
            ("k", (date(2024, 1, 2), 3), "approved_with_changes")]
    assert effective_outcomes(rows) == {"k": "approved_with_changes"}
    assert effective_outcomes(reversed(rows)) == {"k": "approved_with_changes"}


def test_a_postponement_never_replaces_a_final_outcome_and_counts_only_alone():
    assert effective_outcomes([("k", (1, 1), "approved"), ("k", (2, 2), "postponed")]) == \
        {"k": "approved"}
    assert effective_outcomes([("k", (2, 2), "postponed"), ("k", (1, 1), "rejected")]) == \
        {"k": "rejected"}
    assert effective_outcomes([("k", (1, 1), "postponed"), ("j", (1, 2), "noted")]) == \
        {"k": "postponed", "j": "noted"}
    assert not is_final("postponed") and is_final("noted")


def test_effective_decision_gives_the_record():
    records = [{"id": 1, "on": 1, "o": "approved"}, {"id": 2, "on": 3, "o": "postponed"},
               {"id": 3, "on": 2, "o": "rejected"}]
    got = effective_decision(records, outcome=lambda r: r["o"], order=lambda r: (r["on"], r["id"]))
    assert got["id"] == 3
    assert effective_decision([], outcome=str, order=str) is None
