"""`nybureau due` (issue 14, §3): across projects, what is due or overdue on a day — agendas to
send, minutes to write, approve and send, decisions a phase waits for with the next meeting that
can take them, action points, network meetings — with the people who can act, and the exit code
of --fail-on-overdue."""

from __future__ import annotations

import json
from datetime import date

from nybureau.services.follow_up import OVERDUE_EXIT


def _setup(cli):
    cli.ok("network create net --name \"Netværket\"")
    cli.ok('project create p --name "Bostøtte" --municipality "Testkommune" --date 2017-01-02 '
           '--network net')
    cli.ok('body member p med "Bjørn Ærenlund" --role Formand --email bjorn@test.dk')
    cli.ok('body member p steering_group "Åse Lind" --role "Konsulent (projektleder)" '
           '--email aase@test.dk')
    cli.ok('body member p med "Sekretær Søs" --role Sekretær --email soes@test.dk')
    cli.ok('meeting plan p med --date "2017-03-01 10:00" --minute-taker "Sekretær Søs"')


def _due(cli, day, *extra):
    r = cli(["due", "--as-of", day, "--json", *extra])
    return r, json.loads(r.output)


def _kinds(data):
    return [(e["kind"], e["due_on"], e["overdue"]) for e in data["entries"]]


def test_agenda_is_due_working_days_before_the_meeting(cli):
    _setup(cli)
    r, data = _due(cli, "2017-02-20")
    assert r.exit_code == 0
    # 1 March 2017 is a Wednesday: five working days before is Wednesday 22 February
    agenda = [e for e in data["entries"] if e["kind"] == "agenda"]
    assert [(e["due_on"], e["overdue"]) for e in agenda] == [("2017-02-22", False)]
    assert agenda[0]["what"] == "Send the agenda for the MED committee meeting on 1 March 2017"
    names = {p["name"]: p["email"] for p in agenda[0]["people"]}
    assert names == {"Sekretær Søs": "soes@test.dk", "Åse Lind": "aase@test.dk"}
    # the body's own setting moves it
    cli.ok("body deadline p med --agenda-days 2")
    _, data = _due(cli, "2017-02-20")
    assert [e["due_on"] for e in data["entries"] if e["kind"] == "agenda"] == ["2017-02-27"]
    # too far ahead with --days 3: not listed
    _, data = _due(cli, "2017-02-20", "--days", "3")
    assert not [e for e in data["entries"] if e["kind"] == "agenda"]


def test_overdue_agenda_and_the_exit_code(cli):
    _setup(cli)
    r, data = _due(cli, "2017-02-24", "--fail-on-overdue")
    assert r.exit_code == OVERDUE_EXIT == 3
    assert ("agenda", "2017-02-22", True) in _kinds(data)
    assert data["overdue"] >= 1
    r, _ = _due(cli, "2017-02-24")
    assert r.exit_code == 0  # without the flag: 0
    # sent (on the 23rd): no longer due; as of the 22nd it still was
    cli.ok('meeting sent 1 --at "2017-02-23 12:00"')
    _, data = _due(cli, "2017-02-24")
    assert not [e for e in data["entries"] if e["kind"] == "agenda"]
    _, data = _due(cli, "2017-02-22")
    assert ("agenda", "2017-02-22", False) in _kinds(data)


def test_minutes_to_write_approve_and_send(cli):
    _setup(cli)
    cli.ok('meeting sent 1 --at "2017-02-22 12:00"')
    # the meeting has taken place, nothing recorded: write the minutes (5 working days after)
    _, data = _due(cli, "2017-03-02")
    assert ("minutes_write", "2017-03-08", False) in _kinds(data)
    _, data = _due(cli, "2017-03-09")
    assert ("minutes_write", "2017-03-08", True) in _kinds(data)
    # an outcome recorded: the minutes are to be approved, at the next MED meeting if planned
    cli.ok("meeting record 1 2 --outcome approved")
    _, data = _due(cli, "2017-03-02")
    assert ("minutes_approve", "2017-03-08", False) in _kinds(data)
    cli.ok('meeting plan p med --date "2017-04-05 10:00"')
    _, data = _due(cli, "2017-03-02", "--days", "60")
    approve = [e for e in data["entries"] if e["kind"] == "minutes_approve"]
    assert [e["due_on"] for e in approve] == ["2017-04-05"]
    assert "at the next meeting on 5 April 2017" in approve[0]["what"]
    # approved: the approved minutes are to be sent (from the approval on)
    cli.ok("meeting approve 1 --date 2017-03-06")
    _, data = _due(cli, "2017-03-07")
    assert ("minutes_send", "2017-03-08", False) in _kinds(data)
    assert "minutes_approve" not in [k for k, _, _ in _kinds(data)]
    # as of the day before the approval, they were still to be approved
    _, data = _due(cli, "2017-03-03", "--days", "60")
    assert "minutes_approve" in [k for k, _, _ in _kinds(data)]


def test_minutes_sent_are_no_longer_due(cli, store):
    _setup(cli)
    cli.ok("meeting record 1 2 --outcome approved")
    cli.ok("meeting approve 1 --date 2017-03-06")
    from nybureau.services.meetings.deadlines import record_minutes_sent

    with store.transaction("tester") as tx:
        record_minutes_sent(tx, 1, "2017-03-07 09:00")
    _, data = _due(cli, "2017-03-08")
    assert "minutes_send" not in [k for k, _, _ in _kinds(data)]
    _, data = _due(cli, "2017-03-06")  # as of the day before they went out
    assert "minutes_send" in [k for k, _, _ in _kinds(data)]


def test_decisions_wait_for_the_next_meeting_of_the_body(cli):
    _setup(cli)
    _, data = _due(cli, "2017-02-20", "--days", "30")
    decisions = [e for e in data["entries"] if e["kind"] == "decision"]
    med = [e for e in decisions if "MED committee" in e["what"]]
    assert med and all(e["due_on"] == "2017-03-01" and e["meeting"] == 1 for e in med)
    assert all(not e["overdue"] for e in decisions)
    # a body with no meeting planned: no date, and the way to plan one
    management = [e for e in decisions if "management" in e["what"]]
    assert management and all(e["due_on"] is None for e in management)
    assert "nybureau meeting plan" in management[0]["what"]
    assert [p["name"] for p in management[0]["people"]] == ["Åse Lind"]
    da = json.loads(cli.ok("due --as-of 2017-02-20 --json", lang="da").output)
    texts = [e["what"] for e in da["entries"] if e["kind"] == "decision"]
    assert any(t.startswith("»") and "venter på en beslutning i MED-udvalget, på næste møde "
               "den 1. marts 2017" in t for t in texts), texts


def test_action_points_and_network_meetings(cli, store):
    _setup(cli)
    with store.transaction("tester") as tx:
        person = tx.person_get("Bjørn Ærenlund")
        project = tx.project_get("p")
        tx.action_add(project_id=project.id, meeting_id=1, what="Udkast til kommissorium",
                      who="Bjørn Ærenlund", person_id=person.id, due_on=date(2017, 3, 10),
                      agreed_on=date(2017, 3, 1))
        tx.action_add(project_id=project.id, what="Uden frist", who="Nogen",
                      agreed_on=date(2017, 3, 1))
        done = tx.action_add(project_id=project.id, what="Lukket", who="Nogen",
                             due_on=date(2017, 3, 5), agreed_on=date(2017, 3, 1))
        tx.action_update(done, status="done", closed_on=date(2017, 3, 4))
    cli.ok('activity record p network_meeting --number 1 --date 2017-03-15 '
           '--attendee "Åse Lind"')
    _, data = _due(cli, "2017-03-03")
    actions = [e for e in data["entries"] if e["kind"] == "action"]
    assert [(e["due_on"], e["overdue"]) for e in actions] == [("2017-03-05", False),
                                                              ("2017-03-10", False)]
    assert actions[0]["people"] == [{"name": "Nogen", "email": None}]
    assert actions[1]["people"] == [{"name": "Bjørn Ærenlund", "email": "bjorn@test.dk"}]
    assert actions[1]["what"] == ("Action point for Bjørn Ærenlund: Udkast til kommissorium "
                                  "(agreed 1 March 2017)")
    # closed on the 4th: as of the 6th it is not due any more; the other is overdue on the 11th
    _, data = _due(cli, "2017-03-11")
    actions = [e for e in data["entries"] if e["kind"] == "action"]
    assert [(e["due_on"], e["overdue"]) for e in actions] == [("2017-03-10", True)]
    network = [e for e in _due(cli, "2017-03-03")[1]["entries"]
               if e["kind"] == "network_meeting"]
    assert [(e["due_on"], e["network"]) for e in network] == [("2017-03-15", "net")]
    assert [p["name"] for p in network[0]["people"]] == ["Åse Lind"]


def test_nothing_due_and_refusals(cli):
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    r = cli.ok("due --as-of 2016-01-01", lang="da")
    assert "Der er ingen frister" in r.output
    for args in ("due --as-of 2017-13-01", "due --days -1", "due --days 400"):
        r = cli(args)
        assert r.exit_code not in (0, OVERDUE_EXIT), args
        assert "Traceback" not in r.output


def test_table_output(cli):
    _setup(cli)
    r = cli.ok("due --as-of 2017-02-24", lang="da")
    assert "Frister fra 2017-02-24 til 2017-03-10" in r.output
    assert "med overskredet frist" in r.output
