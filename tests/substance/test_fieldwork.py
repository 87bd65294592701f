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


# -- the documents: interview guides by role, the observation template, the mapping report -----

def test_every_text_of_the_kit_is_danish_and_english():
    from nybureau.domain.substance import INTERVIEW_ROLES
    from nybureau.services.documents.fieldwork import kit

    def walk(value, path):
        if isinstance(value, dict) and set(value) == {"da", "en"}:
            assert all(isinstance(v, str) and v.strip() for v in value.values()), path
            return 1
        if isinstance(value, dict):
            return sum(walk(v, f"{path}/{k}") for k, v in value.items())
        if isinstance(value, list):
            return sum(walk(v, f"{path}[{i}]") for i, v in enumerate(value))
        raise AssertionError(f"{path}: {value!r} is not a {{da, en}} text")

    texts = kit()
    assert set(texts["interview"]) == set(INTERVIEW_ROLES)
    assert walk(texts, "") > 100


def render(cli, args, lang="da"):
    return cli.ok(f"render {args} --out -", lang=lang).output


def test_an_interview_guide_for_each_role_with_the_consent_wording(cli, two_items):
    listed = json.loads(cli.ok("render list --json").output)
    assert {"name": "interview-guide", "needs": "role"} == {
        k: v for k, v in next(d for d in listed if d["name"] == "interview-guide").items()
        if k != "title"}
    front = render(cli, "interview-guide --project testrup --role frontline")
    assert front.startswith("*Testrup Kommune")
    assert "# Interviewguide til frontlinjemedarbejdere" in front
    assert "Det er frivilligt at deltage" in front and "Vi skriver ikke dit navn" in front
    assert "| Navn | noteres ikke |" in front
    # questions grounded in the seed: too tight / too loose, supportive, meaningful, the chain
    for words in ("for stram", "for slap", "kontrol", "tidsspilde", "fjerne, forandre eller "
                  "forankre", "Hvilke regler og proceskrav"):
        assert words in front, words
    # the items already mapped, to ask about
    assert ("Ugentlige timer (regel/proceskrav; opleves som for stram af "
            "frontlinjemedarbejderne)") in front
    citizen = render(cli, "interview-guide --project testrup --role borger")
    assert "# Interviewguide til borgere" in citizen
    assert "ingen betydning for den støtte" in citizen and "frontlinjemedarbejder eller leder" \
        not in citizen
    leader = render(cli, "interview-guide testrup --role leader", lang="en")
    assert "# Interview guide for leaders" in leader and "Taking part is voluntary" in leader
    admin = render(cli, "interview-guide testrup --role administration")
    assert "retssikkerhed" in admin
    r = cli("render interview-guide --project testrup")
    assert r.exit_code != 0 and "--role" in r.output
    r = cli("render interview-guide --project testrup --role med")
    assert r.exit_code == 2


def test_the_guides_are_available_once_the_interviews_are_due(cli, two_items, tmp_path):
    written = json.loads(cli.ok(f"render all testrup --format md --json --out {tmp_path}",
                                lang="da").output)
    names = sorted(p.rsplit("/", 1)[-1] for p in written)
    guides = [n for n in names if n.startswith("interviewguide")]
    assert len(guides) == 4, names
    assert any(n.startswith("observationsskema") for n in names)
    # before the mapping phase there are none
    cli.ok('project create tidlig --name "Tidligt" --municipality "Testrup Kommune" '
           "--date 2017-06-01")
    early = json.loads(cli.ok(f"render all tidlig --format md --json --out {tmp_path}/t",
                              lang="da").output)
    assert not [p for p in early if "interviewguide" in p or "observationsskema" in p]


def test_the_observation_template(cli, two_items):
    text = render(cli, "observation-template --project testrup")
    assert "# Observationsskema for feltstudie" in text
    for part in ("## Før feltstudiet", "## Under feltstudiet", "## Efter feltstudiet",
                 "## Hvad du ser efter", "Samtykke og anonymitet",
                 "| Tid | Situation | Styring i spil"):
        assert part in text, part
    assert "Ugentlige timer" in text


def test_the_mapping_report_shows_the_evidence_and_flags_unexplained_contradictions(
        cli, two_items):
    cli.ok('note add testrup --source interview --role leader --item 2 '
           '--text "Der følges aldrig op, men skemaet tjekkes" --on 2017-09-22 '
           '--by "Anne Agent"')
    cli.ok("item edit testrup 2 --experience too_loose --character controlling "
           "--experienced-by leader")
    text = render(cli, "mapping-report --project testrup")
    assert "| Oplevet af | frontlinjemedarbejder |" in text
    assert "»Der følges aldrig op, men skemaet tjekkes«" in text and "Bemærk" not in text
    # the note that explained the labels is voided: the report flags the item
    cli.ok('note void testrup 1 --reason "Hørte til et andet element"')
    text = render(cli, "mapping-report --project testrup")
    assert "**Bemærk:** Disse styringselementer har betegnelser, der modsiger hinanden" in text
    assert "»Statusskrivelse«: styring, der opleves som for slap, opleves ikke samtidig som " \
           "kontrollerende" in text
    # the proposal to the steering group says who experiences the item so
    cli.ok("workshop vote testrup 2 --participant Frida --role frontline --verdict change "
           "--points 3 --date 2017-11-14")
    proposal = render(cli, "prioritisation-proposal --project testrup")
    assert "**Statusskrivelse** – forandre. Opleves som for slap af lederne." in proposal


def test_a_scenario_records_field_notes_and_who_experiences_an_item(cli, tmp_path):
    path = tmp_path / "felt.yaml"
    path.write_text(
        "format: nybureau-scenario/1\n"
        "project: {slug: felt, name: Feltprojekt, municipality: Testrup Kommune,\n"
        "          created: 2017-06-01}\n"
        "agents: [{name: Anne Agent, title: Fagkonsulent}]\n"
        "steps:\n"
        "  - {date: 2017-09-18, advance: mapping, reason: Test}\n"
        "  - {date: 2017-09-20, item: {kind: rule, title: Ugentlige timer,\n"
        "       experience: too_loose, character: controlling, experienced_by: leader,\n"
        "       note: Der styres på timer, men ikke på mål}}\n"
        "  - {date: 2017-09-21, field_note: {source: observation, role: frontline,\n"
        "       text: Timerne tælles hver fredag, by: Anne Agent, items: [Ugentlige timer]}}\n",
        encoding="utf-8")
    from nybureau.persistence.store import Store
    from nybureau.services.admin import read_scenario, run_scenario

    data, name = read_scenario(path)
    store = Store(cli.db_url)
    with store.transaction("tester") as tx:
        run_scenario(tx, data, name)
    store.dispose()
    assert items(cli, "felt")[0]["experienced_by"] == "leader"
    assert [n["items"] for n in notes(cli, "felt")] == [[1]]


def test_migration_0014_adds_the_field_work_to_0012_data(cli, mapping_project, store):
    from sqlalchemy import inspect

    from nybureau.persistence.schema import SCHEMA_HEAD
    from nybureau.persistence.store import Store
    from tests.meetings.test_generated_texts import _alembic

    cli.ok('item add testrup --kind rule --title "Ugentlige timer" --experience too_tight '
           "--character controlling --date 2017-09-20")
    before = {lang: render(cli, "mapping-report --project testrup", lang=lang)
              for lang in ("da", "en")}
    _alembic(store, "0012", down=True)
    names = set(inspect(store.engine).get_table_names())
    assert "field_note" not in names and "field_note_item" not in names
    assert "experienced_by" not in {c["name"] for c in
                                    inspect(store.engine).get_columns("governance_item")}
    store.dispose()
    again = Store(store.url)
    assert again.init() == ("0012", SCHEMA_HEAD)
    again.dispose()
    assert items(cli)[0]["experienced_by"] is None and notes(cli) == []
    assert {lang: render(cli, "mapping-report --project testrup", lang=lang)
            for lang in ("da", "en")} == before
    verify = json.loads(cli.ok("audit verify --json").output)
    assert verify["ok"], verify
    assert cli.ok("init").exit_code == 0  # idempotent
    cli.ok('note add testrup --source interview --role frontline --item 1 --text "Timer" '
           '--on 2017-09-21 --by "Anne Agent"')
    assert notes(cli)[0]["items"] == [1]
