"""Calendar invitations a MED secretary can send: work e-mail addresses recorded with
`nybureau person email` (validated, audited, exported, erased by `person forget`), the meeting's
participants as ATTENDEEs (the chair as CHAIR, apologies as DECLINED), the minute-taker as
ORGANIZER, and a SEQUENCE that grows when the meeting is moved or its agenda changed, so that
Outlook and Google apply the new invitation."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

from tests.conftest import db_snapshot


def setup(cli):
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg Kommune" '
           "--date 2017-05-02")
    cli.ok('body member p med "Bjørn Ærenlund" --role "Formand, ledelsesrepræsentant"')
    cli.ok('body member p med "Søs Ølgaard" --role "Næstformand, tillidsrepræsentant"')
    cli.ok('body member p med "Kurt Åkjær" --role Arbejdsmiljørepræsentant')
    cli.ok('body member p med "Ida Holm"')  # no address: named in the description only
    cli.ok(['person', 'email', "Bjørn Ærenlund", "bjorn.aerenlund@solbjerg.dk"])
    cli.ok(['person', 'email', "Søs Ølgaard", "soes@solbjerg.dk"])
    cli.ok(['person', 'email', "Kurt Åkjær", "kurt@solbjerg.dk"])


def plan(cli, *extra):
    cli.ok(['meeting', 'plan', 'p', 'med', '--date', '2017-06-14 10:00', '--place',
            'Rådhuset, lokale 2', *extra])


def event(cli, mid=1, lang="en"):
    r = cli.ok(f"meeting ics {mid} --out -", lang=lang)
    cal = Calendar.from_ical(r.stdout.encode("utf-8"))
    return cal, next(iter(cal.walk("VEVENT")))


def attendees(ev) -> dict[str, dict[str, str]]:
    values = ev.get("attendee") or []
    if not isinstance(values, list):
        values = [values]
    return {str(a): {k: str(v) for k, v in a.params.items()} for a in values}


def persons(db_url):
    return {r[1]: r for r in db_snapshot(db_url)["person"]}


# -- the address --------------------------------------------------------------------------------
def test_person_email_records_the_address_and_the_history(cli, db_url):
    setup(cli)
    rows = persons(db_url)
    assert "bjorn.aerenlund@solbjerg.dk" in rows["Bjørn Ærenlund"]
    r = cli.ok(["person", "email", "Bjørn Ærenlund", "  Bjorn@Solbjerg.DK "])
    assert r.output.strip() == ("The e-mail address of Bjørn Ærenlund is now Bjorn@solbjerg.dk "
                                "(was bjorn.aerenlund@solbjerg.dk).")
    audit = [r for r in db_snapshot(db_url)["audit_event"] if r[3] == "person.email"]
    assert len(audit) == 4  # three set in setup, one changed here
    last = audit[-1]
    assert json.loads(last[8]) == {"email": "bjorn.aerenlund@solbjerg.dk"}
    assert json.loads(last[9]) == {"email": "Bjorn@solbjerg.dk"}
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]


def test_same_address_again_changes_nothing(cli, snapshot):
    setup(cli)
    before = snapshot()
    r = cli.ok(["person", "email", "Søs Ølgaard", "soes@solbjerg.dk"], lang="da")
    assert "Intet ændret: Søs Ølgaard har allerede adressen soes@solbjerg.dk." in r.output
    assert snapshot() == before


def test_remove_takes_the_address_away(cli, db_url):
    setup(cli)
    r = cli.ok(["person", "email", "Kurt Åkjær", "--remove"], lang="da")
    assert r.output.strip() == "E-mailadressen for Kurt Åkjær (kurt@solbjerg.dk) er fjernet."
    assert persons(db_url)["Kurt Åkjær"][2] is None


def test_domain_with_danish_letters_is_accepted_and_sent_as_ascii(cli):
    setup(cli)
    cli.ok(["person", "email", "Ida Holm", "ida@ærø.dk"])
    plan(cli)
    _, ev = event(cli)
    assert "mailto:ida@xn--r-3fa9c.dk" in attendees(ev)


@pytest.mark.parametrize("address, en, da", [
    ("ib.hansen", "it has no @", "den har intet @"),
    ("ib hansen@odder.dk", "it contains a space", "den indeholder et mellemrum"),
    ("Ib Hansen <ib@odder.dk>", "without a name and < >", "uden navn og < >"),
    ("ib@odder.dk; jo@odder.dk", "one address per person", "én adresse pr. person"),
    ("søren@odder.dk", "not æ, ø, å", "ikke æ, ø, å"),
    ("@odder.dk", "nothing comes before the @", "der står intet før @"),
    ("ib..hansen@odder.dk", "twice in a row", "to gange i træk"),
    ("ib@odder", "'odder' after the @ is not a domain", "'odder' efter @ er ikke et domæne"),
    ("ib@-odder.dk", "is not a domain", "er ikke et domæne"),
    ("", "The e-mail address is empty", "E-mailadressen er tom"),
    ("x" * 250 + "@odder.dk", "at most 254", "højst 254"),
])
def test_bad_addresses_are_refused_in_both_languages(cli, snapshot, address, en, da):
    setup(cli)
    before = snapshot()
    for lang, expected in (("en", en), ("da", da)):
        r = cli(["person", "email", "Ida Holm", address], lang=lang)
        assert r.exit_code == 1, r.output
        assert expected in r.output
        assert "Traceback" not in r.output
    assert snapshot() == before


def test_unknown_person_and_taken_address_are_refused(cli, snapshot):
    setup(cli)
    before = snapshot()
    r = cli(["person", "email", "Ingen Sådan", "ingen@solbjerg.dk"])
    assert r.exit_code == 1 and "There is no person named 'Ingen Sådan'" in r.output
    r = cli(["person", "email", "Ida Holm", "SOES@solbjerg.dk"], lang="da")
    assert r.exit_code == 1
    assert "soes@solbjerg.dk er allerede e-mailadressen for Søs Ølgaard" in r.output.replace(
        "SOES", "soes")
    r = cli(["person", "email", "Ida Holm"])
    assert r.exit_code == 1 and "Give the e-mail address" in r.output
    r = cli(["person", "email", "Ida Holm", "ida@solbjerg.dk", "--remove"], lang="da")
    assert r.exit_code == 1 and "Angiv enten en adresse eller --remove" in r.output
    assert snapshot() == before


def test_export_gives_the_address(cli):
    setup(cli)
    data = json.loads(cli.ok(["person", "export", "Søs Ølgaard"]).stdout)
    assert data["person"]["email"] == "soes@solbjerg.dk"
    history = [e for e in data["mentioned_in"]["audit_event"]
               if "soes@solbjerg.dk" in json.dumps(e["columns"])]
    assert [e["action"] for e in history] == ["person.email"]  # the history of the address


def test_forget_erases_every_address_the_person_had(cli, db_url):
    setup(cli)
    cli.ok(["person", "email", "Søs Ølgaard", "sos.olgaard@solbjerg.dk"])  # a second one
    plan(cli)
    r = cli(["person", "forget", "Søs Ølgaard", "--reason", "sendt fra soes@solbjerg.dk"])
    assert r.exit_code == 1 and "must not contain the person's e-mail address" in r.output
    cli.ok(["person", "forget", "Søs Ølgaard", "--reason", "Anmodning af 20.11.2026, j.nr. 4"])
    everything = json.dumps(db_snapshot(db_url), ensure_ascii=False, default=str).lower()
    assert "soes@solbjerg.dk" not in everything
    assert "sos.olgaard@solbjerg.dk" not in everything
    assert "søs ølgaard" not in everything
    assert "(e-mail slettet)" in everything
    assert json.loads(cli.ok("audit verify --json").stdout)["ok"]
    # the others keep theirs, and the pseudonymised person is no longer invited
    _, ev = event(cli)
    assert set(attendees(ev)) == {"mailto:bjorn.aerenlund@solbjerg.dk",
                                  "mailto:kurt@solbjerg.dk"}


# -- the invitation -------------------------------------------------------------------------------
def test_participants_with_an_address_are_attendees(cli):
    setup(cli)
    plan(cli, "--apology", "Kurt Åkjær")
    cal, ev = event(cli)
    assert str(cal["method"]) == "REQUEST" and str(ev["status"]) == "CONFIRMED"
    got = attendees(ev)
    assert set(got) == {"mailto:bjorn.aerenlund@solbjerg.dk", "mailto:soes@solbjerg.dk",
                        "mailto:kurt@solbjerg.dk"}
    chair = got["mailto:bjorn.aerenlund@solbjerg.dk"]
    assert chair == {"CN": "Bjørn Ærenlund", "CUTYPE": "INDIVIDUAL", "ROLE": "CHAIR",
                     "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
    vice = got["mailto:soes@solbjerg.dk"]  # næstformand is not the chair
    assert (vice["CN"], vice["ROLE"], vice["PARTSTAT"], vice["RSVP"]) == \
        ("Søs Ølgaard", "REQ-PARTICIPANT", "NEEDS-ACTION", "TRUE")
    declined = got["mailto:kurt@solbjerg.dk"]
    assert (declined["ROLE"], declined["PARTSTAT"]) == ("REQ-PARTICIPANT", "DECLINED")
    desc = str(ev["description"])
    assert "Participants: Bjørn Ærenlund, Ida Holm, Søs Ølgaard" in desc
    assert "Apologies: Kurt Åkjær" in desc
    assert ev.get("organizer") is None  # no minute-taker: none is invented
    assert int(ev["sequence"]) == 0


def test_chair_role_comes_from_the_body_when_participants_are_named(cli):
    setup(cli)
    plan(cli, "--participant", "Bjørn Ærenlund", "--participant", "Søs Ølgaard")
    got = attendees(event(cli, lang="da")[1])
    assert got["mailto:bjorn.aerenlund@solbjerg.dk"]["ROLE"] == "CHAIR"
    assert set(got) == {"mailto:bjorn.aerenlund@solbjerg.dk", "mailto:soes@solbjerg.dk"}


def test_union_affiliation_is_never_in_the_invitation(cli, db_url):
    from tests.robustness.conftest import raw_execute

    setup(cli)
    raw_execute(db_url, "UPDATE person SET union_affiliation = 'Socialpædagogerne'")
    plan(cli)
    for lang in ("da", "en"):
        assert "Socialpædagogerne" not in cli.ok("meeting ics 1 --out -", lang=lang).stdout


def test_minute_taker_with_an_address_is_the_organizer(cli):
    setup(cli)
    plan(cli, "--minute-taker", "Lise Holm")
    assert event(cli)[1].get("organizer") is None  # Lise Holm is not a known person
    cli.ok('body member p steering_group "Lise Holm" --role Projektleder')
    assert event(cli)[1].get("organizer") is None  # known, but without an address
    cli.ok(["person", "email", "Lise Holm", "lise.holm@solbjerg.dk"])
    org = event(cli)[1]["organizer"]
    assert str(org) == "mailto:lise.holm@solbjerg.dk" and str(org.params["CN"]) == "Lise Holm"


def test_sequence_grows_when_the_meeting_is_moved_or_its_agenda_changed(cli):
    setup(cli)
    plan(cli)
    seq = lambda: int(event(cli)[1]["sequence"])  # noqa: E731
    assert seq() == 0 and seq() == 0  # the same state gives the same invitation version
    cli.ok('meeting edit 1 --apology "Kurt Åkjær"')
    assert seq() == 0  # who attends is not a new version of the meeting
    cli.ok('meeting edit 1 --date "2017-06-15 13:00"')
    _, ev = event(cli)
    assert int(ev["sequence"]) == 1
    assert ev.decoded("dtstart").isoformat() == "2017-06-15T13:00:00+02:00"
    assert ev["uid"] == "meeting-1@nybureau"  # the same event, updated
    cli.ok('meeting edit 1 --place "Rådhuset, lokale 2"')
    assert seq() == 1  # the same place again is no change
    cli.ok('meeting edit 1 --place "Plejecentret"')
    assert seq() == 2
    cli.ok('meeting item add 1 --title "Sygefravær" --type discussion')
    assert seq() == 3
    cli.ok("meeting item move 1 12 --to 5")
    cli.ok('meeting item edit 1 5 --title "Sygefravær i hjemmeplejen"')
    assert seq() == 5
    cli.ok("meeting record 1 2 --outcome approved")  # the outcome is the minutes' business
    assert seq() == 5


def test_a_cancelled_meeting_is_sent_as_cancel():
    """Meetings have no cancelled status yet; the invitation is ready for one."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from nybureau.rendering.ics import meeting_ics

    when = datetime(2017, 6, 14, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    data = {"meeting": {"id": 7, "name": "Hoved-MED", "starts_at": when, "ends_at": None,
                        "place": None, "participants": [{"name": "Bjørn Ærenlund"}],
                        "apologies": [], "status": "cancelled"},
            "project": None, "items": []}
    invitation = {"attendees": [{"name": "Bjørn Ærenlund", "email": "bjorn@solbjerg.dk",
                                 "chair": True, "declined": False}],
                  "organizer": None, "sequence": 3}
    cal = Calendar.from_ical(meeting_ics(data, lang="da", invitation=invitation))
    ev = next(iter(cal.walk("VEVENT")))
    assert str(cal["method"]) == "CANCEL" and str(ev["status"]) == "CANCELLED"
    assert int(ev["sequence"]) == 3 and str(ev["uid"]) == "meeting-7@nybureau"
    assert attendees(ev)["mailto:bjorn@solbjerg.dk"]["RSVP"] == "FALSE"


def test_unknown_meeting_is_a_clear_refusal(cli):
    r = cli("meeting ics 9 --out -", lang="da")
    assert r.exit_code == 1 and "Mødet 9 findes ikke" in r.output


def test_an_address_can_be_given_when_a_member_or_agent_is_added(cli, snapshot):
    cli.ok('project create q --name "Q" --municipality "Solbjerg Kommune" --date 2017-05-02')
    cli.ok(['body', 'member', 'q', 'med', 'Anne Ærø', '--role', 'Formand',
            '--email', 'anne@solbjerg.dk'])
    cli.ok(['agent', 'add', 'q', 'Bo Ørum', '--email', 'bo@solbjerg.dk', '--date', '2017-05-03'])
    for name, address in (("Anne Ærø", "anne@solbjerg.dk"), ("Bo Ørum", "bo@solbjerg.dk")):
        exported = json.loads(cli.ok(["person", "export", name]).stdout)["person"]
        assert exported["email"] == address
    before = snapshot()
    bad = cli(['body', 'member', 'q', 'steering_group', 'Carl Ny', '--email', 'ikke en adresse'])
    assert bad.exit_code == 1 and "Traceback" not in bad.output and "e-mail" in bad.output
    assert snapshot() == before  # the member was not added either
    bad = cli(['agent', 'add', 'q', 'Dina Ny', '--email', 'anne@solbjerg.dk'])
    assert bad.exit_code == 1 and "Anne Ærø" in bad.output
    assert snapshot() == before
