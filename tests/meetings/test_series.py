"""Meetings in series (issue 14 §2): `meeting series PROJECT BODY --every …|--dates …` plans a
body's meetings with one template agenda through the planning service, leaves out (or refuses)
Danish holidays, keeps each meeting editable and cancellable; `meeting series list`; the year
plan (`render year-plan`) and one calendar of every meeting (`meeting ics --all`)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar


def setup(cli):
    cli.ok('network create net --name "Netværk Øst"')
    cli.ok('project create p --name "Styring i hjemmeplejen" --municipality "Solbjerg Kommune" '
           "--network net --date 2017-02-01")
    cli.ok('body member p med "Bjørn Ærenlund" --role "Formand, ledelsesrepræsentant"')
    cli.ok('body member p med "Søs Ølgaard" --role Tillidsrepræsentant')
    cli.ok(["person", "email", "Bjørn Ærenlund", "bjorn@solbjerg.dk"])


def shows(cli, mid):
    return json.loads(cli.ok(f"meeting show {mid} --json").output)


# -- the dates -----------------------------------------------------------------------------------
def test_every_four_weeks_leaves_out_a_holiday_and_keeps_the_weekday():
    from nybureau.services.meetings.series import series_dates

    days, skipped = series_dates(every="4w", starts_on="2017-03-01", ends_on="2017-06-30",
                                 weekday="torsdag")
    assert days == [date(2017, 3, 2), date(2017, 3, 30), date(2017, 4, 27), date(2017, 6, 22)]
    assert skipped == [{"date": date(2017, 5, 25),
                        "holiday": {"da": "Kristi himmelfartsdag", "en": "Ascension Day"}}]


def test_every_month_is_the_same_week_of_the_month():
    from nybureau.services.meetings.series import series_dates

    days, _ = series_dates(every="month", starts_on="2017-09-20", ends_on="2017-12-31")
    assert days == [date(2017, 9, 20), date(2017, 10, 18), date(2017, 11, 15),
                    date(2017, 12, 20)]  # the third Wednesday


def test_dates_on_a_holiday_are_refused_unless_skipped():
    from nybureau.errors import InvalidInput
    from nybureau.services.meetings.series import series_dates

    with pytest.raises(InvalidInput) as e:
        series_dates(dates=["2017-12-27", "2017-12-24"])
    assert "2017-12-24" in e.value.msg.render("en") and "juleaftensdag" in \
        e.value.msg.render("da").lower()
    days, skipped = series_dates(dates=["2017-12-27", "2017-12-24"], on_holiday="skip")
    assert days == [date(2017, 12, 27)] and skipped[0]["date"] == date(2017, 12, 24)
    with pytest.raises(InvalidInput):
        series_dates(every="4w", starts_on="2017-05-25", ends_on="2017-05-26",
                     on_holiday="refuse")
    for bad in ({"every": "3w", "starts_on": "2017-01-01", "ends_on": "2017-02-01"},
                {"every": "1w", "starts_on": "2017-02-01", "ends_on": "2017-01-01"},
                {"every": "1w", "starts_on": "2017-01-01"},
                {"every": "1w", "starts_on": "2017-01-01", "ends_on": "2020-01-01"},
                {"dates": ["2017-01-05"], "every": "1w"}, {},
                {"every": "1w", "starts_on": "2017-01-01", "ends_on": "2017-02-01",
                 "weekday": "blursday"}):
        with pytest.raises(InvalidInput):
            series_dates(**bad)


# -- planning --------------------------------------------------------------------------------------
def test_a_series_plans_each_meeting_with_the_template_and_the_decisions_on_the_first(cli):
    setup(cli)
    r = cli.ok('meeting series p med --every 4w --from 2017-03-01 --to 2017-06-30 '
               '--weekday thursday --time 13:00 --place Rådhuset --committee Hoved-MED '
               '--item "Arbejdsmiljø" --json')
    out = json.loads(r.output)
    assert [m["starts_at"][:16] for m in out["meetings"]] == [
        "2017-03-02T13:00", "2017-03-30T13:00", "2017-04-27T13:00", "2017-06-22T13:00"]
    assert out["skipped"] == [{"date": "2017-05-25",
                               "holiday": {"da": "Kristi himmelfartsdag",
                                           "en": "Ascension Day"}}]
    first, second = shows(cli, 1), shows(cli, 2)
    titles = [it["title"] for it in second["items"]]
    assert "Arbejdsmiljø" in titles
    # the template item comes before the status item; the minutes of the last meeting from
    # the second meeting on
    assert titles.index("Arbejdsmiljø") == titles.index("Project status") - 1
    assert "Approval of the minutes of the last meeting" in titles
    assert "Approval of the minutes of the last meeting" not in \
        [it["title"] for it in first["items"]]
    decisions = lambda m: [it["decision"] for it in m["items"] if it["decision"]]  # noqa: E731
    assert decisions(first) and not decisions(second)
    assert [p["name"] for p in second["participants"]] == ["Bjørn Ærenlund", "Søs Ølgaard"]
    assert second["committee"] == "Hoved-MED" and second["place"] == "Rådhuset"

    listed = json.loads(cli.ok("meeting series list p --json").output)
    assert len(listed) == 1 and listed[0]["rule"]["every"] == "4w"
    assert listed[0]["template"] == ["Arbejdsmiljø"]
    assert [m["id"] for m in listed[0]["meetings"]] == [1, 2, 3, 4]
    # each meeting stays a meeting of its own
    cli.ok('meeting edit 2 --date "2017-03-31 09:00"')
    cli.ok('meeting cancel 3 --reason "Formanden er syg" --date 2017-04-20')
    listed = json.loads(cli.ok("meeting series list p --json").output)
    assert [m["status"] for m in listed[0]["meetings"]] == ["planned", "planned",
                                                            "cancelled", "planned"]
    from nybureau.cli.log_sentences import SENTENCES, Words

    event = next(e for e in json.loads(cli.ok("log p --json").output)
                 if e["action"] == "meeting.series")
    da, en = SENTENCES["meeting.series"](event["after"], event["before"], Words("da"))
    assert da == ("4 møder i MED-udvalget er planlagt som en mødeserie fra den 2. marts 2017 "
                  "til den 22. juni 2017.")


def test_a_clash_refuses_the_whole_series(cli, snapshot):
    setup(cli)
    cli.ok('meeting plan p med --date "2017-03-30 13:00"')
    before = snapshot()
    r = cli("meeting series p med --dates 2017-03-02,2017-03-30 --time 13:00")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "meeting 1" in r.output
    assert snapshot() == before


def test_a_network_series_takes_the_free_numbers(cli):
    setup(cli)
    cli.ok('meeting plan net network --number 1 --date "2017-10-05 10:00"')
    out = json.loads(cli.ok("meeting series --network net --dates 2017-11-09,2018-02-08 "
                            "--time 10:00 --item Kaffe --json").output)
    numbers = [shows(cli, m["id"])["number"] for m in out["meetings"]]
    assert numbers == [2, 3]
    items = shows(cli, out["meetings"][0]["id"])["items"]
    titles = [it["title"] for it in items]
    assert titles.index("Kaffe") == titles.index("Mutual information and any other business") - 1
    assert [it["number"] for it in items] == list(range(1, len(items) + 1))
    r = cli("meeting series --network net --dates 2018-03-01,2018-04-05")
    assert r.exit_code == 1 and "1 network meetings left" in r.output


# -- the year plan -------------------------------------------------------------------------------
def test_the_year_plan_shows_who_meets_when_and_the_decisions_expected(cli, tmp_path):
    setup(cli)
    cli.ok("body member p management \"Mette Hviid\" --role Direktør")
    cli.ok("meeting series p med --every month --from 2017-03-01 --to 2017-05-31 --time 13:00")
    cli.ok('meeting plan p management --date "2017-03-07 09:00"')
    item = next(it["number"] for it in shows(cli, 4)["items"]
                if it["decision"] == "project_description")
    cli.ok(f"meeting record 4 {item} --outcome approved")  # management: project description
    md = cli.ok("render year-plan --project p --out -", lang="da").output
    assert "# Årshjul" in md and "## Marts 2017" in md and "## April 2017" in md
    assert "Projektbeskrivelse og overordnet forløb (besluttet 7. marts 2017: godkendt)" in md
    assert "(forventes)" in md
    # the next phase's decisions come on a later MED meeting than the current phase's
    march = md.split("## April 2017")[0]
    assert "Valg af områder for styringseftersyn" not in march
    assert "## Netværksmøderne" in md and "endnu ikke planlagt" in md.lower()
    en = cli.ok("render year-plan --project p --out -", lang="en").output
    assert "# Year plan" in en and "(expected)" in en
    net = cli.ok("render year-plan --network net --out -", lang="da").output
    assert "*Netværk Øst*" in net and "MED-udvalget (Solbjerg Kommune)" in net
    for fmt in ("html", "docx"):
        cli.ok(f"render year-plan --project p --format {fmt} --out {tmp_path}/x.{fmt}")
    from docx import Document

    doc = Document(str(tmp_path / "x.docx"))
    assert doc.tables and any("Year plan" in p.text for p in doc.paragraphs)
    assert "<caption>" in (tmp_path / "x.html").read_text(encoding="utf-8")


# -- one calendar ----------------------------------------------------------------------------------
def _events(text: str):
    cal = Calendar.from_ical(text.encode("utf-8"))
    return cal, {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_ics_all_has_each_meeting_with_its_own_uid_and_sequence(cli):
    setup(cli)
    cli.ok("meeting series p med --dates 2017-03-02,2017-03-30,2017-04-27 --time 13:00")
    cli.ok('meeting edit 2 --date "2017-03-31 09:00"')  # SEQUENCE 1
    cli.ok('meeting cancel 3 --reason "Syg" --date 2017-04-20')
    cal, events = _events(cli.ok("meeting ics --all --project p --out -").output)
    assert str(cal["METHOD"]) == "PUBLISH" and len(events) == 3
    for mid in (1, 2, 3):
        _, single = _events(cli.ok(f"meeting ics {mid} --out -").output)
        uid, ev = next(iter(single.items()))
        assert uid == f"meeting-{mid}@nybureau"
        assert int(events[uid]["SEQUENCE"]) == int(ev["SEQUENCE"])
        assert events[uid].decoded("DTSTART") == ev.decoded("DTSTART")
    assert int(events["meeting-2@nybureau"]["SEQUENCE"]) == 1
    assert str(events["meeting-3@nybureau"]["STATUS"]) == "CANCELLED"
    assert str(events["meeting-1@nybureau"]["STATUS"]) == "CONFIRMED"
    assert "ATTENDEE" not in events["meeting-1@nybureau"]  # a published calendar
    for bad in ("meeting ics", "meeting ics 1 --all", "meeting ics 1 --project p",
                "meeting ics --all --project p --network net"):
        r = cli(bad)
        assert r.exit_code == 1 and "Traceback" not in r.output
