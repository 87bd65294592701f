"""Action items (issue 14 §1): agreed at a meeting under an item or added on a project, closed
as done or cancelled, edited and listed; the minutes list each item's action items, the body's
next agenda follows them up (frozen when it is sent), and overdue ones are warnings in
`status`."""

from __future__ import annotations

import json

import pytest


def _setup(cli) -> None:
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    cli.ok('body member p med "Rikke Vestergaard Hansen" --role "Formand"')
    cli.ok('meeting plan p med --date "2017-03-01 10:00"')


def _number(cli, meeting: int, standing_title: str) -> int:
    shown = json.loads(cli.ok(f"meeting show {meeting} --json", lang="en").output)
    return next(it["number"] for it in shown["items"] if it["title"].startswith(standing_title))


def _md(cli, name: str, meeting: int, lang: str = "da") -> str:
    return cli.ok(f"render {name} --meeting {meeting} --format md --out -", lang=lang).output


def test_an_action_item_from_a_meeting_reaches_the_minutes_and_the_next_agenda(cli):
    _setup(cli)
    cli.ok('meeting plan p med --date "2017-04-05 10:00"')  # planned before the point is agreed
    before = json.loads(cli.ok("meeting show 2 --json", lang="en").output)
    assert not any(it["title"].startswith("Follow-up") for it in before["items"])
    r = cli.ok(["meeting", "action", "add", "1", "2", "--what", "Orientere personalemøderne",
                "--who", "Rikke Vestergaard Hansen", "--due", "2017-03-15"], lang="da")
    assert "Rikke Vestergaard Hansen" in r.output
    assert "møde 2" in r.output and "Opfølgning på handlepunkter" in r.output
    cli.ok(["meeting", "action", "add", "1", "2", "--what", "Sende notatet til udvalget",
            "--who", "Projektgruppen", "--due", "2017-04-20"])
    rows = json.loads(cli.ok("action list p --json --as-of 2017-03-20").output)
    assert [(r["what"], r["overdue"]) for r in rows] == [
        ("Orientere personalemøderne", True), ("Sende notatet til udvalget", False)]
    assert rows[0]["person_id"] is not None and rows[1]["person_id"] is None
    assert json.loads(cli.ok("action list --overdue --who Projektgruppen --json "
                             "--as-of 2017-03-20").output) == []
    minutes = _md(cli, "minutes", 1)
    assert "**Handlepunkter**" in minutes
    assert "| Orientere personalemøderne | Rikke Vestergaard Hansen | 15. marts 2017 |" in minutes
    # the next agenda: the follow-up item with both points, Danish table
    agenda = _md(cli, "agenda", 2)
    assert "Opfølgning på handlepunkter" in agenda
    assert "| Hvad | Hvem | Frist | Status |" in agenda
    assert "Orientere personalemøderne" in agenda and "Åben" in agenda
    english = _md(cli, "agenda", 2, lang="en")
    assert "Follow-up on action items" in english and "| What | Who | Due | Status |" in english
    # done before the next meeting: shown as closed since the last meeting, with its note
    cli.ok('action done 1 --note "Orienteret på personalemødet" --date 2017-03-10')
    agenda = _md(cli, "agenda", 2)
    assert "Udført 10. marts 2017: Orienteret på personalemødet" in agenda, agenda
    # sent: the table is frozen
    cli.ok('meeting sent 2 --at "2017-03-29 12:00"')
    frozen = _md(cli, "agenda", 2)
    cli.ok('action cancel 2 --note "Overflødigt" --date 2017-04-01')
    assert _md(cli, "agenda", 2) == frozen
    log = cli.ok("log p", lang="da").output
    assert "handlepunkt" in log.lower()


def test_a_meeting_planned_after_an_action_item_gets_the_follow_up_item(cli):
    _setup(cli)
    cli.ok(["meeting", "action", "add", "1", "1", "--what", "Skrive kommissoriet",
            "--who", "Rikke Vestergaard Hansen"])
    cli.ok('meeting plan p med --date "2017-04-05 10:00"')
    shown = json.loads(cli.ok("meeting show 2 --json", lang="en").output)
    titles = [it["title"] for it in shown["items"]]
    follow = titles.index("Follow-up on action items")
    assert titles[follow - 1].startswith("Approval of the minutes")
    # a third meeting after the point is done: it was closed before the previous meeting
    cli.ok("action done 1 --date 2017-03-02")
    cli.ok('meeting plan p med --date "2017-05-03 10:00"')
    shown = json.loads(cli.ok("meeting show 3 --json", lang="en").output)
    assert "Follow-up on action items" not in [it["title"] for it in shown["items"]]


def test_project_action_items_edit_and_refusals(cli, snapshot):
    _setup(cli)
    cli.ok('action add p --what "Sende interviewguiden" --who "Mads Lykke" --due 2017-02-10 '
           '--date 2017-02-01')
    cli.ok("action edit 1 --due 2017-02-20")
    rows = json.loads(cli.ok("action list p --json --as-of 2017-02-15").output)
    assert rows[0]["due_on"] == "2017-02-20" and not rows[0]["overdue"]
    before = snapshot()
    for args in (
        ["action", "add", "p", "--what", "X", "--due", "2017-01-20", "--date", "2017-02-01"],
        ["action", "add", "p", "--what", "X", "--date", "2099-01-01"],
        ["action", "cancel", "1", "--note", ""],
        ["action", "done", "1", "--date", "2017-01-01"],
        ["action", "done", "99"],
        ["action", "edit", "1"],
        ["meeting", "action", "add", "1", "1", "--what", "X", "--due", "2017-02-01"],
        ["meeting", "action", "add", "1", "1", "--what", "X",
         "--who", "Rikke Vestergaard Hanse"],  # a letter away from a known person
    ):
        r = cli(args)
        assert r.exit_code != 0 and "Traceback" not in r.output, (args, r.output)
    assert snapshot() == before
    cli.ok("action done 1 --date 2017-02-18")
    r = cli("action done 1")
    assert r.exit_code != 0 and "already closed" in r.output
    assert json.loads(cli.ok("action list p --json").output) == []
    every = json.loads(cli.ok("action list p --all --json").output)
    assert every[0]["status"] == "done"


def test_overdue_action_items_are_warnings_in_status_not_requirements(cli):
    _setup(cli)
    cli.ok('action add p --what "Sende interviewguiden" --who "Projektgruppen" '
           '--due 2017-02-10 --date 2017-02-01')
    data = json.loads(cli.ok("status p --json").output)
    assert [w["what"] for w in data["warnings"]] == ["Sende interviewguiden"]
    assert all(r["kind"] != "action" for r in data["requirements"])
    text = cli.ok("status p", lang="da").output
    assert "Sende interviewguiden" in text and "overskredet" in text
    cli.ok("action done 1 --date 2017-02-12")
    assert json.loads(cli.ok("status p --json").output)["warnings"] == []


SCENARIO = """format: nybureau-scenario/1
project:
  slug: s
  name: "S"
  municipality: "Solbjerg Kommune"
  created: 2017-05-02
bodies:
  med:
    - {name: "Bjørn Ærenlund", role: "Formand"}
steps:
  - date: 2017-06-14
    meeting: med
    record:
      approve_agenda: approved
    actions:
      - {item: approve_agenda, what: "Sende dagsordenen tidligere", who: "Bjørn Ærenlund",
         due: 2017-06-30}
      - {item: 1, what: "Booke lokale", who: "Sekretariatet", due: 2017-06-20}
    approve: 2017-06-28
  - date: 2017-06-19
    action: {done: "Booke lokale", note: "Lokale 2 er booket."}
  - date: 2017-06-20
    action: {what: "Skrive nyhedsbrev", who: "Sekretariatet", due: 2017-07-01}
  - date: 2017-08-16
    meeting: med
    sent: 2017-08-09
"""


def test_a_scenario_agrees_closes_and_follows_up_action_items(tmp_path):
    from nybureau.persistence.store import Store
    from nybureau.services import documents
    from nybureau.services.admin import read_scenario, run_scenario

    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    store = Store("sqlite:///" + str(tmp_path / "s.db"))
    store.init()
    try:
        data, name = read_scenario(path)
        with store.transaction("tester") as tx:
            run_scenario(tx, data, name)
        with store.transaction("tester", write=False) as tx:
            agenda = documents.build(tx, "agenda", "da", meeting=2)
            rows = [a.what for a in tx.action_list()]
        follow = next(it for it in agenda["items"] if it["follow_up"])
        assert follow["title"] == "Opfølgning på handlepunkter"
        assert [(r["what"], r["status"]) for r in follow["follow_up"]] == [
            ("Booke lokale", "done"), ("Sende dagsordenen tidligere", "open")]
        # the project's own action item is not one of the body's
        assert "Skrive nyhedsbrev" in rows
        assert follow["background"][0]["text"].startswith("Fra de tidligere møder er der 1 åbent")
    finally:
        store.dispose()
