"""In a real Chromium: a MED member reads the agenda of the meeting of 16 August 2017 (the
demo's meeting 2) and its downloads, and the members of a body approve minutes in turn, in
their own browsers, until the body's rule is met and the gate opens."""

from __future__ import annotations

import json
import re

from tests.browser.conftest import DESK
from tests.browser.support import (
    assert_accessible,
    assert_keyboard,
    click_and_wait,
    every,
    heading,
    need_page,
    one,
    open_page,
    sign_in,
    text,
)

MEETING = "/m/<id>"
APPROVE = "/m/<id>/approve"


def fetch(driver, path: str) -> dict:
    """GET ``path`` from the page, with the browser's session: status, type, first bytes."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
        " const b = new Uint8Array(await r.arrayBuffer());"
        " done({status: r.status, type: r.headers.get('content-type') || '',"
        " head: String.fromCharCode(...b.slice(0, 16))}); })"
        ".catch(e => done({status: 0, type: String(e), head: ''}));", path)


def test_a_med_member_reads_the_agenda_of_16_august_2017(desk, server, axe_source):
    need_page(server, MEETING, "the meeting page")
    sign_in(desk, server, "Birgitte Østergaard Nielsen")
    open_page(desk, server, "/m/2")
    assert "2017" in heading(desk) or "august" in text(desk).lower()
    assert "16. august 2017" in text(desk)
    # every item in the list links to its anchor on the page
    links = [a.get_attribute("href").split("#", 1)[1]
             for a in every(desk, "main a[href*='#']") if "#" in (a.get_attribute("href") or "")]
    links = [x for x in links if x and x != "indhold"]
    assert len(links) >= 5, "the items are not linked from the list"
    for anchor in links:
        assert every(desk, f"[id='{anchor}']"), f"no element with id {anchor!r}"
    assert_accessible(desk, axe_source)
    assert_keyboard(desk)
    # the downloads answer with the right kind of file, in the member's session
    hrefs = {a.get_attribute("href").split("?")[0].rsplit("/", 1)[1]
             for a in every(desk, "main a[href*='/m/2/']")}
    for name, kind, head in (("agenda.pdf", "application/pdf", "%PDF"),
                             ("agenda.docx", "officedocument", "PK"),
                             ("invitation.ics", "text/calendar", "BEGIN:VCALENDAR")):
        assert name in hrefs, f"no download link {name} on the meeting page"
        got = fetch(desk, f"/m/2/{name}")
        assert got["status"] == 200 and kind in got["type"] and got["head"].startswith(head), got


def _gate_project(server, tmp_path_factory) -> int:
    """A project whose workflow takes gate decisions only from approved minutes, a MED of two
    members, a held meeting whose minutes record the MED's approval of the project description.
    Returns the meeting's id."""
    from tests.conftest import REPO, Cli

    cli = Cli(server.db_url)
    wf = (REPO / "tests/meetings/workflow.yaml").read_text(encoding="utf-8").replace(
        "gate_decisions_from_approved_minutes: false", "gate_decisions_from_approved_minutes: true")
    path = tmp_path_factory.mktemp("gate") / "strict.yaml"
    path.write_text(wf, encoding="utf-8")
    cli.ok(f'project create gate --name "Styring i hjemmeplejen" --municipality "Solbjerg '
           f'Kommune" --date 2017-05-02 --workflow {path}')
    cli.ok('body member gate med "Bjørn Ærenlund" --role Formand')
    cli.ok('body member gate med "Søs Ølgaard" --role Tillidsrepræsentant')
    cli.ok('body member gate steering_group "Lise Holm" --role Projektleder')
    cli.ok("decision record gate project_description --by management --outcome approved "
           "--date 2017-06-01")
    out = cli.ok('meeting plan gate med --date "2017-06-14 10:00"').output
    meeting = int(re.search(r"meeting (\d+)", out).group(1))
    shown = json.loads(cli.ok(f"meeting show {meeting} --json").output)
    item = next(i for i in shown["items"] if i["decision"] == "project_description")
    cli.ok(f"meeting record {meeting} {item['number']} --outcome approved")
    return meeting


def _med_missing(server) -> str:
    from tests.conftest import Cli

    status = json.loads(Cli(server.db_url).ok("status gate --json").output)
    return next(r for r in status["requirements"]
                if r["id"] == "decision:project_description")["missing"]


def test_members_approve_minutes_in_turn_until_the_gate_opens(browsers, server, axe_source,
                                                              tmp_path_factory):
    need_page(server, MEETING, "the meeting page")
    need_page(server, APPROVE, "approving minutes")
    meeting = _gate_project(server, tmp_path_factory)
    assert "MED committee" in _med_missing(server)  # minutes not approved: the gate is shut
    members = ["Bjørn Ærenlund", "Søs Ølgaard"]
    for n, name in enumerate(members):
        member = browsers.start(DESK)  # each member in a browser of their own
        try:
            sign_in(member, server, name)
            open_page(member, server, f"/m/{meeting}")
            assert "Godkend referat" in one(member, "button#approve").text
            if n == 0:
                assert_accessible(member, axe_source)
            click_and_wait(member, one(member, "button#approve"))
            page = text(member)
            assert name in page, "the page does not list who has approved"
            assert not every(member, "button#approve"), "the member can approve twice"
            if n < len(members) - 1:
                assert members[n + 1] in page, "the page does not list who is missing"
                assert "MED committee" in _med_missing(server)  # one of two: still shut
            assert_accessible(member, axe_source)
        finally:
            browsers.stop(member)
    # the rule (all members) is met: the minutes are approved and the gate decision counts
    assert "MED committee" not in _med_missing(server)
    from tests.conftest import Cli

    shown = json.loads(Cli(server.db_url).ok(f"meeting show {meeting} --json").output)
    assert shown["status"] == "approved"
