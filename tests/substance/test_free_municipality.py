"""The free-municipality trial (issue 16 §8), through the CLI: the register of exemptions and
its requirement kind, the network-responsible municipality, focus areas with their own start
years, the example of three municipalities (seed 003), its documents (golden files for the
register of exemptions) and that no document of the workflow speaks of the other method."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import db_snapshot

UPDATE = bool(os.environ.get("NYBUREAU_UPDATE_GOLDEN"))
GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "frikommuneforsoeg"
FILES = ("guldborgsund", "gladsaxe", "ikast-brande")


def _trial(cli, slug="fri", network=True):
    if network:
        cli.ok('network create frikommuner --name "Frikommunenetværket"')
    cli.ok(f'project create {slug} --name "Frikommuneforsøg" --municipality "Guldborgsund Kommune" '
           f"--workflow frikommuneforsoeg {'--network frikommuner ' if network else ''}"
           "--date 2016-02-01")


def _unmet(cli, slug="fri"):
    s = json.loads(cli.ok(f"status {slug} --json").output)
    return {r["id"] for r in s["requirements"] if not r["met"]}


def _to_approval(cli):
    for name in ("Chef A", "Chef B", "Chef C"):
        cli.ok(f'body member fri steering_group "{name}"')
        cli.ok(f'body member fri project_group "Koordinator {name}"')
    cli.ok("decision record fri application --by borgmesteren --outcome approved "
           "--date 2016-02-20")
    cli.ok("decision record fri network_organisation --by management --by steering_group "
           "--outcome approved --date 2016-02-20")
    cli.ok("advance fri --date 2016-03-01")


def test_the_register_of_exemptions_through_the_cli(cli, db_url):
    _trial(cli)
    _to_approval(cli)
    assert "exemptions_decided" in _unmet(cli)
    r = cli.ok('exemption add fri Serviceloven "§ 50" "Fritagelse for den faste form" '
               "--date 2016-03-02")
    assert "Recorded exemption 1: Serviceloven § 50, sought 2016-03-02." in r.output
    cli.ok('exemption add fri Folkeskoleloven "§ 40 a" "Kvalitetsrapport i ny form" '
           "--date 2016-03-02 --note Foreløbig")
    rows = json.loads(cli.ok("exemption list fri --json").output)
    assert [(e["law"], e["section"], e["status"]) for e in rows] == [
        ("Folkeskoleloven", "§ 40 a", "sought"), ("Serviceloven", "§ 50", "sought")] or [
        (e["law"], e["status"]) for e in rows] == [("Serviceloven", "sought"),
                                                    ("Folkeskoleloven", "sought")]
    # refusals name what is wrong and write nothing
    before = db_snapshot(db_url)
    for args, text in [
        ("exemption decide fri 1 granted --date 2016-03-01", "before the application"),
        ("exemption decide fri 9 granted --date 2016-05-01", "has no exemption 9"),
        ("exemption decide fri 1 granted --date 2999-01-01", "in the future"),
        ('exemption add fri "" "§ 1" "X" --date 2016-03-02', "law"),
    ]:
        res = cli(args)
        assert res.exit_code == 1 and text in res.output, (args, res.output)
    res = cli("exemption decide fri 1 sought --date 2016-05-01")  # not an answer
    assert res.exit_code == 2
    assert db_snapshot(db_url) == before
    # the ministry answers (Danish words accepted); the gate waits for every answer
    cli.ok("exemption decide fri 1 imødekommet --date 2016-05-30")
    out = cli("advance fri --date 2016-06-01").output
    assert "1 still without an answer" in out
    r = cli.ok("exemption decide fri 2 afslået --date 2016-05-30 --note Begrundelse", lang="da")
    assert "afslået" in r.output
    assert "exemptions_decided" not in _unmet(cli)
    res = cli("exemption decide fri 2 granted --date 2016-06-01")
    assert res.exit_code == 1 and "already refused" in res.output
    # Danish list
    listing = cli.ok("exemption list fri", lang="da").output
    assert "imødekommet" in listing and "afslået" in listing
    # an advance dated before the ministry's answer is refused
    for key in ("ministry_approval", "evaluation_commissioned"):
        cli.ok(f"decision record fri {key} --by ministeriet --outcome approved --date 2016-05-01")
    cli.ok("decision record fri communication_strategy --by steering_group --outcome approved "
           "--date 2016-05-01")
    cli.ok('body member fri follow_group "Professionshøjskolen"')
    res = cli("advance fri --date 2016-05-15")
    assert res.exit_code == 1 and "the ministry's answer on the exemption" in res.output
    # voiding an exemption takes it out of the register and the gate; a withdrawn one too
    cli.ok('exemption void fri 2 --reason "Registreret ved en fejl"')
    assert [e["id"] for e in json.loads(cli.ok("exemption list fri --json").output)] == [1]
    all_rows = json.loads(cli.ok("exemption list fri --all --json").output)
    assert {e["id"]: bool(e["voided_at"]) for e in all_rows} == {1: False, 2: True}
    cli.ok('exemption add fri Dagtilbudsloven "§ 8" "Læreplaner" --date 2016-05-02')
    assert "exemptions_decided" in _unmet(cli)
    cli.ok("exemption decide fri 3 withdrawn --date 2016-05-03")
    assert "exemptions_decided" not in _unmet(cli)
    actions = [e["action"] for e in json.loads(cli.ok("log fri --json").output)]
    assert {"exemption.add", "exemption.decide", "exemption.void"} <= set(actions)


def test_the_register_document_shows_its_day(cli):
    _trial(cli)
    cli.ok('exemption add fri Serviceloven "§ 50" "Fritagelse for den faste form" '
           "--date 2016-03-02")
    cli.ok("exemption decide fri 1 granted --date 2016-05-30")
    now = cli.ok("render exemption-register fri --format md --out -", lang="da").output
    assert "Imødekommet" in now and "30. maj 2016" in now
    then = cli.ok("render exemption-register fri --format md --out - --as-of 2016-04-01",
                  lang="da").output
    assert "Imødekommet" not in then and "Søgt" in then and "afventer ministeriets svar" in then


def test_the_network_responsible_municipality(cli, db_url):
    _trial(cli)
    cli.ok('project create gl --name "Gladsaxe" --municipality "Gladsaxe Kommune" '
           "--workflow frikommuneforsoeg --network frikommuner --date 2016-02-01")
    before = db_snapshot(db_url)
    res = cli('network responsible frikommuner "Odder Kommune"')
    assert res.exit_code == 1 and "Gladsaxe Kommune, Guldborgsund Kommune" in res.output
    assert cli("network responsible frikommuner").exit_code == 2
    assert db_snapshot(db_url) == before
    r = cli.ok('network responsible frikommuner "guldborgsund kommune"')
    assert "Guldborgsund Kommune is the network-responsible municipality" in r.output
    nets = json.loads(cli.ok("network list --json").output)
    assert nets[0]["responsible_municipality"] == "Guldborgsund Kommune"
    for doc in ("project-description gl", "network-agenda --network frikommuner --number 1"):
        text = cli.ok(f"render {doc} --format md --out -", lang="da").output
        assert "| Netværksansvarlig kommune | Guldborgsund Kommune |" in text, doc
    cli.ok("network responsible frikommuner --clear")
    text = cli.ok("render project-description gl --format md --out -", lang="da").output
    assert "Netværksansvarlig" not in text


def test_focus_areas_run_in_parallel_from_their_own_start(cli, db_url):
    _trial(cli, network=False)
    cli.ok('focus add fri "A. De udsatte børn og unge" --start 2016 --end 2019 --date 2016-06-15')
    cli.ok('focus add fri "B. Folkeskolen" --start 2017 --end 2019 --date 2016-06-15')
    cli.ok('focus add fri "C. Unge skal have en uddannelse" --start 2017 --date 2016-06-15')
    before = db_snapshot(db_url)
    res = cli('focus add fri "D" --start 2019 --end 2017 --date 2016-06-15 --reason R')
    assert res.exit_code == 1 and "ends in 2017 before it starts in 2019" in res.output
    assert db_snapshot(db_url) == before
    rows = json.loads(cli.ok("focus list fri --json").output)
    assert [(f["start_year"], f["end_year"]) for f in rows] == [(2016, 2019), (2017, 2019),
                                                                 (2017, None)]
    text = cli.ok("render project-description fri --format md --out -", lang="da").output
    assert "- A. De udsatte børn og unge (2016–2019)" in text
    assert "- C. Unge skal have en uddannelse (2017–)" in text


def _import_example(cli):
    for name in FILES:
        cli.ok(f"project import {EXAMPLE / (name + '.yaml')}")


def test_the_example_of_three_municipalities(cli):
    _import_example(cli)
    nets = json.loads(cli.ok("network list --json").output)
    assert [(n["network"], n["projects"], n["responsible_municipality"]) for n in nets] == [
        ("frikommune-boern", 3, "Guldborgsund Kommune")]
    s = json.loads(cli.ok("status frikommune-guldborgsund --json").output)
    assert s["phase"] == "continuous_evaluation"
    for slug in ("frikommune-gladsaxe", "frikommune-ikast-brande"):
        assert json.loads(cli.ok(f"status {slug} --json").output)["phase"] == "local_projects"
    rows = json.loads(cli.ok("exemption list frikommune-guldborgsund --json").output)
    assert sorted(e["status"] for e in rows) == ["granted", "granted", "granted", "refused"]
    areas = json.loads(cli.ok("focus list frikommune-guldborgsund --json").output)
    assert [(f["start_year"], f["end_year"]) for f in areas] == [(2016, 2019), (2017, 2019),
                                                                  (2017, 2019)]


# the method's own name, its owners and its word for the field workers (the trial's definition
# calls them coordinators: its ``terms``)
FOREIGN = re.compile(r"nybureaukratiser|fremfærd|fremfaerd|dokumentationsagent|"
                     r"documentation agent", re.I)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_document_of_the_trial_speaks_of_the_other_method(cli, tmp_path, lang):
    _import_example(cli)
    for slug in ("frikommune-guldborgsund", "frikommune-gladsaxe"):
        out = tmp_path / lang / slug
        cli.ok(f"render all {slug} --out {out} --format md --format html", lang=lang)
        files = sorted(out.rglob("*.*"))
        assert len(files) > 10
        names = {f.name for f in files}
        assert any("fritagelser" in n or "exemption-register" in n for n in names), names
        for f in files:
            text = f.read_text(encoding="utf-8")
            found = FOREIGN.search(text)
            assert found is None, f"{f.name}: »{found.group(0)}«"
    text = cli.ok("render network-agenda --network frikommune-boern --number 1 --format md "
                  "--out -", lang=lang).output
    assert "Guldborgsund Kommune" in text
    assert FOREIGN.search(text) is None
    # the workshop's documents name the trial's own facilitators
    guide = cli.ok("render workshop-guide --project frikommune-guldborgsund --format md --out -",
                   lang=lang).output
    sheet = cli.ok("render voting-sheet --project frikommune-guldborgsund --format md --out -",
                   lang=lang).output
    if lang == "da":
        assert "Facilitatorer: koordinatorerne" in guide
        assert "Seddel nr. (udfyldes af koordinatorerne):" in sheet
    else:
        assert "Facilitators: the coordinators" in guide
        assert "Sheet no. (filled in by the coordinators):" in sheet


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_register_of_exemptions_matches_its_golden_file(cli, lang, fmt):
    cli.ok(f"project import {EXAMPLE / 'guldborgsund.yaml'}")
    text = cli.ok(f"render exemption-register frikommune-guldborgsund --format {fmt} --out -",
                  lang=lang).output
    path = GOLDEN / f"exemption-register.{lang}.{fmt}"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; create it with NYBUREAU_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_the_register_of_exemptions_renders_as_docx_and_pdf(cli, tmp_path):
    from nybureau.rendering.pdf import unavailable

    cli.ok(f"project import {EXAMPLE / 'guldborgsund.yaml'}")
    cli.ok(f"render exemption-register frikommune-guldborgsund --format docx --out "
           f"{tmp_path / 'f.docx'}")
    assert (tmp_path / "f.docx").read_bytes()[:2] == b"PK"
    if unavailable():
        pytest.skip("no PDF renderer on this machine")
    cli.ok(f"render exemption-register frikommune-guldborgsund --format pdf --out "
           f"{tmp_path / 'f.pdf'}")
    assert (tmp_path / "f.pdf").read_bytes()[:4] == b"%PDF"


def test_the_workshop_invites_the_trials_coordinators_by_its_own_word(cli):
    _import_example(cli)
    slug = "frikommune-guldborgsund"
    refused = cli(f'workshop plan {slug} --date "2018-03-01 9.00" --invite koordinatorerne',
                  lang="da")
    assert refused.exit_code != 0
    assert "Koordinatorerne har ingen nuværende medlemmer" in refused.output
    cli.ok(f'agent add {slug} "Henrik Olesen Bay" --title Koordinator --date 2016-09-01')
    plan = json.loads(cli.ok(f'workshop plan {slug} --date "2018-03-01 9.00" '
                             '--invite koordinatorerne --json').output)
    assert [i["name"] for i in plan["invitees"]] == ["Henrik Olesen Bay"]
