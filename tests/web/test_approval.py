"""Members approving minutes on the web (Godkend referat): each member once, with the moment;
the refusals (not a member, twice, no minutes yet, already approved, cancelled); the body's
rule (every member who took part, or the chair alone); when it is met the minutes are approved
through the meetings service in the same transaction, so a gate that counts only decisions
from approved minutes opens from the web."""

from __future__ import annotations

import json

import pytest

from nybureau.errors import AlreadyExists, Denied, InvalidInput
from tests.conftest import REPO, Cli
from tests.web.conftest import csrf_of, https_client, post, sign_in

# the steering group's meeting of 15 January 2018 (held, minutes not approved): its members
# on the day, every one of them at the meeting
STEERING = ["Michael Bach Sørensen", "Rikke Vestergaard Hansen", "Lene Dalsgaard",
            "Jesper Holm Mikkelsen", "Birgitte Østergaard Nielsen", "Anja Brøndum Kristensen",
            "Torben Skov Andersen"]
CHAIR = "Michael Bach Sørensen"  # Formand, Socialchef


def _viewer(tx, name):
    from nybureau.services.web import Viewer

    person = tx.person_get(name)
    return Viewer(0, person.id, person.full_name, None, None, None, "da")


def _status(store, meeting_id=8):
    with store.read("test") as tx:
        return tx.meeting_get(meeting_id).status


def test_the_chair_is_the_formand_not_the_naestformand():
    from nybureau.services.web.approvals import is_chair

    assert is_chair("Formand, Socialchef") and is_chair("formand")
    assert is_chair("Chair") and not is_chair("Vice-chair")
    assert not is_chair("Næstformand, Tillidsrepræsentant, Myndighed")
    assert not is_chair("Formandens sekretær") and not is_chair(None)


def test_the_refusals_without_http(web_store):
    from nybureau.services.meetings import cancel_meeting
    from nybureau.services.web import approvals

    with web_store.transaction("test") as tx:
        with pytest.raises(Denied, match="Only the members"):
            approvals.approve(tx, _viewer(tx, "Camilla Høj Pedersen"), 8)  # project group
        with pytest.raises(Denied):
            approvals.approve(tx, None, 8)
        with pytest.raises(InvalidInput, match="No outcomes"):
            approvals.approve(tx, _viewer(tx, "Birgitte Østergaard Nielsen"), 3)  # planned
        with pytest.raises(AlreadyExists, match="were approved on"):
            approvals.approve(tx, _viewer(tx, "Birgitte Østergaard Nielsen"), 2)
        cancel_meeting(tx, 4, "Flyttet", "2017-10-01")
        with pytest.raises(InvalidInput, match="cancelled"):
            approvals.approve(tx, _viewer(tx, "Birgitte Østergaard Nielsen"), 4)
        first = approvals.approve(tx, _viewer(tx, "Lene Dalsgaard"), 8)
        assert not first["approved"] and len(first["missing"]) == 6
        with pytest.raises(AlreadyExists, match="already approved"):
            approvals.approve(tx, _viewer(tx, "Lene Dalsgaard"), 8)
        # the Danish words of a refusal
        try:
            approvals.approve(tx, _viewer(tx, "Lene Dalsgaard"), 8)
        except AlreadyExists as exc:
            assert exc.render("da") == "Du har allerede godkendt referatet."


def test_every_member_approves_and_then_the_minutes_are_approved(app, web_store):
    for n, name in enumerate(STEERING, start=1):
        browser = https_client(app)
        sign_in(browser, web_store, name)
        html = browser.get("/m/8").get_data(as_text=True)
        assert '<button id="approve"' in html
        done = browser.post("/m/8/approve", data={"csrf": csrf_of(html)})
        assert done.status_code == 303
        assert done.headers["Location"].startswith("/m/8?done=")
        page = browser.get(done.headers["Location"]).get_data(as_text=True)
        assert name in page.split("Har godkendt")[1]
        if n < len(STEERING):
            assert _status(web_store) == "held"
            assert "Din godkendelse er registreret." in page
            assert f"Godkendt af {n} af {len(STEERING)}." in page
            assert "Du har allerede godkendt referatet." in page
            assert "Mangler at godkende" in page
            again = browser.post("/m/8/approve", data={"csrf": csrf_of(html)})
            assert again.status_code == 400
            assert "allerede godkendt" in again.get_data(as_text=True)
        else:
            assert "dermed er referatet godkendt" in page
            assert "Referatet er godkendt den" in page
            assert 'id="approve"' not in page
    assert _status(web_store) == "approved"
    with web_store.read("test") as tx:
        events = [e for e in tx.audit_events(1)
                  if e.action == "minutes.member_approve"
                  or (e.action == "meeting.approve" and e.entity_id == 8)]
        approvals = tx.approval_list(8)
    assert [e.action for e in events] == ["minutes.member_approve"] * 7 + ["meeting.approve"]
    assert events[0].actor == f"{STEERING[0]} (web)"
    assert events[-1].actor == f"{STEERING[-1]} (web)"
    assert events[-2].after["met"] is True
    assert len(approvals) == 7


def test_the_page_lists_who_approved_with_the_time_in_danish(client, web_store):
    sign_in(client, web_store, "Lene Dalsgaard")
    post(client, "/m/8/approve", page="/m/8")
    html = client.get("/m/8").get_data(as_text=True)
    approved = html.split("Har godkendt")[1].split("Mangler at godkende")[0]
    assert "Lene Dalsgaard – " in approved and " kl. " in approved
    assert "2026" in approved or "den " in approved
    missing = html.split("Mangler at godkende")[1]
    assert "Michael Bach Sørensen (Formand, Socialchef)" in missing


def test_the_chair_rule(app, web_store, web_db):
    cli = Cli(web_db)
    out = cli.ok("body approval odder-bostoette steering_group --rule chair", lang="da")
    assert "formanden alene" in out.output
    listed = json.loads(cli.ok("body approval odder-bostoette --list --json").output)
    assert {"body": "steering_group", "rule": "chair", "default": False} in listed
    assert "formanden alene" in cli.ok("log odder-bostoette", lang="da").output
    member = https_client(app)
    sign_in(member, web_store, "Birgitte Østergaard Nielsen")
    assert post(member, "/m/8/approve", page="/m/8").status_code == 303
    assert _status(web_store) == "held"  # not the chair: recorded, the rule not met
    page = member.get("/m/8").get_data(as_text=True)
    assert "Referatet godkendes af formanden." in page
    chair = https_client(app)
    sign_in(chair, web_store, CHAIR)
    assert post(chair, "/m/8/approve", page="/m/8").status_code == 303
    assert _status(web_store) == "approved"
    refused = cli("body approval odder-bostoette steering_group")
    assert refused.exit_code == 1 and "--rule" in refused.output


def test_an_approval_needs_the_forms_token(client, web_store):
    sign_in(client, web_store, CHAIR)
    refused = client.post("/m/8/approve", data={})
    assert refused.status_code == 403
    assert _status(web_store) == "held"
    with web_store.read("test") as tx:
        assert tx.approval_list(8) == []


def test_a_member_of_another_body_cannot_approve(client, web_store):
    sign_in(client, web_store, "Camilla Høj Pedersen")
    refused = post(client, "/m/8/approve", page="/m/8")
    assert refused.status_code == 403
    assert "Kun medlemmerne af styregruppen" in refused.get_data(as_text=True)


def test_a_gate_on_approved_minutes_opens_from_the_web(db_url, tmp_path):
    """The workflow option gate_decisions_from_approved_minutes: the MED decisions count only
    once MED's minutes are approved — here by its members on the web — and then `advance`
    succeeds."""
    from nybureau.web import create_app

    wf = (REPO / "tests/meetings/workflow.yaml").read_text(encoding="utf-8").replace(
        "gate_decisions_from_approved_minutes: false", "gate_decisions_from_approved_minutes: true")
    path = tmp_path / "strict.yaml"
    path.write_text(wf, encoding="utf-8")
    cli = Cli(db_url)
    cli.ok("init")
    cli.ok(f'project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg '
           f'Kommune" --date 2017-05-02 --workflow {path}')
    cli.ok('body member p med "Bjørn Ærenlund" --role Formand')
    cli.ok('body member p med "Søs Ølgaard" --role "Næstformand, Tillidsrepræsentant"')
    cli.ok('body member p management "Vibeke Lund" --role Direktør')
    cli.ok('body member p steering_group "Lise Holm" --role Projektleder')
    for mid, (body, day) in enumerate((("management", "2017-06-12"), ("med", "2017-06-14")),
                                      start=1):
        cli.ok(f'meeting plan p {body} --date "{day} 10:00"')
        shown = json.loads(cli.ok(f"meeting show {mid} --json").output)
        for it in shown["items"]:
            if it["decision"]:
                cli.ok(f"meeting record {mid} {it['number']} --outcome approved")
    cli.ok("meeting approve 1 --date 2017-06-20")  # management's minutes, from the CLI
    refused = cli("advance p")
    assert refused.exit_code != 0 and "MED" in refused.output

    app = create_app(db_url)
    app.config["TESTING"] = True
    store = app.config["NYBUREAU_STORE"]
    try:
        deputy = https_client(app)
        sign_in(deputy, store, "Søs Ølgaard")
        assert post(deputy, "/m/2/approve", page="/m/2").status_code == 303
        assert cli("advance p").exit_code != 0  # one of two: the minutes are not approved
        chair = https_client(app)
        sign_in(chair, store, "Bjørn Ærenlund")
        assert post(chair, "/m/2/approve", page="/m/2").status_code == 303
    finally:
        store.dispose()
    shown = json.loads(cli.ok("meeting show 2 --json").output)
    assert shown["status"] == "approved"
    cli.ok("advance p")
    status = json.loads(cli.ok("status p --json").output)
    assert status["phase"] != "backing"
