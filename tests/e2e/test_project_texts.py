"""The project's own texts and who indstiller (issue 13, point 2): set, show and clear them
through the CLI; refusals name what is wrong and leave the database as it was; the Odder
demo's items carry the case's own words; the free-municipality workflow's texts never name the
method."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(cli):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2017-06-01")
    return "odder"


def refused(cli, snapshot, args, *, lang="en"):
    before = snapshot()
    result = cli(args, lang=lang)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert snapshot() == before, "a refused command changed the database"
    return result.output


def test_set_show_and_clear_a_text(cli, project, tmp_path):
    out = cli.ok('project text odder purpose --text "At skabe en ny model for visitation."')
    assert "Saved the text 'purpose'" in out.output
    shown = json.loads(cli.ok("project text odder --json").output)
    assert shown["purpose"] == "At skabe en ny model for visitation."
    assert shown["background"] is None and set(shown) >= {"not_open", "evaluation_design"}
    f = tmp_path / "baggrund.txt"
    f.write_text("Første afsnit.\n\n- et punkt\n- et andet", encoding="utf-8")
    cli.ok(f"project text odder background --file {f}")
    assert "- et andet" in cli.ok("project text odder background").output
    again = cli.ok('project text odder purpose --text "At skabe en ny model for visitation."')
    assert "nothing changed" in again.output
    da = cli.ok("project text odder", lang="da").output
    assert "Formål (purpose):" in da and "Målgrupper (target_groups):" in da
    assert "(ikke registreret)" in da
    cli.ok("project text odder purpose --clear")
    assert json.loads(cli.ok("project text odder --json").output)["purpose"] is None
    log = cli.ok("log odder", lang="da").output
    assert "Projektets tekst »Formål« er fjernet." in log
    assert "Projektets tekst »Baggrund« er skrevet." in log


def test_text_refusals_change_nothing(cli, snapshot, project, tmp_path):
    out = refused(cli, snapshot, 'project text odder vision --text "X"')
    assert "Unknown text field 'vision'" in out
    assert "background, purpose, goals, success_criteria, target_groups, economy, not_open, " \
           "evaluation_design" in out
    da = refused(cli, snapshot, 'project text odder vision --text "X"', lang="da")
    assert "Ukendt tekstfelt 'vision'; felterne er: background" in da
    assert "has no text 'goals'" in refused(cli, snapshot, "project text odder goals --clear")
    assert "only one of" in refused(cli, snapshot, 'project text odder goals --text A --clear')
    assert "Name the field" in refused(cli, snapshot, 'project text odder --text A')
    assert "empty" in refused(cli, snapshot, 'project text odder goals --text "  "')
    assert "does not exist" in refused(
        cli, snapshot, f"project text odder goals --file {tmp_path / 'mangler.txt'}")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Målgrupper".encode("latin-1"))
    assert "not UTF-8" in refused(cli, snapshot, f"project text odder goals --file {bad}")
    assert "Unknown text field" in refused(cli, snapshot, "project text odder vision")
    assert "no project" in refused(cli, snapshot, 'project text nowhere goals --text A').lower()


def test_proposer_and_case_number(cli, snapshot, project):
    out = cli.ok("project set odder --proposer forvaltningen", lang="da").output
    assert "Forvaltningen indstiller nu på punkterne i 'odder'." in out
    assert "case number of 'odder' is now 27.00" in cli.ok(
        'project set odder --case "27.00.00-A00-1-17"').output
    assert "already has these settings" in cli.ok(
        "project set odder --proposer forvaltningen").output
    out = refused(cli, snapshot, "project set odder --proposer borgmesteren")
    assert "Unknown proposer 'borgmesteren'" in out
    assert "projektledelsen, forvaltningen, sekretariatet, styregruppen" in out
    assert "Nothing to change" in refused(cli, snapshot, "project set odder")
    events = json.loads(cli.ok("log odder --json").output)
    from nybureau.cli.log_sentences import Words, sentence

    said, ok = sentence(next(e for e in events if e["action"] == "project.set"), Words("da"))
    assert ok and said == "Forvaltningen indstiller nu på projektets punkter."


def test_the_decision_paper_names_the_proposer(cli, project):
    cli.ok("project set odder --proposer sekretariatet")
    da = cli.ok("render decision-paper --project odder --decision project_description "
                "--out -", lang="da").output
    assert "Sekretariatet indstiller," in da
    assert "Projektledelsen indstiller" not in da
    en = cli.ok("render decision-paper --project odder --decision project_description "
                "--out -", lang="en").output
    assert "The secretariat recommends" in en


def test_item_sections_can_be_edited(cli, project):
    cli.ok('meeting plan odder management --date "2017-06-14 10:00"')
    cli.ok('meeting item edit 1 1 --summary "Kort resumé." --consequences "Ingen." '
           '--consultation "Behandles i MED-udvalget."')
    from nybureau.persistence.store import Store

    store = Store(cli.db_url)
    with store.read() as tx:
        item = tx.items(1)[0]
    store.dispose()
    assert (item.summary, item.consequences, item.consultation) == \
        ("Kort resumé.", "Ingen.", "Behandles i MED-udvalget.")


# -- the case in its own words --------------------------------------------------------------------
@pytest.fixture(scope="module")
def odder(tmp_path_factory):
    """The Odder scenario (and Egelund's) loaded into a fresh SQLite store."""
    from nybureau.persistence.store import Store
    from nybureau.services.admin import read_scenario, run_scenario

    tmp = tmp_path_factory.mktemp("odder")
    store = Store("sqlite:///" + str(tmp / "odder.db"))
    store.init()
    for name in ("odder", "second-municipality"):
        data, file = read_scenario(ROOT / "examples" / name / "project.yaml")
        with store.transaction("tester") as tx:
            run_scenario(tx, data, file)
    yield store
    store.dispose()


def _item(tx, decision_key: str):
    for m in tx.meeting_list(project_id=tx.project_get("odder-bostoette").id):
        for it in tx.items(m["id"]):
            if it.decision_key == decision_key:
                return it
    raise AssertionError(f"no item {decision_key}")


def test_the_project_description_item_carries_the_cases_own_words(odder):
    with odder.read() as tx:
        it = _item(tx, "project_description")
    da = it.background_generated["da"]
    assert "bestiller-/udfører-/modtager-model (BUM-modellen)" in da
    assert "Aktivt Medborgerskab" in da
    assert "Socialrådgivernes sagsbehandlingstid afhænger af sagens kompleksitet" in da
    assert "Rammer, der ikke er til drøftelse:" in da
    assert "nybureaukratisering" not in da.lower()
    assert "Om fasen" not in da and "hører til fase" not in da
    assert it.summary.startswith("Det overordnede formål er at skabe en ny struktur og model")
    assert "Marselisborg er projektleder og facilitator" in it.finances
    assert "myndighed og udfører på bostøtteområdet" in it.consequences
    en = it.background_generated["en"]
    assert en.startswith("Background:")


def test_the_focus_area_item_carries_the_workshop_and_the_proposal(odder):
    with odder.read() as tx:
        it = _item(tx, "focus_areas")
    da = it.background_generated["da"]
    assert "workshoppen den 14. november 2017" in da
    assert "- Ens sagsbehandlingstid uanset sagens kompleksitet: 28 point, forandre" in da
    assert "Bestillingen beskriver ydelsen, ikke borgerens mål" in da
    assert "Dokumentationsagenternes forslag" in da
    assert "forankre: Ugentlig teamkoordinering i bostøtten" in da


def test_the_status_to_med_carries_the_priorities(odder):
    from nybureau.services.documents.case_texts import decision_case_text

    with odder.read() as tx:
        project = tx.project_get("odder-bostoette")
        spec = tx.workflow_spec(project.workflow_definition_id)
        da = decision_case_text(tx, project, spec, "status_report", None, "da")
    assert "Styregruppen har besluttet 3 indsatsområder:" in da
    assert "- Udfører tættere på bestillingen:" in da
    assert "(forandre)" in da


def test_the_project_description_document_has_the_texts(odder):
    from nybureau.services.documents import build

    with odder.read() as tx:
        data = build(tx, "project-description", "da", project="odder-bostoette")
    labels = [t["label"] for t in data["texts"]]
    assert labels == ["Baggrund", "Formål", "Mål", "Succeskriterier", "Målgrupper", "Økonomi",
                      "Rammer, der ikke er til drøftelse", "Evalueringsdesign"]
    assert data["texts_missing"] == []


def test_the_free_municipality_texts_never_name_the_method(cli):
    from nybureau.persistence.store import Store
    from nybureau.services.documents.case_texts import decision_case_text, status_case_text

    cli.ok('project create fri --name "Frikommune" --municipality "Fri Kommune" '
           "--workflow frikommuneforsoeg --date 2017-01-02")
    cli.ok('project text fri purpose --text "At prøve nye regler af."')
    cli.ok('body member fri steering_group "Ane Holm" --role Formand')
    store = Store(cli.db_url)
    with store.read() as tx:
        project = tx.project_get("fri")
        spec = tx.workflow_spec(project.workflow_definition_id)
        for lang in ("da", "en"):
            for d in spec.decision_ids:
                said = decision_case_text(tx, project, spec, d, None, lang)
                assert "nybureaukrati" not in said.lower(), (d, said)
            assert "nybureaukrati" not in status_case_text(tx, project, lang).lower()
    store.dispose()
    for doc in ("project-description", "mandate"):
        out = cli.ok(f"render {doc} --project fri --out -", lang="da").output
        assert "nybureaukrati" not in out.lower().replace("nybureau log", ""), doc
