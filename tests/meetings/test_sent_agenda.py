"""An agenda until it is sent, and after (issue 13, point 1): its generated texts (the status
item, a decision's sagsfremstilling) follow the records as of the agenda's date when it is
rendered; `meeting sent` stores them as they were then and freezes them; a user's own text
always wins. And membership periods (`body member --from/--to`)."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, select

from nybureau.persistence import tables as t


def _agenda(cli, lang: str = "da", extra: str = "") -> str:
    return cli.ok(f"render agenda --meeting 1 --format md --out - {extra}", lang=lang).output


def _setup(cli) -> None:
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    cli.ok('meeting plan p med --date "2017-03-01 10:00"')


def test_generated_texts_follow_the_records_until_the_agenda_is_sent(cli):
    _setup(cli)
    before = _agenda(cli)
    assert "ledelsen: ingen beslutning endnu" in before.lower(), before
    # a decision recorded before the meeting changes the unsent agenda's status item
    cli.ok("decision record p project_description --by management --outcome approved "
           "--date 2017-02-20")
    after = _agenda(cli)
    assert after != before
    # a decision after the meeting does not reach its agenda
    cli.ok("decision record p organisation --by management --outcome approved "
           "--date 2017-03-05")
    assert _agenda(cli) == after
    # sent on 25 February: the texts as of then are stored and stay
    r = cli.ok('meeting sent 1 --at "2017-02-25 12:00"')
    assert "2017-02-25 12:00" in r.output
    frozen = _agenda(cli)
    assert frozen == after
    cli.ok("decision record p seminar_participation --by management --outcome approved "
           "--date 2017-02-26")
    assert _agenda(cli) == frozen  # frozen: a later record does not change the sent agenda
    engine = create_engine(cli.db_url)
    with engine.connect() as conn:
        sent = conn.execute(select(t.meeting.c.agenda_sent_at)).scalar_one()
        assert sent is not None
    engine.dispose()
    log = cli.ok("log p", lang="da").output
    assert "Dagsordenen er sendt" in log


def test_a_users_background_wins_over_the_generated_text(cli):
    _setup(cli)
    shown = json.loads(cli.ok("meeting show 1 --json").output)
    number = next(it["number"] for it in shown["items"] if it["title"] == "Project status")
    cli.ok(["meeting", "item", "edit", "1", str(number), "--background", "Vores egen status."])
    assert "Vores egen status." in _agenda(cli)
    cli.ok("meeting sent 1 --at \"2017-02-25 12:00\"")
    assert "Vores egen status." in _agenda(cli)


def test_sending_is_refused_twice_for_a_cancelled_meeting_and_in_the_future(cli):
    _setup(cli)
    cli.ok('meeting sent 1 --at "2017-02-25 12:00"')
    again = cli("meeting sent 1")
    assert again.exit_code != 0 and "already sent" in again.output
    da = cli("meeting sent 1", lang="da")
    assert "allerede sendt ud" in da.output
    cli.ok('meeting plan p med --date "2017-04-01 10:00"')
    cli.ok('meeting cancel 2 --reason "Syg" --date 2017-03-20')
    cancelled = cli("meeting sent 2")
    assert cancelled.exit_code != 0 and "cancelled" in cancelled.output
    cli.ok('meeting plan p med --date "2017-05-01 10:00"')
    future = cli('meeting sent 3 --at "2099-01-01 10:00"')
    assert future.exit_code != 0
    assert "Traceback" not in future.output


def test_render_as_of_shows_the_earlier_date(cli):
    _setup(cli)
    cli.ok("decision record p project_description --by management --outcome approved "
           "--date 2017-02-20")
    early = _agenda(cli, extra="--as-of 2017-02-10")
    assert "ledelsen: ingen beslutning endnu" in early.lower().split("fasen kræver")[1][:400]
    bad = cli("render agenda --meeting 1 --as-of 2017-13-01")
    assert bad.exit_code != 0 and "Traceback" not in bad.output


def test_membership_periods_from_the_command_line(cli):
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    r = cli.ok('body member p steering_group "Torben Skov" --role Økonomichef --from 2018-01-08')
    assert "from 2018-01-08" in r.output
    refused = cli('body member p med "Anna Holm" --from 2017-06-01 --to 2017-05-01')
    assert refused.exit_code != 0
    assert "cannot end (2017-05-01) before it begins (2017-06-01)" in refused.output
    assert "Traceback" not in refused.output
    da = cli('body member p med "Anna Holm" --from 2017-06-01 --to 2017-05-01', lang="da")
    assert "kan ikke slutte (2017-05-01), før det begynder (2017-06-01)" in da.output
    # a member leaves: the period of the existing membership is ended
    cli.ok('body member p steering_group "Torben Skov" --to 2018-06-30')
    engine = create_engine(cli.db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(t.membership.c.valid_from, t.membership.c.valid_to)).all()
    engine.dispose()
    assert [(str(a), str(b)) for a, b in rows] == [("2018-01-08", "2018-06-30")]
    # an end before the existing start is refused too; nothing changes
    refused = cli('body member p steering_group "Torben Skov" --to 2017-12-31')
    assert refused.exit_code != 0
    same = cli('body member p steering_group "Torben Skov" --to 2018-06-30')
    assert same.exit_code != 0 and "already a member" in same.output
    removing = cli('body member p steering_group "Torben Skov" --remove --to 2018-06-30')
    assert removing.exit_code != 0 and "--remove takes no --from or --to" in removing.output
    # the mandate as of a day in the period lists him; before it, not
    assert "Torben Skov" in cli.ok("render mandate --project p --format md --out - "
                                   "--as-of 2018-02-01").output
    assert "Torben Skov" not in cli.ok("render mandate --project p --format md --out - "
                                       "--as-of 2017-12-01").output
    assert "Torben Skov" not in cli.ok("render mandate --project p --format md --out - "
                                       "--as-of 2018-07-01").output
