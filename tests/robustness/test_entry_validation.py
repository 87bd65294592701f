"""Issue 10 §8: every entry validates text the same way, and Markdown documents keep user text
as text.

- CSV imports check every cell like the CLI: control characters (a NUL, an ESC sequence) are
  refused, a line break in a one-line column is refused (it is what an unclosed quote makes of
  two rows), and a quote still open at the end of the file is refused, naming row and column.
- One-line fields (names, titles, slugs, roles, places, case numbers, recommendations …)
  refuse line breaks and control characters at every entry: CLI, CSV and YAML scenario; free
  text (notes, descriptions, reasons …) keeps its line breaks; direction overrides and other
  controls are refused everywhere.
- An attachment links only to a file or an http(s) address: javascript:, data:, vbscript: …
  are refused.
- Markdown documents escape user text in headings, links, table cells and at the start of a
  block, and still render older data whose one-line fields hold line breaks.

Refused input leaves the database exactly as it was. SQLite and PostgreSQL (NYBUREAU_TEST_PG).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import db_snapshot
from tests.robustness.conftest import raw_execute

BAD_OUTPUT = ("Traceback", "unexpected error")


@pytest.fixture
def project(cli):
    cli.ok('network create net --name "Netværk"')
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--network net --date 2017-06-01")
    cli.ok('body member odder steering_group "Hanne Kjær"')
    cli.ok('agent add odder "Mette Hviid"')
    cli.ok('item add odder --kind rule --title "Skema"')
    cli.ok('focus add odder "Færre skemaer" --item Skema')
    cli.ok('prototype add odder "Ét skema" --focus-area "Færre skemaer"')
    cli.ok('meeting plan odder steering_group --date "2017-09-01 10:00"')
    return cli


def refused(cli, snapshot, args, *, code=1, lang="en"):
    before = snapshot()
    result = cli(args, lang=lang)
    for bad in BAD_OUTPUT:
        assert bad not in result.output, result.output
    assert result.exit_code == code, result.output
    assert snapshot() == before, "a refused command changed the database"
    return result.output


# -- CSV ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, says", [
    ("A\x00B", "control character (U+0000"),
    ("\x1b[31mRød\x1b[0m", "control character (U+001B"),
    ("Skema\x9b2J", "control character (U+009B"),
    ("Skema\u202etxt.exe", "text-direction override (U+202E"),
    ("Skema\x7f", "control character (U+007F"),
])
def test_a_control_character_in_a_csv_cell_is_refused(project, snapshot, tmp_path, title, says):
    path = tmp_path / "items.csv"
    path.write_text(f"kind,title\nrule,Fint\nrule,{title}\n", encoding="utf-8")
    out = refused(project, snapshot, ["item", "import", "odder", str(path)])
    assert f"row 3, column \"title\": contains a {says}" in out, out
    assert "\x1b" not in out and "\x00" not in out
    project.ok(["render", "all", "odder", "--out", str(tmp_path / "docs")])


def test_control_characters_in_votes_and_surveys_are_refused(project, snapshot, tmp_path):
    votes = tmp_path / "votes.csv"
    votes.write_text("participant,chain_role,item,verdict\n"
                     "Anne\x1b]0;pwned\x07,frontline,Skema,remove\n", encoding="utf-8")
    out = refused(project, snapshot, ["workshop", "import", "odder", str(votes)])
    assert "row 2, column \"participant\": contains a control character (U+001B" in out
    survey = tmp_path / "survey.csv"
    survey.write_text("role,kvalitet: Godt\nSocial\x00rådgiver,4\n", encoding="utf-8")
    out = refused(project, snapshot, ["survey", "import", "odder", str(survey), "--name", "r1",
                                      "--kind", "baseline", "--date", "2018-01-10"])
    assert "row 2, column \"role\": contains a control character (U+0000" in out
    survey.write_text("role,kvalitet: Godt\x1b[2J\nSocialrådgiver,4\n", encoding="utf-8")
    out = refused(project, snapshot, ["survey", "import", "odder", str(survey), "--name", "r1",
                                      "--kind", "baseline", "--date", "2018-01-10"])
    assert "row 1: contains a control character (U+001B" in out


def test_a_quote_never_closed_is_refused_with_row_and_column(project, snapshot, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text('kind,title\nrule,"Første\nrule,Anden\nrule,Tredje\n', encoding="utf-8")
    out = refused(project, snapshot, ["item", "import", "odder", str(path)])
    assert "row 2, column \"title\": a quote (\") opens a value that is never closed" in out
    assert "Filen items.csv har 1 problem" in refused(
        project, snapshot, ["item", "import", "odder", str(path)], lang="da")


def test_an_unbalanced_quote_that_merges_two_rows_is_refused(project, snapshot, tmp_path):
    path = tmp_path / "items.csv"
    # the stray quote opens at row 2 and a later one closes it: two rows read as one title
    path.write_text('kind;title\nregel;"Første\nregel;Anden"\nregel;Tredje\n', encoding="utf-8")
    out = refused(project, snapshot, ["item", "import", "odder", str(path)])
    assert "row 2, column \"title\": the value spans several lines; it must be one line" in out
    assert "quote" in out


def test_free_text_columns_keep_their_line_breaks(project, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text('kind,title,description\nrule,Ny regel,"Linje et\nLinje to"\n',
                    encoding="utf-8")
    project.ok(["item", "import", "odder", str(path)])
    shown = project.ok(["item", "show", "odder", "Ny regel", "--json"]).output
    assert "Linje et\\nLinje to" in shown


def test_a_good_csv_is_still_imported(project, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text('sep=;\nkind;title;applies to\nregel;"Regel; med semikolon";"Alle ""A"""\n',
                    encoding="utf-8")
    project.ok(["item", "import", "odder", str(path)])
    assert 'Regel; med semikolon' in project.ok(["item", "list", "odder", "--json"]).output


# -- one-line fields at the CLI -------------------------------------------------------------------

BREAK = "Bostøtte\n# Overskrift\n[klik](javascript:alert(1))"

ONE_LINE = [
    ["project", "create", "x", "--name", BREAK, "--municipality", "M"],
    ["project", "create", "x", "--name", "X", "--municipality", "Odder\nKommune"],
    ["project", "create", "x", "--name", "X", "--municipality", "M", "--area", "A\nB"],
    ["project", "create", "x\n", "--name", "X", "--municipality", "M"],
    ["network", "create", "n2", "--name", BREAK],
    ["body", "member", "odder", "med", BREAK],
    ["body", "member", "odder", "med", "Anne Hansen", "--role", "TR\nFormand"],
    ["agent", "add", "odder", BREAK],
    ["agent", "add", "odder", "Anne Hansen", "--title", "Fag\nkonsulent"],
    ["item", "add", "odder", "--kind", "rule", "--title", BREAK],
    ["item", "add", "odder", "--kind", "rule", "--title", "Ny", "--applies-to", "A\rB"],
    ["item", "edit", "odder", "Skema", "--title", BREAK],
    ["activity", "record", "odder", "seminar", "--title", BREAK],
    ["activity", "record", "odder", "seminar", "--attendee", "Anne\nHansen"],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--place", BREAK],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--title", BREAK],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--committee", "A\nB"],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--minute-taker", "A\nB"],
    ["meeting", "plan", "odder", "med", "--date", "2017-09-02 10:00", "--participant", "A\nB"],
    ["meeting", "edit", "1", "--place", BREAK],
    ["meeting", "item", "add", "1", "--title", BREAK],
    ["meeting", "item", "add", "1", "--title", "Budget", "--case", "12.00\n> 3"],
    ["meeting", "item", "add", "1", "--title", "Budget", "--recommendation", "godkendes\n- x"],
    ["meeting", "item", "edit", "1", "1", "--title", BREAK],
    ["meeting", "item", "attach", "1", "1", "--title", BREAK, "--file", "a.pdf"],
    ["prototype", "add", "odder", BREAK, "--focus-area", "Færre skemaer"],
    ["prototype", "add", "odder", "Nyt", "--focus-area", "Færre skemaer", "--owner", "A\nB"],
    ["prototype", "criterion", "odder", "Ét skema", "Kortere\nsagsbehandling"],
    ["prototype", "iterate", "odder", "Ét skema", "--place", "Team\nNord"],
    ["focus", "add", "odder", BREAK, "--item", "Skema"],
    ["workshop", "vote", "odder", "Skema", "--participant", "Anne\nHansen", "--role",
     "frontline", "--verdict", "remove"],
    ["evaluation", "note", "odder", "learning_meeting", BREAK, "--text", "Noter"],
    ["spreading", "add", "odder", "article", BREAK, "--audience", "KL"],
    ["spreading", "add", "odder", "article", "Artikel", "--audience", "KL\nDanske Regioner"],
]


@pytest.mark.parametrize("args", ONE_LINE, ids=lambda a: " ".join(a[:2]) + " "
                         + next((x for x in a if x.startswith("--")), ""))
def test_a_one_line_field_refuses_a_line_break(project, snapshot, args):
    out = refused(project, snapshot, args)
    assert "must be one line" in out or "is not a usable" in out, out
    da = refused(project, snapshot, args, lang="da")
    assert "skal være én linje" in da or "kan ikke bruges som id" in da


@pytest.mark.parametrize("bad, says", [
    ("\x1b[2J", "U+001B"), ("\x00", "U+0000"), ("\x07", "U+0007"), ("\t", "U+0009"),
    ("\x85", "line"), ("\u2028", "line"), ("\x9b", "U+009B"), ("\u202e", "U+202E"),
    ("\u2066", "U+2066"),
])
def test_a_one_line_field_refuses_control_characters(project, snapshot, bad, says):
    out = refused(project, snapshot, ["agent", "add", "odder", f"Anne{bad}Hansen"])
    assert says in out or "one line" in out, out
    assert bad not in out


FREE_TEXT = [
    ["decision", "record", "odder", "organisation", "--by", "med", "--outcome", "approved",
     "--note", "Første linje\n\n- punkt\n# ikke en overskrift"],
    ["item", "add", "odder", "--kind", "rule", "--title", "Med beskrivelse", "--description",
     "Linje et\nLinje to\twith a tab"],
    ["meeting", "item", "add", "1", "--title", "Budget", "--background", "Afsnit\n\n- punkt"],
    ["evaluation", "note", "odder", "learning_meeting", "Læringsmøde", "--text", "a\r\nb"],
    ["prototype", "plan", "odder", "Ét skema", "Trin 1\nTrin 2"],
]


@pytest.mark.parametrize("args", FREE_TEXT, ids=lambda a: " ".join(a[:2]))
def test_free_text_keeps_its_line_breaks(project, args):
    project.ok(args)


@pytest.mark.parametrize("bad", ["\x1b[31m", "\x00", "\u202e", "\x9b"])
def test_free_text_refuses_control_characters_and_overrides(project, snapshot, bad):
    out = refused(project, snapshot, ["decision", "record", "odder", "organisation", "--by",
                                      "med", "--outcome", "approved", "--note", f"ok{bad}ok"])
    assert "The note contains" in out and bad not in out


# -- the YAML scenario -------------------------------------------------------------------------------

@pytest.mark.parametrize("yaml_value, says", [
    ('"Bostøtte\\n# Overskrift"', "must be one line"),
    ('"Bost\\e[31mtte"', "control character (U+001B"),
    ('"Bost\\u202ette"', "text-direction override"),
])
def test_a_scenario_checks_one_line_fields_like_the_cli(cli, snapshot, tmp_path, yaml_value,
                                                        says):
    for where, text in (
        ("project", f"project: {{slug: s, name: {yaml_value}, municipality: Testrup Kommune}}\n"),
        ("member", "project: {slug: s, name: S, municipality: Testrup Kommune}\n"
                   f"bodies:\n  med:\n    - {{name: {yaml_value}}}\n"),
        ("step", "project: {slug: s, name: S, municipality: Testrup Kommune}\n"
                 f"steps:\n  - {{date: 2017-10-01, activity: seminar, title: {yaml_value}}}\n"),
    ):
        path = tmp_path / f"{where}.yaml"
        path.write_text("format: nybureau-scenario/1\n" + text, encoding="utf-8")
        out = refused(cli, snapshot, ["project", "import", str(path)])
        assert f"{where}.yaml:" in out and says in out, out


# -- attachment locations ------------------------------------------------------------------------

@pytest.mark.parametrize("location", [
    "javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "jav\tascript:alert(1)",
    "ftp://example.org/x",
])
def test_an_attachment_cannot_link_to_a_script(project, snapshot, location):
    out = refused(project, snapshot, ["meeting", "item", "attach", "1", "1", "--title", "Bilag",
                                      "--file", location])
    assert "give a file path or an http(s) link" in out or "control character" in out, out


@pytest.mark.parametrize("location", [
    "https://intra.example.dk/bilag.pdf", "http://example.dk/x", "Bilag/plan.pdf",
    "{tmp}/bilag/plan.pdf", "C:\\Bilag\\plan.pdf", "\\\\server\\share\\plan.pdf",
    "file://{tmp}/bilag/plan.pdf", "notat om budget.docx",
])
def test_an_attachment_may_be_a_file_or_a_web_link(project, location, tmp_path, monkeypatch):
    # A file must exist (it is copied into the document package): each is made first, in a
    # folder of the test's own ({tmp}; relative names from there). A link needs no file.
    monkeypatch.chdir(tmp_path)
    location = location.replace("{tmp}", str(tmp_path))
    if not location.lower().startswith(("http://", "https://")):
        absolute = location.removeprefix("file://")
        path = Path(absolute) if absolute.startswith(str(tmp_path)) else tmp_path / location
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.7\n")
    project.ok(["meeting", "item", "attach", "1", "1", "--title", "Bilag", "--file", location])


def test_an_attached_file_that_does_not_exist_is_refused(project, snapshot, tmp_path):
    out = refused(project, snapshot, ["meeting", "item", "attach", "1", "1", "--title", "Bilag",
                                      "--file", str(tmp_path / "findes-ikke.pdf")])
    assert "findes-ikke.pdf" in out, out


# -- Markdown documents ----------------------------------------------------------------------------

HOSTILE = "[klik](javascript:alert(1)) <img src=x onerror=alert(1)> \\[x\\] slut #"


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_user_text_in_markdown_cannot_become_a_link_or_html(cli, tmp_path):
    cli.ok(["project", "create", "odder", "--name", HOSTILE, "--municipality", "Odder <b>"])
    cli.ok(["body", "member", "odder", "steering_group", "# Hanne", "--role", "[TR](x)"])
    cli.ok(["agent", "add", "odder", "> Mette", "--title", "1. konsulent"])
    cli.ok(["meeting", "plan", "odder", "steering_group", "--date", "2017-09-01 10:00",
            "--place", "<script>alert(1)</script>"])
    cli.ok(["meeting", "item", "add", "1", "--title", "- Budget [se bilag]", "--background",
            "# Ikke en overskrift\n\n> ikke et citat\n\n1. ikke en liste", "--recommendation",
            "[godkendes](javascript:x)"])
    cli.ok(["meeting", "item", "attach", "1", "6", "--title", "[Bilag](javascript:x)",
            "--file", "https://example.dk/a (1).pdf"])
    out = tmp_path / "docs"
    cli.ok(["render", "all", "odder", "--out", str(out), "--format", "md"])
    docs = sorted(out.rglob("*.md"))
    assert docs
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        assert "](javascript:" not in text.replace("\\](javascript:", ""), doc.name
        assert "<img" not in text.replace("\\<img", "") and "<script" not in \
            text.replace("\\<script", ""), doc.name
        assert "<b>" not in text.replace("\\<b>", ""), doc.name
        for line in _lines(text):
            assert not line.startswith(("# Hanne", "> Mette", "# Ikke", "> ikke", "1. ikke")), \
                (doc.name, line)
    agenda = next(d for d in docs if d.name.startswith("agenda-")).read_text(encoding="utf-8")
    assert "### 6. - Budget \\[se bilag\\]" in agenda
    assert "6. \\- Budget \\[se bilag\\] (for decision)" in agenda
    assert "\\# Ikke en overskrift" in agenda and "\\> ikke et citat" in agenda
    assert "1\\. ikke en liste" in agenda
    assert "[\\[Bilag\\](javascript:x)](https://example.dk/a%20%281%29.pdf)" in agenda
    assert "| Place | \\<script>alert(1)\\</script> |" in agenda


def test_older_data_with_line_breaks_in_one_line_fields_still_renders(cli, db_url, tmp_path):
    cli.ok(["project", "create", "odder", "--name", "Bostøtte", "--municipality", "Odder"])
    cli.ok(["body", "member", "odder", "steering_group", "Hanne Kjær"])
    cli.ok(["meeting", "plan", "odder", "steering_group", "--date", "2017-09-01 10:00"])
    cli.ok(["meeting", "item", "add", "1", "--title", "Budget"])
    # an older nybureau accepted line breaks here
    raw_execute(db_url, "UPDATE project SET name = :n", {"n": "Bostøtte\n# Hacked\n\n> quote"})
    raw_execute(db_url, "UPDATE agenda_item SET title = :t WHERE title = 'Budget'",
                {"t": "Budget\n# 2025\n[x](javascript:alert(1))"})
    out = tmp_path / "docs"
    cli.ok(["render", "all", "odder", "--out", str(out), "--format", "md"])
    for doc in sorted(out.rglob("*.md")):
        text = doc.read_text(encoding="utf-8")
        for line in _lines(text):
            assert not line.startswith(("# Hacked", "> quote", "# 2025")), (doc.name, line)
        assert "](javascript:" not in text.replace("\\](javascript:", "")
    agenda = next(out.rglob("agenda-*.md")).read_text(encoding="utf-8")
    assert "Budget # 2025 \\[x\\](javascript:alert(1))" in agenda


# -- the shared validators (the API the JSON import uses too) ----------------------------------------

def test_one_line_and_free_text_api():
    from nybureau.errors import InvalidInput
    from nybureau.services.common import check_location, free_text, one_line

    assert one_line("  Anne Hansen ", "name") == "Anne Hansen"
    assert one_line("", "role", required=False) is None
    assert free_text("a\r\nb\n\n\tc", "note") == "a\nb\n\n\tc"
    assert free_text("  ", "note") is None
    for value in ("a\nb", "a\rb", "a\tb", "a\x00", "a\x1b[0m", "a\x85b", "a\u2029b", "a\ud800",
                  "a\u202eb", "x" * 301):
        with pytest.raises(InvalidInput):
            one_line(value, "name")
    for value in ("a\x00", "a\x1b", "a\u202db", "a\udc80", "x" * 10_001):
        with pytest.raises(InvalidInput):
            free_text(value, "note")
    with pytest.raises(InvalidInput) as err:
        one_line("Anne\x1b[31m", "name")
    assert "\x1b" not in err.value.message and "\x1b" not in err.value.render("da")
    assert check_location("https://a.dk/b") == "https://a.dk/b"
    with pytest.raises(InvalidInput):
        check_location("javascript:alert(1)")


def test_a_slug_with_a_trailing_line_break_is_refused():
    from nybureau.errors import InvalidInput
    from nybureau.services.common import check_slug

    with pytest.raises(InvalidInput):
        check_slug("odder\n")


PLAIN = st.text(st.characters(blacklist_characters="\\[]<\r\n#", blacklist_categories=("Cs",)),
                max_size=80).map(str.strip).filter(lambda s: s[:1] not in ">+-*_0123456789`~")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(PLAIN)
def test_the_markdown_filters_leave_ordinary_text_as_it_is(value):
    from nybureau.rendering.text import md_block, md_inline

    assert md_inline(value) == value
    assert md_block(value) == value


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=80))
def test_no_text_escapes_its_line_or_opens_markdown(value):
    from nybureau.rendering.text import md_block, md_cell, md_inline

    for f in (md_inline, md_block, md_cell):
        out = f(value)
        assert "\n" not in out and "\r" not in out
        unescaped = out.replace("\\\\", "").replace("\\[", "").replace("\\]", "") \
                       .replace("\\<", "")
        assert "[" not in unescaped and "]" not in unescaped and "<" not in unescaped
    block = md_block(value)
    assert not block.startswith(("#", ">", "- ", "+ ", "* ")) or block in ("-", "+", "*")
