"""Issue 10 §7: ordinary bad input is a clear refusal, never an "unexpected error".

Non-UTF-8 bytes in arguments, integers beyond 64 bits, dates at the edges (and Copenhagen's
missing and repeated hours), over-long paths, CSV cells over the csv module's field limit and
very large CSV files, a file that is not a database, and a database made by a newer nybureau.
Each refusal: exit 1 (2 for click's usage errors), a message in the user's language, no
traceback, and the database exactly as it was. Runs on SQLite and, with NYBUREAU_TEST_PG, on
PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli, db_snapshot
from tests.robustness.conftest import raw_execute

REPO = Path(__file__).resolve().parents[2]
BAD_OUTPUT = ("Traceback", "unexpected error")
HUGE = str(2**64)
LONG = "a" * 5000  # one path component beyond every file system's NAME_MAX


@pytest.fixture
def project(cli):
    cli.ok('network create net --name "Netværk"')
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--network net --date 2017-06-01")
    cli.ok('body member odder steering_group "Hanne Kjær"')
    cli.ok('agent add odder "Mette Hviid"')
    cli.ok('item add odder --kind rule --title "Skema"')
    cli.ok('meeting plan odder steering_group --date "2017-09-01 10:00"')
    return cli


def refused(cli, snapshot, args, *, code=1, lang="en"):
    before = snapshot()
    result = cli(args, lang=lang)
    for bad in BAD_OUTPUT:
        assert bad not in result.output, result.output
    assert result.exit_code == code, result.output
    assert result.output.strip(), "a refusal says why"
    assert snapshot() == before, "a refused command changed the database"
    return result.output


# -- non-UTF-8 bytes in arguments ----------------------------------------------------------------

SURROGATE = "od\udce6der"  # what Python makes of the bytes b"od\xe6der" (Latin-1 "odæder")

COMMANDS_WITH_TEXT = [
    ["status", SURROGATE],
    ["project", "show", SURROGATE],
    ["log", SURROGATE],
    ["project", "create", "x", "--name", SURROGATE, "--municipality", "M"],
    ["network", "create", "n2", "--name", SURROGATE],
    ["body", "member", "odder", "med", SURROGATE],
    ["agent", "add", "odder", SURROGATE],
    ["item", "add", "odder", "--kind", "rule", "--title", SURROGATE],
    ["item", "show", "odder", SURROGATE],
    ["trace", "odder", SURROGATE],
    ["activity", "record", "odder", "seminar", "--title", SURROGATE],
    ["decision", "record", "odder", "organisation", "--by", "med", "--outcome", "approved",
     "--note", SURROGATE],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--place", SURROGATE],
    ["meeting", "show", SURROGATE],
    ["prototype", "add", "odder", SURROGATE, "--focus-area", "x"],
    ["render", "status-report", SURROGATE],
    ["project", "import", SURROGATE + ".yaml"],
    ["item", "import", "odder", SURROGATE + ".csv"],
    ["person", "export", SURROGATE],
    ["workflow", "show", SURROGATE],
]


@pytest.mark.parametrize("args", COMMANDS_WITH_TEXT, ids=lambda a: " ".join(a[:2]))
def test_an_argument_that_is_not_utf8_is_refused_naming_it(project, snapshot, args):
    out = refused(project, snapshot, args)
    assert "is not valid UTF-8 text" in out and "\\xe6" in out
    assert "argument" in out.lower()
    da = refused(project, snapshot, args, lang="da")
    assert "er ikke gyldig UTF-8-tekst" in da


def _run(db_url: str, *args: bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONUTF8": "1", "NYBUREAU_LANG": "en", **(env or {})}
    environ.pop("NYBUREAU_DEBUG", None)
    return subprocess.run([sys.executable.encode(), b"-m", b"nybureau", b"--db",
                           db_url.encode(), *args], capture_output=True, env=environ,
                          timeout=120)


@pytest.mark.parametrize("args", [
    (b"status", b"od\xe6der"),
    (b"project", b"show", b"\xff\xfe"),
    (b"project", b"create", b"x", b"--name", b"Bost\xf8tte", b"--municipality", b"M"),
    (b"meeting", b"plan", b"odder", b"med", b"--date", b"2017-09-02 10:00", b"--place", b"\xe6"),
])
def test_raw_bytes_from_a_real_shell_are_refused(project, snapshot, args):
    before = snapshot()
    result = _run(project.db_url, *args)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert "is not valid UTF-8 text" in err and err.startswith("Argument ") and "\\x" in err
    assert not any(bad in err for bad in BAD_OUTPUT), err
    assert snapshot() == before


def test_a_setting_that_is_not_utf8_is_refused(project, snapshot):
    before = snapshot()
    result = _run(project.db_url, b"agent", b"add", b"odder", b"Ny Agent",
                  env={"NYBUREAU_ACTOR": os.fsdecode(b"\xff")})
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "NYBUREAU_ACTOR" in err and "UTF-8" in err, err
    assert snapshot() == before


# -- integers beyond 64 bits ---------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["workshop", "vote", "odder", "1", "--participant", "A", "--role", "frontline",
     "--verdict", "remove", "--points", HUGE],
    ["advance", "odder", "--if-version", HUGE],
    ["activity", "record", "odder", "module", "--number", HUGE],
    ["render", "module-outline", "odder", "--number", HUGE],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--duration", HUGE],
    ["meeting", "plan", "net", "network", "--date", "2017-09-02 10:00", "--number", HUGE],
    ["meeting", "item", "add", "1", "--title", "X", "--position", HUGE],
    ["meeting", "item", "move", "1", "1", "--to", HUGE],
    ["workshop", "vote", "odder", "1", "--participant", "A", "--role", "frontline",
     "--verdict", "remove", "--points", "-" + HUGE],
    ["workshop", "vote", "odder", "1", "--participant", "A", "--role", "frontline",
     "--verdict", "remove", "--points", "9" * 5000],
], ids=lambda a: " ".join(a[:2]) + " " + next(x for x in a if x.startswith("--")))
def test_an_integer_option_beyond_64_bits_is_a_usage_error(project, snapshot, args):
    out = refused(project, snapshot, args, code=2)
    assert ("too large; at most 9223372036854775807" in out or "is not a whole number" in out
            or "too small; at least -9223372036854775808" in out)
    da = refused(project, snapshot, args, code=2, lang="da")
    assert "for stort" in da or "ikke et helt tal" in da or "for lille" in da


@pytest.mark.parametrize("args, says", [
    (["meeting", "show", HUGE], "There is no meeting"),
    (["meeting", "edit", HUGE, "--place", "X"], "There is no meeting"),
    (["meeting", "approve", HUGE], "There is no meeting"),
    (["item", "show", "odder", HUGE], "has no governance item"),
    (["item", "show", "odder", "#" + HUGE], "has no governance item"),
    (["item", "edit", "odder", HUGE, "--title", "Y"], "has no governance item"),
    (["trace", "odder", HUGE], "has no governance item"),
    (["prototype", "show", "odder", HUGE], "has no prototype"),
    (["item", "show", "odder", "\u00b2"], "has no governance item"),  # a digit int() refuses
])
def test_an_id_beyond_64_bits_is_simply_not_found(project, snapshot, args, says):
    assert says in refused(project, snapshot, args)


def test_points_beyond_64_bits_in_a_csv_are_refused_with_the_row(project, snapshot, tmp_path):
    path = tmp_path / "votes.csv"
    path.write_text(f"participant,chain_role,item,verdict,points\nA,frontline,1,remove,{HUGE}\n",
                    encoding="utf-8")
    out = refused(project, snapshot, ["workshop", "import", "odder", str(path)])
    assert "row 2, column \"points\"" in out


def test_a_scenario_number_beyond_64_bits_is_refused_with_its_line(cli, snapshot, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("format: nybureau-scenario/1\n"
                    "project: {slug: s, name: S, municipality: Testrup Kommune}\n"
                    "steps:\n"
                    f"  - {{date: 2017-10-01, activity: module, number: {HUGE}}}\n",
                    encoding="utf-8")
    out = refused(cli, snapshot, ["project", "import", str(path)])
    assert "s.yaml:4" in out and "--number between 1 and 3" in out


# -- dates at the edges, and Copenhagen's clock changes --------------------------------------------

@pytest.mark.parametrize("args", [
    ["meeting", "plan", "odder", "med", "--date", "9999-12-31 23:30"],
    ["meeting", "plan", "odder", "med", "--date", "0001-01-01 00:00"],
    ["meeting", "plan", "odder", "med", "--date", "1899-12-31 10:00"],
    ["meeting", "edit", "1", "--date", "9999-12-31 23:30"],
    ["activity", "record", "odder", "seminar", "--date", "0001-01-01"],
    ["activity", "record", "odder", "seminar", "--date", "9999-12-31"],
    ["decision", "record", "odder", "organisation", "--by", "med", "--outcome", "approved",
     "--date", "0001-01-01"],
    ["project", "create", "x", "--name", "X", "--municipality", "M", "--date", "3000-01-01"],
    ["agent", "add", "odder", "Ny Agent", "--date", "0001-01-01"],
    ["item", "add", "odder", "--kind", "rule", "--title", "Ny", "--date", "9999-12-31"],
], ids=lambda a: " ".join(a[:2]) + " " + a[-1])
def test_a_date_outside_the_accepted_years_is_refused(project, snapshot, args):
    out = refused(project, snapshot, args)
    assert "outside the dates nybureau accepts (1900–2999)" in out, out
    da = refused(project, snapshot, args, lang="da")
    assert "uden for de datoer, nybureau tager imod (1900–2999)" in da


def test_the_edges_of_the_accepted_years_are_accepted(project):
    project.ok(["activity", "record", "odder", "seminar", "--date", "1900-01-01"])
    project.ok(["meeting", "plan", "odder", "med", "--date", "2999-12-31 23:30"])


def test_dates_at_the_edges_in_a_scenario_and_a_csv_are_refused(project, snapshot, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("format: nybureau-scenario/1\n"
                    "project: {slug: s, name: S, municipality: Testrup Kommune}\n"
                    "steps:\n"
                    "  - {date: 0001-01-01, activity: seminar}\n", encoding="utf-8")
    out = refused(project, snapshot, ["project", "import", str(path)])
    assert "s.yaml:4" in out and "1900–2999" in out
    csv = tmp_path / "items.csv"
    csv.write_text("kind,title,date\nrule,A,01-01-0001\nrule,B,9999-12-31\n", encoding="utf-8")
    out = refused(project, snapshot, ["item", "import", "odder", str(csv)])
    assert "row 2, column \"date\"" in out and "row 3, column \"date\"" in out
    assert "1900–2999" in out


def test_a_time_that_does_not_exist_in_copenhagen_is_refused(project, snapshot):
    args = ["meeting", "plan", "odder", "med", "--date", "2017-03-26 02:30"]
    out = refused(project, snapshot, args)
    assert "2017-03-26 02:30 does not exist in Copenhagen" in out and "03:00" in out
    assert "findes ikke i dansk tid" in refused(project, snapshot, args, lang="da")
    out = refused(project, snapshot, ["meeting", "edit", "1", "--date", "2017-03-26 02:00"])
    assert "does not exist in Copenhagen" in out


def test_the_times_around_the_spring_gap_are_kept_as_given(project):
    for when, offset in (("2017-03-26 01:59", "+01:00"), ("2017-03-26 03:00", "+02:00")):
        shown = json.loads(project.ok(["meeting", "plan", "odder", "med", "--date", when,
                                       "--json"]).output)
        assert shown["starts_at"] == when.replace(" ", "T") + ":00" + offset


def test_an_ambiguous_autumn_time_is_its_first_occurrence_in_summer_time(project):
    shown = json.loads(project.ok(["meeting", "plan", "odder", "med", "--date",
                                   "2017-10-29 02:30", "--json"]).output)
    assert shown["starts_at"] == "2017-10-29T02:30:00+02:00"  # CEST, not CET
    # two hours later in elapsed time: 03:30 winter time (the clock went back at 03:00)
    assert shown["ends_at"] == "2017-10-29T03:30:00+01:00"


def test_a_meeting_over_the_spring_change_lasts_its_duration(project):
    shown = json.loads(project.ok(["meeting", "plan", "odder", "med", "--date",
                                   "2017-03-26 01:00", "--json"]).output)
    assert shown["ends_at"] == "2017-03-26T04:00:00+02:00"  # 01:00 CET + 2 h = 04:00 CEST


# -- over-long paths -----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["project", "import", f"/tmp/{LONG}.yaml"],
    ["item", "import", "odder", f"/tmp/{LONG}.csv"],
    ["workshop", "import", "odder", f"/tmp/{LONG}.csv"],
    ["survey", "import", "odder", f"/tmp/{LONG}.csv", "--name", "r1", "--kind", "baseline",
     "--date", "2018-01-10"],
    ["workflow", "validate", f"/tmp/{LONG}.yaml"],
    ["project", "create", "x", "--name", "X", "--municipality", "M",
     "--workflow", f"/tmp/{LONG}.yaml"],
    ["import", f"/tmp/{LONG}.json"],
    ["render", "status-report", "odder", "--templates", f"/tmp/{LONG}"],
    ["render", "status-report", "odder", "--out", f"/tmp/{LONG}.md"],
    ["render", "all", "odder", "--out", f"/tmp/{LONG}"],
    ["export", "--out", f"/tmp/{LONG}.json"],
], ids=lambda a: " ".join(a[:2]))
def test_an_over_long_path_is_refused(project, snapshot, args):
    out = refused(project, snapshot, args)
    assert "File name too long" in out or "too long" in out, out
    if args[0] in ("item", "workshop", "survey") or args[:2] == ["project", "import"]:
        # the CSV and scenario readers
        assert len(out) < 1000, "the path is cut in the message"


def test_an_over_long_database_path_is_refused(tmp_path):
    for args in (["init"], ["status"], ["project", "list"], ["backup", "--out",
                                                               str(tmp_path / "b.db")]):
        result = Cli("sqlite:////tmp/" + LONG + ".db")(args)
        assert result.exit_code == 1, result.output
        assert ("cannot be used (File name too long)" in result.output
                or "too long (File name too long)" in result.output
                or "unable to open database file" in result.output
                or "File name too long" in result.output), result.output
        assert not any(bad in result.output for bad in BAD_OUTPUT)
    result = Cli(f"sqlite:////tmp/{LONG}/x.db")(["init"], lang="da")
    assert "kan ikke bruges" in result.output


# -- CSV: the field limit and very large files ------------------------------------------------------

def test_a_csv_cell_over_the_field_limit_is_refused_with_its_row(project, snapshot, tmp_path):
    import csv as csv_module

    path = tmp_path / "items.csv"
    path.write_text("kind,title\nrule,A\nrule," + "x" * (csv_module.field_size_limit() + 10)
                    + "\n", encoding="utf-8")
    out = refused(project, snapshot, ["item", "import", "odder", str(path)])
    assert "row 3: a cell is longer than 131072 characters" in out


def test_a_very_large_csv_file_is_refused_before_it_is_read(project, snapshot, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("kind,title\n")
        line = "rule," + "y" * 990 + "\n"
        for _ in range(21_000):
            f.write(line)
    for args in (["item", "import", "odder", str(path)],
                 ["workshop", "import", "odder", str(path)],
                 ["survey", "import", "odder", str(path), "--name", "r1", "--kind", "baseline",
                  "--date", "2018-01-10"]):
        out = refused(project, snapshot, args)
        assert "at most 20 MB" in out
    assert "højst fylde 20 MB" in refused(project, snapshot, args, lang="da")


# -- a file that is not a database; a database newer than the code -----------------------------------

@pytest.mark.parametrize("content", [b"hello, this is not a database at all\n" * 20,
                                     b"SQLite format 3\x00" + b"\xff" * 200])
def test_init_on_a_file_that_is_not_a_database_is_refused(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    for args in (["init"], ["status"], ["project", "list"], ["log", "x"]):
        result = Cli("sqlite:///" + str(path))(args)
        assert result.exit_code == 1, result.output
        assert "is not a database" in result.output, result.output
        assert not any(bad in result.output for bad in BAD_OUTPUT)
    da = Cli("sqlite:///" + str(path))(["init"], lang="da").output
    assert "er ikke en database" in da
    assert path.read_bytes() == content


def test_a_database_made_by_a_newer_nybureau_is_refused_by_init_and_every_command(cli, db_url):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune"')
    raw_execute(db_url, "UPDATE alembic_version SET version_num = '0099z'")
    before = db_snapshot(db_url)
    for args in (["init"], ["status"], ["project", "list"], ["project", "show", "odder"],
                 ["agent", "add", "odder", "Ny Agent"]):
        result = cli(args)
        assert result.exit_code == 1, result.output
        assert "was made by a newer nybureau (schema 0099z" in result.output, result.output
        assert "Upgrade nybureau" in result.output
        assert "Can't locate revision" not in result.output and "nybureau init" not in \
            result.output
    assert "lavet af en nyere nybureau (skema 0099z" in cli(["init"], lang="da").output
    assert db_snapshot(db_url) == before


def test_an_older_database_is_still_told_to_run_init(cli, db_url):
    raw_execute(db_url, "UPDATE alembic_version SET version_num = '0002'")
    result = cli(["status"])
    assert result.exit_code == 1 and "Run `nybureau init` to upgrade it" in result.output
