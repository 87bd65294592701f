"""Version 2 of the built-in workflow, held against the model's Bilag 1 (seed 004): an observation
in the field besides the interviews, one focus area at a time, the verdict »etablere«, the
bodies' own evaluation in phase 6, and the local choice of who agrees the evaluation criteria —
each through the CLI, as a project leader meets it."""

from __future__ import annotations

import json

import yaml

from tests.conftest import db_snapshot


def _project(cli, slug="odder"):
    cli.ok(f'project create {slug} --name "Nybureaukratisering af bostøtten" '
           '--municipality "Odder Kommune" --date 2017-06-01')


def _status(cli, slug="odder"):
    return json.loads(cli.ok(f"status {slug} --json").output)


def test_new_projects_run_version_2(cli):
    _project(cli)
    assert _status(cli)["workflow_version"] == 2
    out = cli.ok("workflow show nybureaukratisering").output
    assert "version 2" in out


def test_mapping_needs_an_observation_besides_an_interview(cli, db_url):
    _project(cli)
    cli.ok('advance odder --to mapping --reason "Opstart og fælles sprog er klaret i forvejen" '
           "--date 2017-09-18")
    cli.ok('activity record odder interview --date 2017-09-25 --title "Interview med TR"')
    before = db_snapshot(db_url)
    r = cli("advance odder --date 2017-10-30")
    assert r.exit_code == 1
    # the unmet requirement in words, and nothing written
    assert "observation study" in r.output
    assert db_snapshot(db_url) == before
    ids = {x["id"]: x["met"] for x in _status(cli)["requirements"]}
    assert ids["activity:interview"] is True
    assert ids["activity:observation"] is False
    cli.ok('activity record odder observation --date 2017-10-02 '
           '--title "Følgeskab på bostøttebesøg"')
    ids = {x["id"]: x["met"] for x in _status(cli)["requirements"]}
    assert ids["activity:observation"] is True


def test_one_focus_area_at_a_time_unless_a_reason_is_given(cli, db_url):
    _project(cli)
    cli.ok('focus add odder "Udfører tættere på bestillingen" --date 2017-11-20')
    before = db_snapshot(db_url)
    r = cli('focus add odder "Rummelige bestillinger" --date 2017-11-20')
    assert r.exit_code == 1
    assert "allows 1 at a time" in r.output and "--reason" in r.output
    assert db_snapshot(db_url) == before
    cli.ok('focus add odder "Rummelige bestillinger" --date 2017-11-20 '
           '--reason "Samme visitationsmodel, afprøves i de samme pilotteams"')
    areas = json.loads(cli.ok("focus list odder --json").output)
    assert [a["reason"] for a in areas][1].startswith("Samme visitationsmodel")


def test_the_workshop_can_vote_to_establish_new_governance(cli):
    _project(cli)
    cli.ok('item add odder --kind rule --title "Ingen fælles opfølgning mellem myndighed og '
           'udfører" --experience too_loose')
    cli.ok('workshop vote odder 1 --participant "Deltager 1" --role frontline '
           "--verdict etablere --points 3 --date 2017-11-01")
    tally = json.loads(cli.ok("workshop tally odder --json").output)
    entry = tally["items"][0]
    assert entry["leading"] == "establish"
    # a project on a definition without the option is refused, naming the option
    r = cli('workshop vote odder 1 --participant "Deltager 2" --role leader --verdict fastholde '
            "--points 1 --date 2017-11-01")
    assert r.exit_code == 1 and "allow_keep_verdict" in r.output


def test_establish_is_refused_where_the_definition_does_not_allow_it(cli, tmp_path):
    from nybureau.workflow.loader import builtin_workflows

    data = yaml.safe_load(builtin_workflows()["nybureaukratisering"].read_text(encoding="utf-8"))
    data["id"] = "uden_etablere"
    data["options"]["allow_establish_verdict"] = False
    path = tmp_path / "uden.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    cli.ok(f'project create testrup --name "T" --municipality "Testrup Kommune" '
           f"--workflow {path} --date 2017-06-01")
    cli.ok('item add testrup --kind rule --title "Ingen opfølgning"')
    r = cli('workshop vote testrup 1 --participant "Deltager 1" --role frontline '
            "--verdict establish --points 2 --date 2017-11-01")
    assert r.exit_code == 1
    assert "allow_establish_verdict" in r.output and "Traceback" not in r.output


def test_the_local_choice_is_printed_in_the_paper_and_the_definition(cli):
    _project(cli)
    out = cli.ok("workflow show nybureaukratisering").output
    assert "Local choice (Evaluation criteria and plan)" in out
    cli.ok("advance odder --to prototyping --reason \"Kun fase 5 vises her\" --date 2017-12-01")
    paper = cli.ok("--lang da render decision-paper odder --decision evaluation_plan --format md "
                   "--out -").output
    assert "Lokalt valg: Modellen siger, at evalueringskriterierne aftales før implementeringen" \
        in paper


def test_phase_6_is_the_bodies_own_evaluation(cli):
    _project(cli)
    cli.ok("advance odder --to evaluation --reason \"Kun fase 6 vises her\" --date 2018-04-09")
    paper = cli.ok("--lang da render decision-paper odder --decision evaluation --format md "
                   "--out -").output
    assert "Ledelsen og MED evaluerer selv projektet på grundlag af evalueringsrapporten" in paper
    assert "ledelsen og MED evaluerer projektets proces, resultat og oplevede effekter" in paper
    assert "evalueringen godkendes" not in paper


def test_a_bad_local_choice_is_refused_with_its_line(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    from nybureau.workflow.loader import builtin_workflows

    text = builtin_workflows()["nybureaukratisering"].read_text(encoding="utf-8")
    text = text.replace("        local_choice:\n", "        local_choice: '   '\n        x_local:\n",
                        1)
    path.write_text(text, encoding="utf-8")
    r = cli(f"workflow validate {path}")
    assert r.exit_code == 1
    assert "'local_choice' is empty" in r.output and "bad.yaml:" in r.output


def test_a_version_1_project_moves_to_version_2_seeing_what_changes(cli, db_url):
    from nybureau.services.admin.workflow_migrate import history_file

    v1 = history_file("nybureaukratisering", 1)
    cli.ok(f'project create gammel --name "G" --municipality "Testrup Kommune" --workflow {v1} '
           "--date 2017-06-01")
    assert _status(cli, "gammel")["workflow_version"] == 1
    before = db_snapshot(db_url)
    out = cli.ok("workflow migrate gammel --to 2 --dry-run").output
    assert db_snapshot(db_url) == before
    assert "requirement added: mapping: activity:observation (activity)" in out
    assert "option changed: max_focus_areas: 3 → 1" in out
    assert "option changed: allow_establish_verdict: false → true" in out
    assert "decision reworded: evaluation:" in out
    cli.ok("workflow migrate gammel --to 2")
    assert _status(cli, "gammel")["workflow_version"] == 2
