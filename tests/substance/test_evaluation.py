"""Survey rounds: the import (bad rows), before/after per bottom line and per role with n, and the
anonymity threshold — no group under five is shown, nor one that could be worked out from the
total."""

from __future__ import annotations

import json

from tests.substance.conftest import survey_csv, write

FIVE = [(2, 2, 3), (3, 2, 2), (2, 3, 2), (3, 2, 3), (2, 2, 2)]


def report(cli, extra=""):
    return json.loads(cli.ok(f"evaluation report testrup --json {extra}").output)


def line(rep, key):
    return next(b for b in rep["bottom_lines"] if b["bottom_line"] == key)


def role(line_, name):
    return next(r for r in line_["roles"] if r["role"] == name)


def test_before_after_per_bottom_line_and_role(cli, mapping_project, tmp_path):
    jan = survey_csv({"Socialrådgiver": FIVE, "Bostøtte": [(1, 1, 1)] * 6})
    apr = survey_csv({"Socialrådgiver": [(4, 3, 3)] * 5, "Bostøtte": [(3, 2, 2)] * 6},
                     prefix="S")
    out = cli.ok(f"survey import testrup {write(tmp_path, 'jan.csv', jan)} --name januar "
                 "--kind førmåling --date 2018-01-22").output
    assert "11 respondents, 3 questions, 33 answers" in out
    cli.ok(f"survey import testrup {write(tmp_path, 'apr.csv', apr)} --name april "
           "--kind follow_up --date 2018-04-20")
    rep = report(cli)
    q = line(rep, "quality")
    # quality before: Socialrådgiver 2,3,2,3,2 (mean 2.4) and Bostøtte 6 × 1 → 18/11
    assert q["before"] == {"mean": round(18 / 11, 2), "n": 11, "suppressed": False}
    assert q["after"] == {"mean": round(38 / 11, 2), "n": 11, "suppressed": False}
    assert q["change"] == round(round(38 / 11, 2) - round(18 / 11, 2), 2)
    sr = role(q, "Socialrådgiver")
    assert (sr["before"]["mean"], sr["before"]["n"], sr["after"]["mean"], sr["change"]) == \
        (2.4, 5, 4.0, 1.6)
    assert [r["name"] for r in rep["rounds"]] == ["januar", "april"]
    human = cli.ok("evaluation report testrup", lang="da").output
    assert "2,40 (n=5)" in human and "+1,60" in human


def test_groups_under_five_are_never_shown(cli, mapping_project, tmp_path, snapshot):
    jan = survey_csv({"Socialrådgiver": FIVE, "Bostøtte": FIVE + [(1, 1, 1)],
                      "Leder": [(4, 4, 4)] * 4})
    cli.ok(f"survey import testrup {write(tmp_path, 'j.csv', jan)} --name j --kind baseline "
           "--date 2018-01-22")
    rep = report(cli)
    q = line(rep, "quality")
    leader = role(q, "Leder")["before"]
    assert leader == {"mean": None, "n": None, "suppressed": True}
    # Leder alone would be hidden but computable from the total and the others: the next
    # smallest group (Socialrådgiver, 5) is hidden too
    assert role(q, "Socialrådgiver")["before"]["suppressed"] is True
    assert role(q, "Bostøtte")["before"]["n"] == 6
    assert q["before"]["n"] == 15
    human = cli.ok("evaluation report testrup").output
    assert "< 5 resp." in human and "4,00" not in human and "4.00" not in human
    before = snapshot()
    r = cli("evaluation report testrup --role Leder")
    assert r.exit_code == 1 and "at least 5 respondents" in r.output
    assert "(n=4)" not in r.output
    assert "mindst 5 besvarelser" in cli("evaluation report testrup --role Leder",
                                          lang="da").output
    assert snapshot() == before
    only = report(cli, "--role Bostøtte")
    assert only["roles"] == ["Bostøtte"]


def test_bad_survey_rows(cli, mapping_project, tmp_path, snapshot):
    before = snapshot()
    text = ("respondent,role,kvalitet: A,arbejdsmiljø: B\n"
            "R1,Leder,3,4\n"
            "R2,,3,4\n"
            "R3,Leder,6,4\n"
            "R1,Leder,2,2\n"
            "R5,Leder,,\n")
    r = cli(f"survey import testrup {write(tmp_path, 'bad.csv', text)} --name x --kind baseline "
            "--date 2018-01-22")
    assert r.exit_code == 1
    assert "row 3, column \"role\": required" in r.output
    assert "row 4, column \"kvalitet: A\": '6' is not an answer on the scale 1–5" in r.output
    assert "row 5, column \"respondent\": 'R1' appears twice (also row 2)" in r.output
    assert "row 6: no answers in this row" in r.output
    text = "role,farve: A\nLeder,3\n"
    r = cli(f"survey import testrup {write(tmp_path, 'bad2.csv', text)} --name x "
            "--kind baseline --date 2018-01-22")
    assert "row 1, column \"farve: A\": a question column is headed 'bottom line: question'" \
        in r.output
    ok = write(tmp_path, "ok.csv", "role,kvalitet: A\nL,3\n")
    r = cli(f"survey import testrup {ok} --name x --kind sometimes --date 2018-01-22")
    assert r.exit_code == 1 and "baseline (førmåling)" in r.output
    assert snapshot() == before


def test_notes_and_spreading(cli, mapping_project):
    cli.ok('item add testrup --kind rule --title T')
    cli.ok('focus add testrup F --item 1')
    cli.ok('prototype add testrup P --focus-area F')
    cli.ok('evaluation note testrup læringsmøde "Læringsmøde 1" --text "Godt" '
           "--date 2018-01-16 --prototype P")
    cli.ok('spreading add testrup konferenceoplæg "Fra timer til mål" --audience Netværket '
           "--date 2018-06-06 --prototype P")
    notes = json.loads(cli.ok("evaluation notes testrup --json").output)
    assert notes[0]["kind"] == "learning_meeting" and notes[0]["prototype_id"] == 1
    spread = json.loads(cli.ok("spreading list testrup --json").output)
    assert spread[0]["kind"] == "conference_talk" and spread[0]["audience"] == "Netværket"
    r = cli('spreading add testrup podcast "X" --audience Y')
    assert r.exit_code == 1 and "article (artikel)" in r.output
