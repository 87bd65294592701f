"""Bodies as municipalities have them: several levels of MED deciding what the definition says,
political bodies, and external organisations whose decisions are recorded but whose meetings are
not planned here — through the CLI."""

from __future__ import annotations

import json

from tests.conftest import db_snapshot

WORKFLOW = """\
id: bodies_test
version: 1
title: {da: Organer, en: Bodies}
options:
  gate_decisions_from_approved_minutes: true
phases:
  - id: start
    title: {da: Opstart, en: Start}
    decisions:
      - id: anchoring
        title: {da: Forankring i MED, en: Anchoring in MED}
        by: [hoved_med, area_med]
      - id: application
        title: {da: Ansøgning, en: Application}
        by: [mayor]
      - id: approval
        title: {da: Godkendelse af ansøgningen, en: Approval of the application}
        by: [ministry]
    requirements:
      - {kind: decision, decision: anchoring}
      - {kind: decision, decision: application}
      - {kind: decision, decision: approval}
final:
  id: done
  title: {da: Færdig, en: Done}
"""


def _setup(cli, tmp_path):
    path = tmp_path / "bodies.yaml"
    path.write_text(WORKFLOW, encoding="utf-8")
    cli.ok(f'project create p --name "Forsøg" --municipality "Testrup Kommune" --workflow {path} '
           "--date 2017-06-01")


def _unmet(cli):
    s = json.loads(cli.ok("status p --json").output)
    return {r["id"] for r in s["requirements"] if not r["met"]}


def test_several_med_levels_decide_what_the_definition_says(cli, tmp_path):
    _setup(cli, tmp_path)
    # the Danish words a secretary types are accepted
    cli.ok('body member p hoved-med "Hanne Kjær" --role Formand')
    cli.ok('body member p område-med "Søren Østergaard" --role Næstformand')
    cli.ok('body member p lokal-med "Pia Due" --role Medarbejderrepræsentant')
    bodies = json.loads(cli.ok("project show p --json").output)["bodies"]
    assert set(bodies) >= {"hoved_med", "area_med", "local_med"}
    # lokal-MED is not one of the bodies the definition asks for this decision: recorded with a
    # warning, it does not count
    r = cli.ok("decision record p anchoring --by lokal-med --outcome approved --date 2017-06-10")
    assert "Local MED committee is not one of the bodies the workflow asks for" in r.output
    assert "decision:anchoring" in _unmet(cli)
    # each level holds its own meeting
    cli.ok('meeting plan p hoved-med --date "2017-06-14 10:00"')
    cli.ok('meeting plan p område-med --date "2017-06-15 10:00"')


def test_external_and_recorded_only_bodies_are_recorded_not_planned(cli, tmp_path, db_url):
    _setup(cli, tmp_path)
    before = db_snapshot(db_url)
    for body in ("ministry", "borgmesteren"):
        r = cli(f'meeting plan p {body} --date "2017-06-14 10:00"')
        assert r.exit_code == 1, r.output
        assert "does not plan its meetings" in r.output and "decision record" in r.output
        assert "Traceback" not in r.output
    assert db_snapshot(db_url) == before
    assert "decision:approval" in _unmet(cli)
    # recorded as decided elsewhere, they count — even where the definition counts only
    # decisions from approved minutes, since a ministry's approval never comes from ours
    cli.ok("decision record p application --by borgmesteren --outcome approved "
           "--date 2017-06-20")
    cli.ok("decision record p approval --by ministeriet --outcome approved --date 2017-09-01")
    unmet = _unmet(cli)
    assert "decision:approval" not in unmet and "decision:application" not in unmet
    # the MED levels still need approved minutes
    cli.ok("decision record p anchoring --by hoved-med --outcome approved --date 2017-06-10")
    assert "decision:anchoring" in _unmet(cli)


def test_danish_labels_in_the_decision_paper(cli, tmp_path):
    _setup(cli, tmp_path)
    paper = cli.ok("--lang da render decision-paper p --decision approval --format md "
                   "--out -").output
    assert "Ministeriet" in paper
    paper = cli.ok("--lang da render decision-paper p --decision anchoring --format md "
                   "--out -").output
    assert "Hoved-MED" in paper and "Område-MED" in paper
