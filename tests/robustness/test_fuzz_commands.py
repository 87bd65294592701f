"""Every command, one hostile value at a time (hypothesis).

Every command and subcommand of the CLI is found from the click group itself (a new command
without an argument recipe fails ``test_every_command_has_a_recipe``). Each recipe is a valid
invocation on a small populated database (made through the CLI: a network, a project with
members, an agent, decisions, activities, meetings with items, governance items, a vote, a
focus area, a prototype with a criterion and an iteration, a survey round, a note, spreading).
The test replaces ONE argument or option value of it (or the global ``--actor``, ``--db`` for
``init`` and ``status``, or a cell of the file it reads) by a value of one hostile class (see
HOSTILE: markup, control characters, surrogates as from a non-UTF-8 argv, huge numbers, edge
dates, very long strings, Markdown/HTML/template injection, SQL-looking strings, odd paths),
in Danish or English, and asserts:

* no traceback, no "unexpected error", no exception escaping click, no raw ESC byte in the
  output (hostile text is printed as text; click runs with color=True, as on a terminal);
* a refusal (exit code 1 or 2) says why and leaves every row of every table as it was;
* an accepted command (exit code 0) that changed the database leaves ``audit verify`` passing,
  and a command that shows what it stored (READERS: a list, a show, the log) shows it cleanly.

The database is put back to the populated state after every accepted write, so every example
starts from the same state. A failing test lists every failed case of its command and class
(command line, class, slot, value, output); cases are not shrunk.

Cases are counted per class and command (and per reader, as "… (stored)"); with
``NYBUREAU_FUZZ_REPORT=FILE`` the counts and the failed cases are added to FILE (JSON, per
backend) at the end of the module. Example counts are in EXAMPLES (the module runs on two cores
in CI, on SQLite and PostgreSQL); ``NYBUREAU_FUZZ_EXAMPLES=N`` multiplies them for a longer hunt.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "workflows" / "mini.yaml"

#: examples per (command, hostile class); a few slow commands get fewer
EXAMPLES = {"default": 2, "slow": 1}
#: NYBUREAU_FUZZ_EXAMPLES=N runs N times as many (a longer hunt, not in CI)
SCALE = max(1, int(os.environ.get("NYBUREAU_FUZZ_EXAMPLES", "1") or 1))
#: commands that take long (a whole case, every document): fewer examples
SLOW = {"demo", "render"}
#: the demo runs the whole Odder case (seconds): only the classes its options can trip on
ONLY = {"demo": {"control", "surrogate", "path"}}
BAD_OUTPUT = ("Traceback", "unexpected error")
# no shrinking: a failing case is reported as drawn (shrinking would rerun the CLI many times)
SETTINGS = dict(deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate], report_multiple_bugs=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


def _arg(value: str) -> str:
    """An argument as typed (shell-quoted), or its repr when it holds odd characters."""
    return value if value == shlex.quote(value) else (
        shlex.quote(value) if value.isprintable() and len(value) < 60 else cut(value, 60))


def cut(value: str, n: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= n else f"{text[:n]}… ({len(value)} chars)"


# -- hostile values, one named class each ------------------------------------------------------
MARKUP = ["[/]", "[bold]", "[link=javascript:x]klik[/link]", "Skema [/ny version]",
          "Regel [se bilag] slut", "Projekt [/]", "[red on white]x", "[/bold]", "\\[x]",
          "[bold][/italic]", ":warning:", "[[/]]"]
# (ESC sequences other than nybureau's own styles, see OWN_STYLES)
CONTROL = ["a\x00b", "\x1b[2J\x1b[41mrød", "\x1b]8;;https://x\x07link\x1b]8;;\x07", "bip\x07",
           "Titel\rOVERSKREVET", "To\nlinjer", "\x85næste", "\x9b31m", "\u202etxt.exe",
           "tab\there", "\x7f", "\x1b", "\u2028linje", "x\x0cy", "\x01\x02\x03"]
HUGE = [str(2**63), str(-(2**63) - 1), str(10**30), "1e309", "NaN", "-1", "0",
        str(2**64), "99999999999999999999999999", "inf", "-0", str(2**31)]
DATES = ["9999-12-31 23:30", "0001-01-01", "2017-03-26 02:30", "2017-02-30", "9999-12-31",
         "0001-01-01 00:00", "2017-10-29 02:30", "2017-06-14 24:00", "2017-06-14 10:00:60",
         "1969-12-31", "10000-01-01", "2017-06-14T10:00+14:00"]
INJECTION = ["# x", "[x](javascript:alert(1))", "{{ 7*7 }}", "<script>alert(1)</script>",
             "{% for i in range(10**9) %}x{% endfor %}", "| a | b |\n|---|---|",
             "<img src=x onerror=alert(1)>", "{{ ''.__class__.__mro__ }}", "---\nx: 1",
             "*fed* _kursiv_ `kode`", "${jndi:ldap://x}", "&amp; &lt;", "{#", "{{"]
SQLISH = ["Robert'); DROP TABLE person;--", "' OR '1'='1", "\"; DELETE FROM project; --",
          "1; UPDATE audit_event SET actor='x'", "%_%", "\\x00", "$$; SELECT pg_sleep(5); $$",
          "NULL", "0x7F", "'; --", "\\"]


def _surrogate(raw: bytes) -> str:
    """What click gets from a non-UTF-8 argv (Python decodes it with surrogateescape)."""
    return raw.decode("utf-8", "surrogateescape")


def _pieces(fixed: list[str]) -> st.SearchStrategy[str]:
    """A fixed hostile value, alone or inside ordinary text."""
    return st.one_of(st.sampled_from(fixed),
                     st.tuples(st.sampled_from(["", "Bostøtte ", "x"]), st.sampled_from(fixed),
                               st.sampled_from(["", " slut", "Æ"])).map("".join))


@dataclass(frozen=True)
class Hostile:
    name: str
    strategy: st.SearchStrategy[str]
    paths_only: bool = False
    prefers: str | None = None  # a Slot.kind this class goes to three times in four


HOSTILE = [
    Hostile("markup", _pieces(MARKUP)),
    Hostile("control", _pieces(CONTROL) | st.text(st.characters(
        categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=6)),
    Hostile("surrogate", st.one_of(
        st.sampled_from([_surrogate(b"\xff"), _surrogate(b"Bj\xf8rn"), _surrogate(b"\xe6\xf8\xe5"),
                         _surrogate(b"\x80"), _surrogate(b"odder\xc3")]),
        st.binary(min_size=1, max_size=4).map(lambda b: _surrogate(b"x" + b"\xed" + b)))),
    Hostile("huge_number", st.sampled_from(HUGE), prefers="number"),
    Hostile("edge_date", st.sampled_from(DATES), prefers="date"),
    Hostile("long", st.sampled_from([10_000, 300_000]).flatmap(
        lambda n: st.sampled_from(["Æ", "x", "[b]", "\u0301"]).map(lambda c: c * (n // len(c))))),
    Hostile("injection", _pieces(INJECTION)),
    Hostile("sql", _pieces(SQLISH)),
    Hostile("path", st.sampled_from(["nonexistent/x.csv", "{dir}", "{long_path}", "a\x00b.csv",
                                     "", "-", "{dir}/", "{dir}/../{dir_name}",
                                     "{notdb}"]),
            paths_only=True),
]
CLASSES = {h.name: h for h in HOSTILE}

# -- the populated database -------------------------------------------------------------------
ITEMS_CSV = ("kind,title,description,applies_to,source,experience,character,evidence,agent,date\n"
             "rule,{X},Beskrivelse,Bostøtten,observation,for stram,kontrollerende,Belæg,"
             "Anne Agent,2017-10-03\n")
VOTES_CSV = "participant,chain_role,item,verdict,points\n{X},frontline,1,change,3\n"
SURVEY_CSV = ("respondent;rolle;kvalitet: Borgerens mål styrer støtten;arbejdsmiljø: Mening;"
              "effektivitet: Samarbejdet\n" + "".join(
                  f"R{i};{{X}};2;3;2\n" if i == 6 else
                  f"R{i};{'Socialrådgiver' if i < 6 else 'Bostøtte'};2;3;2\n"
                  for i in range(1, 11)))
SCENARIO = """format: nybureau-scenario/1
project:
  slug: scenarie
  name: "{X}"
  municipality: "Scenarie Kommune"
  workflow: nybureaukratisering
  created: 2017-06-01
bodies:
  steering_group:
    - {name: "Lise Holm", role: "Formand"}
agents: []
steps:
  - date: 2017-06-07
    activity: startup_meeting
    title: "Opstart"
"""
WORKFLOW = MINI.read_text(encoding="utf-8").replace("Mini-forløb", "{X}", 1)
#: files the recipes read: name → content with {X} where a hostile cell may go
FILES = {"items.csv": ITEMS_CSV, "votes.csv": VOTES_CSV, "survey.csv": SURVEY_CSV,
         "scenario.yaml": SCENARIO, "mini.yaml": WORKFLOW, "notat.docx": "{X}"}
VALID = {"items.csv": "Kvartalsvis status", "votes.csv": "Frede", "survey.csv": "Bostøtte",
         "scenario.yaml": "Scenarieprojektet", "mini.yaml": "Mini-forløb",
         "notat.docx": "Et bilag (the file attach copies into the document package)"}

SETUP = [
    'network create net --name "Netværk Øst"',
    'project create odder --name "Bostøtten i Odder" --municipality "Odder Kommune" '
    '--area Voksen --network net --date 2017-06-01',
    'project create nabo --name "Nabo" --municipality "Nabo Kommune" --network net '
    '--date 2017-06-01',
    'body member odder steering_group "Hanne Kjær" --role Socialchef --email hanne@example.org',
    'body member odder med "Søren Østergaard" --role Tillidsrepræsentant',
    'body member odder management "Mette Hviid" --role Direktør',
    'agent add odder "Anne Agent" --title Fagkonsulent --date 2017-09-01',
    "decision record odder project_description --by management --by med --outcome approved "
    "--date 2017-06-21",
    'activity record odder seminar --date 2017-08-23 --title "Fælles sprog" '
    '--attendee "Anne Agent"',
    'meeting plan odder med --date "2017-06-14 10:00" --place Rådhuset --committee Hoved-MED '
    '--participant "Søren Østergaard"',
    'meeting item add 1 --title "Budget for frikøb" --type decision --case 00.01 '
    '--background "Baggrund" --recommendation "at godkende" --finances "Ingen"',
    'meeting item add 1 --title "Orientering" --type information',
    'meeting item attach 1 2 --title "Bilag" --file https://example.org/a.pdf',
    'meeting plan odder steering_group --date "2017-06-20 09:00" --place Rådhuset',
    'meeting plan net network --number 1 --date "2017-10-05 10:00" --place Aarhus',
    'meeting plan odder management --date "2017-08-01 09:00"',
    'meeting item add 2 --title "Kommissorium" --type decision',
    "meeting record 2 1 --outcome approved",
    'advance odder --to mapping --reason "Fuzz: straight to the mapping" --date 2017-09-18',
    'item add odder --kind rule --title "Ugentlige timer" --experience "for stram" '
    '--date 2017-10-12',
    'item add odder --kind documentation --title "Statusskrivelse" --date 2017-10-13',
    "workshop vote odder 1 --participant Frida --role frontline --verdict change --points 3",
    'focus add odder "Rummelige bestillinger" --item 1 --date 2017-11-20',
    'advance odder --to prototyping --reason "Fuzz: on to the prototypes" --date 2017-11-27',
    'prototype add odder "Rummelig bestilling" --focus-area "Rummelige bestillinger"',
    'prototype criterion odder 1 "Borgerens mål står i bestillingen" --bottom-line quality',
    'prototype iterate odder 1 --place "Team Nord" --date 2017-12-12 --learned L --changed C',
    "survey import odder {survey.csv} --name januar --kind baseline --date 2018-01-22",
    'evaluation note odder interview "Interview 1" --text "Godt" --date 2018-01-16 '
    "--prototype 1",
    'spreading add odder article "Fra timer til mål" --audience Netværket --date 2018-06-06',
    'exemption add odder Serviceloven "§ 50" "Fritagelse for den faste form" --date 2017-06-02',
    # action items (issue 14)
    'action add odder --what "Sende notatet" --who "Mette Hviid" --due 2017-09-01 '
    "--date 2017-08-20",
    # the web view (issue 15): a role to revoke
    'web grant "Mette Hviid" --project odder --role secretary',
    # the risk log and the communication plan (issue 16 §6)
    'risk add odder --kind barrier --what "Budgetmodellen følger timerne" --date 2017-10-02',
    'risk add odder --kind risk --what "Lederne når ikke at følge op" --date 2017-10-03',
    'stakeholder add odder "Medarbejdere" --interest high --date 2017-09-20',
    # the field work (issue 16 §4): a field note to void
    'note add odder --source interview --role frontline --text "Timerne styrer" --item 1 '
    '--on 2017-10-13 --by "Anne Agent"',
    # the frame project (issue 16): a programme with a step to mark done
    'network programme net --name "Rammeprojektet" --owner "Ekspertområdet"',
    'network step add net "Rekruttering af kommuner" --due 2017-05-31',
    'network step add net "Planlægning med kommunerne" --due 2017-06-30',
    "network step done net 2 --date 2017-06-28",
    # evaluation by design (issue 16 §5): a rating and an interview to void
    'project create forsoeg --name "Forsøget" --municipality "Forsøg Kommune" '
    "--workflow frikommuneforsoeg --date 2016-06-01",
    "evaluation implementation forsoeg en_indgang --round midtvejs-2018 --degree fuldt "
    "--date 2018-05-01",
    'evaluation interview odder --role Sagsbehandler --interviewer "Anne Agent" '
    '--summary "Planen samles" --date 2018-02-02',
]

#: command → one valid invocation (or several, for commands with several forms), the command
#: path left out; {name} is a file or folder the setup made. Every value in it is a slot.
RECIPES: dict[str, list[str]] = {
    "activity record": ['odder interview --date 2018-02-01 --title "Interview" '
                        '--attendee "Anne Agent"', "odder module --number 1 --date 2017-09-20"],
    "advance": ['odder --to evaluation --reason "Videre" --date 2018-04-09',
                'nabo --to common_language --reason "Spring" --date 2017-07-01 --if-version 1'],
    "agent add": ['odder "Bo Agent" --title Konsulent --date 2017-09-02 --email bo@example.org'],
    "audit verify": ["--head {head}"],
    "backup": ["--out {dir}/backup.db"],
    "body member": ['odder working_group "Lis Holm" --role Leder --email lis@example.org'],
    "decision record": ["odder organisation --by management --by med --outcome approved "
                        '--date 2017-06-22 --note "Godkendt"'],
    "demo": ["--db {dir}/demo.db"],
    "evaluation note": ['odder learning_meeting "Læringsmøde" --text "Tekst" --date 2018-01-17 '
                        "--prototype 1"],
    "evaluation notes": ["odder"],
    "evaluation report": ["odder --role Socialrådgiver"],
    # evaluation by design (issue 16 §5)
    "evaluation design": ['odder --bottom-lines quality,efficiency --criterion "Færre skift" '
                          "--baseline 2017-10-02 --mid-term 2018-01-15 --follow-up 2018-04-20 "
                          "--evaluator external --evaluator-name VIVE --date 2017-09-13",
                          "odder --json"],
    "evaluation implementation": ["odder", "odder --json", "forsoeg --list --all --json",
                                  "forsoeg sammenhaengende_plan --round slut-2019 --degree "
                                  "delvist --date 2018-11-01 --note N"],
    "evaluation void-rating": ['forsoeg 1 --reason "Dublet"'],
    "evaluation void-interview": ['odder 1 --reason "Forkert projekt"'],
    "evaluation interview": ['odder --role Socialrådgiver --interviewer "Anne Agent" '
                             '--summary "Godt forløb" --date 2018-02-01'],
    "export": ["odder --out {dir}/export.json"],
    "focus add": ['odder "Mindre dokumentation" --item 2 --description "D" --date 2017-11-21 '
                  '--reason "Fordi"'],
    "focus list": ["odder"],
    "exemption add": ['odder Folkeskoleloven "§ 40 a" "Kvalitetsrapport i ny form" '
                      '--date 2017-06-03 --note N'],
    "exemption decide": ["odder 1 imødekommet --date 2017-07-01 --note N"],
    "exemption list": ["odder", "odder --all --json --wide"],
    "exemption void": ['odder 1 --reason "Dublet"'],
    "network responsible": ['net "Odder Kommune"', "net --clear"],
    "import": ["{andet.json}"],
    "init": [""],
    "item add": ['odder --kind goal --title "Borgerens mål" --description D --applies-to A '
                 "--source interview --experience passende --character meningsgivende "
                 '--evidence E --agent "Anne Agent" --date 2017-10-13'],
    "item edit": ['odder 1 --kind rule --title "Nye timer" --description D --applies-to A '
                  "--source observation --experience \"for stram\" --character kontrollerende "
                  '--evidence E --agent "Anne Agent"'],
    "item import": ["odder {items.csv}"],
    "item list": ["odder"],
    "item show": ["odder 1", 'odder "Ugentlige timer"'],
    "log": ["odder"],
    "meeting approve": ["2 --date 2017-06-28"],
    "meeting cancel": ['4 --reason "Syg" --date 2017-07-30'],
    "meeting edit": ['1 --date "2017-06-15 11:00" --place Byrådssalen '
                     '--minute-taker "Mette Hviid" '
                     '--participant "Hanne Kjær" --apology "Søren Østergaard"',
                     '2 --case 00.01.00-A00-12-17 --doc 108734/17'],
    "meeting ics": ["1 --out {dir}/m.ics", "1 --out -", "--all --project odder --out -",
                    "--all --network net --out {dir}/net.ics", "--all --out -"],
    # the steering group's meeting: Hanne Kjær has an address (a sender: _mail_sender below)
    "meeting send": ["2 --dry-run --out {dir}/post"],
    "meeting item add": ['1 --title "Nyt punkt" --type discussion --case 00.02 --background B '
                         '--recommendation "at drøfte" --finances F --decision organisation '
                         "--position 1"],
    "meeting item attach": ['1 1 --title "Notat" --file {notat.docx}'],
    "meeting item edit": ['1 1 --title "Budget" --type decision --case 00.03 --background B2 '
                          '--recommendation "at vedtage" --finances F2 --summary S '
                          '--consequences K --consultation H'],
    "meeting item move": ["1 2 --to 1"],
    "meeting list": ["odder", "--network net"],
    "meeting plan": ['odder management --date "2017-07-01 09:00" --place Rådhuset --title Møde '
                     "--committee Direktionen --duration 60 --minute-taker \"Mette Hviid\" "
                     '--participant "Mette Hviid" --apology "Hanne Kjær"',
                     'net network --number 2 --date "2017-11-09 10:00"'],
    "meeting record": ['1 1 --outcome approved --text "Godkendt"',
                       '2 1 --outcome rejected --text "Afvist" --amend --reason "Fejlklik"'],
    "meeting series list": ["odder", "--network net", ""],
    "meeting series plan": ['odder med --every 4w --from 2017-09-01 --to 2017-12-31 '
                            '--weekday onsdag --time 14:00 --duration 90 --place Rådhuset '
                            '--title "MED 2017" --committee Hoved-MED --minute-taker '
                            '"Mette Hviid" --item Arbejdsmiljø --on-holiday skip',
                            "odder steering_group --dates 2017-09-05,2017-10-03",
                            "--network net --dates 2017-12-07 --item Kaffe"],
    "meeting show": ["1"],
    "meeting sent": ['1 --at "2017-06-07 12:00"', "3"],
    "network create": ['vest --name "Netværk Vest"'],
    "network list": [""],
    "network status": ["net --out {dir}/net --format md"],
    "network programme": ["net", 'net --name "Ramme" --owner "Ejer" --management "Ida Holm (KL)" '
                          '--description "Om rammen" --json'],
    "network step add": ['net "Planlægning med kommunerne" --due 2017-06-30 --number 3 '
                         '--note "Sammen med kommunerne"'],
    "network step done": ['net 1 --date 2017-05-29 --note "Fire kommuner"'],
    "network step reopen": ['net 2 --reason "Markeret for tidligt"'],
    "network steps": ["net --json", "net"],
    "person email": ['"Søren Østergaard" soren@example.org'],
    "person export": ['"Hanne Kjær" --out {dir}/person.json'],
    "outbox": ["", "--json", "--retry", "--status failed"],
    "person forget": ['"Søren Østergaard" --reason "Anmodning"'],
    "project create": ['ny --name "Nyt projekt" --municipality "Ny Kommune" --area Ældre '
                       "--workflow {mini.yaml} --network net --date 2018-01-01"],
    "project import": ["{scenario.yaml}"],
    "project list": [""],
    "project show": ["odder"],
    "project text": ["odder", "odder purpose", "odder purpose --text Formål"],
    "project set": ["odder --proposer forvaltningen --case 27.00.00-A00-1-17"],
    "prototype add": ['odder "Færre skemaer" --focus-area 1 --description D --owner "Anne Agent" '
                      "--status draft --plan P"],
    "prototype criterion": ['odder 1 "Færre timer" --bottom-line efficiency --target "under 2 uger"'],
    "prototype measure": ['odder 1 "3 uger" --date 2018-04-20'],
    "prototype iterate": ['odder 1 --place "Team Syd" --date 2018-01-12 --learned L2 --changed C2'],
    "prototype list": ["odder"],
    "prototype plan": ['odder 1 "Survey i januar"'],
    "prototype show": ["odder 1"],
    "prototype status": ["odder 1 piloting"],
    "render": ["agenda --meeting 1 --out {dir}/agenda.md",
               "status-report odder --out - --format md",
               "decision-paper --project odder --decision organisation --out {dir}/d.html",
               "module-outline --project odder --number 1 --out -",
               "phase-summary --project odder --phase backing --out -",
               "network-agenda --network net --number 1 --out -",
               "list", "all odder --out {dir}/all --format md --public --templates {dir}"],
    "spreading add": ['odder newsletter "Nyhedsbrev 1" --audience Alle --date 2018-06-07 '
                      '--prototype 1 --note N'],
    "spreading list": ["odder"],
    "status": ["odder"],
    "survey import": ["odder {survey.csv} --name april --kind follow_up --date 2018-04-20",
                      "odder {survey.csv} --name maj --kind mid_term --date 2018-04-21 "
                      "--invited 40 --group citizen"],
    "trace": ["odder 1"],
    "workflow list": [""],
    "workflow migrate": ["nabo --to {wf2.yaml} --dry-run"],
    "workflow show": ["nybureaukratisering --format json"],
    "workflow validate": ["{mini.yaml}"],
    "workshop import": ["odder {votes.csv} --date 2017-11-14"],
    "workshop tally": ["odder"],
    "workshop vote": ["odder 1 --participant Frede --role leader --verdict remove --points 2 "
                      "--date 2017-11-14"],
    "item template": ["--out {dir}/item-template.xlsx --format xlsx"],
    "survey template": ["--out {dir}/survey-template.csv --format csv"],
    "workshop template": ["--out {dir}/workshop-template.xlsx"],
    # issue 11 §2, one person, one identity
    "person list": ["--json", ""],
    "person rename": ['"Mette Hviid" "Mette Hviid Holm"'],
    "person merge": ['"Søren Østergaard" "Hanne Kjær"'],
    "agent remove": ['odder "Anne Agent"'],
    # corrections (issue 11 §3): voids and the lists that show their ids
    "activity list": ["odder --all --json", "odder"],
    "activity void": ['odder 1 --reason "Registreret to gange"'],
    "decision list": ["odder --all", "odder --json"],
    "decision void": ['odder 1 --reason "Forkert dato"'],
    "workshop votes": ["odder --all", "odder --json"],
    "workshop void": ['odder 1 --reason "Forkert element"'],
    "survey list": ["odder --all", "odder --json"],
    "survey void": ['odder januar --reason "Testfil"'],
    "prototype criteria": ["odder 1 --all", "odder 1 --json"],
    "prototype void-criterion": ['odder 1 --reason "Dublet"'],
    "meeting item attachments": ["1 2 --all", "1 2 --json"],
    "meeting item void-attachment": ['1 2 1 --reason "Forkert fil"'],
    "evaluation void-note": ['odder 1 --reason "Forkert projekt"'],
    "spreading void": ['odder 1 --reason "Dublet"'],
    # deadlines, due and reminders (issue 14, §3)
    "body deadline": ["odder med --agenda-days 4 --minutes-days 6", "odder --list --json"],
    "due": ["--as-of 2017-06-10 --days 30 --json", "--days 7"],
    "remind": ["--dry-run --out {dir}/remind --as-of 2017-06-10"],
}
# action items (issue 14)
RECIPES.update({
    "meeting action add": ['1 1 --what "Orientere" --who "Søren Østergaard" --due 2017-06-30 '
                           "--new-person"],
    "action add": ['odder --what "Ny opgave" --who "Hanne Kjær" --due 2018-02-01 '
                   "--date 2018-01-10 --new-person"],
    "action list": ['odder --overdue --who "Mette Hviid" --as-of 2017-10-01 --all --json',
                    "--wide"],
    "action done": ['1 --note "Sendt" --date 2017-08-25'],
    "action cancel": ['1 --note "Overflødigt" --date 2017-08-25'],
    "action edit": ['1 --what "Sende notatet igen" --who "Hanne Kjær" --due 2017-09-10 '
                    "--new-person"],
})
# the web view (issue 15); serve --check does all but listen
RECIPES.update({
    "serve": ["--check", '--check --as "Hanne Kjær" --port 8081 --threads 2 --processes 2 '
                         "--public-url https://nybureau.example.org --proxy"],
    "web link": ['"Hanne Kjær"', '"Hanne Kjær" --minutes 60 --url https://nybureau.example.org '
                                 "--qr", '"Søren Østergaard" --json'],
    "web grant": ['"Hanne Kjær" --project odder --role leader',
                  '"Anne Agent" --network net --role reader'],
    "web revoke": ['"Mette Hviid" --project odder --role secretary'],
    "web grants": ["", "odder --json"],
})

# who approves a body's minutes on the web (issue 15)
# the documentation agents' field work (issue 16 §4)
RECIPES.update({
    "note add": ['odder --source observation --role borger --text "Skemaet fylder" --item 1 '
                 '--item "Ugentlige timer" --on 2017-10-14 --by "Anne Agent"'],
    "note list": ["odder", "odder --item 1 --all --json --wide"],
    "note void": ['odder 1 --reason "Forkert projekt"'],
})
RECIPES["item add"].append('odder --kind rule --title "Ingen opfølgning" --experience too_loose '
                           '--character controlling --experienced-by leader --note "Forklaring"')
RECIPES["item edit"].append("odder 1 --experienced-by frontline --note N")

RECIPES["body approval"] = ["odder med --rule chair", "odder --list --json"]
RECIPES["body member"].append('odder med "Søren Østergaard" --remove')
RECIPES["body member"].append('odder med "Søren Østergaard" --from 2017-06-01 --to 2018-06-30')
RECIPES["activity record"].append('odder seminar --date 2018-02-02 --attendee "Ny Person" '
                                  "--new-person")
# the workshop's plan (issue 16, point 7)
RECIPES["workshop plan"] = [
    'odder --date "2017-11-08 9.00" --place "Rådhuset, mødesal 1" --invite med '
    '--invite "Mette Hviid" --invite "Anne Agent" --invite "Ny Deltager=frontline" --groups 2 '
    "--new-person",
    'odder --date "2017-11-08 13.00" --group "Gruppe A: Søren Østergaard, Mette Hviid" '
    "--json", "odder"]


#: commands that refuse a PostgreSQL database (their recipe is valid on SQLite only)
SQLITE_ONLY = {"backup"}

#: commands that also get a hostile global --db (a path): the ones that open it first
DB_SLOT = {"init", "status"}

#: what shows the stored value after an accepted write (first word of the command → readers,
#: run on the changed database before it is put back): stored text must not break a screen
READERS = {
    "activity": ["project show odder", "status odder"],
    "advance": ["project show odder", "status"],
    "agent": ["project show odder"],
    "body": ["project show odder"],
    "decision": ["project show odder", "status odder"],
    "evaluation": ["evaluation notes odder", "evaluation design odder",
                   "evaluation implementation odder", "evaluation report odder",
                   "evaluation implementation forsoeg --list --all"],
    "focus": ["focus list odder"],
    "import": ["project list", "status"],
    "item": ["item list odder", "item show odder 1", "trace odder 1"],
    "meeting": ["meeting show 1", "meeting list odder", "meeting ics 1 --out -"],
    "network": ["network list", "project list", "network programme net", "network steps net"],
    "person": ["project show odder"],
    "project": ["project list", "network list", "status"],
    "prototype": ["prototype list odder", "prototype show odder 1"],
    "spreading": ["spreading list odder"],
    "survey": ["evaluation report odder"],
    "workflow": ["status nabo"],
    "workshop": ["workshop tally odder", "item list odder", "workshop plan odder"],
}
ALWAYS = ["log odder"]
READERS["web"] = ["web grants"]  # the web view (issue 15)
# the risk log and the communication plan (issue 16 §6)
RECIPES.update({
    "risk add": ['odder --kind driver --chain-role frontline --what "Lyst til forandring" '
                 '--likelihood høj --effect middel --action "Fortælle om det" --owner Lis '
                 "--date 2017-10-05"],
    "risk list": ["odder --kind barrier --open --all --json", "odder --wide"],
    "risk update": ['odder 1 --what "Ny tekst" --kind barrier --chain-role leader '
                    "--likelihood lav --effect høj --action Handling --owner Ole"],
    "risk close": ['odder 1 --note "Løst" --date 2018-01-10'],
    "risk void": ['odder 2 --reason "Dublet"'],
    "stakeholder add": ['odder "Hoved-MED" --interest middel --influence høj --needs Status '
                        '--channel Møder --when Kvartalsvis --responsible Projektlederen '
                        "--date 2017-09-21"],
    "stakeholder list": ["odder --all --json", "odder --wide"],
    "stakeholder update": ['odder 1 --name "Alle medarbejdere" --interest lav --influence lav '
                           "--needs N --channel C --when W --responsible R"],
    "stakeholder void": ['odder 1 --reason "Dublet"'],
})
READERS["risk"] = ["risk list odder", "render status-report odder --out -"]
READERS["stakeholder"] = ["stakeholder list odder"]
READERS["web"] = ["web grants"]
READERS["note"] = ["note list odder", "trace odder 1"]  # the field work (issue 16 §4)


def all_commands() -> dict[str, click.Command]:
    """Every leaf command of the CLI by its path ('meeting item add'), found from the group."""
    from nybureau.cli.main import cli

    cli.load_all()
    found: dict[str, click.Command] = {}

    def walk(cmd: click.Command, path: list[str]) -> None:
        if isinstance(cmd, click.Group):
            for name in sorted(cmd.commands):
                walk(cmd.commands[name], [*path, name])
        else:
            found[" ".join(path)] = cmd

    walk(cli, [])
    return found


@dataclass(frozen=True)
class Slot:
    """One value of a recipe's argv that a hostile value may replace."""
    index: int        # position in argv; -1: the global --actor
    label: str        # what it is, for messages: '--date', 'ARG 1', '--actor', 'items.csv cell'
    is_path: bool
    file: str | None  # a FILES template this value names (its cell may be hostile too)
    kind: str = "text"  # "number" (an int option, an id or number), "date", or "text"


def _is_path_option(param: click.Parameter) -> bool:
    metavar = (getattr(param, "metavar", None) or "").upper()
    return (isinstance(param.type, click.Path) or "PATH" in metavar or "DIR" in metavar
            or "FILE" in metavar or "path" in (param.help or "")
            or param.name in {"out", "templates", "demo_db", "out_dir"})


def slots_of(path: str, command: click.Command, argv: list[str],
             files: dict[str, str]) -> list[Slot]:
    """The slots of ``argv`` (the command's own arguments): every option value and every
    positional argument, found from the command's parameters."""
    options = {}
    for p in command.params:
        if isinstance(p, click.Option):
            for opt in (*p.opts, *p.secondary_opts):
                options[opt] = p
    positionals = [p for p in command.params if isinstance(p, click.Argument)]
    slots = [Slot(-1, "--actor", False, None)]
    if path in DB_SLOT:
        slots.append(Slot(-2, "--db", True, None))
    i = pos = 0
    while i < len(argv):
        token = argv[i]
        if token in options:
            p = options[token]
            if p.is_flag or p.count:
                i += 1
                continue
            i += 1
            slots.append(Slot(i, token, _is_path_option(p), _file_of(argv[i], files),
                              _kind(p)))
        else:
            p = positionals[min(pos, len(positionals) - 1)] if positionals else None
            is_path = p is not None and _is_path_option(p)
            slots.append(Slot(i, f"ARG {pos + 1} ({p.name if p else '?'})", is_path,
                              _file_of(token, files), _kind(p) if p else "text"))
            pos += 1
        i += 1
    return slots


NUMBERS = {"meeting_id", "number", "ref", "items", "prototype", "focus_area"}


def _kind(param: click.Parameter) -> str:
    if isinstance(param.type, click.types.IntParamType) or param.name in NUMBERS:
        return "number"
    metavar = getattr(param, "metavar", None) or ""
    if "date" in (param.name or "") or "YYYY" in metavar or param.name in {"on", "starts"}:
        return "date"
    return "text"


def _file_of(value: str, files: dict[str, str]) -> str | None:
    return next((name for name, path in files.items() if path == value and name in FILES), None)


# -- running the CLI ----------------------------------------------------------------------------
RUNNER = CliRunner()
COUNTS: Counter = Counter()  # (class, command, outcome) → cases
FAILURES: list[dict] = []  # what failed, for the report


def invoke(db_url: str, argv: list[str], actor: str = "fuzz", lang: str = "en"):
    from nybureau.cli.main import cli

    # color=True: click leaves ANSI sequences in, as on a terminal (without it, click.echo
    # strips them and an ESC sequence in a refusal would go unseen)
    return RUNNER.invoke(cli, ["--db", db_url, "--actor", actor, "--lang", lang, *argv],
                         catch_exceptions=True, color=True)


#: the styles nybureau itself prints with click.style (status: bold, green ✔, red ✘, dim, cyan,
#: a yellow warning)
OWN_STYLES = re.compile(r"\x1b\[(?:0|1|2|31|32|33|36)m")


def raw_escape(output: str) -> bool:
    """An ESC byte that is not one of nybureau's own styles (hostile values use others)."""
    return "\x1b" in OWN_STYLES.sub("", output)


def _tables(db_url: str):
    from sqlalchemy import MetaData, create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(db_url, poolclass=NullPool)
    meta = MetaData()
    meta.reflect(engine)
    return engine, meta


class World:
    """The populated database, its dump, and the files the recipes read."""

    def __init__(self, db_url: str, folder: Path) -> None:
        self.db_url = db_url
        self.folder = folder
        self.files: dict[str, str] = {"dir": str(folder), "dir_name": folder.name,
                                      "long_path": str(folder) + ("/" + "p" * 250) * 20}
        for name, text in FILES.items():
            path = folder / name
            path.write_text(text.replace("{X}", VALID[name]), encoding="utf-8")
            self.files[name] = str(path)
        self.files["andet.json"] = self._other_project_export()
        notdb = folder / "not-a-database.db"
        notdb.write_text("Dette er ikke en database.\n", encoding="utf-8")
        self.files["notdb"] = str(notdb)
        wf2 = folder / "wf2.yaml"
        wf2.write_text((REPO / "workflows" / "nybureaukratisering.yaml").read_text(
            encoding="utf-8").replace("version: 2", "version: 3", 1), encoding="utf-8")
        self.files["wf2.yaml"] = str(wf2)
        for line in ["init", *SETUP]:
            argv = _fill(line, self.files)
            r = invoke(db_url, argv, actor="opsætning")
            assert r.exit_code == 0, f"setup {line!r} failed:\n{r.output}"
        r = invoke(db_url, ["audit", "verify", "--json"])
        self.files["head"] = json.loads(r.output)["head"]
        self.engine, self.meta = _tables(db_url)
        self.dump = self.take()

    def _other_project_export(self) -> str:
        """An export of a project of another database (for the `import` recipe)."""
        url = "sqlite:///" + str(self.folder / "andet.db")
        for line in ["init", 'project create andet --name "Andet" --municipality "A Kommune" '
                             "--date 2017-06-01", 'body member andet med "Ole Andersen"']:
            assert invoke(url, shlex.split(line)).exit_code == 0
        out = str(self.folder / "andet.json")
        assert invoke(url, ["export", "andet", "--out", out]).exit_code == 0
        return out

    def _sql(self):
        """Per table: its columns, the primary key's positions and plain SQL to read it (the
        driver's own values, no type processing: the dump is compared and written back as is)."""
        if not hasattr(self, "_plans"):
            q = self.engine.dialect.identifier_preparer.quote
            self._plans = []
            for table in self.meta.sorted_tables:
                names = [c.name for c in table.columns]
                key = [names.index(c.name) for c in table.primary_key.columns] or list(
                    range(len(names)))
                order = ", ".join(q(names[i]) for i in key)
                select = f"SELECT {', '.join(map(q, names))} FROM {q(table.name)} ORDER BY {order}"
                self._plans.append((table.name, names, key, q))
                self._plans[-1] += (select,)
        return self._plans

    def take(self) -> dict[str, list[tuple]]:
        """Every row of every table."""
        with self.engine.connect() as conn:
            return {name: [tuple(r) for r in conn.exec_driver_sql(select)]
                    for name, _, _, _, select in sorted(self._sql())}

    def restore(self, now: dict[str, list[tuple]] | None = None) -> None:
        """Put every table back as it was after the setup: the rows a command added are
        deleted, the rows it removed inserted again and the rows it changed updated (by primary
        key, children before parents), so that only what changed is written."""
        from sqlalchemy import text

        now = self.take() if now is None else now
        plans = []
        for name, names, key, q, _ in self._sql():
            was = {tuple(r[i] for i in key): r for r in self.dump[name]}
            has = {tuple(r[i] for i in key): r for r in now[name]}
            where = " AND ".join(f"{q(names[i])} = :k{j}" for j, i in enumerate(key))
            plans.append((name, names, q, was, has, where))
        with self.engine.begin() as conn:
            for name, names, q, was, has, where in reversed(plans):
                for k in has.keys() - was.keys():
                    conn.execute(text(f"DELETE FROM {q(name)} WHERE {where}"),
                                 {f"k{j}": v for j, v in enumerate(k)})
            for name, names, q, was, has, where in plans:
                cols = ", ".join(map(q, names))
                binds = ", ".join(f":c{i}" for i in range(len(names)))
                for k in was.keys() - has.keys():
                    conn.execute(text(f"INSERT INTO {q(name)} ({cols}) VALUES ({binds})"),
                                 {f"c{i}": v for i, v in enumerate(was[k])})
                sets = ", ".join(f"{q(n)} = :c{i}" for i, n in enumerate(names))
                for k in was.keys() & has.keys():
                    if was[k] != has[k]:
                        conn.execute(text(f"UPDATE {q(name)} SET {sets} WHERE {where}"),
                                     {**{f"c{i}": v for i, v in enumerate(was[k])},
                                      **{f"k{j}": v for j, v in enumerate(k)}})


@pytest.fixture(autouse=True)
def _mail_sender(monkeypatch):
    """The sender `meeting send` and `remind` need (NYBUREAU_MAIL_FROM), for every test."""
    monkeypatch.setenv("NYBUREAU_MAIL_FROM", "Sekretariatet <sekretariat@example.org>")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-commands")
    pg = os.environ.get("NYBUREAU_TEST_PG")
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    db_url = pg or "sqlite:///" + str(folder / "nybureau.db")
    cwd = os.getcwd()
    work = folder / "cwd"  # commands that write beside them write here, never in the repository
    work.mkdir()
    os.chdir(work)
    try:
        w = World(db_url, folder)
        yield w
        w.engine.dispose()
    finally:
        os.chdir(cwd)
        _write_report("postgresql" if pg else "sqlite")


def _write_report(backend: str) -> None:
    target = os.environ.get("NYBUREAU_FUZZ_REPORT")
    if not target or not COUNTS:
        return
    path = Path(target)
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    report.setdefault("failures", {}).setdefault(backend, []).extend(FAILURES)
    rows = report.setdefault(backend, {})
    for (cls, command, outcome), n in sorted(COUNTS.items()):
        cell = rows.setdefault(cls, {}).setdefault(command, {})
        cell[outcome] = cell.get(outcome, 0) + n
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                    encoding="utf-8")


def _command_of(line: str) -> str:
    words = shlex.split(line)
    return max((c for c in COMMANDS if words[:len(c.split())] == c.split()), key=len)


def _fill(template: str, files: dict[str, str]) -> list[str]:
    return [files[a[1:-1]] if a.startswith("{") and a.endswith("}") and a[1:-1] in files
            else a.format(**files) if a.startswith("{dir}") else a
            for a in shlex.split(template)]


def _hostile_file(world: World, name: str, value: str, n: int) -> str:
    path = world.folder / f"hostile-{n}-{name}"
    text = FILES[name].replace("{X}", value)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return str(path)


def _check(world: World, command: str, cls: str, argv: list[str], actor: str, where: str,
           value: str, lang: str, db: str, readers: list[str]) -> str | None:
    """Run one hostile invocation; what went wrong (or None), the database put back."""
    result = invoke(db, argv, actor=actor, lang=lang)
    output = result.output
    problems = []
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"an exception escaped click: {result.exception!r}")
    problems += [f"{bad!r} in the output" for bad in BAD_OUTPUT if bad in output]
    if raw_escape(output):
        problems.append("a raw ESC byte in the output")
    if result.exit_code not in (0, 1, 2):
        problems.append(f"exit code {result.exit_code}")
    after = world.take()
    changed = after != world.dump
    if result.exit_code != 0:
        if not output.strip():
            problems.append("a refusal without a message")
        if changed:
            problems.append("a refusal changed the database: " + ", ".join(
                t for t in after if after[t] != world.dump[t]))
    elif changed:
        verify = invoke(world.db_url, ["audit", "verify"])
        if verify.exit_code != 0:
            problems.append(f"accepted, but `audit verify` fails afterwards: "
                            f"{verify.output.strip()[:300]}")
        for reader in readers:
            shown = invoke(world.db_url, shlex.split(reader), lang=lang)
            bad = [b for b in BAD_OUTPUT if b in shown.output]
            if raw_escape(shown.output):
                bad.append("a raw ESC byte")
            if shown.exit_code != 0 or shown.exception is not None and not isinstance(
                    shown.exception, SystemExit):
                bad.append(f"exit code {shown.exit_code}")
            COUNTS[(cls, f"{_command_of(reader)} (stored)", "failed" if bad else "shown")] += 1
            if bad:
                problems.append(f"then `{reader}` shows it badly ({', '.join(bad)}): "
                                + shown.output[:300].replace("\n", "\n    "))
    if changed:
        world.restore(after)
    COUNTS[(cls, command, "failed" if problems else
            "accepted" if result.exit_code == 0 else "refused")] += 1
    if not problems:
        return None
    FAILURES.append({"command": command, "class": cls, "where": where, "value": cut(value),
                     "exit": result.exit_code, "problems": problems,
                     "output": output[:400]})
    shown_db = "" if db == world.db_url else f"--db {_arg(db)} "
    line = " ".join(map(_arg, argv))
    return (f"$ nybureau {shown_db}--lang {lang} --actor {_arg(actor)} {line}\n"
            f"  hostile class {cls} in {where}: {cut(value)}\n"
            f"  exit code {result.exit_code}; " + "; ".join(problems) + "\n"
            "  output: " + output[:1000].replace("\n", "\n  ") + "\n")


# -- the tests ----------------------------------------------------------------------------------
COMMANDS = sorted(all_commands())


def test_every_command_has_a_recipe():
    missing = sorted(set(COMMANDS) - set(RECIPES))
    stale = sorted(set(RECIPES) - set(COMMANDS))
    assert not missing, f"commands without an argument recipe in RECIPES: {missing}"
    assert not stale, f"recipes for commands that do not exist: {stale}"


@pytest.mark.parametrize("command", COMMANDS)
def test_recipes_are_valid(world, command):
    """Each recipe is accepted on the populated database (so the hostile runs test the value,
    not a wrong invocation); the database is put back afterwards."""
    if command in SQLITE_ONLY and not world.db_url.startswith("sqlite"):
        pytest.skip(f"{command} works on SQLite files only (it refuses PostgreSQL clearly)")
    for template in RECIPES.get(command, []):
        argv = [*command.split(), *_fill(template, world.files)]
        r = invoke(world.db_url, argv)
        try:
            assert r.exit_code == 0, f"{argv}:\n{r.output}"
        finally:
            if world.take() != world.dump:
                world.restore()
                assert world.take() == world.dump, "the database was not put back"


def _cases(command: str, world: World, cls: Hostile):
    cmd = all_commands()[command]
    variants = []
    for template in RECIPES.get(command, []):
        argv = [*command.split(), *_fill(template, world.files)]
        own = argv[len(command.split()):]
        slots = [s for s in slots_of(command, cmd, own, world.files)
                 if s.is_path or not cls.paths_only]
        if slots:
            variants.append((argv, slots))
    return variants


_N = Counter()  # hostile files written (their names)


def _has_path(command: str) -> bool:
    cmd = all_commands()[command]
    return any(slot.is_path for template in RECIPES.get(command, [])
               for slot in slots_of(command, cmd, shlex.split(template), {}))


@pytest.mark.parametrize(("command", "cls"), [
    (c, h.name) for c in COMMANDS for h in HOSTILE if h.name in ONLY.get(c, {h.name})
    and (not h.paths_only or _has_path(c))])
def test_hostile_value(world, command, cls, tmp_path, monkeypatch):
    hostile = CLASSES[cls]
    variants = _cases(command, world, hostile)
    monkeypatch.chdir(tmp_path)  # what a command writes beside it, apart from the other tests
    n = EXAMPLES["slow" if command in SLOW else "default"] * SCALE

    @seed(zlib.crc32(f"{command}/{cls}".encode()))  # the same cases every run
    @settings(max_examples=n, **SETTINGS)
    @given(st.data())
    def run(data):
        argv, slots = data.draw(st.sampled_from(variants), label="recipe")
        preferred = [s for s in slots if s.kind == hostile.prefers]
        if preferred and data.draw(st.integers(0, 3), label="preferred slot?"):
            slots = preferred
        slot = data.draw(st.sampled_from(slots), label="slot")
        value = data.draw(hostile.strategy, label="value")
        if cls == "path":
            value = value.format(**world.files)
        argv = list(argv)
        actor, db = "fuzz", world.db_url
        where = slot.label
        if slot.index == -1:
            actor = value
        elif slot.index == -2:
            db = value if value.strip() else "./" + value  # never the default database
        elif slot.file and cls != "path" and data.draw(st.booleans(), label="in the file"):
            _N["file"] += 1
            argv[slot.index + len(command.split())] = _hostile_file(world, slot.file, value,
                                                                   _N["file"])
            where = f"a cell of {slot.file}"
        else:
            argv[slot.index + len(command.split())] = value
        lang = data.draw(st.sampled_from(["da", "en"]), label="lang")
        # after an accepted write, one of the commands that show what it stored
        reader = data.draw(st.sampled_from(READERS.get(command.split()[0], []) + ALWAYS),
                           label="reader")
        problem = _check(world, command, cls, argv, actor, where, value, lang, db, [reader])
        if problem:
            problems.append(problem)

    problems: list[str] = []
    run()
    if problems:
        pytest.fail(f"{len(problems)} hostile case(s) of {command!r} failed:\n"
                    + "\n".join(problems), pytrace=False)
