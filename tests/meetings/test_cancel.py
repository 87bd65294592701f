"""Cancelling (aflyse) a planned MED or steering-group meeting: `nybureau meeting cancel MEETING
--reason T [--date D]`. The meeting becomes a closed record (nothing on it can change), the
reason and date are kept in the history and shown by `meeting show`, the invitation becomes a
cancellation calendars apply (METHOD:CANCEL, STATUS:CANCELLED, a higher SEQUENCE) that does not
print the reason, and documents and the phase gate leave the meeting out."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

REASON = "Formanden er sygemeldt"


def setup(cli):
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg Kommune" '
           "--date 2017-05-02")
    cli.ok('body member p med "Bjørn Ærenlund" --role "Formand, ledelsesrepræsentant"')
    cli.ok('body member p med "Søs Ølgaard" --role Tillidsrepræsentant')
    cli.ok(["person", "email", "Bjørn Ærenlund", "bjorn@solbjerg.dk"])
    cli.ok(["person", "email", "Søs Ølgaard", "soes@solbjerg.dk"])


def plan(cli, when="2017-06-14 10:00", body="med"):
    cli.ok(["meeting", "plan", "p", body, "--date", when, "--place", "Rådhuset, lokale 2"])


def show(cli, mid=1):
    return json.loads(cli.ok(f"meeting show {mid} --json").output)


def event(cli, mid=1, lang="en"):
    r = cli.ok(f"meeting ics {mid} --out -", lang=lang)
    cal = Calendar.from_ical(r.stdout.encode("utf-8"))
    return cal, next(iter(cal.walk("VEVENT")))


def cancel(cli, mid=1, lang="en", on="2017-06-10"):
    return cli.ok(["meeting", "cancel", str(mid), "--reason", REASON, "--date", on], lang=lang)


def item_number(cli, decision, mid=1):
    return next(i["number"] for i in show(cli, mid)["items"] if i["decision"] == decision)


# -- cancelling ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, said, label", [
    ("en", "Cancelled meeting 1 (2017-06-10). Send the cancellation to the attendees with "
           "`nybureau meeting ics 1`.", "cancelled"),
    ("da", "Møde 1 er aflyst (2017-06-10). Send aflysningen til deltagerne med "
           "`nybureau meeting ics 1`.", "aflyst"),
])
def test_cancel_a_planned_meeting(cli, lang, said, label):
    setup(cli)
    plan(cli)
    assert cancel(cli, lang=lang).output.strip() == said
    m = show(cli)
    assert m["status"] == "cancelled"
    assert m["cancelled"] == {"on": "2017-06-10", "reason": REASON}
    # shown as cancelled wherever meetings are shown or listed
    shown = cli.ok("meeting show 1", lang=lang).output
    assert f"Status: {label}" in shown and REASON in shown
    listed = cli.ok("meeting list p", lang=lang).output
    assert label in listed
    assert json.loads(cli.ok("meeting list p --json").output)[0]["status"] == "cancelled"
    # one history entry with before and after; the reason is kept there
    events = [e for e in json.loads(cli.ok("log p --json").output)
              if e["action"] == "meeting.cancel"]
    assert [(e["entity"], e["entity_id"], e["before"], e["after"]) for e in events] == [
        ("meeting", 1, {"status": "planned"},
         {"status": "cancelled", "cancelled_on": "2017-06-10", "reason": REASON})]
    assert json.loads(cli.ok("audit verify --json").output)["ok"]


def test_the_date_defaults_to_today(cli):
    from datetime import datetime, timezone

    setup(cli)
    plan(cli)
    cli.ok(["meeting", "cancel", "1", "--reason", REASON])
    assert show(cli)["cancelled"]["on"] == datetime.now(timezone.utc).date().isoformat()


@pytest.mark.parametrize("lang, en, da", [
    ("en", "Meeting 1 was held (outcomes are recorded from it), so it cannot be cancelled; "
           "only a planned meeting can.", None),
    ("da", None, "Møde 1 er holdt (der er registreret beslutninger fra det), så det kan ikke "
                 "aflyses; kun et planlagt møde kan."),
])
def test_a_held_meeting_cannot_be_cancelled(cli, snapshot, lang, en, da):
    setup(cli)
    plan(cli)
    cli.ok("meeting record 1 2 --outcome approved")
    before = snapshot()
    r = cli(["meeting", "cancel", "1", "--reason", REASON], lang=lang)
    assert r.exit_code == 1 and (en or da) in r.output and "Traceback" not in r.output
    assert snapshot() == before


def test_approved_or_cancelled_meetings_cannot_be_cancelled(cli, snapshot):
    setup(cli)
    plan(cli)
    cli.ok("meeting record 1 2 --outcome approved")
    cli.ok("meeting approve 1 --date 2017-06-20")
    plan(cli, "2017-08-16 14:00")
    cancel(cli, 2)
    before = snapshot()
    r = cli(["meeting", "cancel", "1", "--reason", REASON])
    assert r.exit_code == 1 and "(its minutes are approved), so it cannot be cancelled" in r.output
    r = cli(["meeting", "cancel", "1", "--reason", REASON], lang="da")
    assert r.exit_code == 1 and "(referatet er godkendt), så det kan ikke aflyses" in r.output
    r = cli(["meeting", "cancel", "2", "--reason", REASON])
    assert r.exit_code == 1 and ("Meeting 2 is already cancelled. Send the cancellation to the "
                                 "attendees with `nybureau meeting ics 2`.") in r.output
    r = cli(["meeting", "cancel", "2", "--reason", REASON], lang="da")
    assert r.exit_code == 1 and "Møde 2 er allerede aflyst." in r.output
    assert snapshot() == before


@pytest.mark.parametrize("args, en, da", [
    (["--reason", "  "], "The reason is empty", "Feltet 'reason' er tomt"),
    (["--reason", REASON, "--date", "2099-01-01"], "The cancellation date 2099-01-01 is in the "
     "future", "Aflysningsdatoen 2099-01-01 ligger i fremtiden"),
    (["--reason", REASON, "--date", "10/6"], "'10/6' is not a valid date",
     "'10/6' er ikke en gyldig dato"),
])
def test_bad_input_is_refused_in_both_languages(cli, snapshot, args, en, da):
    setup(cli)
    plan(cli)
    before = snapshot()
    for lang, expected in (("en", en), ("da", da)):
        r = cli(["meeting", "cancel", "1", *args], lang=lang)
        assert r.exit_code == 1 and expected in r.output, r.output
    r = cli(["meeting", "cancel", "9", "--reason", REASON])
    assert r.exit_code == 1 and "There is no meeting 9" in r.output
    r = cli(["meeting", "cancel", "1"])
    assert r.exit_code == 2 and "--reason" in r.output
    assert snapshot() == before


# -- a cancelled meeting is a closed record ------------------------------------------------------
@pytest.mark.parametrize("args", [
    "meeting record 1 2 --outcome approved",
    'meeting item add 1 --title "Nyt punkt"',
    'meeting item edit 1 2 --title "Ny titel"',
    "meeting item move 1 2 --to 1",
    'meeting item attach 1 2 --title Bilag --file bilag.pdf',
    'meeting edit 1 --place "Et andet lokale"',
    'meeting edit 1 --date "2017-06-21 10:00"',
])
def test_a_cancelled_meeting_cannot_be_changed(cli, snapshot, args):
    setup(cli)
    plan(cli)
    cancel(cli)
    before = snapshot()
    r = cli(args)
    assert r.exit_code == 1 and ("Meeting 1 is cancelled; a cancelled meeting can no longer be "
                                 "changed. Plan a new meeting for its items") in r.output
    r = cli(args, lang="da")
    assert r.exit_code == 1 and ("Møde 1 er aflyst; et aflyst møde kan ikke længere ændres. "
                                 "Planlæg et nyt møde") in r.output
    assert snapshot() == before


def test_a_cancelled_meeting_has_no_minutes_to_approve(cli, snapshot):
    setup(cli)
    plan(cli)
    cancel(cli)
    before = snapshot()
    r = cli("meeting approve 1 --date 2017-06-20")
    assert r.exit_code == 1 and ("Meeting 1 is cancelled; it was not held, so it has no minutes "
                                 "to approve.") in r.output
    r = cli("meeting approve 1 --date 2017-06-20", lang="da")
    assert r.exit_code == 1 and "Møde 1 er aflyst; det blev ikke holdt" in r.output
    assert snapshot() == before


# -- the invitation becomes the cancellation -----------------------------------------------------
@pytest.mark.parametrize("lang, notice", [("en", "The meeting is cancelled."),
                                          ("da", "Mødet er aflyst.")])
def test_the_invitation_becomes_a_cancellation_calendars_apply(cli, lang, notice):
    setup(cli)
    plan(cli)
    cli.ok('meeting edit 1 --place "Rådhuset, lokale 3"')  # a second invitation was sent
    cal, ev = event(cli, lang=lang)
    assert str(cal["METHOD"]) == "REQUEST" and str(ev["STATUS"]) == "CONFIRMED"
    sent = int(ev["SEQUENCE"])
    assert sent == 1
    uid = str(ev["UID"])
    cancel(cli)
    cal, ev = event(cli, lang=lang)
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(ev["STATUS"]) == "CANCELLED"
    assert int(ev["SEQUENCE"]) > sent
    assert str(ev["UID"]) == uid  # the same event, so calendars remove it
    description = str(ev["DESCRIPTION"])
    assert description.startswith(notice)
    assert "Rådhuset, lokale 3" in description
    # sent to every attendee: the reason (maybe a personnel matter) is not in it, nor the agenda
    text = cli.ok("meeting ics 1 --out -", lang=lang).stdout
    assert "sygemeldt" not in text.replace("\r\n ", "")
    assert "Dagsorden" not in description and "Agenda" not in description
    attendees = ev.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert {str(a) for a in attendees} == {"mailto:bjorn@solbjerg.dk", "mailto:soes@solbjerg.dk"}
    assert {str(a.params["RSVP"]) for a in attendees} == {"FALSE"}
    # the same state gives the same number
    assert int(event(cli, lang=lang)[1]["SEQUENCE"]) == int(ev["SEQUENCE"])


def test_the_cancellation_file_is_named_like_the_agenda(cli, tmp_path):
    setup(cli)
    plan(cli)
    cancel(cli)
    r = cli.ok(f"meeting ics 1 --out {tmp_path}", lang="da")
    path = tmp_path / "dagsorden-med-udvalget-p-2017-06-14.ics"
    assert r.output.strip() == str(path) and path.exists()
    assert b"METHOD:CANCEL" in path.read_bytes()


# -- documents -----------------------------------------------------------------------------------
def test_a_cancelled_meeting_has_no_agenda_or_minutes_to_render(cli, snapshot, tmp_path):
    setup(cli)
    plan(cli)
    cancel(cli)
    r = cli("render agenda --meeting 1 --out -")
    assert r.exit_code == 1 and ("Meeting 1 is cancelled, so it has no agenda to render. The "
                                 "cancellation for the attendees is `nybureau meeting ics 1`."
                                 ) in r.output
    r = cli("render agenda --meeting 1 --out -", lang="da")
    assert r.exit_code == 1 and ("Møde 1 er aflyst, så der er ingen dagsorden at danne. "
                                 "Aflysningen til deltagerne dannes med `nybureau meeting ics 1`."
                                 ) in r.output
    r = cli("render minutes --meeting 1 --out -", lang="da")
    assert r.exit_code == 1 and "ingen referat at danne" in r.output
    # render all leaves it out; the status report lists it as cancelled
    out = tmp_path / "docs"
    written = json.loads(cli.ok(f"render all p --out {out} --format md --json", lang="da").output)
    assert not any("dagsorden" in w or "referat" in w for w in written)
    report = (out / "statusrapport-p.md").read_text(encoding="utf-8")
    assert "| MED-udvalget | Aflyst |" in report


def test_later_agendas_skip_the_cancelled_meeting(cli, tmp_path):
    """The next held meeting approves the minutes of the last meeting that was held, and the
    agenda before a cancelled meeting does not announce it as the next one."""
    setup(cli)
    plan(cli, "2017-06-14 10:00")
    cli.ok("meeting record 1 2 --outcome approved")
    plan(cli, "2017-08-16 14:00")
    cancel(cli, 2, on="2017-08-10")
    plan(cli, "2017-09-13 14:00")
    third = show(cli, 3)
    approve = next(i["number"] for i in third["items"]
                   if i["title"] == "Approval of the minutes of the last meeting")
    cli.ok(f"render agenda --meeting 3 --out {tmp_path / 'a.md'}", lang="da")
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "Godkendelse af referat fra mødet den 14. juni 2017" in text
    cli.ok(f"render agenda --meeting 1 --out {tmp_path / 'b.md'}", lang="da")
    text = (tmp_path / "b.md").read_text(encoding="utf-8")
    # the agenda shows the state of its own date: the meeting of 16 August was cancelled only
    # on 10 August, so on 14 June it was the next one
    assert "16. august 2017" in text and "13. september" not in text
    cli.ok(f"render agenda --meeting 3 --out {tmp_path / 'c.md'}", lang="da")
    assert "16. august" not in (tmp_path / "c.md").read_text(encoding="utf-8")
    out = cli.ok(f"meeting record 3 {approve} --outcome approved")
    assert "minutes of meeting 1 are approved" in out.output
    assert show(cli, 1)["status"] == "approved"


def test_the_gate_does_not_count_a_cancelled_meeting(cli):
    setup(cli)
    plan(cli)
    number = item_number(cli, "project_description")
    cancel(cli)

    def missing():
        st = json.loads(cli.ok("status p --json").output)
        return next(r for r in st["requirements"]
                    if r["id"] == "decision:project_description")["missing"]

    assert "MED committee: no decision yet" in missing()
    # the decision goes on the agenda of the next meeting, which can be at the same time
    plan(cli)
    assert item_number(cli, "project_description", 2) == number
    cli.ok(f"meeting record 2 {number} --outcome approved")
    assert "MED committee" not in missing()


def test_a_cancelled_network_meeting_can_be_planned_again(cli):
    cli.ok('network create aarhus-net --name "Netværk Østjylland"')
    cli.ok('project create p --name "Styring" --municipality "Solbjerg Kommune" '
           "--date 2017-05-02 --network aarhus-net")
    cli.ok('meeting plan aarhus-net network --number 2 --date "2017-09-05 10:00"')
    cli.ok(["meeting", "cancel", "1", "--reason", "For få tilmeldte", "--date", "2017-08-30"])
    cli.ok('meeting plan aarhus-net network --number 2 --date "2017-10-03 10:00"')
    rows = json.loads(cli.ok("meeting list --network aarhus-net --json").output)
    assert [(r["number"], r["status"]) for r in rows] == [(2, "cancelled"), (2, "planned")]


# -- scenario files ------------------------------------------------------------------------------
SCENARIO = """format: nybureau-scenario/1
project: {slug: x, name: Styring, municipality: Solbjerg Kommune, created: 2017-01-01}
bodies:
  med: [{name: Bjørn Ærenlund, role: Formand}]
steps:
  - date: 2017-02-01
    meeting: med
    cancel: {reason: "Formanden er syg", date: 2017-01-30}
  - date: 2017-03-01
    meeting: med
    cancel: "Ingen sager"
"""


def test_a_scenario_can_cancel_a_meeting(cli, tmp_path, snapshot):
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    cli.ok(f"project import {path}")
    assert [(m["status"], m["cancelled"]) for m in (show(cli, 1), show(cli, 2))] == [
        ("cancelled", {"on": "2017-01-30", "reason": "Formanden er syg"}),
        ("cancelled", {"on": "2017-03-01", "reason": "Ingen sager"})]
    # a cancelled meeting has no outcomes: the file is refused line by line, nothing written
    bad = SCENARIO.replace('x, name', 'y, name').replace(
        '    cancel: "Ingen sager"\n',
        '    cancel: {why: nej}\n    record: {approve_agenda: approved}\n')
    path.write_text(bad, encoding="utf-8")
    before = snapshot()
    r = cli(f"project import {path}")
    assert r.exit_code == 1
    assert f"{path}:11: step 2 (meeting): 'cancel' needs a reason" in r.output
    assert f"{path}:11: step 2 (meeting): cancel.why: unknown key" in r.output
    assert f"{path}:12: step 2 (meeting): a cancelled meeting has no 'record'" in r.output
    assert snapshot() == before
