"""Stored text is text (issue #10 §2 and the terminal parts of §8).

Every value that came from a user or a file is printed as the plain text it is: rich markup
(``[/]``, ``[bold]…[/bold]``, ``[link=…]``), emoji codes (``:smile:``) and bracketed words
(``[se bilag]``) appear exactly as typed in every table, panel, tree and message, and never
crash a command. No control character reaches the terminal: stored ESC sequences, BEL, CR, NUL,
C1 controls and bidi overrides are shown as visible escapes (``\\x1b``, ``\\u202e`` …), in the
list/show commands, in ``log`` and in refusals, which also cut what they echo to a sensible
length. ``--actor`` is checked like a person's name. ``--json`` stays the exact stored values.

One world is built through the CLI with markup in every user field it takes; then, behind the
CLI's back (as an old database, a CSV import before its check, or an edited file would), control
characters are appended to every stored text that holds such a value. Every list/show command
then runs in Danish and English, on a wide terminal so that no table wraps a value.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.conftest import Cli

#: markup-like text: each piece would be read by rich as markup or an emoji code
MARKUP = ("[/] [bold]x[/bold] [link=javascript:alert(1)]x[/link] Regel [se bilag] slut "
          ":smile: [/ny version]")
#: control characters appended behind the CLI's back: an SGR colour, an OSC 8 hyperlink ended
#: by BEL, a C1 CSI, a right-to-left override, a first-strong isolate, CR, BS, DEL
CONTROLS = " \x1b[31m \x1b]8;;http://evil\x07 \x9b2J \u202e \u2068 \r \x08 \x7f"
CONTROLS_SHOWN = r" \x1b[31m \x1b]8;;http://evil\x07 \x9b2J \u202e \u2068 \x0d \x08 \x7f"
#: NUL as well where the database can hold it (PostgreSQL's text cannot)
NUL, NUL_SHOWN = " \x00", r" \x00"

#: the raw characters that must never reach the output
RAW = ["\x1b", "\x07", "\x9b", "\u202e", "\u2068", "\r", "\x08", "\x7f", "\x00"]

ENV = {"COLUMNS": "2000", "LINES": "200"}


#: markup for the fields that hold at most 100 characters
SHORT_MARKUP = "[/] [b]x[/b] [se bilag] :smile:"
SHORT = {"survey.role", "agenda.case"}


def value(field: str) -> str:
    """What the CLI stores in ``field``: a tag naming the field, then the markup."""
    return f"<{field}> {SHORT_MARKUP if field in SHORT else MARKUP}"


# field → the CLI step that puts value(field) into it (built by _build)
FIELDS = [
    "network.name", "project.name", "project.municipality", "project.area",
    "member.name", "member.role", "agent.name", "agent.title",
    "item.title", "item.description", "item.applies_to", "item.evidence",
    "decision.note", "activity.title", "transition.reason",
    "meeting.place", "meeting.title", "meeting.committee", "meeting.minute_taker",
    "agenda.title", "agenda.case", "agenda.background", "agenda.recommendation",
    "agenda.finances", "attachment.title", "outcome.text", "cancel.reason",
    "focus.title", "focus.description", "focus.reason",
    "prototype.title", "prototype.description", "prototype.owner", "prototype.plan",
    "criterion.text", "iteration.place", "iteration.learned", "iteration.changed",
    "note.title", "note.text", "spreading.title", "spreading.audience", "spreading.note",
    "vote.participant", "survey.role",
]


def _build(cli: Cli, tmp) -> None:
    v = value
    cli.ok(["network", "create", "net", "--name", v("network.name")])
    cli.ok(["project", "create", "p", "--name", v("project.name"),
            "--municipality", v("project.municipality"), "--area", v("project.area"),
            "--network", "net", "--date", "2017-06-01"])
    cli.ok(["body", "member", "p", "med", v("member.name"), "--role", v("member.role")])
    cli.ok(["agent", "add", "p", v("agent.name"), "--title", v("agent.title"),
            "--date", "2017-06-02"])
    cli.ok(["decision", "record", "p", "organisation", "--by", "med", "--outcome", "approved",
            "--date", "2017-06-03", "--note", v("decision.note")])
    cli.ok(["activity", "record", "p", "seminar", "--date", "2017-06-04",
            "--title", v("activity.title")])
    cli.ok(["meeting", "plan", "p", "med", "--date", "2017-06-14 10:00",
            "--place", v("meeting.place"), "--title", v("meeting.title"),
            "--committee", v("meeting.committee"), "--minute-taker", v("meeting.minute_taker")])
    cli.ok(["meeting", "item", "add", "1", "--title", v("agenda.title"),
            "--case", v("agenda.case"), "--background", v("agenda.background"),
            "--recommendation", v("agenda.recommendation"), "--finances", v("agenda.finances")])
    items = json.loads(cli.ok("meeting show 1 --json").output)["items"]
    number = str(next(i["number"] for i in items if i["title"] == v("agenda.title")))
    (tmp / "bilag.pdf").write_bytes(b"%PDF-1.7\n")  # an attached file must exist
    cli.ok(["meeting", "item", "attach", "1", number, "--title", v("attachment.title"),
            "--file", str(tmp / "bilag.pdf")])
    cli.ok(["meeting", "record", "1", number, "--outcome", "noted",
            "--text", v("outcome.text")])
    cli.ok(["meeting", "plan", "p", "med", "--date", "2017-08-16 14:00"])
    cli.ok(["meeting", "cancel", "2", "--reason", v("cancel.reason"), "--date", "2017-08-01"])
    cli.ok(["advance", "p", "--to", "mapping", "--reason", v("transition.reason"),
            "--date", "2017-09-18"])
    cli.ok(["item", "add", "p", "--kind", "rule", "--title", v("item.title"),
            "--description", v("item.description"), "--applies-to", v("item.applies_to"),
            "--source", "interview", "--experience", "too_tight", "--character", "controlling",
            "--evidence", v("item.evidence"), "--agent", v("agent.name"),
            "--date", "2017-10-03"])
    cli.ok(["workshop", "vote", "p", "1", "--participant", v("vote.participant"),
            "--role", "frontline", "--verdict", "change", "--date", "2017-11-14"])
    cli.ok(["focus", "add", "p", v("focus.title"), "--item", "1",
            "--description", v("focus.description"), "--reason", v("focus.reason"),
            "--date", "2017-11-22"])
    cli.ok(["prototype", "add", "p", v("prototype.title"), "--focus-area", "1",
            "--description", v("prototype.description"), "--owner", v("prototype.owner"),
            "--plan", v("prototype.plan")])
    cli.ok(["prototype", "criterion", "p", "1", v("criterion.text"),
            "--bottom-line", "quality"])
    cli.ok(["prototype", "iterate", "p", "1", "--place", v("iteration.place"),
            "--date", "2018-01-10", "--learned", v("iteration.learned"),
            "--changed", v("iteration.changed")])
    cli.ok(["evaluation", "note", "p", "interview", v("note.title"), "--text", v("note.text"),
            "--date", "2018-03-01", "--prototype", "1"])
    cli.ok(["spreading", "add", "p", "article", v("spreading.title"),
            "--audience", v("spreading.audience"), "--note", v("spreading.note"),
            "--date", "2018-05-01", "--prototype", "1"])
    role = v("survey.role")
    for name, kind, on in (("jan", "baseline", "2018-01-20"), ("apr", "follow_up", "2018-04-20")):
        rows = ["respondent;rolle;kvalitet: Borgerens mål styrer støtten"]
        rows += [f"{name}{n};{role};{3 + (n % 2)}" for n in range(6)]
        path = tmp / f"{name}.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        cli.ok(["survey", "import", "p", str(path), "--name", name, "--kind", kind,
                "--date", on])


#: fields that the history keeps and a command shows from there
IN_HISTORY_ONLY = {"cancel.reason"}


def _inject_controls(db_url: str, controls: str) -> int:
    """Append ``controls`` to every stored text that holds one of the values, behind the
    CLI's back; the history's JSON too (one event, re-encoded). Returns how many cells."""
    from sqlalchemy import MetaData, String, Text, create_engine, select, update

    engine = create_engine(db_url)
    meta = MetaData()
    meta.reflect(engine)
    changed = 0
    with engine.begin() as conn:
        for table in meta.tables.values():
            if table.name in ("audit_event", "alembic_version"):
                continue
            cols = [c for c in table.columns if isinstance(c.type, (String, Text))]
            keys = list(table.primary_key.columns)
            for row in conn.execute(select(table)).mappings():
                new = {}
                for c in cols:
                    old = row[c.name]
                    if not isinstance(old, str) or "<" not in old or not (
                            MARKUP in old or SHORT_MARKUP in old):
                        continue
                    if old.startswith(("[", "{")):  # a JSON list/object: re-encode inside
                        data = json.loads(old)
                        data = [x + controls if isinstance(x, str) else x for x in data] \
                            if isinstance(data, list) else data
                        new[c.name] = json.dumps(data, ensure_ascii=False)
                    else:
                        new[c.name] = old + controls
                if new:
                    conn.execute(update(table).where(*[k == row[k.name] for k in keys])
                                 .values(**new))
                    changed += len(new)
        # one event of the history (the item's creation) gets them in its JSON
        events = meta.tables["audit_event"]
        row = conn.execute(select(events).where(events.c.action == "item.add")).mappings().one()
        after = json.loads(row["after"])
        after["title"] = after["title"] + controls
        conn.execute(update(events).where(events.c.id == row["id"])
                     .values(after=json.dumps(after, ensure_ascii=False)))
    engine.dispose()
    return changed


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The world, built once for the module: (cli, what the controls look like when shown)."""
    tmp = tmp_path_factory.mktemp("stored-text")
    pg = os.environ.get("NYBUREAU_TEST_PG")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        url = pg
    else:
        url = "sqlite:///" + str(tmp / "nybureau.db")
    cli = Cli(url)
    cli.ok("init")
    _build(cli, tmp)
    controls, shown = (CONTROLS, CONTROLS_SHOWN) if pg else (CONTROLS + NUL,
                                                              CONTROLS_SHOWN + NUL_SHOWN)
    assert _inject_controls(url, controls) >= len(FIELDS)
    return cli, shown


def _run(cli: Cli, args: list[str], lang: str):
    from nybureau.cli.main import cli as root

    full = ["--db", cli.db_url, "--actor", "tester", "--lang", lang, *args]
    return cli.runner.invoke(root, full, env=ENV, catch_exceptions=False)


# command → the fields whose stored value (markup and controls) it must show literally
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "project list": (["project", "list"], ["project.name", "project.municipality"]),
    "project show": (["project", "show", "p"], [
        "project.name", "project.municipality", "project.area", "network.name",
        "member.name", "member.role", "agent.name", "agent.title", "activity.title",
        "transition.reason"]),
    "status": (["status"], ["project.municipality"]),
    "status p": (["status", "p"], ["project.name", "project.municipality"]),
    "log": (["log", "p"], []),
    "item list": (["item", "list", "p", "--wide"], ["item.title", "agent.name"]),
    "item show": (["item", "show", "p", "1"], [
        "item.title", "item.description", "item.applies_to", "item.evidence", "agent.name"]),
    "trace": (["trace", "p", "1"], [
        "item.title", "item.applies_to", "item.evidence", "agent.name", "focus.title",
        "prototype.title", "iteration.place", "iteration.changed", "criterion.text",
        "prototype.plan", "note.title", "spreading.title", "spreading.audience"]),
    "meeting list": (["meeting", "list"], ["meeting.committee"]),
    "meeting show": (["meeting", "show", "1"], [
        "meeting.committee", "project.name", "meeting.place", "agenda.title"]),
    "meeting show cancelled": (["meeting", "show", "2"], ["project.name", "cancel.reason"]),
    "workshop tally": (["workshop", "tally", "p"], ["item.title"]),
    "focus list": (["focus", "list", "p", "--wide"], ["focus.title", "focus.reason"]),
    "prototype list": (["prototype", "list", "p", "--wide"], ["prototype.title", "focus.title"]),
    "prototype show": (["prototype", "show", "p", "1"], [
        "prototype.title", "focus.title", "prototype.owner", "prototype.description",
        "criterion.text", "prototype.plan", "iteration.place", "iteration.learned",
        "iteration.changed"]),
    "prototype status": (["prototype", "status", "p", "1", "piloting"], ["prototype.title"]),
    "evaluation notes": (["evaluation", "notes", "p", "--wide"], ["note.title", "note.text"]),
    "evaluation report": (["evaluation", "report", "p"], ["survey.role"]),
    "spreading list": (["spreading", "list", "p", "--wide"], ["spreading.title",
                                                     "spreading.audience"]),
    "network list": (["network", "list"], ["network.name"]),
    "network status": (["network", "status", "net"], ["network.name", "project.municipality"]),
    "workflow list": (["workflow", "list"], []),
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_shows_stored_text_as_text(world, name, lang):
    cli, shown = world
    args, fields = COMMANDS[name]
    result = _run(cli, args, lang)
    out = result.output
    assert result.exit_code == 0, out
    assert "unexpected error" not in out and "Traceback" not in out, out
    for raw in RAW:
        assert raw not in out, f"{name}: raw {raw!r} in the output:\n{out}"
    for field in fields:
        if field in IN_HISTORY_ONLY:  # kept in an event, not a column: no controls appended
            assert value(field) in out, f"{name}: {field} not shown as stored:\n{out}"
            continue
        assert value(field) + shown in out, f"{name}: {field} not shown as stored:\n{out}"
    if name == "log":  # the history shows what the events hold: each value, as it was given
        for field in ("project.name", "item.title", "decision.note", "transition.reason"):
            assert value(field) in out, f"log: {field} not shown:\n{out}"
        assert value("item.title") + shown in out, out  # the event whose JSON holds controls


#: fields no list/show command prints as text (the documents and --json show them)
DOCUMENTS_ONLY = {"meeting.title", "meeting.minute_taker", "agenda.case", "agenda.background",
                  "agenda.recommendation", "agenda.finances", "focus.description",
                  "spreading.note"}


def test_every_field_was_reached(world):
    """The table above shows each field somewhere, or the history does (log), except the few
    that only documents show."""
    cli, _ = world
    log = _run(cli, ["log", "p"], "en").output
    shown_somewhere = {f for _, fields in COMMANDS.values() for f in fields}
    missing = {f for f in FIELDS if f not in shown_somewhere and value(f) not in log}
    assert missing == DOCUMENTS_ONLY


@pytest.mark.parametrize("lang", ["da", "en"])
def test_json_is_the_exact_stored_values(world, lang):
    cli, shown = world
    result = _run(cli, ["item", "show", "p", "1", "--json"], lang)
    data = json.loads(result.output)
    assert data["title"].startswith(value("item.title") + " \x1b[31m \x1b]8;;http://evil\x07")
    assert "\\u001b[31m" in result.output  # JSON escapes C0 itself; nothing else is changed
    names = [p["name"] for p in json.loads(_run(cli, ["project", "list", "--json"],
                                                lang).output)]
    assert names[0].startswith(value("project.name") + " \x1b[31m")


# -- the cases of the issue, one by one ----------------------------------------------------------
def _wide(cli: Cli, args, lang="da"):
    return _run(cli, args if isinstance(args, list) else args.split(), lang)


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    assert "unexpected error" not in result.output, result.output
    return result.output


def test_an_item_titled_like_a_closing_tag_breaks_no_command(cli):
    """«Skema [/ny version]» crashed item list, item show, log, project show and trace."""
    cli.ok('project create p --name "Projekt" --municipality "Odder Kommune"')
    cli.ok('advance p --to mapping --reason "Test"')
    cli.ok(["item", "add", "p", "--kind", "rule", "--title", "Skema [/ny version]"])
    cli.ok(["activity", "record", "p", "seminar", "--title", "Skema [/ny version]"])
    for lang in ("da", "en"):
        for args in ("item list p", "item show p 1", "log p", "project show p", "trace p 1"):
            assert "Skema [/ny version]" in _ok(_wide(cli, args, lang)), args


def test_a_project_named_with_markup_does_not_break_the_list_for_everyone(cli):
    cli.ok('project create a --name "Almindeligt projekt" --municipality "Odder Kommune"')
    cli.ok(["project", "create", "b", "--name", "Projekt [/]", "--municipality", "[bold]K[/]"])
    for lang in ("da", "en"):
        out = _ok(_wide(cli, "project list", lang))
        assert "Almindeligt projekt" in out and "Projekt [/]" in out and "[bold]K[/]" in out
        out = _ok(_wide(cli, "status", lang))
        assert "[bold]K[/]" in out
        assert "Projekt [/]" in _ok(_wide(cli, "status b", lang))


def test_a_bracketed_word_is_shown_not_swallowed(cli):
    """«Regel [se bilag] slut» was shown as «Regel slut»; emoji codes stay as typed."""
    cli.ok('project create p --name "Projekt" --municipality "Odder Kommune"')
    cli.ok('advance p --to mapping --reason "Test"')
    cli.ok(["item", "add", "p", "--kind", "rule", "--title", "Regel [se bilag] slut :smile:",
            "--description", "[link=https://evil.example]klik[/link]"])
    out = _ok(_wide(cli, "item show p 1"))
    assert "Regel [se bilag] slut :smile:" in out
    assert "[link=https://evil.example]klik[/link]" in out
    assert "Regel [se bilag] slut :smile:" in _ok(_wide(cli, "item list p"))


def test_a_stored_escape_sequence_is_not_replayed_by_log(cli):
    """`log` replayed a stored ESC sequence to the terminal: shown as \\x1b, never sent."""
    from tests.robustness.conftest import raw_execute

    cli.ok('project create p --name "Projekt" --municipality "Odder Kommune"')
    after = json.dumps({"name": "Projekt \x1b[2J\x1b]8;;http://evil\x07klik\x1b]8;;\x07 \u202eslut"})
    raw_execute(cli.db_url, "UPDATE audit_event SET after = :a WHERE action = 'project.create'",
                {"a": after})
    raw_execute(cli.db_url, "UPDATE project SET name = :n", {"n": "Projekt \x1b[31mrød\r\x07"})
    for lang in ("da", "en"):
        for args in ("log p", "project show p", "project list", "status", "status p"):
            out = _ok(_wide(cli, args, lang))
            assert not any(c in out for c in "\x1b\x07\r\u202e"), (args, out)
        assert r"Projekt \x1b[2J\x1b]8;;http://evil\x07klik\x1b]8;;\x07 \u202eslut" in _ok(
            _wide(cli, "log p", lang))
        assert r"Projekt \x1b[31mrød\x0d\x07" in _ok(_wide(cli, "project show p", lang))
        assert r"Projekt \x1b[31mrød\x0d\x07" in _ok(_wide(cli, "status p", lang))


def test_a_text_direction_override_is_refused_and_shown_escaped(cli):
    """Bidi overrides and C1 controls are refused at entry; the refusal shows them escaped."""
    cli.ok('project create p --name "Projekt" --municipality "Odder Kommune"')
    cli.ok('advance p --to mapping --reason "Test"')
    result = _wide(cli, ["item", "add", "p", "--kind", "rule", "--title", "abc\u202edef\x9b"],
                   "en")
    assert result.exit_code == 1, result.output
    assert "\u202e" not in result.output and "\x9b" not in result.output
    assert "U+202E" in result.output


# -- refusals --------------------------------------------------------------------------------------
LONG = "x" * 5000


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("args,shown", [
    # a service's refusal (a slug that is no id; a project that is not there)
    (["project", "show", "ab\x1b]8;;http://evil\x07c"], r"ab\x1b]8;;http://evil\x07c"),
    (["project", "show", "x[/]"], "x[/]"),
    (["project", "show", "\u202e" + LONG], r"\u202exxx"),
    (["item", "list", "nope\x1b]8;;http://evil\x07"], r"nope\x1b]8;;http://evil\x07"),
    (["status", "\x1b[2J" + LONG], r"\x1b[2Jxxx"),
    (["meeting", "show", "\x07" + LONG], r"\x07xxx"),
    (["item", "import", "p", "/nowhere/\x1b[31m" + LONG + ".csv"], r"/nowhere/\x1b[31mxxx"),
    # click's own: a bad choice, an unknown command, a bad root option
    (["decision", "record", "p", "x", "--by", "med\x07", "--outcome", "approved"], r"med\x07"),
    (["no-such-command\x07" + LONG], r"no-such-command\x07xxx"),
    (["--lang", "\x07" + LONG, "status"], r"\x07xxx"),
], ids=lambda a: a[0] if isinstance(a, list) else None)
def test_a_refusal_echoes_input_cut_and_without_control_characters(cli, snapshot, args, shown,
                                                                   lang):
    cli.ok('project create p --name "Projekt" --municipality "Odder Kommune"')
    before = snapshot()
    from nybureau.cli.main import cli as root

    full = ["--db", cli.db_url, "--actor", "tester", "--lang", lang, *args] \
        if args[0] != "--lang" else ["--db", cli.db_url, "--actor", "tester", *args]
    result = cli.runner.invoke(root, full, env=ENV, catch_exceptions=False)
    out = result.output
    assert result.exit_code != 0, out
    assert "unexpected error" not in out and "Traceback" not in out, out
    assert not any(c in out for c in RAW), repr(out)
    assert shown in out, out[:600]  # what was typed, visibly
    # cut (a path only beyond any sensible length: the user needs it whole)
    assert LONG not in out and ("x" * 1100 if "/" in shown else "x" * 100) not in out, out[:600]
    assert max(len(line) for line in out.splitlines()) <= 2000, out[:600]
    assert snapshot() == before


def test_refusal_text_is_cut_where_it_quotes_long_values():
    from nybureau.textsafe import ECHO_LIMIT, safe_message

    msg = safe_message(f"Project '{'a' * 300}' not found. The project's name is «{'b' * 90}».")
    assert f"'{'a' * (ECHO_LIMIT - 1)}…'" in msg
    assert f"«{'b' * (ECHO_LIMIT - 1)}…»" in msg
    assert "The project's name is" in msg  # an apostrophe is not a quote
    short = "Project 'odder' cannot leave the phase “Kortlægning” yet. Still missing:\n  - x"
    assert safe_message(short) == short  # ordinary messages pass unchanged


# -- --actor ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("actor", ["", "   ", "a" * 301, "Mette\nHansen", "Mette\x1b[31m",
                                   "Mette\rHansen", "\u202eMette", "Mette\x00", "Mette\x9b"],
                         ids=["empty", "blank", "too-long", "newline", "esc", "cr", "bidi",
                              "nul", "c1"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_bad_actor_is_refused_before_anything_happens(cli, snapshot, actor, lang):
    from nybureau.cli.main import cli as root

    before = snapshot()
    for args in (["project", "create", "p", "--name", "P", "--municipality", "K"], ["status"]):
        result = cli.runner.invoke(root, ["--db", cli.db_url, "--actor", actor, "--lang", lang,
                                          *args], catch_exceptions=False)
        out = result.output
        assert result.exit_code == 1, out
        assert "--actor" in out and "unexpected error" not in out, out
        assert not any(c in out for c in RAW), repr(out)
        assert ("tom" in out or "tegn" in out or "kontroltegn" in out) if lang == "da" \
            else ("empty" in out or "characters" in out), out
    assert snapshot() == before


def test_a_bad_actor_from_the_environment_is_refused_too(cli, snapshot):
    from nybureau.cli.main import cli as root

    before = snapshot()
    result = cli.runner.invoke(root, ["--db", cli.db_url, "--lang", "en", "project", "create",
                                      "p", "--name", "P", "--municipality", "K"],
                               env={"NYBUREAU_ACTOR": "evil\x1b[31m"}, catch_exceptions=False)
    assert result.exit_code == 1 and "--actor" in result.output, result.output
    assert "\x1b" not in result.output
    assert snapshot() == before


def test_a_good_actor_is_recorded_trimmed(cli):
    cli.ok('project create p --name "Projekt" --municipality "Odder Kommune"',
           actor="  Mette Hviid  [/]  ")
    events = json.loads(cli.ok("log p --json").output)
    assert events[0]["actor"] == "Mette Hviid  [/]"
    assert "Mette Hviid  [/]" in _ok(_wide(cli, "log p"))


def test_the_actor_limit_is_the_columns_length():
    from nybureau.cli.main import MAX_ACTOR
    from nybureau.persistence.tables import audit_event, phase_transition

    assert audit_event.c.actor.type.length == MAX_ACTOR
    assert phase_transition.c.actor.type.length == MAX_ACTOR


# -- a workflow definition is a file too -----------------------------------------------------------
@pytest.mark.parametrize("escape", ["", " \\e[31m"], ids=["markup", "markup-and-esc"])
def test_titles_from_a_workflow_file_are_text(cli, tmp_path, escape):
    """A phase title in your own workflow file is shown as typed; an escape that YAML turns
    into ESC ("\\e") is shown, not sent (or the file is refused, cleanly)."""
    from tests.robustness.conftest import REPO

    source = (REPO / "workflows" / "nybureaukratisering.yaml").read_text(encoding="utf-8")
    old = "title: {da: Opbakning og organisering, en: Backing and organisation}"
    assert old in source
    path = tmp_path / "own.yaml"
    path.write_text(source.replace(old, f'title: {{da: "Opbakning [/]{escape} [se bilag]", '
                                        f'en: "Backing [/]{escape} [se bilag]"}}'),
                    encoding="utf-8")
    checked = _wide(cli, ["workflow", "validate", str(path)])
    if escape and checked.exit_code != 0:  # refused at the door: a clear message, shown safely
        assert "unexpected error" not in checked.output and "\x1b" not in checked.output
        return
    _ok(checked)
    cli.ok(["project", "create", "p", "--name", "P", "--municipality", "K",
            "--workflow", str(path)])
    shown = escape.replace("\\e", r"\x1b")
    for lang, title in (("da", "Opbakning"), ("en", "Backing")):
        for args in (["status", "p"], ["status"], ["project", "show", "p"],
                     ["workflow", "show", str(path)]):
            out = _ok(_wide(cli, args, lang))
            assert "\x1b" not in out, (args, out)
            assert f"{title} [/]{shown} [se bilag]" in out, (args, out)
