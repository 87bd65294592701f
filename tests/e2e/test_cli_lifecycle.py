"""A project leader's whole course through the CLI: all six phases, refused whenever a
phase's requirements are not met, with jumps and going back recorded."""

from __future__ import annotations

import json


def status(cli, project="odder"):
    return json.loads(cli.ok(f"status {project} --json").output)


def advance_refused(cli, project="odder"):
    before = status(cli, project)["phase"]
    result = cli(f"advance {project}")
    assert result.exit_code == 1, result.output
    assert "cannot leave the phase" in result.output
    assert status(cli, project)["phase"] == before
    return result.output


def test_full_lifecycle_through_all_six_phases(cli):
    cli.ok('network create fremfaerd --name "Fremfærds netværk"')
    cli.ok('project create odder --name "Nybureaukratisering af bostøtten" '
           '--municipality "Odder Kommune" --area "Voksenhandicap" --network fremfaerd '
           '--date 2017-06-01')
    s = status(cli)
    assert (s["phase"], s["phase_number"], s["next_phase"]) == ("backing", 1, "common_language")
    assert s["workflow"] == "nybureaukratisering" and s["can_advance"] is False
    assert {r["id"] for r in s["requirements"]} == {
        "decision:project_description", "decision:organisation",
        "decision:seminar_participation", "body_members:steering_group",
        # met: the project's network carries no frame project
        "programme:programme_approval"}

    # Phase 1: backing and organisation
    out = advance_refused(cli)
    assert "“Project description and overall course” approved by Management and MED committee" in out
    assert "Steering group has at least 1 member (0 now)" in out
    cli.ok('body member odder steering_group "Hanne Kjær" --role Socialchef')
    cli.ok('body member odder med "Søren Østergaard" --role Tillidsrepræsentant')
    for d in ("project_description", "organisation", "seminar_participation"):
        cli.ok(f"decision record odder {d} --by management --by med --outcome approved "
               "--date 2017-06-21")
    assert status(cli)["can_advance"] is True
    cli.ok("advance odder --date 2017-08-21")

    # Phase 2: common language
    advance_refused(cli)
    cli.ok('activity record odder seminar --date 2017-08-23 --title "Fælles sprog om styring"')
    cli.ok("decision record odder review_areas --by management --by med --outcome approved "
           "--date 2017-09-12")
    cli.ok("decision record odder documentation_agents --by management --by med "
           "--outcome approved_with_changes --date 2017-09-12")
    out = advance_refused(cli)
    assert "At least 1 documentation agent appointed" in out
    cli.ok('agent add odder "Anne Mølgaard" --title Fagkonsulent --date 2017-09-12')
    cli.ok('agent add odder "Jørgen Å. Bech" --title Økonomikonsulent --date 2017-09-12')
    out = advance_refused(cli)
    assert "The evaluation design is set" in out
    cli.ok('evaluation design odder --bottom-lines kvalitet,arbejdsmiljø,effektivitet '
           '--criterion "Bostøtten gives ud fra borgerens mål" --baseline 2017-11-15 '
           "--follow-up 2018-04-20 --evaluator consultants --date 2017-09-12")
    cli.ok("advance odder --date 2017-09-18")

    # Phase 3: mapping
    cli.ok('activity record odder module --number 1 --date 2017-09-20 '
           '--attendee "Anne Mølgaard"')
    out = advance_refused(cli)
    assert "Every documentation agent has attended teaching module 1 (missing: Jørgen Å. Bech)" in out
    cli.ok("activity record odder module --number 1 --date 2017-09-27")  # both agents this time
    cli.ok("activity record odder network_meeting --number 1 --date 2017-10-05")
    cli.ok("activity record odder observation --date 2017-09-28")
    out = advance_refused(cli)
    # the field trip alone is not enough: the administration is interviewed too
    assert "At least 1 interview held (0 recorded)" in out
    cli.ok("activity record odder interview --date 2017-10-02")
    out = advance_refused(cli)
    assert "At least 1 governance item mapped (0 recorded)" in out
    cli.ok('item add odder --kind rule --title "Bostøtte visiteres som ugentlige timer" '
           '--experience "for stram" --date 2017-10-12')
    cli.ok("advance odder --date 2017-10-16")

    # Phase 4: prioritisation — going back (tilbageløb) and forward again
    cli.ok('advance odder --to mapping --reason "Mestringsforløbene er ikke observeret" '
           "--date 2017-10-18")
    assert status(cli)["phase"] == "mapping"
    cli.ok("advance odder --date 2017-10-30")  # requirements already met stay met
    cli.ok("activity record odder module --number 2 --date 2017-11-01")
    cli.ok("activity record odder workshop --date 2017-11-14")
    cli.ok("activity record odder network_meeting --number 2 --date 2017-11-09")
    cli.ok("decision record odder focus_areas --by steering_group --outcome postponed "
           "--date 2017-11-20")
    out = advance_refused(cli)
    assert "Steering group: postponed" in out
    cli.ok("decision record odder focus_areas --by steering_group --outcome approved "
           "--date 2017-11-22")
    cli.ok("decision record odder status_report --by management --by med --outcome noted "
           "--date 2017-11-23")
    cli.ok("advance odder --date 2017-11-27")

    # Phase 5: prototyping
    cli.ok("activity record odder module --number 3 --date 2017-12-05")
    cli.ok("activity record odder network_meeting --number 3 --date 2018-02-08")
    cli.ok("decision record odder evaluation_plan --by steering_group --outcome approved "
           "--date 2018-01-10")
    cli.ok('focus add odder "Rummelige bestillinger" --item 1 --date 2017-11-22')
    cli.ok('prototype add odder "Rummelig bestilling" --focus-area "Rummelige bestillinger"')
    out = advance_refused(cli)
    assert "each with evaluation criteria and a plan" in out
    cli.ok('prototype criterion odder "Rummelig bestilling" "Borgerens mål står i bestillingen" '
           "--bottom-line quality")
    cli.ok('prototype plan odder "Rummelig bestilling" "Survey i januar og april 2018"')
    cli.ok("advance odder --date 2018-04-09")

    # Phase 6: evaluation and spreading
    cli.ok("activity record odder network_meeting --number 4 --date 2018-05-03")
    for d in ("evaluation", "spreading"):
        cli.ok(f"decision record odder {d} --by management --by med --outcome approved "
               "--date 2018-05-30")
    result = cli.ok("advance odder --date 2018-06-11")
    assert "“Evaluation and spreading” to “Completed”" in result.output
    s = status(cli)
    assert s["phase"] == "completed" and s["completed"] is True

    # The history tells the story: every move, with the reason of the going back.
    shown = json.loads(cli.ok("project show odder --json").output)
    kinds = [(t["kind"], t["to"]) for t in shown["phase_history"]]
    assert kinds == [("start", "backing"), ("advance", "common_language"),
                     ("advance", "mapping"), ("advance", "prioritisation"), ("back", "mapping"),
                     ("advance", "prioritisation"), ("advance", "prototyping"),
                     ("advance", "evaluation"), ("advance", "completed")]
    assert shown["phase_history"][4]["reason"] == "Mestringsforløbene er ikke observeret"
    assert shown["workflow_version"] == 2 and len(shown["workflow_hash"]) == 64
    log = json.loads(cli.ok("log odder --json").output)
    actions = [e["action"] for e in log]
    assert actions[0] == "project.create" and actions[-1] == "phase.advance"
    assert actions.count("phase.back") == 1
    assert all(e["actor"] == "tester" for e in log)
    back = next(e for e in log if e["action"] == "phase.back")
    assert back["before"]["phase"] == "prioritisation" and back["after"]["phase"] == "mapping"


def test_status_in_danish_shows_checklist_and_next_steps(cli):
    cli.ok('project create p1 --name "Projekt" --municipality "Aarhus Kommune"')
    out = cli.ok("status p1", lang="da").output
    assert "Fase 1 af 6: Opbakning og organisering" in out
    assert "✘ »Projektbeskrivelse og overordnet forløb« godkendt af ledelsen og MED-udvalget" in out
    assert "Næste skridt:" in out
    assert ("nybureau decision record p1 project_description --by ledelsen --by MED "
            "--outcome godkendt --date ÅÅÅÅ-MM-DD") in out


def test_status_json_contract(cli):
    cli.ok('project create p1 --name "Projekt" --municipality "Aarhus Kommune"')
    s = json.loads(cli.ok("status p1 --json").output)
    for key in ("project", "workflow", "phase", "phase_number", "requirements", "can_advance",
                "next_phase"):
        assert key in s
    assert all(set(r) >= {"id", "text", "met"} for r in s["requirements"])
    rows = json.loads(cli.ok("status --json").output)
    assert [r["project"] for r in rows] == ["p1"]


def test_jump_with_reason_is_recorded_as_a_jump(cli):
    cli.ok('project create p1 --name "Projekt" --municipality "Aarhus Kommune"')
    out = cli.ok('advance p1 --reason "Direktionen har allerede besluttet forløbet"').output
    assert "Jump recorded" in out and "skipped:" in out
    log = json.loads(cli.ok("log p1 --json").output)
    jump = log[-1]
    assert jump["action"] == "phase.jump"
    assert jump["after"]["reason"] == "Direktionen har allerede besluttet forløbet"
    assert "decision:project_description" in jump["after"]["unmet"]


def test_network_meeting_counts_for_every_project_of_the_network(cli):
    cli.ok('network create net --name "Netværk"')
    for slug in ("a", "b"):
        cli.ok(f'project create {slug} --name "Projekt {slug}" --municipality "Kommune {slug}" '
               "--network net")
        cli.ok(f'agent add {slug} "Agent {slug.upper()}"')
    cli.ok("activity record a network_meeting --number 1 --date 2017-10-05")
    out = cli.ok("activity record b network_meeting --number 1").output
    assert "already exists in the network" in out
    shown = json.loads(cli.ok("project show b --json").output)
    (meeting,) = [a for a in shown["activities"] if a["kind"] == "network_meeting"]
    assert meeting["network"] is True and meeting["date"] == "2017-10-05"
    assert meeting["attendees"] == ["Agent A", "Agent B"]


def test_custom_workflow_from_a_file(cli, tmp_path):
    from pathlib import Path

    mini = Path(__file__).resolve().parent.parent / "fixtures" / "workflows" / "mini.yaml"
    cli.ok(f"workflow validate {mini}")
    cli.ok(f'project create m --name "Mini" --municipality "Odder Kommune" --workflow {mini}')
    cli.ok("decision record m go --by steering_group --outcome approved")
    cli.ok("advance m")
    cli.ok("activity record m interview")
    assert cli("advance m").exit_code == 1
    cli.ok("activity record m observation")
    cli.ok("advance m")
    cli.ok("advance m")
    s = json.loads(cli.ok("status m --json").output)
    assert (s["workflow"], s["workflow_version"], s["phase"]) == ("mini", 2, "done")
    # The project keeps its definition even when the file disappears or changes.
    copy = tmp_path / "mini.yaml"
    copy.write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    cli.ok(f'project create m2 --name "Mini 2" --municipality "Odder Kommune" --workflow {copy}')
    copy.write_text("garbage: [", encoding="utf-8")
    assert json.loads(cli.ok("status m2 --json").output)["phase"] == "start"


def test_workflow_commands(cli):
    rows = json.loads(cli.ok("workflow list --json").output)
    assert any(r["id"] == "nybureaukratisering" and r["phases"] == 6 for r in rows)
    out = cli.ok("workflow show nybureaukratisering", lang="da").output
    assert "1. Opbakning og organisering [backing] → common_language" in out
    mermaid = cli.ok("workflow show nybureaukratisering --format mermaid").output
    assert mermaid.startswith("stateDiagram-v2") and "evaluation --> completed" in mermaid
    data = json.loads(cli.ok("workflow show nybureaukratisering --format json").output)
    assert data["id"] == "nybureaukratisering" and len(data["phases"]) == 6


def test_lists_and_show(cli):
    cli.ok('network create net --name "Netværk Øst"')
    cli.ok('project create p1 --name "Ærø-projektet" --municipality "Ærø Kommune" --network net')
    cli.ok('body member p1 management "Åse Ødegård" --role Direktør')
    nets = json.loads(cli.ok("network list --json").output)
    assert nets == [{"network": "net", "name": "Netværk Øst", "projects": 1,
                     "responsible_municipality": None}]
    projects = json.loads(cli.ok("project list --json").output)
    assert projects[0]["name"] == "Ærø-projektet" and projects[0]["phase"] == "backing"
    shown = json.loads(cli.ok("project show p1 --json").output)
    assert shown["bodies"] == {"management": [{"name": "Åse Ødegård", "role": "Direktør"}]}
    human = cli.ok("project show p1", lang="da").output
    assert "Åse Ødegård" in human and "Ledelsen" in human
    assert "Ærø-projektet" in cli.ok("project list").output
