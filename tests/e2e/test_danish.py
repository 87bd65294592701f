"""Danish all the way (issue 11, §5), through the CLI in Danish and English: Danish choices,
refusals of an unknown choice in the user's language, `--help` in Danish for every command
(with an example for a project leader's commands), `log` as sentences, phase titles in
`project list`, plurals, the anonymity label and `status`'s next step."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.substance.conftest import survey_csv, write

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(cli):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2017-06-01")
    return "odder"


def last_event(cli, slug="odder"):
    return json.loads(cli.ok(f"log {slug} --json").output)[-1]


def wide(cli, args: str, lang: str) -> str:
    """The output of ``nybureau ARGS`` on a terminal of 200 columns (tables unwrapped)."""
    import shlex

    from nybureau.cli.main import cli as root

    result = CliRunner().invoke(root, ["--db", cli.db_url, "--lang", lang, *shlex.split(args)],
                                env={"COLUMNS": "200"}, terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def refused(cli, snapshot, args, *, code, lang):
    before = snapshot()
    result = cli(args, lang=lang)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert snapshot() == before, "a refused command changed the database"
    return result.output


# -- Danish choices ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("words, by, outcome", [
    ("--by Ledelsen --outcome godkendt", "management", "approved"),
    ("--by ledelsen --outcome GODKENDT", "management", "approved"),
    ("--by MED --outcome godkendt_med_ændringer", "med", "approved_with_changes"),
    ("--by med-udvalget --outcome 'godkendt med aendringer'", "med", "approved_with_changes"),
    ("--by styregruppe --outcome udsat", "steering_group", "postponed"),
    ("--by Styregruppen --outcome taget_til_efterretning", "steering_group", "noted"),
    ("--by management --outcome 'ikke godkendt'", "management", "rejected"),
    ("--by MANAGEMENT --outcome afvist", "management", "rejected"),
])
def test_a_decision_takes_danish_words_and_stores_the_code(cli, project, words, by, outcome,
                                                            lang):
    cli.ok(f"decision record odder project_description {words} --date 2017-06-14", lang=lang)
    after = last_event(cli)["after"]
    assert (after["body"], after["outcome"]) == (by, outcome)


@pytest.mark.parametrize("kind, code", [
    ("opstartsmøde", "startup_meeting"), ("Opstartsmoede", "startup_meeting"),
    ("seminar", "seminar"), ("interview", "interview"), ("observation", "observation"),
    ("observationsstudie", "observation"), ("workshop", "workshop"),
    ("læringsmøde", "learning_meeting"), ("START-UP MEETING", "startup_meeting"),
])
def test_an_activity_takes_danish_kinds(cli, project, kind, code):
    cli.ok(["activity", "record", "odder", kind, "--date", "2017-06-20"], lang="da")
    assert last_event(cli)["after"]["kind"] == code


@pytest.mark.parametrize("body, code", [("MED", "med"), ("styregruppe", "steering_group"),
                                        ("Styregruppen", "steering_group"),
                                        ("følgegruppe", "follow_group"),
                                        ("foelgegruppen", "follow_group")])
def test_a_body_member_takes_danish_bodies(cli, project, body, code):
    cli.ok(["body", "member", "odder", body, "Hanne Kjær"], lang="da")
    assert last_event(cli)["after"]["body"] == code


def test_meetings_take_danish_bodies_types_and_outcomes(cli, project):
    out = cli.ok('meeting plan odder MED --date "2017-06-10 10:00" --json', lang="da").output
    meeting = json.loads(out)["id"]
    assert last_event(cli)["after"]["body"] == "med"
    cli.ok(f'meeting item add {meeting} --title "Orientering om projektet" --type orientering',
           lang="da")
    assert last_event(cli)["after"]["kind"] == "information"
    cli.ok(f'meeting item add {meeting} --title "Drøftelse" --type Drøftelse', lang="da")
    assert last_event(cli)["after"]["kind"] == "discussion"


@pytest.mark.parametrize("lang, expected", [
    ("da", "Ugyldig værdi for --outcome: »godkent«. Vælg en af: godkendt, "
           "godkendt_med_ændringer, ikke_godkendt, udsat, taget_til_efterretning, tiltrådt, "
           "drøftet, orienteret."),
    ("en", "Invalid value for '--outcome': 'godkent'. Choose one of: approved, "
           "approved_with_changes, rejected, postponed, noted, agreed, discussed, "
           "informed."),
])
def test_an_unknown_outcome_is_refused_in_the_users_language(cli, snapshot, project, lang,
                                                             expected):
    out = refused(cli, snapshot, "decision record odder project_description --by MED "
                                 "--outcome godkent", code=2, lang=lang)
    assert expected in " ".join(out.split())
    assert ("Fejl:" in out) == (lang == "da") and ("Error:" in out) == (lang == "en")


@pytest.mark.parametrize("lang, expected", [
    ("da", "Ugyldig værdi for BODY: »bestyrelsen«. Vælg en af: ledelsen, med, "
           "styregruppen, projektgruppen, arbejdsgruppen, følgegruppen, referencegruppen, "
           "hoved-med, område-med, lokal-med, byrådet, fagudvalget, borgmesteren, ministeriet, "
           "programledelsen, evaluator."),
    ("en", "Invalid value for 'BODY': 'bestyrelsen'. Choose one of: management, med, "
           "steering_group, project_group, working_group, follow_group, reference_group, "
           "hoved_med, area_med, local_med, city_council, committee, mayor, ministry, "
           "programme_management, external_evaluator."),
])
def test_an_unknown_body_is_refused_listing_the_bodies(cli, snapshot, project, lang, expected):
    out = refused(cli, snapshot, 'body member odder bestyrelsen "A B"', code=2, lang=lang)
    assert expected in " ".join(out.split())


@pytest.mark.parametrize("lang, word", [("da", "opstartsmøde"), ("en", "startup_meeting")])
def test_an_unknown_activity_kind_is_refused_listing_the_kinds(cli, snapshot, project, lang,
                                                               word):
    out = refused(cli, snapshot, "activity record odder fest", code=2, lang=lang)
    assert word in out and ("fest" in out)


def test_an_unknown_format_is_refused(cli, snapshot, project):
    out = refused(cli, snapshot, "render status-report odder --format odt", code=2, lang="da")
    assert "Vælg en af: md, html, docx, pdf." in " ".join(out.split())


def test_clicks_own_words_are_danish(cli, snapshot, project):
    out = refused(cli, snapshot, "status odder --bogus", code=2, lang="da")
    assert "Brug: cli status" in out and "Fejl: Intet tilvalg ved navn '--bogus'." in out
    out = refused(cli, snapshot, "status odder --bogus", code=2, lang="en")
    assert "Usage: cli status" in out and "Error: No such option '--bogus'." in out
    out = refused(cli, snapshot, "decision record odder", code=2, lang="da")
    assert "Fejl: Manglende argument 'DECISION_ID'." in out


def test_the_language_comes_from_the_environment_too(db_url):
    runner = CliRunner()
    from nybureau.cli.main import cli as root

    en = runner.invoke(root, ["status", "--help"], env={"NYBUREAU_LANG": "en"})
    da = runner.invoke(root, ["status", "--help"], env={"NYBUREAU_LANG": None})
    assert en.output.startswith("Usage:") and "Show this message and exit." in en.output
    assert da.output.startswith("Brug:") and "Vis denne hjælp og afslut." in da.output
    mixed = runner.invoke(root, ["--lang", "en", "status", "--help"],
                          env={"NYBUREAU_LANG": "da"})
    assert mixed.output.startswith("Usage:")


# -- --help in Danish for every command ----------------------------------------------------------

def _walk(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...],
                                                                          click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += _walk(command.commands[name], (*path, name))
    return found


def _commands():
    from nybureau.cli.main import cli as root

    root.load_all()
    return _walk(root)


def _flat(text: str) -> str:
    return " ".join(text.replace("\b", "").split())


#: the commands a project leader uses: their help has an example
LEADER_COMMANDS = [
    "project create", "project list", "project show", "body member", "agent add",
    "decision record", "activity record", "status", "advance", "log", "meeting plan",
    "meeting record", "meeting approve", "meeting edit", "meeting show", "meeting list",
    "meeting item add", "render", "item add", "item import", "item list", "item show",
    "workshop import", "workshop vote", "workshop tally", "focus add", "prototype add",
    "survey import", "evaluation report", "export", "import", "backup", "person email",
    "person export", "person forget",
]


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in _commands()])
def test_every_commands_help_is_danish(path):
    from nybureau.cli import i18n
    from nybureau.cli.main import cli as root

    command = dict((" ".join(p), c) for p, c in _commands())[path]
    english = i18n.texts(command)
    args = [*path.split(), "--help"] if path else ["--help"]
    da = CliRunner().invoke(root, ["--lang", "da", *args], prog_name="nybureau",
                            terminal_width=200)
    assert da.exit_code == 0, da.output
    out = _flat(da.output)
    assert out.startswith("Brug: nybureau") and "Tilvalg:" in out
    assert "Vis denne hjælp og afslut." in out
    catalogue = i18n.catalogue("da")
    for text in english:
        danish = catalogue.gettext(text)
        assert danish != text or _flat(text) in out, (
            f"`nybureau {path} --help`: no Danish for {text!r}; add it to "
            "nybureau/locale/da/LC_MESSAGES/nybureau.po and run "
            "`python -m nybureau.cli._catalogue --update`")
        first = _flat(danish.split("\n\n")[0])
        assert first[:60] in out, (path, first)
    en = CliRunner().invoke(root, ["--lang", "en", *args], prog_name="nybureau",
                            terminal_width=200)
    assert en.exit_code == 0 and _flat(en.output).startswith("Usage: nybureau")
    for text in english:
        assert _flat(text.split("\n\n")[0])[:60] in _flat(en.output)


@pytest.mark.parametrize("path", LEADER_COMMANDS)
def test_a_project_leaders_command_has_an_example_in_both_languages(path):
    from nybureau.cli.main import cli as root

    for lang, word in (("da", "(Eksempel|Eksempler)"), ("en", "(Example|Examples)")):
        result = CliRunner().invoke(root, ["--lang", lang, *path.split(), "--help"],
                                    prog_name="nybureau", terminal_width=200)
        assert result.exit_code == 0
        assert re.search(rf"^  {word}:\n    nybureau {path.split()[0]}", result.output,
                         re.M), (path, lang, result.output)


def test_a_danish_example_uses_danish_words():
    from nybureau.cli.main import cli as root

    out = CliRunner().invoke(root, ["decision", "record", "--help"], prog_name="nybureau",
                             terminal_width=200).output
    assert "--by ledelsen --by MED" in out and "--outcome godkendt" in out
    assert "[ledelsen|med|styregruppen" in out  # the choices too


# -- log, project list, plurals, anonymity, status -----------------------------------------------

def test_log_reads_as_sentences(cli, project):
    cli.ok("decision record odder project_description --by MED --outcome godkendt "
           "--date 2017-06-14", lang="da")
    cli.ok('activity record odder seminar --date 2017-06-20 --attendee "Pia Lund"')
    da = wide(cli, "log odder", "da")
    en = wide(cli, "log odder", "en")
    assert ("Beslutningen »Projektbeskrivelse og overordnet forløb« er truffet af MED-udvalget "
            "den 14. juni 2017 (godkendt).") in da
    assert "Aktiviteten seminar er holdt den 20. juni 2017 med 1 deltager." in da
    for text in (da, en):
        assert "outcome=" not in text and "decided_on=" not in text
    assert ("The decision “Project description and overall course” was taken by MED committee "
            "on 14 June 2017 (approved).") in en
    assert "The seminar was held on 20 June 2017 with 1 attendee." in en
    events = json.loads(cli.ok("log odder --json").output)  # --json is as it was
    assert set(events[-1]) == {"id", "at", "actor", "action", "entity", "entity_id", "before",
                               "after", "hash"}
    assert events[-1]["after"]["kind"] == "seminar"


def test_log_falls_back_to_the_details_for_an_unknown_kind():
    from nybureau.cli.log_sentences import Words, sentence

    said, ok = sentence({"action": "something.new", "after": {"a": 1, "b": None}}, Words("da"))
    assert (said, ok) == ("a=1", False)


@pytest.mark.parametrize("lang, title", [("da", "Opbakning og organisering"),
                                         ("en", "Backing and organisation")])
def test_project_list_shows_phase_titles(cli, project, lang, title):
    out = wide(cli, "project list", lang)
    assert title in out and "backing" not in out
    assert json.loads(cli.ok("project list --json").output)[0]["phase"] == "backing"


@pytest.mark.parametrize("lang, one, two", [
    ("da", "med 1 deltager.", "med 2 deltagere."),
    ("en", "with 1 attendee.", "with 2 attendees."),
])
def test_plurals(cli, project, lang, one, two):
    out = cli.ok('activity record odder seminar --date 2017-06-20 --attendee "Pia Lund"',
                 lang=lang).output
    assert one in out
    out = cli.ok('activity record odder interview --date 2017-06-21 --attendee "Pia Lund" '
                 '--attendee "Ole Bak"', lang=lang).output
    assert two in out


def test_counted_words():
    from nybureau.domain.vocabulary import counted

    assert [counted(n, "attendee", "da") for n in (0, 1, 2)] == [
        "0 deltagere", "1 deltager", "2 deltagere"]
    assert counted(1, "governance_item", "da") == "1 styringselement"
    assert counted(2, "governance_item", "da") == "2 styringselementer"
    assert counted(1, "agenda_item", "da") == "1 punkt"
    assert counted(7, "agenda_item", "da") == "7 punkter"
    assert counted(1, "vote", "da") == "1 stemme" and counted(1, "answer", "da") == "1 svar"
    assert counted(1, "vote", "en") == "1 vote" and counted(3, "vote", "en") == "3 votes"


FIVE = [(2, 2, 3), (3, 2, 2), (2, 3, 2), (3, 2, 3), (2, 2, 2)]


def test_a_group_hidden_for_anonymity_is_labelled_hidden(cli, project, tmp_path):
    # Leder (4) is under five; Socialrådgiver (6) is hidden too, so that Leder cannot be worked
    # out from the total: it is "hidden", not "fewer than 5"
    jan = survey_csv({"Socialrådgiver": FIVE + [(1, 1, 1)], "Bostøtte": FIVE * 2,
                      "Leder": [(4, 4, 4)] * 4})
    cli.ok(f"survey import odder {write(tmp_path, 'j.csv', jan)} --name j --kind førmåling "
           "--date 2018-01-22")
    da = wide(cli, "evaluation report odder", "da")
    rows = {line.split("│")[2].strip(): line for line in da.splitlines()
            if line.count("│") >= 5 and line.split("│")[2].strip()}
    assert "skjult af hensyn til anonymitet" in rows["Socialrådgiver"]
    assert "< 5 svar" in rows["Leder"]
    en = wide(cli, "evaluation report odder", "en")
    assert "hidden for anonymity" in en


def test_status_no_longer_suggests_a_body_that_has_decided(cli, project):
    before = json.loads(cli.ok("status odder --json").output)["next_steps"]
    hint = [s for s in before if "project_description" in s]
    assert hint and "--by management --by med" in hint[0]
    cli.ok("decision record odder project_description --by MED --outcome godkendt "
           "--date 2017-06-14", lang="da")
    after = json.loads(cli.ok("status odder --json").output)["next_steps"]
    hint = [s for s in after if "project_description" in s]
    assert hint == ["nybureau decision record odder project_description --by management "
                    "--outcome approved --date YYYY-MM-DD"]
    out = wide(cli, "status odder", "da")
    assert "project_description --by ledelsen --by MED" not in out
    # in Danish the hint uses the Danish words (the command takes both)
    assert "project_description --by ledelsen --outcome godkendt --date ÅÅÅÅ-MM-DD" in out
    out = wide(cli, "status odder", "en")
    assert "project_description --by management --outcome approved --date YYYY-MM-DD" in out


def test_a_danish_hint_runs_as_it_is_written(cli, project):
    from nybureau.cli.choices import in_words

    hint = in_words("nybureau decision record odder project_description --by management "
                    "--by med --outcome approved --date YYYY-MM-DD", "da")
    assert hint == ("nybureau decision record odder project_description --by ledelsen --by MED "
                    "--outcome godkendt --date ÅÅÅÅ-MM-DD")
    assert "--outcome taget_til_efterretning" in in_words("x --outcome noted", "da")
    assert in_words("nybureau activity record odder learning_meeting --date YYYY-MM-DD",
                    "da") == "nybureau activity record odder læringsmøde --date ÅÅÅÅ-MM-DD"
    cli.ok(hint.replace("ÅÅÅÅ-MM-DD", "2017-06-14").split(" ", 1)[1], lang="da")
    status = json.loads(cli.ok("status odder --json").output)
    assert not [s for s in status["next_steps"] if "project_description" in s]


# -- the wheel -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_wheel_carries_the_catalogue_and_speaks_danish(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(dist), str(REPO)], check=True, cwd=tmp_path)
    (wheel,) = dist.glob("nybureau-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        assert "nybureau/locale/da/LC_MESSAGES/nybureau.mo" in names
        z.extractall(tmp_path / "site")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NYBUREAU_")}
    env.update(PYTHONPATH=str(tmp_path / "site"), HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", "import nybureau, sys; print(nybureau.__file__); "
         "sys.argv = ['nybureau', 'decision', 'record', '--help']; "
         "from nybureau.cli._entry import main; main()"],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "site") in result.stdout.splitlines()[0]
    assert "Registrér udfaldet af en beslutning." in result.stdout
    assert "Eksempel:" in result.stdout
