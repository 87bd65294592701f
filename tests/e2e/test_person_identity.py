"""Issue 11 §2, one person, one identity, through the CLI in English and Danish: a name that
nearly matches an existing person is refused with "did you mean" (exit 1, the database
unchanged) unless --new-person says it is a new person; names are normalised; `person list`,
`person rename`, `person merge`, `body member --remove` and `agent remove`; and "did you mean"
for projects, networks, meetings and items."""

from __future__ import annotations

import json

import pytest

from tests.conftest import db_snapshot

KJAER = "Line Bøgh Kjær"
BOEJE = "Mads Bøje"
LUND = "Pia Lund"


@pytest.fixture
def randers(cli):
    cli.ok('network create kronjylland --name "Kronjylland"')
    cli.ok('project create randers --name "Bostøtte i Randers" --municipality "Randers Kommune" '
           "--network kronjylland --date 2026-01-05")
    cli.ok(f'body member randers steering_group "{KJAER}" --role Formand')
    cli.ok(f'body member randers med "{LUND}"')
    cli.ok(f'agent add randers "{BOEJE}" --date 2026-01-05')
    return cli


def persons(cli) -> list[dict]:
    return json.loads(cli.ok("person list --json").output)


def names(cli) -> list[str]:
    return sorted(p["name"] for p in persons(cli))


def refused(cli, db_url, args, lang="en"):
    before = db_snapshot(db_url)
    r = cli(args, lang=lang)
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and "unexpected error" not in r.output
    assert db_snapshot(db_url) == before, "a refused command changed the database"
    return " ".join(r.output.split())


# the command that names a person, for each way a person is named
COMMANDS = {
    "body member": 'body member randers management "{name}"',
    "agent add": 'agent add randers "{name}" --date 2026-01-06',
    "--attendee": 'activity record randers seminar --date 2026-02-03 --attendee "{name}"',
    "--participant": 'meeting plan randers med --date "2026-03-02 10:00" '
                     '--participant "{name}"',
    "--apology": 'meeting plan randers med --date "2026-03-02 10:00" --apology "{name}"',
    "--minute-taker": 'meeting plan randers med --date "2026-03-02 10:00" '
                      '--minute-taker "{name}"',
}
MISTAKES = [("Line Bøgh Kjaer", KJAER), ("line bøgh kjær", KJAER), ("Mads Boeje", BOEJE)]


@pytest.mark.parametrize("how", list(COMMANDS))
@pytest.mark.parametrize("typed, meant", MISTAKES)
def test_a_near_name_is_refused_with_the_candidates(randers, db_url, how, typed, meant):
    args = COMMANDS[how].format(name=typed)
    en = refused(randers, db_url, args)
    assert (f'No person is called "{typed}". Did you mean: "{meant}"? If this is a new person, '
            "repeat the command with --new-person.") in en
    da = refused(randers, db_url, args, lang="da")
    assert (f"Ingen person hedder »{typed}«. Mente du: »{meant}«? Er det en ny person, så "
            "gentag kommandoen med --new-person.") in da


@pytest.mark.parametrize("how", list(COMMANDS))
def test_new_person_accepts_the_near_name(randers, how):
    before = names(randers)
    randers.ok(COMMANDS[how].format(name="Mads Boeje") + " --new-person")
    if how == "--minute-taker":  # a minute-taker is a name on the meeting, not a person
        assert names(randers) == before
        shown = json.loads(randers.ok("meeting show 1 --json").output)
        assert shown["minute_taker"] == "Mads Boeje"
    else:
        assert names(randers) == sorted(before + ["Mads Boeje"])


@pytest.mark.parametrize("how", list(COMMANDS))
@pytest.mark.parametrize("typed", ["Pia  Lund", " Pia Lund ", "Pia\u00a0Lund", "Pia Lund"])
def test_spaces_and_unicode_forms_are_the_same_person(randers, how, typed):
    before = names(randers)
    randers.ok(COMMANDS[how].format(name=typed))
    assert names(randers) == before  # no second Pia Lund
    if how == "--minute-taker":
        shown = json.loads(randers.ok("meeting show 1 --json").output)
        assert shown["minute_taker"] == LUND


def test_nfc_form_is_the_same_person(randers):
    decomposed = "Line Bo\u0338gh Kj\u00e6r".replace("o\u0338", "ø")  # ø has no decomposition
    randers.ok(["body", "member", "randers", "med", "Line Bøgh Kjær"])
    randers.ok(["body", "member", "randers", "management", decomposed])
    randers.ok(["body", "member", "randers", "management", "Mads Bo\u0308je Hansen"])
    randers.ok(["body", "member", "randers", "working_group", "Mads Böje Hansen"])
    assert names(randers).count("Mads Böje Hansen") == 1


def test_several_doubtful_names_are_named_at_once(randers, db_url):
    out = refused(randers, db_url, 'meeting plan randers med --date "2026-03-02 10:00" '
                                   '--participant "Mads Boeje" --apology "Line Bøgh Kjaer"')
    assert '"Mads Boeje". Did you mean: "Mads Bøje"?' in out
    assert '"Line Bøgh Kjaer". Did you mean: "Line Bøgh Kjær"?' in out
    assert "If these are new persons, repeat the command with --new-person." in out


def test_meeting_edit_and_workshop_vote_are_checked_too(randers, db_url):
    randers.ok('meeting plan randers med --date "2026-03-02 10:00"')
    out = refused(randers, db_url, 'meeting edit 1 --apology "Mads Boeje"')
    assert 'Did you mean: "Mads Bøje"?' in out
    out = refused(randers, db_url, 'meeting edit 1 --minute-taker "line bøgh kjær"', lang="da")
    assert "Mente du: »Line Bøgh Kjær«?" in out
    randers.ok('meeting edit 1 --apology "Mads Boeje" --new-person')
    randers.ok('meeting edit 1 --participant "Pia  Lund"')
    shown = json.loads(randers.ok("meeting show 1 --json").output)
    assert "Mads Boeje" in shown["apologies"]
    assert [p["name"] for p in shown["participants"]].count(LUND) == 1


def test_person_list(randers):
    randers.ok(f"person email \"{KJAER}\" line@randers.dk")
    data = {p["name"]: p for p in persons(randers)}
    assert data[KJAER] == {"name": KJAER, "email": "line@randers.dk",
                           "bodies": [{"project": "randers", "body": "steering_group",
                                       "role": "Formand"}],
                           "agent_of": []}
    assert data[BOEJE]["agent_of"] == [{"project": "randers", "title": None,
                                        "appointed_on": "2026-01-05"}]
    assert "union" not in json.dumps(data)
    en = randers.ok("person list").output
    assert KJAER in en and "Steering group (Formand)" in en and "documentation agent" in en
    da = randers.ok("person list", lang="da").output
    assert "Styregruppe" in da and "dokumentationsagent" in da


def clean(cli):
    out = cli.ok("audit verify").output
    assert "The history is intact" in out
    cli.ok("log randers")


def test_rename(randers, db_url):
    randers.ok('meeting plan randers med --date "2026-03-02 10:00" --minute-taker "Pia Lund"')
    r = randers.ok('person rename "Pia  Lund" "Pia Lund Madsen"')
    assert "“Pia Lund” is now called “Pia Lund Madsen”." in r.output
    shown = json.loads(randers.ok("meeting show 1 --json").output)
    assert shown["minute_taker"] == "Pia Lund Madsen"
    assert [p["name"] for p in shown["participants"]] == ["Pia Lund Madsen"]
    assert "Pia Lund" not in names(randers)
    clean(randers)
    # the new name is another person's: merge instead
    out = refused(randers, db_url, f'person rename "Pia Lund Madsen" "{BOEJE}"')
    assert f'There is already a person called "{BOEJE}"' in out and "person merge" in out
    # nearly another person's: refused unless --new-person
    out = refused(randers, db_url, 'person rename "Pia Lund Madsen" "Mads Boeje"', lang="da")
    assert '"Mads Boeje" ligner navnet på en anden person: "Mads Bøje"' in out
    assert "--new-person" in out
    out = refused(randers, db_url, 'person rename "Pia Lund Madsen" "Pia Lund Madsen"')
    assert "already called" in out
    out = refused(randers, db_url, 'person rename "Pia Lund Madsn" "X Y"')
    assert "There is no person named 'Pia Lund Madsn'. Did you mean: \"Pia Lund Madsen\"?" \
        in out
    randers.ok('person rename "Pia Lund Madsen" "Mads Boeje" --new-person', lang="da")
    clean(randers)


def test_merge_moves_everything_and_collapses_duplicates(randers, db_url, tmp_path):
    cli = randers
    cli.ok('body member randers steering_group "Line Bøgh Kjaer" --new-person')
    cli.ok('body member randers med "Line Bøgh Kjaer" --role Næstformand')
    cli.ok('agent add randers "Line Bøgh Kjaer" --date 2026-01-06')
    cli.ok('person email "Line Bøgh Kjaer" lbk@randers.dk')
    cli.ok('activity record randers seminar --date 2026-02-03 --attendee "Line Bøgh Kjær" '
           '--attendee "Line Bøgh Kjaer"')
    cli.ok('meeting plan randers steering_group --date "2026-03-02 10:00" '
           '--minute-taker "Line Bøgh Kjaer"')
    cli.ok('meeting edit 1 --apology "Line Bøgh Kjaer"')
    agenda = cli.ok("render agenda --meeting 1 --out -").output
    assert agenda.count("Line Bøgh Kjaer") >= 1

    out = refused(cli, db_url, 'person merge "Line Bøgh Kjaer" "Line Bøgh Kjaer"')
    assert "are the same person" in out
    out = refused(cli, db_url, 'person merge "Line Bøgh Kjaer" "Line Bøgh Kjær Olsen"',
                  lang="da")
    assert "Der er ingen person med navnet »Line Bøgh Kjær Olsen«." in out
    out = refused(cli, db_url, 'person merge "Nobody Here" "Line Bøgh Kjær"')
    assert "There is no person named 'Nobody Here'" in out

    r = cli.ok('person merge "Line Bøgh Kjaer" "Line Bøgh Kjær"')
    assert "“Line Bøgh Kjaer” was merged into “Line Bøgh Kjær”" in r.output
    assert "Line Bøgh Kjaer" not in names(cli)
    kjaer = {p["name"]: p for p in persons(cli)}[KJAER]
    assert kjaer["email"] == "lbk@randers.dk"
    assert sorted((b["body"], b["role"]) for b in kjaer["bodies"]) == [
        ("med", "Næstformand"), ("steering_group", "Formand")]
    assert [a["project"] for a in kjaer["agent_of"]] == ["randers"]
    show = json.loads(cli.ok("project show randers --json").output)
    seminar = [a for a in show["activities"] if a["kind"] == "seminar"][0]
    assert seminar["attendees"].count(KJAER) == 1 and "Line Bøgh Kjaer" not in \
        seminar["attendees"]
    meeting = json.loads(cli.ok("meeting show 1 --json").output)
    assert meeting["minute_taker"] == KJAER
    people = [p["name"] for p in meeting["participants"]] + meeting["apologies"]
    assert people.count(KJAER) == 1 and "Line Bøgh Kjaer" not in people
    for fmt in ("md", "html"):
        doc = cli.ok(f"render agenda --meeting 1 --format {fmt} --out -").output
        assert "Line Bøgh Kjaer" not in doc
    cli.ok('meeting record 1 1 --outcome approved')
    minutes = cli.ok("render minutes --meeting 1 --out -", lang="da").output
    assert "Line Bøgh Kjaer" not in minutes and KJAER in minutes
    clean(cli)
    assert not cli.ok('person export "Line Bøgh Kjær"').output.count("Line Bøgh Kjaer\"")


def test_merge_moves_votes_and_item_agents(randers, db_url):
    cli = randers
    cli.ok('agent add randers "Mads Boeje" --new-person --date 2026-01-05')
    cli.ok('item add randers --title "Dokumentation af bostøtte" --kind documentation '
           '--agent "Mads Boeje" --date 2026-02-01')
    cli.ok('workshop vote randers 1 --participant "Mads Boeje" --role frontline '
           '--verdict remove --date 2026-02-10')
    cli.ok(f'workshop vote randers 1 --participant "{BOEJE}" --role frontline '
           '--verdict change --date 2026-02-10')
    cli.ok('person merge "Mads Boeje" "Mads Bøje"')
    items = json.loads(cli.ok("item list randers --json").output)
    assert items[0]["agent"] == BOEJE
    tally = cli.ok("workshop tally randers --json").output
    assert "Mads Boeje" not in tally
    clean(cli)


def test_body_member_remove(randers, db_url):
    r = randers.ok(f'body member randers med "{LUND}" --remove', lang="da")
    assert f"{LUND} er ikke længere medlem af MED-udvalget i 'randers'." in r.output
    assert {p["name"]: p for p in persons(randers)}[LUND]["bodies"] == []
    out = refused(randers, db_url, f'body member randers med "{LUND}" --remove')
    assert f"{LUND} is not a member of the MED committee of 'randers'" in out
    assert "nothing was removed" in out
    out = refused(randers, db_url, 'body member randers steering_group "line bøgh kjær" '
                                   "--remove")
    assert "Did you mean: \"Line Bøgh Kjær\"?" in out
    out = refused(randers, db_url, f'body member randers steering_group "{KJAER}" --remove '
                                   "--role X")
    assert "--remove takes no --role" in out
    r = randers.ok(f'body member randers steering_group "{KJAER}" --remove')
    assert f"{KJAER} is no longer a member of the Steering group of 'randers'." in r.output
    log = " ".join(randers.ok("log randers").output.replace("│", " ").split())
    assert f"{KJAER} is no longer a member of" in log  # one sentence per event
    clean(randers)


def test_agent_remove_keeps_the_records(randers, db_url):
    cli = randers
    cli.ok("activity record randers module --number 1 --date 2026-02-01")
    cli.ok(f'item add randers --title "Visitation" --kind rule --agent "{BOEJE}" --date 2026-02-02')
    out = refused(cli, db_url, f'agent remove randers "{LUND}"', lang="da")
    assert f"{LUND} er ikke dokumentationsagent i 'randers'" in out
    r = cli.ok(f'agent remove randers "{BOEJE}"')
    assert f"{BOEJE} is no longer a documentation agent in 'randers'." in r.output
    show = json.loads(cli.ok("project show randers --json").output)
    assert show["agents"] == []
    assert [a["attendees"] for a in show["activities"]] == [[BOEJE]]
    items = json.loads(cli.ok("item list randers --json").output)
    assert items[0]["agent"] == BOEJE
    assert BOEJE in names(cli)
    out = refused(cli, db_url, f'agent remove randers "{BOEJE}"')
    assert "is not a documentation agent of 'randers'" in out
    clean(cli)


def test_did_you_mean_for_projects_networks_meetings_and_items(randers, db_url):
    cli = randers
    out = refused(cli, db_url, "status rander")
    assert "There is no project 'rander'. Did you mean \"randers\"?" in out
    assert "nybureau project list" in out
    out = refused(cli, db_url, "project show Randers", lang="da")
    assert "Projektet 'Randers' findes ikke. Mente du »randers«?" in out
    out = refused(cli, db_url, 'meeting plan kronjyland network --number 1 '
                               '--date "2026-03-02 10:00"')
    assert "There is no network 'kronjyland'. Did you mean \"kronjylland\"?" in out
    cli.ok('meeting plan randers med --date "2026-03-02 10:00"')
    out = refused(cli, db_url, "meeting show 2")
    assert "There is no meeting 2. Did you mean meeting 1?" in out
    cli.ok('item add randers --title "Visitation af bostøtte" --kind rule --date 2026-02-02')
    out = refused(cli, db_url, 'item show randers "Visitation af bostotte"')
    assert "has no governance item 'Visitation af bostotte'. Did you mean " \
           "\"Visitation af bostøtte\"?" in out
    out = refused(cli, db_url, 'item add randers --title "Andet" --kind rule --agent "Mads Boeje" '
                               "--date 2026-02-02")
    assert "Did you mean: \"Mads Bøje\"?" in out


def test_normalised_names_are_stored_and_shown_once(randers):
    randers.ok('body member randers management "  Ole\u00a0 Dam "')
    assert "Ole Dam" in names(randers)
    randers.ok('meeting plan randers management --date "2026-03-02 10:00"')
    agenda = randers.ok("render agenda --meeting 1 --out -").output
    assert agenda.count("Ole Dam") == 1
