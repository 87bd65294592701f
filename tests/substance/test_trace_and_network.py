"""The thread of one governance item, and the network comparison (one query per report)."""

from __future__ import annotations

import json
from contextlib import contextmanager

from tests.substance.conftest import WORKFLOW


@contextmanager
def counting(store):
    from sqlalchemy import event

    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def test_trace_follows_an_item_from_mapping_to_spreading(network_store):
    from nybureau.services.substance import trace

    with network_store.transaction("t", write=False) as tx:
        t = trace.trace(tx, "testrup", "Bostøtte visiteres som ugentlige timer")
    assert t["item"]["experience"] == "too_tight" and t["item"]["agent"] == "Agent Testrup"
    assert t["workshop"]["leading"] == "change" and t["workshop"]["votes"] == 6
    assert t["workshop"]["chain"]["frontline"] == 2
    assert [f["title"] for f in t["focus_areas"]] == ["Rummelige bestillinger"]
    (p,) = t["prototypes"]
    assert p["title"] == "Støttebehov i stedet for timer"
    assert [i["place"] for i in p["iterations"]] == ["Team Nord", "Hele bostøtten"]
    assert p["criteria"][0]["bottom_line"] == "quality"
    assert [r["bottom_line"] for r in t["results"]] == ["quality", "work_environment",
                                                        "efficiency"]
    assert [n["title"] for n in t["notes"]] == ["Læringsmøde 1"]
    assert [s["title"] for s in t["spreading"]] == ["Bostøtte uden stopur"]
    with network_store.transaction("t", write=False) as tx:
        other = trace.trace(tx, "testrup", 3)
    assert other["focus_areas"] == [] and other["prototypes"] == []
    assert other["workshop"]["leading"] == "anchor"


def test_trace_cli(cli, tmp_path):
    cli.ok('project create p --name P --municipality "Testrup Kommune" --date 2017-06-01')
    cli.ok('item add p --kind rule --title "Ugentlige timer" --experience "for stram" '
           "--date 2017-10-01")
    cli.ok('workshop vote p 1 --participant Frida --role frontline --verdict change')
    cli.ok('focus add p "Rummelige bestillinger" --item 1')
    cli.ok('prototype add p "Støttebehov" --focus-area 1')
    cli.ok('prototype iterate p 1 --place "Team Nord" --date 2017-12-12 --changed "Dagsorden"')
    out = cli.ok("trace p 1", lang="da").output
    for text in ("Ugentlige timer", "for stram", "forandre", "Rummelige bestillinger",
                 "Støttebehov", "Afprøvning 1", "Team Nord", "6. Spredning"):
        assert text in out, text
    j = json.loads(cli.ok("trace p 'Ugentlige timer' --json").output)
    assert j["prototypes"][0]["iterations"][0]["changed"] == "Dagsorden"
    r = cli("trace p 7")
    assert r.exit_code == 1 and "no governance item '7'" in r.output


def test_network_comparison(network_store):
    from nybureau.services.documents import network_report

    with network_store.transaction("t", write=False) as tx:
        r = network_report.network_status(tx, "testnet", "da")
    by = {p["project"]: p for p in r["projects"]}
    t, n = by["testrup"], by["nabolund"]
    assert (t["phase"], n["phase"]) == ("evaluation", "mapping")
    assert t["items"] == 3 and t["items_by_kind"]["rule"] == 1
    assert t["items_by_verdict"] == {"change": 1, "remove": 1, "anchor": 1}
    assert n["items_by_verdict"] == {"remove": 1}
    assert t["focus_areas"] == ["Færre statusskrivelser", "Rummelige bestillinger"]
    assert t["prototypes"] == 1 and t["prototypes_by_status"]["piloting"] == 1
    q = t["evaluation"]["quality"]
    # 7 respondents per round: before (2+3+2+3+2+3+4)/7, after (4+4+3+4+3+4+4)/7
    assert q["before"] == {"mean": round(19 / 7, 2), "n": 7}
    assert q["after"] == {"mean": round(26 / 7, 2), "n": 7}
    assert q["change"] == round(round(26 / 7, 2) - round(19 / 7, 2), 2)
    assert n["evaluation"]["quality"]["change"] is None
    # network meeting 1 is the network's: each project's own agent counted once
    assert (t["agents"], t["network_meetings"]) == (1, {1: 1})
    assert (n["agents"], n["network_meetings"]) == (1, {1: 1})


def test_network_report_costs_one_query_whatever_the_number_of_projects(network_store):
    from nybureau.services.process import projects
    from nybureau.services.documents import network_report

    with network_store.transaction("t", write=False) as tx:
        network_report.network_status(tx, "testnet", "da")  # warm the workflow cache
        network = tx.network_get("testnet")
        with counting(network_store) as two:
            tx.network_substance(network["id"])
        with counting(network_store) as whole_two:
            network_report.network_status(tx, "testnet", "da")
    with network_store.transaction("t") as tx:
        for i in range(4):
            projects.create_project(tx, f"ekstra-{i}", name=f"Ekstra {i}",
                                    municipality="Ekstrup Kommune", workflow=str(WORKFLOW),
                                    network="testnet", started_on="2017-06-01")
    with network_store.transaction("t", write=False) as tx:
        network_report.network_status(tx, "testnet", "da")
        with counting(network_store) as whole_six:
            r = network_report.network_status(tx, "testnet", "da")
    assert len(two) == 1, "all the figures come from one statement"
    assert len(whole_six) == len(whole_two), (whole_two, whole_six)
    assert len(r["projects"]) == 6


def test_network_status_cli(cli):
    cli.ok('network create net --name "Netværket"')
    for slug, town in (("a", "Aby Kommune"), ("b", "Bby Kommune")):
        cli.ok(f'project create {slug} --name "Projekt {slug}" --municipality "{town}" '
               "--network net --date 2017-06-01")
    cli.ok('item add a --kind rule --title "Timer" --date 2017-10-01')
    cli.ok('workshop vote a 1 --participant Frida --role frontline --verdict remove')
    out = cli.ok("network status net").output
    assert "Aby Kommune" in out and "Bby Kommune" in out and "remove" in out
    j = json.loads(cli.ok("network status net --json").output)
    assert [p["project"] for p in j["projects"]] == ["a", "b"]
    assert j["projects"][0]["items_by_verdict"] == {"remove": 1}
    assert cli("network status nowhere").exit_code == 1
