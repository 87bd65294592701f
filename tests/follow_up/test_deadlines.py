"""A body's deadlines (issue 14, §3): working days that skip the Danish public holidays and the
municipal days off, the defaults of each kind of body, `body deadline` and its refusals."""

from __future__ import annotations

import json
from datetime import date

import pytest

from nybureau.services.meetings.deadlines import (
    DEFAULTS,
    add_working_days,
    is_working_day,
)


def test_working_days_skip_weekends_and_danish_holidays():
    # Easter 2017: Maundy Thursday 13/4, Good Friday 14/4, Easter Monday 17/4
    assert add_working_days(date(2017, 4, 18), -5) == date(2017, 4, 6)
    # Christmas and New Year: 25/12, 26/12, 31/12 (a Sunday) and 1/1 are not counted
    assert add_working_days(date(2017, 12, 27), 3) == date(2018, 1, 2)
    # Christmas Eve and New Year's Eve are municipal days off too (2018: a Monday)
    assert not is_working_day(date(2018, 12, 24)) and not is_working_day(date(2018, 12, 31))
    # Constitution Day (5 June) is a day off; Whit Monday 2018 was 21 May
    assert add_working_days(date(2018, 6, 4), 1) == date(2018, 6, 6)
    assert not is_working_day(date(2018, 5, 21))
    # Great Prayer Day was a holiday until 2023 and is a working day from 2024
    assert not is_working_day(date(2023, 5, 5))
    assert is_working_day(date(2024, 4, 26))
    assert add_working_days(date(2017, 6, 22), 0) == date(2017, 6, 22)
    assert add_working_days(date(2017, 6, 22), -5) == date(2017, 6, 15)


def test_defaults_by_kind_of_body():
    assert DEFAULTS["med"] == (5, 5)
    assert DEFAULTS["management"][0] < DEFAULTS["med"][0] < DEFAULTS["network"][0]


def _project(cli):
    cli.ok('project create p --name "P" --municipality "Testkommune" --date 2017-01-02')
    cli.ok('body member p med "Bjørn Ærenlund" --role Formand')


def test_body_deadline_sets_lists_and_is_in_the_history(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # each history sentence on one line
    _project(cli)
    listed = json.loads(cli.ok("body deadline p --json").output)
    med = next(r for r in listed if r["body"] == "med")
    assert (med["agenda_days"], med["minutes_days"], med["agenda_default"]) == (5, 5, True)
    r = cli.ok("body deadline p med --agenda-days 7", lang="da")
    assert "7 arbejdsdage før mødet" in r.output and "senest 5 arbejdsdage" in r.output
    r = cli.ok("body deadline p med --minutes-days 3 --json")
    assert json.loads(r.output) == {"project": "p", "body": "med", "agenda_days": 7,
                                    "minutes_days": 3}
    listed = json.loads(cli.ok("body deadline p --json").output)
    med = next(r for r in listed if r["body"] == "med")
    assert (med["agenda_days"], med["minutes_days"], med["agenda_default"],
            med["minutes_default"]) == (7, 3, False, False)
    table = cli.ok("body deadline p --list", lang="da").output
    assert "MED-udvalget" in table and "(standard)" not in table
    log = cli.ok("log p", lang="da").output
    assert "Fristerne for MED-udvalget er nu: dagsorden 7 arbejdsdage før mødet" in log
    assert "referat senest 3 arbejdsdage efter" in log


@pytest.mark.parametrize("args, words", [
    ("body deadline p med", "--agenda-days"),
    ("body deadline p med --agenda-days -1", "0 til 60"),
    ("body deadline p med --minutes-days 61", "0 til 60"),
    ("body deadline p --agenda-days 3", "Angiv det udvalg"),
    ("body deadline nope med --agenda-days 3", "nope"),
])
def test_body_deadline_refusals_change_nothing(cli, args, words):
    _project(cli)
    r = cli(args, lang="da")
    assert r.exit_code != 0, r.output
    assert words in r.output and "Traceback" not in r.output
    listed = json.loads(cli.ok("body deadline p --json").output)
    assert all(row["agenda_default"] and row["minutes_default"] for row in listed)
