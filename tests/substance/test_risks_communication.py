"""Risks, drivers and barriers; communication (issue 16 §6), through the CLI: the risk and
barrier log (add with Danish words, update, close, void, the refusals that write nothing), the
communication plan, the documents that show them as of their date (the status report, the
network report's »Drivkræfter og barrierer«, the communication plan, the newsletter and the
article), and the scenario steps the Odder example uses."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def risks(cli, slug="testrup", extra="--all"):
    return json.loads(cli.ok(f"risk list {slug} --json {extra}").output)


def test_the_risk_log_from_the_command_line(cli, mapping_project):
    out = cli.ok('risk add testrup --kind barriere --chain-role forvaltning '
                 '--what "Budgetmodellen følger timerne" --likelihood høj --effect middel '
                 '--action "Økonomi med i arbejdsgruppen" --owner "Anne Agent" '
                 "--date 2017-10-02").output
    assert "Noted entry 1 in the risk log" in out
    cli.ok('risk add testrup --kind drivkraft --chain-role medarbejder '
           '--what "Lyst til at prøve noget nyt" --date 2017-10-03')
    cli.ok('risk add testrup --what "Lederne når ikke at følge op" --date 2017-10-04')
    rows = risks(cli)
    assert [(r["kind"], r["chain_role"], r["likelihood"], r["effect"], r["status"])
            for r in rows] == [("barrier", "administration", "high", "medium", "open"),
                               ("driver", "frontline", None, None, "open"),
                               ("risk", None, None, None, "open")]
    cli.ok("risk update testrup 3 --likelihood middel --effect høj --chain-role leder "
           '--action "Fast punkt på ledermødet"')
    cli.ok('risk close testrup 1 --note "Ny budgetmodel" --date 2018-03-01')
    rows = {r["id"]: r for r in risks(cli)}
    assert rows[3]["chain_role"] == "leader" and rows[3]["action"] == "Fast punkt på ledermødet"
    assert rows[1]["status"] == "closed" and rows[1]["closed_on"] == "2018-03-01"
    assert [r["id"] for r in risks(cli, extra="--open")] == [2, 3]
    assert [r["id"] for r in risks(cli, extra="--kind barrier")] == [1]
    cli.ok('risk void testrup 2 --reason "Dublet"')
    assert [r["id"] for r in risks(cli, extra="")] == [1, 3]
    assert risks(cli)[1]["void_reason"] == "Dublet"
    log = " ".join(cli.ok("log testrup", lang="da").output.replace("│", " ").split())
    assert "Barriere noteret i risikologgen" in log
    assert "Risikologgens punkt »Budgetmodellen følger timerne« er lukket" in log
    table = cli.ok("risk list testrup", lang="da").output
    assert "barriere" in table and "lukket" in table


def test_refusals_write_nothing(cli, mapping_project):
    cli.ok('risk add testrup --what "Noget" --date 2017-10-02')
    before = risks(cli)
    for args, says in (
            ('risk add testrup --what "X" --likelihood måske', "Invalid value"),
            ('risk add testrup --what "X" --date 2099-01-01', "in the future"),
            ('risk close testrup 1 --date 2017-09-01', "cannot be closed before"),
            ("risk update testrup 1", "Nothing to change"),
            ('risk close testrup 7 --note x', "has no entry 7"),
            ('risk void testrup 7 --reason x', "no entry 7")):
        result = cli(args)
        assert result.exit_code != 0, args
        assert says in result.output, (args, result.output)
    cli.ok("risk close testrup 1 --date 2017-10-05")
    again = cli("risk close testrup 1 --date 2017-10-06")
    assert again.exit_code != 0 and "was closed on 2017-10-05" in again.output
    assert len(risks(cli)) == len(before)
    danish = cli("risk add testrup --what X --kind noget", lang="da").output
    assert "Ugyldig værdi" in danish and "drivkraft" in danish


def test_the_communication_plan(cli, mapping_project):
    cli.ok('stakeholder add testrup "Medarbejdere i bostøtten" --interest høj '
           '--influence middel --needs "Hvad det betyder" --channel Personalemøder '
           '--when "Efter hvert styregruppemøde" --responsible Teamlederne --date 2017-09-20')
    cli.ok('stakeholder add testrup "Hoved-MED" --interest middel --influence høj '
           "--date 2017-09-20")
    dup = cli('stakeholder add testrup "hoved-med"')
    assert dup.exit_code != 0 and "already in the communication plan" in dup.output
    cli.ok('stakeholder update testrup Hoved-MED --channel "Punkter på møderne" --when Kvartalsvis')
    rows = json.loads(cli.ok("stakeholder list testrup --json").output)
    assert [(r["name"], r["interest"], r["influence"], r["channel"]) for r in rows] == [
        ("Medarbejdere i bostøtten", "high", "medium", "Personalemøder"),
        ("Hoved-MED", "medium", "high", "Punkter på møderne")]
    text = cli.ok("render communication-plan testrup --out - --format md", lang="da").output
    assert "# Kommunikationsplan og interessentanalyse" in text
    assert "| Medarbejdere i bostøtten | høj | middel | Inddrages tæt |" in text
    assert "| Hoved-MED | Punkter på møderne" not in text  # the plan's columns, in order
    assert "| Hoved-MED | – | Punkter på møderne | Kvartalsvis | – |" in text
    cli.ok('stakeholder void testrup 2 --reason "Forkert"')
    rows = json.loads(cli.ok("stakeholder list testrup --json").output)
    assert [r["name"] for r in rows] == ["Medarbejdere i bostøtten"]


def _build(store, name, as_of=None, lang="da", project="testrup"):
    from nybureau.rendering import render
    from nybureau.services import documents

    with store.transaction("t", write=False) as tx:
        data = documents.build(tx, name, lang, project=project, as_of=as_of)
    return data, render(data, "md").decode("utf-8")


def test_the_status_report_shows_the_log_as_of_its_date(network_store):
    from datetime import date

    _, now = _build(network_store, "status-report")
    assert "## Risici, barrierer og drivkræfter" in now
    assert "Lederne når ikke at følge op i travle perioder" in now
    assert "Budgetmodellen følger timerne" not in now  # closed on 1 March 2018
    _, then = _build(network_store, "status-report", as_of=date(2017, 11, 1))
    assert "Budgetmodellen følger timerne" in then  # still open then
    assert "Lederne når ikke" not in then  # noted on 1 December 2017


def test_the_network_report_compares_drivers_and_barriers(network_store):
    data, text = _build(network_store, "network-report")
    forces = data["forces"]
    assert [p["municipality"] for p in forces["projects"]] == ["Nabolund Kommune",
                                                              "Testrup Kommune"]
    assert {c["label"]: c["cells"] for c in forces["chain"]} == {
        "frontlinjemedarbejder": ["–", "1 drivkraft"],
        "forvaltning": ["–", "1 barriere"], "MED": ["1 barriere", "–"]}
    assert "## Drivkræfter og barrierer" in text
    assert "løst 1. marts 2018: Økonomi har lavet en ny budgetmodel." in text


def test_the_drafts_tell_the_project_as_of_their_date(network_store):
    from datetime import date

    data, article = _build(network_store, "article")
    assert data["headline"] == ("Testrup Kommune afprøver ny styring: »Støttebehov i stedet "
                                "for timer«")
    assert "»Borgerne fortæller mere om egne mål.«" in article
    assert "kvalitet steg fra 2,7 til 3,7" in article
    assert "Økonomi har lavet en ny budgetmodel." in article
    assert "artiklen »Bostøtte uden stopur« (1. juni 2018, Fagbladet)" in article
    assert "| Indsatsområder | Rummelige bestillinger; Færre statusskrivelser |" in article
    # on 25 November 2017 the focus areas were chosen, the prototype not yet tried
    early, text = _build(network_store, "article", as_of=date(2017, 11, 25))
    assert early["headline"] == "Testrup Kommune har valgt, hvor styringen skal forandres"
    assert "»Støttebehov i stedet for timer«, som endnu ikke er afprøvet" in text
    assert "spørgeskemaet" not in text and "Borgerne fortæller" not in text
    # the barrier was not yet overcome
    assert ("Der arbejdes stadig med barrieren »Budgetmodellen følger timerne, ikke målet«: "
            "Økonomi deltager i arbejdsgruppen.") in text
    news, text = _build(network_store, "newsletter", lang="en")
    assert len(news["quotes"]) == 1 and "### What they chose" in text
    assert "### The starting point" not in text  # the newsletter is the short one


def test_the_drafts_wait_for_a_focus_area(cli, mapping_project, tmp_path):
    cli.ok(f"render all testrup --out {tmp_path / 'before'} --format md")
    assert not list((tmp_path / "before").rglob("newsletter*"))
    assert not list((tmp_path / "before").rglob("communication-plan*"))
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    cli.ok('focus add testrup "Rummelige bestillinger" --item 1 --date 2017-11-20')
    cli.ok('stakeholder add testrup "Hoved-MED" --date 2017-11-20')
    cli.ok(f"render all testrup --out {tmp_path / 'after'} --format md")
    names = sorted(p.name for p in (tmp_path / "after").rglob("*.md"))
    assert [n for n in names if n.startswith(("newsletter", "article", "communication-plan"))] \
        == ["article-testrup.md", "communication-plan-testrup.md", "newsletter-testrup.md"]


def test_the_odder_example_has_a_log_and_a_plan(cli):
    cli.ok(f"project import {REPO / 'examples' / 'odder' / 'project.yaml'}")
    slug = json.loads(cli.ok("project list --json").output)[0]["project"]
    rows = risks(cli, slug)
    assert sorted(r["kind"] for r in rows) == ["barrier", "driver", "driver", "risk"]
    assert [r["status"] for r in rows if r["kind"] == "risk"] == ["closed"]
    plan = json.loads(cli.ok(f"stakeholder list {slug} --json").output)
    assert "Borgere med bostøtte" in [s["name"] for s in plan]


def _alembic(store, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    import nybureau.persistence as persistence

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(persistence.__file__).parent / "migrations"))
    with store.engine.connect() as conn:
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)


def test_migration_0013_adds_the_two_tables_to_0012_data(cli, store, mapping_project):
    from sqlalchemy import inspect

    from nybureau.persistence.schema import SCHEMA_HEAD
    from nybureau.persistence.store import Store

    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --date 2017-10-12')
    before = cli.ok("render status-report testrup --out - --format md", lang="da").output
    _alembic(store, "0012")
    assert not {"risk_entry", "stakeholder"} & set(inspect(store.engine).get_table_names())
    store.dispose()
    again = Store(store.url)
    assert again.init() == ("0012", SCHEMA_HEAD)
    again.dispose()
    assert {"risk_entry", "stakeholder"} <= set(inspect(store.engine).get_table_names())
    assert cli.ok("render status-report testrup --out - --format md", lang="da").output == before
    assert json.loads(cli.ok("audit verify --json").output)["ok"]
    cli.ok('risk add testrup --what "Noget" --date 2017-10-13')
    cli.ok('stakeholder add testrup "Hoved-MED" --date 2017-10-13')
    assert json.loads(cli.ok("audit verify --json").output)["ok"]
    assert cli.ok("init").exit_code == 0  # idempotent
