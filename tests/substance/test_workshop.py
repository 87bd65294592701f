"""The prioritisation workshop: the votes import (bad rows by row and column), the tally, the
warnings about the governance chain (recorded in the history), and focus areas under the
small-steps rule."""

from __future__ import annotations

import json

from tests.substance.conftest import ITEMS_CSV, WORKFLOW, votes_csv, write

CHAIN = [("Frida", "frontline"), ("Frede", "frontline"), ("Lis", "leader"),
         ("Tove", "union_rep"), ("Mads", "med"), ("Fie", "administration")]


def mapped(cli, tmp_path, project="testrup"):
    cli.ok(f"item import {project} {write(tmp_path, 'items.csv', ITEMS_CSV)}")


def tally(cli, project="testrup"):
    return json.loads(cli.ok(f"workshop tally {project} --json").output)


def test_tally_counts_points_leading_verdict_and_chain(cli, mapping_project, tmp_path):
    mapped(cli, tmp_path)
    rows = [(n, r, 1, "change", 3) for n, r in CHAIN]
    rows += [("Frida", "frontline", 2, "remove", 2), ("Lis", "leader", 2, "change", 2),
             ("Tove", "union_rep", 2, "fjerne", 1)]
    rows += [("Frida", "frontline", "Borgerens egne mål i handleplanen", "forankre", 1),
             ("Lis", "leader", 3, "change", 1)]
    path = write(tmp_path, "votes.csv", votes_csv(rows))
    out = cli.ok(f"workshop import testrup {path} --date 2017-11-14").output
    assert "Imported 11 votes" in out
    t = tally(cli)
    assert (t["votes"], t["participants"]) == (11, 6)
    assert t["by_role"] == {"frontline": 4, "leader": 3, "administration": 1, "med": 1,
                            "union_rep": 2}
    first, second, third = t["items"]
    assert (first["id"], first["points"], first["leading"]) == (1, 18, "change")
    assert first["chain"] == {"frontline": 2, "leader": 1, "union_rep": 1, "med": 1,
                              "administration": 1}
    assert second["id"] == 2 and second["counts"] == {"remove": 2, "change": 1}
    assert second["verdict_points"] == {"remove": 3, "change": 2}
    assert second["leading"] == "remove"
    assert third["id"] == 3 and third["leading"] == "tie"   # 1 point each way
    assert t["warnings"] == []
    human = cli.ok("workshop tally testrup", lang="da").output
    assert "forandre" in human and "frontlinjemedarbejder" in human


def test_bad_vote_rows_are_named_and_nothing_is_written(cli, mapping_project, tmp_path,
                                                        snapshot):
    mapped(cli, tmp_path)
    cli.ok('workshop vote testrup 1 --participant Frida --role frontline --verdict change')
    before = snapshot()
    path = write(tmp_path, "bad.csv", votes_csv([
        ("Frede", "frontline", 1, "change", 2),
        ("Frida", "frontline", 1, "remove", 1),
        ("Lis", "direktør", 2, "change", 1),
        ("Lis", "leader", 99, "change", 1),
        ("Lone", "leader", 2, "keep", 1),
        ("Tove", "union_rep", 2, "change", "mange"),
        ("Mads", "med", 3, "anchor", 1),
        ("Mads", "med", 3, "change", 1),
    ]))
    r = cli(f"workshop import testrup {path}")
    assert r.exit_code == 1
    out = r.output
    assert "has 6 problems; nothing was imported" in out
    assert "row 3, column \"participant\": Frida has already voted on item #1" in out
    assert "row 4, column \"chain_role\": 'direktør' is not one of" in out
    assert "row 5, column \"item\": no governance item '99'" in out
    assert "row 6, column \"verdict\": 'keep' is not one of: remove (fjerne), change " \
           "(forandre), anchor (forankre)" in out
    assert "row 7, column \"points\": 'mange' is not a whole number" in out
    assert "row 9, column \"participant\": Mads votes twice on item #3 (also row 8)" in out
    assert snapshot() == before


def test_warnings_without_frontline_and_with_a_dominant_part_are_recorded(
        cli, mapping_project, tmp_path):
    mapped(cli, tmp_path)
    rows = [(f"Leder {i}", "leader", 1, "change", 1) for i in range(4)]
    rows.append(("Fie", "administration", 1, "anchor", 1))
    r = cli.ok(f"workshop import testrup {write(tmp_path, 'v.csv', votes_csv(rows))}")
    assert "Warning: No frontline staff voted" in r.output
    assert "Warning: Leader cast 4 of 5 votes (80 %)" in r.output
    codes = [w["code"] for w in tally(cli)["warnings"]]
    assert codes == ["no_frontline", "dominant_role"]
    log = json.loads(cli.ok("log testrup --json").output)
    recorded = [e["after"]["code"] for e in log if e["action"] == "workshop.warning"]
    assert recorded == ["no_frontline", "dominant_role"]
    # frontline staff join: the frontline warning goes, leaders still cast most votes
    for name in ("Frida", "Frede"):
        cli.ok(f'workshop vote testrup 1 --participant {name} --role frontlinjemedarbejder '
               "--verdict forandre --points 2")
    assert [w["code"] for w in tally(cli)["warnings"]] == ["dominant_role"]
    # a warning is recorded when it appears, not again with each vote while it holds
    log = json.loads(cli.ok("log testrup --json").output)
    assert [e["after"]["code"] for e in log
            if e["action"] == "workshop.warning"] == ["no_frontline", "dominant_role"]
    cli.ok('workshop vote testrup 2 --participant Tove --role tr --verdict fjerne')
    assert tally(cli)["warnings"] == []


def test_keep_needs_the_definition_option(cli, tmp_path):
    text = WORKFLOW.read_text(encoding="utf-8").replace("allow_keep_verdict: false",
                                                        "allow_keep_verdict: true")
    wf = tmp_path / "keep.yaml"
    wf.write_text(text, encoding="utf-8")
    cli.ok(f'project create k --name K --municipality "Testrup Kommune" --workflow {wf} '
           "--date 2017-06-01")
    cli.ok('item add k --kind rule --title "Teammøde" --date 2017-10-01')
    cli.ok('workshop vote k 1 --participant Frida --role frontline --verdict fastholde')
    t = tally(cli, "k")
    assert t["verdicts"] == ["remove", "change", "anchor", "keep"]
    assert t["items"][0]["leading"] == "keep"


def test_small_steps_rule(cli, mapping_project, tmp_path, snapshot):
    # the model: "Hellere vælge eet område ad gangen" — one focus area, more with a reason
    mapped(cli, tmp_path)
    out = cli.ok('focus add testrup "Rummelige bestillinger" --item 1 --date 2017-11-20').output
    assert "Focus area 1 of at most 1" in out
    before = snapshot()
    r = cli('focus add testrup "Færre statusser" --item 2 --date 2017-11-20')
    assert r.exit_code == 1
    assert "allows 1 at a time (the small-steps principle" in r.output and "--reason" in r.output
    assert "de små skridts princip" in cli('focus add testrup "Færre statusser"', lang="da").output
    assert snapshot() == before
    for i, title in ((2, "Færre statusser"), (3, "Handleplanen")):
        cli.ok(f'focus add testrup "{title}" --item {i} --date 2017-11-20 '
               '--reason "Samme visitationsmodel, samme pilotteam"')
    cli.ok('focus add testrup "Ny budgetmodel" --reason "Økonomi kræver det i budget 2019" '
           "--date 2017-11-20")
    areas = json.loads(cli.ok("focus list testrup --json").output)
    assert [a["items"] for a in areas] == [[1], [2], [3], []]
    assert areas[3]["reason"] == "Økonomi kræver det i budget 2019"
    log = json.loads(cli.ok("log testrup --json").output)
    assert [e["after"]["over_limit"] for e in log if e["action"] == "focus.add"] == \
        [False, True, True, True]


def test_the_definition_sets_the_maximum(cli, tmp_path):
    text = WORKFLOW.read_text(encoding="utf-8").replace("max_focus_areas: 3",
                                                        "max_focus_areas: 1")
    wf = tmp_path / "one.yaml"
    wf.write_text(text, encoding="utf-8")
    cli.ok(f'project create one --name One --municipality "Testrup Kommune" --workflow {wf}')
    cli.ok('focus add one "Første"')
    r = cli('focus add one "Anden"')
    assert r.exit_code == 1 and "allows 1 at a time" in r.output


def test_participants_are_people_so_gdpr_tools_find_their_votes(cli, mapping_project,
                                                                tmp_path):
    mapped(cli, tmp_path)
    cli.ok('workshop vote testrup 1 --participant "Frida Fiktiv" --role frontline '
           "--verdict change")
    exported = cli.ok('person export "Frida Fiktiv"').output
    assert "vote" in exported and "Frida Fiktiv" in exported
    cli.ok('person forget "Frida Fiktiv" --reason "Anmodning af 1. maj 2018"')
    t = tally(cli)
    assert t["participants"] == 1
    votes = json.dumps(t, ensure_ascii=False)
    assert "Frida Fiktiv" not in cli.ok("log testrup --json").output + votes
