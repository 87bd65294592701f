"""Issue 11, §6: spreadsheets as people save them. Excel workbooks (.xlsx) and CSV in UTF-8 (with
or without a byte-order mark) or Windows-1252, comma or semicolon; starter files from
``item|survey|workshop template`` that the imports accept unchanged; import errors in the user's
language naming the file's own headers; a near-match to an agent suggested; workshop points
checked against the voting sheet's rule. Through the CLI, in English and Danish: the message,
exit code 1 and the database unchanged after a refusal."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

openpyxl = pytest.importorskip("openpyxl")


def refused(cli, snapshot, args, *, lang="en"):
    before = snapshot()
    result = cli(args, lang=lang)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert snapshot() == before, "a refused command changed the database"
    return result.output


@pytest.fixture
def project(cli):
    cli.ok('project create randers --name "Bostøtte i Randers" --municipality "Randers Kommune" '
           "--date 2017-06-01")
    cli.ok('agent add randers "Line Bøgh Kjær" --title Socialrådgiver --date 2017-09-01')
    cli.ok('advance randers --to mapping --reason "Test: straight to the mapping" '
           "--date 2017-09-18")
    return "randers"


def xlsx(path, rows):
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def titles(cli):
    return [i["title"] for i in json.loads(cli.ok("item list randers --json").output)]


# -- reading what Excel saves ---------------------------------------------------------------------
def test_an_xlsx_workbook_is_imported(cli, project, tmp_path):
    path = xlsx(tmp_path / "kortlægning.xlsx", [
        ("Type", "Titel", "Oplevelse", "Karakter", "Dokumentationsagent", "Dato"),
        ("regel", "Bostøtte visiteres i ugentlige timer", "for stram", "kontrollerende",
         "Line Bøgh Kjær", datetime(2017, 10, 3)),
        ("mål", "Borgerens egne mål", "passende", "meningsgivende", None, "05-10-2017"),
        (None, None, None, None, None, None),   # an empty row is skipped
    ])
    r = cli.ok(["item", "import", "randers", str(path)], lang="da")
    assert "Importerede 2 styringselementer" in r.output
    items = json.loads(cli.ok("item list randers --json").output)
    assert [(i["title"], str(i["date"])[:10], i["agent"]) for i in items] == [
        ("Bostøtte visiteres i ugentlige timer", "2017-10-03", "Line Bøgh Kjær"),
        ("Borgerens egne mål", "2017-10-05", None)]


def test_a_windows_1252_semicolon_csv_is_imported(cli, project, tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_bytes("Type;Titel;Gælder for;Oplevelse\r\n"
                     "regel;Ægte tillid på Ørsted-vej, så får å-holdet ro;Bostøtten;for stram\r\n"
                     .encode("cp1252"))
    cli.ok(["item", "import", "randers", str(path)])
    assert titles(cli) == ["Ægte tillid på Ørsted-vej, så får å-holdet ro"]


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_or_without_bom_and_a_comma(cli, project, tmp_path, bom):
    path = tmp_path / "utf8.csv"
    text = "kind,title\nrule,Søs og Åse skriver “citater”\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    cli.ok(["item", "import", "randers", str(path)])
    assert titles(cli) == ["Søs og Åse skriver “citater”"]


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused(cli, snapshot, project,
                                                                   tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes("Type;Titel\nregel;Bøgh".encode("cp1252") + b"\x81\n")
    out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
    assert "is neither UTF-8 nor Windows-1252 text (byte 0x81" in out
    da = refused(cli, snapshot, ["item", "import", "randers", str(path)], lang="da")
    assert "er hverken UTF-8- eller Windows-1252-tekst (byte 0x81" in da


def test_utf16_an_old_xls_and_a_damaged_workbook_are_refused(cli, snapshot, project, tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_bytes("Type;Titel\nregel;Bøgh\n".encode("utf-16"))
    assert "NUL bytes" in refused(cli, snapshot, ["item", "import", "randers", str(path)])
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    da = refused(cli, snapshot, ["item", "import", "randers", str(path)], lang="da")
    assert "gammel Excel-projektmappe (.xls)" in da
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not really a zip file" * 10)
    out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
    assert "looks like an Excel workbook but cannot be read as one" in out


def test_the_limits_hold_for_a_workbook(cli, snapshot, project, tmp_path, monkeypatch):
    from nybureau.services.substance import csvfile

    monkeypatch.setattr(csvfile, "MAX_ROWS", 3)
    path = xlsx(tmp_path / "many.xlsx", [("Type", "Titel")] +
                [("regel", f"Regel {i}") for i in range(5)])
    out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
    assert "has more than 3 rows; a spreadsheet for nybureau holds at most 3" in out
    monkeypatch.setattr(csvfile, "MAX_ROWS", 100_000)
    monkeypatch.setattr(csvfile, "MAX_CELL", 50)
    path = xlsx(tmp_path / "long.xlsx", [("Type", "Titel"), ("regel", "x" * 51)])
    out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
    assert "row 2: a cell is longer than 50 characters" in out
    monkeypatch.setattr(csvfile, "MAX_BYTES", 1000)
    path = xlsx(tmp_path / "big.xlsx", [("Type", "Titel")] +
                [("regel", f"Regel nummer {i} " * 5) for i in range(200)])
    out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
    assert "a spreadsheet for nybureau holds at most" in out


# -- errors in the user's language, with the user's own headers -----------------------------------
def test_errors_name_the_files_own_headers_in_the_users_language(cli, snapshot, project,
                                                                  tmp_path):
    da_file = tmp_path / "da.csv"
    da_file.write_text("Type;Titel;Oplevelse\nregel;Timer;alt for stram\n", encoding="utf-8")
    da = refused(cli, snapshot, ["item", "import", "randers", str(da_file)], lang="da")
    assert "række 2, kolonnen »Oplevelse«: 'alt for stram' er ikke en af:" in da
    assert "intet er importeret" in da
    en_file = tmp_path / "en.csv"
    en_file.write_text("Kind,Title,Experience\nrule,Hours,much too tight\n", encoding="utf-8")
    out = refused(cli, snapshot, ["item", "import", "randers", str(en_file)])
    assert "row 2, column \"Experience\": 'much too tight' is not one of:" in out
    # the same in a workbook, for votes
    path = xlsx(tmp_path / "stemmer.xlsx", [
        ("Deltager", "Rolle i styringskæden", "Styringselement", "Prioritering", "Point"),
        ("Mads Bøje", "direktør", "1", "fjerne", 1)])
    da = refused(cli, snapshot, ["workshop", "import", "randers", str(path)], lang="da")
    assert "række 2, kolonnen »Rolle i styringskæden«: 'direktør' er ikke en af:" in da


def test_a_near_match_to_an_agent_is_suggested(cli, snapshot, project, tmp_path):
    for written in ("Line Bøgh Kjaer", "line bøgh kjær", "Line  Bøg Kjær"):
        path = tmp_path / "agent.csv"
        path.write_text(f"Type;Titel;Dokumentationsagent\nregel;Timer;{written}\n",
                        encoding="utf-8")
        out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
        assert 'Did you mean "Line Bøgh Kjær"?' in out and "agent add" not in out
        da = refused(cli, snapshot, ["item", "import", "randers", str(path)], lang="da")
        assert "Mente du »Line Bøgh Kjær«?" in da
    path.write_text("Type;Titel;Dokumentationsagent\nregel;Timer;Pia Lund\n", encoding="utf-8")
    out = refused(cli, snapshot, ["item", "import", "randers", str(path)])
    assert 'nybureau agent add randers "Pia Lund"' in out


# -- workshop points: one rule, from the definition, in sheet, guide and import ------------------
def test_points_beyond_the_one_point_rule_are_refused_in_its_words(cli, snapshot, project,
                                                                    tmp_path):
    from nybureau.domain.substance import point_rule

    rule = point_rule({})
    flat = lambda text: " ".join(text.split())  # noqa: E731 (the CLI wraps long lines)
    cli.ok('item add randers --kind regel --title "Ugentlige timer" --date 2017-10-03')
    path = tmp_path / "votes.csv"
    path.write_text("Deltager;Rolle;Styringselement;Prioritering;Point\n"
                    "Åse Ørnberg;leder;1;fjerne;3\n"
                    "Bo Æbelø;leder;1;fjerne;4\n", encoding="utf-8")
    out = flat(refused(cli, snapshot, ["workshop", "import", "randers", str(path)]))
    assert ("row 3, column \"Point\": 4 points is more than the point rule allows. "
            + rule["en"]) in out and "row 2" not in out
    da = flat(refused(cli, snapshot, ["workshop", "import", "randers", str(path)], lang="da"))
    assert ("række 3, kolonnen »Point«: 4 point er mere, end pointreglen tillader. "
            + rule["da"]) in da
    vote = ["workshop", "vote", "randers", "1", "--participant", "Bo Æbelø", "--role", "leder",
            "--verdict", "fjerne", "--points", "4", "--date", "2017-11-01"]
    out = flat(refused(cli, snapshot, vote))
    assert "4 points is more than the point rule allows. " + rule["en"] in out
    # the voting sheet states the same rule, and no other
    sheet = cli.ok("render voting-sheet randers --format md --out -", lang="da").output
    assert rule["da"] in flat(sheet) and "mærke" not in sheet


# -- starter files --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_each_template_is_accepted_by_its_import_unchanged(cli, project, tmp_path, fmt, lang):
    cli.ok('item add randers --kind regel --title "Ugentlige timer" --date 2017-10-03')
    for kind, args in (("item", []), ("workshop", []),
                       ("survey", ["--name", "r1", "--kind", "baseline", "--date",
                                   "2018-01-10"])):
        path = tmp_path / f"{kind}-{lang}.{fmt}"
        r = cli.ok([kind, "template", "--out", str(path), "--format", fmt], lang=lang)
        assert str(path) in r.output
        if fmt == "csv":
            header = path.read_bytes().decode("utf-8-sig").splitlines()[0]
        else:
            ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
            header = ";".join(str(c.value) for c in ws[1])
            assert ws.max_row == 2
        first = {"item": ("Type", "Kind"), "workshop": ("Deltager", "Participant"),
                 "survey": ("Respondent", "Respondent")}[kind]
        assert header.startswith(first[0] if lang == "da" else first[1])
        if kind == "item":
            assert ("Oplevelse" if lang == "da" else "Experience") in header
        cli.ok([kind, "import", "randers", str(path), *args], lang=lang)
    assert len(titles(cli)) == 2
    tally = json.loads(cli.ok("workshop tally randers --json").output)
    assert tally


def test_a_template_does_not_overwrite_a_file(cli, snapshot, tmp_path):
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"my own work")
    out = refused(cli, snapshot, ["item", "template", "--out", str(path)])
    assert "already exists; nothing was written" in out
    assert path.read_bytes() == b"my own work"
    da = refused(cli, snapshot, ["workshop", "template", "--out", str(path)], lang="da")
    assert "findes allerede; intet er skrevet" in da


def test_a_template_without_out_is_written_in_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli.ok("item template", lang="da")
    cli.ok("survey template --format csv", lang="en")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".csv")) == \
        ["kortlaegning.xlsx", "survey.csv"]
