"""Every table and show command is readable at 80 columns (issue 11 §7): each line fits 80
terminal cells, dates are never cut, long text in a list is cut with "…", and `show` commands
(item show, prototype show, trace, project show, meeting show) wrap the whole text instead."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

LONG_TITLE = ("Borgerens støtteplan skal opdateres efter hvert eneste besøg i den kommunale "
              "hjemmepleje og godkendes af både teamleder, visitator og økonomiafdelingen")
LONG_TEXT = ("Medarbejderne bruger i gennemsnit 25 minutter pr. borger pr. uge på at skrive den "
             "samme oplysning tre steder: i omsorgssystemet, i regnearket og i mailen til "
             "myndighedsafdelingen, som læser den igen og skriver den ind i sit eget system")
LONG_PROTOTYPE = "Én samlet støtteplan skrevet sammen med borgeren ved første besøg i hjemmet"
LONG_CRITERION = ("Medarbejderne oplever at dokumentationen giver mening for borgeren, for "
                  "kollegerne og for myndigheden, målt i survey før og efter afprøvningen")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CUT_DATE = re.compile(r"\b\d{4}-\d{2}…|\b\d{4}-\d{2}-\d…|\b\d{4}-…")


@pytest.fixture(scope="module")
def wide_db(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("width") / "w.db")

    def run(args, lang="da", columns="80"):
        from nybureau.cli.main import cli

        argv = shlex.split(args) if isinstance(args, str) else list(args)
        result = CliRunner().invoke(cli, ["--db", url, "--actor", "tester", "--lang", lang,
                                          *argv], catch_exceptions=False,
                                    env={"COLUMNS": columns}, terminal_width=int(columns))
        assert result.exit_code == 0, f"{args!r} ({result.exit_code}):\n{result.output}"
        return result.output

    run("init")
    run('network create midt --name "Netværk Midt for nybureaukratisering i ældreplejen"')
    run('project create randers-aeldrepleje --name "Nybureaukratisering af dokumentationen i '
        'ældreplejen i Randers" --municipality "Randers Kommune" --area "Ældre og sundhed" '
        '--network midt --date 2025-01-06')
    run('body member randers-aeldrepleje steering_group "Hanne Kjær" --role "Socialchef for '
        'ældre og sundhed i Randers Kommune"')
    run('agent add randers-aeldrepleje "Anne-Mette Bøgh Sørensen" --title Fagkonsulent '
        '--date 2025-01-10')
    run("decision record randers-aeldrepleje project_description --by management --by med "
        "--outcome approved --date 2025-01-20")
    run(["activity", "record", "randers-aeldrepleje", "seminar", "--date", "2025-01-22",
         "--title", LONG_TITLE])
    for n in range(3):
        run(["item", "add", "randers-aeldrepleje", "--kind", "rule", "--title",
             f"{LONG_TITLE} ({n + 1})", "--description", LONG_TEXT, "--evidence", LONG_TEXT,
             "--experience", "for stram", "--character", "kontrollerende", "--source",
             "observation", "--agent", "Anne-Mette Bøgh Sørensen", "--date", "2025-02-0" +
             str(n + 1)])
    run(["workshop", "vote", "randers-aeldrepleje", "1", "--participant", "Pia Lund",
         "--role", "frontline", "--verdict", "change", "--points", "3", "--date", "2025-02-10"])
    run(["focus", "add", "randers-aeldrepleje", "Sammenhængende dokumentation på tværs af "
         "hjemmeplejen og myndigheden", "--item", "1", "--date", "2025-02-12"])
    run(["prototype", "add", "randers-aeldrepleje", LONG_PROTOTYPE, "--focus-area",
         "Sammenhængende dokumentation på tværs af hjemmeplejen og myndigheden"])
    run(["prototype", "criterion", "randers-aeldrepleje", "1", LONG_CRITERION])
    run(["prototype", "plan", "randers-aeldrepleje", "1", LONG_TEXT])
    run(["spreading", "add", "randers-aeldrepleje", "article", LONG_TITLE, "--audience",
         "Ledere og medarbejdere i ældreplejen i hele Region Midtjylland", "--date",
         "2025-03-01"])
    run(["meeting", "plan", "randers-aeldrepleje", "med", "--date", "2025-02-03 10:00",
         "--place", "Rådhuset, mødelokale 2 på første sal bag kantinen", "--committee",
         "Hoved-MED for ældre og sundhed"])
    return run


def _assert_fits(out: str, width: int = 80) -> None:
    for line in out.splitlines():
        assert cell_len(line) <= width, f"{cell_len(line)} cells: {line!r}"
    assert not CUT_DATE.search(out), out


LISTS = [
    "item list randers-aeldrepleje", "project list", "network list", "meeting list",
    "meeting list randers-aeldrepleje", "focus list randers-aeldrepleje",
    "prototype list randers-aeldrepleje", "workshop tally randers-aeldrepleje",
    "spreading list randers-aeldrepleje", "status", "status randers-aeldrepleje",
    "log randers-aeldrepleje", "render list", "workflow list",
    "network status midt", "evaluation notes randers-aeldrepleje",
]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command", LISTS)
def test_lists_fit_80_columns(wide_db, command, lang):
    out = wide_db(command, lang=lang)
    _assert_fits(out)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_item_list_cuts_titles_with_an_ellipsis_and_keeps_dates(wide_db, lang):
    out = wide_db("item list randers-aeldrepleje", lang=lang)
    _assert_fits(out)
    assert "…" in out
    assert {"2025-02-01", "2025-02-02", "2025-02-03"} <= set(DATE.findall(out))
    # one line per item: the title never wraps over several lines
    rows = [line for line in out.splitlines() if line.startswith("│ ")]
    assert len(rows) == 3, out


def test_wide_shows_more_columns(wide_db):
    narrow = wide_db("item list randers-aeldrepleje")
    wide = wide_db("item list randers-aeldrepleje --wide", columns="200")
    assert "agent" not in narrow.splitlines()[2] and "Anne-Mette" not in narrow
    assert "Anne-Mette Bøgh Sørensen" in wide and "kontrollerende" in wide
    for command in ("project list", "prototype list randers-aeldrepleje", "meeting list",
                    "focus list randers-aeldrepleje", "spreading list randers-aeldrepleje",
                    "workshop tally randers-aeldrepleje", "evaluation notes randers-aeldrepleje"):
        _assert_fits(wide_db(command + " --wide", columns="160"), 160)


def _flat(out: str) -> str:
    """The text of a show command's output with its frame, tree lines and wrapping removed."""
    text = re.sub(r"[│╭╮╰╯─├└┃┏┓┗┛━┡┩┣┫╇╋┳┻┬┴┼]", " ", out)
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command,wanted", [
    ("item show randers-aeldrepleje 1", [LONG_TEXT, LONG_TITLE + " (1)"]),
    ("prototype show randers-aeldrepleje 1", [LONG_PROTOTYPE, LONG_CRITERION, LONG_TEXT]),
    ("trace randers-aeldrepleje 1", [LONG_TITLE + " (1)", LONG_TEXT, LONG_CRITERION]),
    ("project show randers-aeldrepleje", [LONG_TITLE, "Socialchef for ældre og sundhed i "
                                          "Randers Kommune"]),
    ("meeting show 1", ["Rådhuset, mødelokale 2 på første sal bag kantinen"]),
])
def test_show_commands_wrap_the_whole_text(wide_db, command, wanted, lang):
    out = wide_db(command, lang=lang)
    _assert_fits(out)
    flat = _flat(out)
    for text in wanted:
        if command.startswith("project show"):  # a table cell: its lines beside other cells
            words = set(flat.split())
            assert all(w in words for w in text.split()), (text, out)
        else:
            assert " ".join(text.split()) in flat, (text, out)


def test_json_is_not_cut(wide_db):
    rows = json.loads(wide_db("item list randers-aeldrepleje --json"))
    assert rows[0]["title"] == LONG_TITLE + " (1)"


def test_progress_only_on_a_terminal(monkeypatch, capsys):
    """Long work shows a bar on stderr when stderr is a terminal, and nothing in a pipe."""
    import sys

    from nybureau.cli import tables

    calls = []
    with tables.progress(5, "Dokumenter") as advance:
        for _ in range(5):
            calls.append(advance())
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(tables, "_stderr_is_terminal", lambda: True)
    shown = []
    from rich import progress as rich_progress

    real = rich_progress.Progress.advance

    def spy(self, task, advance=1):
        shown.append(advance)
        return real(self, task, advance)

    monkeypatch.setattr(rich_progress.Progress, "advance", spy)
    with tables.progress(3, "Dokumenter") as advance:
        for _ in range(3):
            advance()
    assert shown == [1, 1, 1]
    assert sys.stderr is not None


def test_render_all_in_a_pipe_prints_only_the_files(wide_db, tmp_path):
    out = wide_db(["render", "all", "randers-aeldrepleje", "--out", str(tmp_path / "d")])
    assert all(line.startswith(str(tmp_path)) for line in out.splitlines())
