"""Meetings through the CLI: the agenda written from what the phase needs, editing items,
recording an outcome once (minutes, gate decision, history), approving the minutes, the gate
option, public renders, iCalendar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def setup_project(cli, slug="p", workflow=None):
    extra = f" --workflow {workflow}" if workflow else ""
    cli.ok(f'project create {slug} --name "Styring i hjemmeplejen" --municipality "Solbjerg '
           f'Kommune" --date 2017-05-02{extra}')
    cli.ok(f'body member {slug} med "Bjørn Ærenlund" --role Formand')
    cli.ok(f'body member {slug} med "Søs Ølgaard" --role Tillidsrepræsentant')
    cli.ok(f'body member {slug} steering_group "Lise Holm" --role Projektleder')


def show(cli, mid=1):
    return json.loads(cli.ok(f"meeting show {mid} --json").output)


def status(cli, slug="p"):
    return json.loads(cli.ok(f"status {slug} --json").output)


def test_plan_writes_the_agenda_from_what_the_phase_needs(cli):
    setup_project(cli)
    cli.ok('decision record p organisation --by med --outcome approved --date 2017-05-20')
    out = cli.ok('meeting plan p med --date "2017-06-14 10:00" --place "Rådhuset" '
                 '--committee "Hoved-MED" --minute-taker "Lise Holm" --apology "Søs Ølgaard"')
    assert "Planned meeting 1" in out.output
    m = show(cli)
    titles = [(i["title"], i["type"]) for i in m["items"]]
    assert titles[:3] == [("Welcome", "information"), ("Approval of the agenda", "decision"),
                          ("Information", "information")]
    # one decision item per decision the phase still needs from MED (organisation is approved)
    decisions = [i["decision"] for i in m["items"] if i["decision"]]
    assert decisions == ["project_description", "seminar_participation"]
    assert titles[-5:] == [("Project status", "information"),
                           ("Communication from the meeting", "discussion"),
                           ("Mutual information and any other business", "information"),
                           ("Evaluation of the meeting", "discussion"),
                           ("Next meeting", "information")]
    assert m["starts_at"] == "2017-06-14T10:00:00+02:00"
    assert m["apologies"] == ["Søs Ølgaard"]
    assert [p["name"] for p in m["participants"]] == ["Bjørn Ærenlund"]
    # the second meeting of the body has minutes to approve
    cli.ok('meeting plan p med --date "2017-08-16 14:00"')
    assert "Approval of the minutes of the last meeting" in [i["title"] for i in show(cli, 2)["items"]]


def test_items_can_be_added_moved_and_edited(cli):
    setup_project(cli)
    cli.ok('meeting plan p steering_group --date "2017-06-20 09:00"')
    n = len(show(cli)["items"])
    cli.ok('meeting item add 1 --title "Budget for frikøb" --type decision --case 00.01-G01 '
           '--background "Der skal afsættes tid." --recommendation "at der afsættes 4 timer" '
           '--finances "1.234,50 kr. pr. uge" --position 2')
    items = show(cli)["items"]
    assert len(items) == n + 1 and items[1]["title"] == "Budget for frikøb"
    assert items[1]["case_number"] == "00.01-G01"
    cli.ok("meeting item move 1 2 --to 1")
    assert show(cli)["items"][0]["title"] == "Budget for frikøb"
    cli.ok('meeting item edit 1 1 --title "Frikøb af agenter" --closed --type discussion')
    first = show(cli)["items"][0]
    assert (first["title"], first["closed"], first["type"]) == ("Frikøb af agenter", True,
                                                                 "discussion")
    assert [i["number"] for i in show(cli)["items"]] == list(range(1, n + 2))


def test_recording_an_outcome_satisfies_the_gate_and_is_recorded_once(cli, snapshot):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    item = next(i for i in show(cli)["items"] if i["decision"] == "project_description")
    req = "decision:project_description"

    def met():
        return next(r for r in status(cli)["requirements"] if r["id"] == req)

    assert "MED committee: no decision yet" in met()["missing"]
    cli.ok(f'meeting record 1 {item["number"]} --outcome approved --text "Godkendt uden '
           'bemærkninger."')
    # the one record is the minutes' decision, the gate's decision and a history entry
    assert show(cli)["items"][item["number"] - 1]["outcome"] == "approved"
    assert "MED committee" not in met()["missing"]
    project = json.loads(cli.ok("project show p --json").output)
    rows = [d for d in project["decisions"] if d["decision"] == "project_description"]
    assert [(d["body"], d["source"], d["date"]) for d in rows] == [
        ("med", "meeting:1", "2017-06-14")]
    log = cli.ok("log p --json").output
    assert "meeting.item.record" in log and "decision.record" in log
    # recording it again is refused and changes nothing
    before = snapshot()
    again = cli(f'meeting record 1 {item["number"]} --outcome rejected')
    assert again.exit_code == 1 and "recorded once" in again.output
    assert snapshot() == before


def test_minutes_are_approved_after_the_meeting(cli, snapshot):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    before = snapshot()
    refused = cli("meeting approve 1 --date 2017-06-20")
    assert refused.exit_code == 1 and "no recorded outcomes" in refused.output
    assert snapshot() == before
    cli.ok("meeting record 1 2 --outcome approved")
    assert show(cli)["status"] == "held"
    early = cli("meeting approve 1 --date 2017-06-01")
    assert early.exit_code == 1 and "before the meeting" in early.output
    cli.ok("meeting approve 1 --date 2017-06-28")
    m = show(cli)
    assert (m["status"], str(m["approved_on"])) == ("approved", "2017-06-28")
    locked = cli('meeting item add 1 --title "For sent"')
    assert locked.exit_code == 1 and "approved" in locked.output


def test_gate_can_require_decisions_from_approved_minutes(cli, tmp_path):
    wf = (REPO / "tests/meetings/workflow.yaml").read_text(encoding="utf-8").replace(
        "gate_decisions_from_approved_minutes: false", "gate_decisions_from_approved_minutes: true")
    path = tmp_path / "strict.yaml"
    path.write_text(wf, encoding="utf-8")
    setup_project(cli, workflow=str(path))

    def missing():
        return next(r for r in status(cli)["requirements"]
                    if r["id"] == "decision:project_description")["missing"]

    cli.ok("decision record p project_description --by management --outcome approved "
           "--date 2017-06-01")
    assert "Management: no decision yet" in missing()  # not from approved minutes
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    item = next(i for i in show(cli)["items"] if i["decision"] == "project_description")
    cli.ok(f"meeting record 1 {item['number']} --outcome approved")
    assert "MED committee: no decision yet" in missing()  # minutes not approved yet
    cli.ok("meeting approve 1 --date 2017-06-28")
    assert "MED committee" not in missing()


def test_public_render_leaves_out_closed_items_and_private_attachments(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    cli.ok('meeting item add 1 --title "Personalesag" --closed --background "Fortroligt."')
    cli.ok('meeting item attach 1 2 --title "Offentligt bilag" --file https://example.org/a.pdf')
    (tmp_path / "notat.docx").write_bytes(b"notat")
    cli.ok(f'meeting item attach 1 2 --title "Internt notat" --file {tmp_path / "notat.docx"} '
           "--not-public")
    full = cli.ok(f"render agenda --meeting 1 --out {tmp_path / 'full.md'}", lang="da")
    public = cli.ok(f"render agenda --meeting 1 --public --out {tmp_path / 'pub.md'}", lang="da")
    assert "full.md" in full.output and "pub.md" in public.output
    full_text = (tmp_path / "full.md").read_text(encoding="utf-8")
    pub_text = (tmp_path / "pub.md").read_text(encoding="utf-8")
    assert "Personalesag" in full_text and "Internt notat" in full_text
    assert "Personalesag" not in pub_text and "Fortroligt" not in pub_text
    assert "Internt notat" not in pub_text and "Offentligt bilag" in pub_text
    assert "lukkede punkter vises kun med deres nummer" in pub_text
    number = next(line for line in full_text.splitlines() if "Personalesag" in line)
    number = number.split(".")[0]  # the closed item keeps its number in the public version
    assert f"{number}. Lukket punkt\n" in pub_text and f"### {number}. Lukket punkt\n" in pub_text


def test_special_category_data_is_never_printed(cli, tmp_path, store):
    setup_project(cli)
    with store.transaction("tester") as tx:
        from sqlalchemy import update

        from nybureau.persistence import tables as t

        tx.conn.execute(update(t.person).values(union_affiliation="Fagforbundet FOA"))
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    cli.ok("render all p --out " + str(tmp_path))
    for f in tmp_path.iterdir():
        if f.suffix in (".md", ".html"):
            assert "FOA" not in f.read_text(encoding="utf-8"), f.name


def test_file_names_transliterate_danish_letters(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED Ældre & Sundhed"')
    out = cli.ok(f"render agenda --meeting 1 --format docx --out {tmp_path}", lang="da")
    # the agenda first, then its bilag beside it
    first = out.output.splitlines()[0]
    assert first.endswith("dagsorden-hoved-med-aeldre-sundhed-2017-06-14.docx")
    out = cli.ok(f"render minutes --meeting 1 --out {tmp_path}/", lang="da")
    assert out.output.splitlines()[0].endswith("referat-hoved-med-aeldre-sundhed-2017-06-14.md")


def test_ics_invitation_has_the_agenda(cli, tmp_path):
    from icalendar import Calendar

    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --place "Rådhuset, lokale 2" '
           '--duration 90')
    cli.ok('meeting item add 1 --title "Lukket sag" --closed')
    path = tmp_path / "invite.ics"
    cli.ok(f"meeting ics 1 --out {path}", lang="da")
    cal = Calendar.from_ical(path.read_bytes())
    ev = next(c for c in cal.walk("VEVENT"))
    assert ev.decoded("dtstart").isoformat() == "2017-06-14T10:00:00+02:00"
    assert ev.decoded("dtend").isoformat() == "2017-06-14T11:30:00+02:00"
    assert str(ev.get("location")) == "Rådhuset, lokale 2"
    desc = str(ev.get("description"))
    assert "onsdag den 14. juni 2017 kl. 10.00" in desc
    assert "2. Godkendelse af dagsorden\n" in desc
    assert "Lukket punkt" in desc and "Lukket sag" not in desc
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_list_and_json(cli):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00"')
    rows = json.loads(cli.ok("meeting list p --json").output)
    assert rows[0]["id"] == 1 and rows[0]["status"] == "planned" and rows[0]["items"] > 5
    assert "MED committee" in cli.ok("meeting list").output


def test_network_meeting_lists_each_projects_phase_and_open_points(cli, tmp_path):
    cli.ok('network create net --name "Netværket"')
    for slug, town in (("a", "Solbjerg Kommune"), ("b", "Egeby Kommune")):
        cli.ok(f'project create {slug} --name "Projekt {slug}" --municipality "{town}" '
               '--network net --date 2017-05-02')
    cli.ok('meeting plan net network --number 1 --date "2017-10-04 10:00" --place Aarhus')
    m = show(cli)
    assert (m["network"], m["number"], m["project"]) == ("net", 1, None)
    twice = cli('meeting plan net network --number 1 --date "2017-11-04 10:00"')
    assert twice.exit_code == 1 and "already network meeting 1" in twice.output
    titles = [i["title"] for i in m["items"]]
    assert "Theme" in titles
    assert "News from Solbjerg Kommune" in titles and "News from Egeby Kommune" in titles
    # the stored agenda and the network-agenda document both give each project's phase
    cli.ok(f"render agenda --meeting 1 --out {tmp_path / 'stored.md'}", lang="da")
    stored = (tmp_path / "stored.md").read_text(encoding="utf-8")
    assert "Nyt fra Solbjerg Kommune" in stored and "Nyt fra Egeby Kommune" in stored
    assert "er i fase 1: Opbakning og organisering" in stored and "Åbne punkter:" in stored
    cli.ok(f"render network-agenda --network net --number 1 --out {tmp_path / 'n.md'}",
           lang="da")
    doc = (tmp_path / "n.md").read_text(encoding="utf-8")
    assert "Nyt fra Egeby Kommune: Projekt b" in doc
    assert "onsdag den 4. oktober 2017 kl. 10.00" in doc and "Aarhus" in doc
    assert "Styregruppen har mindst 1 medlem (0 nu)" in doc


@pytest.mark.parametrize("args,message", [
    ('meeting plan p med --date "14-06-2017"', "YYYY-MM-DD HH:MM"),
    ('meeting plan nope med --date "2017-06-14 10:00"', "no project 'nope'"),
    ('meeting record 99 1 --outcome approved', "no meeting 99"),
    ('meeting plan p network --date "2017-06-14 10:00"', "no network 'p'"),
    ('meeting plan p med --date "2017-01-10 10:00"', "already a meeting of that body"),
])
def test_refusals_name_the_problem_and_change_nothing(cli, snapshot, args, message):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-01-10 10:00"')
    before = snapshot()
    result = cli(args)
    assert result.exit_code == 1 and message in result.output, result.output
    assert snapshot() == before


def test_meeting_can_be_moved_and_apologies_added(cli):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --duration 90')
    cli.ok('meeting edit 1 --date "2017-06-21 13:00" --place "Rådhuset" --minute-taker "Lise '
           'Holm" --apology "Søs Ølgaard"')
    m = show(cli)
    assert (m["starts_at"], m["ends_at"]) == ("2017-06-21T13:00:00+02:00",
                                              "2017-06-21T14:30:00+02:00")
    assert (m["place"], m["minute_taker"], m["apologies"]) == ("Rådhuset", "Lise Holm",
                                                                ["Søs Ølgaard"])
    assert [p["name"] for p in m["participants"]] == ["Bjørn Ærenlund"]
    nothing = cli("meeting edit 1")
    assert nothing.exit_code == 1 and "Nothing to change" in nothing.output


def test_approving_the_minutes_at_the_next_meeting_approves_them(cli, tmp_path):
    setup_project(cli)
    cli.ok('meeting plan p med --date "2017-06-14 10:00" --committee "Hoved-MED"')
    cli.ok("meeting record 1 2 --outcome approved")
    cli.ok('meeting plan p med --date "2017-08-16 14:00" --committee "Hoved-MED"')
    item = next(i for i in show(cli, 2)["items"]
                if i["title"] == "Approval of the minutes of the last meeting")
    out = cli.ok(f"meeting record 2 {item['number']} --outcome approved")
    assert "minutes of meeting 1 are approved" in out.output
    first = show(cli, 1)
    assert (first["status"], str(first["approved_on"])) == ("approved", "2017-08-16")
    cli.ok(f"render agenda --meeting 2 --out {tmp_path / 'a.md'}", lang="da")
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "### 3. Godkendelse af referat fra mødet den 14. juni 2017" in text
    assert "- Bilag 1: Referat fra mødet den 14. juni 2017" in text
    assert (tmp_path / "referat-hoved-med-2017-06-14.docx").exists()  # in the package


def test_scenario_meeting_steps_are_checked_line_by_line(cli, tmp_path, snapshot):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format: nybureau-scenario/1\n"
        "project: {slug: x, name: X, municipality: M, created: 2017-01-01}\n"
        "bodies:\n  med: [{name: A}]\n"
        "steps:\n"
        "  - date: 2017-02-01\n    meeting: med\n    time: 1400\n    duration: lang\n"
        "  - date: 2017-02-02\n    meeting: med\n    record: {nope: approved}\n",
        encoding="utf-8")
    before = snapshot()
    result = cli(f"project import {path}")
    assert result.exit_code == 1
    assert f"{path}:8: step 1 (meeting): 'time' must be text HH:MM" in result.output
    assert f"{path}:9: step 1 (meeting): 'duration' must be a whole number" in result.output
    assert snapshot() == before
    path.write_text(path.read_text(encoding="utf-8").replace("    time: 1400\n    duration: lang\n",
                                                              ""), encoding="utf-8")
    result = cli(f"project import {path}")
    assert result.exit_code == 1 and "'nope' is not on the agenda" in result.output
    assert snapshot() == before
