"""Issue 11, §4: dates that make sense together. Outcomes only for meetings that have started,
no decisions, activities or advances dated in the future, no advance dated before the facts that
opened its gate (or before the previous phase change); moving a meeting keeps its duration and
a Copenhagen time that does not exist is refused. Through the CLI, in English and Danish: the
message, exit code 1 and the database unchanged."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Europe/Copenhagen")
TODAY = datetime.now(TZ).date()
FUTURE = TODAY + timedelta(days=20)


def refused(cli, snapshot, args, *, lang="en"):
    before = snapshot()
    result = cli(args, lang=lang)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert snapshot() == before, "a refused command changed the database"
    return " ".join(result.output.split())


@pytest.fixture
def project(cli):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2026-01-05")
    cli.ok('body member odder steering_group "Hanne Kjær"')
    return "odder"


def decide(cli, key, on, by=("management", "med")):
    cli.ok(["decision", "record", "odder", key, *sum((["--by", b] for b in by), []),
            "--outcome", "approved", "--date", on])


# -- meetings that have not started ---------------------------------------------------------------
def _future_meeting(cli):
    when = f"{FUTURE.isoformat()} 10:00"
    cli.ok(["meeting", "plan", "odder", "med", "--date", when])
    return json.loads(cli.ok("meeting show 1 --json").output)


def test_an_outcome_for_a_meeting_that_has_not_started_is_refused(cli, snapshot, project):
    from nybureau.rendering.dates import long_datetime

    m = _future_meeting(cli)
    number = next(i["number"] for i in m["items"] if i["decision"] == "project_description")
    starts = datetime.combine(FUTURE, datetime.min.time().replace(hour=10), TZ)
    args = ["meeting", "record", "1", str(number), "--outcome", "approved"]
    out = refused(cli, snapshot, args)
    assert (f"Meeting 1 (MED committee, {long_datetime(starts, 'en')}) has not started yet; "
            "record its outcomes when it has been held.") in out or \
        f"{long_datetime(starts, 'en')}) has not started yet; record its outcomes when it has " \
        "been held." in out
    da = refused(cli, snapshot, args, lang="da")
    assert (f"{long_datetime(starts, 'da')}) er ikke begyndt endnu; registrér dets "
            "beslutninger, når det er holdt.") in da
    assert da.startswith("Møde 1 (")
    # nor can its minutes be approved
    out = refused(cli, snapshot, "meeting approve 1")
    assert "Meeting 1" in out


def test_moving_a_meeting_into_the_past_lets_its_outcome_be_recorded(cli, project):
    _future_meeting(cli)
    cli.ok(["meeting", "edit", "1", "--date", "2026-03-10 10:00"])
    m = json.loads(cli.ok("meeting show 1 --json").output)
    number = next(i["number"] for i in m["items"] if i["decision"] == "project_description")
    cli.ok(["meeting", "record", "1", str(number), "--outcome", "approved"])


# -- decisions and activities dated in the future -------------------------------------------------
def test_a_decision_dated_in_the_future_is_refused(cli, snapshot, project):
    args = ["decision", "record", "odder", "organisation", "--by", "med", "--outcome",
            "approved", "--date", FUTURE.isoformat()]
    out = refused(cli, snapshot, args)
    assert (f"The date {FUTURE.isoformat()} is in the future (today is {TODAY.isoformat()}): "
            "a decision is recorded when it has been taken.") in out
    da = refused(cli, snapshot, args, lang="da")
    assert (f"Datoen {FUTURE.isoformat()} ligger i fremtiden (i dag er {TODAY.isoformat()}): "
            "en beslutning registreres, når den er truffet.") in da
    cli.ok(args[:-1] + [TODAY.isoformat()])   # today is fine


def test_an_activity_dated_in_the_future_is_refused(cli, snapshot, project):
    args = ["activity", "record", "odder", "seminar", "--date", FUTURE.isoformat()]
    out = refused(cli, snapshot, args)
    assert "an activity is recorded when it has been held, and only held activities count " \
        "for the phase gate" in out
    da = refused(cli, snapshot, args, lang="da")
    assert "en aktivitet registreres, når den er holdt" in da


def test_a_future_date_in_a_scenario_is_refused_with_nothing_imported(cli, snapshot, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "project: {slug: fremtid, name: Fremtid, municipality: Odder Kommune, "
        "created: 2026-01-05}\n"
        "steps:\n"
        f"  - {{date: {FUTURE.isoformat()}, decision: organisation, by: [med], "
        "outcome: approved}\n", encoding="utf-8")
    before = snapshot()
    r = cli(["project", "import", str(path)])
    assert r.exit_code == 1, r.output
    assert "is in the future" in r.output and snapshot() == before


def test_future_dated_rows_in_an_item_import_are_refused_by_row(cli, snapshot, project,
                                                                 tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(f"Type;Titel;Dato\nregel;Ugentlige timer;{FUTURE.isoformat()}\n",
                    encoding="utf-8")
    out = refused(cli, snapshot, ["item", "import", "odder", str(path)])
    assert f'row 2, column "Dato": {FUTURE.isoformat()} is in the future' in out
    da = refused(cli, snapshot, ["item", "import", "odder", str(path)], lang="da")
    assert f"række 2, kolonnen »Dato«: {FUTURE.isoformat()} ligger i fremtiden" in da


# -- advances dated before their facts, after today, before the previous change -----------------
def test_an_advance_dated_before_the_decisions_it_relies_on_is_refused(cli, snapshot, project):
    decide(cli, "project_description", "2026-03-10")
    decide(cli, "organisation", "2026-02-01")
    decide(cli, "seminar_participation", "2026-02-01")
    out = refused(cli, snapshot, "advance odder --date 2026-03-01")
    assert ("The advance of 'odder' is dated 2026-03-01, but the decision “Project description "
            "and overall course” by") in out
    assert "it relies on is dated 2026-03-10. Date the advance on or after 2026-03-10." in out
    da = refused(cli, snapshot, "advance odder --date 2026-03-01", lang="da")
    assert ("Faseskiftet for 'odder' er dateret 2026-03-01, men beslutningen »Projektbeskrivelse "
            "og overordnet forløb« i") in da
    assert "er dateret 2026-03-10. Datér faseskiftet 2026-03-10 eller senere." in da
    # --all-ready with the same date is refused the same way
    out = refused(cli, snapshot, "advance --all-ready --date 2026-03-01")
    assert "Date the advance on or after 2026-03-10" in out
    cli.ok("advance odder --date 2026-03-10")


def test_an_advance_in_the_future_or_before_the_previous_change_is_refused(cli, snapshot,
                                                                           project):
    for key in ("project_description", "organisation", "seminar_participation"):
        decide(cli, key, "2026-02-01")
    out = refused(cli, snapshot, f"advance odder --date {FUTURE.isoformat()}")
    assert "is in the future" in out and "a phase change is recorded when it happens" in out
    da = refused(cli, snapshot, f"advance --all-ready --date {FUTURE.isoformat()}", lang="da")
    assert "ligger i fremtiden" in da
    cli.ok("advance odder --date 2026-02-10")
    # going back before the previous change
    out = refused(cli, snapshot, ["advance", "odder", "--to", "backing", "--reason", "Forkert",
                                  "--date", "2026-02-05"])
    assert "is before the project entered its current phase (2026-02-10)" in out


def test_an_advance_relying_on_an_activity_is_not_dated_before_it(cli, snapshot, project):
    for key in ("project_description", "organisation", "seminar_participation"):
        decide(cli, key, "2026-02-01")
    cli.ok("advance odder --date 2026-02-02")
    status = json.loads(cli.ok("status odder --json").output)
    activity = next((r for r in status["requirements"] if r["kind"] == "activity"), None)
    if activity is None:
        pytest.skip("the second phase has no activity requirement")
    # meet the second phase completely with dated facts, one activity late
    for _ in range(5):
        status = json.loads(cli.ok("status odder --json").output)
        if status["can_advance"]:
            break
        for step in status["next_steps"]:
            step = step.replace("YYYY-MM-DD", "2026-04-01")
            if "activity record" in step:
                step = step.replace("2026-04-01", "2026-05-20")
            if "Fulde Navn" in step:
                step = step.replace('"Fulde Navn" --role ROLLE', '"Pia Lund"')
            if step.startswith("nybureau advance"):
                continue
            cli(step.split(" ", 1)[1])
    if not json.loads(cli.ok("status odder --json").output)["can_advance"]:
        pytest.skip("the second phase needs more than the status suggests")
    out = refused(cli, snapshot, "advance odder --date 2026-05-01")
    assert "it relies on is dated 2026-05-20" in out and "the activity" in out
    cli.ok("advance odder --date 2026-05-20")


# -- moving a meeting, and times that do not exist --------------------------------------------
def test_moving_a_meeting_keeps_its_duration(cli, project):
    cli.ok(["meeting", "plan", "odder", "med", "--date", "2026-03-10 10:00", "--duration",
            "90"])
    cli.ok(["meeting", "edit", "1", "--date", "2026-03-28 13:15"])
    m = json.loads(cli.ok("meeting show 1 --json").output)
    starts, ends = (datetime.fromisoformat(m[k]) for k in ("starts_at", "ends_at"))
    assert ends - starts == timedelta(minutes=90)
    # across the change to summer time the elapsed time is kept
    cli.ok(["meeting", "edit", "1", "--date", "2026-03-29 01:30"])
    m = json.loads(cli.ok("meeting show 1 --json").output)
    starts, ends = (datetime.fromisoformat(m[k]) for k in ("starts_at", "ends_at"))
    assert ends - starts == timedelta(minutes=90)


@pytest.mark.parametrize("args", [
    ["meeting", "plan", "odder", "med", "--date", "2026-03-29 02:30"],
    ["meeting", "edit", "1", "--date", "2026-03-29 02:30"],
])
def test_a_copenhagen_time_that_does_not_exist_is_refused(cli, snapshot, project, args):
    cli.ok(["meeting", "plan", "odder", "med", "--date", "2026-03-10 10:00"])
    out = refused(cli, snapshot, args)
    assert "2026-03-29 02:30 does not exist in Copenhagen" in out
    da = refused(cli, snapshot, args, lang="da")
    assert "2026-03-29 02:30 findes ikke i dansk tid" in da


def test_a_time_that_does_not_exist_in_a_scenario_meeting_is_refused(cli, snapshot, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "project: {slug: dst, name: Sommertid, municipality: Odder Kommune, "
        "created: 2026-01-05}\n"
        "steps:\n"
        "  - {date: 2026-03-29, meeting: med, time: '02:30'}\n", encoding="utf-8")
    before = snapshot()
    r = cli(["project", "import", str(path)])
    assert r.exit_code == 1, r.output
    assert snapshot() == before
    assert "s.yaml:" in r.output and "2026-03-29 02:30 does not exist in Copenhagen" in r.output


def test_the_demo_still_runs(cli, tmp_path):
    r = cli(["demo", "--out", str(tmp_path / "demo")])
    assert r.exit_code == 0, r.output
    assert date(2017, 1, 1) < TODAY
