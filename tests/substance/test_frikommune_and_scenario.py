"""The second built-in workflow runs a free-municipality trial from application to completion,
and the scenario step types of the substance check their structure and name the line of a
refused step."""

from __future__ import annotations

import json

import pytest

from tests.substance.conftest import ITEMS_CSV


def status(cli, slug="fri"):
    return json.loads(cli.ok(f"status {slug} --json").output)


def test_frikommuneforsoeg_from_application_to_completed(cli):
    listing = json.loads(cli.ok("workflow list --json").output)
    assert "frikommuneforsoeg" in {w["id"] for w in listing}
    cli.ok('network create frikommuner --name "Børn som vores vigtigste ressource"')
    cli.ok('project create fri --name "Frikommuneforsøg: udsatte børn og unge" '
           '--municipality "Guldborgsund Kommune" --workflow frikommuneforsoeg '
           "--network frikommuner --date 2016-03-01")
    s = status(cli)
    assert (s["phase"], s["phase_count"]) == ("application", 6)
    assert "Steering group has at least 3 members (0 now)" in cli("advance fri").output

    def decide(*keys, by="steering_group", outcome="approved", on="2016-04-01"):
        for k in keys:
            cli.ok(f"decision record fri {k} --by {by} --outcome {outcome} --date {on}")

    for name in ("Chef Ikast", "Chef Gladsaxe", "Chef Guldborgsund"):
        cli.ok(f'body member fri steering_group "{name}"')
    for name in ("Koordinator Ikast", "Koordinator Gladsaxe", "Koordinator Guldborgsund"):
        cli.ok(f'body member fri project_group "{name}"')
    # the management cannot sign the application: the mayor does (version 2)
    r = cli.ok("decision record fri application --by management --outcome approved "
               "--date 2016-04-01")
    assert "is not one of the bodies the workflow asks for" in r.output
    assert "decision:application" in {q["id"] for q in status(cli)["requirements"]
                                      if not q["met"]}
    decide("application", by="borgmesteren")
    cli.ok("decision record fri network_organisation --by management --by steering_group "
           "--outcome approved --date 2016-04-01")
    cli.ok("exemption add fri Serviceloven \"§ 50\" \"Fritagelse for den faste form af den "
           "børnefaglige undersøgelse\" --date 2016-04-01")
    cli.ok("advance fri --date 2016-04-04")
    # the steering group noting the ministry's approval no longer counts: the ministry decides
    r = cli("decision record fri ministry_approval --by steering_group --outcome noted "
            "--date 2016-06-01")
    unmet = {q["id"] for q in status(cli)["requirements"] if not q["met"]}
    assert "decision:ministry_approval" in unmet and "exemptions_decided" in unmet
    decide("ministry_approval", by="ministeriet", on="2016-06-01")
    decide("evaluation_commissioned", by="ministeriet", on="2016-06-01")
    decide("communication_strategy", on="2016-06-01")
    cli.ok('body member fri follow_group "Professionshøjskolen"')
    out = cli("advance fri --date 2016-06-02").output
    assert "At least 1 exemption sought, and the ministry has answered every one" in out
    assert "1 still without an answer" in out
    cli.ok("exemption decide fri 1 granted --date 2016-06-01")
    cli.ok("advance fri --date 2016-06-02")
    cli.ok('body member fri working_group "Socialrådgiver"')
    cli.ok("activity record fri startup_meeting --date 2016-08-15")
    out = cli("advance fri --date 2016-12-01").output
    assert "At least 3 governance items mapped (0 recorded)" in out
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "krav.csv"
        path.write_text(ITEMS_CSV.replace("Anne Agent", ""), encoding="utf-8")
        cli.ok(f"item import fri {path}")
    decide("effect_goals", on="2016-10-01")
    decide("status_year_1", outcome="noted", on="2016-12-01")
    cli.ok("advance fri --date 2016-12-02")
    cli.ok('focus add fri "A. De udsatte børn og unge" --item 1 --date 2016-12-02')
    cli.ok('prototype add fri "Ny sagsgang fra bekymring til indsats" --focus-area 1')
    cli.ok('prototype criterion fri 1 "Tidligere afklaring for familien" --bottom-line quality')
    cli.ok('prototype plan fri 1 "Løbende effektopfølgning hvert halve år"')
    for on in ("2017-02-01", "2017-05-01"):
        cli.ok(f"activity record fri learning_meeting --date {on}")
    decide("evaluation_design", on="2017-01-15")
    out = cli("advance fri --date 2017-06-01").output
    assert "At least 1 conference or study trip held" in out
    cli.ok('activity record fri study_trip --date 2017-05-10 --title "Studietur til Gladsaxe"')
    cli.ok("advance fri --date 2017-06-01")
    cli.ok("activity record fri interview --date 2017-09-01")
    decide("midterm_report", by="evaluator", on="2017-11-01")
    decide("midterm_approval", by="ministeriet", on="2017-11-20")
    cli.ok("decision record fri midterm_evaluation --by steering_group --by management "
           "--outcome noted --date 2017-12-01")
    decide("status_year_2", outcome="noted", on="2017-12-01")
    cli.ok("advance fri --date 2018-01-02")
    cli.ok("activity record fri conference --date 2019-05-01")
    decide("final_report", by="evaluator", on="2019-05-15")
    cli.ok("decision record fri final_evaluation --by steering_group --by management "
           "--outcome approved --date 2019-06-01")
    decide("dissemination", on="2019-06-01")
    cli.ok("advance fri --date 2019-06-30")
    s = status(cli)
    assert s["completed"] is True and s["phase_title"] == "Trial completed"


@pytest.mark.parametrize("step,message", [
    ("{date: 2017-10-01, item: {kind: rule}}", "step 1 (item): 'item' needs 'title'"),
    ("{date: 2017-10-01, items: kortlaegning.xlsx}",
     "step 1 (items): 'items' names a .csv file next to the scenario"),
    ("{date: 2017-10-01, prototype: {title: P}}",
     "step 1 (prototype): 'prototype' needs 'focus_area'"),
    ("{date: 2017-10-01, survey: {file: s.csv, name: x}}",
     "step 1 (survey): 'survey' needs 'kind'"),
])
def test_scenario_steps_check_their_structure(cli, tmp_path, step, message):
    path = tmp_path / "s.yaml"
    path.write_text("format: nybureau-scenario/1\n"
                    "project: {slug: s, name: S, municipality: Testrup Kommune}\n"
                    f"steps:\n  - {step}\n", encoding="utf-8")
    r = cli(f"project import {path}")
    assert r.exit_code == 1 and f"s.yaml:4: {message}" in r.output


def test_a_refused_import_step_names_its_line_and_writes_nothing(cli, tmp_path, snapshot):
    (tmp_path / "items.csv").write_text("kind,title\nrule,A\nfoo,B\n", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text("format: nybureau-scenario/1\n"
                    "project: {slug: s, name: S, municipality: Testrup Kommune}\n"
                    "steps:\n"
                    "  - {date: 2017-10-01, item: {kind: rule, title: Først}}\n"
                    "  - {date: 2017-10-02, items: items.csv}\n", encoding="utf-8")
    before = snapshot()
    r = cli(f"project import {path}")
    assert r.exit_code == 1
    assert "s.yaml:5:" in r.output and "row 3, column \"kind\": 'foo'" in r.output
    assert snapshot() == before
