"""Evaluation by design (issue 16 §5), through the CLI: the evaluation design and its
requirement in phase 2, the baseline before the first prototype iteration (a warning in the
built-in model, a requirement when a definition says so — on both status readers), response
rates, respondents paired across rounds, open answers, the citizens' rounds, and a programme's
implementation questionnaire and interview log; the evaluation report's structure."""

from __future__ import annotations

import json

import pytest

from nybureau.persistence import lite
from tests.substance.conftest import write

DESIGN = ('evaluation design testrup --bottom-lines kvalitet,arbejdsmiljø '
          '--criterion "Borgerens mål står i bestillingen" --criterion "Færre statusskrivelser" '
          "--baseline 2017-11-15 --mid-term 2018-02-01 --follow-up 2018-04-20 "
          "--evaluator consultants --date 2017-09-01")


def status(cli, slug="testrup", lang="en"):
    return json.loads(cli.ok(f"status {slug} --json", lang=lang).output)


def req(answer, kind):
    (found,) = [r for r in answer["requirements"] if r["kind"] == kind]
    return found


@pytest.fixture
def language_project(cli):
    cli.ok('project create testrup --name "Testprojekt" --municipality "Testrup Kommune" '
           "--date 2017-06-01")
    cli.ok('advance testrup --to common_language --reason "Test: to phase 2" --date 2017-08-21')
    return "testrup"


def history(cli, monkeypatch) -> str:
    """``log testrup`` in Danish, wide enough that no sentence wraps."""
    monkeypatch.setenv("COLUMNS", "400")
    return cli.ok("log testrup", lang="da").output


def test_the_design_is_set_shown_and_meets_its_requirement_in_phase_2(cli, language_project,
                                                                       monkeypatch):
    r = req(status(cli), "evaluation_design")
    assert r["met"] is False
    assert r["missing"] == "no design with criteria and a planned baseline yet"
    assert "has no evaluation design yet" in cli.ok("evaluation design testrup").output
    assert json.loads(cli.ok("evaluation design testrup --json").output) is None

    out = cli.ok(DESIGN).output
    assert "Recorded the evaluation design of testrup." in out
    d = json.loads(cli.ok("evaluation design testrup --json").output)
    assert d["bottom_lines"] == ["quality", "work_environment"]
    assert d["criteria"] == ["Borgerens mål står i bestillingen", "Færre statusskrivelser"]
    assert (d["evaluator"], d["evaluator_name"], d["decided_on"]) == \
        ("consultants", None, "2017-09-01")
    assert [(x["kind"], x["planned_on"]) for x in d["rounds"]] == [
        ("baseline", "2017-11-15"), ("mid_term", "2018-02-01"), ("follow_up", "2018-04-20")]
    assert req(status(cli), "evaluation_design")["met"] is True
    da = cli.ok("evaluation design testrup", lang="da").output
    assert "Bundlinjer: kvalitet, arbejdsmiljø" in da and "parternes konsulenter" in da
    log = history(cli, monkeypatch)
    assert "Evalueringsdesignet er fastlagt den 1. september 2017" in log

    # set again: replaced, and the history says so
    cli.ok('evaluation design testrup --bottom-lines effektivitet --criterion "Kortere ventetid" '
           "--baseline 2017-11-15 --evaluator external --evaluator-name VIVE --date 2017-09-05")
    d = json.loads(cli.ok("evaluation design testrup --json").output)
    assert (d["bottom_lines"], d["evaluator_name"], len(d["rounds"])) == (["efficiency"],
                                                                         "VIVE", 1)
    assert "Evalueringsdesignet er ændret" in history(cli, monkeypatch)


@pytest.mark.parametrize("args, said", [
    ('--bottom-lines kvalitet --baseline 2017-11-15 --evaluator internal',
     "at least one criterion"),
    ('--bottom-lines kvalitet --criterion K --baseline 2017-11-15 --evaluator external',
     "--evaluator-name"),
    ('--bottom-lines kvalitet --criterion K --baseline 2018-05-01 --follow-up 2018-04-20 '
     "--evaluator internal", "must come in order"),
    ('--bottom-lines kvalitet --criterion K --evaluator internal', "--baseline"),
    ('--bottom-lines trivsel --criterion K --baseline 2017-11-15 --evaluator internal',
     "not a bottom line"),
    ('--bottom-lines kvalitet --criterion K --baseline 2017-11-15 --evaluator internal '
     "--date 2099-01-01", "future"),
    ('--bottom-lines kvalitet --criterion K --baseline 2017-11-15', "--evaluator"),
])
def test_a_refused_design_writes_nothing(cli, language_project, args, said):
    result = cli(f"evaluation design testrup {args}")
    assert result.exit_code != 0 and said in result.output
    assert json.loads(cli.ok("evaluation design testrup --json").output) is None


def _to_prototyping(cli):
    cli.ok(DESIGN)
    cli.ok('advance testrup --to prototyping --reason "Test" --date 2017-11-27')
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    cli.ok('focus add testrup "Rummelige bestillinger" --item 1 --date 2017-11-20')
    cli.ok('prototype add testrup "Rummelig bestilling" --focus-area "Rummelige bestillinger"')


def _status_both(cli, db_url, monkeypatch):
    """``status`` on the fast sqlite3 reader (an SQLite file) and on SQLAlchemy: the same."""
    answers = []
    answers.append(status(cli))
    with monkeypatch.context() as m:
        m.setattr(lite, "open_reader", lambda url: None)
        answers.append(status(cli))
    assert answers[0] == answers[1]
    return answers[0]


SURVEY = ("respondent;rolle;kvalitet: Borgerens mål styrer støtten;"
          "arbejdsmiljø: Dokumentationen giver mening;åbent: Hvad virker godt?\n"
          + "".join(f"P{i:02d};Socialrådgiver;{2 + i % 2};2;{'Opstartsmødet' if i < 2 else ''}\n"
                    for i in range(6)))


def test_the_built_in_model_warns_when_the_baseline_comes_after_the_first_iteration(
        cli, language_project, tmp_path, db_url, monkeypatch):
    _to_prototyping(cli)
    r = req(_status_both(cli, db_url, monkeypatch), "baseline_before_prototype")
    assert (r["met"], r["warning"]) == (True, "no baseline survey round recorded")
    assert "(a warning, not a requirement)" in r["text"]
    cli.ok('prototype iterate testrup 1 --place "Team Nord" --date 2017-12-12')
    cli.ok(f"survey import testrup {write(tmp_path, 's.csv', SURVEY)} --name januar "
           "--kind baseline --date 2018-01-22")
    r = req(_status_both(cli, db_url, monkeypatch), "baseline_before_prototype")
    assert r["met"] is True
    assert r["warning"] == ("the baseline was taken 22 January 2018, after the first "
                            "iteration on 12 December 2017")
    shown = cli.ok("status testrup", lang="da").output
    assert "Advarsel: førmålingen blev taget 22. januar 2018, efter den første afprøvning " \
           "12. december 2017" in shown


REQUIRED = """\
id: strict
version: 1
title: {da: Streng, en: Strict}
phases:
  - id: pilot
    title: {da: Afprøvning, en: Piloting}
    requirements:
      - {kind: baseline_before_prototype}
      - {kind: evaluation_design}
final: {id: done, title: {da: Færdig, en: Done}}
"""


def test_a_definition_can_make_the_baseline_a_requirement(cli, tmp_path, db_url, monkeypatch):
    wf = tmp_path / "strict.yaml"
    wf.write_text(REQUIRED, encoding="utf-8")
    cli.ok(f'project create testrup --name T --municipality "Testrup Kommune" --workflow {wf} '
           "--date 2017-06-01")
    r = req(_status_both(cli, db_url, monkeypatch), "baseline_before_prototype")
    assert (r["met"], r["missing"], r["warning"]) == (False, "no baseline survey round recorded",
                                                      "")
    cli.ok(DESIGN)
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    cli.ok('focus add testrup "Rummelige bestillinger" --item 1 --date 2017-11-20')
    cli.ok('prototype add testrup "Rummelig bestilling" --focus-area "Rummelige bestillinger"')
    cli.ok('prototype iterate testrup 1 --place "Team Nord" --date 2017-12-12')
    cli.ok(f"survey import testrup {write(tmp_path, 's.csv', SURVEY)} --name januar "
           "--kind baseline --date 2018-01-22")
    r = req(_status_both(cli, db_url, monkeypatch), "baseline_before_prototype")
    assert r["met"] is False and "after the first iteration" in r["missing"]
    refused = cli("advance testrup --date 2018-02-01")
    assert refused.exit_code != 0 and "baseline survey is taken before" in refused.output
    # an earlier baseline round puts it right
    cli.ok(f"survey import testrup {write(tmp_path, 'b.csv', SURVEY)} --name november "
           "--kind baseline --date 2017-11-15")
    answer = _status_both(cli, db_url, monkeypatch)
    assert req(answer, "baseline_before_prototype")["met"] and answer["can_advance"]
    cli.ok("advance testrup --date 2018-02-01")


def test_a_bad_severity_is_refused_with_its_line(cli, tmp_path):
    wf = tmp_path / "bad.yaml"
    wf.write_text(REQUIRED.replace("{kind: baseline_before_prototype}",
                                   "{kind: baseline_before_prototype, severity: maybe}"),
                  encoding="utf-8")
    result = cli(f"workflow validate {wf}")
    assert result.exit_code != 0
    assert "bad.yaml:8" in result.output and "'severity' must be one of require, warn" \
        in result.output


def _rounds(cli, tmp_path, *, paired=True):
    keys = "P" if paired else "Q"
    before = ("respondent;rolle;kvalitet: Borgerens mål styrer støtten;"
              "arbejdsmiljø: Dokumentationen giver mening;åbent: Hvad virker godt?\n"
              + "".join(f"P{i:02d};Socialrådgiver;2;2;\n" for i in range(6)))
    after = ("respondent;rolle;kvalitet: Borgerens mål styrer støtten;"
             "arbejdsmiljø: Dokumentationen giver mening;åbent: Hvad virker godt?\n"
             + "".join(f"{keys}{i:02d};Socialrådgiver;{3 + (i == 0)};{2 + (i < 3)};"
                       f"{'Opstartsmødet med borgeren' if i == 1 else ''}\n" for i in range(6)))
    cli.ok(f"survey import testrup {write(tmp_path, 'f.csv', before)} --name januar "
           "--kind baseline --date 2018-01-22 --invited 8")
    out = cli.ok(f"survey import testrup {write(tmp_path, 'a.csv', after)} --name april "
                 "--kind follow_up --date 2018-04-20 --invited 8").output
    assert "6 respondents, 2 questions" in out
    citizens = ("respondent;rolle;kvalitet: Jeg får den støtte, jeg har brug for;"
                "åbent: Hvad betyder mest for dig?\n"
                + "".join(f"B{i:02d};Borger;{3 + i % 2};{'At blive hørt' if i == 0 else ''}\n"
                          for i in range(5)))
    cli.ok(f"survey import testrup {write(tmp_path, 'b.csv', citizens)} --name borgere "
           "--kind follow_up --date 2018-04-25 --group borgere")


def _report(cli, tmp_path, lang="da"):
    out = tmp_path / f"rapport.{lang}.md"
    cli.ok(f"render evaluation-report testrup --out {out} --as-of 2018-12-31", lang=lang)
    return out.read_text(encoding="utf-8")


def test_response_rates_pairs_open_answers_and_the_citizens(cli, mapping_project, tmp_path):
    cli.ok(DESIGN)
    _rounds(cli, tmp_path)
    # the staff's before/after leaves the citizens' round out
    rep = json.loads(cli.ok("evaluation report testrup --json").output)
    q = next(b for b in rep["bottom_lines"] if b["bottom_line"] == "quality")
    assert (q["before"]["n"], q["after"]["n"], q["after"]["mean"]) == (6, 6, 3.17)
    md = _report(cli, tmp_path)
    head = [line for line in md.splitlines() if line.startswith("## ")]
    assert head[:4] == ["## Proces", "## Resultat", "## Oplevede effekter",
                        "## De ni spørgsmål"]
    assert "### Proces" in md and "### Organisatorisk læring" in md
    assert "| januar | førmåling | medarbejdere og ledere | 22. januar 2018 | 6 | 8 | 75,0 % |" \
        in md
    assert "| borgere | eftermåling | borgere | 25. april 2018 | 5 | – | – |" in md
    # paired: the same six keys; quality 2 → 3 (one 4): +1.17, all six better
    assert "| Kvalitet | 6 | +1,17 | 6 | 0 |" in md
    assert "| Arbejdsmiljø | 6 | +0,50 | 3 | 0 |" in md
    assert "**Hvad virker godt?** (april, eftermåling, 20. april 2018)" in md
    assert "- »Opstartsmødet med borgeren«" in md
    assert "### Borgernes perspektiv" in md and "- »At blive hørt«" in md
    assert "| Kvalitet | – | 3,40 (n = 5) | – |" in md
    assert "| Førmåling | 15. november 2017 | januar (22. januar 2018) |" in md
    assert "Midtvejsmåling | 1. februar 2018 | – |" in md
    # a respondent's key and role never appear beside an open answer
    assert "P01" not in md and "B00" not in md
    # the nine questions say plainly what is missing
    assert "Der er ikke registreret spredningsaktiviteter" in md
    en = _report(cli, tmp_path, "en")
    assert "## Experienced effects" in en and "| Quality | 6 | +1.17 | 6 | 0 |" in en


def test_respondents_without_a_recurring_key_are_not_paired(cli, mapping_project, tmp_path):
    _rounds(cli, tmp_path, paired=False)
    md = _report(cli, tmp_path)
    assert "Ingen respondenter kan parres" in md
    assert "Der er ikke registreret et evalueringsdesign" in md


def test_a_bad_invited_number_or_group_is_refused(cli, mapping_project, tmp_path):
    path = write(tmp_path, "s.csv", SURVEY)
    bad = cli(f"survey import testrup {path} --name j --kind baseline --date 2018-01-22 "
              "--invited 3")
    assert bad.exit_code != 0 and "fewer than the 6 who answered" in bad.output
    bad = cli(f"survey import testrup {path} --name j --kind baseline --date 2018-01-22 "
              "--group naboer")
    assert bad.exit_code == 2
    assert "none yet" in cli.ok("evaluation report testrup").output
    cli.ok(f"survey import testrup {path} --name j --kind midtvejs --date 2018-01-22")
    assert json.loads(cli.ok("evaluation report testrup --json").output)["rounds"][0]["kind"] \
        == "mid_term"


@pytest.fixture
def trial(cli):
    cli.ok('project create testrup --name "Forsøg" --municipality "Testrup Kommune" '
           "--workflow frikommuneforsoeg --date 2016-06-01")
    return "testrup"


def test_the_implementation_questionnaire_and_interview_log(cli, trial, tmp_path, monkeypatch):
    shown = json.loads(cli.ok("evaluation implementation testrup --json").output)
    assert shown["has_elements"] and shown["rounds"] == [] and len(shown["elements"]) == 5
    cli.ok("evaluation implementation testrup sammenhaengende_plan --round midtvejs-2018 "
           "--degree delvist --date 2018-05-01")
    cli.ok("evaluation implementation testrup en_indgang --round midtvejs-2018 --degree fuldt "
           '--date 2018-05-01 --note "Alle tre kommuner"')
    cli.ok("evaluation implementation testrup sammenhaengende_plan --round slut-2019 "
           "--degree full --date 2018-11-01")
    dup = cli("evaluation implementation testrup en_indgang --round midtvejs-2018 "
              "--degree none --date 2018-05-02")
    assert dup.exit_code != 0 and "already has an implementation degree" in dup.output
    unknown = cli("evaluation implementation testrup tillid --round midtvejs-2018 "
                  "--degree none --date 2018-05-02")
    assert unknown.exit_code != 0 and "not a core element" in unknown.output
    cli.ok('evaluation interview testrup --role Sagsbehandler --interviewer "Anne Agent" '
           '--summary "Planen samles nu ét sted." --date 2018-04-10')
    shown = json.loads(cli.ok("evaluation implementation testrup --json").output)
    assert shown["rounds"] == ["midtvejs-2018", "slut-2019"]
    plan = shown["elements"][0]
    assert [c["degree"] for c in plan["cells"]] == ["partial", "full"]
    assert shown["interviews"][0]["role"] == "Sagsbehandler"
    human = cli.ok("evaluation implementation testrup", lang="da").output
    assert "delvist implementeret" in human and "Planen samles nu ét sted." in human
    log = history(cli, monkeypatch)
    assert "Et interview (rolle: Sagsbehandler) er logget den 10. april 2018." in log
    assert "vurderet i runden midtvejs-2018: delvist implementeret" in log
    md = _report(cli, tmp_path)
    assert "### Implementering af kerneelementerne" in md
    assert ("| Én sammenhængende plan sammen med borgeren | delvist implementeret | "
            "fuldt implementeret |") in md
    assert "| Én indgang og én kontaktperson | fuldt implementeret (Alle tre kommuner) | – |" \
        in md
    assert "| 10. april 2018 | Sagsbehandler | Anne Agent | Planen samles nu ét sted. |" in md


def test_a_workflow_without_core_elements_has_no_questionnaire(cli, mapping_project):
    refused = cli("evaluation implementation testrup plan --round r --degree full")
    assert refused.exit_code != 0 and "declares no core elements" in refused.output
    assert "declares no core elements" in cli.ok("evaluation implementation testrup").output


def test_a_rating_or_an_interview_entered_by_mistake_is_voided(cli, trial, tmp_path,
                                                                monkeypatch):
    cli.ok("evaluation implementation testrup en_indgang --round midtvejs-2018 --degree none "
           "--date 2018-05-01")
    cli.ok('evaluation interview testrup --role Sagsbehandler --interviewer "Anne Agent" '
           '--summary "Hørt i den forkerte kommune." --date 2018-04-10')
    listed = json.loads(cli.ok("evaluation implementation testrup --list --json").output)
    rating, interview = listed["ratings"][0]["id"], listed["interviews"][0]["id"]
    # a refusal names what is wrong and changes nothing
    for args, said in (("void-rating testrup 999 --reason R", "no implementation rating 999"),
                       (f"void-interview testrup {interview} --reason ' '", "reason"),
                       (f"void-rating testrup {rating}", "--reason")):
        refused = cli(f"evaluation {args}")
        assert refused.exit_code != 0 and said in refused.output, refused.output
    assert json.loads(cli.ok("evaluation implementation testrup --list --json").output) == listed
    done = cli.ok(f'evaluation void-rating testrup {rating} --reason "Forkert grad"', lang="da")
    assert "Vurderingen af 'en_indgang' i runden 'midtvejs-2018' er annulleret" in done.output
    again = cli(f'evaluation void-rating testrup {rating} --reason "Igen"')
    assert again.exit_code != 0 and "already voided" in again.output
    # the element is rated again in the round, the right degree
    cli.ok("evaluation implementation testrup en_indgang --round midtvejs-2018 --degree full "
           "--date 2018-05-02")
    cli.ok(f'evaluation void-interview testrup {interview} --reason "Forkert projekt"')
    shown = json.loads(cli.ok("evaluation implementation testrup --json").output)
    assert shown["interviews"] == []
    assert [c["degree"] for e in shown["elements"] if e["id"] == "en_indgang"
            for c in e["cells"]] == ["full"]
    everything = json.loads(cli.ok("evaluation implementation testrup --all --json").output)
    assert [(r["degree"], bool(r["voided_at"])) for r in everything["ratings"]] == \
        [("none", True), ("full", False)]
    assert everything["interviews"][0]["void_reason"] == "Forkert projekt"
    human = cli.ok("evaluation implementation testrup --list --all", lang="da").output
    assert "annulleret" in human and "Sagsbehandler" in human
    md = _report(cli, tmp_path)
    assert "Hørt i den forkerte kommune." not in md
    assert "| Én indgang og én kontaktperson | fuldt implementeret |" in md
    assert "ikke implementeret |" not in md
    log = history(cli, monkeypatch)
    assert ("Vurderingen af kerneelementet en_indgang i runden midtvejs-2018 er annulleret. "
            "Begrundelse: Forkert grad") in log
    assert "Interviewet (rolle: Sagsbehandler) den 10. april 2018 er annulleret." in log
