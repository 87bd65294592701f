"""Corrections (issue 11 §3), through the CLI in Danish and English: voiding an activity, a
decision, a workshop vote, a prototype criterion, a survey round and an attachment (bilag), and
amending a meeting item's outcome until the minutes are approved. A voided record leaves gates,
counts, tallies, the evaluation and documents, stays in the history and the export, and every
refusal exits 1 with its message and leaves the database as it was."""

from __future__ import annotations

import json

import pytest

DECISIONS = ("project_description", "organisation", "seminar_participation")


def refused(cli, snapshot, args, *, lang="en", code=1):
    before = snapshot()
    result = cli(args, lang=lang)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert snapshot() == before, "a refused command changed the database"
    return result.output


@pytest.fixture
def odder(cli):
    """A project in phase 2 (common language) whose one seminar completes the phase."""
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2017-06-01")
    cli.ok('body member odder steering_group "Hanne Kjær"')
    for d in DECISIONS:
        cli.ok(f"decision record odder {d} --by management --by med --outcome approved "
               "--date 2017-06-10")
    cli.ok("advance odder --date 2017-06-20")
    for d in ("review_areas", "documentation_agents"):
        cli.ok(f"decision record odder {d} --by management --by med --outcome approved "
               "--date 2017-08-01")
    cli.ok('agent add odder "Søren Østergård" --date 2017-08-01')
    cli.ok('evaluation design odder --bottom-lines kvalitet --criterion "Færre statusskrivelser" '
           "--baseline 2017-11-15 --evaluator internal --date 2017-08-01")
    return cli


def _activities(cli, *extra):
    return json.loads(cli.ok(["activity", "list", "odder", "--json", *extra]).stdout)


def _seminar(cli, title="Fælles sprog", lang="en"):
    return cli(["activity", "record", "odder", "seminar", "--date", "2017-09-01",
                "--title", title], lang=lang)


def test_voiding_the_only_seminar_makes_the_phase_incomplete(odder, snapshot):
    cli = odder
    assert _seminar(cli).exit_code == 0
    assert "Ready for the next phase" in cli.ok("status odder").stdout
    (seminar,) = _activities(cli)
    out = cli.ok(["activity", "void", "odder", str(seminar["id"]), "--reason",
                  "registreret på den forkerte dag"]).stdout
    assert f"Activity {seminar['id']} is voided" in out
    status = cli.ok("status odder").stdout
    assert "Ready for the next phase" not in status
    # the list hides it; --all shows it, marked
    assert _activities(cli) == []
    (shown,) = _activities(cli, "--all")
    assert shown["voided_at"] and shown["void_reason"] == "registreret på den forkerte dag"
    table = cli.ok("activity list odder --all").stdout
    assert "voided" in table
    assert "annulleret" in cli.ok("activity list odder --all", lang="da").stdout
    # advancing is refused now
    assert cli("advance odder --date 2017-09-10").exit_code == 1
    # the history keeps it: the log has the record and the void
    log = json.loads(cli.ok("log odder --json").stdout)
    actions = [e["action"] for e in log]
    assert "activity.record" in actions and "activity.void" in actions
    void = next(e for e in log if e["action"] == "activity.void")
    assert void["entity_id"] == seminar["id"]
    assert void["after"]["reason"] == "registreret på den forkerte dag"
    assert cli.ok("audit verify").exit_code == 0


def test_same_activity_twice_warns_and_names_the_earlier_one(odder):
    cli = odder
    first = _seminar(cli)
    assert first.exit_code == 0 and first.stderr == ""
    second = _seminar(cli)
    assert second.exit_code == 0
    ids = [a["id"] for a in _activities(cli)]
    assert len(ids) == 2
    assert f"was already recorded as activity {ids[0]}" in second.stderr
    assert f"nybureau activity void odder {ids[1]}" in second.stderr
    da = _seminar(cli, lang="da")
    assert da.exit_code == 0
    assert "er allerede registreret som aktivitet" in da.stderr
    assert "nybureau activity void odder" in da.stderr
    # another title is another activity: no warning
    assert _seminar(cli, title="Andet seminar").stderr == ""


def test_duplicate_activity_in_a_scenario_warns(cli, tmp_path):
    scenario = tmp_path / "p.yaml"
    scenario.write_text(
        "project: {slug: dup, name: Dup, municipality: Odder Kommune, created: 2017-06-01}\n"
        "steps:\n"
        "  - {date: 2017-09-01, activity: seminar, title: Fælles sprog}\n"
        "  - {date: 2017-09-01, activity: seminar, title: Fælles sprog}\n", encoding="utf-8")
    r = cli.ok(["project", "import", str(scenario)])
    assert "p.yaml, line 4): " in r.stderr and "already recorded as activity" in r.stderr


def test_void_refusals_leave_the_database_unchanged(odder, snapshot):
    cli = odder
    _seminar(cli)
    (seminar,) = _activities(cli)
    sid = str(seminar["id"])
    cli.ok('project create other --name "Andet" --municipality "Aarhus Kommune" '
           "--date 2017-06-01")
    out = refused(cli, snapshot, ["activity", "void", "odder", "999", "--reason", "x"])
    assert "There is no activity 999" in out and "nybureau activity list odder" in out
    out = refused(cli, snapshot, ["activity", "void", "odder", "999", "--reason", "x"],
                  lang="da")
    assert "Aktiviteten 999 findes ikke" in out
    out = refused(cli, snapshot, ["activity", "void", "other", sid, "--reason", "x"])
    assert f"Activity {sid} belongs to the project 'odder', not to 'other'" in out
    out = refused(cli, snapshot, ["activity", "void", "other", sid, "--reason", "x"], lang="da")
    assert "hører til projektet 'odder', ikke til 'other'" in out
    out = refused(cli, snapshot, ["activity", "void", "odder", sid, "--reason", "  "])
    assert "--reason" in out
    cli.ok(["activity", "void", "odder", sid, "--reason", "to gange"])
    out = refused(cli, snapshot, ["activity", "void", "odder", sid, "--reason", "igen"])
    assert f"Activity {sid} was already voided on" in out and "to gange" in out
    out = refused(cli, snapshot, ["activity", "void", "odder", sid, "--reason", "igen"],
                  lang="da")
    assert f"Aktiviteten {sid} blev allerede annulleret den" in out
    out = refused(cli, snapshot, ["activity", "void", "nowhere", sid, "--reason", "x"])
    assert "There is no project 'nowhere'" in out
    assert cli.ok("audit verify").exit_code == 0


def test_void_a_decision_recorded_directly(odder, snapshot):
    cli = odder
    _seminar(cli)
    assert "Ready for the next phase" in cli.ok("status odder").stdout
    rows = json.loads(cli.ok("decision list odder --json").stdout)
    review = next(r for r in rows if r["decision_key"] == "review_areas")
    out = cli.ok(["decision", "void", "odder", str(review["id"]), "--reason", "forkert dato"],
                 lang="da").stdout
    assert f"Beslutning {review['id']} (review_areas) er annulleret" in out
    assert "Ready for the next phase" not in cli.ok("status odder").stdout
    assert all(r["id"] != review["id"]
               for r in json.loads(cli.ok("decision list odder --json").stdout))
    assert "voided" in cli.ok("decision list odder --all").stdout
    out = refused(cli, snapshot, ["decision", "void", "odder", str(review["id"]),
                                  "--reason", "x"])
    assert "was already voided" in out
    out = refused(cli, snapshot, ["decision", "void", "odder", "4242", "--reason", "x"])
    assert "There is no decision record 4242" in out and "nybureau decision list odder" in out
    # recorded again, it counts again
    cli.ok("decision record odder review_areas --by management --outcome approved "
           "--date 2017-08-02")
    assert "Ready for the next phase" in cli.ok("status odder").stdout
    assert cli.ok("audit verify").exit_code == 0


# -- meetings: attachments and amending an outcome -------------------------------------------------
@pytest.fixture
def meeting(cli):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2017-06-01")
    cli.ok('body member odder management "Lis Ærø"')
    r = cli.ok(["meeting", "plan", "odder", "management", "--date", "2017-06-12 10:00",
                "--json"])
    mid = json.loads(r.stdout)["id"]
    shown = json.loads(cli.ok(["meeting", "show", str(mid), "--json"]).stdout)
    item = next(it for it in shown["items"] if it.get("decision") == "project_description")
    return cli, mid, item["number"]


def test_void_an_attachment_leaves_the_agenda(meeting, snapshot, tmp_path):
    cli, mid, number = meeting
    for name in ("forkert.pdf", "projekt.pdf"):  # a file is attached only when it exists
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    cli.ok(["meeting", "item", "attach", str(mid), str(number), "--title", "Forkert bilag",
            "--file", str(tmp_path / "forkert.pdf")])
    cli.ok(["meeting", "item", "attach", str(mid), str(number), "--title", "Projektbeskrivelse",
            "--file", str(tmp_path / "projekt.pdf")])
    (wrong, right) = json.loads(cli.ok(["meeting", "item", "attachments", str(mid), str(number),
                                        "--json"]).stdout)
    agenda = cli.ok(["render", "agenda", "--meeting", str(mid), "--format", "md", "--out", "-"]).stdout
    assert "Forkert bilag" in agenda
    out = cli.ok(["meeting", "item", "void-attachment", str(mid), str(number), str(wrong["id"]),
                  "--reason", "forkert fil"]).stdout
    assert "“Forkert bilag”" in out and "is voided" in out
    agenda = cli.ok(["render", "agenda", "--meeting", str(mid), "--format", "md", "--out", "-"]).stdout
    assert "Forkert bilag" not in agenda and "Projektbeskrivelse" in agenda
    shown = json.loads(cli.ok(["meeting", "show", str(mid), "--json"]).stdout)
    titles = [a["title"] for it in shown["items"] for a in it["attachments"]]
    assert titles == ["Projektbeskrivelse"]
    listed = json.loads(cli.ok(["meeting", "item", "attachments", str(mid), str(number),
                                "--all", "--json"]).stdout)
    assert [a["void_reason"] for a in listed] == ["forkert fil", None]
    out = refused(cli, snapshot, ["meeting", "item", "void-attachment", str(mid), str(number),
                                  str(wrong["id"]), "--reason", "x"])
    assert "was already voided" in out
    out = refused(cli, snapshot, ["meeting", "item", "void-attachment", str(mid), str(number),
                                  "999", "--reason", "x"], lang="da")
    assert f"har intet bilag 999; dets bilag er: {right['id']}" in out
    assert cli.ok("audit verify").exit_code == 0


def test_amend_an_outcome_until_the_minutes_are_approved(meeting, snapshot):
    cli, mid, number = meeting
    cli.ok(["meeting", "record", str(mid), str(number), "--outcome", "rejected"])
    decisions = json.loads(cli.ok("decision list odder --json").stdout)
    assert [d["outcome"] for d in decisions] == ["rejected"]
    # a second outcome without --amend: refused, and the message names --amend
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number),
                                  "--outcome", "approved"])
    assert "an outcome is recorded once" in out and "--amend" in out
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number),
                                  "--outcome", "approved"], lang="da")
    assert "--amend" in out
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number), "--outcome",
                                  "approved", "--amend"])
    assert "--reason" in out
    r = cli.ok(["meeting", "record", str(mid), str(number), "--outcome", "approved", "--amend",
                "--reason", "fejlklik"])
    assert "amended: Rejected → Approved" in r.stdout or "amended" in r.stdout
    decisions = json.loads(cli.ok("decision list odder --json").stdout)
    assert [d["outcome"] for d in decisions] == ["approved"]
    assert decisions[0]["source"] == f"meeting:{mid}"
    minutes = cli.ok(["render", "minutes", "--meeting", str(mid), "--format", "md", "--out", "-"]).stdout
    assert "Approved" in minutes or "approved" in minutes.lower()
    log = json.loads(cli.ok("log odder --json").stdout)
    amend = next(e for e in log if e["action"] == "meeting.item.amend")
    assert amend["before"]["outcome"] == "rejected" and amend["after"]["reason"] == "fejlklik"
    assert any(e["action"] == "decision.amend" for e in log)
    # a decision from a meeting is corrected at the meeting, not voided directly
    out = refused(cli, snapshot, ["decision", "void", "odder", str(decisions[0]["id"]),
                                  "--reason", "x"])
    assert f"comes from an item of meeting {mid}" in out
    cli.ok(["meeting", "approve", str(mid), "--date", "2017-06-13"])
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number), "--outcome",
                                  "rejected", "--amend", "--reason", "igen"])
    assert (f"The minutes of meeting {mid} are approved; record a correction as a new item on "
            "the next meeting.") in out
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number), "--outcome",
                                  "rejected", "--amend", "--reason", "igen"], lang="da")
    assert (f"Referatet af møde {mid} er godkendt; registrér en rettelse som et nyt punkt på "
            "det næste møde.") in out
    assert cli.ok("audit verify").exit_code == 0


def test_amend_needs_an_outcome_first(meeting, snapshot):
    cli, mid, number = meeting
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number), "--outcome",
                                  "approved", "--reason", "x"])
    assert "--reason goes with --amend" in out
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number), "--outcome",
                                  "approved", "--reason", "x"], lang="da")
    assert "--reason hører sammen med --amend" in out
    out = refused(cli, snapshot, ["meeting", "record", str(mid), str(number), "--outcome",
                                  "approved", "--amend", "--reason", "x"])
    assert "has no outcome yet" in out


# -- substance: votes, criteria, survey rounds -----------------------------------------------------
@pytest.fixture
def substance(cli, tmp_path):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2017-06-01")
    cli.ok('item add odder --title "Dokumentation i tre systemer" --kind documentation '
           "--date 2017-09-01")
    cli.ok('focus add odder "Mindre dobbeltregistrering" --item 1 --date 2017-10-01')
    cli.ok('prototype add odder "Én journal" --focus-area 1 --plan "Måling efter tre måneder"')
    return cli


def test_void_a_vote_leaves_the_tally(substance, snapshot):
    cli = substance
    cli.ok('workshop vote odder 1 --participant "Anne Ø" --role frontline --verdict remove '
           "--points 3 --date 2017-09-20")
    cli.ok('workshop vote odder 1 --participant "Bo Å" --role leader --verdict anchor '
           "--points 1 --date 2017-09-20")
    tally = json.loads(cli.ok("workshop tally odder --json").stdout)
    assert tally["votes"] == 2 and tally["items"][0]["verdict_points"] == {"remove": 3,
                                                                          "anchor": 1}
    votes = json.loads(cli.ok("workshop votes odder --json").stdout)
    anne = next(v for v in votes if v["participant"] == "Anne Ø")
    cli.ok(["workshop", "void", "odder", str(anne["id"]), "--reason", "forkert element"])
    tally = json.loads(cli.ok("workshop tally odder --json").stdout)
    assert tally["votes"] == 1 and tally["items"][0]["verdict_points"] == {"anchor": 1}
    assert tally["items"][0]["leading"] == "anchor"
    assert [v["participant"] for v in
            json.loads(cli.ok("workshop votes odder --json").stdout)] == ["Bo Å"]
    # the voided vote keeps its place: the same participant cannot vote on the item again
    out = refused(cli, snapshot, 'workshop vote odder 1 --participant "Anne Ø" --role frontline '
                  "--verdict change --points 2 --date 2017-09-20")
    assert f"Anne Ø's vote on item #1 “Dokumentation i tre systemer” was voided" in out
    out = refused(cli, snapshot, ["workshop", "void", "odder", str(anne["id"]),
                                  "--reason", "x"], lang="da")
    assert f"Stemmen {anne['id']} blev allerede annulleret" in out
    out = refused(cli, snapshot, ["workshop", "void", "odder", "77", "--reason", "x"])
    assert "There is no vote 77" in out and "nybureau workshop votes odder" in out
    assert len(json.loads(cli.ok("workshop votes odder --all --json").stdout)) == 2
    assert cli.ok("audit verify").exit_code == 0


def test_void_a_criterion_makes_the_prototype_unready(substance, snapshot):
    cli = substance
    cli.ok('prototype criterion odder 1 "Færre timer brugt på dokumentation" '
           "--bottom-line efficiency")
    listed = json.loads(cli.ok("prototype list odder --json").stdout)
    before = json.dumps(listed)
    (crit,) = json.loads(cli.ok("prototype criteria odder 1 --json").stdout)
    out = cli.ok(["prototype", "void-criterion", "odder", str(crit["id"]), "--reason",
                  "dublet"], lang="da").stdout
    assert f"Kriterium {crit['id']}" in out and "annulleret" in out
    assert json.loads(cli.ok("prototype criteria odder 1 --json").stdout) == []
    shown = cli.ok("prototype show odder 1").stdout
    assert "Færre timer" not in shown
    assert json.dumps(json.loads(cli.ok("prototype list odder --json").stdout)) != before
    (again,) = json.loads(cli.ok("prototype criteria odder 1 --all --json").stdout)
    assert again["void_reason"] == "dublet"
    cli.ok('project create other --name "Andet" --municipality "Aarhus Kommune" '
           "--date 2017-06-01")
    out = refused(cli, snapshot, ["prototype", "void-criterion", "other", str(crit["id"]),
                                  "--reason", "x"])
    assert "belongs to the project 'odder', not to 'other'" in out
    assert cli.ok("audit verify").exit_code == 0


def _survey(tmp_path, name, values):
    path = tmp_path / f"{name}.csv"
    lines = ["role,kvalitet: Borgeren er i centrum"]
    lines += [f"frontline,{v}" for v in values]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_void_a_survey_round_leaves_the_evaluation(substance, snapshot, tmp_path):
    cli = substance
    cli.ok(["survey", "import", "odder", _survey(tmp_path, "b", [2, 2, 2, 2, 2]),
            "--name", "baseline-2017", "--kind", "baseline", "--date", "2017-09-01"])
    cli.ok(["survey", "import", "odder", _survey(tmp_path, "w", [5, 5, 5, 5, 5]),
            "--name", "forkert", "--kind", "baseline", "--date", "2017-09-02"])
    report = json.loads(cli.ok("evaluation report odder --json").stdout)
    assert "forkert" in json.dumps(report)
    out = cli.ok(["survey", "void", "odder", "forkert", "--reason", "testfil"]).stdout
    assert "Survey round 'forkert' is voided" in out
    report = json.loads(cli.ok("evaluation report odder --json").stdout)
    assert "forkert" not in json.dumps(report)
    assert [r["name"] for r in json.loads(cli.ok("survey list odder --json").stdout)] == \
        ["baseline-2017"]
    assert "annulleret" in cli.ok("survey list odder --all", lang="da").stdout
    out = refused(cli, snapshot, ["survey", "void", "odder", "forkert", "--reason", "x"])
    assert "Survey round 'forkert' was already voided" in out
    out = refused(cli, snapshot, ["survey", "void", "odder", "ingen", "--reason", "x"],
                  lang="da")
    assert "'odder' har ingen måling 'ingen'" in out
    # the name stays taken by the voided round, and the refusal says so
    out = refused(cli, snapshot, ["survey", "import", "odder", _survey(tmp_path, "x", [3]),
                                  "--name", "forkert", "--kind", "baseline", "--date",
                                  "2017-09-03"])
    assert "voided survey round 'forkert'" in out
    assert cli.ok("audit verify").exit_code == 0


def test_export_keeps_the_void_and_import_restores_it(odder, tmp_path, db_url):
    cli = odder
    _seminar(cli)
    (seminar,) = _activities(cli)
    cli.ok(["activity", "void", "odder", str(seminar["id"]), "--reason", "to gange\nsamme dag"])
    out = tmp_path / "odder.json"
    cli.ok(["export", "--out", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    act = data["tables"]["activity"]
    cols = act["columns"]
    row = dict(zip(cols, act["rows"][0]))
    assert row["void_reason"] == "to gange\nsamme dag" and row["voided_at"]
    from tests.conftest import Cli

    other = Cli("sqlite:///" + str(tmp_path / "copy.db"))
    other.ok("init")
    other.ok(["import", str(out)])
    (copied,) = json.loads(other.ok("activity list odder --all --json").stdout)
    assert copied["void_reason"] == "to gange\nsamme dag" and copied["voided_at"]
    assert json.loads(other.ok("activity list odder --json").stdout) == []
    assert other.ok("audit verify").exit_code == 0


def test_void_an_evaluation_note_and_a_spreading_entry(substance, snapshot):
    cli = substance
    cli.ok('evaluation note odder interview "Interview med Team Øst" --text "Godt" '
           "--date 2018-01-16 --prototype 1")
    cli.ok('spreading add odder article "Fra timer til mål" --audience Netværket '
           "--date 2018-06-06")
    (note,) = json.loads(cli.ok("evaluation notes odder --json").stdout)
    (entry,) = json.loads(cli.ok("spreading list odder --json").stdout)
    assert "Interview med Team Øst" in cli.ok("trace odder 1").stdout
    out = cli.ok(["evaluation", "void-note", "odder", str(note["id"]), "--reason", "forkert"],
                 lang="da").stdout
    assert "Evalueringsnoten »Interview med Team Øst« er annulleret" in out
    cli.ok(["spreading", "void", "odder", str(entry["id"]), "--reason", "dublet"])
    assert json.loads(cli.ok("evaluation notes odder --json").stdout) == []
    assert json.loads(cli.ok("spreading list odder --json").stdout) == []
    assert "Interview med Team Øst" not in cli.ok("trace odder 1").stdout
    (again,) = json.loads(cli.ok("spreading list odder --all --json").stdout)
    assert again["void_reason"] == "dublet"
    assert "(voided)" in cli.ok("evaluation notes odder --all").stdout
    out = refused(cli, snapshot, ["spreading", "void", "odder", str(entry["id"]),
                                  "--reason", "x"])
    assert f"Spreading entry {entry['id']} was already voided" in out
    out = refused(cli, snapshot, ["evaluation", "void-note", "odder", "55", "--reason", "x"])
    assert "There is no evaluation note 55" in out
    assert cli.ok("audit verify").exit_code == 0


def test_void_a_network_meeting_recorded_by_mistake(cli, snapshot):
    cli.ok('network create net --name "Netværk Øst"')
    for slug in ("odder", "nabo", "alene"):
        cli.ok(f'project create {slug} --name "P {slug}" --municipality "M" --date 2017-06-01'
               + (" --network net" if slug != "alene" else ""))
    cli.ok('activity record odder network_meeting --number 1 --date 2017-10-05 '
           '--attendee "Anne Ø"')
    (meeting,) = json.loads(cli.ok("activity list nabo --json").stdout)
    assert meeting["network_id"] is not None and meeting["project_id"] is None
    out = refused(cli, snapshot, ["activity", "void", "alene", str(meeting["id"]),
                                  "--reason", "x"])
    assert f"Activity {meeting['id']} belongs to the network 'net', which 'alene' is not in" \
        in out
    cli.ok(["activity", "void", "nabo", str(meeting["id"]), "--reason", "forkert dato"])
    assert json.loads(cli.ok("activity list odder --json").stdout) == []
    # recorded again, it is a new network meeting 1 (the voided one is not merged into)
    r = cli.ok('activity record odder network_meeting --number 1 --date 2017-10-06 '
               '--attendee "Anne Ø"')
    assert "already exists in the network" not in r.stdout
    (again,) = json.loads(cli.ok("activity list nabo --json").stdout)
    assert again["id"] != meeting["id"]
    assert cli.ok("audit verify").exit_code == 0
