"""The governance register: add, edit, show, list, and the CSV import as Danish Excel writes it —
every bad row named by row and column, and nothing of a bad file written."""

from __future__ import annotations

import json

from tests.substance.conftest import ITEMS_CSV, write


def items(cli, project="testrup"):
    return json.loads(cli.ok(f"item list {project} --json").output)


def test_import_semicolon_bom_danish_headers_and_values(cli, mapping_project, tmp_path):
    path = write(tmp_path, "kortlaegning.csv", ITEMS_CSV)
    out = cli.ok(f"item import testrup {path}").output
    assert "Imported 3 governance items" in out
    rows = items(cli)
    assert [r["id"] for r in rows] == [1, 2, 3]
    first = rows[0]
    assert (first["kind"], first["experience"], first["character"], first["source"]) == \
        ("rule", "too_tight", "controlling", "observation")
    assert first["agent"] == "Anne Agent" and first["date"] == "2017-10-03"
    # a quoted cell may contain the separator; Danish dates with dots work too
    assert rows[1]["evidence"] == "Læses sjældent; skrives altid"
    assert rows[2]["kind"] == "goal" and rows[2]["date"] == "2017-10-06"
    assert rows[2]["agent"] is None


def test_import_comma_separated_english(cli, mapping_project, tmp_path):
    path = write(tmp_path, "items.csv",
                 "kind,title,experience,date\n"
                 "documentation,\"Statusrapport, hver 6. måned\",too_tight,2017-10-26\n"
                 "other,Mødestruktur,,\n")
    cli.ok(f"item import testrup {path}")
    rows = items(cli)
    assert [r["title"] for r in rows] == ["Statusrapport, hver 6. måned", "Mødestruktur"]
    assert rows[1]["experience"] is None


def test_bad_rows_are_named_and_nothing_is_written(cli, mapping_project, tmp_path, snapshot):
    cli.ok('item add testrup --kind rule --title "Allerede kortlagt" --date 2017-10-01')
    before = snapshot()
    path = write(tmp_path, "bad.csv",
                 "kind;title;experience;agent;date\n"
                 "regel;God række;for stram;;2017-10-01\n"
                 "tilskud;Ukendt type;;;\n"
                 "regel;;;;\n"
                 "mål;Forkert dato;;;31-02-2017\n"
                 "mål;Ukendt agent;;Bo Ukendt;\n"
                 "regel;Allerede kortlagt;;;\n"
                 "regel;God række;;;\n"
                 "regel;Forkert oplevelse;alt for stram;;\n")
    result = cli(f"item import testrup {path}")
    assert result.exit_code == 1
    out = result.output
    assert "has 7 problems; nothing was imported" in out
    assert "row 3, column \"kind\": 'tilskud' is not one of" in out
    assert "row 4, column \"title\": required" in out
    assert "row 5, column \"date\": '31-02-2017' is not a date" in out
    assert "row 6, column \"agent\": 'Bo Ukendt' is not a documentation agent" in out
    assert "row 7, column \"title\": 'Allerede kortlagt' is already in the register" in out
    assert "row 8, column \"title\": 'God række' appears twice (also row 2)" in out
    assert "row 9, column \"experience\": 'alt for stram' is not one of" in out
    assert snapshot() == before


def test_danish_messages_and_unknown_column(cli, mapping_project, tmp_path, snapshot):
    before = snapshot()
    path = write(tmp_path, "x.csv", "type;titel;farve\nregel;A;rød\n")
    result = cli(f"item import testrup {path}", lang="da")
    assert result.exit_code == 1
    assert "intet er importeret" in result.output
    assert "række 1, kolonnen »farve«: ukendt kolonne" in result.output
    path = write(tmp_path, "kun-titel.csv", "titel\nA\n")
    assert "row 1, column \"kind\": this column is required" in cli(
        f"item import testrup {path}").output
    assert snapshot() == before


def test_a_file_that_is_not_utf8_is_refused_with_what_to_do(cli, mapping_project, tmp_path,
                                                             snapshot):
    # Windows-1252 is read since issue 11 (tests/e2e/test_spreadsheets.py); bytes that are
    # neither UTF-8 nor Windows-1252 are still refused
    before = snapshot()
    path = tmp_path / "ansi.csv"
    path.write_bytes("kind;title\nregel;Bostøtte".encode("cp1252") + b"\x81\n")
    result = cli(f"item import testrup {path}")
    assert result.exit_code == 1 and "CSV UTF-8" in result.output
    assert snapshot() == before


def test_add_show_edit_and_the_history(cli, mapping_project):
    cli.ok('item add testrup --kind "regel/proceskrav" --title "Ugentlige timer" '
           '--experience "for stram" --character tidsspilde --agent "Anne Agent" '
           '--date 2017-10-03 --evidence "Set på besøg"')
    shown = json.loads(cli.ok("item show testrup 1 --json").output)
    assert (shown["kind"], shown["character"], shown["agent"]) == \
        ("rule", "waste_of_time", "Anne Agent")
    # (fitting would contradict its character, a waste of time: see tests/substance/
    # test_fieldwork.py)
    cli.ok('item edit testrup "Ugentlige timer" --experience too_loose --title "Timer pr. uge"')
    shown = json.loads(cli.ok("item show testrup 1 --json").output)
    assert (shown["title"], shown["experience"]) == ("Timer pr. uge", "too_loose")
    log = json.loads(cli.ok("log testrup --json").output)
    edit = next(e for e in log if e["action"] == "item.edit")
    assert edit["before"] == {"title": "Ugentlige timer", "experience": "too_tight"}
    assert edit["after"] == {"title": "Timer pr. uge", "experience": "too_loose"}
    human = cli.ok("item show testrup 1", lang="da").output
    assert "for slap" in human and "Anne Agent" in human


def test_refusals(cli, mapping_project, snapshot):
    before = snapshot()
    r = cli('item add testrup --kind tilskud --title X')
    assert r.exit_code == 1 and "goal (mål)" in r.output
    r = cli('item add testrup --kind goal --title X --agent "Ikke Agent"')
    assert r.exit_code == 1 and "nybureau agent add testrup" in r.output
    r = cli("item show testrup 99")
    assert r.exit_code == 1 and "no governance item '99'" in r.output
    assert snapshot() == before


def test_the_mapping_phase_requires_an_item(cli, mapping_project):
    cli.ok("activity record testrup module --number 1 --date 2017-09-20")
    cli.ok("activity record testrup network_meeting --number 1 --date 2017-10-05")
    cli.ok("activity record testrup interview --date 2017-10-06")
    cli.ok("activity record testrup observation --date 2017-10-09")
    r = cli("advance testrup --date 2017-10-16")
    assert r.exit_code == 1 and "At least 1 governance item mapped (0 recorded)" in r.output
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    cli.ok("advance testrup --date 2017-10-16")


def test_excel_separator_hint_and_blank_lines_keep_spreadsheet_row_numbers(
        cli, mapping_project, tmp_path):
    path = write(tmp_path, "hint.csv", "sep=;\nkind;title\nregel;A\nfoo;B\n")
    r = cli(f"item import testrup {path}")
    assert "row 3, column \"kind\": 'foo'" in r.output
    path = write(tmp_path, "blank.csv", "\nkind;title\nregel;A\nfoo;B\n")
    assert "row 4, column \"kind\": 'foo'" in cli(f"item import testrup {path}").output
    path = write(tmp_path, "hint.csv", "sep=;\nkind;title\nregel;A, med komma\n")
    cli.ok(f"item import testrup {path}")
    assert items(cli)[0]["title"] == "A, med komma"
