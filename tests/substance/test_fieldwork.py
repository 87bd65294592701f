"""The documentation agents' field work (issue 16 §4): field notes as evidence of governance
items (`note add|list|void`), who experiences an item as too tight or too loose
(`item add|edit --experienced-by`), and the consistency rule of the labels — all through the
CLI."""

from __future__ import annotations

import json

import pytest

from nybureau.domain.substance import CONTRADICTORY_LABELS, label_conflict


def items(cli, project="testrup"):
    return json.loads(cli.ok(f"item list {project} --json").output)


def notes(cli, args="testrup"):
    return json.loads(cli.ok(f"note list {args} --json").output)


@pytest.fixture
def two_items(cli, mapping_project):
    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --experience too_tight '
           "--character controlling --experienced-by frontline --date 2017-09-20")
    cli.ok('item add testrup --kind documentation --title "Statusskrivelse" '
           "--experience too_tight --date 2017-09-21")
    return "testrup"


def test_the_rule_names_each_contradictory_pair_once():
    assert ("too_loose", "controlling") in CONTRADICTORY_LABELS
    assert label_conflict("too_loose", "controlling", explained=False)["da"].startswith(
        "styring, der opleves som for slap")
    assert label_conflict("too_loose", "controlling", explained=True) is None
    assert label_conflict("too_tight", "controlling", explained=False) is None
    assert label_conflict(None, "controlling", explained=False) is None


def test_experienced_by_is_recorded_shown_and_changed(cli, two_items):
    first, second = items(cli)
    assert first["experienced_by"] == "frontline" and second["experienced_by"] is None
    cli.ok("item edit testrup 2 --experienced-by borger")
    assert items(cli)[1]["experienced_by"] == "citizen"
    shown = cli.ok("item show testrup 1", lang="da").output
    assert "frontlinjemedarbejder" in shown
    assert "borger" in cli.ok("item show testrup 2", lang="da").output
    bad = cli("item add testrup --kind rule --title X --experienced-by mayor")
    assert bad.exit_code == 2 and "mayor" in bad.output
    assert len(items(cli)) == 2


def test_contradictory_labels_are_refused_without_a_note(cli, two_items):
    r = cli('item add testrup --kind rule --title "Ingen opfølgning" --experience too_loose '
            "--character controlling")
    assert r.exit_code != 0
    assert "too loose" in r.output and "controlling" in r.output and "--note" in r.output
    assert len(items(cli)) == 2  # nothing written
    da = cli('item add testrup --kind rule --title "Ingen opfølgning" --experience for_slap '
             "--character kontrollerende", lang="da")
    assert da.exit_code != 0 and "for slap" in da.output and "kontrollerende" in da.output
    # with a note explaining it, the item is recorded
    cli.ok('item add testrup --kind rule --title "Ingen opfølgning" --experience too_loose '
           '--character controlling --note "Der følges ikke op, men skemaet kontrolleres"')
    third = items(cli)[2]
    assert third["label_note"].startswith("Der følges ikke op")
    # an edit into a contradiction is refused the same way
    r = cli("item edit testrup 1 --experience fitting --character waste_of_time")
    assert r.exit_code != 0 and "waste of time" in r.output
    assert items(cli)[0]["experience"] == "too_tight"


def test_a_linked_field_note_explains_the_labels(cli, two_items):
    cli.ok('note add testrup --source interview --role leader --item 2 '
           '--text "Skrivelsen opleves som kontrol, men der mangler en fast ramme" '
           '--on 2017-09-22 --by "Anne Agent"')
    cli.ok("item edit testrup 2 --experience too_loose --character controlling")
    assert items(cli)[1]["character"] == "controlling"


def test_note_add_links_items_and_list_filters_by_item(cli, two_items):
    out = cli.ok('note add testrup --source observation --role frontline --item 1 '
                 '--item "Statusskrivelse" --item 1 --text "Timerne tælles hver fredag" '
                 '--on 2017-09-25 --by "Anne Agent"').output
    assert "Recorded field note #1, evidence of 2 governance items" in out
    cli.ok('note add testrup --source dokument --role administration '
           '--text "Vejledningen kræver ugentlig registrering" --on 2017-09-26 '
           '--by "Anne Agent"')
    everything = notes(cli)
    assert [n["id"] for n in everything] == [1, 2]
    assert everything[0]["items"] == [1, 2] and everything[0]["role"] == "frontline"
    assert everything[1]["source"] == "document" and everything[1]["items"] == []
    assert [n["id"] for n in notes(cli, "testrup --item 2")] == [1]
    listed = cli.ok("note list testrup", lang="da").output
    assert "observa" in listed and "forvalt" in listed


def test_a_note_is_refused_when_it_names_a_person_or_lacks_what_it_needs(cli, two_items):
    r = cli('note add testrup --source interview --role frontline --text "Anne Agent siger nej" '
            '--on 2017-09-25 --by "Anne Agent"')
    assert r.exit_code != 0 and "anonymous" in r.output and "Anne Agent" in r.output
    r = cli('note add testrup --source interview --role frontline --text "Nej" '
            '--on 2017-09-25 --by "Anne Agnet"')
    assert r.exit_code != 0 and "Anne Agent" in r.output  # did you mean
    r = cli('note add testrup --source interview --role frontline --text "Nej" --item 9 '
            '--on 2017-09-25 --by "Anne Agent"')
    assert r.exit_code != 0 and "no governance item '9'" in r.output
    r = cli('note add testrup --source interview --role frontline --text "Nej" '
            '--on 2099-01-01 --by "Anne Agent"')
    assert r.exit_code != 0 and "--on" in r.output
    r = cli('note add testrup --source survey --role frontline --text "Nej" --by "Anne Agent"')
    assert r.exit_code == 2
    assert notes(cli) == []


def test_a_voided_note_leaves_the_evidence_and_stays_in_the_history(cli, two_items):
    cli.ok('note add testrup --source interview --role leader --item 1 --text "Forkert" '
           '--on 2017-09-25 --by "Anne Agent"')
    out = cli.ok('note void testrup 1 --reason "Skrevet på det forkerte projekt"').output
    assert "Field note 1 is voided" in out
    assert notes(cli) == []
    assert notes(cli, "testrup --all")[0]["void_reason"] == "Skrevet på det forkerte projekt"
    again = cli('note void testrup 1 --reason "igen"')
    assert again.exit_code != 0 and "already voided" in again.output
    trace = json.loads(cli.ok("trace testrup 1 --json").output)
    assert trace["field_notes"] == []
    log = cli.ok("log testrup", lang="da").output
    assert "Feltnote 1" in log and "annulleret" in log


def test_the_trace_shows_an_items_notes_as_its_evidence(cli, two_items):
    cli.ok('note add testrup --source interview --role frontline --item 1 '
           '--text "Vi tæller timer i stedet for at tale med borgeren" --on 2017-09-25 '
           '--by "Anne Agent"')
    trace = json.loads(cli.ok("trace testrup 1 --json").output)
    assert [n["text"] for n in trace["field_notes"]] == [
        "Vi tæller timer i stedet for at tale med borgeren"]
    shown = cli.ok("trace testrup 1", lang="da").output
    assert "Vi tæller timer" in shown and "frontlinjemedarbejder" in shown
    log = cli.ok("log testrup", lang="da").output
    assert "feltnote" in log.lower()
