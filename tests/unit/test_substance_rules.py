"""The method's rules in nybureau.domain.substance, on plain values (no database)."""

from __future__ import annotations

from nybureau.domain import substance as S


def test_keep_is_a_verdict_only_where_the_workflow_allows_it():
    assert list(S.verdicts_for({})) == ["remove", "change", "anchor"]
    assert "keep" in S.verdicts_for({"allow_keep_verdict": True})
    assert "establish" not in S.verdicts_for({})
    assert "establish" in S.verdicts_for({"allow_establish_verdict": True})
    # the small-steps principle: one area at a time unless the definition says otherwise
    assert S.max_focus_areas({}) == 1 and S.max_focus_areas({"max_focus_areas": 3}) == 3


def test_the_workshop_warns_without_frontline_staff_and_when_one_role_dominates():
    assert S.workshop_warnings([]) == []
    codes = [w["code"] for w in S.workshop_warnings(["leader", "leader", "med"])]
    assert codes == ["no_frontline", "dominant_role"]
    assert S.workshop_warnings(["frontline", "leader"]) == []
    (only,) = S.workshop_warnings(["frontline"] * 3)
    assert only["code"] == "dominant_role" and "3 of 3 votes (100 %)" in only["en"]
    assert "3 af 3 stemmer" in only["da"]


def test_the_leading_verdict_is_most_points_then_most_votes():
    assert S.leading_verdict({}, {}) is None
    assert S.leading_verdict({"remove": 3, "change": 3}, {"remove": 1, "change": 2}) == "change"
    assert S.leading_verdict({"remove": 2, "change": 2}, {"remove": 1, "change": 1}) == "tie"


def test_a_prototype_pilots_then_adjusts_and_is_adopted_only_when_ready():
    assert S.status_after_iteration("draft", changed=False) == "piloting"
    assert S.status_after_iteration("piloting", changed=True) == "adjusted"
    assert S.status_after_iteration("adopted", changed=True) == "adopted"
    assert not S.ready_to_adopt([{"text": "x"}], None)
    assert S.ready_to_adopt([{"text": "x"}], "plan")


def test_a_small_group_is_suppressed_and_so_is_the_next_smallest():
    answers = [("baseline", "quality", "A", 4, f"a{i}") for i in range(6)]
    answers += [("baseline", "quality", "B", 2, f"b{i}") for i in range(5)]
    answers += [("baseline", "quality", "C", 5, f"c{i}") for i in range(2)]
    roles, lines = S.survey_results(answers)
    assert roles == ["A", "B", "C"]
    quality = next(line for line in lines if line["bottom_line"] == "quality")
    assert quality["before"] == {"mean": 3.38, "n": 13, "suppressed": False}
    by_role = {r["role"]: r["before"] for r in quality["roles"]}
    assert by_role["C"]["suppressed"] and by_role["B"].get("secondary")
    assert by_role["A"] == {"mean": 4.0, "n": 6, "suppressed": False}
    assert quality["change"] is None
