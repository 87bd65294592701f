"""Prototypes: iterations, criteria and plan, and the gate that needs both on every prototype."""

from __future__ import annotations

import json


def proto(cli, ref="1"):
    return json.loads(cli.ok(f"prototype show testrup {ref} --json").output)


def test_prototype_course_and_the_prototyping_gate(cli, mapping_project, snapshot):
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    cli.ok('focus add testrup "Rummelige bestillinger" --item 1 --date 2017-11-20')
    cli.ok('advance testrup --to prototyping --reason "Test" --date 2017-11-27')
    cli.ok("activity record testrup module --number 3 --date 2017-11-29")
    cli.ok("activity record testrup network_meeting --number 3 --date 2018-02-08")
    cli.ok("decision record testrup evaluation_plan --by steering_group --outcome approved "
           "--date 2018-01-15")
    r = cli("advance testrup --date 2018-04-09")
    assert "At least 1 prototype, each with evaluation criteria and a plan" in r.output
    assert "(0 prototypes now)" in r.output

    cli.ok('prototype add testrup "Støttebehov i stedet for timer" '
           '--focus-area "Rummelige bestillinger" --owner "Anne Agent"')
    assert proto(cli)["status"] == "draft"
    cli.ok('prototype iterate testrup 1 --place "Team Nord" --date 2017-12-12 '
           '--learned "Borgerne fortæller mere"')
    assert proto(cli)["status"] == "piloting"
    cli.ok('prototype iterate testrup "Støttebehov i stedet for timer" --place "Hele bostøtten" '
           '--date 2018-01-16 --changed "Afregning pr. støttebehov"')
    p = proto(cli)
    assert p["status"] == "adjusted" and [i["number"] for i in p["iterations"]] == [1, 2]
    before = snapshot()
    r = cli('prototype iterate testrup 1 --place X --date 2018-01-01')
    assert r.exit_code == 1 and "cannot be dated earlier" in r.output
    r = cli("prototype status testrup 1 adopted")
    assert r.exit_code == 1 and "evaluation criteria and plan" in r.output
    assert snapshot() == before

    r = cli("advance testrup --date 2018-04-09")
    assert "(1 lack criteria or a plan)" in r.output
    cli.ok('prototype criterion testrup 1 "Borgerens mål står i bestillingen" '
           "--bottom-line kvalitet")
    r = cli("advance testrup --date 2018-04-09")
    assert r.exit_code == 1, "a criterion without a plan is not enough"
    cli.ok('prototype plan testrup 1 "Survey i januar og april 2018"')
    assert proto(cli)["ready"] is True
    # a second prototype without criteria holds the gate again; dropping it releases it
    cli.ok('prototype add testrup "Opfølgningsmøde" --focus-area 1')
    assert cli("advance testrup --date 2018-04-09").exit_code == 1
    cli.ok("prototype status testrup Opfølgningsmøde dropped")
    cli.ok("prototype status testrup 1 adopted")
    cli.ok("advance testrup --date 2018-04-09")
    listing = json.loads(cli.ok("prototype list testrup --json").output)
    assert [(p["title"], p["status"]) for p in listing] == [
        ("Støttebehov i stedet for timer", "adopted"), ("Opfølgningsmøde", "dropped")]
    # each criterion also carries its target and measurement (none yet: not measured)
    assert [{k: c[k] for k in ("bottom_line", "text", "target", "measured", "state")}
            for c in proto(cli)["criteria"]] == [
        {"bottom_line": "quality", "text": "Borgerens mål står i bestillingen", "target": None,
         "measured": None, "state": "not_measured"}]


def test_a_prototype_needs_a_known_focus_area(cli, mapping_project, snapshot):
    before = snapshot()
    r = cli('prototype add testrup "X" --focus-area "Findes ikke"')
    assert r.exit_code == 1 and "no focus area 'Findes ikke'" in r.output
    assert snapshot() == before
