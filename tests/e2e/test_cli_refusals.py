"""Every refusal: a message naming what is wrong and what to do, exit code 1 (2 for usage),
no traceback, and the database exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workflows"


@pytest.fixture
def project(cli):
    cli.ok('network create net --name "Netværk"')
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--network net --date 2017-06-01")
    cli.ok('body member odder steering_group "Hanne Kjær"')
    return "odder"


def refused(cli, snapshot, args, *, code=1, lang="en"):
    before = snapshot()
    result = cli(args, lang=lang)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert snapshot() == before, "a refused command changed the database"
    return result.output


def test_advance_with_unmet_requirements(cli, snapshot, project):
    out = refused(cli, snapshot, "advance odder")
    assert "Project 'odder' cannot leave the phase “Backing and organisation” yet" in out
    assert out.count("  - ") == 3  # the three decisions; the steering group has a member
    assert "jump past it with `--to PHASE --reason" in out
    da = refused(cli, snapshot, "advance odder", lang="da")
    assert "Det mangler:" in da and "Ledelsen: ingen beslutning endnu" in da


def test_unknown_project(cli, snapshot, project):
    for args in ("status nowhere", "advance nowhere", "log nowhere", "project show nowhere",
                 "decision record nowhere organisation --by med --outcome approved",
                 "activity record nowhere seminar", 'agent add nowhere "A B"',
                 'body member nowhere med "A B"'):
        out = refused(cli, snapshot, args)
        assert "There is no project 'nowhere'" in out and "nybureau project list" in out


def test_unknown_decision_id(cli, snapshot, project):
    out = refused(cli, snapshot, "decision record odder budget --by med --outcome approved")
    assert "has no decision 'budget'" in out and "project_description" in out


@pytest.mark.parametrize("bad", ["2017-13-01", "21-06-2017", "i går", "2017-02-30"])
def test_bad_date(cli, snapshot, project, bad):
    out = refused(cli, snapshot, ["decision", "record", "odder", "organisation", "--by", "med",
                                  "--outcome", "approved", "--date", bad])
    assert f"'{bad}' is not a valid date: write it as YYYY-MM-DD" in out
    da = refused(cli, snapshot, ["activity", "record", "odder", "seminar", "--date", bad],
                 lang="da")
    assert "skriv den som ÅÅÅÅ-MM-DD" in da


def test_to_without_reason(cli, snapshot, project):
    out = refused(cli, snapshot, "advance odder --to mapping")
    assert "must be explained: add --reason" in out
    cli.ok('advance odder --to mapping --reason "Spring godkendt af styregruppen"')
    out = refused(cli, snapshot, "advance odder --to backing")
    assert "Going back to “Backing and organisation” (tilbageløb) must be explained" in out


def test_move_dated_before_the_current_phase(cli, snapshot, project):
    out = refused(cli, snapshot, 'advance odder --to mapping --reason x --date 2017-05-01')
    assert "before the project entered its current phase (2017-06-01)" in out


def test_unknown_phase(cli, snapshot, project):
    out = refused(cli, snapshot, 'advance odder --to heaven --reason "why not"')
    assert "Unknown phase 'heaven'" in out and "common_language" in out


def test_invalid_workflow_file(cli, snapshot, project):
    out = refused(cli, snapshot, f"workflow validate {FIXTURES / 'broken.yaml'}")
    assert "The workflow definition is invalid" in out
    assert f"{FIXTURES / 'broken.yaml'}:7: phase 'first': 'next' names unknown phase" in out
    out = refused(cli, snapshot, f'project create x --name X --municipality Y '
                                 f"--workflow {FIXTURES / 'broken.yaml'}")
    assert "unknown requirement kind 'telepathy'" in out


def test_missing_workflow(cli, snapshot, project):
    out = refused(cli, snapshot, 'project create x --name X --municipality Y --workflow agile')
    assert "Unknown workflow 'agile'" in out and "nybureaukratisering" in out
    out = refused(cli, snapshot, 'project create x --name X --municipality Y '
                                 '--workflow /no/such/file.yaml')
    assert "does not exist" in out


def test_duplicate_and_malformed_ids(cli, snapshot, project):
    out = refused(cli, snapshot, 'project create odder --name X --municipality Y')
    assert "already exists" in out
    out = refused(cli, snapshot, 'project create "Odder Bostøtte" --name X --municipality Y')
    assert "not a usable project id" in out
    out = refused(cli, snapshot, 'network create net --name Igen')
    assert "already exists" in out
    out = refused(cli, snapshot, 'project create x --name X --municipality Y --network nope')
    assert "There is no network 'nope'" in out
    out = refused(cli, snapshot, 'body member odder steering_group "Hanne Kjær"')
    assert "already a member" in out
    out = refused(cli, snapshot, 'project create x --name "   " --municipality Y')
    assert "is empty" in out


def test_module_without_agents(cli, snapshot, project):
    out = refused(cli, snapshot, "activity record odder module --number 1")
    assert "has no documentation agents" in out and "nybureau agent add" in out
    out = refused(cli, snapshot, "activity record odder module --number 4")
    assert "--number between 1 and 3" in out
    out = refused(cli, snapshot, "activity record odder seminar --number 2")
    assert "--number is only used with" in out


def test_usage_errors_exit_2(cli, snapshot, project):
    out = refused(cli, snapshot, "decision record odder organisation --by med --outcome maybe",
                  code=2)
    assert "Invalid value for '--outcome'" in out
    refused(cli, snapshot, "body member odder bestyrelsen \"A B\"", code=2)
    refused(cli, snapshot, "activity record odder party", code=2)
    refused(cli, snapshot, "advance", code=2)
    refused(cli, snapshot, "frobnicate", code=2)


def test_database_not_initialised(raw_cli, db_url):
    result = raw_cli("status")
    assert result.exit_code == 1
    assert "not set up for nybureau yet" in result.output and "nybureau init" in result.output
    if db_url.startswith("sqlite:///"):
        assert not Path(db_url.removeprefix("sqlite:///")).exists()  # no empty file left behind


def test_init_is_idempotent(cli):
    out = cli.ok("init").output
    assert "already up to date" in out


SCENARIO_OK = """\
format: nybureau-scenario/1
project: {slug: s1, name: Scenarie, municipality: Odder Kommune, created: 2017-06-01}
bodies:
  steering_group: [{name: Hanne Kjær, role: Socialchef}]
steps:
  - {date: 2017-06-21, decision: project_description, by: [management, med], outcome: approved}
"""


def test_project_import_and_its_refusals(cli, snapshot, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(SCENARIO_OK, encoding="utf-8")
    out = cli.ok(f"project import {good}").output
    assert "Imported 's1' with 1 steps" in out

    # A step the engine refuses: reported with its line, and the whole file rolled back.
    bad = tmp_path / "bad.yaml"
    bad.write_text(SCENARIO_OK.replace("s1", "s2") + "  - {date: 2017-06-22, advance: next}\n",
                   encoding="utf-8")
    out = refused(cli, snapshot, f"project import {bad}")
    assert f"{bad}:7: Project 's2' cannot leave the phase" in out

    # Structural problems: all of them, each with its line.
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: nybureau-scenario/1\n"
        "project: {slug: s3, name: X, municipality: Y}\n"
        "steps:\n"
        "  - {date: 2017-06-21, decision: organisation, outcome: approved}\n"
        "  - {date: 21-06-2017, activity: seminar}\n"
        "  - {date: 2017-06-22, activity: seminar, colour: red}\n"
        "  - {date: 2017-06-23}\n",
        encoding="utf-8")
    out = refused(cli, snapshot, f"project import {broken}")
    assert f"{broken}:4: step 1 (decision): a decision needs 'by'" in out
    assert f"{broken}:5: step 2: 'date' must be a date YYYY-MM-DD" in out
    assert f"{broken}:6: step 3 (activity): unknown key 'colour'" in out
    assert f"{broken}:7: step 4 must have exactly one of:" in out
    out = refused(cli, snapshot, f"project import {tmp_path / 'missing.yaml'}")
    assert "does not exist" in out

    # in Danish, every line of it: the file's problems and a step the engine refuses
    da = cli(f"--lang da project import {broken}")
    assert da.exit_code != 0
    assert f"{broken}:4: trin 1 (decision): en beslutning skal have 'by'" in da.output
    assert f"{broken}:5: trin 2: 'date' skal være en dato ÅÅÅÅ-MM-DD" in da.output
    assert f"{broken}:6: trin 3 (activity): ukendt nøgle 'colour'" in da.output
    assert "must" not in da.output and "step" not in da.output
    da = cli(f"--lang da project import {bad}")
    assert f"{bad}:7: Projektet 's2' kan ikke gå videre fra fasen" in da.output


def test_concurrent_change_is_refused(store):
    """Two users read the same project; the second to write is told it changed."""
    from nybureau.errors import ConcurrentChange
    from nybureau.services.process import projects

    with store.transaction("a") as tx:
        projects.create_project(tx, "p", name="P", municipality="M")
    with store.transaction("a", write=False) as tx:
        stale = tx.project_get("p")
    with store.transaction("b") as tx:
        tx.project_touch(tx.project_get("p"))
    with pytest.raises(ConcurrentChange) as exc:
        with store.transaction("a") as tx:
            tx.project_touch(stale)
    assert "changed by someone else since you read it" in exc.value.render("en")
    with store.transaction("a", write=False) as tx:
        assert tx.project_get("p")["version"] == 2


def test_texts_longer_than_their_field_are_refused_on_every_backend(cli, snapshot, project):
    out = refused(cli, snapshot, ["body", "member", "odder", "med", "Bo Ørsted", "--role",
                                  "x" * 301])
    assert "The role is 301 characters long; at most 300 fit." in out
    out = refused(cli, snapshot, ["agent", "add", "odder", "Bo Ørsted", "--title", "x" * 301])
    assert "at most 300 fit" in out


def test_if_version_refuses_when_the_project_changed_since_it_was_read(cli, snapshot, project):
    import json

    version = json.loads(cli.ok("status odder --json").output)["version"]
    cli.ok('body member odder med "Bo Ørsted"')  # someone else changes the project
    out = refused(cli, snapshot, f'advance odder --to mapping --reason "x" '
                                 f"--if-version {version}")
    assert "changed by someone else since you read it" in out
    current = json.loads(cli.ok("status odder --json").output)["version"]
    cli.ok(f'advance odder --to mapping --reason "x" --if-version {current}')
